"""No node id and no English word in a Vietnamese output (issue 9, part 3).

Every golden Vietnamese output a person reads (tests/golden/*vi*: tables, Markdown, HTML) is
scanned for the node ids of every bundled framework and for a small list of English words that
leaked before (labels, units, section words). JSON and CSV are data for programs: their ids are
the contract, so they are not scanned.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from ictscore.formats.criteria import load_criteria
from ictscore.resources import bundled_criteria

from ..conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"
READ_BY_PEOPLE = sorted(p for p in GOLDEN.glob("*vi*") if p.suffix in (".md", ".txt", ".html"))

ENGLISH = {
    "the",
    "and",
    "of",
    "for",
    "with",
    "used",
    "facts",
    "unit",
    "units",
    "per",
    "score",
    "rank",
    "ranking",
    "lever",
    "levers",
    "cost",
    "budget",
    "baseline",
    "what",
    "if",
    "change",
    "changes",
    "total",
    "none",
    "yes",
    "no",
    "entity",
    "focus",
    "target",
    "reached",
    "source",
    "sources",
    "note",
    "notes",
    "criterion",
    "criteria",
    "pillar",
    "pillars",
    "estimate",
    "chosen",
    "effect",
    "effects",
    "value",
    "values",
    "leader",
    "grade",
    "components",
    "draft",
    "report",
    "plan",
    "peers",
    "median",
    "interval",
    "year",
    "next",
    "only",
    "differs",
    "from",
}
"""English words that must not appear in Vietnamese text (lower case, whole words)."""

WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _node_ids() -> set[str]:
    ids: set[str] = set()
    for path in bundled_criteria():
        ids |= set(load_criteria(path).nodes)
    return ids


NODE_IDS = _node_ids()


def _text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        text = re.sub(r"<style.*?</style>", " ", text, flags=re.S)
        text = re.sub(r"<[^>]+>", " ", text)
        text = html.unescape(text)
    return re.sub(r"https?://\S+", " ", text)  # addresses are not words


def leaks(text: str) -> list[str]:
    found = []
    for m in WORD.finditer(text):
        w = m.group()
        if w in NODE_IDS or w.lower() in ENGLISH:
            found.append(w)
    return found


def test_the_scan_has_something_to_scan() -> None:
    assert len(READ_BY_PEOPLE) >= 6
    assert len(NODE_IDS) > 100
    assert leaks("hd_phan_mem_chuyen_nganh + 10/unit × 4. Facts used") == [
        "hd_phan_mem_chuyen_nganh",
        "unit",
        "Facts",
        "used",
    ]


@pytest.mark.parametrize("path", READ_BY_PEOPLE, ids=lambda p: p.name)
def test_no_node_id_and_no_english_word(path: Path) -> None:
    assert leaks(_text(path)) == []


def test_errors_are_vietnamese_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    """ "file not found" and "[Errno 21] Is a directory" were English even with --lang vi."""
    from ictscore.cli.main import main

    assert main(["compute", "khong-co.toml"]) == 2
    assert capsys.readouterr().err == "lỗi: khong-co.toml: không tìm thấy tệp\n"
    assert main(["compute", str(ROOT / "scenarios"), "--lang", "vi"]) == 2
    assert "là một thư mục, không phải tệp" in capsys.readouterr().err
    assert main(["compute", "khong-co.toml", "--lang", "en"]) == 2
    assert capsys.readouterr().err == "error: khong-co.toml: file not found\n"


def test_the_environment_chooses_the_language(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from ictscore.cli.main import main

    monkeypatch.setenv("ICTSCORE_LANG", "en")
    assert main(["validate", "khong-co.toml"]) == 2  # --lang on a command that had none
    assert "error: khong-co.toml: file not found" in capsys.readouterr().err
    assert main(["validate", "khong-co.toml", "--lang", "vi"]) == 2
    assert "không tìm thấy tệp" in capsys.readouterr().err
