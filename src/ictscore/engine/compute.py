"""The scoring engine: values in, a Result out, and a cheap recompute after one edit.

Columns (one value per entity) are the unit of work. A full compute walks the framework
children-first. A one-value edit recomputes only the edited entity along the path to the roots,
unless a peer-relative rule or a rescaled aggregate sits on that path; from there on whole
columns are refreshed, and linear aggregates are patched by the change in the child column
instead of being summed again, which keeps 10,000 entities × 100 indicators well within a
keypress.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import repeat
from types import MappingProxyType

from ictscore.engine.bounds import check_computable, node_bounds
from ictscore.engine.ranking import Ranks
from ictscore.engine.result import Result
from ictscore.formats.criteria import Aggregate, Criteria, Indicator
from ictscore.formats.dataset import Dataset
from ictscore.formats.errors import InputError, Problem
from ictscore.formats.message import N_
from ictscore.formats.values import Value
from ictscore.scoring.methods import METHODS
from ictscore.scoring.methods.base import Combine, Kid
from ictscore.scoring.rules.minmax import rescale

Column = list[float | None]


class Engine:
    """Compiled form of one framework; stateless between calls, so one engine serves all."""

    def __init__(self, criteria: Criteria) -> None:
        check_computable(criteria)
        self.criteria = criteria
        self.bounds = node_bounds(criteria)
        self.order = criteria.order
        self._scorers = {
            ind.id: ind.rule.scorer(ind)
            for ind in criteria.indicators()
            if not ind.rule.peer_relative
        }
        self._children: dict[str, list[str]] = {}
        self._kids: dict[str, list[Kid]] = {}
        self._combine_one: dict[str, Combine] = {}
        for agg in criteria.aggregates():
            ids, kids = [], []
            for ch in agg.children:
                node = criteria.nodes[ch.node]
                if isinstance(node, Indicator) and node.reported_only:
                    continue
                ids.append(ch.node)
                kids.append(Kid(ch.factor, self.bounds[ch.node]))
            method = METHODS[agg.method]
            self._children[agg.id] = ids
            self._kids[agg.id] = kids
            self._combine_one[agg.id] = method.compile(kids)
        self._ancestors = {n: criteria.ancestors(n) for n in criteria.nodes}
        self._tops = [n for n in criteria.order if not criteria.parents[n]]
        main = criteria.descendants(criteria.root) | {criteria.root}
        self._own_nodes = {
            t: sorted((criteria.descendants(t) | {t}) - main)
            for t in self._tops
            if t != criteria.root
        }

    def children(self, agg_id: str) -> list[str]:
        """The children an aggregate combines (reported-only indicators left out)."""
        return self._children[agg_id]

    def kids(self, agg_id: str) -> list[Kid]:
        """Each child's factor and bounds, in the order of `children`: what a method compiles."""
        return self._kids[agg_id]

    def rank_decimals(self, node: str) -> int | None:
        """The decimals ranks at `node` compare, or None when the framework ranks unrounded."""
        if self.criteria.framework.rank_on == "exact":
            return None
        return self.criteria.decimals(node)

    def ranks(self, scores: Mapping[str, Sequence[float | None]]) -> Ranks:
        return Ranks(scores, self.criteria.framework.ties, self.rank_decimals)

    # --- full computation ----------------------------------------------------------------------

    def compute(self, dataset: Dataset, source: str | None = None) -> Result:
        ids = tuple(dataset.ids())
        names = dataset.names()
        inputs = {n: dataset.column(n) for n in self.order}
        src = source or (str(dataset.path) if dataset.path else "data")
        return self.compute_inputs(ids, names, inputs, src, dataset.lines)

    def compute_inputs(
        self,
        ids: tuple[str, ...],
        names: Mapping[str, str],
        inputs: Mapping[str, tuple[Value | None, ...]],
        source: str = "data",
        lines: Mapping[str, int] | None = None,
    ) -> Result:
        n = len(ids)
        needed = self._needed(inputs, n)
        raw: dict[str, tuple[Value | None, ...]] = {}
        pre: dict[str, tuple[float | None, ...]] = {}
        scores: dict[str, tuple[float | None, ...]] = {}
        peers: dict[str, tuple[int, ...]] = {}
        problems: list[Problem] = []
        complete: set[str] = set()  # nodes every entity has a score at: the fast paths
        for nid in self.order:
            node = self.criteria.nodes[nid]
            if isinstance(node, Indicator):
                given = inputs[nid]
                one = self._scorers.get(nid)
                if one is not None:
                    try:  # a gap (None) makes the scorer raise: then take the careful path
                        scores[nid] = tuple(map(one, given))  # type: ignore[arg-type]
                        gapless = True
                    except (TypeError, ValueError):
                        gapless = False
                else:
                    gapless = None not in given
                col = given
                if not gapless:
                    filled = self._fill_missing(node, given, needed[nid], ids, source, problems)
                    col = tuple(filled)
                    scores[nid] = tuple(node.rule.score_column(node, col))
                elif one is None:
                    scores[nid] = tuple(node.rule.score_column(node, col))
                raw[nid] = col
                if gapless:
                    complete.add(nid)
                if node.rule.peer_relative:
                    peers[nid] = tuple(i for i, v in enumerate(col) if v is not None)
            else:
                self._check_supplied(node, inputs[nid], ids, source, problems)
                p, s, took = self._aggregate_column(
                    node, inputs[nid], needed[nid], scores, complete
                )
                pre[nid] = tuple(p)
                scores[nid] = tuple(s)
                if node.rescale != "none":
                    peers[nid] = took
        if problems:
            raise InputError([_placed(p, lines or {}) for p in problems])
        frozen = MappingProxyType(scores)
        return Result(
            self.criteria,
            ids,
            MappingProxyType(dict(names)),
            MappingProxyType(dict(inputs)),
            MappingProxyType(raw),
            MappingProxyType(pre),
            frozen,
            self.ranks(frozen),
            MappingProxyType(peers),
        )

    def _needed(
        self, inputs: Mapping[str, Sequence[Value | None]], n: int
    ) -> dict[str, list[bool]]:
        """Which entities need each node: a value supplied higher up makes its subtree moot."""
        needed = {nid: [False] * n for nid in self.order}
        for top in self._tops:
            exclusive = self._own_nodes.get(top, [])
            if top == self.criteria.root or exclusive == [top]:
                # the root, or a top made only of the main index's parts (the DTI's pillars)
                needed[top] = [True] * n
            else:
                # a separate index (the ICT Index's IT industry): computed for the entities
                # that gave something of its own, never a reason to refuse the main index
                needed[top] = [any(inputs[m][i] is not None for m in exclusive) for i in range(n)]
        for nid in reversed(self.order):
            node = self.criteria.nodes[nid]
            if not isinstance(node, Aggregate):
                continue
            own = needed[nid]
            sup = inputs[nid]
            if all(own) and sup.count(None) == n:  # the usual case: every entity needs all
                for ch in node.children:
                    needed[ch.node] = [True] * n
                continue
            mask = [o and v is None for o, v in zip(own, sup, strict=True)]
            for ch in node.children:
                needed[ch.node] = [a or b for a, b in zip(needed[ch.node], mask, strict=True)]
        return needed

    def _check_supplied(
        self,
        agg: Aggregate,
        col: Sequence[Value | None],
        ids: tuple[str, ...],
        source: str,
        problems: list[Problem],
    ) -> None:
        """A group's score given directly must be one the group can reach (a QĐ 766 total of
        131 out of 100 is a typo, not a result)."""
        if col.count(None) == len(col):
            return
        lo, hi = self.bounds[agg.id]
        tol = 1e-9 * max(1.0, abs(lo), abs(hi))
        for i, v in enumerate(col):
            if v is None:
                continue
            x = float(v)
            if not lo - tol <= x <= hi + tol:
                problems.append(
                    Problem(
                        source,
                        N_(
                            "{x:g} is outside what '{id}' can score ({lo:g} to {hi:g})",
                            x=x,
                            id=agg.id,
                            lo=lo,
                            hi=hi,
                        ),
                        f"{ids[i]}.{agg.id}",
                    )
                )

    def _fill_missing(
        self,
        ind: Indicator,
        col: Sequence[Value | None],
        needed: list[bool],
        ids: tuple[str, ...],
        source: str,
        problems: list[Problem],
    ) -> list[Value | None]:
        out = list(col)
        policy = self.criteria.framework.missing
        for i, v in enumerate(out):
            if v is not None or not needed[i] or ind.reported_only:
                continue
            if policy == "error":
                problems.append(
                    Problem(
                        source,
                        N_(
                            "no value for '{id}' and the framework treats a missing value as an "
                            "error",
                            id=ind.id,
                        ),
                        f"{ids[i]}.{ind.id}",
                    )
                )
            elif policy == "zero":
                out[i] = ind.rule.zero(ind)
            else:
                out[i] = ind.rule.worst(ind)
        return out

    def _aggregate_column(
        self,
        agg: Aggregate,
        supplied: Sequence[Value | None],
        needed: list[bool],
        scores: Mapping[str, Sequence[float | None]],
        complete: set[str],
    ) -> tuple[Column, Column, tuple[int, ...]]:
        n = len(supplied)
        kids = self._children[agg.id]
        rows = zip(*[scores[c] for c in kids], strict=True) if kids else repeat((), n)
        pre: Column
        gapless = all(c in complete for c in kids)
        if gapless and supplied.count(None) == n and all(needed):
            # every entity computes this node from complete children: one pass, no checks
            pre = list(map(self._combine_one[agg.id], rows))
            complete.add(agg.id)
        else:
            pre = [None] * n
            for i, row in enumerate(rows):
                if supplied[i] is None and needed[i]:
                    pre[i] = self._combine(agg, row)
        final, took = self._finish_column(agg, pre, supplied)
        return pre, final, took

    def _combine(self, agg: Aggregate, row: Sequence[float | None]) -> float | None:
        """One entity's aggregate from its children's scores, in the order of `children`."""
        if None in row:
            return None
        return self._combine_one[agg.id](row)  # type: ignore[arg-type]

    def _finish_column(
        self, agg: Aggregate, pre: Sequence[float | None], supplied: Sequence[Value | None]
    ) -> tuple[Column, tuple[int, ...]]:
        """Apply cap, rescaling across peers and scale; supplied scores pass through as given."""
        capped: Column = [
            None if p is None else (min(p, agg.cap) if agg.cap is not None else p) for p in pre
        ]
        took: tuple[int, ...] = ()
        if agg.rescale == "minmax":
            took = tuple(i for i, p in enumerate(capped) if p is not None)
            capped = rescale(capped)
        scale = agg.scale
        out: Column = []
        for i, p in enumerate(capped):
            sup = supplied[i]
            if sup is not None:
                out.append(float(sup))
            else:
                out.append(None if p is None else p * scale)
        return out, took

    # --- one edit ------------------------------------------------------------------------------

    def update(self, result: Result, entity_id: str, node_id: str, value: Value | None) -> Result:
        """The result after one entity's value at one node is set (or cleared with None).

        Setting an indicator that the entity already had is the fast path; anything that changes
        which nodes an entity needs (an aggregate's value, a cleared value) recomputes in full.
        """
        i = result.index(entity_id)
        old_inputs = result.inputs[node_id]
        inputs = dict(result.inputs)
        col = list(old_inputs)
        col[i] = value
        inputs[node_id] = tuple(col)
        node = self.criteria.nodes[node_id]
        if (
            not isinstance(node, Indicator)
            or value is None
            or old_inputs[i] is None
            or result.raw[node_id][i] is None
        ):
            return self.compute_inputs(result.entity_ids, result.names, inputs)
        raw = dict(result.raw)
        pre = dict(result.pre)
        scores = dict(result.scores)
        peers = dict(result.peers)
        # nodes whose whole column changed, and nodes where only entity i changed
        whole: set[str] = set()
        rcol = list(result.raw[node_id])
        rcol[i] = value
        raw[node_id] = tuple(rcol)
        if node.rule.peer_relative:
            scores[node_id] = tuple(node.rule.score_column(node, rcol))
            whole.add(node_id)
        else:
            scol = list(result.scores[node_id])
            scol[i] = self._scorers[node_id](value)
            scores[node_id] = tuple(scol)
        changed = [node_id]
        for anc in self._ancestors[node_id]:
            agg = self.criteria.nodes[anc]
            assert isinstance(agg, Aggregate)
            kids = self._children[anc]
            dirty_kids = [k for k in kids if k in changed]
            if not dirty_kids:
                continue
            supplied = inputs[anc]
            full = any(k in whole for k in dirty_kids)
            pcol = list(result.pre[anc])
            if full:
                # the same combination of the same scores, in the order compute takes: the
                # result is compute's to the last bit. Shifting each entity by the change in
                # its children was faster and off by float noise, which flipped a rank or a
                # displayed digit where a score sits on a rounding boundary (x,x5)
                combine = self._combine_one[anc]
                cols = [scores[c] for c in kids]
                for j in range(len(pcol)):
                    if pcol[j] is not None:
                        pcol[j] = combine([col[j] for col in cols])  # type: ignore[misc]
            elif pcol[i] is not None:
                pcol[i] = self._combine(agg, [scores[c][i] for c in kids])
            else:
                continue
            pre[anc] = tuple(pcol)
            if full or agg.rescale != "none":
                fin, took = self._finish_column(agg, pcol, supplied)
                scores[anc] = tuple(fin)
                if agg.rescale != "none":
                    peers[anc] = took
                whole.add(anc)
            else:
                scol = list(result.scores[anc])
                fin, _ = self._finish_column(agg, [pcol[i]], [supplied[i]])
                scol[i] = fin[0]
                scores[anc] = tuple(scol)
            changed.append(anc)
        frozen = MappingProxyType(scores)
        if isinstance(result.ranks, Ranks):
            ranks = result.ranks.carried(frozen, set(changed))
        else:
            ranks = self.ranks(frozen)
        return Result(
            self.criteria,
            result.entity_ids,
            result.names,
            MappingProxyType(inputs),
            MappingProxyType(raw),
            MappingProxyType(pre),
            frozen,
            ranks,
            MappingProxyType(peers),
        )


def _placed(p: Problem, lines: Mapping[str, int]) -> Problem:
    """The problem with the line of its entity in the data file, when that is known."""
    if p.line is not None:
        return p
    entity = p.where.split(".", 1)[0]
    return Problem(p.file, p.message, p.where, lines.get(entity), p.column)
