"""`ictscore import`: a spreadsheet (XLSX or CSV) → a data file checked against the criteria."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ictscore.formats.criteria import load_criteria
from ictscore.formats.dataset import parse_csv, write_csv
from ictscore.formats.errors import InputError
from ictscore.formats.importing import ImportOptions, entities_for, import_table, load_mapping
from ictscore.formats.message import N_
from ictscore.formats.names import load_entity_list
from ictscore.presentation import i18n
from ictscore.presentation.writers import write_output


def register(sub: Any) -> None:
    p = sub.add_parser(
        "import",
        help="turn a spreadsheet (XLSX or CSV) into a data file for a scenario",
        description="Read a spreadsheet of values or results, match its columns to the "
        "framework's nodes by their Vietnamese or English names (or a mapping file) and its "
        "rows to entities by name, and write a data file (CSV) that a scenario's 'data' key "
        "can name. Every row or column that matches nothing is reported; nothing is written "
        "unless everything matched (or --skip-unmatched).",
    )
    p.add_argument("file", type=Path, metavar="FILE", help="spreadsheet: .xlsx or .csv")
    p.add_argument("--criteria", type=Path, required=True, help="criteria TOML file")
    p.add_argument("-o", "--output", type=Path, required=True, help="data file to write (.csv)")
    p.add_argument("--mapping", type=Path, help="mapping TOML: header → node id, and more")
    p.add_argument("--sheet", help="XLSX sheet name (default: the first sheet)")
    p.add_argument(
        "--decimal", choices=(",", "."), help="decimal mark, when the file does not show it"
    )
    p.add_argument(
        "--entities",
        type=Path,
        help="entity list (TOML with aliases, or a data file) to match names against "
        "(default: the framework's entity_list)",
    )
    p.add_argument("--source", help="the 'source' written for every row (default: file name)")
    p.add_argument(
        "--skip-unmatched",
        action="store_true",
        help="skip rows and columns that match nothing (each is still listed) instead of failing",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out: Path = args.output
    if out.suffix.lower() != ".csv":
        raise InputError.one(out, N_("the data file written by import is CSV: name it *.csv"))
    criteria = load_criteria(args.criteria)
    mapping = load_mapping(args.mapping) if args.mapping else None
    names = load_entity_list(args.entities) if args.entities else entities_for(criteria)
    options = ImportOptions(
        mapping_path=args.mapping,
        sheet=args.sheet,
        decimal=args.decimal,
        skip_unmatched=args.skip_unmatched,
        entities=names,
        source=args.source,
    )
    if mapping is not None:
        options.mapping = mapping
    imported = import_table(args.file, criteria, options)
    text = write_csv(imported.dataset, criteria)
    parse_csv(text, out, criteria)  # what a scenario will load: checked before it is written
    for note in imported.notes:
        print(
            i18n.gettext("note: {note}", args.lang, note=i18n.text(note, args.lang)),
            file=sys.stderr,
        )
    write_output(out, text.encode("utf-8"))
    used = sum(1 for c in imported.columns if c.how in ("name", "mapping"))
    said = i18n.gettext(
        "wrote {path} ({entities} entities, {columns} columns)",
        args.lang,
        path=out,
        entities=len(imported.dataset.entities),
        columns=used,
    )
    print(said, file=sys.stderr)
    return 0
