"""The criteria file: one ranking framework, one edition, as data.

Everything the engine knows about a framework comes from these models; nothing framework-specific
lives in Python. Cross-node checks (unknown children, cycles, totals) happen in `load_criteria`,
after the per-field validation, so that one run reports every problem.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema

from ictscore.formats.errors import InputError, ProblemCollector, did_you_mean
from ictscore.formats.kinds import (
    VERSION_DESCRIPTION,
    check_header,
    kind_check,
    kind_description,
    version_check,
)
from ictscore.formats.message import N_
from ictscore.formats.tomlfile import load_model, locate, parse_toml
from ictscore.scoring.base import NoBoolNumbers
from ictscore.scoring.methods import METHODS
from ictscore.scoring.rules import Rule

Direction = Literal["higher", "lower"]


class Strict(NoBoolNumbers):
    """The base of every file model: an unknown key is an error (a typo must not be ignored
    silently), and a loaded file cannot be changed behind the loader's back.

    Fields say what they mean with `Field(description=...)`, which is what `ictscore schema`
    and the editors reading the shipped schemas show. Attribute docstrings could say it too, but
    pydantic reads them by parsing the source of every model class at import time: measured, it
    made importing the file models about 40 ms (a third) slower, for every command, and it
    needs the .py source at run time.
    """

    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, allow_inf_nan=False
    )


def no_items() -> list[Any]:
    """The default of a list key: a Python function, not the `list` type, because pydantic reads
    the signature of every default factory and the type's costs a parse of its text signature
    (measured, about 8 ms of every start-up over the file models)."""
    return []


def no_keys() -> dict[str, Any]:
    """The default of a table key (see `no_items`)."""
    return {}


def _finite(v: float) -> float:
    if not math.isfinite(v):
        raise ValueError(N_("must be a finite number"))
    return v


_TEXT_OR_TABLE = {
    "anyOf": [
        {"type": "string"},
        {"type": "object", "additionalProperties": {"type": "string"}},
    ]
}
"""A text, or a table of one text per language: what a file may give for a note."""


def localised(data: Any, key: str) -> Any:
    """Accept `key = { vi = "...", en = "..." }` beside `key_vi` / `key_en` (old files).

    The table fills `key_vi` and `key_en` (what the code reads) and is kept whole in
    `<key>s`, so a third language is a new key in the files, not a code change."""
    if not isinstance(data, dict) or not isinstance(data.get(key), dict):
        return data
    d = dict(data)
    table = {str(k): str(v) for k, v in d.pop(key).items()}
    first = table.get("vi") or next(iter(table.values()), "")
    d.setdefault(f"{key}_vi", first)
    d.setdefault(f"{key}_en", table.get("en", first))
    # where a file gives both, `key_vi`/`key_en` win (formats.md says so) in the table too, so
    # that `name("vi")` and `name_vi` never disagree
    d[f"{key}s"] = {**table, "vi": d[f"{key}_vi"], "en": d[f"{key}_en"]}
    return d


class Source(Strict):
    """A document the framework rests on, so that a reader can check the encoding against it."""

    title: str = Field(description="Title of the document: a decision, a report, a web page.")
    url: str | None = Field(default=None, description="Where the document can be found.")
    date: str | None = Field(
        default=None, description="Date of the document, as text (e.g. '2022-05-20')."
    )
    note: Annotated[str | None, WithJsonSchema(_TEXT_OR_TABLE)] = Field(
        default=None,
        description="What in this file the document supports, and where in it; a text, or a "
        'table with one per language (note = { vi = "...", en = "..." }).',
    )
    notes: SkipJsonSchema[dict[str, str]] = Field(
        default_factory=no_keys,
        exclude=True,
        description="The note in each language, from a `note` table (see `note_in`).",
    )

    @model_validator(mode="before")
    @classmethod
    def _note_table(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("note"), dict):
            d = dict(data)
            d["notes"] = {str(k): str(v) for k, v in d.pop("note").items()}
            d["note"] = d["notes"].get("en") or next(iter(d["notes"].values()), None)
            return d
        return data

    def note_in(self, lang: str) -> str | None:
        return self.notes.get(lang, self.note) if self.notes else self.note


class Grade(Strict):
    """A band on the headline score: reached when the score is at least `min`."""

    min: float = Field(
        allow_inf_nan=True,
        description="Lowest headline score of this grade; -inf gives the grade that catches "
        "every score.",
    )
    label_vi: str = Field(description="Name of the grade in Vietnamese (e.g. 'Tốt').")
    label_en: str = Field(description="Name of the grade in English (e.g. 'Good').")


# --- scoring rules: one module each, in ictscore.scoring.rules --------------------------------


# --- nodes -------------------------------------------------------------------------------------


NAME_TABLE = {
    "type": "object",
    "additionalProperties": {"type": "string"},
    "minProperties": 1,
    "description": 'The name in each language: name = { vi = "...", en = "..." } (a third '
    "language is one more key). Instead of `name_vi` and `name_en`, which older files use; "
    "when both are given, `name_vi` and `name_en` win for their language.",
}
"""The `name` table in a schema: the loader reads it before validating (`localised`), so the
model keeps it in `names`, hidden from the schema, and `_named_schema` puts it back there."""


def _named_schema(schema: dict[str, Any]) -> None:
    """A named model's schema: `name = {...}`, or `name_vi` and `name_en`, one way required."""
    schema.setdefault("properties", {})["name"] = NAME_TABLE
    required = schema.get("required", [])
    schema["required"] = [r for r in required if r not in ("name_vi", "name_en")]
    schema["anyOf"] = [{"required": ["name"]}, {"required": ["name_vi", "name_en"]}]


