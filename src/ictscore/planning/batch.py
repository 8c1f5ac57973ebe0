"""The framework evaluated on many worlds at once with numpy: arrays of draws × entities.

The Monte Carlo needs thousands of full recomputes (every peer's values move in every draw), far
beyond the one-value fast path of `Engine.update`. This module mirrors `Engine.compute_inputs`
rule by rule on float arrays of shape (draws, entities); missing values are NaN and take no part
among the peers, as None does in the engine. Category values enter as their score (fraction ×
points). The tests hold it to the engine on every bundled framework.

Only the Monte Carlo imports this module, so `ictscore compute` never pays numpy's import.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

from ictscore.engine.compute import Engine
from ictscore.engine.ranking import TIE_TOLERANCE
from ictscore.engine.result import Result
from ictscore.formats.criteria import Aggregate, Indicator
from ictscore.formats.values import Value

Array = npt.NDArray[np.float64]


def numeric(ind: Indicator, v: Value | None) -> float:
    """A raw value as the batch evaluator takes it: categories become their score."""
    if v is None:
        return float("nan")
    if ind.rule.type == "category":
        for c in ind.rule.categories:
            if c.key == v:
                return c.fraction * ind.rule.points
        raise ValueError(f"unknown category {v!r} for {ind.id}")
    return float(v)


def start_arrays(engine: Engine, result: Result) -> tuple[dict[str, Array], dict[str, Array]]:
    """Raw values per indicator (entities,); supplied scores per aggregate (NaN = computed)."""
    raw: dict[str, Array] = {}
    supplied: dict[str, Array] = {}
    for nid in engine.order:
        node = engine.criteria.nodes[nid]
        if isinstance(node, Indicator):
            raw[nid] = np.array([numeric(node, v) for v in result.raw[nid]], dtype=np.float64)
        else:
            col = result.inputs[nid]
            if any(v is not None for v in col):
                supplied[nid] = np.array(
                    [np.nan if v is None else float(v) for v in col], dtype=np.float64
                )
    return raw, supplied


class BatchEvaluator:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.criteria = engine.criteria

    def root_scores(self, raw: Mapping[str, Array], supplied: Mapping[str, Array]) -> Array:
        """Scores at the root, shape (draws, entities); `raw` arrays broadcast to that shape."""
        crit = self.criteria
        scores: dict[str, Array] = {}
        remaining = {n: len(crit.parents[n]) for n in crit.nodes}
        with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            for nid in self.engine.order:
                node = crit.nodes[nid]
                if isinstance(node, Indicator):
                    scores[nid] = score_rule(node, np.asarray(raw[nid], dtype=np.float64))
                else:
                    scores[nid] = self._aggregate(node, scores, supplied.get(nid))
                    for c, _, _ in self.engine._kids[nid]:
                        remaining[c] -= 1
                        if remaining[c] == 0 and c != crit.root:
                            del scores[c]
        return scores[crit.root]

    def _aggregate(self, agg: Aggregate, scores: Mapping[str, Array], sup: Array | None) -> Array:
        kids = self.engine._kids[agg.id]
        m = agg.method
        w = sum(f for _, f, _ in kids)
        cols = [(scores[c], f, mx) for c, f, mx in kids]
        shape = np.broadcast_shapes(*(s.shape for s, _, _ in cols)) if cols else (1,)
        if not cols:
            pre: Array = np.zeros(shape)
        elif m == "sum":
            pre = sum((s * f for s, f, _ in cols), np.zeros(shape))
        elif w <= 0:
            pre = np.where(np.isnan(sum(s for s, _, _ in cols)), np.nan, 0.0)
        elif m == "weighted_mean":
            pre = sum((s * f for s, f, _ in cols), np.zeros(shape)) / w
        elif m == "points_over_max":
            pre = sum((s * (f / mx) for s, f, mx in cols), np.zeros(shape)) / w
        else:
            nonpos = np.zeros(shape, dtype=bool)
            logs = np.zeros(shape)
            for s, f, _ in cols:
                nonpos |= s <= 0
                logs = logs + f * np.log(np.where(s > 0, s, 1.0))
                logs = np.where(np.isnan(s), np.nan, logs)
            pre = np.where(nonpos, 0.0, np.exp(logs / w))
            pre = np.where(np.isnan(logs), np.nan, pre)
        if sup is not None:
            pre = np.where(np.isnan(sup), pre, np.nan)
        if agg.cap is not None:
            pre = np.minimum(pre, agg.cap)
        if agg.rescale == "minmax":
            lo = _nan_reduce(np.fmin.reduce, pre)
            hi = _nan_reduce(np.fmax.reduce, pre)
            span = hi - lo
            scaled = np.where(span > 0, (pre - lo) / np.where(span > 0, span, 1.0), 1.0)
            pre = np.where(np.isnan(pre), np.nan, scaled)
        out = pre * agg.scale
        if sup is not None:
            out = np.where(np.isnan(sup), out, sup)
        return out


def _nan_reduce(fn: object, a: Array) -> Array:
    """Reduce over entities ignoring NaN (fmin/fmax skip NaN); all-NaN rows give NaN."""
    return np.asarray(fn(a, axis=-1, keepdims=True), dtype=np.float64)  # type: ignore[operator]


def score_rule(ind: Indicator, x: Array) -> Array:
    """`rules.score_column` on arrays: the last axis holds the peers."""
    r = ind.rule
    higher = ind.direction == "higher"
    if r.type == "direct" or r.type == "category":
        out = x
    elif r.type == "ratio":
        if higher:
            frac = x / r.target
        else:
            frac = np.where(x <= 0, r.cap, r.target / np.where(x == 0, 1.0, x))
        out = np.minimum(frac, r.cap) * r.points
    elif r.type == "steps":
        out = np.full(x.shape, r.otherwise)
        for s in r.steps:
            reached = x >= s.at if higher else x <= s.at
            out = np.where(reached, np.maximum(out, s.points), out)
    elif r.type == "yes_no":
        out = np.where(x >= 0.5, r.points, 0.0)
    elif r.type == "goalposts":
        gspan = r.upper - r.lower
        frac = (x - r.lower) / gspan if higher else (r.upper - x) / gspan
        out = np.clip(frac, 0.0, 1.0) * r.points
    elif r.type == "bonus":
        out = np.clip(x * r.per_unit, r.min, r.max)
    elif r.type == "relative_to_best":
        if higher:
            best = _nan_reduce(np.fmax.reduce, x)
            out = np.where(best <= 0, 0.0, x / np.where(best > 0, best, 1.0) * r.points)
        else:
            best = _nan_reduce(np.fmin.reduce, x)
            out = np.where(x <= 0, r.points, best / np.where(x == 0, 1.0, x) * r.points)
    elif r.type == "minmax":
        lo = _nan_reduce(np.fmin.reduce, x)
        hi = _nan_reduce(np.fmax.reduce, x)
        span = hi - lo
        safe = np.where(span > 0, span, 1.0)
        frac = (x - lo) / safe if higher else (hi - x) / safe
        out = np.where(span > 0, frac * r.points, r.points)
    else:  # zscore
        out = _zscore(x, 1.0 if higher else -1.0)
    if np.isnan(x).any():
        out = np.where(np.isnan(x), np.nan, out)
    return out


def _zscore(x: Array, sign: float) -> Array:
    """Population z-scores over the peers (the last axis), ignoring NaN; 0 when all are equal."""
    if np.isnan(x).any():
        valid = ~np.isnan(x)
        n = valid.sum(axis=-1, keepdims=True)
        n_safe = np.where(n > 0, n, 1)
        mean = np.where(valid, x, 0.0).sum(axis=-1, keepdims=True) / n_safe
        var = np.where(valid, (x - mean) ** 2, 0.0).sum(axis=-1, keepdims=True) / n_safe
    else:
        mean = x.mean(axis=-1, keepdims=True)
        var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    sd = np.sqrt(var)
    return np.asarray(
        np.where(sd > 0, sign * (x - mean) / np.where(sd > 0, sd, 1.0), 0.0), dtype=np.float64
    )


def focus_ranks(scores: Array, i: int, ties: str = "competition") -> npt.NDArray[np.int64]:
    """The rank of entity `i` in every row, by the engine's tie rule (NaN scores unranked)."""
    s = np.where(np.isnan(scores), -np.inf, scores)
    mine = s[:, i : i + 1]
    tol = TIE_TOLERANCE * np.maximum(1.0, np.abs(s))
    above = s - mine > tol
    if ties == "ordinal":
        equal = ~above & (mine - s <= TIE_TOLERANCE * np.maximum(1.0, np.abs(mine)))
        before = np.zeros(s.shape, dtype=bool)
        before[:, :i] = True
        return np.asarray(1 + above.sum(axis=1) + (equal & before).sum(axis=1), dtype=np.int64)
    if ties == "dense":
        srt = -np.sort(-np.where(above, s, -np.inf), axis=1)
        with np.errstate(invalid="ignore"):
            gap = np.diff(srt, axis=1, prepend=np.inf)
        new = (-gap > TIE_TOLERANCE * np.maximum(1.0, np.abs(srt))) & np.isfinite(srt)
        return np.asarray(1 + new.sum(axis=1), dtype=np.int64)
    return np.asarray(1 + above.sum(axis=1), dtype=np.int64)
