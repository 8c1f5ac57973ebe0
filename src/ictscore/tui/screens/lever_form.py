"""A lever made in the app: its names, cost (typed the Vietnamese way, "500 triệu", "1,2 tỷ"),
whether that cost is an estimate and on what basis, its effects on indicators picked by name,
divisible units, group and prerequisites. The form validates as the scenario loader would and
gives back a `Lever`; the plan screen puts it into the session (undoable, journaled, saved into
the file's [[lever]] tables with the comments around them kept)."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, SelectionList, Static

from ictscore.formats.criteria import Criteria, Indicator
from ictscore.formats.message import message_of
from ictscore.formats.plan import Effect, Lever
from ictscore.formats.tomlfile import pydantic_message
from ictscore.formats.values import coerce
from ictscore.planning.session import check_levers
from ictscore.presentation import describe, display, i18n, numbers
from ictscore.tui.i18n import tr


def slug(text: str) -> str:
    """An id a TOML file can hold, from a name: "Thuê đánh giá ATTT" → "thue_danh_gia_attt"."""
    return re.sub(r"[^a-z0-9]+", "_", numbers.fold(text)).strip("_")[:40] or "giai_phap"


def unique_id(base: str, taken: set[str]) -> str:
    out, k = base, 2
    while out in taken:
        out, k = f"{base}_{k}", k + 1
    return out


class LeverFormScreen(ModalScreen[Lever | None]):
    CSS_PATH = "lever_form.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self, criteria: Criteria, levers: tuple[Lever, ...], lang: str, lever: Lever | None = None
    ) -> None:
        super().__init__()
        self.criteria = criteria
        self.others = [lv for lv in levers if lever is None or lv.id != lever.id]
        self.lang = lang
        self.lever = lever
        """The lever being edited, or None for a new one."""
        self.effects: list[Effect] = list(lever.effect) if lever else []

    # --- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        lang, lv = self.lang, self.lever
        indicators = [
            (self.criteria.label(i.id, lang), i.id)
            for i in self.criteria.indicators()
            if not i.reported_only
        ]
        with VerticalScroll(id="dialog"):
            yield Label(tr("Edit the lever", lang) if lv else tr("New lever", lang), id="lf-title")
            yield Input(
                lv.name_vi if lv else "", placeholder=tr("Name (Vietnamese)", lang), id="lf-name-vi"
            )
            yield Input(
                lv.name_en if lv else "", placeholder=tr("Name (English)", lang), id="lf-name-en"
            )
            yield Input(
                _money_text(lv.cost, lang) if lv and lv.cost else "",
                placeholder=tr("Cost (e.g. 500 million, 1.2 billion)", lang),
                id="lf-cost",
            )
            yield Checkbox(
                tr("The cost is an estimate", lang), lv.estimate if lv else True, id="lf-estimate"
            )
            yield Input(
                (lv.basis or "") if lv else "",
                placeholder=tr("Basis of the cost", lang),
                id="lf-basis",
            )
            yield Label(tr("Effects", lang))
            yield Static(id="lf-effects")
            with Horizontal(classes="lf-row"):
                yield Select(indicators, prompt=tr("Indicator", lang), id="lf-node")
                yield Select(
                    [(tr("set to", lang), "set"), (tr("add", lang), "add")],
                    value="set",
                    allow_blank=False,
                    id="lf-kind",
                )
                yield Input(placeholder=tr("Value", lang), id="lf-value")
            with Horizontal(classes="lf-row"):
                yield Button(tr("Add the effect", lang), id="lf-add-effect")
                yield Button(tr("Remove the last effect", lang), id="lf-drop-effect")
            yield Checkbox(
                tr("Bought in units (divisible)", lang),
                bool(lv and lv.divisible),
                id="lf-divisible",
            )
            with Horizontal(classes="lf-row"):
                yield Input(
                    _money_text(lv.unit_cost, lang) if lv and lv.unit_cost else "",
                    placeholder=tr("Cost per unit", lang),
                    id="lf-unit-cost",
                )
                yield Input(
                    str(lv.max_units) if lv and lv.max_units else "",
                    placeholder=tr("Most units", lang),
                    id="lf-max-units",
                )
            yield Input(
                (lv.group or "") if lv else "",
                placeholder=tr("Group (alternatives: at most one of a group)", lang),
                id="lf-group",
            )
            if self.others:
                yield Label(tr("Requires", lang))
                yield SelectionList[str](
                    *[
                        (
                            o.name(lang),
                            o.id,
                            bool(lv and o.id in lv.requires),
                        )
                        for o in self.others
                    ],
                    id="lf-requires",
                )
            yield Static(id="lf-errors")
            with Horizontal(id="buttons"):
                yield Button(tr("Save the lever", lang), variant="primary", id="lf-ok")
                yield Button(tr("Cancel", lang), id="lf-cancel")

    def on_mount(self) -> None:
        self._show_effects()
        self.query_one("#lf-name-vi", Input).focus()

    def _show_effects(self) -> None:
        lang = self.lang
        lines = []
        for k, e in enumerate(self.effects, 1):
            ind = self.criteria.nodes[e.node]
            name = self.criteria.label(e.node, lang)
            if e.set_to is not None and isinstance(ind, Indicator):
                what = f"= {describe.value(ind, coerce(ind, e.set_to), lang)}"
            else:
                what = f"+ {display.short(e.add or 0.0, 2, lang)}"
            lines.append(f"{k}. {name} {what}")
        self.query_one("#lf-effects", Static).update(
            "\n".join(lines) or tr("(no effect yet: pick an indicator below)", lang)
        )

    # --- effects -------------------------------------------------------------------------------

    @on(Button.Pressed, "#lf-add-effect")
    def add_effect(self) -> None:
        node = self.query_one("#lf-node", Select).value
        kind = self.query_one("#lf-kind", Select).value
        text = self.query_one("#lf-value", Input).value.strip()
        if not isinstance(node, str):
            self._error(tr("Pick an indicator first", self.lang))
            return
        ind = self.criteria.nodes[node]
        lang = self.lang
        try:
            if kind == "add":
                if not isinstance(ind, Indicator) or ind.rule.values != "number":
                    raise ValueError(tr("This indicator takes 'set to', not 'add'", lang))
                amount = numbers.parse(text, lang)
                up = ind.rule.upward(ind)
                if amount == 0 or (amount > 0) != up:
                    raise ValueError(
                        tr("This indicator is better as it rises: add a positive amount", lang)
                        if up
                        else tr("This indicator is better as it falls: add a negative amount", lang)
                    )
                eff = Effect.model_validate({"node": node, "add": amount})
            else:
                if not isinstance(ind, Indicator):
                    raise ValueError(tr("Pick an indicator first", lang))
                value = coerce(ind, numbers.indicator_value(ind, text, lang))
                eff = Effect.model_validate({"node": node, "set": value})
        except (ValueError, ValidationError) as exc:
            self._error(_message(exc, lang))
            return
        self.effects = [e for e in self.effects if e.node != node] + [eff]
        self.query_one("#lf-value", Input).value = ""
        self._error("")
        self._show_effects()

    @on(Button.Pressed, "#lf-drop-effect")
    def drop_effect(self) -> None:
        if self.effects:
            self.effects.pop()
            self._show_effects()

    # --- the lever -----------------------------------------------------------------------------

    def built(self) -> Lever:
        """The lever the form says; ValueError (in the interface's language where it can be)
        with what is wrong."""
        lang = self.lang

        def text(selector: str) -> str:
            return self.query_one(selector, Input).value.strip()

        name_vi, name_en = text("#lf-name-vi"), text("#lf-name-en")
        if not name_vi:
            raise ValueError(tr("The lever needs a Vietnamese name", lang))
        if not self.effects:
            raise ValueError(tr("The lever needs at least one effect", lang))
        divisible = self.query_one("#lf-divisible", Checkbox).value
        data: dict[str, Any] = {
            "id": self.lever.id
            if self.lever
            else unique_id(slug(name_en or name_vi), {o.id for o in self.others}),
            "name_vi": name_vi,
            "name_en": name_en or name_vi,
            "cost": numbers.parse_money(text("#lf-cost"), self.lang) if text("#lf-cost") else 0.0,
            "estimate": self.query_one("#lf-estimate", Checkbox).value,
            "basis": text("#lf-basis") or None,
            "effect": [e.model_dump(by_alias=True, exclude_none=True) for e in self.effects],
            "divisible": divisible,
            "group": text("#lf-group") or None,
        }
        if divisible:
            if not text("#lf-unit-cost") or not text("#lf-max-units"):
                raise ValueError(
                    tr("A divisible lever needs a cost per unit and the most units", lang)
                )
            data["unit_cost"] = numbers.parse_money(text("#lf-unit-cost"), self.lang)
            units = numbers.parse(text("#lf-max-units"), lang, valid=float.is_integer)
            if not units.is_integer():
                raise ValueError(tr("Not a whole number", lang))
            data["max_units"] = int(units)
        if self.others:
            data["requires"] = list(self.query_one("#lf-requires", SelectionList).selected)
        if self.lever is not None:  # what the form does not show is kept
            for key in ("delivery", "source", "note"):
                data[key] = getattr(self.lever, key)
        try:
            made = Lever.model_validate(data)
        except ValidationError as exc:
            raise ValueError(_message(exc, lang)) from None
        # the loader's cross-checks here, so that a refusal keeps what was typed
        try:
            check_levers(self.criteria, [*self.others, made])
        except ValueError as exc:
            names = describe.node_names(self.criteria, lang)
            raise ValueError(i18n.text(message_of(exc), lang, names)) from None
        return made

    @on(Button.Pressed, "#lf-ok")
    def action_ok(self) -> None:
        try:
            lever = self.built()
        except ValueError as exc:
            self._error(_message(exc, self.lang))
            return
        self.dismiss(lever)

    @on(Button.Pressed, "#lf-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def _error(self, message: str) -> None:
        self.query_one("#lf-errors", Static).update(message)


def _money_text(vnd: float | None, lang: str) -> str:
    return "" if vnd is None else display.money(vnd, lang)


def _message(exc: Exception, lang: str) -> str:
    """A refusal as one short line in `lang` (pydantic's own text lists locations and links)."""
    if isinstance(exc, ValidationError):
        return "; ".join(i18n.text(pydantic_message(e), lang) for e in exc.errors())
    return numbers.message(exc, lang)
