"""Export and the audit trail in the planner, driven by real key presses on a copy of the default
scenario: files written by `x`/`X`, the edit log (`h`), annotating a change and saving it."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl  # a core dependency: the xlsx checks must run, never skip
import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from ictscore.formats.message import Message
from ictscore.formats.scenario import load_scenario
from ictscore.planning import audit
from ictscore.presentation import i18n
from ictscore.tui.app import IctscoreApp
from ictscore.tui.exporting import REPORT_KINDS, RESULT_KINDS
from ictscore.tui.screens.annotate import AnnotateScreen
from ictscore.tui.screens.compare import CompareScreen
from ictscore.tui.screens.confirm import ChoiceScreen
from ictscore.tui.screens.edit_log import EditLogScreen
from ictscore.tui.screens.help import HelpScreen
from ictscore.tui.screens.main import MainScreen
from ictscore.tui.screens.prompt import PromptScreen

MakeApp = Callable[..., IctscoreApp]
SIZE = (120, 40)
AUTHOR = "Nguyễn Văn An"
TODAY = "2026-11-20"


@pytest.fixture(autouse=True)
def fixed_author_and_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(audit.ENV_AUTHOR, AUTHOR)
    monkeypatch.setattr(audit, "today", lambda: TODAY)


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await asyncio.wait_for(pilot.app.workers.wait_for_complete(), timeout=15)
    await pilot.pause()


def messages(app: IctscoreApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def rank(app: IctscoreApp) -> int | None:
    return app.session.result.rank(app.session.focus)


async def export_to(pilot: Pilot[None], path: Path | str, key: str = "x") -> None:
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(pilot.app.screen, PromptScreen)
    await pilot.press("ctrl+a", "ctrl+k", *str(path), "enter")
    await pilot.pause()


async def test_export_each_format(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app()
    out = tmp_path / "out"
    out.mkdir()  # a missing folder is refused, not made (test_bad_names_give_a_message)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+z")  # an unsaved state: the export is of the session, not the file
        assert rank(app) == 13
        for ext in ("xlsx", "csv", "json", "md"):
            await export_to(pilot, out / f"r.{ext}")
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)
            assert messages(app)[-1] == f"Đã xuất ra {out / f'r.{ext}'}"
    data = json.loads((out / "r.json").read_text(encoding="utf-8"))
    assert data["focus"]["scenario"]["rank"] == 13 == rank(app)
    assert data["changes"] == []
    assert (out / "r.csv").read_text(encoding="utf-8").startswith("\ufeffid;name;focus;")
    assert "| Tiêu chí |" in (out / "r.md").read_text(encoding="utf-8")
    wb = openpyxl.load_workbook(out / "r.xlsx")
    ranking = list(wb["Xếp hạng"].iter_rows(values_only=True))
    assert ranking[0][:4] == ("Hạng", "Thay đổi hạng", "id", "Tên")
    nv = next(r for r in ranking if r[2] == "so-noi-vu")
    assert nv[0] == 13 and nv[4] == pytest.approx(666.0)


async def test_default_name_beside_the_scenario(make_app: MakeApp, scenario_copy: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        prompt = app.screen.query_one(Input)
        target = scenario_copy.with_name("bac-giang-so-noi-vu-2021-ket-qua.xlsx")
        assert prompt.value == str(target)
        await pilot.press("enter")
        await settle(pilot)
    wb = openpyxl.load_workbook(target)
    changes = list(wb["Thay đổi"].iter_rows(values_only=True))
    assert changes[1][0] == "hd_ty_le_nop_truc_tuyen" and changes[1][3] == 30
    assert changes[1][5].startswith("Báo cáo Sở Nội vụ 8/2021")


async def test_overwrite_asks(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app()
    target = tmp_path / "r.json"
    target.write_text("keep me", encoding="utf-8")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await export_to(pilot, target)
        assert isinstance(app.screen, ChoiceScreen)
        assert str(app.screen.question) == f"{target} đã có. Ghi đè?"
        await pilot.press("x", "h", "X")  # the planner's keys do not break into a question
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen) and len(app.screen_stack) == 3
        await pilot.press("escape")  # the safe answer: keep the file
        await settle(pilot)
        assert target.read_text(encoding="utf-8") == "keep me"
        await export_to(pilot, target)
        await pilot.click("#choice-overwrite")
        await settle(pilot)
    assert json.loads(target.read_text(encoding="utf-8"))["focus"]["scenario"]["rank"] == 10


async def test_bad_names_give_a_message(make_app: MakeApp, scenario_copy: Path) -> None:
    app = make_app()
    folder = scenario_copy.parent / "a-folder.csv"
    folder.mkdir()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for bad, why in [
            (scenario_copy.parent / "r.pdf", "hãy dùng .csv, .json, .md hoặc .xlsx"),
            (scenario_copy / "r.csv", "không phải thư mục"),  # a file as the folder
            (scenario_copy.parent / "tpyo" / "r.csv", "không có thư mục"),  # a typo: no folder
            (folder, "đây là thư mục"),
            (scenario_copy.parent / "r.xlsx", None),  # and a good one still works after
        ]:
            await export_to(pilot, bad)
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)
            if why is None:
                assert bad.exists()
            else:
                assert messages(app)[-1].startswith("Không xuất được: "), messages(app)
                assert why in messages(app)[-1]
        await pilot.press("X")  # a report is .docx, .html or .md
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", *str(scenario_copy.parent / "b.xlsx"), "enter")
        await settle(pilot)
        assert "báo cáo là tệp .docx, .html hoặc .md" in messages(app)[-1]
    assert not (scenario_copy.parent / "r.pdf").exists()
    assert not (scenario_copy.parent / "b.xlsx").exists()
    assert folder.is_dir() and not any(folder.iterdir())


async def test_report_from_the_planner(make_app: MakeApp, scenario_copy: Path) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("X")
        await pilot.pause()
        target = scenario_copy.with_name("bac-giang-so-noi-vu-2021-report.html")
        assert app.screen.query_one(Input).value == str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert messages(app)[-1] == f"Report written to {target}"
        await export_to(pilot, scenario_copy.with_name("r.md"), key="X")
        await settle(pilot)
        await export_to(pilot, scenario_copy.with_name("r.docx"), key="X")
        await settle(pilot)
        assert messages(app)[-1] == f"Report written to {scenario_copy.with_name('r.docx')}"
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Draft report" in html
    assert "Báo cáo Sở Nội vụ 8/2021, mục I.4" in html  # the change's source document
    assert scenario_copy.with_name("r.md").read_text(encoding="utf-8").startswith("# Draft report")
    word = docx.Document(str(scenario_copy.with_name("r.docx")))  # the Word form from `X` too
    assert word.tables[0].cell(0, 1).paragraphs[0].text == "SOCIALIST REPUBLIC OF VIETNAM"
    assert any(p.text == "REPORT" for p in word.paragraphs)


async def test_edit_log_lists_the_changes(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"nt_hop_ban", "enter")
        await pilot.pause()
        await pilot.press("4", "enter")  # a new edit, signed
        await pilot.press("ctrl+z")  # undone: greyed in the log
        await pilot.press("h")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EditLogScreen)
        table = screen.query_one("#log-table", DataTable)
        assert table.row_count == 2
        first = [c.plain for c in table.get_row("0")]
        assert first[:4] == ["1", "Sở Nội vụ", "Tỷ lệ hồ sơ TTH…", "30 %"]
        assert first[4].startswith("Mục tiêu: 30%") and first[5].startswith("Báo cáo Sở Nội")
        assert first[6:] == ["", ""]
        second = table.get_row("1")
        assert [c.plain for c in second][6:] == [AUTHOR, TODAY]
        assert all(c.style == "dim" for c in second)
        assert all(c.style == "" for c in table.get_row("0"))
        assert table.cursor_row == 0  # the last applied change
        await pilot.press("down")
        detail = str(screen.query_one("#log-detail", Static).render())
        assert "Đã hoàn tác: ctrl+y để làm lại; không được lưu" in detail
        assert "Hiện trạng 2 cuộc → 4 cuộc" in detail
        await pilot.press("ctrl+y")  # the app's keys work here and repaint
        await pilot.pause()
        assert all(c.style == "" for c in table.get_row("1"))
        await pilot.press("up")
        detail = str(screen.query_one("#log-detail", Static).render())
        assert "Nguồn: Báo cáo Sở Nội vụ 8/2021, mục I.4: tỷ lệ nộp hồ sơ trực tuyến" in detail
        await pilot.press("l")
        await pilot.pause()
        assert [c.plain for c in table.get_row("0")][3] == "30 %"
        assert str(table.columns[next(iter(table.columns))].label) == "#"
        assert "Note" in [str(c.label) for c in table.columns.values()]
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_annotate_then_save(make_app: MakeApp, scenario_copy: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AnnotateScreen)
        note = dialog.query_one("#annotate-note", Input)
        assert note.has_focus and note.value.startswith("Mục tiêu: 30%")
        assert dialog.query_one("#annotate-author", Input).value == AUTHOR  # none yet: default
        await pilot.press("ctrl+a", "ctrl+k", *"Kế hoạch 2022", "enter")
        await pilot.press("ctrl+a", "ctrl+k", *"QĐ 123/QĐ-SNV", "enter")
        await pilot.press("ctrl+a", "ctrl+k", *"Trần Thị B", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EditLogScreen)
        assert "●" in app.title
        row = [c.plain for c in app.screen.query_one(DataTable).get_row("0")]
        assert row[4:] == ["Kế hoạch 2022", "QĐ 123/QĐ-SNV", "Trần Thị B", TODAY]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "●" not in app.title
        # Escape cancels: nothing changes
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AnnotateScreen)
        await pilot.press("x", "escape")
        await pilot.pause()
        assert "●" not in app.title
    text = scenario_copy.read_text(encoding="utf-8")
    assert 'note = "Kế hoạch 2022"' in text and 'author = "Trần Thị B"' in text
    assert f'date = "{TODAY}"' in text and 'source = "QĐ 123/QĐ-SNV"' in text
    c = load_scenario(scenario_copy).applied()[0]
    assert (c.value, c.note, c.author, c.date) == (30.0, "Kế hoạch 2022", "Trần Thị B", TODAY)


async def test_a_new_edit_carries_author_and_date(make_app: MakeApp, scenario_copy: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"nt_hop_ban", "enter")
        await pilot.pause()
        await pilot.press("4", "enter", "plus")
        last = app.session.scenario.applied()
        assert [(c.value, c.author, c.date) for c in last[1:]] == [
            (4.0, AUTHOR, TODAY),
            (5.0, AUTHOR, TODAY),
        ]
        await pilot.press("ctrl+s")
        await settle(pilot)
    saved = load_scenario(scenario_copy).applied()
    assert [(c.author, c.date) for c in saved] == [(None, None), (AUTHOR, TODAY), (AUTHOR, TODAY)]


async def test_compare_shows_the_audit_trail(make_app: MakeApp, scenario_copy: Path) -> None:
    other = scenario_copy.parent / "plan-b.toml"
    other.write_text(
        scenario_copy.read_text().replace("value = 30", 'value = 20\nauthor = "Phòng CĐS"'),
        encoding="utf-8",
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        only = str(app.screen.query_one("#compare-only", Static).render())
        assert "= 20 % (Mục tiêu: 30% hồ sơ TTHC" in only
        assert "tỷ lệ nộp hồ sơ trực tuyến chưa phát sinh; Phòng CĐS)" in only


async def test_keys_are_in_help_and_palette(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Xuất", "Báo cáo", "Nhật ký thay đổi"} <= titles
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.screen._text()
        assert "| `x` | Xuất | Xuất kết quả (.xlsx, .csv, .json hoặc .md) |" in text
        assert "| `X` | Báo cáo |" in text and "| `h` | Nhật ký thay đổi |" in text
        await pilot.press("escape")
        await pilot.press("h")
        await pilot.pause()
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert "Ghi chú" in titles and "Nhật ký thay đổi" not in titles  # not over itself
    for _, label in RESULT_KINDS + REPORT_KINDS:
        assert isinstance(label, Message)  # from the catalogue, translated where shown
    assert i18n.gettext(REPORT_KINDS[0][1], "vi") == "Báo cáo (HTML)"


async def test_an_empty_edit_log(make_app: MakeApp, scenario_copy: Path) -> None:
    text = scenario_copy.read_text(encoding="utf-8")
    empty = scenario_copy.with_name("empty.toml")
    empty.write_text(text[: text.index("[[change]]")], encoding="utf-8")
    app = make_app(empty)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, EditLogScreen)
        detail = str(app.screen.query_one("#log-detail", Static).render())
        assert detail.startswith("Nhật ký trống")
        await pilot.press("a")  # nothing to annotate: a message, no dialog
        await pilot.pause()
        assert isinstance(app.screen, EditLogScreen)
        assert messages(app)[-1].startswith("Nhật ký trống")


async def test_export_carries_computes_notes(
    make_app: MakeApp, scenario_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`x` writes the notes that `ictscore compute` prints, in every format."""
    from ictscore.cli.main import main

    merged = scenario_copy.with_name("dti-2024-bac-ninh.toml")
    assert main(["compute", str(merged), "--format", "json"]) == 0
    want = json.loads(capsys.readouterr().out)["notes"]
    assert len(want) == 3
    app = make_app(merged)
    out = scenario_copy.parent
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for ext in ("xlsx", "csv", "json", "md"):
            await export_to(pilot, out / f"n.{ext}")
            await settle(pilot)
            assert messages(app)[-1] == f"Đã xuất ra {out / f'n.{ext}'}"
    assert json.loads((out / "n.json").read_text(encoding="utf-8"))["notes"] == want
    md = (out / "n.md").read_text(encoding="utf-8")
    assert md.endswith("## Ghi chú\n\n" + "".join(f"- {n}\n" for n in want))
    csv_rows = (out / "n.csv").read_text(encoding="utf-8-sig").splitlines()
    assert csv_rows[-4:] == ["", *(f'Ghi chú;"{n}"' if ";" in n else f"Ghi chú;{n}" for n in want)]
    sheet = openpyxl.load_workbook(out / "n.xlsx")["Ghi chú"]
    assert [r for (r,) in sheet.iter_rows(values_only=True)] == ["Ghi chú", *want]
