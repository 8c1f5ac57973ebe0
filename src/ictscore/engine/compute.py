"""The scoring engine: values in, a Result out, and a cheap recompute after one edit.

Columns (one value per entity) are the unit of work. A full compute walks the framework
children-first. A one-value edit recomputes only the edited entity along the path to the roots,
unless a peer-relative rule or a rescaled aggregate sits on that path; from there on whole
columns are refreshed, and linear aggregates are patched by the change in the child column
instead of being summed again, which keeps 10,000 entities × 100 indicators well within a
keypress.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from itertools import repeat
from math import fsum
from operator import mul
from types import MappingProxyType

from ictscore.engine.bounds import check_computable, node_bounds
from ictscore.engine.ranking import TIE_TOLERANCE, Ranks
from ictscore.engine.result import Result
from ictscore.engine.rules import is_peer_relative, score_column, score_value, scorer
from ictscore.formats.criteria import Aggregate, Criteria, Indicator
from ictscore.formats.dataset import Dataset
from ictscore.formats.errors import InputError, Problem
from ictscore.formats.values import Value

Column = list[float | None]
LINEAR = ("sum", "weighted_mean", "points_over_max")


class Engine:
    """Compiled form of one framework; stateless between calls, so one engine serves all."""

    def __init__(self, criteria: Criteria) -> None:
        check_computable(criteria)
        self.criteria = criteria
        self.bounds = node_bounds(criteria)
        self.order = criteria.order
        self._kids: dict[str, list[tuple[str, float, float]]] = {}
        self._scorers = {
            ind.id: scorer(ind) for ind in criteria.indicators() if not is_peer_relative(ind)
        }
        self._factors: dict[str, list[float]] = {}
        self._wsum: dict[str, float] = {}
        for agg in criteria.aggregates():
            kids = []
            for ch in agg.children:
                node = criteria.nodes[ch.node]
                if isinstance(node, Indicator) and node.reported_only:
                    continue
                kids.append((ch.node, ch.factor, self.bounds[ch.node][1]))
            self._kids[agg.id] = kids
            # what each child's score is multiplied by, and what the products are divided by
            self._factors[agg.id] = [
                f / mx if agg.method == "points_over_max" else f for _, f, mx in kids
            ]
            self._wsum[agg.id] = math.fsum(f for _, f, _ in kids)
        self._ancestors = {n: criteria.ancestors(n) for n in criteria.nodes}
        self._tops = [n for n in criteria.order if not criteria.parents[n]]

    # --- full computation ----------------------------------------------------------------------

    def compute(self, dataset: Dataset, source: str | None = None) -> Result:
        ids = tuple(e.id for e in dataset.entities)
        names = {e.id: e.name for e in dataset.entities}
        inputs = {n: tuple(e.values.get(n) for e in dataset.entities) for n in self.order}
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
                    scores[nid] = tuple(score_column(node, col))
                elif one is None:
                    scores[nid] = tuple(score_column(node, col))
                raw[nid] = col
                if gapless:
                    complete.add(nid)
                if is_peer_relative(node):
                    peers[nid] = tuple(i for i, v in enumerate(col) if v is not None)
            else:
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
            Ranks(frozen, self.criteria.framework.ties),
            MappingProxyType(peers),
        )

    def _needed(
        self, inputs: Mapping[str, Sequence[Value | None]], n: int
    ) -> dict[str, list[bool]]:
        """Which entities need each node: a value supplied higher up makes its subtree moot."""
        needed = {nid: [False] * n for nid in self.order}
        for top in self._tops:
            needed[top] = [True] * n
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
                        f"no value for '{ind.id}' and the framework "
                        "treats a missing value as an error",
                        f"{ids[i]}.{ind.id}",
                    )
                )
            elif policy == "zero":
                out[i] = self._worst(ind) if ind.rule.type == "category" else 0.0
            else:
                out[i] = self._worst(ind)
        return out

    @staticmethod
    def _worst(ind: Indicator) -> Value:
        if ind.rule.type == "category":
            return min(ind.rule.categories, key=lambda c: c.fraction).key
        if ind.range is None:
            return 0.0
        return ind.range[0] if ind.direction == "higher" else ind.range[1]

    def _aggregate_column(
        self,
        agg: Aggregate,
        supplied: Sequence[Value | None],
        needed: list[bool],
        scores: Mapping[str, Sequence[float | None]],
        complete: set[str],
    ) -> tuple[Column, Column, tuple[int, ...]]:
        n = len(supplied)
        kids = self._kids[agg.id]
        rows = zip(*[scores[c] for c, _, _ in kids], strict=True) if kids else repeat((), n)
        pre: Column
        fac, w, m = self._factors[agg.id], self._wsum[agg.id], agg.method
        gapless = all(c in complete for c, _, _ in kids)
        if gapless and supplied.count(None) == n and all(needed):
            # every entity computes this node from complete children: one pass, no checks
            if m == "sum":
                pre = [fsum(map(mul, r, fac)) for r in rows]
            elif m != "geometric_mean" and w > 0:
                pre = [fsum(map(mul, r, fac)) / w for r in rows]
            else:
                pre = [self._combine(agg, r) for r in rows]
            complete.add(agg.id)
        else:
            pre = [None] * n
            for i, row in enumerate(rows):
                if supplied[i] is None and needed[i]:
                    pre[i] = self._combine(agg, row)
        final, took = self._finish_column(agg, pre, supplied)
        return pre, final, took

    def _combine(self, agg: Aggregate, row: Sequence[float | None]) -> float | None:
        """One entity's aggregate from its children's scores, in the order of `_kids`."""
        if None in row:
            return None
        vals: Sequence[float] = row  # type: ignore[assignment]
        factors = self._factors[agg.id]
        m = agg.method
        # fsum, here and in the one-pass path above: correctly rounded, so the same bits on every
        # Python version (3.12 changed what plain sum() returns) and in either path
        if m == "sum":
            return fsum(map(mul, vals, factors))
        w = self._wsum[agg.id]
        if w <= 0:
            return 0.0
        if m != "geometric_mean":  # weighted_mean, points_over_max
            return fsum(map(mul, vals, factors)) / w
        if any(s <= 0 for s in vals):
            return 0.0
        return math.exp(math.fsum(map(mul, factors, map(math.log, vals))) / w)

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
            xs = [capped[i] for i in took]
            lo, hi = (min(xs), max(xs)) if xs else (0.0, 0.0)  # type: ignore[type-var]
            span = hi - lo  # type: ignore[operator]
            # scores equal up to float noise are tied (as in ranking): all score full, instead
            # of the noise being stretched to 0..1
            flat = span <= TIE_TOLERANCE * max(1.0, abs(lo), abs(hi))  # type: ignore[arg-type]
            capped = [
                None if p is None else (1.0 if flat else (p - lo) / span)  # type: ignore[operator]
                for p in capped
            ]
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
        if is_peer_relative(node):
            scores[node_id] = tuple(score_column(node, rcol))
            whole.add(node_id)
        else:
            scol = list(result.scores[node_id])
            scol[i] = score_value(node, value)
            scores[node_id] = tuple(scol)
        changed = [node_id]
        for anc in self._ancestors[node_id]:
            agg = self.criteria.nodes[anc]
            assert isinstance(agg, Aggregate)
            kids = self._kids[anc]
            dirty_kids = [k for k in kids if k[0] in changed]
            if not dirty_kids:
                continue
            supplied = inputs[anc]
            full = any(k[0] in whole for k in dirty_kids)
            pcol = list(result.pre[anc])
            if full and agg.method in LINEAR:
                self._patch_linear(agg, pcol, dirty_kids, result.scores, scores)
            elif full:
                for j in range(len(pcol)):
                    if pcol[j] is not None:
                        pcol[j] = self._combine(agg, [scores[c][j] for c, _, _ in kids])
            elif pcol[i] is not None:
                pcol[i] = self._combine(agg, [scores[c][i] for c, _, _ in kids])
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
            ranks = Ranks(frozen, self.criteria.framework.ties)
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

    def _patch_linear(
        self,
        agg: Aggregate,
        pcol: Column,
        dirty: list[tuple[str, float, float]],
        old: Mapping[str, Sequence[float | None]],
        new: Mapping[str, Sequence[float | None]],
    ) -> None:
        """Shift each computed entity's pre-score by the change in its dirty children."""
        if agg.method == "sum":
            denom = 1.0
        else:
            denom = math.fsum(f for _, f, _ in self._kids[agg.id]) or 1.0
        for c, f, mx in dirty:
            o, nw = old[c], new[c]
            k = f / denom / (mx if agg.method == "points_over_max" else 1.0)
            for j in range(len(pcol)):
                pj = pcol[j]
                if pj is not None:
                    pcol[j] = pj + k * (nw[j] - o[j])  # type: ignore[operator]


def _placed(p: Problem, lines: Mapping[str, int]) -> Problem:
    """The problem with the line of its entity in the data file, when that is known."""
    if p.line is not None:
        return p
    entity = p.where.split(".", 1)[0]
    return Problem(p.file, p.message, p.where, lines.get(entity), p.column)
