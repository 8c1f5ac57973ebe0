"""`ictscore compute`: the ranking and the focus entity's baseline → scenario at every node."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ictscore.cli.common import add_csv_style, add_format, emit
from ictscore.formats.lineage import MERGE_WORDS
from ictscore.formats.scenario import Scenario, load_scenario
from ictscore.planning.whatif import WhatIf
from ictscore.presentation import writers
from ictscore.presentation.documents import ResultsDoc
from ictscore.presentation.writers.csv_style import CsvStyle


def register(sub: Any) -> None:
    p = sub.add_parser(
        "compute",
        help="compute a scenario: ranking, and the focus entity's baseline → what-if at every node",
        description="Compute a scenario's baseline and what-if results.",
    )
    p.add_argument("scenario", type=Path, help="scenario TOML file")
    p.add_argument(
        "--entities",
        type=Path,
        metavar="LIST",
        help="entity list to rank (default: the scenario's 'entities', else the framework's "
        "entity_list); a list whose units were formed from others ranks them from data of those",
    )
    add_format(p, "results")
    add_csv_style(p, "plain, which programs read")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    style: CsvStyle = args.csv_style or "plain"
    return run_path(args.scenario, args.format, args.lang, args.output, args.entities, style)


def run_path(
    path: Path,
    fmt: str,
    lang: str,
    output: Path | None = None,
    entities: Path | None = None,
    csv_style: CsvStyle = "plain",
) -> int:
    """Print (or write to `output`) the results; CSV is plain unless asked: `compute` feeds
    programs and the golden files, `export` writes the file a person opens."""
    scenario = load_scenario(path, entities)
    projection = WhatIf(scenario).project()
    formed_from = {e.id: e.formed_from for e in scenario.dataset.entities if e.formed_from}
    doc = ResultsDoc(projection, scenario.applied(), formed_from, tuple(notes(scenario, lang)))
    emit(writers.text(doc, fmt, lang, csv_style), output)
    return 0


def notes(scenario: Scenario, lang: str) -> list[str]:
    """What a reader of the numbers must know: what the framework assumes where no source
    was found, and which units were combined from others, and how."""
    fw = scenario.criteria.framework
    out = [
        f"Giả định: {a.text_vi}" if lang == "vi" else f"Assumption: {a.text_en}"
        for a in fw.assumptions
    ]
    ds = scenario.dataset
    merged = [e for e in ds.entities if e.formed_from]
    rule = fw.merge
    if merged and rule is not None:
        vi, en = MERGE_WORDS[rule]
        n, total = len(merged), len(ds.entities)
        if lang == "vi":
            out.append(
                f"{n}/{total} đơn vị được hình thành từ sắp xếp: giá trị mỗi tiêu chí của đơn "
                f"vị đó là {vi} giá trị của các đơn vị trước sắp xếp."
            )
        else:
            out.append(
                f"{n} of {total} units were formed by a merger: each of their values is the "
                f"{en} of the former units' values."
            )
        focus = next((e for e in merged if e.id == scenario.focus), None)
        if focus is not None:
            former = [ds.former[f] for f in focus.formed_from]
            if lang == "vi":
                parts = ", ".join(_old(f.name, focus.name, "cũ") for f in former)
                out.append(f"{focus.name} được hình thành từ: {parts}.")
            else:
                name = focus.name_en or focus.name
                parts = ", ".join(_old(f.name_en or f.name, name, "former") for f in former)
                out.append(f"{name} was formed from: {parts}.")
    return out


def _old(name: str, new_name: str, word: str) -> str:
    """A former unit that shares the new unit's name is told apart: "Bắc Ninh (cũ)"."""
    return f"{name} ({word})" if name == new_name else name
