"""Broken bytes given to every loader (`import`, `validate`, `compute`, `history`): exit 2, one
message naming the file (and the line where there is one), no traceback, and no English word
when it is said in Vietnamese; what the library said (openpyxl's, csv's, tomllib's English) is
kept for `--lang en` only.

The cases are what a planner meets: a workbook damaged in a download, a CSV saved with a
`.xlsx` name, an old `.xls` renamed, a CSV in the Windows code page or UTF-16 without its mark
(NUL bytes), a quote that never closes, a TOML file with a syntax error.
"""

from __future__ import annotations

import io
import random
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from ictscore.cli import cmd_history
from ictscore.cli.main import main

from ..conftest import CRITERIA, SCENARIOS
from .test_loader_messages_vi import _prose as _said
from .test_loader_messages_vi import run_main as run
from .test_vietnamese_outputs import leaks

DTI = CRITERIA / "vn-dti-2022-province.toml"
DATA = SCENARIOS / "data" / "dti-2022-provinces.csv"


def _prose(line: str) -> str:
    """The words of a message, without what it quotes: a framework's id is a name."""
    return re.sub(r"\b\w+(?:-\w+)+\b", " ", _said(line))


ENGLISH = re.compile(r"\b(is|the|not|should|must|or|got|found|file|zip|field|expected|line)\b")


def _workbook(tmp: Path) -> bytes:
    out = tmp / "good.xlsx"
    assert main(["export", str(SCENARIOS / "dti-2022-bac-giang.toml"), "-o", str(out)]) == 0
    return out.read_bytes()


