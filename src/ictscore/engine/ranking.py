"""Ranks at one node, on the unrounded score, with the framework's tie rule."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

TIE_TOLERANCE = 1e-9
"""Relative gap under which two scores count as equal: float noise must not break a tie."""


def rank_column(
    scores: Sequence[float | None], ties: str = "competition"
) -> tuple[int | None, ...]:
    # a stable sort, so entities that tie keep their data order (what 'ordinal' ranks by)
    idx = [i for i, s in enumerate(scores) if s is not None]
    order = sorted(idx, key=scores.__getitem__, reverse=True)  # type: ignore[arg-type]
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


Column = tuple[int | None, ...]


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
        known: Mapping[str, Column] | None = None,
    ) -> None:
        self._scores = scores
        self._ties = ties
        self._known: dict[str, Column] = dict(known or {})

    def __getitem__(self, node: str) -> Column:
        got = self._known.get(node)
        if got is None:
            got = rank_column(self._scores[node], self._ties)
            self._known[node] = got
        return got

    def __iter__(self) -> Iterator[str]:
        return iter(self._scores)

    def __len__(self) -> int:
        return len(self._scores)

    def carried(self, scores: Mapping[str, Sequence[float | None]], changed: set[str]) -> Ranks:
        """The ranks of a result whose scores changed only at `changed`."""
        keep = {n: r for n, r in self._known.items() if n not in changed}
        return Ranks(scores, self._ties, keep)
