"""Loading a big data CSV: time, and memory as a multiple of the file's size (issue 11).

Run: python benchmarks/load_bench.py [--mb 50] [--src DIR]

A CSV of the DTI 2022 framework's eight indicator columns (plus id, name and source) is written
to a temporary folder, `--mb` megabytes of it (50 MB is about 680,000 rows), and loaded by
`ictscore.formats.dataset.load_dataset` in a fresh process, twice: once plainly, for the time
and the peak resident memory (ru_maxrss, less that of the same process before it loads), and
once under tracemalloc, for the peak of what Python allocated while loading. Both are printed as
multiples of the file size; the target is at most 5×. `--src` loads with another checkout's
sources (e.g. the main branch's, for a before-and-after figure side by side).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CRITERIA = ROOT / "criteria" / "vn-dti-2022-province.toml"
COLUMNS = [
    "nhan_thuc_so",
    "the_che_so",
    "ha_tang_so",
    "nhan_luc_so",
    "an_toan_thong_tin",
    "hoat_dong_chinh_quyen_so",
    "hoat_dong_kinh_te_so",
    "hoat_dong_xa_hoi_so",
]

CHILD = r"""
import json, resource, sys, time, tracemalloc
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from ictscore.formats.criteria import load_criteria
from ictscore.formats.dataset import load_dataset
crit = load_criteria(Path(sys.argv[2]))
traced = sys.argv[4] == "traced"
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
if traced:
    tracemalloc.start()
t = time.perf_counter()
ds = load_dataset(Path(sys.argv[3]), crit)
seconds = time.perf_counter() - t
peak = tracemalloc.get_traced_memory()[1] if traced else 0
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": seconds, "rss": after - before, "traced": peak,
                  "rows": len(ds.entities)}))
"""


def write_csv(path: Path, megabytes: float, seed: int = 11) -> int:
    """A data file of about `megabytes` MB; returns its number of rows."""
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    size = rows = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        head = "# synthetic rows for the load benchmark\nid,name," + ",".join(COLUMNS) + ",source\n"
        f.write(head)
        size += len(head.encode())
        while size < target:
            chunk = []
            for _ in range(10_000):
                rows += 1
                cells = ",".join(f"{rng.random():.4f}" for _ in COLUMNS)
                chunk.append(f"x{rows:07d},Xã {rows},{cells},minh họa\n")
            text = "".join(chunk)
            f.write(text)
            size += len(text.encode())
    return rows


def load(src: Path, data: Path, mode: str) -> dict[str, float]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(src), str(CRITERIA), str(data), mode],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    result: dict[str, float] = json.loads(out.stdout)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--mb", type=float, default=50.0, help="size of the CSV in MB (default 50)")
    ap.add_argument("--src", type=Path, default=ROOT / "src", help="the sources to load with")
    ap.add_argument("--no-traced", action="store_true", help="skip the tracemalloc run")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "big.csv"
        t = time.perf_counter()
        rows = write_csv(data, args.mb)
        size = data.stat().st_size
        print(
            f"wrote {size / 1e6:.1f} MB, {rows:,} rows × {len(COLUMNS)} values "
            f"in {time.perf_counter() - t:.1f} s"
        )
        plain = load(args.src, data, "plain")
        print(
            f"load_dataset: {plain['seconds']:.2f} s ({plain['seconds'] / rows * 1e6:.2f} µs a "
            f"row); peak resident memory +{plain['rss'] / 1e6:.0f} MB = "
            f"{plain['rss'] / size:.2f}× the file (target ≤ 5×)"
        )
        if not args.no_traced:
            traced = load(args.src, data, "traced")
            print(
                f"under tracemalloc: peak allocated {traced['traced'] / 1e6:.0f} MB = "
                f"{traced['traced'] / size:.2f}× the file"
            )


if __name__ == "__main__":
    main()
