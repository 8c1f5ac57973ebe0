"""`ictscore history ENTITY`: a unit's score and rank in every edition, following its lineage.

Reads the bundled results files (criteria/history/<family>-*.csv) and entity lists; the new
Bắc Ninh shows its own 2024 result and, before the merger, the former Bắc Ninh's and Bắc
Giang's, each labelled. Vietnamese by default, like every output a leadership reads.
"""

from __future__ import annotations

import argparse
from typing import Any

from ictscore.cli.common import add_format, emit
from ictscore.planning.history import load_unit_history
from ictscore.presentation import writers
from ictscore.presentation.documents import HistoryDoc
from ictscore.presentation.history import value_labels
from ictscore.resources import bundled_root


def register(sub: Any) -> None:
    p = sub.add_parser(
        "history",
        help="a unit's score and rank in every published edition, following its lineage",
        description="The published results of one unit in every edition of a ranking; a unit "
        "formed by a merger shows those of the units it was formed from before it.",
    )
    p.add_argument("entity", metavar="ENTITY", help="id or name of the unit (bac-ninh, 'Huế')")
    p.add_argument("--family", default="dti", help="the ranking (default: dti)")
    p.add_argument(
        "--entities",
        metavar="LIST",
        help="look the unit up in this entity list only (its id, e.g. vn-provinces for a "
        "former province that shares a new one's id)",
    )
    add_format(p, "history")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = bundled_root() / "criteria"
    uh = load_unit_history(root, args.entity, args.family, args.entities)
    doc = HistoryDoc(uh, value_labels(root, uh))
    emit(writers.text(doc, args.format, args.lang), args.output, args.lang)
    return 0
