"""What every rule and aggregation method provides, and the numeric helpers they share.

Two forms of the same arithmetic live side by side: plain Python for the engine (one value, or
one column of entities) and numpy for the Monte Carlo (draws × entities). They must agree to the
last bit, so both use the same operations in the same order, and the sums that Python takes
with `math.fsum` are taken in numpy with a compensated sum (`array_sum`), which gives the same
correctly rounded result for the short sums scoring needs.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, Protocol, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    ModelWrapValidatorHandler,
    ValidationError,
    model_validator,
)
from pydantic_core import ErrorDetails, InitErrorDetails, PydanticCustomError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Array = npt.NDArray[np.float64]
else:
    Array = Any

Value = float | str
"""A raw value: a number, or a category key."""

Bounds = tuple[float, float]
INF = math.inf

TIE_TOLERANCE = 1e-9
"""Relative gap under which two scores count as equal: float noise must not break a tie, nor be
stretched into a spread by a rescaling across peers."""


def N_(msgid: str) -> str:
    """Mark a rule's refusal for the message catalogue (`pybabel extract` looks for `N_`).

    Scoring sits below `ictscore.formats.message` and cannot build a translatable message; a
    rule's refusals carry no parameters, so the loader that reports one looks it up in the
    catalogue by its English (`ictscore.formats.tomlfile.pydantic_message`)."""
    return msgid


class Message(NamedTuple):
    """Words to be: a catalogue key and the data the words need (numbers stay numbers)."""

    key: str
    params: Mapping[str, object]


class IndicatorLike(Protocol):
    """What a rule may know of the indicator it scores (the file model sits a layer above)."""

    @property
    def id(self) -> str: ...
    @property
    def direction(self) -> str: ...
    @property
    def range(self) -> tuple[float, float] | None: ...
    @property
    def step(self) -> float | None: ...
    @property
    def unit(self) -> str: ...


Scorer = Callable[[Value], float]


def _wants_number(tp: object) -> bool:
    """Whether a field's type is (or holds) a number and no true/false."""
    if tp is bool:
        return False
    if tp in (int, float):
        return True
    return any(_wants_number(a) for a in get_args(tp))


def _takes_bool(tp: object) -> bool:
    return tp is bool or any(_takes_bool(a) for a in get_args(tp))


def _holds_bool(v: object) -> bool:
    if isinstance(v, bool):
        return True
    return isinstance(v, list | tuple) and any(_holds_bool(x) for x in v)


class NoBoolNumbers(BaseModel):
    """A model whose number fields refuse `true` and `false`.

    Pydantic reads `true` as 1 for a float or int field, so `points = true` or `range = [0, true]`
    would load as a valid number and give a wrong result without a word. Every file model (the
    rules here, the criteria, scenario, plan and data models above) derives from this. It is a
    model validator rather than a field validator for "*" because pydantic allows none of the
    latter on a rule's `type`, the key its union is told apart by.
    """

    @model_validator(mode="wrap")
    @classmethod
    def _no_bool_numbers(cls, data: object, handler: ModelWrapValidatorHandler[Any]) -> Any:
        # wrapping, not a "before" check that raises alone, so that a file with both a boolean
        # number and another problem in the same table reports both in one run
        mine: list[InitErrorDetails] = []
        if isinstance(data, dict):
            for name, field in cls.model_fields.items():
                key = name if name in data else field.alias
                if key is None or key not in data or not _holds_bool(data[key]):
                    continue
                if _wants_number(field.annotation) and not _takes_bool(field.annotation):
                    mine.append(
                        InitErrorDetails(
                            type=PydanticCustomError(_BOOL, "expects a number, not true/false"),
                            loc=(key,),
                            input=data[key],
                        )
                    )
        try:
            out = handler(data)
        except ValidationError as exc:
            if not mine:
                raise
            flagged = {e["loc"] for e in mine}
            rest = [_again(e) for e in exc.errors() if e["loc"][:1] not in flagged]
            raise ValidationError.from_exception_data(cls.__name__, mine + rest) from None
        if mine:
            raise ValidationError.from_exception_data(cls.__name__, mine)
        return out


_BOOL = "bool_number"


def _again(e: ErrorDetails) -> InitErrorDetails:
    """A reported error as one to raise again, beside the boolean numbers found."""
    kind: Any = e["type"]
    if kind == _BOOL:
        kind = PydanticCustomError(_BOOL, e["msg"])
    out = InitErrorDetails(type=kind, loc=e["loc"], input=e["input"])
    if "ctx" in e:
        out["ctx"] = e["ctx"]
    return out


