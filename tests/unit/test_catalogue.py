"""The message catalogue: complete, not fuzzy, compiled, and the one way words reach a user."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from ictscore.formats.message import N_, Message, os_error
from ictscore.presentation import i18n

from ..conftest import ROOT


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["i18n_script"] = mod
    spec.loader.exec_module(mod)
    return mod


SCRIPT = _script()


def test_the_scan_finds_the_interface_strings() -> None:
    """An empty scan would make the completeness check pass on nothing."""
    found = {msgid for msgid in (m.id for m in SCRIPT.template()) if msgid}
    assert len(found) >= 350
    assert {"Nothing to undo", "Charts", "Show the charts or the ranking", "Cursor Up"} <= found
    assert "file not found" in found  # marked in formats with N_


def test_tr_takes_a_message_wherever_it_is_called(tmp_path: Path) -> None:
    """`tr` has one contract, the message itself, so the scan reads it outside `tui/` too; the
    report writers' phrases by key go through `words.word`, whose keys are no messages."""
    probe = tmp_path / "presentation" / "probe.py"
    probe.parent.mkdir()
    probe.write_text('tr("Saved", lang)\nword("s_plan", lang)\n', encoding="utf-8")
    assert [msgid for _, _, msgid in SCRIPT.scan(probe)] == ["Saved"]


def test_every_entry_is_translated_not_fuzzy_and_compiled() -> None:
    """Fails on an empty or fuzzy msgstr, a message of the code missing from the .po, an entry
    the code dropped, and a .mo older than its .po (`python scripts/i18n.py all`)."""
    assert SCRIPT.problems() == []


def test_the_check_notices_an_untranslated_and_a_fuzzy_entry(tmp_path: Path) -> None:
    """The check above can fail: a copy of the catalogue with one entry emptied and one fuzzy."""
    po = ROOT / "src/ictscore/locale/vi/LC_MESSAGES/ictscore.po"
    text = po.read_text(encoding="utf-8")
    broken = text.replace('msgstr "Lưu"\n', 'msgstr ""\n', 1)
    broken = broken.replace('msgid "Undo"\n', '#, fuzzy\nmsgid "Undo"\n', 1)
    assert broken.count('msgstr ""\n') > text.count('msgstr ""\n')
    copy = tmp_path / "src/ictscore/locale/vi/LC_MESSAGES/ictscore.po"
    copy.parent.mkdir(parents=True)
    copy.write_text(broken, encoding="utf-8")
    found = SCRIPT.problems(tmp_path / "src/ictscore/locale")
    assert any("untranslated: 'Save'" in p for p in found)
    assert any("fuzzy: 'Undo'" in p for p in found)
    assert any("stale" in p for p in found)


def test_translation_formatting_and_fallback() -> None:
    assert i18n.gettext("Target rank {rank}", "vi", rank=5) == "Hạng mục tiêu 5"
    assert i18n.gettext("Target rank {rank}", "en", rank=5) == "Target rank 5"
    assert i18n.gettext("not in the catalogue", "vi") == "not in the catalogue"


def test_a_report_may_word_a_term_differently_from_the_screen() -> None:
    assert i18n.pgettext("heading", "Ranking", "vi") == "Bảng xếp hạng"
    assert i18n.gettext("Ranking", "vi") == "Xếp hạng"


def test_a_lower_layers_message_is_english_until_a_face_translates_it() -> None:
    m = N_("'{text}' is not a number", text="abc")
    assert isinstance(m, Message) and m == "'abc' is not a number"
    assert i18n.text(m, "vi") == "'abc' không phải là số"
    assert i18n.text(m, "en") == "'abc' is not a number"
    assert i18n.text("plain text", "vi") == "plain text"
    assert i18n.text(os_error(IsADirectoryError(21, "Is a directory")), "vi") == (
        "là một thư mục, không phải tệp"
    )


@pytest.mark.parametrize(
    ("env", "lang"), [({}, "vi"), ({"ICTSCORE_LANG": "en"}, "en"), ({"ICTSCORE_LANG": "xx"}, "vi")]
)
def test_the_language_comes_from_the_environment_else_vietnamese(
    env: dict[str, str], lang: str
) -> None:
    assert i18n.default_lang(env) == lang


def test_the_glossary_terms_are_used() -> None:
    """docs/glossary.md fixes lever = giải pháp and cost = kinh phí: no translation says
    "đòn bẩy" or "chi phí"."""
    po = (ROOT / "src/ictscore/locale/vi/LC_MESSAGES/ictscore.po").read_text(encoding="utf-8")
    strs = [ln for ln in po.splitlines() if ln.startswith("msgstr")]
    assert not [s for s in strs if "đòn bẩy" in s.lower() or "chi phí" in s.lower()]
    assert "giải pháp" in (ROOT / "docs/glossary.md").read_text(encoding="utf-8")


def test_a_screen_names_the_node_a_loader_gave_by_its_id() -> None:
    """A file's error names the column (the id); the planner's screen says the name instead."""
    from ictscore.formats.message import N_
    from ictscore.presentation import i18n

    msg = N_("{value:g} is outside what '{id}' can score ({lo:g} to {hi:g})", value=131.0,
             id="so_hoa_ho_so", lo=0, hi=22)  # fmt: skip
    assert "'so_hoa_ho_so'" in i18n.text(msg, "vi")
    shown = i18n.text(msg, "vi", {"so_hoa_ho_so": "Số hóa hồ sơ"})
    assert "'Số hóa hồ sơ'" in shown and "so_hoa_ho_so" not in shown and "131" in shown


def test_numbers_in_a_message_are_written_the_language_way() -> None:
    from ictscore.formats.message import N_
    from ictscore.presentation import i18n

    msg = N_("{value:g} is outside what '{id}' can score ({lo:g} to {hi:g})", value=1e6,
             id="x", lo=0, hi=22.5)  # fmt: skip
    assert i18n.text(msg, "vi").startswith("1.000.000 ") and "22,5" in i18n.text(msg, "vi")
    assert i18n.text(msg, "en") == "1e+06 is outside what 'x' can score (0 to 22.5)"
