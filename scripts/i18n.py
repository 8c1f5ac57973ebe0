"""Manage the message catalogue with Babel: extract, update, compile, check.

    python scripts/i18n.py extract   # src → src/ictscore/locale/ictscore.pot
    python scripts/i18n.py update    # the code's messages → every <lang>/LC_MESSAGES/ictscore.po
                                     #   (new entries empty, changed ones fuzzy: translate them,
                                     #   then compile)
    python scripts/i18n.py compile   # every .po → .mo (committed; a test checks it is current)
    python scripts/i18n.py check     # exit 1 on an untranslated or fuzzy entry, or a stale .mo
    python scripts/i18n.py all       # extract, update, compile

This is what `pybabel extract -k tr -k N_ -k NP_:1c,2 ...`, `pybabel update` and `pybabel
compile` do, through Babel's own library, with one addition `pybabel` cannot express: the
descriptions and tooltips of Textual `Binding(...)`s and the help texts of argparse options
and commands are keyword arguments, and they are shown to the user, so they are extracted too.
The same scan (`scan`) backs the test that no user-visible literal bypasses the catalogue.
"""

from __future__ import annotations

import ast
import io
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "ictscore"
LOCALE = SRC / "locale"
POT = LOCALE / "ictscore.pot"
DOMAIN = "ictscore"

PLAIN = {"N_", "gettext", "tr"}
"""Calls whose first argument is a msgid (`tr` is the planner's; the report writers ask for
their phrases by key with `ictscore.presentation.words.word`, whose table is marked `NP_`)."""
ARGPARSE_CALLS = {"ArgumentParser", "add_parser", "add_argument", "add_argument_group"}
ARGPARSE_TEXTS = {"help", "description", "epilog"}
"""`--help` texts: literals in the command's argparse calls, translated by walking the parser
(`ictscore.cli.language.translate_help`) once it is built."""
CONTEXT = {"NP_", "pgettext"}
"""Calls whose first argument is a context and second a msgid."""


def _literal(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value:
        return node.value
    return None


def scan(path: Path) -> Iterator[tuple[int, str | None, str]]:
    """(line, context, msgid) of every message marked in one source file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        found: list[tuple[str | None, str | None]] = []
        if name in PLAIN and node.args:
            found.append((None, _literal(node.args[0])))
        elif name in CONTEXT and len(node.args) >= 2:
            found.append((_literal(node.args[0]), _literal(node.args[1])))
        elif name in ARGPARSE_CALLS and "cli" in path.parts:
            found += [(None, _literal(k.value)) for k in node.keywords if k.arg in ARGPARSE_TEXTS]
        elif name == "Binding":
            found += [(None, _literal(a)) for a in node.args[2:3]]
            found += [
                (None, _literal(k.value))
                for k in node.keywords
                if k.arg in ("description", "tooltip")
            ]
        for ctx, msgid in found:
            if msgid is not None:
                yield node.lineno, ctx, msgid


def template() -> Catalog:
    cat = Catalog(project="ictscore", domain=DOMAIN, charset="utf-8", fuzzy=False)
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        for line, ctx, msgid in scan(path):
            flags = ("python-brace-format",) if "{" in msgid else ()
            cat.add(msgid, locations=[(rel, line)], context=ctx, flags=flags)
    return cat


def _write_po(path: Path, cat: Catalog) -> None:
    buf = io.BytesIO()
    write_po(buf, cat, width=100, sort_output=False, include_previous=True)
    path.write_bytes(buf.getvalue())


def extract() -> None:
    _write_po(POT, template())
    print(f"wrote {POT.relative_to(ROOT)}")


def catalogues(locale: Path = LOCALE) -> list[Path]:
    return sorted(locale.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


def update() -> None:
    tmpl = template()
    for po in catalogues():
        with po.open("rb") as f:
            cat = read_po(f, locale=po.parent.parent.name)
        cat.update(tmpl, update_header_comment=False)
        cat.obsolete.clear()  # the history of a string is in git, not in the file
        _write_po(po, cat)
        print(f"updated {po.relative_to(ROOT)}")


def compiled(po: Path) -> bytes:
    with po.open("rb") as f:
        cat = read_po(f, locale=po.parent.parent.name)
    buf = io.BytesIO()
    write_mo(buf, cat, use_fuzzy=False)
    return buf.getvalue()


def compile_() -> None:
    for po in catalogues():
        po.with_suffix(".mo").write_bytes(compiled(po))
        print(f"compiled {po.with_suffix('.mo').relative_to(ROOT)}")


def problems(locale: Path = LOCALE) -> list[str]:
    """Untranslated and fuzzy entries, entries the code no longer has, and stale .mo files."""
    out = []
    wanted = {(m.context, m.id) for m in template() if m.id}
    for po in catalogues(locale):
        with po.open("rb") as f:
            cat = read_po(f, locale=po.parent.parent.name)
        have = {(m.context, m.id) for m in cat if m.id}
        rel = _rel(po)
        for m in cat:
            if not m.id:
                continue
            if m.fuzzy:
                out.append(f"{rel}: fuzzy: {m.id!r}")
            if not m.string or (isinstance(m.string, tuple) and not all(m.string)):
                out.append(f"{rel}: untranslated: {m.id!r}")
        out += [f"{rel}: not in the catalogue: {i!r} (context {c})" for c, i in wanted - have]
        out += [f"{rel}: no longer in the code: {i!r} (context {c})" for c, i in have - wanted]
        mo = po.with_suffix(".mo")
        if not mo.is_file() or mo.read_bytes() != compiled(po):
            out.append(f"{_rel(mo)}: stale, run `python scripts/i18n.py compile`")
    return out


def main(argv: list[str]) -> int:
    cmd = argv[0] if argv else "check"
    if cmd in ("extract", "all"):
        extract()
    if cmd in ("update", "all"):
        update()
    if cmd in ("compile", "all"):
        compile_()
    if cmd == "check":
        found = problems()
        print("\n".join(found) or "the catalogue is complete")
        return 1 if found else 0
    if cmd not in ("extract", "update", "compile", "all", "check"):
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
