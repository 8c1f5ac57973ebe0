"""Column labels of a comparison: distinct whatever the scenarios are called."""

from __future__ import annotations

from ictscore.planning.compare import distinct_labels


def test_distinct_names_stay_bare() -> None:
    assert distinct_labels(["A", "B"], ["a", "b"]) == ("A", "B")


def test_a_shared_name_is_told_apart_by_the_file_stem() -> None:
    assert distinct_labels(["A", "A", "B"], ["plan", "copy", "b"]) == ("A (plan)", "A (copy)", "B")


def test_a_shared_name_and_stem_get_a_counter() -> None:
    got = distinct_labels(["A", "A", "A"], ["plan", "plan", "other"])
    assert got == ("A (plan) #1", "A (plan) #2", "A (other)")


def test_without_files_a_counter_alone_tells_them_apart() -> None:
    assert distinct_labels(["A", "A"], [None, None]) == ("A #1", "A #2")


def test_a_counter_never_repeats_a_label_already_taken() -> None:
    got = distinct_labels(["A", "A", "A #1"], [None, None, None])
    assert got == ("A #2", "A #3", "A #1")
    assert len(set(got)) == 3