class Named(Strict):
    """A framework or a node: named in Vietnamese and English, by two keys or one table."""

    model_config = ConfigDict(json_schema_extra=_named_schema)

    name_vi: str = Field(
        description="Name in Vietnamese, as the decision writes it (or give `name`)."
    )
    name_en: str = Field(description="Name in English (or give `name`).")
    names: SkipJsonSchema[dict[str, str]] = Field(
        default_factory=no_keys,
        exclude=True,
        description='`name = { vi = "...", en = "..." }` kept whole: a third language needs no '
        "code change.",
    )

    @model_validator(mode="before")
    @classmethod
    def _name_table(cls, data: Any) -> Any:
        return localised(data, "name")

    def name(self, lang: str) -> str:
        return self.names.get(lang) or (self.name_vi if lang == "vi" else self.name_en)


class NodeBase(Named):
    """What every node of the framework's tree has, indicator or aggregate."""

    id: str = Field(
        pattern=r"^[A-Za-z0-9_.-]+$",
        description="Node id (letters, digits, '_', '.', '-'): data columns, `children`, "
        "changes and levers name the node by it.",
    )

    unit: str = Field(
        default="", description="Unit of the value, shown beside it (e.g. '%', 'điểm')."
    )
    decimals: int | None = Field(
        default=None,
        ge=0,
        le=8,
        description="Decimal places of this node's score, instead of the framework's `decimals`.",
    )
    note: str | None = Field(
        default=None, description="Free text: how the value is measured, what it counts."
    )
    source: str | None = Field(
        default=None,
        description="Where the node's definition comes from (the decision, its appendix).",
    )
    representative: bool = Field(
        default=False,
        description="True where the node is not from the official list but stands in for it.",
    )


class Indicator(NodeBase):
    """A value an entity supplies (a count, a rate, a category, yes/no) and the rule scoring it."""

    direction: Direction = Field(
        default="higher",
        description="Whether a higher or a lower value is better; the rules, the missing-value "
        "policy and the planner read it.",
    )
    range: tuple[float, float] | None = Field(
        default=None,
        description="[low, high]: the values that can occur; a value outside is refused when "
        "data loads, and 'lowest' missing values take the worse end.",
    )
    step: float | None = Field(
        default=None,
        gt=0,
        description="Step of + and - in the planner and of goal seek; without it the value "
        "is continuous.",
    )
    reported_only: bool = Field(
        default=False,
        description="Reported in the results but never scored (DTI's smart-city index counts "
        "0 points).",
    )
    rule: Rule = Field(
        description="How the value becomes a score: an [indicator.rule] table with `type` and "
        "that rule's keys."
    )

    @field_validator("range")
    @classmethod
    def _range(cls, v: tuple[float, float] | None) -> tuple[float, float] | None:
        if v is not None:
            _finite(v[0])
            _finite(v[1])
            if v[1] < v[0]:
                raise ValueError(N_("range must be [low, high] with low <= high"))
        return v

    @model_validator(mode="after")
    def _rule_fits(self) -> Indicator:
        why = self.rule.check(self)
        if why is not None:
            raise ValueError(N_(why))  # marked in the rule, translated by its English
        return self


