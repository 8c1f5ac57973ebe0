"""The criteria file: one ranking framework, one edition, as data.

Everything the engine knows about a framework comes from these models; nothing framework-specific
lives in Python. Cross-node checks (unknown children, cycles, totals) happen in `load_criteria`,
after the per-field validation, so that one run reports every problem.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from ictscore.formats.errors import InputError, ProblemCollector, did_you_mean
from ictscore.formats.tomlfile import load_model, locate, parse_toml
from ictscore.scoring.methods import METHODS
from ictscore.scoring.rules import Rule

Direction = Literal["higher", "lower"]


class Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, allow_inf_nan=False
    )


def _finite(v: float) -> float:
    if not math.isfinite(v):
        raise ValueError("must be a finite number")
    return v


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
    d[f"{key}s"] = table
    return d


class Source(Strict):
    title: str
    url: str | None = None
    date: str | None = None
    note: str | None = None
    notes: dict[str, str] = Field(default_factory=dict, exclude=True)
    """`note = { vi = "...", en = "..." }`: the note in each language (see `note_in`)."""

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

    min: float = Field(allow_inf_nan=True)
    """-inf gives the band that catches every score."""
    label_vi: str
    label_en: str


# --- scoring rules: one module each, in ictscore.scoring.rules --------------------------------


# --- nodes -------------------------------------------------------------------------------------


class NodeBase(Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    name_vi: str
    name_en: str
    names: dict[str, str] = Field(default_factory=dict, exclude=True)
    """`name = { vi = "...", en = "..." }` kept whole: a third language needs no code change."""

    @model_validator(mode="before")
    @classmethod
    def _name_table(cls, data: Any) -> Any:
        return localised(data, "name")

    def name(self, lang: str) -> str:
        return self.names.get(lang) or (self.name_vi if lang == "vi" else self.name_en)

    unit: str = ""
    decimals: int | None = Field(default=None, ge=0, le=8)
    note: str | None = None
    source: str | None = None
    representative: bool = False
    """True where the node is not from the official list but stands in for it."""


class Indicator(NodeBase):
    direction: Direction = "higher"
    range: tuple[float, float] | None = None
    step: float | None = Field(default=None, gt=0)
    reported_only: bool = False
    """Reported in the results but never scored (DTI's smart-city index counts 0 points)."""
    rule: Rule

    @field_validator("range")
    @classmethod
    def _range(cls, v: tuple[float, float] | None) -> tuple[float, float] | None:
        if v is not None:
            _finite(v[0])
            _finite(v[1])
            if v[1] < v[0]:
                raise ValueError("range must be [low, high] with low <= high")
        return v

    @model_validator(mode="after")
    def _rule_fits(self) -> Indicator:
        why = self.rule.check(self)
        if why is not None:
            raise ValueError(why)
        return self


class Child(Strict):
    node: str
    weight: float | None = Field(default=None, ge=0)
    points: float | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _one(self) -> Child:
        if self.weight is not None and self.points is not None:
            raise ValueError("give a child either weight or points, not both")
        return self

    @property
    def factor(self) -> float:
        if self.points is not None:
            return self.points
        return 1.0 if self.weight is None else self.weight


def _known_method(v: str) -> str:
    if v not in METHODS:
        raise ValueError(f"unknown method '{v}' (one of: {', '.join(METHODS)})")
    return v


Method = Annotated[
    str,
    AfterValidator(_known_method),
    Field(json_schema_extra={"enum": list(METHODS)}),
]
"""An aggregation method: a module of ictscore.scoring.methods, found by name."""


class Aggregate(NodeBase):
    method: Method
    children: list[Child] = Field(min_length=1)
    scale: float = 1.0
    """Multiplies the result: 1 gives 0..1 for points_over_max, 1000 gives points of 1,000."""
    cap: float | None = None
    rescale: Literal["none", "minmax"] = "none"
    """minmax: after aggregating, rescale across the peers: the best scores `scale`, the worst 0."""
    total: float | None = None
    """When set, the children's weights or points must add up to this."""
    max_score: float | None = None
    """When set, the highest score this node can reach must be this (1,000 points in all)."""


class Assumption(Strict):
    """Something the file encodes that no source found states (QĐ 405's points, say): every
    result computed with it says so, so a reader never takes it for the official figure."""

    text_vi: str
    text_en: str


class Framework(Strict):
    id: str
    name_vi: str
    name_en: str
    edition: str
    entities: Literal["provinces", "ministries", "departments", "districts", "communes", "agencies"]
    publisher: str
    root: str
    decimals: int = Field(default=4, ge=0, le=8)
    ties: Literal["competition", "dense", "ordinal"] = "competition"
    rank_on: Literal["rounded", "exact"] = "rounded"
    """Ranks compare scores as published, rounded to each node's decimals (two rows showing
    823,0 share a rank), or, with "exact", unrounded (the Vietnam ICT Index's method)."""
    missing: Literal["error", "zero", "lowest"] = "error"
    """What a missing indicator value means: an error, 0, or the worst value of its range."""
    notes: str | None = None
    sources: list[Source] = Field(default_factory=list)
    entity_list: str | None = None
    """The entities with the other names they go by (relative to this file), for import."""
    assumptions: list[Assumption] = Field(default_factory=list)
    merge: Literal["mean", "sum"] | None = None
    """How a unit formed from several (its list's `formed_from`) gets its values from data of
    them: the rule applied to each value the data gives, at the level the framework encodes as
    indicators (the main indices for DTI 2024: MOST ranked a merged province on the plain mean of
    its former provinces' main indices)."""


class CriteriaFile(Strict):
    framework: Framework
    grades: list[Grade] = Field(default_factory=list)
    indicator: list[Indicator] = Field(default_factory=list)
    aggregate: list[Aggregate] = Field(default_factory=list)


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
                    f"duplicate node id '{nid}' (already an {seen[nid]})",
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
                pc.add(path, f"unknown node id '{node}'{hint}", where, line)
            if node in child_ids:
                pc.add(
                    path, f"'{node}' is listed twice among the children of '{agg_id}'", where, line
                )
            child_ids.add(node)
        total = _number(agg.get("total"))
        factors = [
            _number(c.get("points", c.get("weight", 1.0))) for c in kids if isinstance(c, dict)
        ]
        if total is not None and kids and None not in factors:
            s = math.fsum(f for f in factors if f is not None)
            if not math.isclose(s, total, rel_tol=1e-9, abs_tol=1e-9):
                kind = "points" if any("points" in c for c in kids) else "weights"
                pc.add(
                    path,
                    f"{kind} of the children of '{agg_id}' add up to {s:g}, "
                    f"but the framework says {total:g}",
                    f"aggregate[{i + 1}].total",
                    locate(text, ("aggregate", i, "total")),
                )
    fw = data.get("framework")
    root = fw.get("root") if isinstance(fw, dict) else None
    if isinstance(root, str) and root not in seen:
        pc.add(
            path,
            f"root '{root}' is not a node id" + did_you_mean(root, seen),
            "framework.root",
            locate(text, ("framework", "root")),
        )
    cyc = _find_cycle(deps)
    if cyc:
        i, line = first_line[cyc[0]]
        pc.add(
            path,
            "cycle among aggregates: " + " → ".join(cyc),
            f"aggregate[{i + 1}].children",
            line,
        )
    return pc


def load_criteria(path: Path) -> Criteria:
    """Load and check a criteria file; schema and structure problems are reported together."""
    data, text = parse_toml(path)
    pc = check_structure(data, path, text)
    try:
        file, _ = load_model(path, CriteriaFile, data, text)
    except InputError as exc:
        raise InputError(exc.problems + pc.problems) from None
    pc.raise_if_any()
    return Criteria(file, path)
