"""Regenerate scenarios/data/dti-2022-provinces.csv: DTI 2022 main-index values for 63 provinces.

Only two rows are published (TP. Đà Nẵng and Quảng Ninh, indices.md §1); the published order of
all 63 provinces is known (tests/data/dti-2022-ranks.csv, a copy of
shared/reference/dti-2022-ranks.csv), their scores are not. Every other row is therefore
ILLUSTRATIVE: made-up main-index values, drawn around a target total that follows the published
order, so that computing the scenario reproduces every published rank, including the tie of
Thanh Hóa and Yên Bái (both 15th). Bắc Giang (9th) gets the best Thể chế số of all, as published.

Deterministic: a fixed seed and only `random.random()`, whose sequence for an integer seed is
stable across Python versions. The result is checked with the engine before anything is written.

    python scripts/make_dti2022_illustrative.py            # rewrite the CSV
    python scripts/make_dti2022_illustrative.py --check    # exit 1 if the CSV is out of date
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RANKS = ROOT / "tests" / "data" / "dti-2022-ranks.csv"
OUT = ROOT / "scenarios" / "data" / "dti-2022-provinces.csv"
CRITERIA = ROOT / "criteria" / "vn-dti-2022-province.toml"
SEED = 2022


def _scored_children(criteria: Path, root: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The main indices that carry points, in the framework's order, and their points."""
    sys.path.insert(0, str(ROOT / "src"))
    from ictscore.formats.criteria import Aggregate, load_criteria

    agg = load_criteria(criteria).nodes[root]
    assert isinstance(agg, Aggregate)
    kids = [(c.node, int(c.factor)) for c in agg.children if c.factor > 0]
    return tuple(k for k, _ in kids), tuple(p for _, p in kids)


# Main indices with their points (QĐ 922/QĐ-BTTTT, read from the criteria file); Đô thị thông
# minh scores 0 and is left out.
KEYS, POINTS = _scored_children(CRITERIA, "dti")
CQS = KEYS.index("hoat_dong_chinh_quyen_so")
SOLVE = (KEYS.index("nhan_thuc_so"), KEYS.index("hoat_dong_kinh_te_so"))
"""Indices nudged by one unit so that the remaining points divide evenly by 200 (HĐ CQS)."""

# Values are whole units of 0.0001; a total is Σ points × units, so DTI = total / 10^7.
UNIT = 10_000
PUBLISHED: dict[str, tuple[int, ...]] = {
    "da-nang": (10000, 9000, 8253, 8487, 7578, 8575, 7836, 5197),
    "quang-ninh": (9581, 9000, 7648, 6250, 5382, 8385, 5904, 4505),
}
PUBLISHED_NOTE = "công bố (published): Báo cáo DTI 2022, Bộ TT&TT; giá trị chỉ số chính"

# How a typical province's main indices sit around its total (foundation indices above,
# activity indices below), as in the two published rows. Shape only; no published figure.
PROFILE = (0.14, 0.06, 0.03, -0.04, -0.05, 0.04, -0.08, -0.14)
NOISE = 0.05
LOW, HIGH = 1000, 10000
TOP_INSTITUTIONS = "bac-giang"
TOP_INSTITUTIONS_VALUE = 9500
"""Bắc Giang was first nationally on Thể chế số (published); its value is illustrative."""
OTHERS_INSTITUTIONS_MAX = 9300


