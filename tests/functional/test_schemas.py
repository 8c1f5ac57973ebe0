"""Documented, versioned formats: the JSON Schemas, `kind` and `version`, docs/formats.md.

The schemas are generated from the models that read the files, shipped in schemas/ for editors,
and every bundled file names its schema on its first line and validates against it; a file
that declares another kind or an unknown version is refused with one message naming the key.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import re
import tomllib
import types
import typing
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import BaseModel

from ictscore.cli import cmd_schema
from ictscore.cli.main import main
from ictscore.formats.criteria import CriteriaFile, NodeBase, load_criteria
from ictscore.formats.dataset import DataFile
from ictscore.formats.errors import InputError
from ictscore.formats.kinds import KINDS
from ictscore.formats.names import EntityListFile, load_entity_list
from ictscore.formats.scenario import ScenarioFile, load_scenario
from ictscore.formats.schemas import MODELS, json_schema, schema_file_name, schema_text

from ..conftest import CRITERIA, ROOT, SCENARIOS

pytestmark = pytest.mark.usefixtures("english")  # pins the English wording of errors

SCHEMAS = ROOT / "schemas"
EXAMPLE = ROOT / "tests" / "data" / "formats-example"
DOCS = ROOT / "docs" / "formats.md"

BUNDLED: dict[str, list[Path]] = {
    "criteria": sorted(CRITERIA.glob("*.toml")),
    "entities": sorted((CRITERIA / "entities").glob("*.toml")),
    "scenario": sorted(SCENARIOS.glob("*.toml")),
    "data": sorted((SCENARIOS / "data").glob("*.toml")),
}
BUNDLED_FILES = [(kind, p) for kind, paths in BUNDLED.items() for p in paths]
EXAMPLE_FILES = {
    "criteria": EXAMPLE / "criteria.toml",
    "entities": EXAMPLE / "entities.toml",
    "data": EXAMPLE / "data.toml",
    "scenario": EXAMPLE / "scenario.toml",
}


def _rel(p: Path) -> str:
    return p.relative_to(ROOT).as_posix()


# --- descriptions ------------------------------------------------------------------------------

# The rule models (ictscore.scoring.rules) describe their fields too: nothing is skipped.


def _awaiting_registry(name: str) -> bool:
    return False


def _models_in(tp: Any) -> list[type[BaseModel]]:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [tp]
    if typing.get_origin(tp) is typing.Annotated:
        return _models_in(typing.get_args(tp)[0])
    if typing.get_origin(tp) in (list, tuple, dict, typing.Union, types.UnionType):
        return [m for arg in typing.get_args(tp) for m in _models_in(arg)]
    return []


def _reachable() -> dict[str, type[BaseModel]]:
    """Every model a file of some kind is read with, by name."""
    seen: dict[str, type[BaseModel]] = {"NodeBase": NodeBase}
    todo: list[type[BaseModel]] = [CriteriaFile, ScenarioFile, DataFile, EntityListFile]
    while todo:
        model = todo.pop()
        if model.__name__ in seen and model is not NodeBase:
            continue
        seen[model.__name__] = model
        for f in model.model_fields.values():
            todo.extend(_models_in(f.annotation))
    return seen


def test_every_field_has_a_description() -> None:
    models = _reachable()
    described = {
        "Framework", "Grade", "Source", "NodeBase", "Indicator", "Child", "Aggregate",
        "CriteriaFile", "ScenarioFile", "Change", "Lever", "Effect", "Peers", "PeerGrowth",
        "Uncertainty", "DataFile", "DataEntity", "EntityListFile", "EntityRecord", "ListInfo",
    }  # fmt: skip
    assert described <= set(models), "the walk reaches every file model"
    missing = [
        f"{name}.{field}"
        for name, model in models.items()
        if not _awaiting_registry(name)
        for field, info in model.model_fields.items()
        if not (info.description or "").strip()
    ]
    assert not missing, f"fields without a description: {missing}"
    undocumented = [n for n, m in models.items() if not _awaiting_registry(n) and not m.__doc__]
    assert not undocumented, f"models without a docstring: {undocumented}"


def _properties(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every object property of a schema, named by its definition, inline objects included."""
    out: list[tuple[str, dict[str, Any]]] = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for key, sub in node.get("properties", {}).items():
                out.append((f"{node.get('title', where)}.{key}", sub))
            for key, sub in node.items():
                walk(sub, key if key != "properties" else where)
        elif isinstance(node, list):
            for sub in node:
                walk(sub, where)

    walk(schema, "file")
    return out


