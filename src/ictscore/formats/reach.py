"""The lowest and highest score each node can take, from its rule and its children.

It lives with the file formats (engine.bounds re-exports it) because the loaders need it too: a
value given for a group, in a data file, a `[[change]]` or the TUI, must be one the group can
reach, and the loaders sit below the engine.
"""

from __future__ import annotations

from ictscore.formats.criteria import Aggregate, Criteria, Indicator
from ictscore.scoring.base import Bounds
from ictscore.scoring.methods import METHODS
from ictscore.scoring.methods.base import Kid


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
    kids = [Kid(c.factor, child[c.node]) for c in agg.children if not reported_only(crit, c.node)]
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


def reported_only(crit: Criteria, node_id: str) -> bool:
    n = crit.nodes[node_id]
    return isinstance(n, Indicator) and n.reported_only