class Child(Strict):
    """One node an aggregate combines, with its weight or its points."""

    node: str = Field(description="Id of the child: an indicator or another aggregate.")
    weight: float | None = Field(
        default=None,
        ge=0,
        description="Weight of the child (1 when neither weight nor points is given).",
    )
    points: float | None = Field(
        default=None,
        ge=0,
        description="Points the child carries; counted as a weight, and with points_over_max "
        "the child's score ÷ its maximum earns this many. Give weight or points, not both.",
    )

    @model_validator(mode="after")
    def _one(self) -> Child:
        if self.weight is not None and self.points is not None:
            raise ValueError(N_("give a child either weight or points, not both"))
        return self

    @property
    def factor(self) -> float:
        if self.points is not None:
            return self.points
        return 1.0 if self.weight is None else self.weight


def _known_method(v: str) -> str:
    if v not in METHODS:
        raise ValueError(
            N_("unknown method '{v}' (one of: {value})", v=v, value=", ".join(METHODS))
        )
    return v


Method = Annotated[
    str,
    AfterValidator(_known_method),
    Field(json_schema_extra={"enum": list(METHODS)}),
]
"""An aggregation method: a module of ictscore.scoring.methods, found by name."""


class Aggregate(NodeBase):
    """A node whose score combines its children's scores (a pillar, a group, the total).

    An entity may supply an aggregate's score itself (a published pillar value): it is then
    taken as given, and the children are not needed for that entity.
    """

    method: Method = Field(
        description="How the children's scores sᵢ with weights or points wᵢ combine: "
        "weighted_mean Σwᵢsᵢ ÷ Σwᵢ; sum Σwᵢsᵢ; points_over_max Σwᵢ·sᵢ/maxᵢ ÷ Σwᵢ (maxᵢ the "
        "highest score child i can reach); geometric_mean exp(Σwᵢ·ln sᵢ ÷ Σwᵢ), 0 when a "
        "child scores 0 or less."
    )
    children: list[Child] = Field(
        min_length=1, description="The nodes combined: [[aggregate.children]] tables."
    )
    scale: float = Field(
        default=1.0,
        description="Multiplies the result: 1 gives 0..1 for points_over_max, 1000 gives "
        "points of 1,000.",
    )
    cap: float | None = Field(
        default=None,
        description="Upper limit of the combined score, applied before `rescale` and `scale`.",
    )
    rescale: Literal["none", "minmax"] = Field(
        default="none",
        description="minmax: after aggregating, rescale across the peers: the best scores "
        "`scale`, the worst 0 (all score `scale` when they are equal).",
    )
    total: float | None = Field(
        default=None,
        description="When set, the children's weights or points must add up to this.",
    )
    max_score: float | None = Field(
        default=None,
        description="When set, the highest score this node can reach must be this (1,000 "
        "points in all): a check that the encoding adds up.",
    )


class Assumption(Strict):
    """Something the file encodes that no source found states (QĐ 405's points, say): every
    result computed with it says so, so a reader never takes it for the official figure."""

    text_vi: str = Field(description="The assumption in Vietnamese, as compute's notes show it.")
    text_en: str = Field(description="The assumption in English.")


