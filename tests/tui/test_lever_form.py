"""Levers made in the app: a lever added in the form lands in the saved file beside the others
with every comment of the file kept, is chosen by the optimiser when it is cheap and effective,
and one ctrl+z takes it back."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.widgets import Button, Checkbox, Input, Select, SelectionList, Static

from ictscore.formats.scenario import load_scenario
from ictscore.planning.planner import plan
from ictscore.tui.screens.lever_form import LeverFormScreen
from ictscore.tui.screens.plan import PlanScreen

from .test_flows import SIZE, MakeApp, done

NODE = "at_phuong_an_ung_cuu"
"""Có phương án ứng cứu sự cố ATTT: 25 points that no lever of the scenario delivers."""


async def _press(pilot, screen: LeverFormScreen, button: str) -> None:  # type: ignore[no-untyped-def]
    """Press a button of the form (it may be scrolled out of an 120×40 view)."""
    screen.query_one(button, Button).press()
    await pilot.pause()


async def _fill(pilot, screen: LeverFormScreen, **fields: str) -> None:  # type: ignore[no-untyped-def]
    for selector, text in fields.items():
        box = screen.query_one(f"#{selector.replace('_', '-')}", Input)
        box.focus()
        await pilot.press(*text)


async def test_a_lever_made_in_the_form_is_saved_and_chosen(
    make_app: MakeApp, scenario_copy: Path
) -> None:
    before = scenario_copy.read_text("utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, LeverFormScreen)
        # refused without an effect, with a message in Vietnamese
        await _fill(pilot, form, lf_name_vi="Lập phương án ứng cứu sự cố")
        await _press(pilot, form, "#lf-ok")
        await pilot.pause()
        assert isinstance(app.screen, LeverFormScreen)
        assert "cần ít nhất một tác động" in str(form.query_one("#lf-errors", Static).render())
        await _fill(
            pilot,
            form,
            lf_name_en="Incident response plan",
            lf_cost="50 triệu",
            lf_basis="báo giá của đơn vị tư vấn",
        )
        form.query_one("#lf-estimate", Checkbox).value = False
        form.query_one("#lf-node", Select).value = NODE  # the indicator picked by its name
        await _fill(pilot, form, lf_value="có")
        await _press(pilot, form, "#lf-add-effect")
        await pilot.pause()
        assert "Có phương án ứng cứu sự cố ATTT = có" in str(
            form.query_one("#lf-effects", Static).render()
        )
        await _press(pilot, form, "#lf-ok")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        made = app.session.levers[-1]
        assert (made.id, made.cost, made.estimate) == ("incident_response_plan", 50e6, False)
        assert made.basis == "báo giá của đơn vị tư vấn"
        assert app.session.dirty
        names = [str(c) for c in app.screen.query_one("#plan-levers").get_column("lever")]  # type: ignore[attr-defined]
        assert names[-1].rstrip("…") in "Lập phương án ứng cứu sự cố"  # the list shows it

        await pilot.press("ctrl+s")
        await done(app)
        await pilot.pause()
        saved = scenario_copy.read_text("utf-8")
        # every comment of the file is kept, the levers' header and the next section's too
        comments = [ln for ln in before.splitlines() if ln.lstrip().startswith("#")]
        assert [ln for ln in saved.splitlines() if ln.lstrip().startswith("#")] == comments
        new_table = saved.index('id = "incident_response_plan"')
        assert saved.index('id = "chien_dich_nop_truc_tuyen"') < new_table
        assert new_table < saved.index("# --- Các sở khác cũng tiến bộ")
        assert "cost = 50_000_000" in saved
        assert 'effect = [{ node = "at_phuong_an_ung_cuu", set = 1 }]' in saved
        # the text of the other levers is untouched
        head = before[: before.index("# --- Các sở khác cũng tiến bộ")].rstrip("\n")
        assert saved.startswith(head)
        data = tomllib.loads(saved)
        assert len(data["lever"]) == 9

        # cheap and effective: the optimiser picks it from the saved file
        rep = plan(load_scenario(scenario_copy))
        assert "incident_response_plan" in rep.chosen

        await pilot.press("ctrl+z")  # one undo takes the lever back
        await pilot.pause()
        assert [lv.id for lv in app.session.levers] == [lv["id"] for lv in data["lever"][:8]]
        assert app.session.dirty  # the file has it; the session does not any more


async def test_edit_and_remove_a_lever(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        first = app.session.levers[0]
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, LeverFormScreen)
        cost = form.query_one("#lf-cost", Input)
        assert cost.value == "300.000.000 đ"
        cost.value = "1,2 tỷ"
        await _press(pilot, form, "#lf-ok")
        await pilot.pause()
        assert app.session.levers[0].cost == 1.2e9
        assert app.session.levers[0].effect == first.effect
        assert app.session.levers[0].source == first.source  # kept though the form hides it
        # removing a lever another requires is refused with the reason
        await pilot.press("delete")
        await pilot.pause()
        assert app.session.levers[0].id == first.id
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.session.levers[0] == first
        assert not app.session.dirty


async def test_a_circle_of_prerequisites_is_refused_in_the_form(make_app: MakeApp) -> None:
    """The form runs the session's own lever checks before it gives the lever back: the
    refusal is shown in the form, in Vietnamese, with what was typed still there."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        before = app.session.levers
        assert before[0].id == "pm_ho_so_can_bo"  # csdl_to_chuc_bien_che requires it
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, LeverFormScreen)
        form.query_one("#lf-cost", Input).value = ""
        await _fill(pilot, form, lf_cost="1,2 tỷ")
        form.query_one("#lf-requires", SelectionList).select("csdl_to_chuc_bien_che")
        await _press(pilot, form, "#lf-ok")
        assert app.screen is form  # not dismissed: the planner can fix what was typed
        shown = str(form.query_one("#lf-errors", Static).render())
        assert shown.startswith("các điều kiện tiên quyết tạo thành vòng lặp: ")
        assert form.query_one("#lf-cost", Input).value == "1,2 tỷ"
        assert app.session.levers == before and not app.session.dirty


