"""Planning's reason codes in words, the same for every face.

Planning answers with `Reason(code, data)`; this is the one place that turns a code into a
sentence. A face passes how it writes a node's name and a value, so that "even 100 % reaches
only rank 4" reads the value as that face's tree or table shows it.
"""

from __future__ import annotations

from collections.abc import Callable

from ictscore.planning.reasons import Reason

WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "goal_already_met": "đã đạt mục tiêu",
        "no_single_node_reaches": (
            "không chỉ tiêu nào, một mình, đạt được mục tiêu trong phạm vi hợp lệ của nó"
        ),
        "unknown_node": "không có tiêu chí {node} trong bộ tiêu chí",
        "computed_from_parts": "{node} được tính từ các tiêu chí thành phần",
        "counted_above": "không được tính vì đơn vị đã có điểm của nhóm {supplied_at}",
        "reported_only": "chỉ để báo cáo, không tính điểm",
        "already_best": "đã ở giá trị tốt nhất",
        "falls_short": "giá trị tốt nhất {value} cũng chỉ đạt hạng {rank}",
        "step_table_tops_out": (
            "từ {max} trở lên điểm không tăng thêm: cao nhất chỉ đạt hạng {rank}"
        ),
    },
    "en": {
        "goal_already_met": "the goal is already met",
        "no_single_node_reaches": "no single indicator reaches the goal within its valid range",
        "unknown_node": "there is no node {node} in the framework",
        "computed_from_parts": "{node} is computed from its parts",
        "counted_above": "not counted: the entity supplies the score of the group {supplied_at}",
        "reported_only": "reported only, never scored",
        "already_best": "already at the best value",
        "falls_short": "even {value} reaches only rank {rank}",
        "step_table_tops_out": "the points stop rising at {max}: rank {rank} at best",
    },
}


def reason_text(
    reason: Reason,
    lang: str,
    label: Callable[[str], str] = str,
    value: Callable[[str, object], str] | None = None,
) -> str:
    """The reason as a sentence: node ids through `label`, values through `value(node, v)`."""
    words = WORDS.get(lang, WORDS["vi"])[reason.code]
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
