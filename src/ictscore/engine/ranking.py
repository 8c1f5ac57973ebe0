"""Ranks at one node, with the framework's tie rule, on scores as readers see them.

Published tables rank the rounded value: two provinces showing 0,6123 share 15th place even when
their unrounded scores differ in the ninth decimal. So by default a rank compares scores rounded
to the node's decimals (exactly as they are displayed); a framework with `rank_on = "exact"`
compares unrounded scores, where float noise still counts as a tie.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

from ictscore.scoring.base import TIE_TOLERANCE

__all__ = ["TIE_TOLERANCE", "Ranks", "displayed", "rank_column", "rank_key", "rank_of"]


def displayed(score: float, decimals: int) -> float:
    """The score as a reader sees it with `decimals`: the float's shortest decimal text (what
    it prints as) rounded half up, as an official rounds (77,25 → 77,3; 0,125 → 0,13).

    The display writes this value and the ranks compare it, so a table never shows two equal
    numbers ranked apart, or two different ones tied. Python's `round` rounds the binary value
    half to even instead (77.25 → 77.2, 2.675 → 2.67): it agrees everywhere but at a half, so it
    answers unless the score sits on one.
    """
    scaled = abs(score) * 10.0**decimals
    if scaled < 1e9 and abs(scaled - math.floor(scaled) - 0.5) > 1e-6:
        return round(score, decimals)
    exact = Decimal(repr(score)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return float(exact)


def rank_key(score: float, decimals: int | None) -> float:
    """What a rank compares: the score as displayed with `decimals`, or unrounded (None)."""
    return score if decimals is None else displayed(score, decimals)


def same(a: float, b: float, decimals: int | None) -> bool:
    """Whether two scores tie: equal as displayed, or equal up to float noise when unrounded."""
    if decimals is not None:
        return displayed(a, decimals) == displayed(b, decimals)
    return abs(a - b) <= TIE_TOLERANCE * max(1.0, abs(a), abs(b))


def beats(a: float, b: float, decimals: int | None) -> bool:
    """Whether score `a` ranks strictly above `b`."""
    return not same(a, b, decimals) and a > b


def rank_column(
    scores: Sequence[float | None], ties: str = "competition", decimals: int | None = None
) -> tuple[int | None, ...]:
    keyed = [None if s is None else rank_key(s, decimals) for s in scores]
    # a stable sort, so entities that tie keep their data order (what 'ordinal' ranks by)
    idx = [i for i, s in enumerate(keyed) if s is not None]
    order = sorted(idx, key=keyed.__getitem__, reverse=True)  # type: ignore[arg-type]
    ranks: list[int | None] = [None] * len(scores)
    prev: float | None = None
    rank = 0
    dense = 0
    for pos, i in enumerate(order):
        s = keyed[i]
        assert s is not None
        if decimals is None:
            tied = prev is not None and abs(prev - s) <= TIE_TOLERANCE * max(1.0, abs(prev))
        else:
            tied = prev == s
        if ties == "ordinal":
            rank = pos + 1
        elif not tied:
            dense += 1
            rank = pos + 1 if ties == "competition" else dense
        ranks[i] = rank
        if not tied:
            prev = s
    return tuple(ranks)


def rank_of(
    scores: Sequence[float | None], i: int, ties: str = "competition", decimals: int | None = 0
) -> int | None:
    """Entity `i`'s rank as `rank_column` gives it, counting instead of sorting the column.

    What the planner's tree shows after an edit: the focus entity's rank at every node the edit
    reached, where the whole column is not needed (at 3,321 communes sorting each one was a
    third of an edit's time). Ranks on rounded scores only (`decimals` not None): unrounded ties
    chain through neighbours, which only the sorted column can follow.
    """
    if decimals is None:
        raise TypeError("rank_of needs rounded scores; use rank_column")  # a caller's bug
    s = scores[i]
    if s is None:
        return None
    k = displayed(s, decimals)
    # only scores within one unit of the last decimal of `k` can round to either side of it
    # (rounding moves a score by half a unit at most): the others need no rounding
    unit = 10.0**-decimals
    lo, hi = k - unit, k + unit
    near = [displayed(x, decimals) for x in scores if x is not None and lo <= x <= hi]
    far = [x for x in scores if x is not None and x > hi]
    above = len(far) + sum(1 for x in near if x > k)
    if ties == "competition":
        return above + 1
    if ties == "dense":
        return len({displayed(x, decimals) for x in far} | {x for x in near if x > k}) + 1
    before = sum(
        1 for x in scores[:i] if x is not None and lo <= x <= hi and displayed(x, decimals) == k
    )
    return above + before + 1  # ordinal: ties in data order


Column = tuple[int | None, ...]
Decimals = Callable[[str], int | None]


class Ranks(Mapping[str, Column]):
    """Ranks of every node, each worked out the first time it is read.

    Sorting 10,000 entities costs milliseconds, and a one-value edit changes few nodes; so a
    result ranks what its reader asks for, and an edited result keeps the ranks of the nodes
    the edit did not reach.
    """

    def __init__(
        self,
        scores: Mapping[str, Sequence[float | None]],
        ties: str,
        decimals: Decimals | None = None,
        known: Mapping[str, Column] | None = None,
    ) -> None:
        self._scores = scores
        self._ties = ties
        self._decimals: Decimals = decimals or (lambda node: None)
        self._known: dict[str, Column] = dict(known or {})
        self._one: dict[tuple[str, int], int | None] = {}
        """Single ranks counted (`one`) at nodes whose column is not known."""

    def __getitem__(self, node: str) -> Column:
        got = self._known.get(node)
        if got is None:
            got = rank_column(self._scores[node], self._ties, self._decimals(node))
            self._known[node] = got
        return got

    def one(self, node: str, i: int) -> int | None:
        """Entity `i`'s rank at `node`, from the column when it is known, else counted alone
        (rank_of), when the node ranks rounded scores."""
        got = self._known.get(node)
        if got is not None:
            return got[i]
        decimals = self._decimals(node)
        if decimals is None:
            return self[node][i]
        key = (node, i)
        if key not in self._one:
            self._one[key] = rank_of(self._scores[node], i, self._ties, decimals)
        return self._one[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._scores)

    def __len__(self) -> int:
        return len(self._scores)

    def decimals(self, node: str) -> int | None:
        return self._decimals(node)

    def carried(self, scores: Mapping[str, Sequence[float | None]], changed: set[str]) -> Ranks:
        """The ranks of a result whose scores changed only at `changed`."""
        keep = {n: r for n, r in self._known.items() if n not in changed}
        return Ranks(scores, self._ties, self._decimals, keep)