async def test_the_first_lever_of_a_scenario_without_any(
    make_app: MakeApp, scenario_copy: Path
) -> None:
    """The QĐ 766 scenario has no [[lever]]: the plan screen says how to add one, the form adds
    it, the file gets its first [[lever]] table with its comments kept, delete and undo work."""
    path = scenario_copy.parent / "bac-giang-766-2024.toml"
    before = path.read_text("utf-8")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert "nhấn i để thêm" in str(app.screen.query_one("#plan-result", Static).render())
        await pilot.press("i")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, LeverFormScreen)
        await _fill(pilot, form, lf_name_vi="Công khai đủ thủ tục", lf_cost="1,2 tỷ")
        form.query_one("#lf-node", Select).value = "ckmb_cong_khai_tthc"
        form.query_one("#lf-kind", Select).value = "add"
        await _fill(pilot, form, lf_value="-5")
        await _press(pilot, form, "#lf-add-effect")
        shown = str(form.query_one("#lf-errors", Static).render())
        assert shown == "Chỉ tiêu này càng cao càng tốt: hãy cộng một số dương"
        assert form.effects == []
        form.query_one("#lf-value", Input).value = ""
        await _fill(pilot, form, lf_value="2,5")  # the decimal comma, as a Vietnamese types it
        await _press(pilot, form, "#lf-add-effect")
        assert [e.add for e in form.effects] == [2.5]
        assert "+ 2,5" in str(form.query_one("#lf-effects", Static).render())
        await _press(pilot, form, "#lf-ok")
        assert isinstance(app.screen, PlanScreen)
        assert [lv.cost for lv in app.session.levers] == [1.2e9]
        await pilot.press("ctrl+s")
        await done(app)
        saved = path.read_text("utf-8")
        assert saved.startswith(before.rstrip("\n"))  # appended: the file above is untouched
        assert "[[lever]]" in saved and "cost = 1_200_000_000" in saved
        await pilot.press("delete")
        await pilot.pause()
        assert app.session.levers == ()
        assert "nhấn i để thêm" in str(app.screen.query_one("#plan-result", Static).render())
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(app.session.levers) == 1 and not app.session.dirty
