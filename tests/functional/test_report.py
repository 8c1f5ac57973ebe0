"""The leadership report: golden files in both languages, well-formed HTML, a real browser."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest

from ictscore.cli.main import main
from ictscore.formats.scenario import load_scenario
from ictscore.planning import planner
from ictscore.planning.session import Session
from ictscore.planning.whatif import WhatIf
from ictscore.presentation import report_plan as plan
from ictscore.presentation.report_model import build_report
from ictscore.report.build import render_report

from ..conftest import ROOT, SCENARIOS

GOLDEN = ROOT / "tests" / "golden"
BUNDLED = SCENARIOS / "bac-giang-so-noi-vu-2021.toml"
SAMPLE = ROOT / "tests" / "data" / "report" / "dti-hue.toml"
"""The goldens use a test-owned scenario, so edits to the bundled example do not move them."""


@pytest.mark.parametrize(
    ("lang", "fmt", "name"),
    [
        ("vi", "markdown", "report-vi.md"),
        ("en", "markdown", "report-en.md"),
        ("vi", "html", "report-vi.html"),
        ("en", "html", "report-en.html"),
    ],
)
def test_golden_reports(lang: str, fmt: str, name: str, golden: Callable[[str, str], None]) -> None:
    golden(name, render_report(load_scenario(SAMPLE), fmt, lang))


def test_sample_report_facts() -> None:
    sc = load_scenario(SAMPLE)
    m = build_report(sc, WhatIf(sc).project())
    assert (m.count, m.threshold) == (12, 2)
    assert [(s.node, s.gap) for s in m.strengths] == [("the_che_so", 3), ("an_toan_thong_tin", 2)]
    assert [s.node for s in m.weaknesses][:2] == ["hoat_dong_kinh_te_so", "nhan_luc_so"]
    assert m.overall.delta.baseline_rank == 4 and m.overall.delta.scenario_rank == 3
    text = render_report(sc, "markdown", "en")
    assert (
        "ranked **3 of 12** (up 1)" in text and "Target rank 2: **not reached** (1 short)" in text
    )
    row = "| Digital human resources | 0.62 → 0.75 | Tập huấn kỹ năng số cho 100% công chức |"
    assert row + " Đề án 06/ĐA-UBND (minh họa) | Sở Nội vụ | 2023-03-15 |" in text


def test_report_of_the_bundled_scenario() -> None:
    """Invariants only: the bundled example may change, the rules of the report may not."""
    sc = load_scenario(BUNDLED)
    m = build_report(sc, WhatIf(sc).project())
    assert m.count == 19 and m.threshold == 4  # ⌈19 / 6⌉ places
    base = m.projection.baseline
    overall = base.rank(sc.focus)
    assert overall == m.overall.delta.baseline_rank == 13
    online = next(s for s in m.weaknesses if s.node == "hd_ty_le_nop_truc_tuyen")
    assert (online.rank, online.gap) == (19, 13 - 19)  # 0 %: last of 19
    assert m.strengths and m.weaknesses
    # a strength counts from the end of its tie: sharing first place with most peers is none
    for s in m.strengths:
        last = sum(1 for r in base.ranks[s.node] if r is not None and r <= s.rank)
        assert (s.last, s.gap) == (last, overall - last) and s.gap >= 4, s
    for s in m.weaknesses:
        assert s.rank == base.rank(sc.focus, s.node) and s.gap == overall - s.rank <= -4, s
    text = render_report(sc, "markdown", "vi")
    trail = [f for c in sc.applied() for f in (c.note, c.source, c.author, c.date) if f]
    assert len(trail) >= 2  # the bundled change has a note and a source
    for field in trail:  # the audit trail of every change is in the report
        assert field in text, field


class _Checker(HTMLParser):
    VOID: ClassVar[set[str]] = {"meta", "link", "br", "hr", "img", "input"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_html_is_well_formed(lang: str) -> None:
    text = render_report(load_scenario(SAMPLE), "html", lang)
    assert text.startswith("<!DOCTYPE html>")
    checker = _Checker()
    checker.feed(text)
    checker.close()
    assert checker.errors == [] and checker.stack == []
    assert checker.tags.count("svg") == 2 and "script" not in checker.tags
    assert f'<html lang="{lang}">' in text


def test_html_charts_show_the_leader_and_say_what_their_colours_mean() -> None:
    """Each pillar bar on a track the leader's length; legends as in the Word report."""
    import re

    from ictscore.presentation.writers import report_common as c

    text = render_report(load_scenario(BUNDLED), "html", "vi")
    pillars, gaps = re.findall(r"<svg.*?</svg>", text, re.S)
    track = c.hex_colour(c.TRACK_RGB)
    widths = [
        float(w)
        for w, fill in re.findall(r'width="([\d.]+)" height="14.0" fill="(#\w+)"', pillars)
        if fill == track
    ]
    sc = load_scenario(BUNDLED)
    m = build_report(sc, WhatIf(sc).project())
    bars = len(m.pillars) + sum(p.delta.scenario_score != p.delta.baseline_score for p in m.pillars)
    assert len(widths) == bars and len(set(widths)) == 1  # one whole length: the leader's
    for rgb, words in c.pillar_legend(m, "vi"):
        assert c.hex_colour(rgb) in pillars and f">{words}<" in pillars
    assert "Điểm của đơn vị dẫn đầu (cả thanh)" in pillars
    for rgb, words in c.gap_legend("vi"):
        assert c.hex_colour(rgb) in gaps and f">{words}<" in gaps


