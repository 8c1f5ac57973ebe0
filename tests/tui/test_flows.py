"""The planner driven by real key presses: every flow of the issue, end to end."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from textual.widget import Widget
from textual.widgets import Input, Static

from ictscore.formats.scenario import load_scenario
from ictscore.tui.app import IctscoreApp
from ictscore.tui.screens.compare import CompareScreen
from ictscore.tui.screens.confirm import ChoiceScreen
from ictscore.tui.screens.help import HelpScreen
from ictscore.tui.screens.main import MainScreen
from ictscore.tui.widgets.node_tree import NodeTree
from ictscore.tui.widgets.pillar_chart import PillarChart
from ictscore.tui.widgets.ranking_table import RankingTable
from ictscore.tui.widgets.summary_panel import SummaryPanel
from ictscore.tui.widgets.sweep_chart import SweepChart

from .conftest import ONLINE, SIZE, MakeApp, beside, done, find, journal_of

DEPT = "bac-giang-department-dti.toml"


def summary(app: IctscoreApp) -> str:
    return app.screen.query_one(SummaryPanel).plain


def rank(app: IctscoreApp) -> int | None:
    return app.session.result.rank(app.session.focus)


async def test_edit_changes_the_rank(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+z")  # back to the baseline: the file's one edit undone
        assert rank(app) == 13
        assert "Tổng điểm 666,0  hạng 13" in summary(app) and "→" not in summary(app)
        await find(pilot, "hd_ty_le_nop")
        main = app.screen
        assert isinstance(main, MainScreen) and main.selected == ONLINE
        await pilot.press("3", "0", "enter")
        await pilot.pause()
        assert rank(app) == 10
        assert app.session.value(ONLINE) == 30.0
        assert "Tổng điểm 666,0 → 711,0  hạng 13 → 10 ▲3" in summary(app)
        table = main.query_one(RankingTable)
        focus_row = table.get_row("so-noi-vu")
        assert str(focus_row[0]).strip() == "► 10"
        assert str(focus_row[1]) == "▲3"
        assert "●" in app.title  # the unsaved marker
        # + and - step by the criteria's step (1 for this indicator)
        await pilot.press("plus", "plus")
        assert app.session.value(ONLINE) == 32.0
        await pilot.press("minus")
        assert app.session.value(ONLINE) == 31.0
        await pilot.press("r")
        assert app.session.value(ONLINE) == 0.0 and rank(app) == 13


async def test_undo_redo(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert rank(app) == 10
        await pilot.press("ctrl+z")
        assert rank(app) == 13 and "●" in app.title
        await pilot.press("ctrl+z")  # nothing left: a message, no crash
        assert rank(app) == 13 and app.session.cursor == 0
        assert [str(n.message) for n in app._notifications][-1] == "Không có gì để hoàn tác"
        await pilot.press("ctrl+y")
        assert rank(app) == 10 and "●" not in app.title
        assert "→ 711,0  hạng 13 → 10 ▲3" in summary(app)


async def test_invalid_input_is_refused(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await find(pilot, "hd_ty_le_nop")
        await pilot.press("e")
        editor = app.screen.query_one("#editor", Input)
        assert editor.has_focus and editor.value == "30"
        await pilot.press("ctrl+a", "ctrl+k", *"abc", "enter")
        await pilot.pause()
        assert app.session.cursor == 1 and rank(app) == 10
        assert editor.has_focus and not editor.is_valid
        await pilot.press("ctrl+a", "ctrl+k", *"150", "enter")
        await pilot.pause()
        assert app.session.cursor == 1
        assert any("150" in str(n.message) for n in app._notifications)
        await pilot.press("escape")
        assert app.screen.query_one(NodeTree).has_focus
        # an aggregate cannot be edited
        await find(pilot, "hd_ty_le_nop")
        await pilot.press("shift+left")  # the parent pillar
        await pilot.pause()
        assert app.screen.selected == "hoat_dong_chuyen_doi_so"  # type: ignore[attr-defined]
        await pilot.press("plus")
        assert app.session.cursor == 1
        assert [str(n.message) for n in app._notifications][-1] == (
            "Hoạt động chuyển đổi số được tính từ các thành phần; hãy chọn một chỉ tiêu"
        )


async def test_save_writes_the_file(make_app: MakeApp, scenario_copy: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await find(pilot, "nt_hop_ban")
        await pilot.press("4", "enter")
        await pilot.press("ctrl+s")
        await done(app)
        await pilot.pause()
        assert "●" not in app.title
    text = scenario_copy.read_text(encoding="utf-8")
    # the hand-written head is kept, its #:schema line included
    assert text.startswith("#:schema ../schemas/scenario.schema.json\n# Sở Nội vụ tỉnh Bắc Giang")
    assert "# --- Nhật ký thay đổi (edit log)" in text  # and the comment heading the changes
    assert text.count("[[change]]") == 2
    assert 'node = "nt_hop_ban_chi_dao"\nvalue = 4.0' in text
    reloaded = load_scenario(scenario_copy)
    assert [c.node for c in reloaded.applied()] == [ONLINE, "nt_hop_ban_chi_dao"]
    assert not journal_of(scenario_copy).exists()


async def test_saving_keeps_a_comment_in_the_change_log_without_asking(
    make_app: MakeApp, scenario_copy: Path
) -> None:
    text = scenario_copy.read_text(encoding="utf-8")
    scenario_copy.write_text(
        text.replace("value = 30\n", "value = 30  # chốt tại cuộc họp giao ban\n"), encoding="utf-8"
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await find(pilot, "nt_hop_ban")
        await pilot.press("4", "enter")
        await pilot.press("ctrl+s")
        await done(app)
        assert not isinstance(app.screen, ChoiceScreen)  # nothing is lost: nothing to ask
        saved = scenario_copy.read_text(encoding="utf-8")
        assert "value = 30  # chốt tại cuộc họp giao ban\n" in saved
        assert [c.node for c in load_scenario(scenario_copy).applied()] == [
            ONLINE,
            "nt_hop_ban_chi_dao",
        ]
        assert "●" not in app.title


async def test_conflict_on_save_asks(make_app: MakeApp, scenario_copy: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+z")
        scenario_copy.write_text(scenario_copy.read_text() + "# edited elsewhere\n")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.click("#choice-save")  # yes, drop the file's one change (undone)
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert "Ghi đè" in str(app.screen.question)
        await pilot.press("escape")  # cancel: the other person's file stays
        await done(app)
        assert scenario_copy.read_text().endswith("# edited elsewhere\n")
        assert "●" in app.title
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.click("#choice-save")
        await pilot.pause()
        await pilot.click("#choice-overwrite")
        await done(app)
        await pilot.pause()
    assert "[[change]]" not in scenario_copy.read_text()


async def test_save_as_to_a_new_file(make_app: MakeApp, scenario_copy: Path) -> None:
    app = make_app()
    target = scenario_copy.parent / "plan-b.toml"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", *str(target), "enter")
        await done(app)
        await pilot.pause()
        assert app.session.scenario.path == target
    assert load_scenario(target).applied()[0].value == 30.0


async def test_recovery_after_a_crash(make_app: MakeApp, scenario_copy: Path) -> None:
    first = make_app()
    async with first.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await find(pilot, "hd_ty_le_nop")
        await pilot.press("2", "0", "enter")
        await pilot.pause()
        assert rank(first) == 11
        # the terminal is killed: no save, no quit dialog; the journal is on disk already
    journal = journal_of(scenario_copy)
    assert journal.exists()
    second = make_app()
    async with second.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(second.screen, ChoiceScreen)
        assert rank(second) == 10  # the file as saved, until restored
        await pilot.click("#choice-restore")
        await done(second)
        await pilot.pause()
        assert rank(second) == 11
        assert "●" in second.title
        assert second.session.value(ONLINE) == 20.0


async def test_quit_with_unsaved_changes_asks(make_app: MakeApp, scenario_copy: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.click("#choice-cancel")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("q")
        await pilot.pause()
        await pilot.click("#choice-discard")
        await done(app)
    assert app.return_code == 0
    assert not journal_of(scenario_copy).exists()
    assert "[[change]]" in scenario_copy.read_text()


def plan_b(scenario: Path) -> Path:
    """A second saved scenario beside the first: 20 % online instead of 30 %."""
    return beside(scenario, "plan-b.toml", "value = 30", "value = 20")


async def test_compare_screen(make_app: MakeApp, scenario_copy: Path) -> None:
    other = plan_b(scenario_copy)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert screen.paths == [other]
        table = screen.query_one("#compare-table")
        root = [str(c) for c in table.get_row("tong_diem")]  # type: ignore[attr-defined]
        assert root[1].strip() == "666,0 #13"
        assert root[2].strip() == "711,0 #10" and root[3].strip() == "696,0 #11"
        assert root[-1] == "≠"
        only = str(screen.query_one("#compare-only", Static).render())
        assert "Tỷ lệ hồ sơ TTHC nộp trực tuyến = 20" in only
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_language_switch(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Tổng điểm 666,0" in summary(app)
        await pilot.press("l")
        await pilot.pause()
        assert app.lang == "en"
        assert "Total 666.0 → 711.0  rank 13 → 10 ▲3" in summary(app)
        assert "Gap to Sở Y tế: 17.7" in summary(app)
        tree = app.screen.query_one(NodeTree)
        first, pillar = tree.root.children[0], tree.root.children[1]
        assert str(first.label).startswith("Agency digital transformatio")
        assert "666.0→711.0/1,000" in str(first.label)
        assert str(pillar.label).startswith("Digital awareness")
        footer_keys = {ab.binding.description for ab in app.screen.active_bindings.values()}
        assert "Undo" in footer_keys and "Hoàn tác" not in footer_keys
        await pilot.press("l")
        assert "Hoàn tác" in {ab.binding.description for ab in app.screen.active_bindings.values()}


async def test_help_focus_target_and_palette(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", "9", "enter")
        await pilot.pause()
        assert "Hạng mục tiêu 9: cần thêm 17,7 (Sở Y tế)" in summary(app)
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", "1", "0", "enter")
        await pilot.pause()
        assert app.session.scenario.file.target_rank == 10
        assert "Hạng mục tiêu 10: đã đạt" in summary(app)
        await pilot.press("f")
        await pilot.pause()
        await pilot.press(*"Tư pháp", "enter")
        await pilot.pause()
        assert app.session.focus == "so-tu-phap"
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Lưu", "Hoàn tác", "So sánh", "Ngôn ngữ", "Sửa", "Khôi phục tất cả"} <= titles


async def test_open_another_scenario(make_app: MakeApp, scenario_copy: Path) -> None:
    other = plan_b(scenario_copy)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        await pilot.press(*str(other), "enter")
        await done(app)
        await pilot.pause()
        assert app.session.scenario.path == other
        assert rank(app) == 11


async def test_resizing_keeps_every_panel_fitted(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for width, height in [(80, 24), (60, 18), (200, 60), (80, 24)]:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            await pilot.pause()
            tree = app.screen.query_one(NodeTree)
            widest = max(len(str(n.label)) for n in tree.root.children)
            assert widest <= tree.size.width, (width, widest, tree.size.width)
            table = app.screen.query_one(RankingTable)
            assert table.get_row("so-noi-vu")[0].plain.strip() == "► 10"


PILLARS = [
    "nhan_thuc_so",
    "the_che_so",
    "ha_tang_so",
    "nhan_luc_so",
    "an_toan_thong_tin",
    "hoat_dong_chuyen_doi_so",
]
# Sở Nội vụ's pillar points as saved (online applications at 30 %): 77.5 + 72 + 105.5 + 73 +
# 82.5 + 300.5 = 711.0, the scenario's total. 50 % online is 60 points instead of 45 (the step
# rule of hd_ty_le_nop_truc_tuyen), so the activity pillar gains 15.
SAVED_POINTS = [77.5, 72.0, 105.5, 73.0, 82.5, 300.5]


def pillar_maxima(scenario: Path) -> list[float]:
    """Each pillar's max_score, read from the criteria file itself."""
    crit = tomllib.loads((scenario.parent.parent / "criteria" / DEPT).read_text("utf-8"))
    maxima = {a["id"]: float(a["max_score"]) for a in crit["aggregate"]}
    return [maxima[p] for p in PILLARS]


