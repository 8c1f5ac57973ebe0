"""The lowest and highest score each node can take, from its rule and its children.

Used to refuse frameworks that cannot be computed (dividing by an unbounded maximum), to show
"points of max", and by the property tests that check every score stays within its bounds.
"""

from __future__ import annotations

import math

from ictscore.formats.criteria import Aggregate, Criteria, Indicator
from ictscore.formats.errors import ProblemCollector

INF = math.inf
Bounds = tuple[float, float]


def indicator_bounds(ind: Indicator) -> Bounds:
    r = ind.rule
    lo_raw = ind.range[0] if ind.range else -INF
    if r.type == "direct":
        if ind.range:
            return ind.range
        return (-INF, r.max) if r.max is not None else (-INF, INF)
    if r.type == "ratio":
        hi = r.cap * r.points
        lo = 0.0 if (lo_raw >= 0 or ind.direction == "lower") else -INF
        return (min(lo, hi), max(lo, hi))
    if r.type == "steps":
        levels = [s.points for s in r.steps] + [r.otherwise]
        return (min(levels), max(levels))
    if r.type == "category":
        fr = [c.fraction * r.points for c in r.categories]
        return (min(fr), max(fr))
    if r.type in ("yes_no", "relative_to_best", "minmax", "goalposts"):
        return (min(0.0, r.points), max(0.0, r.points))
    if r.type == "bonus":
        return (r.min, r.max)
    return (-INF, INF)  # zscore


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
    kids = [c for c in agg.children if not _reported_only(crit, c.node)]
    if agg.rescale == "minmax":
        return _scaled((0.0, 1.0), agg.scale)
    if not kids:
        return (0.0, 0.0)
    if agg.method == "sum":
        lo = math.fsum(c.factor * child[c.node][0] for c in kids)
        hi = math.fsum(c.factor * child[c.node][1] for c in kids)
    elif agg.method == "weighted_mean":
        w = math.fsum(c.factor for c in kids) or 1.0
        lo = math.fsum(c.factor * child[c.node][0] for c in kids) / w
        hi = math.fsum(c.factor * child[c.node][1] for c in kids) / w
    elif agg.method == "points_over_max":
        w = math.fsum(c.factor for c in kids) or 1.0
        lo = math.fsum(c.factor * _frac(child[c.node]) for c in kids) / w
        hi = 1.0
    else:  # geometric mean
        lo = _geo([child[c.node][0] for c in kids], [c.factor for c in kids])
        hi = _geo([child[c.node][1] for c in kids], [c.factor for c in kids])
    if agg.cap is not None:
        lo, hi = min(lo, agg.cap), min(hi, agg.cap)
    return _scaled((lo, hi), agg.scale)


def _frac(b: Bounds) -> float:
    lo, hi = b
    if hi <= 0 or not math.isfinite(hi):
        return -INF
    return lo / hi


def _geo(values: list[float], weights: list[float]) -> float:
    w = math.fsum(weights) or 1.0
    if any(v <= 0 for v in values):
        return 0.0
    if any(math.isinf(v) for v in values):
        return INF
    return math.exp(math.fsum(wi * math.log(v) for v, wi in zip(values, weights, strict=True)) / w)


def _scaled(b: Bounds, scale: float) -> Bounds:
    lo, hi = b[0] * scale, b[1] * scale
    return (min(lo, hi), max(lo, hi))


def _reported_only(crit: Criteria, node_id: str) -> bool:
    n = crit.nodes[node_id]
    return isinstance(n, Indicator) and n.reported_only


def check_computable(crit: Criteria) -> None:
    """Refuse a framework whose aggregates would divide by an unbounded or zero maximum."""
    pc = ProblemCollector()
    path = str(crit.path or crit.framework.id)
    bounds = node_bounds(crit)
    for i, agg in enumerate(crit.aggregates()):
        for ch in agg.children:
            lo, hi = bounds[ch.node]
            if (
                agg.method == "points_over_max"
                and not _reported_only(crit, ch.node)
                and (not math.isfinite(hi) or hi <= 0)
            ):
                pc.add(
                    path,
                    f"'{agg.id}' scores '{ch.node}' as a share of its maximum, "
                    "but that node has no finite positive maximum (give it a range or points)",
                    f"aggregate[{i + 1}]",
                )
            if agg.method == "geometric_mean" and lo < 0:
                pc.add(
                    path,
                    f"'{agg.id}' is a geometric mean, but '{ch.node}' can be negative",
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
