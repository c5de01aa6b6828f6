"""site_tools/page_process.py: which files a forked page process counts as the repository's own."""

from __future__ import annotations

import os
import sys

import numpy
import pytest

from site_tools import page_process
from site_tools.page_process import _in_repository
from site_tools.paths import ROOT


def test_the_repository_s_files_are_its_own():
    assert _in_repository(str(ROOT / "snippets" / "blocks" / "freeze.py"))
    assert _in_repository(str(ROOT / "site_tools" / "page_process.py"))
    assert _in_repository(str(ROOT))


def test_installed_files_are_not_even_inside_the_repository():
    """The virtual environment may live in the repository (.venv/): what is installed there, and
    the interpreter's own library, is not the repository's, whichever way the path is written."""
    assert not _in_repository(numpy.__file__)
    assert not _in_repository(os.__file__)
    for prefix in {sys.prefix, os.path.realpath(sys.prefix)}:
        assert not _in_repository(os.path.join(prefix, "lib", "anything.py"))


def test_a_path_that_leads_into_the_repository_by_a_link_is_its_own(tmp_path):
    link = tmp_path / "snippets"
    link.symlink_to(ROOT / "snippets")
    assert _in_repository(str(link / "blocks" / "freeze.py"))
    assert not _in_repository(str(tmp_path / "elsewhere.py"))


def test_the_installed_folders_end_with_a_separator():
    """So that a sibling folder whose name starts like the environment's (.venv-old) is not taken
    for it."""
    assert page_process.INSTALLED and all(
        folder.endswith(os.sep) for folder in page_process.INSTALLED
    )


def test_a_block_that_hangs_is_stopped_and_the_failure_shows_where():
    process = page_process.PageProcess()
    try:
        hang = page_process.Segment("import time\n\ntime.sleep(600)\n", "hangs.py", (1, 2, 3))
        with pytest.raises(page_process.PageFailed) as failed:
            process.run([hang], timeout=1)
    finally:
        process.close()
    message = str(failed.value)
    assert message.startswith("the block ran for more than 1 s and was stopped"), message
    assert 'File "hangs.py", line 3 in <module>' in message, message
