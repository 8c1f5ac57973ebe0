"""`ictscore change`: append one change to a scenario's edit log, without the planner's screen.

A value decided in a meeting, or one that a script brings from another system, goes into the
scenario the way a planner's edit does: checked against the framework and the data, signed with
who and today's date, recorded by the same Session and written by the same writer (every
comment and blank line of the file stays), atomically, and never over a file that someone else
changed since it was read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ictscore.formats.criteria import Indicator
from ictscore.formats.errors import InputError, did_you_mean
from ictscore.formats.message import N_, message_of, os_error
from ictscore.formats.scenario import ConflictError, Scenario, load_scenario
from ictscore.planning.audit import default_author
from ictscore.planning.session import Session
from ictscore.presentation import describe, i18n, numbers


def register(sub: Any) -> None:
    p = sub.add_parser(
        "change",
        help="append one change to a scenario's edit log (the file's comments stay)",
        description="Append one change to the scenario's edit log and save the file in place: "
        "the value is checked as the planner checks it, the change is signed with its author "
        "and today's date, and the file keeps its comments and layout. Refused (exit 2, the "
        "file untouched) when a value is invalid or the file changed on disk meanwhile.",
    )
    p.add_argument("scenario", type=Path, help="scenario TOML file (edited in place)")
    p.add_argument("--node", required=True, metavar="ID", help="the indicator to set")
    p.add_argument(
        "--value", required=True, metavar="V", help="the new value: a number, category or yes/no"
    )
    p.add_argument("--entity", metavar="ID", help="whose value (default: the scenario's focus)")
    p.add_argument("--note", metavar="TEXT", help="why the value changes")
    p.add_argument("--source", metavar="TEXT", help="the document the value rests on")
    p.add_argument(
        "--author",
        metavar="NAME",
        help="who decided it (default: ICTSCORE_AUTHOR, else the login name)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    path: Path = args.scenario
    scenario = load_scenario(path)
    _refuse_bundled(path)
    session = Session(scenario)  # no journal: the change is written at once, or not at all
    session.stamp, session.author = True, _text(args.author) or default_author()
    _check_ids(scenario, path, args.node, args.entity)
    typed = _typed(scenario, path, args.node, args.value, args.lang)
    try:
        change = scenario.make_change(
            args.node,
            typed,
            args.entity,
            note=_text(args.note),
            source=_text(args.source),
        )
    except ValueError as exc:
        raise InputError.one(path, message_of(exc), "--value") from None
    node = scenario.criteria.nodes[args.node]
    if isinstance(node, Indicator) and not isinstance(change.value, str):
        print(
            i18n.gettext(
                "'{text}' = {value}",
                args.lang,
                text=args.value.strip(),
                value=describe.value(node, change.value, args.lang),
            ),
            file=sys.stderr,
        )
    # through record_all, not edit: an --entity naming the focus stays that entity's change
    session.record_all([change])
    try:
        session.save()
    except ConflictError:
        raise InputError.one(
            path, N_("the file changed on disk while the change was being made; nothing written")
        ) from None
    except OSError as exc:
        raise InputError.one(path, N_("cannot write: {error}", error=os_error(exc))) from None
    saved = session.applied()[-1]
    who = session.entity_of(saved)
    print(
        i18n.gettext(
            "wrote {path}: change {n}, {node} = {value} for {who}",
            args.lang,
            path=path,
            n=session.cursor,
            node=saved.node,
            value=saved.value,
            who=who,
        ),
        file=sys.stderr,
    )
    return 0


def _typed(scenario: Scenario, path: Path, node_id: str, text: str, lang: str) -> object:
    """The value typed for an indicator read as the planner's value field reads it ("1.000" is
    one thousand, "30,5" is 30.5, "45 %" of a 0..1 indicator is 0,45); a text that reads two
    ways within the indicator's range is refused with both readings, never guessed."""
    node = scenario.criteria.nodes[node_id]
    if not isinstance(node, Indicator):
        return text  # a group's value: `make_change` checks it against what the group scores
    try:
        return numbers.indicator_value(node, text, lang)
    except numbers.Ambiguous as exc:
        raise InputError.one(path, exc.message, "--value") from None
    except ValueError:
        return text  # `make_change` says what is wrong with it, in the loader's words


def _text(value: str | None) -> str | None:
    return (value.strip() or None) if value is not None else None


def _check_ids(scenario: Scenario, path: Path, node: str, entity: str | None) -> None:
    """An unknown node or entity is named with the option that gave it, and a close match."""
    crit = scenario.criteria
    if node not in crit.nodes:
        raise InputError.one(
            path,
            N_(
                "no node '{node}' in {id}{hint}",
                node=node,
                id=crit.framework.id,
                hint=did_you_mean(node, crit.nodes),
            ),
            "--node",
        )
    ids = scenario.dataset.ids()
    if entity is not None and entity not in ids:
        raise InputError.one(
            path,
            N_(
                "no entity '{entity}' in the data{hint}",
                entity=entity,
                hint=did_you_mean(entity, ids),
            ),
            "--entity",
        )


def _refuse_bundled(path: Path) -> None:
    from ictscore.resources import in_installed_bundle

    if in_installed_bundle(path):
        raise InputError.one(
            path, N_("this is the example bundled inside the installed package: copy it first")
        )