@pytest.mark.parametrize("kind", list(MODELS))
def test_every_key_of_the_schema_is_described(kind: str) -> None:
    props = _properties(json_schema(kind))
    assert len(props) > 5
    missing = [
        name
        for name, sub in props
        if not _awaiting_registry(name.split(".")[0]) and not sub.get("description")
    ]
    assert not missing, f"{kind}: keys an editor would show without a description: {missing}"


# --- generated and shipped schemas -------------------------------------------------------------


def test_schema_kinds_are_the_file_kinds() -> None:
    # cmd_schema repeats them so that `ictscore --help` need not import the models
    assert tuple(cmd_schema.KINDS) == tuple(KINDS) == tuple(MODELS)


@pytest.mark.parametrize("kind", list(MODELS))
def test_shipped_schema_is_what_the_models_generate(kind: str) -> None:
    shipped = SCHEMAS / schema_file_name(kind)
    assert shipped.exists(), f"{_rel(shipped)} missing: run scripts/make_schemas.py"
    assert shipped.read_text("utf-8") == schema_text(kind), (
        f"{_rel(shipped)} is out of date: run scripts/make_schemas.py"
    )


def test_schemas_folder_holds_only_generated_schemas() -> None:
    assert sorted(p.name for p in SCHEMAS.iterdir()) == sorted(map(schema_file_name, MODELS))


