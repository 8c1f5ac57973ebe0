"""The immutable outcome of one computation: every entity's score and rank at every node."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ictscore.engine.ranking import Ranks
from ictscore.formats.criteria import Criteria, Grade
from ictscore.formats.values import Value


@dataclass(frozen=True, eq=False)
class Result:
    criteria: Criteria
    entity_ids: tuple[str, ...]
    names: Mapping[str, str]
    inputs: Mapping[str, tuple[Value | None, ...]]
    """Per node, the value each entity supplied (None where it was computed or missing)."""
    raw: Mapping[str, tuple[Value | None, ...]]
    """Per indicator, the value that was scored (after the missing-value policy)."""
    pre: Mapping[str, tuple[float | None, ...]]
    """Per aggregate, the score before cap, rescaling and scale."""
    scores: Mapping[str, tuple[float | None, ...]]
    ranks: Mapping[str, tuple[int | None, ...]]
    peers: Mapping[str, tuple[int, ...]]
    """Per peer-relative node, the indices of the entities that took part."""

    def index(self, entity_id: str) -> int:
        return self._index[entity_id]

    @property
    def _index(self) -> dict[str, int]:
        idx = self.__dict__.get("_idx")
        if idx is None:
            idx = {e: i for i, e in enumerate(self.entity_ids)}
            object.__setattr__(self, "_idx", idx)
        return idx

    def score(self, entity_id: str, node: str | None = None) -> float | None:
        return self.scores[node or self.criteria.root][self.index(entity_id)]

    def rank(self, entity_id: str, node: str | None = None) -> int | None:
        nid = node or self.criteria.root
        ranks = self.ranks
        if isinstance(ranks, Ranks):  # one entity's rank: no need to rank the whole column
            return ranks.one(nid, self.index(entity_id))
        return ranks[nid][self.index(entity_id)]

    def raw_value(self, entity_id: str, node: str) -> Value | None:
        col = self.raw.get(node)
        return None if col is None else col[self.index(entity_id)]

    def supplied(self, entity_id: str, node: str) -> bool:
        return self.inputs[node][self.index(entity_id)] is not None

    def grade(self, entity_id: str) -> Grade | None:
        return self.criteria.grade(self.score(entity_id))

    def order(self, node: str | None = None) -> list[str]:
        """Entity ids by rank at `node` (unranked last), ties in data order."""
        nid = node or self.criteria.root
        orders = self.__dict__.setdefault("_orders", {})  # frozen: a cache, as `_index` keeps
        got = orders.get(nid)
        if got is None:
            ranks = self.ranks[nid]
            big = len(ranks) + 1
            keys = [big if r is None else r for r in ranks]
            ids = self.entity_ids
            # a stable sort keeps ties in data order (a key per entity: fast at 3,321 communes)
            got = orders[nid] = [ids[i] for i in sorted(range(len(keys)), key=keys.__getitem__)]
        return list(got)

    def peer_ids(self, node: str) -> tuple[str, ...]:
        return tuple(self.entity_ids[i] for i in self.peers.get(node, ()))

    def count_ranked(self, node: str | None = None) -> int:
        return sum(1 for r in self.ranks[node or self.criteria.root] if r is not None)
