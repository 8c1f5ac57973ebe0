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

import csv
import random
import sys
from pathlib import Path

# the scripts folder is not a package: its shared module is found from here
sys.path.insert(0, str(Path(__file__).resolve().parent))
import _illustrative as shared

ROOT = shared.ROOT
RANKS = ROOT / "tests" / "data" / "dti-2022-ranks.csv"
OUT = ROOT / "scenarios" / "data" / "dti-2022-provinces.csv"
CRITERIA = ROOT / "criteria" / "vn-dti-2022-province.toml"
SEED = 2022


# Main indices with their points (QĐ 922/QĐ-BTTTT, read from the criteria file); Đô thị thông
# minh scores 0 and is left out.
KEYS, POINTS = shared.scored_children(CRITERIA, "dti")
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


def targets(ranks: list[tuple[int, str, str]], rng: random.Random) -> dict[str, int]:
    """A total for every unpublished province, falling with the published rank.

    Provinces that share a published rank share a total; the published rows keep theirs.
    """
    fixed = {pid: shared.total(POINTS, u) for pid, u in PUBLISHED.items()}
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
            u = round(shared.noisy(mean, shift, NOISE, rng) * UNIT)
            top = OTHERS_INSTITUTIONS_MAX if key == "the_che_so" else HIGH
            units.append(min(top, max(LOW, u)))
        if pid == TOP_INSTITUTIONS:
            units[KEYS.index("the_che_so")] = TOP_INSTITUTIONS_VALUE
        fitted = shared.fit(units, target, POINTS, CQS, SOLVE, (LOW, HIGH))
        if fitted is not None:
            return fitted


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
    return shared.commented_csv(HEADER, ["id", "name", *KEYS, "source"], rows())


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


def expected() -> dict[Path, str]:
    text = render()
    verify(text)
    return {OUT: text}


def main(argv: list[str] | None = None) -> int:
    return shared.run(argv, __doc__, __file__, expected)


if __name__ == "__main__":
    sys.exit(main())
