"""snippets/performance/overheads.py: where the GPU starts to win, read from measured rows."""

from __future__ import annotations

from site_tools.paths import load_snippet

overheads = load_snippet("snippets/performance/overheads.py")


def test_crossover_finds_the_first_batch_from_which_the_faster_side_always_wins():
    def rows(times):
        return [{"batch": b, "width": 8, "seconds": t} for b, t in times.items()]

    slow = rows({1: 1.0, 10: 2.0, 100: 3.0, 1000: 4.0})
    assert overheads.crossover(slow, rows({1: 2.0, 10: 1.0, 100: 4.0, 1000: 1.0})) == {8: 1000}
    assert overheads.crossover(slow, rows({1: 0.5, 10: 1.0, 100: 1.0, 1000: 1.0})) == {8: 1}
    assert overheads.crossover(slow, rows({1: 2.0, 10: 3.0, 100: 4.0, 1000: 5.0})) == {8: None}
