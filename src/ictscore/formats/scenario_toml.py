"""Writing a scenario back into its own TOML text, so that what a person wrote there survives.

A scenario file is edited by hand as much as by the planner: comments explain assumptions
(`target_rank = 5  # ...`), blank lines and the order of keys and tables are how its author
reads it. Saving therefore never regenerates the file: the text is parsed with tomlkit, which
keeps every comment and every byte of layout, only the values that differ from what the text
says are changed in that document, and the document is written back. The edit log is matched
against the `[[change]]` tables already there: the tables of changes still in the log stay as
they were (with their comments; only an edited audit field is rewritten), the changes past the
first difference are replaced, and a new change is appended after the last `[[change]]`
wherever the tables stand in the file. Comments that head the section after the last change
(say, a `# --- levers` line above `[[lever]]`) stay in front of that section.

One layout tomlkit does not keep: a log split into several runs of `[[change]]` tables with other
tables between them is gathered into its first run when the log is written; the data and every
comment stay, but comments between the runs may end up beside other tables.
"""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ictscore.formats.plan import Lever
from ictscore.formats.scenario import (
    AUDIT_FIELDS,
    Change,
    ConflictError,
    Scenario,
    ScenarioFile,
    atomic_write,
    fingerprint,
    relative_path,
)

if TYPE_CHECKING:
    from tomlkit.container import Container
    from tomlkit.items import AoT, InlineTable, Item, Table
    from tomlkit.toml_document import TOMLDocument

    Holder = Container | Table | InlineTable
    """What holds keys: the document, a table, an inline table."""

CHANGE_KEYS = ("node", "value", "entity", "note", "author", "date", "source")
"""The order in which a new [[change]] table lists its keys."""


def scenario_toml(text: str, file: ScenarioFile) -> str:
    """`text` (a scenario file's content, or "" for a new file) updated to say what `file` says."""
    # imported here: computing never writes, and tomlkit costs start-up time
    import tomlkit

    before = ScenarioFile.model_validate(tomllib.loads(text)) if text.strip() else None
    if before == file:
        return text  # nothing to write: not even tomlkit's own layout choices
    doc = tomlkit.parse(text) if before is not None else tomlkit.document()
    old = {} if before is None else _plain(before)
    _sync(doc, old, _plain(file), root=True)
    _sync_levers(doc, [] if before is None else before.lever, file.lever)
    _sync_changes(doc, [] if before is None else before.change, file.change)
    return tomlkit.dumps(doc)


def save_scenario(
    scenario: Scenario, file: ScenarioFile, path: Path | None = None, force: bool = False
) -> Scenario:
    """Write `file` into the text `scenario` was read from, atomically, at `path` (default: where
    it was read); the scenario as now on disk.

    Refuses (ConflictError) to replace a file that changed on disk since it was read, or
    another existing file, unless `force`: the caller asks the person first.
    """
    target = path or scenario.path
    if target is None:
        raise ValueError("no file name to save to")
    same = scenario.path is not None and target.resolve() == scenario.path.resolve()
    if (
        not force
        and target.exists()
        and (not same or fingerprint(target.read_bytes()) != scenario.disk_hash)
    ):
        raise ConflictError(target)
    file = relocated(file, scenario.path, target)
    text = scenario_toml(scenario.text, file)
    data = text.encode("utf-8")
    atomic_write(target, data)
    return replace(scenario, path=target, file=file, text=text, disk_hash=fingerprint(data))


def relocated(file: ScenarioFile, source: Path | None, target: Path) -> ScenarioFile:
    """The file's relative paths rewritten for a copy saved in another folder."""
    if source is None or target.parent.resolve() == source.parent.resolve():
        return file
    base, dest = source.parent, target.parent

    def move(rel: str) -> str:
        return relative_path(base / rel, dest)

    upd: dict[str, Any] = {"criteria": move(file.criteria)}
    if isinstance(file.data, str):
        upd["data"] = move(file.data)
    if file.entities is not None:
        upd["entities"] = move(file.entities)
    if file.peers is not None and file.peers.trend is not None:
        upd["peers"] = file.peers.model_copy(update={"trend": move(file.peers.trend)})
    return file.model_copy(update=upd)


