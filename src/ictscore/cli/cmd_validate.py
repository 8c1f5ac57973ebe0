"""`ictscore validate`: check criteria, scenario and data files and list every problem.

A file that declares its `kind` is checked as that kind; one without it is recognised by its
content (a [framework] table, a [list], a `criteria` key, [[entity]] tables), which is what
files written before `kind` existed rely on.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ictscore.engine.bounds import check_computable
from ictscore.formats.criteria import load_criteria
from ictscore.formats.dataset import load_dataset
from ictscore.formats.errors import InputError, Problem
from ictscore.formats.importing import entities_for
from ictscore.formats.kinds import declared_kind
from ictscore.formats.lineage import ranked_dataset
from ictscore.formats.message import N_
from ictscore.formats.names import load_entity_list
from ictscore.formats.scenario import load_scenario
from ictscore.formats.tomlfile import parse_toml
from ictscore.planning.whatif import WhatIf
from ictscore.presentation import i18n


def register(sub: Any) -> None:
    p = sub.add_parser(
        "validate",
        help="check criteria, scenario and data files",
        description="Check files and list every problem found. A TOML file is checked as "
        "the kind its `kind` key declares, else as what its content looks like. A data file "
        "(CSV, or TOML with [[entity]]) is checked against --criteria.",
    )
    p.add_argument("files", type=Path, nargs="+", metavar="FILE")
    p.add_argument("--criteria", type=Path, help="criteria file for checking data files")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    problems: list[Problem] = []
    for path in args.files:
        try:
            kind = check(path, args.criteria)
            print(
                i18n.gettext(
                    "ok: {path} ({kind})", args.lang, path=path, kind=i18n.text(kind, args.lang)
                ),
                file=sys.stderr,
            )
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return 0


def check(path: Path, criteria: Path | None) -> str:
    """Check one file as its kind; the kind's name, as the `ok:` line shows it."""
    if path.suffix.lower() == ".csv":
        if _is_history(path):
            return _history(path)
        return _data(path, criteria)
    data, text = parse_toml(path)
    kind = declared_kind(path, data, text) or _guess(path, data)
    if kind == "criteria":
        loaded = load_criteria(path)
        check_computable(loaded)
        entities_for(loaded)  # its entity list, when it names one, must load too
        from ictscore.planning.history import check_history_key

        check_history_key(loaded, text)  # and its results file, when it names one
        return N_("criteria")
    if kind == "entities":
        load_entity_list(path)
        return N_("entity list")
    if kind == "scenario":
        WhatIf(load_scenario(path)).project()
        return N_("scenario")
    return _data(path, criteria)


def _guess(path: Path, data: dict[str, Any]) -> str:
    """The kind of a file that does not declare one, from the tables it has."""
    if "framework" in data:
        return N_("criteria")
    if "list" in data:
        return "entities"
    if "criteria" in data:
        return "scenario"
    if "entity" in data:
        return "data"
    raise InputError.one(
        path,
        N_(
            "not a criteria file ([framework]), a scenario (criteria = ...), a data file "
            '([[entity]]) or an entity list ([list]); a file may say which with kind = "..."'
        ),
    )


def _data(path: Path, criteria: Path | None) -> str:
    if criteria is None:
        raise InputError.one(
            path, N_("a data file is checked against a framework: add --criteria CRITERIA.toml")
        )
    crit = load_criteria(criteria)
    # the rows must also make up the units the framework ranks (a merged unit given twice...)
    ranked_dataset(load_dataset(path, crit), crit)
    return N_("data")


def _is_history(path: Path) -> bool:
    """A results file (criteria/history/*.csv) has an edition and a status column."""
    from ictscore.formats.tomlfile import read_text

    header = next(
        (ln for ln in read_text(path, True).splitlines() if ln.strip() and not ln.startswith("#")),
        "",
    )
    cols = {c.strip() for c in header.split(",")}
    return {"edition", "status"} <= cols


def _history(path: Path) -> str:
    from ictscore.formats.history import load_history
    from ictscore.planning.history import bundled_lists, check_units
    from ictscore.resources import bundled_root

    history = load_history(path)
    lists = bundled_lists(path.resolve().parent.parent)
    check_units(history, lists or bundled_lists(bundled_root() / "criteria"))
    return N_("results history")
