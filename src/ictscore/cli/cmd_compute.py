"""`ictscore compute`: the ranking and the focus entity's baseline → scenario at every node."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ictscore.cli.common import add_csv_style, add_format, emit
from ictscore.formats.lineage import MERGE_WORDS
from ictscore.formats.message import N_
from ictscore.formats.scenario import Scenario, load_scenario
from ictscore.planning.whatif import WhatIf
from ictscore.presentation import i18n, writers
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
    add_csv_style(p, N_("plain, which programs read"))
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
    emit(writers.text(doc, fmt, lang, csv_style), output, lang)
    return 0


def notes(scenario: Scenario, lang: str) -> list[str]:
    """What a reader of the numbers must know: what the framework assumes where no source
    was found, and which units were combined from others, and how."""
    fw = scenario.criteria.framework
    out = [
        i18n.gettext("Assumption: {text}", lang, text=a.text_vi if lang == "vi" else a.text_en)
        for a in fw.assumptions
    ]
    ds = scenario.dataset
    merged = [e for e in ds.entities if e.formed_from]
    rule = fw.merge
    if merged and rule is not None:
        vi, en = MERGE_WORDS[rule]
        n, total = len(merged), len(ds.entities)
        out.append(
            i18n.gettext(
                "{n} of {total} units were formed by a merger: each of their values is the "
                "{rule} of the former units' values.",
                lang,
                n=n,
                total=total,
                rule=vi if lang == "vi" else en,
            )
        )
        focus = next((e for e in merged if e.id == scenario.focus), None)
        if focus is not None:
            former = [ds.former[f] for f in focus.formed_from]
            old = i18n.gettext("former", lang)
            if lang == "vi":
                name = focus.name
                parts = ", ".join(_old(f.name, focus.name, old) for f in former)
            else:
                name = focus.name_en or focus.name
                parts = ", ".join(_old(f.name_en or f.name, name, old) for f in former)
            out.append(
                i18n.gettext("{name} was formed from: {parts}.", lang, name=name, parts=parts)
            )
    return out


def _old(name: str, new_name: str, word: str) -> str:
    """A former unit that shares the new unit's name is told apart: "Bắc Ninh (cũ)"."""
    return f"{name} ({word})" if name == new_name else name
