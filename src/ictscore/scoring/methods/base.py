"""What an aggregation method provides: combining its children's scores, alone or as arrays.

A method sees each child as (factor, maximum): the factor is the child's weight or points (1
when it has neither), the maximum is the highest score the child can take (from the bounds).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ictscore.scoring.base import Array, Bounds, Message

Combine = Callable[[Sequence[float]], float]
CombineArrays = Callable[[Sequence[Array]], Array]


@dataclass(frozen=True)
class Kid:
    factor: float
    bounds: Bounds


class Method:
    name: str = ""

    def compile(self, kids: Sequence[Kid]) -> Combine:
        """One entity's result from its children's scores (in the order of `kids`)."""
        raise NotImplementedError

    def compile_array(self, kids: Sequence[Kid]) -> CombineArrays:
        """`compile` on arrays of scores, NaN where a child has none."""
        raise NotImplementedError

    def bounds(self, kids: Sequence[Kid]) -> Bounds:
        raise NotImplementedError

    def check_child(self, bounds: Bounds) -> str | None:
        """Why a child with these bounds cannot be combined by this method (None: it can)."""
        return None

    def describe(self) -> Message:
        return Message(f"method.{self.name}", {})


def total_factor(kids: Sequence[Kid]) -> float:
    return math.fsum(k.factor for k in kids)