def bars(chart: PillarChart) -> dict[str, list[float]]:
    """The heights of the bars the pillar chart last drew, by series as its legend names them
    (plotext draws one bar per pillar and series, series after series)."""
    heights = [ys[1] for ys in chart.plt.monitor.y]
    names = [label for _, label, _ in chart.legend]
    n = len(heights) // len(names)
    return {name: heights[k * n : (k + 1) * n] for k, name in enumerate(names)}


def painted(widget: Widget) -> list[str]:
    """The lines the widget last painted on the screen (re-rendered only if it is dirty)."""
    return [widget.render_line(y).text for y in range(widget.size.height)]


def score_axis(sweep: SweepChart) -> list[str]:
    """The tick labels of the sweep chart's right-hand (score) axis as painted, top first."""
    ticks = [re.search(r"├(\S+)\s*$", ln) for ln in painted(sweep)]
    return [t[1] for t in ticks if t]


async def test_charts_redraw_at_the_new_size_and_after_an_edit(
    make_app: MakeApp, scenario_copy: Path
) -> None:
    maxima = pillar_maxima(scenario_copy)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await find(pilot, "hd_ty_le_nop")
        await pilot.press("g")
        await pilot.pause()
        pillars = app.screen.query_one(PillarChart)
        sweep = app.screen.query_one(SweepChart)
        for width, height in [(80, 24), (120, 40)]:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            await pilot.pause()
            for chart in (pillars, sweep):
                lines = painted(chart)
                w, h = chart.size
                if chart.too_small():
                    # 80×24 leaves the pillar chart 3 lines: it says so instead of a smudge
                    assert (width, chart) == (80, pillars)
                    assert "Biểu đồ cần ít nhất 30×9 ký tự" in " ".join(lines)
                    continue
                assert len(lines) == h and {len(ln) for ln in lines} == {w}, (width, height)
                assert w >= 30 and h >= 8, (width, height, chart.size)
                # plotted for this size, not the last; the legend has the line under the plot
                assert chart.plt.monitor.size == [w, h - 1]
        assert "Các chỉ số chính (% max)" in painted(pillars)[0]
        shown = bars(pillars)
        assert list(shown) == ["Sở Nội vụ", "Đơn vị trên", "Dẫn đầu", "Trung vị"]
        # the legend is the last line, never over the bars
        lines = painted(pillars)
        assert all(name in lines[-1] for name in shown)
        assert not any("Trung vị" in ln for ln in lines[:-1])
        assert re.search(r"^\s*50┤", "\n".join(lines), re.M)  # ticks 0, 25, 50, 75, 100
        saved = [100 * p / m for p, m in zip(SAVED_POINTS, maxima, strict=True)]
        assert shown["Sở Nội vụ"] == pytest.approx(saved)
        # the sweep of the selected indicator: ranks 13, 11, 10 at 0, 20 and 30 %, a mark at 30
        rank_line, score_line = sweep.plt.monitor.y
        xs = sweep.plt.monitor.x[0]
        at = {x: (-r, s) for x, r, s in zip(xs, rank_line, score_line, strict=True)}
        assert (at[0.0], at[20.0], at[30.0]) == ((13, 666.0), (11, 696.0), (10, 711.0))
        # the rule's thresholds marked, then the current value; the 50 % step is on the axis
        assert sweep.plt.monitor.vcoord[0] == [1.0, 10.0, 20.0, 30.0, 50.0, 30.0]
        assert at[50.0] == (10, 726.0) and max(xs) > 50
        assert score_axis(sweep) == ["720", "700", "680"]
        assert "50" in painted(sweep)[-2].split()  # the x axis labels the 50 % threshold
        assert "ngưỡng tính điểm" in painted(sweep)[-1]
        await pilot.press("5", "0", "enter")  # 50 % online
        await pilot.pause()
        await pilot.pause()
        assert app.session.value(ONLINE) == 50.0
        edited = bars(pillars)["Sở Nội vụ"]
        assert edited[:5] == pytest.approx(saved[:5])
        assert edited[5] == pytest.approx(100 * (300.5 + 15) / 400)
        assert sweep.plt.monitor.vcoord[0][-1] == 50.0
        rank_line, score_line = sweep.plt.monitor.y
        at = dict(zip(sweep.plt.monitor.x[0], score_line, strict=True))
        assert at[50.0] == 726.0