# --- plain keys and tables -------------------------------------------------------------------


def _plain(file: ScenarioFile) -> dict[str, Any]:
    return file.model_dump(by_alias=True, exclude={"change", "lever"})


def _sync(table: Holder, old: dict[str, Any], new: dict[str, Any], root: bool) -> None:
    """Change in `table` only the keys whose value differs between `old` and `new`."""
    from tomlkit.items import InlineTable
    from tomlkit.items import Table as TomlTable

    for key in [k for k in old if k not in new]:
        if key in table:
            del table[key]
    for key, value in new.items():
        if key in old and old[key] == value:
            continue
        present = key in table
        if value is None or (value == [] and not present):
            if present:
                del table[key]
            continue
        item = table.get(key) if present else None
        nested = isinstance(old.get(key), dict) and isinstance(value, dict)
        if nested and isinstance(item, TomlTable | InlineTable):
            _sync(item, old[key], value, root=False)
            continue
        _put(table, key, value, root)


def _put(table: Holder, key: str, value: Any, root: bool) -> None:
    """Set one key: in place when it is there (its inline comment stays), else after the last
    key of the table, ahead of the comments and blank lines that close it."""
    if key in table:
        table[key] = value
        return
    if root and not _is_table_value(value):
        last = _last_plain_key(table)
        if last is not None:
            # tomlkit has no public way to place a key: this keeps a new top-level key with the
            # others instead of under the comment that heads the first table
            table._insert_after(last, key, value)  # type: ignore[union-attr]
            return
    tail = _detach_tail(table)
    table[key] = value
    _body(table).extend(tail)


def _is_table_value(value: Any) -> bool:
    return isinstance(value, dict) or (
        isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)
    )


def _last_plain_key(doc: Holder) -> str | None:
    from tomlkit.items import AoT as TomlAoT
    from tomlkit.items import Table as TomlTable

    last = None
    for k, item in _body(doc):
        if k is not None and not isinstance(item, TomlTable | TomlAoT):
            last = k.key
    return last


def _body(table: Holder) -> list[tuple[Any, Item]]:
    from tomlkit.container import Container as TomlContainer

    body: list[tuple[Any, Item]] = (
        table.body if isinstance(table, TomlContainer) else table.value.body
    )
    return body


def _detach_tail(table: Holder, from_blank: bool = False) -> list[tuple[Any, Item]]:
    """Take the comments and blank lines that end a table off it.

    With `from_blank`, only from its first blank line on: a comment right under a table's last
    key belongs to that table, one after a blank line heads what follows.
    """
    from tomlkit.items import Comment, Whitespace

    body = _body(table)
    k = len(body)
    while k and body[k - 1][0] is None and isinstance(body[k - 1][1], Comment | Whitespace):
        k -= 1
    if from_blank:
        while k < len(body) and not isinstance(body[k][1], Whitespace):
            k += 1
    # keyless items at the end: removing them leaves the table's key index valid
    tail = body[k:]
    del body[k:]
    return tail


def _end_with_blank_line(table: Table) -> None:
    from tomlkit.items import Whitespace

    body = _body(table)
    if not (body and isinstance(body[-1][1], Whitespace)):
        body.append((None, Whitespace("\n")))


# --- the edit log ------------------------------------------------------------------------------


def _same_edit(a: Change, b: Change) -> bool:
    """The same edit, whatever its audit trail says (annotating changes only that)."""
    return (
        a.node == b.node
        and a.entity == b.entity
        and a.value == b.value
        and isinstance(a.value, bool) == isinstance(b.value, bool)
    )


def _change_dict(c: Change) -> dict[str, Any]:
    return {k: getattr(c, k) for k in CHANGE_KEYS if getattr(c, k) is not None}