def _make_schemas() -> Any:
    spec = importlib.util.spec_from_file_location("make_schemas", ROOT / "scripts/make_schemas.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_make_schemas_check_notices_a_stale_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = _make_schemas()
    assert script.main(["--check"]) == 0
    monkeypatch.setattr(script, "OUT", tmp_path)
    assert script.main(["--check"]) == 1  # nothing written yet
    assert script.main([]) == 0
    assert script.main(["--check"]) == 0
    (tmp_path / "data.schema.json").write_text("{}\n", encoding="utf-8")
    assert script.main(["--check"]) == 1


@pytest.mark.parametrize("kind", list(MODELS))
def test_ictscore_schema_prints_a_valid_json_schema(
    kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema", kind]) == 0
    out = capsys.readouterr().out
    assert out == schema_text(kind)
    schema = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["kind"]["const"] == kind
    assert schema["properties"]["version"]["const"] == 1


def test_ictscore_schema_refuses_an_unknown_kind(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["schema", "criterion"])
    assert exc.value.code == 2
    assert "invalid choice: 'criterion'" in capsys.readouterr().err


def test_optional_keys_have_no_null_in_the_schema() -> None:
    # TOML has no null: an optional key is left out, and an editor must not offer to write null
    text = "".join(schema_text(k) for k in MODELS)
    assert '"null"' not in text
    assert '"default": null' not in text


def test_wheel_ships_the_schemas_beside_the_bundled_files() -> None:
    # the #:schema lines are relative, so the installed layout must keep the checkout's
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    include = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert include["schemas"] == "ictscore/_bundled/schemas"
    assert Path(include["criteria"]).parent == Path(include["schemas"]).parent
    assert Path(include["scenarios"]).parent == Path(include["schemas"]).parent


# --- bundled files against their schemas -------------------------------------------------------


def _as_json(value: Any) -> Any:
    """A parsed TOML document as an editor hands it to JSON Schema: dates become RFC 3339 text
    (JSON has no date type)."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def _schema_errors(path: Path, schema_path: Path) -> list[str]:
    schema = json.loads(schema_path.read_text("utf-8"))
    data = _as_json(tomllib.loads(path.read_text("utf-8")))
    validator = jsonschema.Draft202012Validator(schema)
    return [
        f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)
    ]


def test_every_bundled_kind_has_files() -> None:
    assert all(BUNDLED.values()), {k: len(v) for k, v in BUNDLED.items()}


SCHEMA_LINE = re.compile(r"#:schema (\S+)\n")


@pytest.mark.parametrize(
    ("kind", "path"),
    [*BUNDLED_FILES, *EXAMPLE_FILES.items()],
    ids=[_rel(p) for _, p in [*BUNDLED_FILES, *EXAMPLE_FILES.items()]],
)
def test_bundled_file_names_and_validates_against_its_schema(kind: str, path: Path) -> None:
    text = path.read_text("utf-8")
    m = SCHEMA_LINE.match(text)
    assert m, f"{_rel(path)}: the first line is not '#:schema <path>'"
    target = (path.parent / m.group(1)).resolve()
    assert target == SCHEMAS / schema_file_name(kind), f"{_rel(path)} points at {m.group(1)}"
    assert m.group(1) == Path(os.path.relpath(target, path.parent)).as_posix()
    data = tomllib.loads(text)
    assert data.get("kind") == kind and data.get("version") == 1
    errors = _schema_errors(path, target)
    assert not errors, f"{_rel(path)}: {errors}"


def test_schema_refuses_what_the_loader_refuses(tmp_path: Path) -> None:
    # the validation above can fail: a typo in a key, a wrong kind, a wrong rule key
    src = (CRITERIA / "vn-dti-2020-province.toml").read_text("utf-8")
    schema = SCHEMAS / "criteria.schema.json"
    cases = {
        "typo": src.replace("\nroot = ", "\nrot = ", 1),
        "kind": src.replace('kind = "criteria"', 'kind = "scenario"', 1),
        "version": src.replace("version = 1", "version = 2", 1),
        "rule": src.replace('type = "direct"', 'type = "drect"', 1),
    }
    for name, text in cases.items():
        assert text != src, name
        bad = tmp_path / f"{name}.toml"
        bad.write_text(text, encoding="utf-8")
        assert _schema_errors(bad, schema), f"{name}: the schema accepts it"
        with pytest.raises(InputError):
            load_criteria(bad)


# --- kind and version --------------------------------------------------------------------------

MINIMAL_CRITERIA = """\
[framework]
id = "t"
name_vi = "t"
name_en = "t"
edition = "1"
entities = "agencies"
publisher = "p"
root = "tong"

[[indicator]]
id = "a"
name_vi = "a"
name_en = "a"
range = [0, 10]
[indicator.rule]
type = "ratio"
points = 10
target = 10

[[aggregate]]
id = "tong"
name_vi = "tong"
name_en = "tong"
method = "sum"
children = [{ node = "a" }]
"""

MINIMAL_DATA = """\
[[entity]]
id = "x"
[entity.values]
a = 3

[[entity]]
id = "y"
[entity.values]
a = 5
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _scenario(folder: Path, head: str = "", data_head: str = "", data: str | None = None) -> Path:
    _write(folder, "criteria.toml", MINIMAL_CRITERIA)
    _write(folder, "data.toml", data_head + MINIMAL_DATA)
    data_line = 'data = "data.toml"\n' if data is None else data
    return _write(
        folder, "scenario.toml", f'{head}criteria = "criteria.toml"\n{data_line}focus = "x"\n'
    )


def _errors(capsys: pytest.CaptureFixture[str], argv: list[str]) -> list[str]:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Traceback" not in captured.err
    return [ln for ln in captured.err.splitlines() if ln.startswith("error: ")]


def test_declared_kind_and_version_load(tmp_path: Path) -> None:
    _write(tmp_path, "criteria.toml", 'kind = "criteria"\nversion = 1\n' + MINIMAL_CRITERIA)
    _write(tmp_path, "data.toml", 'kind = "data"\nversion = 1\n' + MINIMAL_DATA)
    sc = _write(
        tmp_path,
        "scenario.toml",
        'kind = "scenario"\nversion = 1\ncriteria = "criteria.toml"\ndata = "data.toml"\n'
        'focus = "x"\n',
    )
    loaded = load_scenario(sc)
    assert loaded.file.kind == "scenario" and loaded.file.version == 1
    assert loaded.criteria.file.kind == "criteria"
    assert [e.values["a"] for e in loaded.dataset.entities] == [3.0, 5.0]


def test_a_scenario_given_as_criteria_is_one_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path, "data.toml", MINIMAL_DATA)
    _write(tmp_path, "criteria.toml", 'kind = "scenario"\n' + MINIMAL_CRITERIA)
    sc = _write(
        tmp_path, "scenario.toml", 'criteria = "criteria.toml"\ndata = "data.toml"\nfocus = "x"\n'
    )
    errors = _errors(capsys, ["compute", str(sc)])
    assert errors == [
        f'error: {tmp_path / "criteria.toml"}:1 [kind]: kind = "scenario" says this is a '
        "scenario, but a criteria file is expected here"
    ]


def test_a_data_file_of_another_kind_is_named_at_its_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sc = _scenario(tmp_path, data_head='# baseline\nkind = "entities"\n')
    errors = _errors(capsys, ["compute", str(sc)])
    assert len(errors) == 1
    assert errors[0].startswith(f"error: {tmp_path / 'data.toml'}:2 [kind]: ")
    assert "an entity list, but a data file is expected here" in errors[0]


def test_an_unknown_version_is_named_before_anything_else(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a later format would have keys this ictscore does not know: only the version is reported
    sc = _scenario(tmp_path, head='version = 2\nfancy_new_key = "x"\n')
    errors = _errors(capsys, ["compute", str(sc)])
    assert len(errors) == 1
    assert errors[0].startswith(f"error: {sc}:1 [version]: unknown version 2: ")
    assert "reads version 1" in errors[0]


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("version = true", "version must be a whole number (1), got True"),
        ("version = 1.0", "version must be a whole number (1), got 1.0"),
        (
            'kind = "senario"',
            "unknown kind 'senario' (did you mean 'scenario'?): a file's kind is one of "
            "criteria, scenario, data, entities",
        ),
        ("kind = 3", "kind must be one of criteria, scenario, data, entities, in quotes (got 3)"),
    ],
)
def test_a_malformed_kind_or_version_says_what_is_expected(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, says: str
) -> None:
    sc = _scenario(tmp_path, head=line + "\n")
    errors = _errors(capsys, ["compute", str(sc)])
    key = line.split()[0]
    assert errors == [f"error: {sc}:1 [{key}]: {says}"]


