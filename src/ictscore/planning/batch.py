"""The framework evaluated on many worlds at once with numpy: arrays of draws × entities.

The Monte Carlo needs thousands of full recomputes (every peer's values move in every draw), far
beyond the one-value fast path of `Engine.update`. Each rule and method brings its own numpy
form (ictscore.scoring), written to give the engine's numbers to the last bit; this module only
walks the tree. Missing values are NaN and take no part among the peers, as None does in the
engine. Category values enter as their score (fraction × points). The differential tests hold
it to the engine on every bundled framework and on adversarial data.

Only the Monte Carlo imports this module, so `ictscore compute` never pays numpy's import.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

from ictscore.engine.compute import Engine
from ictscore.engine.ranking import displayed
from ictscore.engine.result import Result
from ictscore.formats.criteria import Aggregate, Indicator
from ictscore.formats.values import Value
from ictscore.scoring.base import TIE_TOLERANCE
from ictscore.scoring.methods import METHODS
from ictscore.scoring.methods.base import CombineArrays
from ictscore.scoring.rules.minmax import rescale_array

Array = npt.NDArray[np.float64]


def numeric(ind: Indicator, v: Value | None) -> float:
    """A raw value as the batch evaluator takes it: categories become their score."""
    if v is None:
        return float("nan")
    return ind.rule.encode(ind, v)


def start_arrays(engine: Engine, result: Result) -> tuple[dict[str, Array], dict[str, Array]]:
    """Raw values per indicator (entities,); supplied scores per aggregate (NaN = computed)."""
    raw: dict[str, Array] = {}
    supplied: dict[str, Array] = {}
    for nid in engine.order:
        node = engine.criteria.nodes[nid]
        if isinstance(node, Indicator):
            raw[nid] = np.array([numeric(node, v) for v in result.raw[nid]], dtype=np.float64)
        else:
            col = result.inputs[nid]
            if any(v is not None for v in col):
                supplied[nid] = np.array(
                    [np.nan if v is None else float(v) for v in col], dtype=np.float64
                )
    return raw, supplied


class BatchEvaluator:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.criteria = engine.criteria
        self._combine: dict[str, CombineArrays] = {
            agg.id: METHODS[agg.method].compile_array(engine.kids(agg.id))
            for agg in self.criteria.aggregates()
        }

    def scores(self, raw: Mapping[str, Array], supplied: Mapping[str, Array]) -> dict[str, Array]:
        """Scores at every node, shape (draws, entities); `raw` arrays broadcast to that shape."""
        return self._walk(raw, supplied, keep_all=True)

    def root_scores(self, raw: Mapping[str, Array], supplied: Mapping[str, Array]) -> Array:
        """Scores at the root only, dropping each node's arrays once its parents have them."""
        return self._walk(raw, supplied, keep_all=False)[self.criteria.root]

    def _walk(
        self, raw: Mapping[str, Array], supplied: Mapping[str, Array], keep_all: bool
    ) -> dict[str, Array]:
        crit = self.criteria
        scores: dict[str, Array] = {}
        remaining = {n: len(crit.parents[n]) for n in crit.nodes}
        with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            for nid in self.engine.order:
                node = crit.nodes[nid]
                if isinstance(node, Indicator):
                    x = np.asarray(raw[nid], dtype=np.float64)
                    scores[nid] = node.rule.score_array(node, x)
                    continue
                scores[nid] = self._aggregate(node, scores, supplied.get(nid))
                if keep_all:
                    continue
                for c in self.engine.children(nid):
                    remaining[c] -= 1
                    if remaining[c] == 0 and c != crit.root:
                        del scores[c]
        return scores

    def _aggregate(self, agg: Aggregate, scores: Mapping[str, Array], sup: Array | None) -> Array:
        cols = [scores[c] for c in self.engine.children(agg.id)]
        pre = self._combine[agg.id](cols) if cols else np.zeros(1)
        if sup is not None:
            pre = np.where(np.isnan(sup), pre, np.nan)
        if agg.cap is not None:
            pre = np.minimum(pre, agg.cap)
        if agg.rescale == "minmax":
            pre = rescale_array(pre)
        out = pre * agg.scale
        if sup is not None:
            out = np.where(np.isnan(sup), out, sup)
        return np.asarray(out, dtype=np.float64)


def round_scores(s: Array, decimals: int | None) -> Array:
    """Scores rounded as the engine's ranks round them (`ranking.displayed`), elementwise.

    numpy's own rounding scales, rounds and scales back, which can land on the other side of a
    half from the value the display and the engine's ranks use; the few values that sit near a
    half are rounded by `displayed` itself.
    """
    if decimals is None:
        return s
    factor = 10.0**decimals
    t = s * factor
    out = np.rint(t) / factor
    with np.errstate(invalid="ignore"):
        near = np.abs(np.abs(t - np.trunc(t)) - 0.5) < 1e-6
    if near.any():
        out = np.array(out, dtype=np.float64)
        out[near] = [displayed(float(v), decimals) for v in s[near]]
    return np.asarray(out, dtype=np.float64)


def focus_ranks(
    scores: Array, i: int, ties: str = "competition", decimals: int | None = None
) -> npt.NDArray[np.int64]:
    """The rank of entity `i` in every row, by the engine's rules (NaN scores unranked)."""
    s = np.where(np.isnan(scores), -np.inf, round_scores(scores, decimals))
    mine = s[:, i : i + 1]
    if decimals is None:
        tol = TIE_TOLERANCE * np.maximum(1.0, np.abs(s))
        with np.errstate(invalid="ignore"):  # -inf − -inf: two unranked entities
            above = s - mine > tol
            equal = ~above & (mine - s <= TIE_TOLERANCE * np.maximum(1.0, np.abs(mine)))
    else:
        above = s > mine
        equal = s == mine
    if ties == "ordinal":
        before = np.zeros(s.shape, dtype=bool)
        before[:, :i] = True
        return np.asarray(1 + above.sum(axis=1) + (equal & before).sum(axis=1), dtype=np.int64)
    if ties == "dense":
        srt = -np.sort(-np.where(above, s, -np.inf), axis=1)
        with np.errstate(invalid="ignore"):
            gap = np.diff(srt, axis=1, prepend=np.inf)
        if decimals is None:
            new = (-gap > TIE_TOLERANCE * np.maximum(1.0, np.abs(srt))) & np.isfinite(srt)
        else:
            new = (-gap > 0) & np.isfinite(srt)
        return np.asarray(1 + new.sum(axis=1), dtype=np.int64)
    return np.asarray(1 + above.sum(axis=1), dtype=np.int64)


def rank_rows(
    scores: Array, ties: str = "competition", decimals: int | None = None
) -> npt.NDArray[np.int64]:
    """Every entity's rank in every row (the differential tests compare them with the engine)."""
    return np.stack(
        [focus_ranks(scores, i, ties, decimals) for i in range(scores.shape[-1])], axis=-1
    )
