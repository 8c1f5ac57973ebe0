"""Chosen cost against the budget, as a bar that turns red past the budget, with where the
chosen levers put the focus entity."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ictscore.presentation import display
from ictscore.tui.i18n import tr


class BudgetBar(Static):
    def show(
        self, cost: float, budget: float | None, score: str, rank: int, lang: str, width: int
    ) -> None:
        head = f"{tr('Chosen', lang)}: {display.money_short(cost, lang)}"
        line = Text()
        if budget is None:
            line.append(f"{head} — {tr('no budget (press b)', lang)}")
        else:
            over = cost > budget + 1e-6
            share = cost / budget if budget > 0 else (0.0 if cost <= 0 else 2.0)
            tail = f" / {display.money_short(budget, lang)} ({display.percent(share, 0, lang)})"
            room = max(10, width - len(head) - len(tail) - 4)
            filled = min(room, round(min(share, 1.0) * room))
            line.append(head + " ")
            line.append("█" * filled, "red" if over else "green")
            line.append("░" * (room - filled), "dim")
            line.append(tail, "bold red" if over else "")
            if over:
                line.append(f"\n{tr('Over the budget', lang)}", "bold red")
        line.append(f"\n{tr('Score', lang)} {score} · {tr('Rank', lang)} {rank}")
        self.update(line)