class RuleBase(NoBoolNumbers):
    """A scoring rule: the `[indicator.rule]` table of a criteria file, and its meaning."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        allow_inf_nan=False,
    )

    type: str

    peer_relative: ClassVar[bool] = False
    """True when an entity's score depends on the other entities' values (a whole column)."""
    values: ClassVar[str] = "number"
    """What a value is: "number", "category" (a key) or "yes_no" (1 or 0)."""
    exact_inverse: ClassVar[bool] = True
    """False: goal seeking must search the value numerically (the score depends on peers)."""

    # --- the value ------------------------------------------------------------------------

    def check(self, ind: IndicatorLike) -> str | None:
        """Why this rule cannot score this indicator (None when it can)."""
        return None

    def upward(self, ind: IndicatorLike) -> bool:
        """Whether a larger value is better."""
        return ind.direction == "higher"

    def encode(self, ind: IndicatorLike, v: Value) -> float:
        """The value as the numpy form takes it (categories become their score)."""
        return float(v)

    def worst(self, ind: IndicatorLike) -> Value:
        """The worst valid value: what the `lowest` missing-value policy gives."""
        if ind.range is None:
            return 0.0
        return ind.range[0] if self.upward(ind) else ind.range[1]

    def zero(self, ind: IndicatorLike) -> Value:
        """What the `zero` missing-value policy gives."""
        return 0.0

    def order_value(self, ind: IndicatorLike, v: Value) -> float:
        """A number that grows as the value gets better: to pick the better of two values."""
        x = self.encode(ind, v)
        return x if self.upward(ind) else -x

    def keys(self) -> list[str]:
        """The keys a value may take when values are named (categories), as the file lists them."""
        return []

    def ordered_keys(self) -> list[str]:
        """`keys`, from the worst to the best."""
        return []

    def label(self, key: object, lang: str) -> str | None:
        """A named value in words (a category's label); None for a number."""
        return None

    # --- scoring --------------------------------------------------------------------------

    def scorer(self, ind: IndicatorLike) -> Scorer:
        """A function of one value (rules that do not look at the peers)."""
        raise TypeError(f"rule {self.type} scores a whole column")

    def score_column(self, ind: IndicatorLike, raw: Sequence[Value | None]) -> list[float | None]:
        """Every entity's score; None stays None and takes no part among the peers."""
        f = self.scorer(ind)
        return [None if v is None else f(v) for v in raw]

    def score_array(self, ind: IndicatorLike, x: Array) -> Array:
        """`score_column` on encoded values, shape (..., entities); NaN is a missing value."""
        raise NotImplementedError

    def bounds(self, ind: IndicatorLike) -> Bounds:
        """The lowest and highest score the rule can give."""
        raise NotImplementedError

    # --- planning -------------------------------------------------------------------------

    def thresholds(self, ind: IndicatorLike) -> list[float]:
        """Values where the score jumps or stops rising: a sweep must include each of them."""
        return []

    def candidates(self, ind: IndicatorLike, current: Value) -> Sequence[Value] | None:
        """Better values that score differently, best last; None for a continuous value."""
        return None

    def inverse(self, ind: IndicatorLike, score: float) -> float | None:
        """The value nearest the worst end whose own score reaches `score` (None: none does).

        Peer-relative rules declare `exact_inverse = False` and return None: their score moves
        with the peers, so goal seeking searches the value through the engine instead.
        """
        return None

    def saturation(self, ind: IndicatorLike) -> float | None:
        """Past this value the rule's score cannot rise (None: it rises without end)."""
        top = self.bounds(ind)[1]
        return self.inverse(ind, top) if math.isfinite(top) else None

    def describe(self, ind: IndicatorLike) -> Message:
        """How the rule turns a value into points, as a message key with its data."""
        raise NotImplementedError


def clip(x: float, lo: float, hi: float) -> float:
    return min(hi, max(lo, x))


def is_flat(lo: float, hi: float) -> bool:
    """All values equal up to float noise: a min-max rescaling gives everyone full marks."""
    return hi - lo <= TIE_TOLERANCE * max(1.0, abs(lo), abs(hi))


def flat_array(lo: Array, hi: Array) -> Array:
    """`is_flat` on arrays."""
    import numpy as np

    scale = np.maximum(1.0, np.maximum(np.abs(lo), np.abs(hi)))
    return np.asarray(hi - lo <= TIE_TOLERANCE * scale)


def array_sum(terms: Sequence[Array]) -> Array:
    """Σ terms elementwise, compensated (Neumaier), so it rounds as `math.fsum` does.

    A plain numpy sum of products differs from the engine's `fsum` in the last bit now and
    then, and a last bit is enough to break a tie one way in the engine and the other way in the
    Monte Carlo. NaN propagates.
    """
    import numpy as np

    if not terms:
        return np.zeros(())
    s = np.asarray(terms[0], dtype=np.float64)
    c = np.zeros(np.broadcast_shapes(*(np.shape(t) for t in terms)))
    s = s + c
    for t in terms[1:]:
        big = s + t
        c = c + np.where(np.abs(s) >= np.abs(t), (s - big) + t, (t - big) + s)
        s = big
    with np.errstate(invalid="ignore"):
        out = s + np.where(np.isfinite(c), c, 0.0)
    return np.asarray(out, dtype=np.float64)


def axis_sum(x: Array) -> Array:
    """Σ over the last axis (the entities), compensated like `array_sum`; keeps the axis."""
    import numpy as np

    parts = [x[..., j : j + 1] for j in range(x.shape[-1])]
    return array_sum(parts) if parts else np.zeros((*x.shape[:-1], 1))


def nan_min(x: Array) -> Array:
    """The smallest value over the entities, ignoring NaN (all NaN gives NaN)."""
    import numpy as np

    return np.asarray(np.fmin.reduce(x, axis=-1, keepdims=True), dtype=np.float64)


def nan_max(x: Array) -> Array:
    import numpy as np

    return np.asarray(np.fmax.reduce(x, axis=-1, keepdims=True), dtype=np.float64)


def keep_missing(x: Array, out: Array) -> Array:
    """Scores where the value was missing stay missing."""
    import numpy as np

    return np.asarray(np.where(np.isnan(x), np.nan, out), dtype=np.float64)