def _sync_changes(doc: TOMLDocument, old: list[Change], new: list[Change]) -> None:
    import tomlkit
    from tomlkit.items import AoT as TomlAoT

    keep = 0
    while keep < min(len(old), len(new)) and _same_edit(old[keep], new[keep]):
        keep += 1
    item = doc.get("change")
    if item is not None and not isinstance(item, TomlAoT):
        # `change = [{ ... }]`, an inline array: rewritten as one, in its place
        doc["change"] = tomlkit.array().multiline(True)
        for c in new:
            t = tomlkit.inline_table()
            t.update(_change_dict(c))
            doc["change"].append(t)
        if not new:
            del doc["change"]
        return
    if item is None:
        if new:
            _append_log(doc, new)
        return
    aot: AoT = item
    separator = _detach_tail(aot[-1], from_blank=True) if len(aot) else []
    for table, was, now in zip(aot[:keep], old, new, strict=False):
        for key in AUDIT_FIELDS:
            if getattr(was, key) != getattr(now, key):
                _sync(table, {key: getattr(was, key)}, {key: getattr(now, key)}, root=False)
    while len(aot) > keep:
        del aot[-1]
    for c in new[keep:]:
        if len(aot):
            _end_with_blank_line(aot[-1])
        aot.append(_new_table(c))
    if len(aot):
        body = _body(aot[-1])
        while separator and body and _is_blank(body[-1][1]):
            body.pop()  # the separator brings its own blank line
        body.extend(separator)
    else:
        _drop_log(doc, separator)


def _is_blank(item: Item) -> bool:
    from tomlkit.items import Whitespace

    return isinstance(item, Whitespace)


def _new_table(c: Change) -> Table:
    import tomlkit

    t = tomlkit.table()
    for k, v in _change_dict(c).items():
        t.add(k, v)
    return t


def _append_log(doc: TOMLDocument, new: list[Change]) -> None:
    """A file without an edit log gets one at its end, after a blank line."""
    import tomlkit
    from tomlkit.items import AoT as TomlAoT
    from tomlkit.items import Table as TomlTable

    last: Any = doc
    while True:
        entries = [item for k, item in _body(last) if k is not None]
        tail = entries[-1] if entries else None
        if isinstance(tail, TomlAoT) and len(tail):
            last = tail[-1]
        elif isinstance(tail, TomlTable):
            last = tail
        else:
            break
    if last is not doc:
        _end_with_blank_line(last)
    elif _body(doc):
        doc.add(tomlkit.nl())
    aot = tomlkit.aot()
    for c in new:
        if len(aot):
            _end_with_blank_line(aot[-1])
        aot.append(_new_table(c))
    doc.append("change", aot)


def _drop_log(doc: TOMLDocument, separator: list[tuple[Any, Item]]) -> None:
    """Remove the emptied edit log, leaving the comments that headed what followed it."""
    from tomlkit.items import Whitespace

    body = _body(doc)
    index = next(i for i, (k, _) in enumerate(body) if k is not None and k.key == "change")
    del doc["change"]  # leaves an empty placeholder at `index`
    if separator:
        # the placeholder's slot takes the separator's text as it stood, since tomlkit cannot
        # insert keyless items mid-document; the document is written out right after this
        text = "".join(item.as_string() for _, item in separator)
        body[index] = (None, Whitespace(text))


# --- the levers ------------------------------------------------------------------------------

LEVER_KEYS = (
    "id", "name_vi", "name_en", "cost", "divisible", "unit_cost", "max_units", "group",
    "requires", "delivery", "estimate", "basis", "source", "note", "effect",
)  # fmt: skip
"""The order in which a new [[lever]] table lists its keys."""


def _lever_dict(lv: Lever) -> dict[str, Any]:
    """What a [[lever]] table says: the keys that differ from their defaults, its cost and
    whether that is an estimate always (a reader should not have to know the defaults)."""
    given = lv.model_dump(by_alias=True, exclude_defaults=True, exclude_none=True)
    given["cost"], given["estimate"] = lv.cost, lv.estimate
    given["effect"] = [e.model_dump(by_alias=True, exclude_none=True) for e in lv.effect]
    return {k: _whole(given[k]) for k in LEVER_KEYS if k in given}


