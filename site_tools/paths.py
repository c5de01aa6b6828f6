"""Where the site's things are, defined once for the harness, the tests and the tools."""

from __future__ import annotations

import importlib.util
import sys
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.yml"
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
# The Chinese edition: docs/zh/<path> translates docs/<path> (site_tools/i18n.py builds it).
ZH_DOCS = DOCS / "zh"


def rel(path: Path) -> str:
    """A path as the repository names it: ``docs/modules/hooks.md``."""
    return Path(path).resolve().relative_to(ROOT).as_posix()


def pages() -> list[Path]:
    """Every Markdown page of the site, in English: the pages whose blocks are run."""
    return sorted(page for page in DOCS.rglob("*.md") if not page.is_relative_to(ZH_DOCS))


def zh_pages() -> list[Path]:
    """Every page of the Chinese edition that exists (tests/test_translations.py checks there is
    one for each English page)."""
    return sorted(ZH_DOCS.rglob("*.md"))


def translation_of(english: Path) -> Path:
    """Where the Chinese edition keeps a page (or a lab) of ``docs/``."""
    return ZH_DOCS / Path(english).resolve().relative_to(DOCS)


def english_of(translated: Path) -> Path:
    """The English page that a page of ``docs/zh/`` translates."""
    return DOCS / Path(translated).resolve().relative_to(ZH_DOCS)


def snippet_files() -> list[Path]:
    """Every snippet a page can embed."""
    return sorted(path for path in SNIPPETS.rglob("*.py") if path.name != "__init__.py")


def load_snippet(path: str | Path) -> types.ModuleType:
    """Import a snippet file as a module, by path, as a reader imports a file they downloaded. Its
    own folder is put on ``sys.path`` while it loads, as ``python snippets/x.py`` would have it."""
    path = ROOT / path
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    sys.path.insert(0, str(path.parent))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(path.parent))
    return module
