"""Outcomes and reasons as codes with data: planning never writes a sentence.

A face turns `Reason("falls_short", {"node": ..., "value": 100.0, "rank": 4})` into words in the
reader's language, writing the value as that face writes values; JSON carries the code and the
data as they are, for other programs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ictscore.formats.message import N_

CODES = {
    "goal_already_met": "the focus entity already meets the goal",
    "no_single_node_reaches": "no single node reaches the goal within its valid range",
    "unknown_node": "the node is not in the framework",
    "computed_from_parts": "a group node the entity does not supply: it is computed from its parts",
    "counted_above": "the entity supplies a group above this node, so the node does not count",
    "reported_only": "reported in the results but never scored",
    "already_best": "already at the best value",
    "falls_short": "even the best value ('value') reaches only 'rank'",
    "step_table_tops_out": "past the top step ('max') the points stop rising; it reaches 'rank'",
}
"""Every code planning gives, with what it means (for the catalogue and for JSON readers)."""


@dataclass(frozen=True)
class Reason:
    code: str
    data: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(N_("unknown reason code {code!r}", code=self.code))

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, **self.data}