def _whole(v: Any) -> Any:
    """500000000.0 is written 500_000_000, as the bundled scenarios write an amount."""
    import tomlkit

    if isinstance(v, float) and v.is_integer() and abs(v) < 2**53:
        v = int(v)
    if isinstance(v, int) and not isinstance(v, bool) and abs(v) >= 10_000:
        return tomlkit.value(f"{v:_}")
    return v


def _effects(effects: list[dict[str, Any]]) -> Any:
    """`effect = [{ node = ..., set = ... }]`, the inline layout of the bundled scenarios."""
    import tomlkit

    def one(e: dict[str, Any]) -> str:
        pairs = (f"{k} = {tomlkit.item(_whole(v)).as_string()}" for k, v in e.items())
        return "{ " + ", ".join(pairs) + " }"

    return tomlkit.value("[" + ", ".join(one(e) for e in effects) + "]")


def _new_lever_table(lv: Lever) -> Table:
    import tomlkit

    t = tomlkit.table()
    for k, v in _lever_dict(lv).items():
        t.add(k, _effects(v) if k == "effect" else v)
    return t


def _sync_levers(doc: TOMLDocument, old: list[Lever], new: list[Lever]) -> None:
    """Levers kept as they were stay byte for byte with their comments; an edited lever has
    only its changed keys rewritten; a removed one goes; a new one is added after the last
    [[lever]] (ahead of the comment that heads the next section), or at the file's end."""
    import tomlkit
    from tomlkit.items import AoT as TomlAoT

    if old == new:
        return
    item = doc.get("lever")
    kept_old = [lv.id for lv in old if any(n.id == lv.id for n in new)]
    kept_new = [lv.id for lv in new if lv.id in kept_old]
    if not isinstance(item, TomlAoT) or len(item) != len(old) or kept_old != kept_new:
        # no [[lever]] tables to keep (none yet, an inline array, or a reordering): write anew
        if item is not None:
            del doc["lever"]
        if new:
            fresh = tomlkit.aot()
            for lv in new:
                fresh.append(_new_lever_table(lv))
            _place_aot(doc, "lever", fresh)
        return
    aot: AoT = item
    separator = _detach_tail(aot[-1], from_blank=True) if len(aot) else []
    by_id = {lv.id: lv for lv in new}
    for k in range(len(old) - 1, -1, -1):
        if old[k].id not in by_id:
            del aot[k]
    for table, was in zip(aot, [lv for lv in old if lv.id in by_id], strict=True):
        now = by_id[was.id]
        if now != was:
            before, after = _lever_dict(was), _lever_dict(now)
            effect = after.pop("effect")
            if before.pop("effect") != effect:
                table["effect"] = _effects(effect)
            _sync(table, before, after, root=False)
    for lv in new:
        if lv.id not in kept_old:
            if len(aot):
                _end_with_blank_line(aot[-1])
            aot.append(_new_lever_table(lv))
    if len(aot):
        body = _body(aot[-1])
        while separator and body and _is_blank(body[-1][1]):
            body.pop()
        body.extend(separator)
    else:
        _drop_aot(doc, "lever", separator)


def _place_aot(doc: TOMLDocument, key: str, aot: AoT) -> None:
    """A new array of tables at the file's end, after a blank line."""
    import tomlkit

    if _body(doc):
        doc.add(tomlkit.nl())
    doc.append(key, aot)


def _drop_aot(doc: TOMLDocument, key: str, separator: list[tuple[Any, Item]]) -> None:
    """Remove an emptied array of tables, leaving the comments that headed what followed."""
    from tomlkit.items import Whitespace

    body = _body(doc)
    index = next(i for i, (k, _) in enumerate(body) if k is not None and k.key == key)
    del doc[key]
    if separator:
        text = "".join(item.as_string() for _, item in separator)
        body[index] = (None, Whitespace(text))
