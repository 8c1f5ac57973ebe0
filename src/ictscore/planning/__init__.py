"""Planning on top of the engine.

Faces call `planner` (plan, goal_seek, cheapest) and `whatif`/`compare`; the rest are the parts:
`seek` (one indicator), `combine` (several, with a cost per unit), `levers` and `optimise`
(a budget), `attribution` (why a rank moved), `peers` (next year), and `montecarlo`/`batch`
(numpy, imported only when a Monte Carlo runs).
"""
