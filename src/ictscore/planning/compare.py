"""Saved scenarios side by side: the focus entity's score and rank at every node.

The CLI's `compare` and the TUI's compare screen both render a `Comparison`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ictscore.formats.errors import InputError
from ictscore.formats.scenario import Change
from ictscore.planning.whatif import NodeDelta, Projection, display_order


@dataclass(frozen=True)
class ComparisonRow:
    node: str
    cells: tuple[NodeDelta, ...]

    @property
    def differs(self) -> bool:
        firsts = {(round(c.scenario_score or 0.0, 12), c.scenario_rank) for c in self.cells}
        return len(firsts) > 1


@dataclass(frozen=True)
class Comparison:
    names: tuple[str, ...]
    focus: tuple[str, ...]
    rows: tuple[ComparisonRow, ...]
    changes: tuple[tuple[Change, ...], ...]
    """Each scenario's applied edit log, so the reader sees what differs and who decided it."""
    files: tuple[str | None, ...] = ()
    """Each scenario's file stem (None when it has no file): what tells apart two scenarios of
    one name, a copy saved under another file name being the usual case."""

    @property
    def labels(self) -> tuple[str, ...]:
        """One distinct label per scenario, for every output's column headers and sections.

        Computed here once so the table, Markdown, CSV and JSON name each column alike."""
        return distinct_labels(self.names, self.files or (None,) * len(self.names))

    @property
    def shared_baseline(self) -> bool:
        """Whether every scenario starts from the same baseline (same focus, same data): then
        one baseline column serves all; otherwise each shows its own, as the JSON does."""
        if len(set(self.focus)) > 1:
            return False
        return all(
            len({(round(d.baseline_score or 0.0, 12), d.baseline_rank) for d in row.cells}) == 1
            for row in self.rows
        )

    def only_in(self, k: int) -> list[Change]:
        """Changes of scenario k that no other scenario makes identically."""
        others = {_key(c) for j, chs in enumerate(self.changes) if j != k for c in chs}
        return [c for c in self.changes[k] if _key(c) not in others]


def distinct_labels(names: Sequence[str], files: Sequence[str | None]) -> tuple[str, ...]:
    """`names`, with the file stem added to each name that occurs more than once, then a counter
    where even that repeats (two `plan.toml` in different folders); a name seen once stays bare,
    so the usual case reads as before."""
    repeated = {n for n, k in Counter(names).items() if k > 1}
    first = [
        f"{n} ({f})" if n in repeated and f is not None and f != n else n
        for n, f in zip(names, files, strict=True)
    ]
    still = {x for x, k in Counter(first).items() if k > 1}
    taken = set(first) - still
    seen: Counter[str] = Counter()
    out = []
    for x in first:
        if x not in still:
            out.append(x)
            continue
        while True:  # a counter that no other label already carries
            seen[x] += 1
            candidate = f"{x} #{seen[x]}"
            if candidate not in taken:
                break
        taken.add(candidate)
        out.append(candidate)
    return tuple(out)


def _key(c: Change) -> tuple[str, str | None, str]:
    return (c.node, c.entity, repr(c.value))


def compare(
    projections: list[Projection],
    changes: list[list[Change]],
    files: Sequence[str | None] | None = None,
) -> Comparison:
    if len(projections) < 2:
        raise InputError.one("compare", "give at least two scenarios to compare")
    fw = {p.result.criteria.framework.id for p in projections}
    if len(fw) > 1:
        raise InputError.one(
            "compare", "the scenarios use different frameworks (" + ", ".join(sorted(fw)) + ")"
        )
    nodes = display_order(projections[0].result)
    rows = tuple(ComparisonRow(n, tuple(p.delta(n) for p in projections)) for n in nodes)
    return Comparison(
        tuple(p.scenario_name for p in projections),
        tuple(p.focus for p in projections),
        rows,
        tuple(tuple(c) for c in changes),
        tuple(files) if files is not None else (None,) * len(projections),
    )
