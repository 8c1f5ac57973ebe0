"""The long fuzzing run: every loader and the CLI's option parsing, many thousands of inputs.

    python scripts/fuzz.py                      # 500 inputs per target
    python scripts/fuzz.py --examples 5000 --target scenario --target argv
    python scripts/fuzz.py --keep found/        # also write each failing input, one per kind

The rules checked and the mutations are tests/fuzzing.py's (the test command runs the same
with a few dozen inputs). Hypothesis generates the inputs; instead of stopping at the first
failure, every failure is recorded by kind (target and the rule broken), with how often it
happened and the first input that showed it, and the run ends with that report. Exit 1 when
anything was found, so a scheduled run can fail loudly. A failing input belongs in
tests/bad_inputs/ once fixed (one folder per kind).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fuzzing import TARGETS, Mutation, Target, fuzz_argv, fuzz_file, kind_of  # noqa: E402
from tests.fuzzing_strategies import argv_lists, mutation_lists  # noqa: E402


def _fuzz_target(
    target: Target,
    cfg: settings,
    tried: Counter[str],
    counts: Counter[tuple[str, str]],
    found: dict[tuple[str, str], bytes | list[str]],
) -> None:
    @cfg
    @given(mutation_lists())
    def one_file(mutations: list[Mutation]) -> None:
        tried[target.name] += 1
        why, data = fuzz_file(target, mutations)
        if why is not None:
            key = (target.name, kind_of(why))
            counts[key] += 1
            found.setdefault(key, data)

    one_file()


def run(names: list[str], examples: int, keep: Path | None) -> int:
    found: dict[tuple[str, str], bytes | list[str]] = {}
    counts: Counter[tuple[str, str]] = Counter()
    tried: Counter[str] = Counter()
    cfg = settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    for name in names:
        start = time.perf_counter()
        if name == "argv":

            @cfg
            @given(argv_lists())
            def one_argv(args: list[str]) -> None:
                tried["argv"] += 1
                why = fuzz_argv(args)
                if why is not None:
                    key = ("argv", kind_of(why))
                    counts[key] += 1
                    found.setdefault(key, args)

            one_argv()
        else:
            _fuzz_target(TARGETS[name], cfg, tried, counts, found)
        took = time.perf_counter() - start
        print(f"{name}: {tried[name]} inputs in {took:.1f} s", file=sys.stderr)
    print(f"\n{sum(tried.values())} inputs, {len(found)} kinds of failure")
    for k, (key, example) in enumerate(sorted(found.items(), key=lambda kv: kv[0])):
        target, why = key
        print(f"- [{target}] {why} ({counts[key]} times)")
        if isinstance(example, list):
            print(f"    ictscore {' '.join(repr(a) for a in example)}")
        else:
            print("    " + example[:300].decode("utf-8", errors="replace").replace("\n", "\n    "))
        if keep is not None:
            keep.mkdir(parents=True, exist_ok=True)
            suffix = ".argv" if isinstance(example, list) else f".{TARGETS[target].broken}"
            out = keep / f"{k + 1:02d}-{target}{suffix}"
            out.write_bytes("\n".join(example).encode() if isinstance(example, list) else example)
    return 1 if found else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--examples", type=int, default=500, help="inputs per target (500)")
    ap.add_argument(
        "--target",
        action="append",
        choices=[*TARGETS, "argv"],
        help="only these targets (repeatable; all by default)",
    )
    ap.add_argument("--keep", type=Path, help="write each failing input into this folder")
    args = ap.parse_args()
    return run(args.target or [*TARGETS, "argv"], args.examples, args.keep)


if __name__ == "__main__":
    sys.exit(main())