class Framework(Named):
    """Which ranking, which edition, who publishes it, and the rules that apply to every node."""

    id: str = Field(
        description="Id of this framework edition (e.g. 'vn-dti-2022-province'), shown in "
        "messages and exports."
    )
    edition: str = Field(
        description="The edition or year encoded and the decision that set it "
        "(e.g. '2022 (QĐ 922/QĐ-BTTTT)')."
    )
    entities: Literal[
        "provinces", "ministries", "departments", "districts", "communes", "agencies"
    ] = Field(description="What the framework ranks.")
    publisher: str = Field(
        description="Who publishes the ranking (e.g. 'Bộ Thông tin và Truyền thông')."
    )
    root: str = Field(description="Id of the node whose score is the headline score and rank.")
    decimals: int = Field(
        default=4,
        ge=0,
        le=8,
        description="Decimal places of the published scores, used to show every node that "
        "does not set its own.",
    )
    ties: Literal["competition", "dense", "ordinal"] = Field(
        default="competition",
        description="Ranks of equal scores: competition 1, 2, 2, 4; dense 1, 2, 2, 3; "
        "ordinal 1, 2, 3, 4 in the order of the data.",
    )
    rank_on: Literal["rounded", "exact"] = Field(
        default="rounded",
        description="What ranks compare: scores rounded to each node's decimals, as published "
        "tables do (two rows showing 823,0 share a rank), or 'exact' unrounded scores (the "
        "Vietnam ICT Index's method).",
    )
    missing: Literal["error", "zero", "lowest"] = Field(
        default="error",
        description="What a missing indicator value means: an error, 0, or the worst value "
        "of its range (the category with the smallest fraction).",
    )
    notes: str | None = Field(
        default=None,
        description="Free text on the encoding: what is official, what is representative.",
    )
    sources: list[Source] = Field(
        default_factory=no_items,
        description="Documents the framework rests on: [[framework.sources]] tables.",
    )
    entity_list: str | None = Field(
        default=None,
        description="The entity list (criteria/entities/*.toml, relative to this file) with "
        "the other names the entities go by, for import.",
    )
    assumptions: list[Assumption] = Field(
        default_factory=no_items,
        description="What the encoding assumes where no source was found ([[framework."
        "assumptions]]); compute prints each under its notes.",
    )
    merge: Literal["mean", "sum"] | None = Field(
        default=None,
        description="How a unit formed from several (its entity list's formed_from) gets its "
        "values from data of them: the mean or the sum of each value (DTI 2024: the plain mean "
        "of the former provinces' main indices).",
    )
    history: str | None = Field(
        default=None,
        description="The results file of this ranking's past editions: criteria/history/"
        "<history>.csv beside this file (or the bundled one), e.g. dti-provinces; the report and "
        "the planner show the focus entity's published ranks from it, following its lineage.",
    )


class CriteriaFile(Strict):
    """A criteria file: one ranking framework, one edition, as a tree of indicators and
    aggregates."""

    kind: Annotated[Literal["criteria"] | None, kind_check("criteria")] = Field(
        default=None, description=kind_description("criteria")
    )
    version: Annotated[Literal[1] | None, version_check] = Field(
        default=None, description=VERSION_DESCRIPTION
    )
    framework: Framework = Field(description="What the framework is: the [framework] table.")
    grades: list[Grade] = Field(
        default_factory=no_items,
        description="Bands of the headline score with their names: [[grades]] tables, in any "
        "order.",
    )
    indicator: list[Indicator] = Field(
        default_factory=no_items,
        description="The values entities supply and how each is scored: [[indicator]] tables.",
    )
    aggregate: list[Aggregate] = Field(
        default_factory=no_items,
        description="The nodes computed from other nodes, the root among them: [[aggregate]] "
        "tables.",
    )


Node = Indicator | Aggregate


