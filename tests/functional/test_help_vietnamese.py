"""`--help` and argparse's refusals in Vietnamese by default (English with --lang en).

argparse's own words ("usage:", "positional arguments", "the following arguments are
required") and our options' help come from the catalogue; the option names, metavariables and
choices are the command's syntax, typed as they are, so the scan leaves them out.
"""

from __future__ import annotations

import re

import pytest

from ictscore.cli.main import COMMANDS, main

from .test_vietnamese_outputs import leaks

SYNTAX = re.compile(
    r"\{[^}]*\}|\[\[?[\w.]+\]\]?|-{1,2}[A-Za-z][\w-]*|\b[A-Z][A-Z_=]+\b|\$\w+|'[^']*'|\([^)]*\.\w+\)"
    r"|\b\w+(?:-\w+)+\b|(?<=mặc định: )\w+|(?<=default: )\w+"
)


def _prose(text: str) -> str:
    """The help without its syntax: usage lines, option names, metavariables, choices."""
    lines = []
    in_usage = False
    for line in text.splitlines():
        if line.startswith(("cách dùng:", "usage:")):
            in_usage = True
        elif not line.startswith(" "):
            in_usage = False
        if not in_usage:
            lines.append(re.sub(r"^    (\w+)(?=\s)", " ", line))  # a command's name
    return SYNTAX.sub(" ", "\n".join(lines))


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    out = capsys.readouterr()
    return int(stop.value.code or 0), out.out, out.err


@pytest.mark.parametrize("argv", [["--help"], *[[c, "--help"] for c in COMMANDS]])
def test_help_is_vietnamese(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(argv, capsys)
    assert code == 0
    assert out.startswith("cách dùng: ictscore")
    assert "hiện trợ giúp này rồi thoát" in out
    assert leaks(_prose(out)) == []
    assert not re.search(r"\b(the|and|of|to|file|show|help|options?|usage)\b", _prose(out))


def test_the_scan_of_help_can_fail(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["compute", "--help", "--lang", "en"], capsys)
    assert code == 0 and out.startswith("usage: ictscore compute")
    assert "show this help message and exit" in out
    assert {"the", "and"} <= {w.lower() for w in leaks(_prose(out))}


def test_a_missing_argument_is_refused_in_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["compute"], capsys)
    assert code == 2
    assert "ictscore compute: lỗi: thiếu các đối số bắt buộc: SCENARIO" in err
    assert leaks(_prose(err)) == []


def test_an_invalid_choice_is_refused_in_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["compute", "x.toml", "--format", "word"], capsys)
    assert code == 2
    assert "lựa chọn không hợp lệ: 'word' (chọn một trong 'table'" in err
    assert "đối số --format/-f" in err and leaks(_prose(err)) == []


def test_an_option_parser_speaks_the_chosen_language(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["next", "x.toml", "--limit", "0"], capsys)
    assert code == 2 and "--limit phải từ 1 trở lên, nhận được 0" in err
    code, _, err = _run(["seek", "x.toml", "--rank", "abc"], capsys)
    assert code == 2 and "'abc' không phải là số nguyên" in err


def test_english_on_request(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = _run(["compute", "--lang", "en"], capsys)
    assert code == 2 and "error: the following arguments are required: SCENARIO" in err
    monkeypatch.setenv("ICTSCORE_LANG", "en")
    code, out, _ = _run(["--help"], capsys)
    assert code == 0 and out.startswith("usage: ictscore") and "positional arguments" in out
    code, _, err = _run(["next", "x.toml", "--limit", "0"], capsys)
    assert code == 2 and "--limit must be 1 or more, got 0" in err
