"""Performance figures for issue 2 §11. Run: python benchmarks/engine_bench.py [--quick]

(a) `ictscore compute` on the default scenario against `python -c "import pydantic"`, side by
    side, median of N runs each (a full parse, validation and computation every time).
(b) recompute after one changed value (`Engine.update`, then reading the new ranks of every
    node the edit reached) on synthetic frameworks of 100 indicators in 10 groups, for
    63 and 10,000 entities, with a rule that ignores the peers (ratio) and one that does not
    (min-max across peers).
(c) a flat weighted sum of 100 criteria over 10,000 alternatives, ranked, against pymcdm's WSM
    on the same matrix, when pymcdm is installed (it is not a dependency of ictscore).

Figures are wall-clock medians on this machine; nothing here runs under pytest.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from ictscore.engine.compute import Engine  # noqa: E402
from ictscore.engine.result import Result  # noqa: E402
from ictscore.formats.criteria import Criteria, CriteriaFile  # noqa: E402

DEFAULT = ROOT / "scenarios" / "bac-giang-so-noi-vu-2021.toml"
COMMUNES = ROOT / "scenarios" / "communes-2025-illustrative.toml"
ONE_MODEL = "import pydantic\nclass A(pydantic.BaseModel):\n    x: int"


def median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


# --- (a) the command line -------------------------------------------------------------------


def cli(runs: int) -> None:
    """Each command in a fresh process, the commands interleaved, so drifting load hits all alike.

    Python's bytecode cache is allowed (an installed program has its modules compiled; an
    environment that sets PYTHONDONTWRITEBYTECODE would otherwise compile every module on every
    run), and each command runs once before timing. Wall time and CPU time (user + system of the
    child, which other processes' load on a shared machine disturbs less) are both shown.
    """
    py = sys.executable
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cmds = {
        "python -c 'import pydantic'": [py, "-c", "import pydantic"],
        # the floor of any program with a model: pydantic imports its machinery (and its plugin
        # loader, importlib.metadata) only when the first model class is built
        "  … and build one model": [py, "-c", ONE_MODEL],
        "ictscore compute": [py, "-m", "ictscore", "compute", str(DEFAULT)],
        "ictscore compute (3,321 communes)": [py, "-m", "ictscore", "compute", str(COMMUNES)],
    }

    def run(cmd: list[str]) -> tuple[float, float]:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True, env=env)
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        return wall, cpu

    for cmd in cmds.values():
        run(cmd)
    walls: dict[str, list[float]] = {name: [] for name in cmds}
    cpus: dict[str, list[float]] = {name: [] for name in cmds}
    for _ in range(runs):
        for name, cmd in cmds.items():
            wall, cpu = run(cmd)
            walls[name].append(wall)
            cpus[name].append(cpu)
    base = "python -c 'import pydantic'"
    bw, bc = statistics.median(walls[base]), statistics.median(cpus[base])
    print(f"(a) start-up, median of {runs} interleaved runs (wall time; CPU time of the process):")
    for name in cmds:
        w, c = statistics.median(walls[name]), statistics.median(cpus[name])
        print(
            f"    {name:36s} {w * 1000:7.1f} ms  {w / bw:4.2f}× import pydantic   "
            f"CPU {c * 1000:7.1f} ms  {c / bc:4.2f}×"
        )
    print("    target: ictscore compute at most 2.00× import pydantic")


# --- synthetic frameworks ---------------------------------------------------------------------


def synthetic(rule: dict[str, Any], indicators: int = 100, groups: int = 10) -> Criteria:
    per = indicators // groups
    inds = [
        {
            "id": f"i{k}",
            "name_vi": f"i{k}",
            "name_en": f"i{k}",
            "range": [0, 100],
            "rule": rule,
        }
        for k in range(indicators)
    ]
    aggs = [
        {
            "id": f"g{g}",
            "name_vi": f"g{g}",
            "name_en": f"g{g}",
            "method": "weighted_mean",
            "children": [{"node": f"i{g * per + j}", "weight": 1 + j % 3} for j in range(per)],
        }
        for g in range(groups)
    ]
    aggs.append(
        {
            "id": "total",
            "name_vi": "total",
            "name_en": "total",
            "method": "sum",
            "children": [{"node": f"g{g}"} for g in range(groups)],
        }
    )
    fw = {
        "id": "bench",
        "name_vi": "bench",
        "name_en": "bench",
        "edition": "1",
        "entities": "communes",
        "publisher": "bench",
        "root": "total",
    }
    return Criteria(
        CriteriaFile.model_validate({"framework": fw, "indicator": inds, "aggregate": aggs})
    )


def baseline(crit: Criteria, n: int, rng: random.Random) -> Result:
    ids = tuple(f"e{i}" for i in range(n))
    inputs: dict[str, tuple[float | None, ...]] = {
        ind.id: tuple(rng.uniform(0, 100) for _ in range(n)) for ind in crit.indicators()
    }
    for agg in crit.aggregates():
        inputs[agg.id] = (None,) * n
    return Engine(crit).compute_inputs(ids, {e: e for e in ids}, inputs)


# --- (b) one edit -----------------------------------------------------------------------------


def one_edit(runs: int) -> None:
    print("(b) recompute after one changed value (Engine.update + ranks of the nodes it reached):")
    rules = {
        "ratio (ignores peers)": {"type": "ratio", "points": 10, "target": 100},
        "minmax (across peers)": {"type": "minmax", "points": 10},
    }
    targets = {63: 2.0, 10_000: 200.0}
    for label, rule in rules.items():
        crit = synthetic(rule)
        engine = Engine(crit)
        for n, target in targets.items():
            rng = random.Random(n)
            base = baseline(crit, n, rng)

            def edit(
                base: Result = base,
                n: int = n,
                rng: random.Random = rng,
                engine: Engine = engine,
                crit: Criteria = crit,
            ) -> None:
                eid = f"e{rng.randrange(n)}"
                node = f"i{rng.randrange(100)}"
                after = engine.update(base, eid, node, rng.uniform(0, 100))
                for nid in (node, *crit.ancestors(node)):
                    _ = after.ranks[nid]

            ms = median_ms(edit, runs if n < 1000 else max(5, runs // 4))
            verdict = "ok" if ms < target else "OVER"
            print(
                f"    {label:24s} {n:6d} × 100: {ms:8.3f} ms  (target < {target:g} ms: {verdict})"
            )


# --- (c) flat weighted sum --------------------------------------------------------------------


def flat(runs: int) -> None:
    n, m = 10_000, 100
    rng = random.Random(3)
    matrix = [[rng.uniform(0, 1) for _ in range(m)] for _ in range(n)]
    weights = [rng.uniform(0.5, 2.0) for _ in range(m)]
    inds = [
        {
            "id": f"c{k}",
            "name_vi": f"c{k}",
            "name_en": f"c{k}",
            "range": [0, 1],
            "rule": {"type": "direct"},
        }
        for k in range(m)
    ]
    agg = {
        "id": "wsm",
        "name_vi": "wsm",
        "name_en": "wsm",
        "method": "weighted_mean",
        "children": [{"node": f"c{k}", "weight": weights[k]} for k in range(m)],
    }
    fw = {
        "id": "flat",
        "name_vi": "flat",
        "name_en": "flat",
        "edition": "1",
        "entities": "communes",
        "publisher": "bench",
        "root": "wsm",
    }
    crit = Criteria(
        CriteriaFile.model_validate({"framework": fw, "indicator": inds, "aggregate": [agg]})
    )
    engine = Engine(crit)
    ids = tuple(f"e{i}" for i in range(n))
    names = {e: e for e in ids}
    inputs: dict[str, tuple[float | None, ...]] = {
        f"c{k}": tuple(row[k] for row in matrix) for k in range(m)
    }
    inputs["wsm"] = (None,) * n

    def ours() -> None:
        _ = engine.compute_inputs(ids, names, inputs).ranks["wsm"]

    print(f"(c) flat weighted sum, {n:,} × {m}, scored and ranked, median of {runs} runs:")
    mine = median_ms(ours, runs)
    print(f"    ictscore Engine.compute_inputs + rank  {mine:8.1f} ms")
    try:
        import numpy as np
        from pymcdm.methods import WSM
    except ImportError:
        print("    pymcdm not installed: comparison skipped (pip install pymcdm to run it)")
        return
    arr = np.array(matrix)
    w = np.array(weights) / sum(weights)
    types = np.ones(m)
    wsm = WSM()
    # pymcdm's WSM normalises each column by its sum first; ictscore's 'direct' rule takes the
    # values as scores. Both then weight, sum and rank 10,000 × 100 numbers.
    theirs = median_ms(lambda: wsm.rank(wsm(arr, w, types)), runs)
    print(f"    pymcdm WSM + rank                      {theirs:8.1f} ms")
    print(f"    ratio ictscore / pymcdm: {mine / theirs:.2f} (target ≤ 1)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer runs")
    ap.add_argument("--only", choices=["a", "b", "c"], help="run one part")
    args = ap.parse_args()
    runs = 5 if args.quick else 21
    if args.only in (None, "a"):
        cli(runs)
    if args.only in (None, "b"):
        one_edit(runs * 3)
    if args.only in (None, "c"):
        flat(max(3, runs // 3))


if __name__ == "__main__":
    main()
