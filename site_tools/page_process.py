"""Fresh Pythons in milliseconds: pages and snippets run in processes forked from a warm one.

A reader runs a page's blocks in a new Python, and a snippet as ``python snippets/x.py``. Starting a
new interpreter and importing torch costs seconds; the work of most blocks costs milliseconds. So
one *fork server* (the standard library's ``multiprocessing`` ``forkserver``) imports torch and the
other heavy libraries once, runs no torch operation, and every page or snippet then runs in a
process forked from it:

* Its ``__main__`` namespace is new and empty: a name the page does not define or import is
  missing, exactly as in a reader's Python. Modules already imported only make ``import`` fast.
* A page runs in an empty folder of its own outside the repository, with one thing in it: a link
  to the repository's ``snippets/`` folder, as a reader who follows the pages from a clone's root
  (or next to a downloaded ``snippets/``) has it, so that ``python snippets/x.py`` works there.
  Nothing of the repository is on ``sys.path`` (for a snippet run as a script: its own folder
  only, as ``python snippets/x.py`` has it).
* Nothing it does (threads set, globals changed, a module patched) reaches another page.

This module is imported by the fork server, so it imports nothing heavy itself: of the rest of
``site_tools``, only ``paths``.
"""

from __future__ import annotations

import ast
import faulthandler
import io
import multiprocessing
import multiprocessing.forkserver as forkserver
import os
import runpy
import signal
import sys
import tempfile
import time
import traceback
import types
from contextlib import redirect_stdout
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from site_tools.paths import ROOT

# Imported once by the fork server, so that no page or snippet pays for them.
PRELOAD = [
    "torch",
    "numpy",
    "psutil",
    "matplotlib.pyplot",
    "sklearn.datasets",
    "sklearn.model_selection",
    # What an optimizer's first step imports (torch.optim asks torch._dynamo whether it is being
    # compiled), and what torch.compile imports: seconds in each page and snippet that use them.
    "torch._dynamo",
    "torch._inductor.compile_fx",
]
ENVIRONMENT = {
    "MPLBACKEND": "Agg",  # plots are written to files, never shown in a window
    # Waiting OpenMP threads sleep instead of spinning. Only the timing changes: with pytest-xdist,
    # pages run side by side, and spinning threads of one page would take the cores of another.
    "OMP_WAIT_POLICY": "PASSIVE",
}
REPOSITORY = ROOT
NICENESS = 10  # how much lower than the test run's the priority of a page's Python is
# A block that runs longer is stopped, and the test fails with the stacks of its threads: a hang
# (a deadlock in a library, a collective that waits for a process that never comes) must fail the
# run, not stall it. The longest block takes about 10 s.
BLOCK_TIMEOUT = 300


@dataclass(frozen=True)
class Segment:
    """Code to compile under ``filename``, with the line of that file that each line stands on."""

    text: str
    filename: str
    line_map: tuple[int, ...]


@dataclass(frozen=True)
class Failure:
    """An exception raised by a page's code in its process: what a reader's Python would show."""

    printed: str  # what the block printed before the exception
    traceback: str  # formatted as Python formats it, frames of the page's code and snippets only
    exception: str  # the exception's type name, e.g. "IndexError"


@dataclass(frozen=True)
class Displayed:
    """A block that ends with an expression whose value Jupyter would show under the cell."""

    printed: str
    value_type: str  # e.g. "MLP", "Tensor"


class PageFailed(Exception):
    """A block raised: the message is the traceback the page's own Python printed."""


def compile_mapped(segment: Segment) -> types.CodeType:
    """Compile ``segment.text`` as if each of its lines stood at ``line_map[i]`` of its file."""
    return compile(_mapped_tree(segment), segment.filename, "exec", dont_inherit=True)


def compile_cell(segment: Segment) -> tuple[types.CodeType, types.CodeType | None]:
    """As ``compile_mapped``, but a last statement that is an expression is compiled apart, to be
    evaluated: in Jupyter its value is shown under the cell (an ``Out[n]``)."""
    tree = _mapped_tree(segment)
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        expression = ast.Expression(tree.body.pop().value)
        last = compile(expression, segment.filename, "eval", dont_inherit=True)
    return compile(tree, segment.filename, "exec", dont_inherit=True), last


def _mapped_tree(segment: Segment) -> ast.Module:
    line_map = segment.line_map

    def real(number: int) -> int:
        return line_map[min(number, len(line_map)) - 1] if line_map else number

    try:
        tree = ast.parse(segment.text, segment.filename)
    except SyntaxError as error:
        if error.lineno:
            error.lineno = real(error.lineno)
        if getattr(error, "end_lineno", None):
            error.end_lineno = real(error.end_lineno)
        raise
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) is not None:
            node.lineno = real(node.lineno)
        if getattr(node, "end_lineno", None) is not None:
            node.end_lineno = max(real(node.end_lineno), node.lineno)
    return tree


