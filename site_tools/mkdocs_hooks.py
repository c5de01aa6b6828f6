"""MkDocs hooks: serve mermaid from the site itself instead of a CDN.

Material draws ``mermaid`` fences with a script that it fetches from unpkg at run time unless a global
``mermaid`` already exists. Readers behind a slow or blocked CDN would see raw diagram text, so the
hook takes mermaid's browser bundle from the npm registry once (``npm pack``, checked against the
registry's published sha512), keeps it in ``.cache/``, and adds it to the built site. The template
override in ``overrides/main.html`` loads it only on pages that contain a diagram.
"""

from __future__ import annotations

import base64
import hashlib
import io
import shutil
import subprocess
import tarfile
import tempfile
import urllib.request
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from site_tools.benchmark_tables import fill_tables
from site_tools.outputs import show_example_values

MERMAID_VERSION = "11.17.2"
MERMAID_INTEGRITY = (
    "sha512-V6K3C8EBdEsPFZXSKMJe6ppQOENxuHARr9GvHX4hh47lAbhMRD9qf4oEK7LoaRQxULMa80/qt5gHO73aCleBBg=="
)
MERMAID_SITE_PATH = f"assets/vendor/mermaid-{MERMAID_VERSION}.min.js"
_TARBALL_URL = f"https://registry.npmjs.org/mermaid/-/mermaid-{MERMAID_VERSION}.tgz"
_MEMBER = "package/dist/mermaid.min.js"


def _integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def _download_tarball() -> bytes:
    """The package tarball, through npm (which honours the user's registry and proxy) or plain HTTPS."""
    npm = shutil.which("npm")
    if npm:
        with tempfile.TemporaryDirectory() as tmp:
            result = subprocess.run(
                [npm, "pack", f"mermaid@{MERMAID_VERSION}", "--silent", "--pack-destination", tmp],
                capture_output=True,
                text=True,
                timeout=300,
            )
            tarballs = list(Path(tmp).glob("*.tgz"))
            if result.returncode == 0 and tarballs:
                return tarballs[0].read_bytes()
    with urllib.request.urlopen(_TARBALL_URL, timeout=120) as response:
        return response.read()


def ensure_mermaid(cache_dir: Path) -> Path:
    """Return the path of mermaid's browser bundle, fetching it into ``cache_dir`` the first time."""
    target = cache_dir / f"mermaid-{MERMAID_VERSION}.min.js"
    if target.is_file():
        return target
    try:
        tarball = _download_tarball()
    except OSError as error:
        raise PluginError(
            f"mermaid {MERMAID_VERSION} is needed to draw diagrams without a CDN, and it could not be "
            f"fetched from the npm registry ({error}). Connect once, or put mermaid.min.js from the "
            f"npm package mermaid@{MERMAID_VERSION} at {target}."
        ) from error
    if _integrity(tarball) != MERMAID_INTEGRITY:
        raise PluginError(f"the mermaid {MERMAID_VERSION} tarball does not match its published sha512")
    with tarfile.open(fileobj=io.BytesIO(tarball)) as archive:
        member = archive.extractfile(_MEMBER)
        if member is None:
            raise PluginError(f"{_MEMBER} is missing from mermaid {MERMAID_VERSION}")
        data = member.read()
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    partial.write_bytes(data)
    partial.replace(target)
    return target


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.extra["mermaid_js"] = MERMAID_SITE_PATH
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    cache_dir = Path(config.config_file_path).parent / ".cache"
    bundle = ensure_mermaid(cache_dir)
    files.append(File.generated(config, MERMAID_SITE_PATH, abs_src_path=str(bundle)))
    return files


def on_page_markdown(markdown: str, page: Page, **kwargs) -> str:
    """Fill the benchmark tables' placeholders from the recorded data (see benchmark_tables.py),
    and show Output blocks' example values without their braces (see outputs.py)."""
    markdown = fill_tables(markdown, Path(page.file.abs_src_path), page.file.src_uri)
    return show_example_values(markdown)
