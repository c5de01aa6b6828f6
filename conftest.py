"""Every page under docs/ is a test file: see site_tools/harness.py for the rules."""

from pathlib import Path

from site_tools.harness import make_sybil

ROOT = Path(__file__).parent

pytest_collect_file = make_sybil(ROOT / "mkdocs.yml", ROOT / "docs").pytest()
