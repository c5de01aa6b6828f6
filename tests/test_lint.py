"""ruff, configured in pyproject.toml, over the site's code: the snippets and labs readers run, the
tooling, the tests and the tools."""

from __future__ import annotations

import subprocess
import sys

from site_tools.paths import ROOT

CHECKED = ["site_tools", "tests", "tools", "snippets", "docs/labs", "conftest.py"]


def test_ruff_passes():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--output-format", "concise", *CHECKED],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
