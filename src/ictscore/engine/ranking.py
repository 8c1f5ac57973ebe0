"""Ranks at one node, on the unrounded score, with the framework's tie rule."""

from __future__ import annotations

from collections.abc import Sequence

TIE_TOLERANCE = 1e-9
"""Relative gap under which two scores count as equal: float noise must not break a tie."""


def rank_column(
    scores: Sequence[float | None], ties: str = "competition"
) -> tuple[int | None, ...]:
    order = sorted((i for i, s in enumerate(scores) if s is not None), key=lambda i: -scores[i])  # type: ignore[operator]
    ranks: list[int | None] = [None] * len(scores)
    prev: float | None = None
    rank = 0
    dense = 0
    for pos, i in enumerate(order):
        s = scores[i]
        assert s is not None
        tied = prev is not None and abs(prev - s) <= TIE_TOLERANCE * max(1.0, abs(prev))
        if ties == "ordinal":
            rank = pos + 1
        elif not tied:
            dense += 1
            rank = pos + 1 if ties == "competition" else dense
        ranks[i] = rank
        if not tied:
            prev = s
    return tuple(ranks)