def test_names_from_files_are_escaped(tmp_path: Path) -> None:
    session = Session(load_scenario(BUNDLED))
    # 90, not its baseline: an edit that ends where it began is no change in the report
    session.edit("hd_ky_so", 90, note="<b>x</b> & y", author="A <a@b>")
    text = render_report(session.scenario, "html", "vi")
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in text and "<b>x</b>" not in text
    checker = _Checker()
    checker.feed(text)
    assert checker.errors == [] and checker.stack == []


def test_report_cli_writes_md_and_html(tmp_path: Path) -> None:
    md, html = tmp_path / "r.md", tmp_path / "r.html"
    assert main(["report", str(BUNDLED), "-o", str(md)]) == 0
    assert main(["report", str(BUNDLED), "-o", str(html), "--lang", "en"]) == 0
    assert md.read_text(encoding="utf-8").startswith("# Dự thảo báo cáo: Sở Nội vụ")
    assert "<h1>Draft report: Sở Nội vụ" in html.read_text(encoding="utf-8")
    assert main(["report", str(BUNDLED), "-o", str(tmp_path / "r.pdf")]) == 2
    assert not (tmp_path / "r.pdf").exists()


def test_plan_section_is_the_optimisers_answer() -> None:
    scenario = load_scenario(BUNDLED)
    answer = planner.plan(scenario)
    text = render_report(load_scenario(BUNDLED), "markdown", "vi")
    assert "## 4. Kế hoạch thực hiện" in text and "## 5. Nguồn" in text
    chosen = {lv.id: lv for lv in answer.model.levers if lv.id in answer.chosen}
    assert chosen, "the bundled budget buys at least one lever"
    for lever in answer.model.levers:
        mark = "✓" if lever.id in chosen else ""
        assert f"| {mark} | {lever.name_vi} |" in text
    n = answer.start.count_ranked()
    assert f"Hạng dự kiến sau kế hoạch: **{answer.outcome.rank}/{n}**" in text
    assert answer.next_year is not None and answer.distribution is not None
    assert f"cũng cải thiện: hạng {answer.next_year.result.rank(scenario.focus)}" in text
    low, high = answer.distribution.low, answer.distribution.high
    assert f"khoảng dao động 80 %: {low}–{high}" in text


def test_no_plan_section_without_levers() -> None:
    scenario = load_scenario(SAMPLE)
    assert plan.plan_for(scenario, WhatIf(scenario).project()) is None
    assert "Kế hoạch thực hiện" not in render_report(scenario, "markdown", "vi")


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None, reason="headless Chromium not installed")
def test_chromium_renders_the_html_report(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    assert main(["report", str(BUNDLED), "-o", str(page)]) == 0
    shot = tmp_path / "shot.png"
    base = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1000,2400"]
    subprocess.run(
        [*base, f"--screenshot={shot}", page.as_uri()], check=True, timeout=120, capture_output=True
    )
    assert shot.stat().st_size > 20_000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    dom = subprocess.run(
        [*base, "--dump-dom", page.as_uri()],
        check=True,
        timeout=120,
        capture_output=True,
        text=True,
    ).stdout
    assert "Dự thảo báo cáo: Sở Nội vụ" in dom and dom.count("<svg") == 2
