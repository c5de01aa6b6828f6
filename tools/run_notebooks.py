"""Run every page's notebook top to bottom in a fresh Jupyter kernel, and compare what each cell
prints with the page's Output block (the harness's own checker, ``outputs.matches``).

    .venv/bin/python tools/run_notebooks.py [docs/x.md ...]

Not part of ``make test`` (tests/test_notebooks.py runs one page's notebook this way): it starts a
kernel per page and runs everything, benchmarks included. Each notebook runs as a reader's would,
in an empty folder outside the repository with a link to ``snippets/``. It reports, per page, the
time and every cell (except those tagged ``raises-exception``: they need a GPU) that raised,
printed something else than the page shows, wrote to stderr, or ended in a bare expression whose
value Jupyter displays (the page's Output block does not show it).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from site_tools.harness import PythonBlock, make_sybil
from site_tools.notebooks import page_notebook
from site_tools.outputs import matches, normalise
from site_tools.paths import CONFIG, DOCS, ROOT, SNIPPETS, pages, rel


def problems(page: Path) -> tuple[float, list[str]]:
    notebook = page_notebook(page)
    document = make_sybil(CONFIG, DOCS).parse(page)
    blocks = [e.parsed for e in document.examples() if isinstance(e.parsed, PythonBlock)]
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="notebook-") as folder:
        (Path(folder) / "snippets").symlink_to(SNIPPETS, target_is_directory=True)
        client = NotebookClient(
            notebook, timeout=900, kernel_name="python3", resources={"metadata": {"path": folder}}
        )
        try:
            client.execute()
            stopped = None
        except CellExecutionError as error:
            stopped = str(error).strip().splitlines()[-1]
    seconds = time.perf_counter() - start
    found = [f"stopped: {stopped}"] if stopped else []
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    for cell, block in zip(code, blocks, strict=True):
        where = f"{rel(page)}:{block.first_line}"
        kinds = {output.output_type: output for output in cell.outputs}
        tagged = "raises-exception" in cell.metadata.get("tags", [])
        if tagged:  # it needs a GPU: without one, failing or printing something else is expected
            continue
        if "error" in kinds:
            error = kinds["error"]
            found.append(f"{where}: raised {error.ename}: {error.evalue}")
            continue
        if "execute_result" in kinds:
            shown = kinds["execute_result"].data.get("text/plain", "").splitlines()[0]
            found.append(f"{where}: a bare expression's value is displayed: {shown}")
        stdout = "".join(o.text for o in cell.outputs if o.get("name") == "stdout")
        stderr = "".join(o.text for o in cell.outputs if o.get("name") == "stderr")
        if stderr.strip():
            found.append(f"{where}: wrote to stderr: {stderr.strip().splitlines()[-1]}")
        if not matches(normalise(block.expected or ""), normalise(stdout)) and cell.execution_count:
            found.append(f"{where}: printed something else than the Output block")
    return seconds, found


def main(arguments: list[str]) -> int:
    chosen = [ROOT / argument for argument in arguments] or pages()
    total, failed = 0.0, 0
    for page in chosen:
        seconds, found = problems(page)
        total += seconds
        failed += bool(found)
        print(f"{seconds:7.1f} s  {rel(page)}" + ("" if found else "  ok"), flush=True)
        for problem in found:
            print(f"           {problem}", flush=True)
    print(f"{total:7.1f} s  {len(chosen)} notebooks, {failed} with problems")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
