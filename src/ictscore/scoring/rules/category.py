"""category: a named category earns a fraction of the points (chairman heads the committee →
full points, a deputy → half)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import ConfigDict, Field

from ictscore.scoring.base import (
    N_,
    Array,
    Bounds,
    IndicatorLike,
    Message,
    NoBoolNumbers,
    RuleBase,
    Scorer,
    Value,
)


class Category(NoBoolNumbers):
    """One category: its key, its labels and the share of the points it earns."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    key: str = Field(description="What a data file or a change writes for this category.")
    label_vi: str = Field(description="The category as a Vietnamese reader sees it.")
    label_en: str = Field(description="The category in English.")
    fraction: float = Field(ge=0, le=1, description="The share of the points this category earns.")


class CategoryRule(RuleBase):
    """A value is one of the categories' keys; it earns that category's share of the points."""

    type: Literal["category"] = Field(description='Which rule: "category".')
    points: float = Field(description="Points of a category with fraction 1.")
    categories: list[Category] = Field(min_length=1, description="The categories, in any order.")

    values = "category"

    def check(self, ind: IndicatorLike) -> str | None:
        if ind.range is not None:
            return N_("a category indicator takes category keys, not a numeric range")
        return None

    def keys(self) -> list[str]:
        return [c.key for c in self.categories]

    def ordered_keys(self) -> list[str]:
        return [c.key for c in self.ordered()]

    def ordered(self) -> list[Category]:
        """From the worst category to the best, so that "one step up" means better."""
        return sorted(self.categories, key=lambda c: c.fraction)

    def order_value(self, ind: IndicatorLike, v: Value) -> float:
        frac = {c.key: c.fraction for c in self.categories}
        return frac.get(str(v), -1.0)

    def _table(self) -> dict[str, float]:
        return {c.key: c.fraction * self.points for c in self.categories}

    def encode(self, ind: IndicatorLike, v: Value) -> float:
        try:
            return self._table()[str(v)]
        except KeyError:
            raise ValueError(f"unknown category {v!r} for {ind.id}") from None

    def upward(self, ind: IndicatorLike) -> bool:
        return True

    def worst(self, ind: IndicatorLike) -> Value:
        return self.ordered()[0].key

    def zero(self, ind: IndicatorLike) -> Value:
        return self.worst(ind)

    def scorer(self, ind: IndicatorLike) -> Scorer:
        table = self._table()

        def category(v: Value) -> float:
            try:
                return table[v]  # type: ignore[index]
            except KeyError:
                raise ValueError(f"unknown category {v!r} for {ind.id}") from None

        return category

    def score_array(self, ind: IndicatorLike, x: Array) -> Array:
        return x  # encoded values are the scores already

    def bounds(self, ind: IndicatorLike) -> Bounds:
        fr = [c.fraction * self.points for c in self.categories]
        return (min(fr), max(fr))

    def candidates(self, ind: IndicatorLike, current: Value) -> Sequence[Value] | None:
        frac = {c.key: c.fraction for c in self.categories}
        now = frac.get(str(current), -1.0)
        return [c.key for c in self.ordered() if c.fraction > now]

    def describe(self, ind: IndicatorLike) -> Message:
        return Message(
            "rule.category",
            {
                "categories": [
                    ({"vi": c.label_vi, "en": c.label_en}, c.fraction * self.points)
                    for c in self.categories
                ]
            },
        )

    def label(self, key: object, lang: str) -> str | None:
        for c in self.categories:
            if c.key == key:
                return c.label_vi if lang == "vi" else c.label_en
        return None


RULE = CategoryRule