def read_ranks(path: Path = RANKS) -> list[tuple[int, str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [(int(r["rank"]), r["id"], r["name"]) for r in csv.DictReader(fh)]


def total(units: tuple[int, ...]) -> int:
    return sum(p * u for p, u in zip(POINTS, units, strict=True))


def targets(ranks: list[tuple[int, str, str]], rng: random.Random) -> dict[str, int]:
    """A total for every unpublished province, falling with the published rank.

    Provinces that share a published rank share a total; the published rows keep theirs.
    """
    fixed = {pid: total(u) for pid, u in PUBLISHED.items()}
    out: dict[str, int] = {}
    by_rank: dict[int, int] = {}
    level = 7_600_000  # 0.76: between Đà Nẵng (0.8002) and Quảng Ninh (0.7024)
    for rank, pid, _ in ranks:
        if pid in fixed:
            out[pid] = fixed[pid]
            by_rank[rank] = fixed[pid]
            if pid == "quang-ninh":
                level = fixed[pid] - 400_000  # 4th: about 0.66
            continue
        if rank in by_rank:  # a published tie
            out[pid] = by_rank[rank]
            continue
        out[pid] = level
        by_rank[rank] = level
        level -= 30_000 + int(rng.random() * 40_000)  # 0.003 to 0.007 below the previous
        level -= level % 50
    return out


def draw(pid: str, target: int, rng: random.Random) -> tuple[int, ...]:
    """Main-index units that add up to exactly `target` points, near the province profile."""
    mean = target / 10_000_000
    while True:
        units = []
        for key, shift in zip(KEYS, PROFILE, strict=True):
            noise = (rng.random() + rng.random() - 1.0) * NOISE * 2
            u = round((mean + shift + noise) * UNIT)
            top = OTHERS_INSTITUTIONS_MAX if key == "the_che_so" else HIGH
            units.append(min(top, max(LOW, u)))
        if pid == TOP_INSTITUTIONS:
            units[KEYS.index("the_che_so")] = TOP_INSTITUTIONS_VALUE
        units[CQS] = 0
        rest = target - total(tuple(units))
        # rest is a multiple of 50; one unit more on a 100- and/or 150-point index fixes mod 200
        bump = {0: (0, 0), 100: (1, 0), 150: (0, 1), 50: (1, 1)}[rest % 200]
        for idx, b in zip(SOLVE, bump, strict=True):
            units[idx] += b
        rest = target - total(tuple(units))
        units[CQS] = rest // 200
        if all(LOW <= u <= HIGH for u in units):
            assert total(tuple(units)) == target
            return tuple(units)


def rows() -> list[dict[str, str]]:
    rng = random.Random(SEED)
    ranks = read_ranks()
    goal = targets(ranks, rng)
    out = []
    for rank, pid, name in ranks:
        units: tuple[int, ...]
        if pid in PUBLISHED:
            units, source = PUBLISHED[pid], f"{PUBLISHED_NOTE}; hạng {rank}"
        else:
            units = draw(pid, goal[pid], rng)
            source = f"minh họa (illustrative): không phải số liệu công bố; hạng công bố {rank}"
            if pid == TOP_INSTITUTIONS:
                source += "; công bố: thứ 1 cả nước về Thể chế số (giá trị minh họa)"
        row = {"id": pid, "name": name}
        row.update({k: f"{u / UNIT:.4f}" for k, u in zip(KEYS, units, strict=True)})
        row["source"] = source
        out.append(row)
    return out


HEADER = """\
Chỉ số DTI 2022 cấp tỉnh, 63 tỉnh, thành phố: giá trị chỉ số chính (0..1).
DTI 2022 main-index values of the 63 provinces (criteria/vn-dti-2022-province.toml).
PUBLISHED: TP. Đà Nẵng and Quảng Ninh (source column says "công bố"); the order of all 63 provinces.
ILLUSTRATIVE: every other row (source column says "minh họa"): made-up values consistent with the
published order, so that every published rank (incl. Thanh Hóa and Yên Bái both 15th) reproduces.
Bắc Giang is first on Thể chế số, as published; its values are illustrative.
Generated by scripts/make_dti2022_illustrative.py (deterministic); do not edit by hand."""


def render() -> str:
    buf = io.StringIO()
    for line in HEADER.splitlines():
        buf.write(f"# {line}\n")
    w = csv.DictWriter(buf, ["id", "name", *KEYS, "source"], lineterminator="\n")
    w.writeheader()
    w.writerows(rows())
    return buf.getvalue()


def verify(text: str) -> None:
    """Compute the data with the engine: every published rank and figure must come out."""
    from ictscore.engine.compute import Engine
    from ictscore.formats.criteria import load_criteria
    from ictscore.formats.dataset import parse_csv

    crit = load_criteria(CRITERIA)
    result = Engine(crit).compute(parse_csv(text, OUT, crit))
    for rank, pid, _ in read_ranks():
        got = result.rank(pid)
        if got != rank:
            raise SystemExit(f"{pid}: rank {got}, published {rank}")
    institutions = result.order("the_che_so")
    if institutions[0] != TOP_INSTITUTIONS or result.rank(institutions[1], "the_che_so") == 1:
        raise SystemExit("Bắc Giang is not alone first on Thể chế số")
    for pid, want in (("da-nang", 0.8002), ("quang-ninh", 0.7024)):
        if round(result.score(pid) or 0.0, 4) != want:
            raise SystemExit(f"{pid}: DTI {result.score(pid)}, published {want}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only check that the CSV is current")
    args = ap.parse_args(argv)
    text = render()
    verify(text)
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT} is out of date: run {Path(__file__).name}", file=sys.stderr)
            return 1
        print(f"{OUT}: up to date", file=sys.stderr)
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