class Criteria:
    """A validated framework with its nodes indexed and ordered children-first."""

    def __init__(self, file: CriteriaFile, path: Path | None = None) -> None:
        self.file = file
        self.path = path
        self.framework = file.framework
        self.grades = sorted(file.grades, key=lambda g: g.min, reverse=True)
        self.nodes: dict[str, Node] = {}
        for ind in file.indicator:
            self.nodes[ind.id] = ind
        for agg in file.aggregate:
            self.nodes[agg.id] = agg
        self.order: list[str] = _topological(file)
        self.parents: dict[str, list[str]] = {n: [] for n in self.nodes}
        for agg in file.aggregate:
            for ch in agg.children:
                self.parents[ch.node].append(agg.id)

    @property
    def root(self) -> str:
        return self.framework.root

    def indicators(self) -> list[Indicator]:
        return list(self.file.indicator)

    def aggregates(self) -> list[Aggregate]:
        return list(self.file.aggregate)

    def node(self, node_id: str) -> Node:
        return self.nodes[node_id]

    def label(self, node_id: str, lang: str = "vi") -> str:
        return self.nodes[node_id].name(lang)

    def decimals(self, node_id: str) -> int:
        d = self.nodes[node_id].decimals
        return self.framework.decimals if d is None else d

    def ancestors(self, node_id: str) -> list[str]:
        """Every node whose score depends on `node_id`, in evaluation order."""
        seen: set[str] = set()
        stack = list(self.parents[node_id])
        while stack:
            n = stack.pop()
            if n not in seen:
                seen.add(n)
                stack.extend(self.parents[n])
        return [n for n in self.order if n in seen]

    def descendants(self, node_id: str) -> set[str]:
        out: set[str] = set()
        stack = [node_id]
        while stack:
            n = self.nodes[stack.pop()]
            if isinstance(n, Aggregate):
                for ch in n.children:
                    if ch.node not in out:
                        out.add(ch.node)
                        stack.append(ch.node)
        return out

    def grade(self, score: float | None) -> Grade | None:
        if score is None:
            return None
        for g in self.grades:
            if score >= g.min - 1e-9:
                return g
        return None


def _topological(file: CriteriaFile) -> list[str]:
    deps = {a.id: [c.node for c in a.children] for a in file.aggregate}
    order: list[str] = [i.id for i in file.indicator]
    done = set(order)
    visiting: set[str] = set()

    def visit(n: str) -> None:
        if n in done:
            return
        visiting.add(n)
        for c in deps.get(n, []):
            if c in deps and c not in done:
                visit(c)
        visiting.discard(n)
        done.add(n)
        order.append(n)

    for a in file.aggregate:
        visit(a.id)
    return order


