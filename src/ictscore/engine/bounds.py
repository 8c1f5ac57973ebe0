"""The lowest and highest score each node can take, from its rule and its children.

Used to refuse frameworks that cannot be computed (dividing by an unbounded maximum), to show
"points of max", and by the property tests that check every score stays within its bounds. The
arithmetic is the rule's and the method's own (ictscore.scoring); this module walks the tree.
"""

from __future__ import annotations

from ictscore.formats.criteria import Criteria
from ictscore.formats.errors import ProblemCollector
from ictscore.formats.message import N_
from ictscore.formats.reach import (
    aggregate_bounds,
    indicator_bounds,
    node_bounds,
    reported_only,
)
from ictscore.scoring.base import Bounds
from ictscore.scoring.methods import METHODS

__all__ = ["Bounds", "aggregate_bounds", "check_computable", "indicator_bounds", "node_bounds"]


_CHILD_PROBLEMS = {
    "no_finite_max": N_(
        "'{agg}' scores '{child}' as a share of its maximum, but that node has no "
        "finite positive maximum (give it a range or points)"
    ),
    "can_be_negative": N_("'{agg}' is a geometric mean, but '{child}' can be negative"),
}


def check_computable(crit: Criteria) -> None:
    """Refuse a framework whose aggregates would divide by an unbounded or zero maximum."""
    pc = ProblemCollector()
    path = str(crit.path or crit.framework.id)
    bounds = node_bounds(crit)
    for i, agg in enumerate(crit.aggregates()):
        method = METHODS[agg.method]
        for ch in agg.children:
            if reported_only(crit, ch.node):
                continue
            why = method.check_child(bounds[ch.node])
            if why is not None:
                pc.add(
                    path,
                    N_(_CHILD_PROBLEMS[why].msgid, agg=agg.id, child=ch.node),
                    f"aggregate[{i + 1}]",
                )
        if agg.max_score is not None:
            hi = bounds[agg.id][1]
            if abs(hi - agg.max_score) > 1e-9 * max(1.0, abs(agg.max_score)):
                pc.add(
                    path,
                    N_(
                        "the children of '{id}' can reach {hi:g} points, but the framework says "
                        "{max_score:g}",
                        id=agg.id,
                        hi=hi,
                        max_score=agg.max_score,
                    ),
                    f"aggregate[{i + 1}].max_score",
                )
    pc.raise_if_any()
