"""Planning's reason codes in words, the same for every face.

Planning answers with `Reason(code, data)`; this is the one place that turns a code into a
sentence. A face passes how it writes a node's name and a value, so that "even 100 % reaches
only rank 4" reads the value as that face's tree or table shows it.
"""

from __future__ import annotations

from collections.abc import Callable

from ictscore.planning.reasons import Reason
from ictscore.presentation import i18n
from ictscore.presentation.i18n import N_

WORDS = {
    "goal_already_met": N_("the goal is already met"),
    "no_single_node_reaches": N_("no single indicator reaches the goal within its valid range"),
    "unknown_node": N_("there is no node {node} in the framework"),
    "computed_from_parts": N_("{node} is computed from its parts"),
    "counted_above": N_("not counted: the entity supplies the score of the group {supplied_at}"),
    "reported_only": N_("reported only, never scored"),
    "already_best": N_("already at the best value"),
    "falls_short": N_("even {value} reaches only rank {rank}"),
    "step_table_tops_out": N_("the points stop rising at {max}: rank {rank} at best"),
}


def reason_text(
    reason: Reason,
    lang: str,
    label: Callable[[str], str] = str,
    value: Callable[[str, object], str] | None = None,
) -> str:
    """The reason as a sentence: node ids through `label`, values through `value(node, v)`."""
    words = i18n.gettext(WORDS[reason.code], lang)
    data = dict(reason.data)
    node = str(data.get("node", ""))
    for key in ("node", "supplied_at"):
        if key in data:
            data[key] = label(str(data[key]))
    for key in ("value", "max"):
        if key in data:
            v = data[key]
            data[key] = value(node, v) if value is not None else str(v)
    return words.format(**data)