# --------------------------------------------------------------------------------------------------
# The fork server


def _context() -> multiprocessing.context.ForkServerContext:
    """The fork server's context; the server is started, with ``ENVIRONMENT``, on first use."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__, *PRELOAD])
    saved = {name: os.environ.get(name) for name in ENVIRONMENT}
    os.environ.update(ENVIRONMENT)  # read by the libraries when the server imports them
    try:
        forkserver.ensure_running()
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name)
            else:
                os.environ[name] = value
    return context


# The folders of the interpreter and of its environment, as written and resolved: a path in one of
# them is installed, whatever it resolves to. Every fork asks about each of the thousands of modules
# it inherits, so the usual answer comes from a comparison of strings, not from the file system.
INSTALLED = tuple(
    {
        os.path.join(folder, "")
        for p in {sys.prefix, sys.base_prefix}
        for folder in (p, os.path.realpath(p))
    }
)


def _in_repository(path: str) -> bool:
    """A file or folder of the repository's own (its virtual environment, if inside, is not)."""
    if path.startswith(INSTALLED):
        return False
    resolved = Path(path).resolve()
    inside = resolved == REPOSITORY or REPOSITORY in resolved.parents
    installed = any(
        Path(prefix).resolve() in resolved.parents for prefix in {sys.prefix, sys.base_prefix}
    )
    return inside and not installed


def _outside_repository(paths: list[str]) -> list[str]:
    """``sys.path`` without the working directory and without anything inside the repository."""
    return [entry for entry in paths if entry and entry != "." and not _in_repository(entry)]


def _fresh_process(folder: str, first_path: str | None = None) -> None:
    """Make this forked process look like a new ``python`` started in ``folder``."""
    # Scheduling only, as OMP_WAIT_POLICY: with pytest-xdist, the pages' Pythons yield the cores
    # to the browser's sweep, the suite's longest test, when both want them; nothing they print
    # depends on it.
    os.nice(NICENESS)
    os.chdir(folder)
    os.environ.pop("PYTHONPATH", None)
    sys.path[:] = ([first_path] if first_path else []) + _outside_repository(sys.path)
    for name, module in list(sys.modules.items()):
        origin = getattr(module, "__file__", None) or ""
        if origin and name != __name__ and _in_repository(origin):
            del sys.modules[name]  # a module of this repository, imported before the fork


# --------------------------------------------------------------------------------------------------
# A page: its blocks run one after another in one __main__ namespace


def _page_main(connection: Connection, folder: str, stacks: str) -> None:
    """The loop of a page's process: run what the parent sends, answer, until it hangs up. On
    SIGUSR1 it writes the stacks of all its threads to the file ``stacks``."""
    stacks_file = open(stacks, "w", encoding="utf-8")  # open while the process lives
    faulthandler.register(signal.SIGUSR1, file=stacks_file, all_threads=True)
    _fresh_process(folder)
    sys.argv = [""]  # as in an interactive Python
    module = types.ModuleType("__main__")
    module.__dict__["__builtins__"] = __builtins__
    sys.modules["__main__"] = module  # classes defined on the page pickle by reference, as at home
    while True:
        try:
            request, payload = connection.recv()
        except EOFError:
            return
        if request == "run":
            connection.send(_run_block(payload, module.__dict__))
        elif request == "eval":
            connection.send(_evaluate(payload, module.__dict__))


def _run_block(segments: list[Segment], namespace: dict[str, Any]) -> str | Failure | Displayed:
    """Run a block as a notebook cell runs: if its last statement is an expression whose value is
    not None, Jupyter shows that value under the cell, where a plain Python shows nothing."""
    printed = io.StringIO()
    value = None
    try:
        with redirect_stdout(printed):
            for index, segment in enumerate(segments):
                code, last = compile_cell(segment)
                exec(code, namespace)
                if last is not None:
                    value = eval(last, namespace)
                    value = value if index == len(segments) - 1 else None
    except BaseException as error:  # the parent reports it, whatever it is
        return Failure(printed.getvalue(), _format(error), type(error).__name__)
    finally:
        sys.stdout.flush()
    if value is not None:
        return Displayed(printed.getvalue(), type(value).__name__)
    return printed.getvalue()