def test_the_models_refuse_a_wrong_kind_too() -> None:
    # a model used without the loader (a test, a tool) gives the same words
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="says this is a criteria file, but a data file"):
        DataFile.model_validate({"kind": "criteria", "entity": [{"id": "x"}]})


def test_inline_data_is_checked_as_data_at_its_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inline = (
        '\n[data]\nkind = "data"\n\n[[data.entity]]\nid = "x"\nnmae = "X"\n'
        '[data.entity.values]\na = 3\n\n[[data.entity]]\nid = "y"\n[data.entity.values]\n'
        "a = 50\n"
    )
    sc = _scenario(tmp_path, data="")
    sc.write_text(sc.read_text("utf-8") + inline, encoding="utf-8")
    errors = _errors(capsys, ["compute", str(sc)])
    lines = sc.read_text("utf-8").splitlines()
    nmae = lines.index('nmae = "X"') + 1
    second = lines.index('id = "y"')  # the line of its [[data.entity]], counted from 1
    # the shape and the values are reported in one run, each at its line
    assert errors == [
        f"error: {sc}:{nmae} [data.entity[1].nmae]: unknown key 'nmae' (did you mean 'name'?)",
        f"error: {sc}:{second} [data.entity[2].values.a]: 50 is outside the valid range of 'a' "
        "(0 to 10)",
    ]


def test_inline_data_of_another_kind_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sc = _scenario(tmp_path, data="")
    sc.write_text(
        sc.read_text("utf-8") + '\n[data]\nkind = "scenario"\n[[data.entity]]\nid = "x"\n',
        encoding="utf-8",
    )
    errors = _errors(capsys, ["compute", str(sc)])
    assert len(errors) == 1 and '[data.kind]: kind = "scenario"' in errors[0], errors


def test_a_data_file_with_a_wrong_entity_is_reported_with_its_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sc = _scenario(tmp_path)
    data = tmp_path / "data.toml"
    data.write_text(MINIMAL_DATA + '\n[[entity]]\nname = "no id"\n', encoding="utf-8")
    errors = _errors(capsys, ["compute", str(sc)])
    assert errors == [f"error: {data}:11 [entity[3].id]: required key is missing"]


