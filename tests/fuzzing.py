"""Fuzzing every loader and the CLI's option parsing: what a broken input may and may not do.

Shared by the bounded run in the test command (tests/functional/test_fuzz.py) and the long run
(scripts/fuzz.py). A *target* is a folder of small valid files, the one file that gets broken and
the command line that reads it. A *mutation* breaks the file the way people and tools do: a line
deleted or duplicated, a character flipped, a number turned into `true` or a string (and back),
a table nested hundreds deep, the file cut short, bytes that are not UTF-8, or random text in
place of the whole file. Whatever the input, the command must

- return 0 or 2 (never raise, never print a traceback),
- on 2, say at least one `error:` (`lỗi:`) line and write no output file,
- leave every file it read byte for byte as it was.

`check` returns a one-line description of the first rule broken, or None.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import tempfile
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ictscore.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "bad_inputs" / "_base"

DATA_TOML = """kind = "data"
version = 1

[[entity]]
id = "so-a"
name = "Sở A"
[entity.values]
may_tinh = 1
ty_le_truc_tuyen = 20

[[entity]]
id = "so-b"
name = "Sở B"
[entity.values]
may_tinh = 0.8
ty_le_truc_tuyen = 50
"""

LEVERS = """
budget = 100_000_000

[[lever]]
id = "may_moi"
name_vi = "Mua máy tính"
name_en = "Buy computers"
cost = 40_000_000
divisible = true
unit_cost = 20_000_000
max_units = 3
effect = [{ node = "may_tinh", add = 0.1 }]

[[lever]]
id = "huong_dan"
name_vi = "Hướng dẫn nộp trực tuyến"
name_en = "Guide online filing"
cost = 30_000_000
effect = [{ node = "ty_le_truc_tuyen", add = 15 }]
"""

SHEET = """Đơn vị,Số máy tính trên một công chức,Tỷ lệ hồ sơ nộp trực tuyến (%)
Sở A,1,20
Sở B,"0,8",50
"""

MAPPING = """entity_column = "Đơn vị"
decimal = ","

[columns]
"Số máy tính trên một công chức" = "may_tinh"
"Tỷ lệ hồ sơ nộp trực tuyến (%)" = "ty_le_truc_tuyen"

[entities]
"Sở A" = "so-a"
"Sở B" = "so-b"
"""


@dataclass(frozen=True)
class Target:
    """One loader reached through the CLI: the files it starts from and the file broken."""

    name: str
    broken: str
    args: tuple[str, ...]
    files: Callable[[Path], None]


def _base(folder: Path) -> None:
    for p in BASE.iterdir():
        shutil.copy(p, folder / p.name)


def _data_toml(folder: Path) -> None:
    _base(folder)
    (folder / "data.toml").write_text(DATA_TOML, encoding="utf-8")
    sc = (folder / "scenario.toml").read_text("utf-8").replace('"data.csv"', '"data.toml"')
    (folder / "scenario.toml").write_text(sc, encoding="utf-8")


def _levers(folder: Path) -> None:
    _base(folder)
    sc = (
        (folder / "scenario.toml")
        .read_text("utf-8")
        .replace("\n[[change]]", LEVERS + "\n[[change]]", 1)
    )
    (folder / "scenario.toml").write_text(sc, encoding="utf-8")


def _sheet(folder: Path) -> None:
    shutil.copy(BASE / "criteria.toml", folder / "criteria.toml")
    (folder / "sheet.csv").write_text(SHEET, encoding="utf-8")
    (folder / "mapping.toml").write_text(MAPPING, encoding="utf-8")


_IMPORT = ("import", "sheet.csv", "--criteria", "criteria.toml", "--mapping", "mapping.toml")
TARGETS: dict[str, Target] = {
    t.name: t
    for t in (
        Target("criteria", "criteria.toml", ("validate", "criteria.toml"), _base),
        Target(
            "criteria-compute",
            "criteria.toml",
            ("compute", "scenario.toml", "-o", "out.txt"),
            _base,
        ),
        Target("scenario", "scenario.toml", ("compute", "scenario.toml", "-o", "out.txt"), _base),
        Target("data-csv", "data.csv", ("compute", "scenario.toml", "-o", "out.txt"), _base),
        Target("data-toml", "data.toml", ("compute", "scenario.toml", "-o", "out.txt"), _data_toml),
        Target("plan", "scenario.toml", ("plan", "scenario.toml", "-o", "out.txt"), _levers),
        Target("mapping", "mapping.toml", (*_IMPORT, "-o", "out.csv"), _sheet),
        Target("sheet", "sheet.csv", (*_IMPORT, "-o", "out.csv"), _sheet),
    )
}


def seed_text(target: Target) -> str:
    """The valid file a target's mutations start from."""
    with tempfile.TemporaryDirectory() as tmp:
        target.files(Path(tmp))
        return (Path(tmp) / target.broken).read_text("utf-8")