def _evaluate(request: tuple[str, dict[str, Any]], namespace: dict[str, Any]) -> Any:
    expression, names = request
    try:
        return eval(
            expression, {**namespace, **names}
        )  # a copy: the page's namespace stays as it is
    except BaseException as error:
        return Failure("", _format(error), type(error).__name__)


def _format(error: BaseException) -> str:
    """The traceback without this module's own frames: only the page's code and what it called."""
    summary = traceback.TracebackException.from_exception(error)
    summary.stack = traceback.StackSummary.from_list(
        [frame for frame in summary.stack if frame.filename != __file__]
    )
    return "".join(summary.format())


class PageProcess:
    """The Python of one page, forked from the warm server: blocks are sent to it one at a time."""

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="page-")
        (Path(self._folder.name) / "snippets").symlink_to(
            REPOSITORY / "snippets", target_is_directory=True
        )
        self._stacks = tempfile.NamedTemporaryFile(prefix="page-stacks-", suffix=".txt")
        context = _context()
        self._connection, child = context.Pipe()
        self._process = context.Process(
            target=_page_main, args=(child, self._folder.name, self._stacks.name), daemon=True
        )
        self._process.start()
        child.close()

    def _ask(self, request: str, payload: Any, timeout: float | None = None) -> Any:
        timeout = BLOCK_TIMEOUT if timeout is None else timeout
        try:
            self._connection.send((request, payload))
            if not self._connection.poll(timeout):
                raise PageFailed(self._stop_hung(timeout))
            return self._connection.recv()
        except (EOFError, BrokenPipeError, ConnectionResetError):
            self._process.join(5)
            raise PageFailed(
                f"the page's Python exited (exit code {self._process.exitcode}) "
                "while running a block"
            ) from None

    def _stop_hung(self, timeout: float) -> str:
        """Stop the page's Python after a block ran past ``timeout``; the stacks of its threads."""
        os.kill(self._process.pid, signal.SIGUSR1)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not Path(self._stacks.name).stat().st_size:
            time.sleep(0.05)
        time.sleep(0.2)  # the other threads' stacks follow the first
        stacks = Path(self._stacks.name).read_text(encoding="utf-8", errors="replace")
        self._process.kill()
        self._process.join(5)
        return (
            f"the block ran for more than {timeout:g} s and was stopped. Where its threads were:\n"
            + (stacks or "(the page's Python wrote no stacks)")
        )

    def run(
        self, segments: list[Segment], timeout: float | None = None
    ) -> str | Failure | Displayed:
        """Run a block (its segments in order); what it printed, or how it failed."""
        return self._ask("run", segments, timeout)

    def evaluate(self, expression: str, names: dict[str, Any]) -> Any:
        """The value of an expression in the page's namespace plus ``names`` (a skip directive's
        condition); the namespace itself is not changed."""
        return self._ask("eval", (expression, names))

    def close(self) -> None:
        self._connection.close()
        self._process.join(10)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
        self._folder.cleanup()
        self._stacks.close()


# --------------------------------------------------------------------------------------------------
# A snippet: `python snippets/x.py` from the repository root


@dataclass(frozen=True)
class ScriptResult:
    returncode: int
    output: str  # stdout and stderr together, as a terminal shows them


def _script_main(path: str, cwd: str, output_file: str) -> None:
    _fresh_process(cwd, first_path=str(Path(path).parent))
    os.chdir(cwd)
    with open(output_file, "wb", buffering=0) as output:
        os.dup2(output.fileno(), 1)
        os.dup2(output.fileno(), 2)
    sys.stdout = io.TextIOWrapper(os.fdopen(1, "wb", closefd=False), line_buffering=True)
    sys.stderr = io.TextIOWrapper(os.fdopen(2, "wb", closefd=False), line_buffering=True)
    sys.argv = [path]
    code = 0
    try:
        runpy.run_path(path, run_name="__main__")
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
        if exit_.code is not None and not isinstance(exit_.code, int):
            print(exit_.code, file=sys.stderr)
    except BaseException:  # printed as Python prints it, then exit 1
        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def run_script(path: Path, cwd: Path, timeout: float = 600) -> ScriptResult:
    """Run ``path`` as ``python path`` in ``cwd`` would, in a process forked from the server."""
    context = _context()
    with tempfile.NamedTemporaryFile(prefix="script-", suffix=".out") as output:
        process = context.Process(target=_script_main, args=(str(path), str(cwd), output.name))
        process.start()
        process.join(timeout)
        if process.is_alive():
            process.kill()
            process.join()
        text = Path(output.name).read_text(encoding="utf-8", errors="replace")
    return ScriptResult(process.exitcode if process.exitcode is not None else -9, text)
