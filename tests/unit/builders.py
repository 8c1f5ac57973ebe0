"""Small frameworks and data sets built in code, for tests that need exact control."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ictscore.engine.compute import Engine
from ictscore.engine.result import Result
from ictscore.formats.criteria import Criteria, CriteriaFile
from ictscore.formats.dataset import Dataset, Entity
from ictscore.formats.values import Value


def indicator(node_id: str, rule: Mapping[str, Any], **extra: Any) -> dict[str, Any]:
    return {"id": node_id, "name_vi": node_id, "name_en": node_id, "rule": dict(rule), **extra}


def aggregate(node_id: str, method: str, children: list[Any], **extra: Any) -> dict[str, Any]:
    kids = [c if isinstance(c, dict) else {"node": c} for c in children]
    return {
        "id": node_id,
        "name_vi": node_id,
        "name_en": node_id,
        "method": method,
        "children": kids,
        **extra,
    }


def criteria(
    indicators: list[dict[str, Any]],
    aggregates: list[dict[str, Any]] | None = None,
    root: str | None = None,
    **framework: Any,
) -> Criteria:
    aggs = aggregates or []
    fw = {
        "id": "test",
        "name_vi": "Thử",
        "name_en": "Test",
        "edition": "1",
        "entities": "agencies",
        "publisher": "tests",
        "root": root or (aggs[-1]["id"] if aggs else indicators[0]["id"]),
        **framework,
    }
    file = CriteriaFile.model_validate(
        {"framework": fw, "indicator": indicators, "aggregate": aggs}
    )
    return Criteria(file)


def dataset(rows: Mapping[str, Mapping[str, Value]]) -> Dataset:
    return Dataset(tuple(Entity(eid, eid, dict(vals)) for eid, vals in rows.items()))


def compute(crit: Criteria, rows: Mapping[str, Mapping[str, Value]]) -> Result:
    return Engine(crit).compute(dataset(rows))


def column(result: Result, node: str) -> list[float | None]:
    return list(result.scores[node])
