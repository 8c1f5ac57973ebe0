"""The vocabulary of scoring: rule types and aggregation methods, each one module.

A rule module owns everything about its rule: the pydantic model of its TOML table, how it
scores one value and a whole column, its numpy form for the Monte Carlo, its bounds, its
inverse for goal seeking, the values where its score steps, and its description (a message key
with data, never a sentence). The engine, the batch evaluator, goal seeking, bounds and the
words shown to planners all ask the registry, so a new rule type is one new module here.

This package is the lowest layer: it imports nothing else of ictscore, so the file models
above it can build their `rule` field from the registry.
"""