def test_data_file_with_kind_serves_as_an_entity_list(tmp_path: Path) -> None:
    # `import --entities` takes a data file: its kind is "data", not "entities"
    data = _write(tmp_path, "data.toml", 'kind = "data"\nversion = 1\n' + MINIMAL_DATA)
    assert load_entity_list(data).ids() == ["x", "y"]
    wrong = _write(tmp_path, "wrong.toml", 'kind = "scenario"\n' + MINIMAL_DATA)
    with pytest.raises(InputError, match="but an entity list is expected here"):
        load_entity_list(wrong)


# --- validate uses kind ------------------------------------------------------------------------


def test_validate_checks_the_declared_kind_not_the_content(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # content that looks like a criteria file ([framework]), declared a scenario: checked as one
    path = _write(tmp_path, "x.toml", 'kind = "scenario"\n' + MINIMAL_CRITERIA)
    errors = _errors(capsys, ["validate", str(path)])
    assert any("[framework]: unknown key 'framework'" in e for e in errors), errors
    assert any("[criteria]: required key is missing" in e for e in errors), errors


def test_validate_checks_a_declared_data_file_against_criteria(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a data file whose rows look like an entity list's is still checked as data
    crit = _write(tmp_path, "criteria.toml", MINIMAL_CRITERIA)
    data = _write(tmp_path, "data.toml", 'kind = "data"\n' + MINIMAL_DATA)
    errors = _errors(capsys, ["validate", str(data)])
    assert errors == [
        f"error: {data}: a data file is checked against a framework: add --criteria CRITERIA.toml"
    ]
    assert main(["validate", str(data), "--criteria", str(crit)]) == 0
    assert f"ok: {data} (data)" in capsys.readouterr().err


def test_validate_names_an_unknown_kind(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "x.toml", '# a list\nkind = "entity"\n[list]\nid = "l"\n')
    errors = _errors(capsys, ["validate", str(path)])
    assert errors == [
        f"error: {path}:2 [kind]: unknown kind 'entity' (did you mean 'entities'?): a file's "
        "kind is one of criteria, scenario, data, entities"
    ]


def test_validate_still_guesses_without_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    crit = _write(tmp_path, "criteria.toml", MINIMAL_CRITERIA)
    lst = _write(tmp_path, "list.toml", '[list]\nid = "l"\n[[entity]]\nid = "x"\n')
    assert main(["validate", str(crit), str(lst)]) == 0
    err = capsys.readouterr().err
    assert f"ok: {crit} (criteria)" in err and f"ok: {lst} (entity list)" in err


def test_new_scenario_is_written_with_kind_and_version(tmp_path: Path) -> None:
    from ictscore.formats.scenario import new_scenario
    from ictscore.formats.scenario_toml import save_scenario

    crit = _write(tmp_path, "criteria.toml", MINIMAL_CRITERIA)
    data = _write(tmp_path, "data.toml", MINIMAL_DATA)
    target = tmp_path / "new.toml"
    sc = new_scenario(crit, data, "y", target)
    save_scenario(sc, sc.file, target)
    text = target.read_text("utf-8")
    assert text.startswith('kind = "scenario"\nversion = 1\n'), text
    assert load_scenario(target).focus == "y"


# --- docs/formats.md and its worked example ---------------------------------------------------

FILE_BLOCK = re.compile(r"<!-- file: (\S+) -->\n```toml\n(.*?)```\n", re.S)


def test_docs_show_the_example_files_as_they_are() -> None:
    blocks = dict(FILE_BLOCK.findall(DOCS.read_text("utf-8")))
    assert sorted(blocks) == sorted(p.name for p in EXAMPLE_FILES.values())
    for name, text in blocks.items():
        assert text == (EXAMPLE / name).read_text("utf-8"), f"docs/formats.md differs from {name}"


def test_worked_example_validates_and_computes(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(p) for p in EXAMPLE_FILES.values() if p.name != "data.toml"]
    assert main(["validate", *files]) == 0
    crit = str(EXAMPLE_FILES["criteria"])
    assert main(["validate", str(EXAMPLE_FILES["data"]), "--criteria", crit]) == 0
    capsys.readouterr()
    assert main(["compute", str(EXAMPLE_FILES["scenario"]), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    focus = out["focus"]
    # the figures docs/formats.md quotes
    assert focus["id"] == "huyen-dong"
    assert focus["baseline"] == {"score": 45.5, "rank": 3}
    assert focus["scenario"] == {"score": 50.0, "rank": 3}
    nodes = focus["nodes"]
    assert nodes["chinh_quyen_so"]["baseline"]["score"] == 29.5
    assert nodes["ha_tang_so"]["baseline"]["score"] == 16.0
    assert [c["node"] for c in out["changes"]] == ["ho_so_truc_tuyen"]


def test_worked_example_plan_reaches_the_target(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", str(EXAMPLE_FILES["scenario"]), "--format", "json"]) == 0
    text = capsys.readouterr().out
    assert '"lap_hop_truc_tuyen"' in text and '"huong_dan_nop_truc_tuyen"' in text
    assert "74.5" in text


def test_worked_example_entity_names_match_as_the_docs_say() -> None:
    names = load_entity_list(EXAMPLE_FILES["entities"])
    for written in ("TP. Trung Tâm", "Thanh pho Trung Tam", "TPTT"):
        assert names.match(written) == "tp-trung-tam", written


def _keys(model: type[BaseModel], seen: set[str]) -> set[str]:
    if model.__name__ in seen:
        return set()
    seen.add(model.__name__)
    out: set[str] = set()
    for name, info in model.model_fields.items():
        out.add(info.alias or name)
        for sub in _models_in(info.annotation):
            out |= _keys(sub, seen)
    return out


@pytest.mark.parametrize("kind", list(MODELS))
def test_docs_explain_every_key(kind: str) -> None:
    docs = DOCS.read_text("utf-8")
    keys = _keys(MODELS[kind], set())
    assert len(keys) > 3
    # a key is explained as `key`, or as the table it is: `[indicator.rule]`, `[[lever.effect]]`
    absent = sorted(
        k for k in keys if f"`{k}`" not in docs and not re.search(rf"`\[\[?([\w]+\.)*{k}\]", docs)
    )
    assert not absent, f"docs/formats.md does not explain these {kind} keys: {absent}"


def test_readme_links_the_formats_and_lists_the_command() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "docs/formats.md" in readme
    assert "`ictscore schema " in readme


def _name_tables(text: str) -> str:
    """Every `name_vi = ...` followed by `name_en = ...` written as one `name = { ... }` table."""
    return re.sub(r'(?m)^name_vi = (".*")\nname_en = (".*")$', r"name = { vi = \1, en = \2 }", text)


def test_name_tables_are_in_the_schema_and_load(tmp_path: Path) -> None:
    """`name = { vi = "...", en = "..." }` on the framework and on every node: the schema
    describes it (an editor accepts it) and the loader reads it; with neither it nor name_vi
    and name_en, both refuse the node."""
    src = (ROOT / "tests" / "data" / "formats-example" / "criteria.toml").read_text("utf-8")
    tables = _name_tables(src)
    assert tables.count("name = { vi = ") >= 8 and "name_vi" not in tables
    path = tmp_path / "tables.toml"
    path.write_text(tables, encoding="utf-8")
    schema = SCHEMAS / "criteria.schema.json"
    assert _schema_errors(path, schema) == []
    crit = load_criteria(path)
    assert crit.framework.name("en") == load_criteria_text(src).framework.name_en
    node = next(iter(crit.nodes.values()))
    assert node.name("vi") and node.name_vi == node.name("vi")
    described = json.loads(schema.read_text("utf-8"))["$defs"]["Indicator"]["properties"]["name"]
    assert "name = { vi" in described["description"]
    nameless = tmp_path / "nameless.toml"
    nameless.write_text(tables.replace("name = { vi = ", "nam = { vi = ", 2), encoding="utf-8")
    assert _schema_errors(nameless, schema)
    with pytest.raises(InputError):
        load_criteria(nameless)


def load_criteria_text(text: str) -> Any:
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "c.toml"
        p.write_text(text, encoding="utf-8")
        return load_criteria(p)