def _damaged_part(tmp: Path) -> bytes:
    """A workbook whose first sheet's XML is cut in half: a zip that opens, a part that not."""
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_workbook(tmp))) as zin, zipfile.ZipFile(buf, "w") as zout:
        for name in zin.namelist():
            data = zin.read(name)
            zout.writestr(name, data[: len(data) // 2] if name.endswith("sheet1.xml") else data)
    return buf.getvalue()


def _zip_of_other(tmp: Path) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("ghi-chu.txt", "không phải sổ tính")
    return buf.getvalue()


CSV = b"".join(ln for ln in DATA.read_bytes().splitlines(keepends=True) if not ln.startswith(b"#"))
"""The data without its notes: the header is line 1."""
XLSX: dict[str, tuple[Callable[[Path], bytes], str, str]] = {
    # case: (bytes, Vietnamese message, what openpyxl said, kept in English)
    "truncated": (
        lambda t: _workbook(t)[:3000],
        "sổ tính bị hỏng hoặc bị cụt (sao chép hay tải về chưa hết?): hãy mở bằng Excel rồi "
        "lưu lại",
        "(File is not a zip file)",
    ),
    "csv-named-xlsx": (
        lambda t: CSV,
        "đây là tệp văn bản, không phải sổ tính XLSX (tệp CSV bị đặt đuôi .xlsx?): hãy đổi đuôi "
        "tên tệp thành .csv",
        "(File is not a zip file)",
    ),
    "old-xls": (
        lambda t: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500),
        "tệp Excel nhưng không phải dạng XLSX (tệp .xls cũ, hoặc sổ tính có đặt mật khẩu): hãy "
        "lưu lại thành .xlsx không mật khẩu, hoặc CSV UTF-8",
        "(File is not a zip file)",
    ),
    "random": (
        lambda t: random.Random(7).randbytes(4000),
        "không phải sổ tính XLSX, cũng không phải một dạng tệp bảng tính nào",
        "(File is not a zip file)",
    ),
    "zip-of-other": (
        _zip_of_other,
        "tệp nén ZIP nhưng không phải sổ tính XLSX",
        "There is no item named '[Content_Types].xml' in the archive",
    ),
    "damaged-part": (
        _damaged_part,
        "sổ tính bị hỏng: có một phần bên trong không đọc được; hãy mở bằng Excel rồi lưu lại",
        "line 1, column",
    ),
}

_LINES = CSV.decode("utf-8").splitlines(keepends=True)
NUL_AT = (len(_LINES[2]) // 2) + 1
OPEN = max(k for k, ln in enumerate(_LINES) if '"' in ln) + 2
"""A line after the last quoted cell: a quote opened there is closed by none."""


def _quote_at(lines: list[str], n: int) -> bytes:
    """The text with a quote opening the second cell of line `n`."""
    k = n - 1
    first, rest = lines[k].split(",", 1)
    return "".join([*lines[:k], f'{first},"{rest}', *lines[k + 1 :]]).encode()


CSVS: dict[str, tuple[bytes, str, str]] = {
    # case: (bytes, the place, Vietnamese message)
    "nul-byte": (
        "".join(_LINES[:2]).encode()
        + _LINES[2][: NUL_AT - 1].encode()
        + b"\x00"
        + b"".join(x.encode() for x in [_LINES[2][NUL_AT - 1 :], *_LINES[3:]]),
        f":3:{NUL_AT}",
        "có byte NUL: đây không phải tệp CSV dạng văn bản (có thể là sổ tính Excel, hoặc UTF-16 "
        "thiếu dấu BOM đầu tệp); trong Excel hãy dùng 'Save As → CSV UTF-8'",
    ),
    "utf16-without-mark": (
        CSV.decode("utf-8").encode("utf-16-le"),
        ":1:",
        "có byte NUL: đây không phải tệp CSV dạng văn bản",
    ),
    "windows-code-page": (
        CSV.decode("utf-8").encode("cp1258", errors="replace"),
        "",
        "không phải văn bản UTF-8 (byte ",
    ),
    "quote-never-closed": (
        _quote_at(_LINES, OPEN),
        f":{OPEN}",
        "",  # import and validate say it differently: see the test of each
    ),
}

TOMLS: dict[str, tuple[str, str, str]] = {
    # case: (text, the place, Vietnamese message)
    "string-not-closed": ('[framework]\nid = "x\n', ":2:8", "ký tự không được phép '\\n'"),
    "array-not-closed": ("[framework]\nid = [1, 2\n", ":3:1", "mảng chưa được đóng"),
    "key-twice": ("[framework]\nid = 1\nid = 2\n", ":3:7", "không được ghi đè một giá trị"),
    "table-not-closed": ("[framework\n", ":1:11", "cần ']' ở cuối phần khai báo bảng"),
}


def refused(args: list[str], file: Path, lang: str = "vi") -> str:
    """The one line a broken file gets; checked for what every such line must be."""
    code, err = run([*args, "--lang", lang])
    assert code == 2, err
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.strip() and not ln.startswith("ghi chú: ")]
    assert len(lines) == 1, err
    line = lines[0]
    assert line.startswith(f"{'lỗi' if lang == 'vi' else 'error'}: {file}"), line
    if lang == "vi":
        assert leaks(_prose(line)) == [], line
        assert not ENGLISH.search(_prose(line)), line
    return line


@pytest.mark.parametrize("case", sorted(XLSX))
def test_a_broken_workbook_is_said_in_vietnamese_and_the_library_only_in_english(
    tmp_path: Path, case: str
) -> None:
    make, said, library = XLSX[case]
    bad = tmp_path / f"{case}.xlsx"
    bad.write_bytes(make(tmp_path))
    args = ["import", str(bad), "--criteria", str(DTI), "-o", str(tmp_path / "out.csv")]
    assert refused(args, bad) == f"lỗi: {bad}: {said}"
    english = refused(args, bad, "en")
    assert library in english
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize("case", sorted(CSVS))
@pytest.mark.parametrize("command", ["import", "validate", "compute"])
def test_a_broken_csv_names_the_file_and_the_place(tmp_path: Path, case: str, command: str) -> None:
    data, place, said = CSVS[case]
    bad = tmp_path / "data.csv"
    bad.write_bytes(data)
    if command == "import":
        args = ["import", str(bad), "--criteria", str(DTI), "-o", str(tmp_path / "out.csv")]
    elif command == "validate":
        args = ["validate", str(bad), "--criteria", str(DTI)]
    else:
        scenario = tmp_path / "s.toml"
        scenario.write_text(
            f'criteria = "{DTI.as_posix()}"\ndata = "data.csv"\nfocus = "bac-giang"\n', "utf-8"
        )
        args = ["compute", str(scenario)]
    line = refused(args, bad)
    assert line.startswith(f"lỗi: {bad}{place}"), line
    assert said in line


def test_a_quote_never_closed(tmp_path: Path) -> None:
    """import reads the whole sheet and finds where the quote opens; the data loader streams
    the file and says the row the swallowed lines made."""
    bad = tmp_path / "data.csv"
    bad.write_bytes(CSVS["quote-never-closed"][0])
    imp = ["import", str(bad), "--criteria", str(DTI), "-o", str(tmp_path / "o.csv")]
    assert refused(imp, bad) == (
        f'lỗi: {bad}:{OPEN}: một dấu ngoặc kép (") mở một ô ở dòng này mà không bao giờ đóng: '
        "toàn bộ phần còn lại của tệp sẽ thành một ô"
    )
    line = refused(["validate", str(bad), "--criteria", str(DTI)], bad)
    assert line.startswith(f"lỗi: {bad}:{OPEN}"), line


def test_a_cell_longer_than_the_reader_takes(tmp_path: Path) -> None:
    """The one refusal of Python's csv reader a file meets: said with its line, not in English."""
    bad = tmp_path / "data.csv"
    bad.write_bytes(b"id,name\n" + b'bac-giang,"' + b"x" * 200_000 + b"\n")
    args = ["validate", str(bad), "--criteria", str(DTI)]
    assert refused(args, bad) == (
        f'lỗi: {bad}:2: có một ô dài quá 131072 ký tự: một dấu ngoặc kép (") mở ở dòng này hoặc '
        "phía trên mà không đóng"
    )
    assert "(field larger than field limit (131072))" in refused(args, bad, "en")
    imp = ["import", str(bad), "--criteria", str(DTI), "-o", str(tmp_path / "o.csv")]
    assert refused(imp, bad).startswith(f"lỗi: {bad}:2: ")  # it was a traceback (the sniffer)


@pytest.mark.parametrize("case", sorted(TOMLS))
@pytest.mark.parametrize("command", ["validate", "compute"])
def test_a_toml_syntax_error_keeps_its_line_and_column(
    tmp_path: Path, case: str, command: str
) -> None:
    text, place, said = TOMLS[case]
    bad = tmp_path / "criteria.toml"
    bad.write_text(text, encoding="utf-8")
    if command == "validate":
        args = ["validate", str(bad)]
    else:
        scenario = tmp_path / "s.toml"
        scenario.write_text(
            f'criteria = "criteria.toml"\ndata = "{DATA.as_posix()}"\nfocus = "bac-giang"\n',
            "utf-8",
        )
        args = ["compute", str(scenario)]
    assert refused(args, bad) == f"lỗi: {bad}{place}: lỗi cú pháp TOML: {said}"


@pytest.fixture
def criteria_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled entity lists and results in a folder `history` reads instead."""
    root = tmp_path / "bundle"
    (root / "criteria").mkdir(parents=True)
    shutil.copytree(CRITERIA / "entities", root / "criteria" / "entities")
    shutil.copytree(CRITERIA / "history", root / "criteria" / "history")
    monkeypatch.setattr(cmd_history, "bundled_root", lambda: root)
    return root / "criteria"


@pytest.mark.parametrize("case", sorted(CSVS))
def test_history_with_a_broken_results_file(criteria_copy: Path, case: str) -> None:
    data, _, said = CSVS[case]
    bad = criteria_copy / "history" / "dti-provinces.csv"
    if case == "quote-never-closed":  # in the results file's own rows
        lines = bad.read_text("utf-8").splitlines(keepends=True)
        last = max(k for k, ln in enumerate(lines) if '"' in ln) + 2
        data = _quote_at(lines, last)
        said = f"{bad}:{last}: một dấu ngoặc kép"
    bad.write_bytes(data)
    line = refused(["history", "bac-ninh"], bad)
    assert said in line


@pytest.mark.parametrize("case", sorted(TOMLS))
def test_history_with_a_broken_entity_list(criteria_copy: Path, case: str) -> None:
    text, place, said = TOMLS[case]
    bad = criteria_copy / "entities" / "vn-provinces.toml"
    bad.write_text(text, encoding="utf-8")
    assert refused(["history", "bac-ninh"], bad) == f"lỗi: {bad}{place}: lỗi cú pháp TOML: {said}"


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("kind", ["csv", "xlsx", "toml"])
def test_random_damage_to_any_loader(tmp_path: Path, seed: int, kind: str) -> None:
    """A little fuzzing: good files with bytes flipped, cut or inserted, to each loader."""
    rng = random.Random(seed)
    good = {
        "csv": CSV,
        "xlsx": _workbook(tmp_path) if kind == "xlsx" else b"",
        "toml": DTI.read_bytes(),
    }[kind]
    data = bytearray(good)
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(data))
        move = rng.choice(("flip", "cut", "insert"))
        if move == "flip":
            data[at] = rng.randrange(256)
        elif move == "cut":
            del data[at : at + rng.randint(1, 200)]
        else:
            data[at:at] = rng.choice([b"\x00", b'"', b"\xff\xfe", b"[", b"=", b"\n\n"])
    bad = tmp_path / f"bad.{kind}"
    bad.write_bytes(bytes(data))
    shutil.copytree(CRITERIA / "entities", tmp_path / "entities")  # what the criteria names
    commands: list[list[str]]
    if kind == "toml":
        commands = [["validate", str(bad)]]
    else:
        out = str(tmp_path / "out.csv")
        commands = [["import", str(bad), "--criteria", str(DTI), "-o", out]]
        if kind == "csv":
            commands.append(["validate", str(bad), "--criteria", str(DTI)])
    for args in commands:
        code, err = run([*args, "--lang", "vi"])
        assert "Traceback" not in err
        if code == 0:
            continue  # damage a reader tolerates (a changed digit) is no refusal
        assert code == 2, err
        lines = [ln for ln in err.splitlines() if ln.startswith("lỗi: ")]
        named = [ln for ln in lines if str(bad) in ln]
        # every problem names the file; when they are many, a count closes the list
        assert named and lines[: len(named)] == named, err
        assert len(lines) == len(named) or re.fullmatch(r"lỗi: tổng cộng [\d.]+ lỗi", lines[-1])
        for ln in lines:
            assert leaks(_prose(ln)) == [], ln
            assert not ENGLISH.search(_prose(ln)), ln
