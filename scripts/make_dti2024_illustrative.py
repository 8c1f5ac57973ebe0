"""Regenerate scenarios/data/dti-2024-provinces-63.csv: DTI 2024 main indices of the 63 former
provinces, from which the framework ranks the 34 provinces of 1/7/2025.

What was published (../shared/reference/dti-2024.md, history/dti-provinces.csv): among the 34,
Hà Nội 0.8241 1st, Huế 0.7951 2nd, Hải Phòng 0.7857 3rd, TP. Hồ Chí Minh 0.7770 4th, Thanh Hóa,
Điện Biên, Hà Tĩnh, Thái Nguyên 5th–8th, Lào Cai 0.7167 14th, Khánh Hòa 0.7071 16th, Đà Nẵng
0.7069 17th, Gia Lai 31st, Hưng Yên and Quảng Trị in the bottom three (values "from about 0.5 to
nearly 0.6"), Cao Bằng last; among the 63, the former TP. Hồ Chí Minh 1st, the former Đà Nẵng
0.8335 2nd, then Hải Phòng, Hà Nội and Huế, and Quảng Nam 0.5803 57th. No main-index value of
2024 was found.

So every main-index value here is ILLUSTRATIVE, and so is every total but the four published
(the former Đà Nẵng, Quảng Nam, Hà Nội, Huế): each former province gets a total (TOTALS below,
chosen by hand so that each merged province's mean is its published figure, the published order
of the 34 and of the 63 comes out, and the units left free fall in a plausible order), then main
indices drawn around it that add up to exactly that total. A merged total is linear in the main
indices, so the published merged figures hold whatever points QĐ 405 turns out to give.

The shape of the draws (foundation indices above the total, activity below) follows the published
2024 means: DTI 0.6961, pillars 0.7582 / 0.7723 / 0.7692 (shape only: no figure is claimed).

Deterministic: a fixed seed and only `random.random()`. The result is checked with the engine
(the 34 and the 63, every published figure and rank) before anything is written.

    python scripts/make_dti2024_illustrative.py            # rewrite the CSV
    python scripts/make_dti2024_illustrative.py --check    # exit 1 if the CSV is out of date
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

# the scripts folder is not a package: its shared module is found from here
sys.path.insert(0, str(Path(__file__).resolve().parent))
import _illustrative as shared

ROOT = shared.ROOT
OUT = ROOT / "scenarios" / "data" / "dti-2024-provinces-63.csv"
CRITERIA = ROOT / "criteria" / "vn-dti-2024-province.toml"
OLD_LIST = ROOT / "criteria" / "entities" / "vn-provinces.toml"
SEED = 2024

# The main indices and their points (an assumption of the criteria file), in its order.
KEYS, POINTS = shared.scored_children(CRITERIA, "dti")
CQS = KEYS.index("hoat_dong_chinh_quyen_so")
SOLVE = (KEYS.index("nhan_thuc_so"), KEYS.index("hoat_dong_kinh_te_so"))
"""Indices nudged by one unit so that the remaining points divide evenly by 200 (HĐ CQS)."""
UNIT = 10_000  # values are whole units of 0.0001; DTI = Σ points × units / 10^7

# Totals of the 63 former provinces, in units of 0.0001, grouped by the province they formed.
# (published) marks a published total; every other total is illustrative.
TOTALS: dict[str, dict[str, int]] = {
    "ha-noi": {"ha-noi": 8241},  # (published) 1st of 34; 4th of 63 (inferred)
    "thua-thien-hue": {"thua-thien-hue": 7951},  # (published) 2nd of 34; 5th of 63 (inferred)
    "hai-phong": {"hai-phong": 8290, "hai-duong": 7424},  # mean 7857 (published), 3rd
    "ho-chi-minh": {"ho-chi-minh": 8420, "binh-duong": 7600, "ba-ria-vung-tau": 7290},  # 7770
    "thanh-hoa": {"thanh-hoa": 7712},  # 5th (published rank)
    "dien-bien": {"dien-bien": 7655},  # 6th (published rank)
    "ha-tinh": {"ha-tinh": 7608},  # 7th (published rank)
    "thai-nguyen": {"thai-nguyen": 7860, "bac-kan": 7260},  # 8th (published rank)
    "lang-son": {"lang-son": 7480},
    "bac-ninh": {"bac-ninh": 7520, "bac-giang": 7340},  # not in the top 8 (published)
    "quang-ninh": {"quang-ninh": 7390},
    "can-tho": {"can-tho": 7650, "soc-trang": 7010, "hau-giang": 7330},
    "dong-nai": {"dong-nai": 7180, "binh-phuoc": 7320},
    "lao-cai": {"lao-cai": 7450, "yen-bai": 6884},  # mean 7167 (published), 14th
    "dong-thap": {"dong-thap": 7040, "tien-giang": 7190},
    "khanh-hoa": {"khanh-hoa": 7300, "ninh-thuan": 6842},  # mean 7071 (published), 16th
    "da-nang": {"da-nang": 8335, "quang-nam": 5803},  # (published) both; mean 7069, 17th
    "ninh-binh": {"ninh-binh": 7000, "ha-nam": 6850, "nam-dinh": 7210},
    "tay-ninh": {"tay-ninh": 6720, "long-an": 7240},
    "phu-tho": {"phu-tho": 7030, "vinh-phuc": 7150, "hoa-binh": 6640},
    "vinh-long": {"vinh-long": 6930, "ben-tre": 6580, "tra-vinh": 7160},
    "nghe-an": {"nghe-an": 6845},
    "quang-ngai": {"quang-ngai": 7120, "kon-tum": 6480},
    "an-giang": {"an-giang": 6560, "kien-giang": 6960},
    "lam-dong": {"lam-dong": 6950, "dak-nong": 6420, "binh-thuan": 6760},
    "son-la": {"son-la": 6660},
    "tuyen-quang": {"tuyen-quang": 7470, "ha-giang": 5750},
    "lai-chau": {"lai-chau": 6550},
    "ca-mau": {"ca-mau": 6380, "bac-lieu": 6600},
    "dak-lak": {"dak-lak": 6530, "phu-yen": 6310},
    "gia-lai": {"gia-lai": 5620, "binh-dinh": 6980},  # 31st (published rank)
    "hung-yen": {"hung-yen": 6200, "thai-binh": 5720},  # 32nd (bottom three, published)
    "quang-tri": {"quang-tri": 5640, "quang-binh": 5760},  # 33rd (bottom three, published)
    "cao-bang": {"cao-bang": 5050},  # 34th, last (published)
}
"""In the order of the 34 this reproduces; Quảng Nam is 57th of 63 because exactly six former
provinces (Hà Giang, Gia Lai, Thái Bình, Quảng Trị, Quảng Bình, Cao Bằng) are below it."""

PUBLISHED_TOTAL = {
    "da-nang": "DTI 0,8335, thứ 2/63 (baodanang.vn)",
    "quang-nam": "DTI 0,5803, thứ 57/63 (baodanang.vn)",
    "ha-noi": "DTI 0,8241, thứ 1/34 (dantri.com.vn); thứ 4/63 (suy ra: inferred)",
    "thua-thien-hue": "DTI 0,7951, thứ 2/34 (dantri.com.vn); thứ 5/63 (suy ra: inferred)",
}
PUBLISHED_RANK = {
    "ho-chi-minh": "thứ 1/63 (en.vneconomy.vn)",
    "hai-phong": "thứ 3/63 (suy ra từ vtcnews.vn: inferred)",
}

# How a province's main indices sit around its total: foundation above, activity below, with the
# three activity shifts set so that the pillars lie above the total as the published means do.
PROFILE = (0.17, 0.15, 0.13, 0.12, 0.13, -0.13, -0.14, -0.15)
NOISE = 0.04
LOW, HIGH = 1000, 10000

# The 34 in the order of TOTALS, with what was published about each (rank → value or None).
PUBLISHED_34 = {
    "ha-noi": (1, 8241),
    "thua-thien-hue": (2, 7951),
    "hai-phong": (3, 7857),
    "ho-chi-minh": (4, 7770),
    "thanh-hoa": (5, None),
    "dien-bien": (6, None),
    "ha-tinh": (7, None),
    "thai-nguyen": (8, None),
    "lao-cai": (14, 7167),
    "khanh-hoa": (16, 7071),
    "da-nang": (17, 7069),
    "gia-lai": (31, None),
    "hung-yen": (32, None),
    "quang-tri": (33, None),
    "cao-bang": (34, None),
}
PUBLISHED_63 = {
    "ho-chi-minh": (1, None),
    "da-nang": (2, 8335),
    "hai-phong": (3, None),
    "ha-noi": (4, 8241),
    "thua-thien-hue": (5, 7951),
    "quang-nam": (57, 5803),
}


def draw(target: int, rng: random.Random) -> tuple[int, ...]:
    """Main-index units whose points add up to exactly `target` × 1000, near the profile."""
    goal = target * 1000
    mean = target / UNIT
    while True:
        units = [
            min(HIGH, max(LOW, round(shared.noisy(mean, shift, NOISE, rng) * UNIT)))
            for shift in PROFILE
        ]
        fitted = shared.fit(units, goal, POINTS, CQS, SOLVE, (LOW, HIGH))
        if fitted is not None:
            return fitted


def _names() -> dict[str, str]:
    from ictscore.formats.names import load_entity_list

    old = load_entity_list(OLD_LIST)
    return {e: old.name(e) for e in old.ids()}


def rows() -> list[dict[str, str]]:
    rng = random.Random(SEED)
    names = _names()
    out = []
    for _, formers in TOTALS.items():
        for pid, target in formers.items():
            units = draw(target, rng)
            if pid in PUBLISHED_TOTAL:
                source = (
                    f"công bố (published): {PUBLISHED_TOTAL[pid]}; chỉ số chính minh họa "
                    "(illustrative main indices, consistent with the published total)"
                )
            else:
                source = (
                    "minh họa (illustrative): không phải số liệu công bố; chọn để khớp kết quả "
                    "công bố của 34 tỉnh, thành phố sau sắp xếp"
                )
                if pid in PUBLISHED_RANK:
                    source += f"; công bố: {PUBLISHED_RANK[pid]}"
            row = {"id": pid, "name": names[pid]}
            row.update({k: f"{u / UNIT:.4f}" for k, u in zip(KEYS, units, strict=True)})
            row["source"] = source
            out.append(row)
    return out


HEADER = """\
Chỉ số DTI 2024 cấp tỉnh (QĐ 405/QĐ-BKHCN), 63 tỉnh, thành phố trước sắp xếp: giá trị chỉ số chính.
DTI 2024 main-index values of the 63 former provinces (criteria/vn-dti-2024-province.toml ranks
the 34 provinces of 1/7/2025 from them, each the mean of its former provinces).
PUBLISHED (source column says "công bố"): the totals of the former Đà Nẵng, Quảng Nam, Hà Nội, Huế.
ILLUSTRATIVE: every main-index value, and every other total (source column says "minh họa"),
chosen so that every published figure and rank of the 34 and of the 63 is reproduced.
Generated by scripts/make_dti2024_illustrative.py (deterministic); do not edit by hand."""


def render() -> str:
    return shared.commented_csv(HEADER, ["id", "name", *KEYS, "source"], rows())


def verify(text: str) -> None:
    """Compute the 34 and the 63 with the engine: every published figure and rank comes out."""
    from ictscore.engine.compute import Engine
    from ictscore.formats.criteria import load_criteria
    from ictscore.formats.dataset import parse_csv
    from ictscore.formats.lineage import ranked_dataset

    crit = load_criteria(CRITERIA)
    data = parse_csv(text, OUT, crit)
    engine = Engine(crit)
    for label, ds, published in (
        ("34", ranked_dataset(data, crit), PUBLISHED_34),
        ("63", data, PUBLISHED_63),
    ):
        result = engine.compute(ds)
        scores = [round(s or 0.0, 4) for s in result.scores["dti"]]
        if len(set(scores)) != len(scores):
            raise SystemExit(f"{label}: two units share a total")
        for pid, (rank, value) in published.items():
            if result.rank(pid) != rank:
                raise SystemExit(f"{label}: {pid} ranks {result.rank(pid)}, published {rank}")
            if value is not None and round(result.score(pid) or 0.0, 4) != value / UNIT:
                raise SystemExit(f"{label}: {pid} scores {result.score(pid)}, published {value}")
        if label == "34":
            if list(TOTALS) != result.order():
                raise SystemExit("34: the order is not that of TOTALS")
            bottom = [result.score(p) or 0.0 for p in ("hung-yen", "quang-tri", "cao-bang")]
            if not all(0.5 <= s < 0.6 for s in bottom):
                raise SystemExit("34: the bottom three are not between 0.5 and 0.6")


def expected() -> dict[Path, str]:
    text = render()
    verify(text)
    return {OUT: text}


def main(argv: list[str] | None = None) -> int:
    return shared.run(argv, __doc__, __file__, expected)


if __name__ == "__main__":
    sys.exit(main())
