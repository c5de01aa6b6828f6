"""The GitHub Actions workflows, checked here by a linter (zizmor, installed from PyPI into .venv/):
syntax, and the usual security mistakes (unpinned actions, broad permissions, credentials left in
the checkout, template injection). Fast and offline."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from site_tools.paths import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def test_workflows_pass_the_linter():
    zizmor = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or shutil.which("zizmor")
    assert zizmor, "zizmor is missing: `make test` installs it (pip install -e .)"
    result = subprocess.run(
        [zizmor, "--offline", "--persona=pedantic", "--no-progress", str(WORKFLOWS)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"zizmor found problems:\n{result.stdout}\n{result.stderr}"


def test_the_site_is_built_strictly_and_published_on_github_pages():
    workflow = yaml.safe_load((WORKFLOWS / "publish.yml").read_text(encoding="utf-8"))
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    commands = " ".join(step.get("run", "") for step in build["steps"])
    assert "mkdocs build --strict" in commands and "tools/setup-venv.sh" in commands
    uses = [step.get("uses", "").split("@")[0] for job in (build, deploy) for step in job["steps"]]
    assert {
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    } <= set(uses)
    site_url = next(
        step["env"]["SITE_URL"] for step in build["steps"] if "SITE_URL" in step.get("env", {})
    )
    assert "steps.pages.outputs.base_url" in site_url, "a fork must publish under its own address"
