"""Every page under docs/ is a test file: see site_tools/harness.py for the rules."""

from site_tools.harness import make_sybil
from site_tools.paths import CONFIG, DOCS

# pytester: the harness's tests run pytest itself on fixture pages (tests/site_tools/)
pytest_plugins = ["site_tools.pytest_plugin", "pytester"]
pytest_collect_file = make_sybil(CONFIG, DOCS).pytest()
