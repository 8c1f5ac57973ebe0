"""JSON Schemas of the file formats, generated from the models that read the files.

The schemas shipped in `schemas/` are this module's output (written by scripts/make_schemas.py,
and a test fails when they differ), so that an editor completes and checks exactly the keys the
loaders accept, described in the words of the models' `Field(description=...)`.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

from ictscore.formats.criteria import CriteriaFile
from ictscore.formats.dataset import DataFile
from ictscore.formats.kinds import KINDS, VERSION
from ictscore.formats.names import EntityListFile
from ictscore.formats.scenario import ScenarioFile

MODELS: dict[str, type[BaseModel]] = {
    "criteria": CriteriaFile,
    "scenario": ScenarioFile,
    "data": DataFile,
    "entities": EntityListFile,
}
"""The model that reads each kind of file."""

assert set(MODELS) == set(KINDS), "every kind a file may declare has a schema"

DIALECT = "https://json-schema.org/draft/2020-12/schema"


class TomlJsonSchema(GenerateJsonSchema):
    """JSON Schema for TOML files.

    TOML has no null, so an optional key is one that is left out: its schema is the value's
    schema, without the `null` branch and the `default: null` pydantic gives it (an editor
    would otherwise offer to write a null). Field titles are left out too: pydantic makes them
    from the key ("Name Vi"), which tells a reader less than the key itself.
    """

    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        return self.generate_inner(schema["schema"])

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        out = super().default_schema(schema)
        if "default" in out and out["default"] is None:
            del out["default"]
        return out

    def field_title_should_be_set(self, schema: CoreSchema | Any) -> bool:
        return False


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of a file of `kind` (one of `MODELS`)."""
    body = MODELS[kind].model_json_schema(by_alias=True, schema_generator=TomlJsonSchema)
    body["title"] = f"ictscore {kind} file, version {VERSION}"
    out: dict[str, Any] = _unwrapped({"$schema": DIALECT, **body})
    return out


def _unwrapped(node: Any) -> Any:
    """Descriptions with the line breaks of a docstring joined, paragraphs kept: an editor
    wraps a hover text itself."""
    if isinstance(node, dict):
        return {
            k: _join_lines(v) if k == "description" and isinstance(v, str) else _unwrapped(v)
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_unwrapped(v) for v in node]
    return node


def _join_lines(text: str) -> str:
    return "\n\n".join(" ".join(p.split()) for p in text.split("\n\n"))


def schema_text(kind: str) -> str:
    """The schema as the shipped file holds it: stable key order, UTF-8, a final newline."""
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"


def schema_file_name(kind: str) -> str:
    return f"{kind}.schema.json"
