"""snippets/performance/iris_variants.py: the faster variants still train the same model."""

from __future__ import annotations

import pytest

from site_tools.paths import load_snippet

iris_variants = load_snippet("snippets/performance/iris_variants.py")


def test_compiled_whole_step_trains_exactly_like_the_usual_loop():
    """The page's quick run skips the compiled variants (compiling takes seconds); this runs one."""
    usual_step, usual_loss = iris_variants.usual_loop("cpu")
    for _ in range(20):
        usual_step()
    compiled_step, compiled_loss = iris_variants.compiled_step_loop("cpu", steps_per_call=2)
    for _ in range(10):  # 2 epochs per call
        compiled_step()
    assert compiled_loss() == pytest.approx(usual_loss(), abs=1e-6)
