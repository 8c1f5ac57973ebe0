"""No user-visible text in the faces and presentation bypasses the message catalogue.

Two scans of the source (AST, so comments and docstrings do not count):
- no string literal holds Vietnamese: Vietnamese words live in ictscore.po only, so a literal
  with "ệ" or "đ" is a translation written into the code;
- no message sink (notify, print, a dialog, an error raised with InputError.one, ...) gets a
  literal or an f-string: it must get `tr(...)`, `i18n.gettext(...)` or a marked `N_(...)`.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from ..conftest import ROOT

SRC = ROOT / "src" / "ictscore"
FACES = ("cli", "tui", "report", "presentation")
FILES = sorted(p for pkg in FACES for p in (SRC / pkg).rglob("*.py"))

VIETNAMESE = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.I
)
WORDY = re.compile(r"[A-Za-z]{2,}")

ALLOWED_VIETNAMESE = {
    "presentation/numbers.py": "the words a user may type (tỷ, triệu, đồng): input, not output",
    "tui/app.py": "the language switch names each language in itself (Tiếng Việt)",
}
"""Files where a Vietnamese literal is vocabulary, not a message; why, for each."""

SINKS = {
    "notify": 0,
    "print": 0,
    "Static": 0,
    "Label": 0,
    "Button": 0,
    "ChoiceScreen": 0,
    "PromptScreen": 0,
    "failure": 0,
    "one": 1,  # InputError.one(file, message, where)
    "add": 1,  # ProblemCollector.add(file, message, ...)
    "CannotWrite": 0,
    "ArgumentTypeError": 0,
}
"""Calls that put text in front of a user, and which argument is the text."""

ARGPARSE = {"help", "description", "epilog", "metavar"}
"""`--help` text is English only for now (argparse's own words are English too)."""


def _rel(path: Path) -> str:
    return path.relative_to(SRC).as_posix() if path.is_relative_to(SRC) else path.name


def _docstrings(tree: ast.AST) -> set[int]:
    return {
        id(n.value)
        for n in ast.walk(tree)
        if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)
    }


def _argparse_texts(tree: ast.AST) -> set[int]:
    return {
        id(k.value)
        for n in ast.walk(tree)
        if isinstance(n, ast.Call)
        for k in n.keywords
        if k.arg in ARGPARSE
    } | {
        id(c)
        for n in ast.walk(tree)
        if isinstance(n, ast.Call)
        for k in n.keywords
        if k.arg in ARGPARSE
        for c in ast.walk(k.value)
    }


def vietnamese_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree) | _argparse_texts(tree)
    return [
        f"{_rel(path)}:{n.lineno}: {n.value[:50]!r}"
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant)
        and isinstance(n.value, str)
        and id(n) not in skip
        and VIETNAMESE.search(n.value)
    ]


def _literal_text(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    return None


def bypassing_sinks(path: Path) -> list[str]:
    found = []
    for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(n, ast.Call):
            continue
        name = getattr(n.func, "id", getattr(n.func, "attr", ""))
        k = SINKS.get(name)
        if k is None or len(n.args) <= k:
            continue
        text = _literal_text(n.args[k])
        if text is not None and WORDY.search(text):
            found.append(f"{_rel(path)}:{n.lineno}: {name}({text[:50]!r})")
    return found


def test_the_scans_see_what_they_look_for(tmp_path: Path) -> None:
    """Both scans can fail: a file with one translation in code and one bare message."""
    assert len(FILES) > 40
    probe = tmp_path / "probe.py"
    probe.write_text(
        'x = "Đã lưu"\nself.notify(f"Saved to {path}")\nprint(tr("Saved", lang))\n',
        encoding="utf-8",
    )
    assert vietnamese_literals(probe) == ["probe.py:1: 'Đã lưu'"]
    assert bypassing_sinks(probe) == ["probe.py:2: notify('Saved to ')"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_text_bypasses_the_catalogue(path: Path) -> None:
    rel = path.relative_to(SRC).as_posix()
    found = bypassing_sinks(path)
    if rel not in ALLOWED_VIETNAMESE:
        found += vietnamese_literals(path)
    assert found == []


TRANSLATORS = {"tr": 0, "gettext": 0, "_": 0, "N_": 0, "pgettext": 1}
"""Calls the extractor reads, and which argument is the message."""


def hidden_from_the_extractor(path: Path) -> list[str]:
    """`tr("a" if x else "b", lang)`: the extractor only sees a literal first argument, so both
    words would silently stay English; write `tr("a", lang) if x else tr("b", lang)`."""
    found = []
    for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(n, ast.Call):
            continue
        name = getattr(n.func, "id", getattr(n.func, "attr", ""))
        k = TRANSLATORS.get(name)
        if k is None or len(n.args) <= k:
            continue
        arg = n.args[k]
        if isinstance(arg, ast.IfExp | ast.BoolOp) and any(
            isinstance(c, ast.Constant) and isinstance(c.value, str) for c in ast.walk(arg)
        ):
            found.append(f"{_rel(path)}:{n.lineno}: {name}({ast.unparse(arg)[:50]})")
    return found


def test_the_extractor_sees_every_message(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text('tr("yes" if v else "no", lang)\ntr("yes", lang)\n', encoding="utf-8")
    assert hidden_from_the_extractor(probe) == ["probe.py:1: tr('yes' if v else 'no')"]
    assert [f for path in FILES for f in hidden_from_the_extractor(path)] == []
