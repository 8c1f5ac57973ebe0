"""Reading TOML into validated models, with messages that point at the file, line and key.

pydantic reports a location as a path of keys and list indices; planners edit the file by line,
so the path is translated back to a line by scanning the text (best effort: the path alone is
still shown when the scan cannot place it).
"""

from __future__ import annotations

import bisect
import functools
import re
import tomllib
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ictscore.formats.csvtext import check_bytes
from ictscore.formats.errors import InputError, Problem, did_you_mean
from ictscore.formats.inputs import note_read
from ictscore.formats.message import N_, Message, message_of, os_error

M = TypeVar("M", bound=BaseModel)

_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")
_TOML_END = "(at end of document)"
"""How Python's TOML reader places an error at the end of the text instead of a line."""


def read_text(path: Path, table: bool = False) -> str:
    """The text of a file; `table` for a CSV, where a NUL byte says what the file really is."""
    note_read(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError.one(path, N_("file not found")) from None
    except IsADirectoryError:
        raise InputError.one(path, N_("is a directory, not a file")) from None
    except OSError as exc:
        raise InputError.one(path, N_("cannot read file: {error}", error=os_error(exc))) from None
    if table:
        check_bytes(path, raw)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError.one(path, N_("not UTF-8 text (byte {byte})", byte=exc.start)) from None


def parse_toml(path: Path, text: str | None = None) -> tuple[dict[str, Any], str]:
    """Parse a TOML file; a syntax error becomes a Problem with its line and column."""
    if text is None:
        text = read_text(path)
    try:
        return tomllib.loads(text), text
    except RecursionError:
        raise InputError.one(
            path, N_("TOML nested too deeply to be a criteria, scenario or data file")
        ) from None
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = _TOML_POS.search(msg)
        line = col = None
        if m:
            line, col = int(m.group(1)), int(m.group(2))
            msg = _TOML_POS.sub("", msg).strip()
        elif msg.endswith(_TOML_END):  # an array or a table left open: the end is the place
            rest = text.split("\n")
            line, col = len(rest), len(rest[-1]) + 1
            msg = msg.removesuffix(_TOML_END).strip()
        raise InputError(
            [Problem(str(path), N_("TOML syntax error: {msg}", msg=_toml_said(msg)), "", line, col)]
        ) from None


_TOML_WORDS: tuple[tuple[re.Pattern[str], Message], ...] = tuple(
    (re.compile(pattern), message)
    for pattern, message in (
        (r"Cannot overwrite a value", N_("Cannot overwrite a value")),
        (
            r"Escaped character is not a Unicode scalar value",
            N_("Escaped character is not a Unicode scalar value"),
        ),
        (
            r"Expected '=' after a key in a key/value pair",
            N_("Expected '=' after a key in a key/value pair"),
        ),
        (
            r"Expected '\]' at the end of a table declaration",
            N_("Expected ']' at the end of a table declaration"),
        ),
        (
            r"Expected '\]\]' at the end of an array declaration",
            N_("Expected ']]' at the end of an array declaration"),
        ),
        (
            r"Expected newline or end of document after a statement",
            N_("Expected newline or end of document after a statement"),
        ),
        (r"Invalid date or datetime", N_("Invalid date or datetime")),
        (r"Invalid hex value", N_("Invalid hex value")),
        (
            r"Invalid initial character for a key part",
            N_("Invalid initial character for a key part"),
        ),
        (r"Invalid statement", N_("Invalid statement")),
        (r"Invalid value", N_("Invalid value")),
        (r"Unclosed array", N_("Unclosed array")),
        (r"Unclosed inline table", N_("Unclosed inline table")),
        (r"Unescaped '\\' in a string", N_("Unescaped '\\' in a string")),
        (r"Unterminated string", N_("Unterminated string")),
        (r"Cannot declare (?P<key>.+) twice", N_("Cannot declare {key} twice")),
        (
            r"Cannot mutate immutable namespace (?P<key>.+)",
            N_("Cannot mutate immutable namespace {key}"),
        ),
        (r"Cannot redefine namespace (?P<key>.+)", N_("Cannot redefine namespace {key}")),
        (r"Duplicate inline table key (?P<key>.+)", N_("Duplicate inline table key {key}")),
        (r"Expected (?P<what>.+)", N_("Expected {what}")),
        (r"Found invalid character (?P<char>.+)", N_("Found invalid character {char}")),
        (r"Illegal character (?P<char>.+)", N_("Illegal character {char}")),
    )
)
"""What Python's TOML reader says of a syntax error (Python 3.11's wording), as catalogue
messages; a wording it does not know is shown as it is."""


def _toml_said(msg: str) -> str:
    for pattern, message in _TOML_WORDS:
        m = pattern.fullmatch(msg)
        if m:
            return N_(message.msgid, **m.groupdict()) if m.groupdict() else message
    return msg


_HEADER = re.compile(r"^\s*\[\[?\s*([\w.\"-]+)\s*\]\]?\s*(#.*)?$")


@functools.lru_cache(maxsize=4)
def _outline(text: str) -> tuple[list[str], dict[str, list[int]]]:
    """The lines of a text and, by the last part of their name, the lines that open a table.

    `locate` is asked once for every entity of a data file: with the outline at hand it finds
    the n-th `[[entity]]` by bisection instead of reading the file from the top each time.
    """
    lines = text.splitlines()
    heads: dict[str, list[int]] = {}
    for n, line in enumerate(lines):
        h = _HEADER.match(line)
        if h:
            heads.setdefault(h.group(1).split(".")[-1].strip('"'), []).append(n)
    return lines, heads


def locate(text: str, loc: tuple[int | str, ...]) -> int | None:
    """Find the 1-based line that a pydantic location path most likely refers to."""
    lines, heads = _outline(text)
    start, end = 0, len(lines)
    i = 0
    found: int | None = None
    while i < len(loc):
        key = loc[i]
        if not isinstance(key, str):
            i += 1
            continue
        after = loc[i + 1] if i + 1 < len(loc) else None
        index = after if isinstance(after, int) else None
        opening = heads.get(key, [])
        first = bisect.bisect_left(opening, start)  # the first table `key` at or after start
        if index is not None:
            k = first + index
            if index >= 0 and k < len(opening) and opening[k] < end:
                hit = opening[k]
                found = hit + 1
                start = hit + 1
                end = opening[k + 1] if k + 1 < len(opening) and opening[k + 1] < end else end
                i += 2
                continue
        # the first line from start that opens table `key` or sets key `key`
        table = opening[first] if first < len(opening) and opening[first] < end else end
        keyline = re.compile(r'(^|[\s{,])"?' + re.escape(key) + r'"?\s*=')
        hit_at: int | None = table if table < end else None
        for n in range(start, table):
            if keyline.search(lines[n]):
                hit_at = n
                break
        if hit_at is None:
            return found
        found = hit_at + 1
        start = hit_at
        i += 2 if index is not None else 1
    return found


def _model_fields_along(model: type[BaseModel], loc: tuple[int | str, ...]) -> set[str]:
    """Names a model accepts at the place `loc` points into (for did-you-mean hints)."""
    current: list[Any] = [model]
    for key in loc:
        if isinstance(key, int):
            continue
        nxt: list[Any] = []
        for tp in current:
            for cls in _models_in(tp):
                field = cls.model_fields.get(key)
                if field is None:
                    for f in cls.model_fields.values():
                        if f.alias == key:
                            field = f
                if field is not None:
                    nxt.append(field.annotation)
        current = nxt
    names: set[str] = set()
    for tp in current:
        for cls in _models_in(tp):
            for name, f in cls.model_fields.items():
                names.add(f.alias or name)
    return names


def _models_in(tp: Any) -> list[type[BaseModel]]:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [tp]
    out: list[type[BaseModel]] = []
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _models_in(typing.get_args(tp)[0])
    if origin in (list, tuple, dict, typing.Union, types.UnionType) or origin is not None:
        for arg in typing.get_args(tp):
            out.extend(_models_in(arg))
    return out


def format_loc(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def validation_problems(
    path: Path,
    text: str,
    model: type[BaseModel],
    exc: ValidationError,
    prefix: tuple[str, ...] = (),
) -> list[Problem]:
    """One Problem per pydantic error; `prefix` places a model validated inside a larger file
    (a scenario's inline [data] table)."""
    problems: list[Problem] = []
    for err in exc.errors(include_url=False):
        loc = _strip_tags(model, tuple(p for p in err["loc"] if not _is_union_tag(p)))
        msg: str
        if err["type"] == "extra_forbidden":
            key = str(loc[-1]) if loc else ""
            names = _model_fields_along(model, loc[:-1])
            hint = did_you_mean(key, names)
            if not hint and names:
                msg = N_(
                    "unknown key '{key}'; allowed here: {names}",
                    key=key,
                    names=", ".join(sorted(names)),
                )
            else:
                msg = N_("unknown key '{key}'{hint}", key=key, hint=hint)
        else:
            msg = pydantic_message(err)
            shown = repr(err.get("input"))
            if "input" in err and err["type"] not in _NO_INPUT and len(shown) < 60:
                msg = N_("{message} (got {input})", message=msg, input=shown)
        full = (*prefix, *loc)
        problems.append(Problem(str(path), msg, format_loc(full), locate(text, full)))
    return problems


_NO_INPUT = ("value_error", "assertion_error", "missing", "bool_number")
"""Errors whose message already says what was wrong with the value, or that had none."""

_PYDANTIC: dict[str, Message] = {
    "missing": N_("required key is missing"),
    "bool_number": N_("expects a number, not true/false"),
    "bool_type": N_("Input should be a valid boolean"),
    "bool_parsing": N_("Input should be a valid boolean, unable to interpret input"),
    "string_type": N_("Input should be a valid string"),
    "string_too_short": N_("String should have at least {min_length} character{expected_plural}"),
    "string_too_long": N_("String should have at most {max_length} character{expected_plural}"),
    "string_pattern_mismatch": N_("String should match pattern '{pattern}'"),
    "int_type": N_("Input should be a valid integer"),
    "int_parsing": N_("Input should be a valid integer, unable to parse string as an integer"),
    "int_parsing_size": N_("Unable to parse input string as an integer, exceeded maximum size"),
    "int_from_float": N_("Input should be a valid integer, got a number with a fractional part"),
    "float_type": N_("Input should be a valid number"),
    "float_parsing": N_("Input should be a valid number, unable to parse string as a number"),
    "finite_number": N_("Input should be a finite number"),
    "greater_than": N_("Input should be greater than {gt}"),
    "greater_than_equal": N_("Input should be greater than or equal to {ge}"),
    "less_than": N_("Input should be less than {lt}"),
    "less_than_equal": N_("Input should be less than or equal to {le}"),
    "multiple_of": N_("Input should be a multiple of {multiple_of}"),
    "literal_error": N_("Input should be {expected}"),
    "enum": N_("Input should be {expected}"),
    "dict_type": N_("Input should be a valid dictionary"),
    "list_type": N_("Input should be a valid list"),
    "tuple_type": N_("Input should be a valid tuple"),
    "set_type": N_("Input should be a valid set"),
    "model_type": N_("Input should be a valid dictionary or instance of {class_name}"),
    "model_attributes_type": N_(
        "Input should be a valid dictionary or object to extract fields from"
    ),
    "too_short": N_(
        "{field_type} should have at least {min_length} item{expected_plural} after "
        "validation, not {actual_length}"
    ),
    "too_long": N_(
        "{field_type} should have at most {max_length} item{expected_plural} after "
        "validation, not {actual_length}"
    ),
    "union_tag_invalid": N_(
        "Input tag '{tag}' found using {discriminator} does not match any of the expected "
        "tags: {expected_tags}"
    ),
    "union_tag_not_found": N_("Unable to extract tag using discriminator {discriminator}"),
    "date_type": N_("Input should be a valid date"),
    "date_parsing": N_("Input should be a valid date in the format YYYY-MM-DD, {error}"),
    "datetime_type": N_("Input should be a valid datetime"),
    "datetime_parsing": N_("Input should be a valid datetime, {error}"),
    "none_required": N_("Input should be None"),
}
"""pydantic's error types that a criteria, scenario, data or entity file can meet, as catalogue
messages (their English is pydantic's own, so `--lang en` reads as it always did); the
parameters are pydantic's context (`ctx`)."""

_OR = re.compile(r"^(.*) or ('[^']*'|[^ ]+)$")


def pydantic_message(err: Mapping[str, Any]) -> str:
    """One pydantic error as a catalogue message: what a validator raised when it raised a
    `Message`, else the message of the error's type with its context; "or" of a choice of
    literals is a message too (translated where it is shown)."""
    ctx = dict(err.get("ctx") or {})
    if err["type"] in ("value_error", "assertion_error") and "error" in ctx:
        raised = ctx["error"]
        said = message_of(raised) if isinstance(raised, BaseException) else str(raised)
        # a rule's refusal (scoring cannot build a Message) is looked up by its English
        return said if isinstance(said, Message) else N_(said)
    template = _PYDANTIC.get(err["type"])
    if template is None:
        return N_("invalid value ({kind})", kind=err["type"])
    for k, v in ctx.items():  # pydantic writes a whole float bound as a whole number
        if isinstance(v, float) and v.is_integer() and abs(v) < 1e17:
            ctx[k] = int(v)
    if isinstance(ctx.get("expected"), str):
        m = _OR.match(ctx["expected"])
        if m:
            ctx["expected"] = N_("{items} or {last}", items=m.group(1), last=m.group(2))
    try:
        return N_(template.msgid, **ctx) if ctx else template
    except (KeyError, IndexError, ValueError):  # a context that a newer pydantic changed
        return N_("invalid value ({kind})", kind=err["type"])


def _strip_tags(model: type[BaseModel], loc: tuple[int | str, ...]) -> tuple[int | str, ...]:
    """Drop the discriminator value pydantic puts in a tagged union's location.

    An error in `[indicator.rule]` of type "ratio" comes as indicator.0.rule.ratio.points; the
    file has no key "ratio", so the planner should read indicator[1].rule.points.
    """
    current: list[Any] = [model]
    out: list[int | str] = []
    for key in loc:
        if isinstance(key, int):
            out.append(key)
            continue
        models = [cls for tp in current for cls in _models_in(tp)]
        fields = [f for cls in models for n, f in cls.model_fields.items() if key in (n, f.alias)]
        if fields:
            out.append(key)
            current = [f.annotation for f in fields]
            continue
        tags = {
            str(arg)
            for cls in models
            for f in cls.model_fields.values()
            if typing.get_origin(f.annotation) is typing.Literal
            for arg in typing.get_args(f.annotation)
        }
        members = {
            getattr(arg, "__name__", str(arg))
            for tp in current
            if typing.get_origin(tp) in (typing.Union, types.UnionType)
            for arg in typing.get_args(tp)
        }
        if key in members:  # a plain union: pydantic names the member type tried
            current = []
            continue
        if len(models) > 1 and key in tags:
            current = [
                cls
                for cls in models
                if any(key in typing.get_args(f.annotation) for f in cls.model_fields.values())
            ]
            continue
        out.append(key)
        current = []
    return tuple(out)


def _is_union_tag(part: int | str) -> bool:
    # pydantic inserts the discriminator or the member type name into the location of a union
    return isinstance(part, str) and ("[" in part or part.startswith("function-"))


def load_model(
    path: Path, model: type[M], data: dict[str, Any] | None = None, text: str = ""
) -> tuple[M, str]:
    """Parse and validate one TOML file; every schema problem is reported together.

    Pass `text` with already parsed `data`, or messages lose their line numbers.
    """
    if data is None:
        data, text = parse_toml(path)
    try:
        return model.model_validate(data), text
    except ValidationError as exc:
        raise InputError(validation_problems(path, text, model, exc)) from None