def _find_cycle(deps: dict[str, list[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    path: list[str] = []

    def dfs(n: str) -> list[str] | None:
        state[n] = 1
        path.append(n)
        for c in deps.get(n, []):
            if state.get(c) == 1:
                return [*path[path.index(c) :], c]
            if c in deps and state.get(c) is None:
                found = dfs(c)
                if found:
                    return found
        path.pop()
        state[n] = 2
        return None

    for a in deps:
        if state.get(a) is None:
            cyc = dfs(a)
            if cyc:
                return cyc
    return None


def _tables(data: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    """The `[[kind]]` tables of a parsed file; anything malformed is the schema's to report."""
    items = data.get(kind)
    if not isinstance(items, list):
        return []
    return [t if isinstance(t, dict) else {} for t in items]


def _number(v: object) -> float | None:
    return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None


def check_structure(data: dict[str, Any], path: Path, text: str) -> ProblemCollector:
    """Cross-node checks that a per-field schema cannot express.

    They run on the parsed TOML rather than on the models, so that a file with both a wrong
    type and an unknown child reports both in one run.
    """
    pc = ProblemCollector()
    seen: dict[str, str] = {}
    for kind in ("indicator", "aggregate"):
        for i, n in enumerate(_tables(data, kind)):
            nid = n.get("id")
            if not isinstance(nid, str):
                continue
            if nid in seen:
                pc.add(
                    path,
                    N_("duplicate node id '{nid}' (already an {seen})", nid=nid, seen=seen[nid]),
                    f"{kind}[{i + 1}].id",
                    locate(text, (kind, i, "id")),
                )
            seen[nid] = kind
    deps: dict[str, list[str]] = {}
    first_line: dict[str, tuple[int, int | None]] = {}
    for i, agg in enumerate(_tables(data, "aggregate")):
        children = agg.get("children")
        kids = [c for c in children if isinstance(c, dict)] if isinstance(children, list) else []
        agg_id = agg.get("id")
        line = locate(text, ("aggregate", i, "children"))
        if isinstance(agg_id, str):
            deps[agg_id] = [c["node"] for c in kids if isinstance(c.get("node"), str)]
            first_line.setdefault(agg_id, (i, line))
        child_ids: set[str] = set()
        for j, ch in enumerate(kids):
            node = ch.get("node")
            if not isinstance(node, str):
                continue
            where = f"aggregate[{i + 1}].children[{j + 1}].node"
            if node not in seen:
                hint = did_you_mean(node, seen)
                pc.add(
                    path, N_("unknown node id '{node}'{hint}", node=node, hint=hint), where, line
                )
            if node in child_ids:
                pc.add(
                    path,
                    N_(
                        "'{node}' is listed twice among the children of '{agg_id}'",
                        node=node,
                        agg_id=agg_id,
                    ),
                    where,
                    line,
                )
            child_ids.add(node)
        factors = [
            _number(c.get("points", c.get("weight", 1.0))) for c in kids if isinstance(c, dict)
        ]
        if kids and all(f == 0 for f in factors):
            # weighted_mean and points_over_max then divide by zero weight and every entity
            # scores 0 (all ranked 1st); sum gives 0 too: never a framework anyone publishes
            pc.add(
                path,
                N_(
                    "every child of '{agg_id}' has weight or points 0: every entity would score 0",
                    agg_id=agg_id,
                ),
                f"aggregate[{i + 1}].children",
                line,
            )
        total = _number(agg.get("total"))
        factors = [
            _number(c.get("points", c.get("weight", 1.0))) for c in kids if isinstance(c, dict)
        ]
        if total is not None and kids and None not in factors:
            s = math.fsum(f for f in factors if f is not None)
            if not math.isclose(s, total, rel_tol=1e-9, abs_tol=1e-9):
                kind = N_("points") if any("points" in c for c in kids) else N_("weights")
                pc.add(
                    path,
                    N_(
                        "{kind} of the children of '{agg_id}' add up to {s:g}, but the "
                        "framework says {total:g}",
                        kind=kind,
                        agg_id=agg_id,
                        s=s,
                        total=total,
                    ),
                    f"aggregate[{i + 1}].total",
                    locate(text, ("aggregate", i, "total")),
                )
    _check_grades(data, path, text, pc)
    fw = data.get("framework")
    root = fw.get("root") if isinstance(fw, dict) else None
    if isinstance(root, str) and root not in seen:
        pc.add(
            path,
            N_("root '{root}' is not a node id{hint}", root=root, hint=did_you_mean(root, seen)),
            "framework.root",
            locate(text, ("framework", "root")),
        )
    cyc = _find_cycle(deps)
    if cyc:
        i, line = first_line[cyc[0]]
        pc.add(
            path,
            N_("cycle among aggregates: {cycle}", cycle=" → ".join(cyc)),
            f"aggregate[{i + 1}].children",
            line,
        )
    return pc


def _check_grades(data: dict[str, Any], path: Path, text: str, pc: ProblemCollector) -> None:
    """Two grades from the same score: the one shown would depend on the order of the file."""
    first: dict[float, int] = {}
    for i, g in enumerate(_tables(data, "grades")):
        lo = _number(g.get("min"))
        if lo is None:
            continue
        if lo in first:
            pc.add(
                path,
                N_(
                    "grades[{value}] already starts at {lo:g}: two grades cannot share a threshold",
                    value=first[lo] + 1,
                    lo=lo,
                ),
                f"grades[{i + 1}].min",
                locate(text, ("grades", i, "min")),
            )
        else:
            first[lo] = i


def load_criteria(path: Path) -> Criteria:
    """Load and check a criteria file; schema and structure problems are reported together."""
    data, text = parse_toml(path)
    check_header(path, data, text, "criteria")
    pc = check_structure(data, path, text)
    try:
        file, _ = load_model(path, CriteriaFile, data, text)
    except InputError as exc:
        raise InputError(exc.problems + pc.problems) from None
    pc.raise_if_any()
    return Criteria(file, path)