# --- mutations -----------------------------------------------------------------------------------

NUMBER = re.compile(r"(?<![\w.\"])-?\d[\d_]*(\.\d+)?(e-?\d+)?(?![\w\"])")
BOOL = re.compile(r"\b(true|false)\b")
STRING = re.compile(r'"[^"\n]*"')
REPLACEMENTS = ("true", "false", '"x"', "0", "-1", "1e308", "nan", "inf", "[]", "{}", '""', "1_0")
KINDS = (
    "delete_line",
    "duplicate_line",
    "flip_char",
    "number_to",
    "bool_to",
    "string_to",
    "nest",
    "truncate",
    "not_utf8",
    "replace_all",
    "swap_lines",
)


@dataclass(frozen=True)
class Mutation:
    """One way to break a text: `kind` with where (`at`, a fraction of the text) and what."""

    kind: str
    at: float
    pick: int = 0
    text: str = ""

    def apply(self, data: bytes) -> bytes:
        text = data.decode("utf-8", errors="surrogateescape")
        lines = text.splitlines(keepends=True) or [""]
        i = min(int(self.at * len(lines)), len(lines) - 1)
        k = self.kind
        if k == "delete_line":
            del lines[i]
        elif k == "duplicate_line":
            lines.insert(i, lines[i])
        elif k == "swap_lines":
            j = (i + 1 + self.pick) % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
        elif k == "flip_char":
            pos = min(int(self.at * len(text)), max(len(text) - 1, 0))
            ch = self.text[:1] or chr(33 + self.pick % 94)
            return (text[:pos] + ch + text[pos + 1 :]).encode("utf-8", errors="surrogateescape")
        elif k in ("number_to", "bool_to", "string_to"):
            pattern = {"number_to": NUMBER, "bool_to": BOOL, "string_to": STRING}[k]
            hits = list(pattern.finditer(text))
            if hits:
                m = hits[int(self.at * len(hits)) % len(hits)]
                new = self.text or REPLACEMENTS[self.pick % len(REPLACEMENTS)]
                text = text[: m.start()] + new + text[m.end() :]
            return text.encode("utf-8", errors="surrogateescape")
        elif k == "nest":
            depth = 50 + self.pick % 1000
            lines.insert(i, "deep = " + "[" * depth + "]" * depth + "\n")
        elif k == "truncate":
            return data[: int(self.at * len(data))]
        elif k == "not_utf8":
            pos = int(self.at * len(data))
            return data[:pos] + b"\xff\xfe\xc3" + data[pos:]
        elif k == "replace_all":
            return self.text.encode("utf-8", errors="surrogateescape")
        return "".join(lines).encode("utf-8", errors="surrogateescape")


# --- running and checking ------------------------------------------------------------------------


@contextlib.contextmanager
def _in(folder: Path) -> Iterator[None]:
    old = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(old)


