"""The lowest and highest score each node can take, from its rule and its children.

Used to refuse frameworks that cannot be computed (dividing by an unbounded maximum), to show
"points of max", and by the property tests that check every score stays within its bounds. The
arithmetic is the rule's and the method's own (ictscore.scoring); this module walks the tree.
"""

from __future__ import annotations

from ictscore.formats.criteria import Aggregate, Criteria, Indicator
from ictscore.formats.errors import ProblemCollector
from ictscore.scoring.base import Bounds
from ictscore.scoring.methods import METHODS
from ictscore.scoring.methods.base import Kid

__all__ = ["Bounds", "aggregate_bounds", "check_computable", "indicator_bounds", "node_bounds"]


def indicator_bounds(ind: Indicator) -> Bounds:
    return ind.rule.bounds(ind)


def node_bounds(crit: Criteria) -> dict[str, Bounds]:
    out: dict[str, Bounds] = {}
    for nid in crit.order:
        node = crit.nodes[nid]
        if isinstance(node, Indicator):
            out[nid] = indicator_bounds(node)
        else:
            out[nid] = aggregate_bounds(node, out, crit)
    return out


def aggregate_bounds(agg: Aggregate, child: dict[str, Bounds], crit: Criteria) -> Bounds:
    kids = [Kid(c.factor, child[c.node]) for c in agg.children if not _reported_only(crit, c.node)]
    if agg.rescale == "minmax":
        return _scaled((0.0, 1.0), agg.scale)
    if not kids:
        return (0.0, 0.0)
    lo, hi = METHODS[agg.method].bounds(kids)
    if agg.cap is not None:
        lo, hi = min(lo, agg.cap), min(hi, agg.cap)
    return _scaled((lo, hi), agg.scale)


def _scaled(b: Bounds, scale: float) -> Bounds:
    lo, hi = b[0] * scale, b[1] * scale
    return (min(lo, hi), max(lo, hi))


def _reported_only(crit: Criteria, node_id: str) -> bool:
    n = crit.nodes[node_id]
    return isinstance(n, Indicator) and n.reported_only


_CHILD_PROBLEMS = {
    "no_finite_max": "'{agg}' scores '{child}' as a share of its maximum, but that node has no "
    "finite positive maximum (give it a range or points)",
    "can_be_negative": "'{agg}' is a geometric mean, but '{child}' can be negative",
}


def check_computable(crit: Criteria) -> None:
    """Refuse a framework whose aggregates would divide by an unbounded or zero maximum."""
    pc = ProblemCollector()
    path = str(crit.path or crit.framework.id)
    bounds = node_bounds(crit)
    for i, agg in enumerate(crit.aggregates()):
        method = METHODS[agg.method]
        for ch in agg.children:
            if _reported_only(crit, ch.node):
                continue
            why = method.check_child(bounds[ch.node])
            if why is not None:
                pc.add(
                    path,
                    _CHILD_PROBLEMS[why].format(agg=agg.id, child=ch.node),
                    f"aggregate[{i + 1}]",
                )
        if agg.max_score is not None:
            hi = bounds[agg.id][1]
            if abs(hi - agg.max_score) > 1e-9 * max(1.0, abs(agg.max_score)):
                pc.add(
                    path,
                    f"the children of '{agg.id}' can reach {hi:g} points, but the "
                    f"framework says {agg.max_score:g}",
                    f"aggregate[{i + 1}].max_score",
                )
    pc.raise_if_any()