def run_cli(args: list[str], folder: Path) -> tuple[int | None, str, str, str | None]:
    """Run `ictscore ARGS` in `folder`, in this process: (exit code, stdout, stderr, the
    traceback of an exception that escaped, if one did)."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="replace")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="replace")
    code: int | None
    escaped = None
    with _in(folder), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except SystemExit as exc:  # argparse's refusals, and -h
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        except Exception as exc:  # what must never happen is exactly what this records
            code = None
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            # one kind per exception and place: the message (an id, a value) varies
            escaped = f"{type(exc).__name__} at {Path(frame.filename).name}:{frame.lineno} — {exc}"
    texts = []
    for stream in (out, err):
        stream.flush()
        buf = stream.buffer
        assert isinstance(buf, io.BytesIO)
        texts.append(buf.getvalue().decode("utf-8", errors="replace"))
    return code, texts[0], texts[1], escaped


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def kind_of(why: str) -> str:
    """What a failure is, without the detail that differs from one input to the next."""
    return why.split(" — ", 1)[0]


def check(
    args: list[str],
    folder: Path,
    outputs: tuple[str, ...] = ("out.txt", "out.csv"),
    writes: tuple[str, ...] = (),
) -> str | None:
    """Run the command on the files of `folder`; the first rule it breaks, or None. `writes`:
    files the command edits by design when it succeeds (`change` and its scenario)."""
    before = _snapshot(folder)
    code, _out, err, escaped = run_cli(args, folder)
    if escaped is not None:
        return f"uncaught {escaped}"
    if "Traceback" in err:
        return "traceback on standard error"
    if code not in (0, 2):
        return f"exit code {code}"
    after = _snapshot(folder)
    for name, data in before.items():
        if after.get(name) != data and not (code == 0 and name in writes):
            return f"changed an input file: {name}"
    if code == 2:
        if "error:" not in err and "lỗi:" not in err:  # English or Vietnamese
            return "exit 2 without an error line"
        made = [o for o in outputs if o in after and o not in before]
        if made:
            return f"exit 2 but wrote {made[0]}"
    return None


def fuzz_file(target: Target, mutations: list[Mutation]) -> tuple[str | None, bytes]:
    """Break the target's file with `mutations` (in order) and check its command."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        target.files(folder)
        path = folder / target.broken
        data = path.read_bytes()
        for m in mutations:
            data = m.apply(data)
        path.write_bytes(data)
        return check(list(target.args), folder), data


# --- the command line ----------------------------------------------------------------------------

COMMANDS = (
    *("compute", "validate", "compare", "seek", "plan", "report", "change", "next"),
    *("import", "export", "schema", "history", "open", "bogus"),
)
OPTIONS = (
    "-o",
    "--output",
    "--format",
    "--lang",
    "--node",
    "--value",
    "--entity",
    "--rank",
    "--gain",
    "--cost",
    "--budget",
    "--criteria",
    "--mapping",
    "--sheet",
    "--decimal",
    "--target",
    "-h",
    "--version",
    "--seed",
    "--runs",
    "--author",
    "--note",
    "--",
    "-",
)
VALUES = (
    "scenario.toml",
    "criteria.toml",
    "data.csv",
    "out.txt",
    "-",
    "nowhere/out.txt",
    "json",
    "csv",
    "markdown",
    "table",
    "en",
    "vi",
    "xx",
    "may_tinh",
    "tong",
    "so-a",
    "so-z",
    "0",
    "-1",
    "2",
    "1e308",
    "nan",
    "inf",
    "true",
    "1,5",
    "tong=inf",
    "may_tinh=10",
    "",
    "=",
    "ä",
    "\x00",
)


def fuzz_argv(args: list[str]) -> str | None:
    """Run a random command line on the valid base scenario; the first rule broken, or None."""
    if any("\x00" in a for a in args):
        args = [a.replace("\x00", "") for a in args]  # no OS passes a NUL in an argument
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _base(folder)
        writes = ("scenario.toml",) if args[:1] == ["change"] else ()
        return check(args, folder, writes=writes)
