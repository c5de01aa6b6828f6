"""The tables of recorded benchmark data on the performance pages, rendered when the site is built.

A page asks for a table with a placeholder on a line of its own, an HTML comment that names the
table and the data file (relative to the page):

    <!-- benchmark-table: variants data/results-cpu.json -->

``fill_tables`` replaces each placeholder with the Markdown table, so the page always shows exactly
the recorded data (as pydantic's docs plugin fills its generated tables). An unknown table, a
missing or malformed data file, or a placeholder that cannot be read stops the build with a message
that names the page and the placeholder. Without the hook the comment shows nothing: it cannot be
mistaken for content.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from site_tools.paths import ROOT

PLACEHOLDER = re.compile(
    r"^(?P<indent>[ \t]*)(?P<comment><!--\s*benchmark-table(?P<args>.*?)-->)[ \t]*$", re.MULTILINE
)
ANY_PLACEHOLDER = re.compile(r"<!--\s*benchmark-table.*?(-->|$)", re.MULTILINE)


class TableError(PluginError):
    """A placeholder that cannot be filled: the build stops with this message."""


def snippet_function(relative_path: str, name: str) -> Callable[..., Any]:
    """A top-level function of a snippet file, compiled on its own: the tables format times and find
    crossovers with the very functions the pages show, without importing the snippet (and torch).
    Read on every call, so that `mkdocs serve` picks up an edit of the snippet."""
    path = ROOT / relative_path
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    node = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name)
    namespace: dict[str, Any] = {}
    exec(compile(ast.Module(body=[node], type_ignores=[]), str(path), "exec"), namespace)
    return namespace[name]


def format_time(seconds: float) -> str:
    return snippet_function("snippets/performance/bench.py", "format_time")(seconds)


def crossover(slow_rows: list[dict], fast_rows: list[dict]) -> dict:
    return snippet_function("snippets/performance/overheads.py", "crossover")(slow_rows, fast_rows)


def load_note(env: dict) -> str:
    load = env.get("load_average_1min") or {}
    values = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in load.items() if v is not None)
    return f"1-minute load average ({env.get('cpu_cores', '?')} cores): {values or 'not recorded'}."


def variants(results: dict) -> str:
    """The Iris training variants, timed against each other (fast-small-models.md)."""
    env = results["environment"]
    rows = [r for r in results["variants"] if "skipped" not in r]
    lines = [
        f"Recorded on {env['cpu']}, torch {env['torch']}, {env['date'][:10]}, "
        f"{rows[0]['epochs']} epochs per variant. {load_note(env)}",
        "",
        "| variant | CPU threads | per step: median chunk | fastest chunk | slowest chunk "
        "| speed-up, medians | speed-up, fastest chunks | setup (compiling) | final loss |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in results["variants"]:
        if "skipped" in row:
            lines.append(f"| {row['variant']} | | {row['skipped']} | | | | | | |")
            continue
        lines.append(
            f"| {row['variant']} | {row['threads']} | {format_time(row['per_step_s'])} | "
            f"{format_time(row['fastest_s'])} | {format_time(row['slowest_s'])} | "
            f"{row['speedup']:.1f}x | {row['speedup_fastest']:.1f}x | {row['setup_s']:.2f} s | "
            f"{row['final_loss']:.6f} |"
        )
    return "\n".join(lines)


def overheads(results: dict) -> str:
    """Time per training step against batch and width, one thread and all (overheads.md)."""
    env, peak = results["environment"], results["peak"]
    ops = results["op_costs"]
    steps = results["steps"]
    ones = [r for r in steps if r["threads"] == 1]
    manys = [r for r in steps if r["threads"] != 1]
    lines = [
        f"Recorded on {env['device_name']}, torch {env['torch']}, {env['date'][:10]}. "
        f"{load_note(env)}",
        "",
        f"| batch | width | 1 thread | {env['cpu_threads']} threads | GFLOP/s (best) |",
        "|---|---|---|---|---|",
    ]
    for one in ones:
        many = next(r for r in manys if (r["batch"], r["width"]) == (one["batch"], one["width"]))
        best = max(one["flop_per_s"], many["flop_per_s"])
        lines.append(
            f"| {one['batch']} | {one['width']} | {format_time(one['seconds'])} | "
            f"{format_time(many['seconds'])} | {best / 1e9:.2f} |"
        )
    stated = (
        f"{peak['stated_flop_per_s'] / 1e9:.1f} GFLOP/s ({peak['how']})."
        if peak["stated_flop_per_s"]
        else f"unknown ({peak['how']})."
    )
    lines += [
        "",
        f"- One `x.add_(1)` on 1 element: {format_time(ops[0]['seconds'])}; "
        f"on {ops[-1]['elements']:,} elements: {ops[-1]['ns_per_element']:.2f} ns per element.",
        f"- {env['cpu_threads']} threads beat 1 thread from batch (per width, `None`: never): "
        f"`{crossover(ones, manys)}`.",
        f"- A {peak['matmul_n']}x{peak['matmul_n']} matmul: "
        f"{peak['matmul_flop_per_s'] / 1e9:.1f} GFLOP/s. Stated peak: {stated}",
    ]

    def share(row: dict) -> str:
        return (
            f"{row['flop_per_s'] / 1e9:.1f} GFLOP/s: "
            f"{row['flop_per_s'] / peak['matmul_flop_per_s']:.0%} of the matmul"
            + (
                f", {row['flop_per_s'] / peak['stated_flop_per_s']:.0%} of the stated peak."
                if peak["stated_flop_per_s"]
                else "."
            )
        )

    largest = max(steps, key=lambda r: (r["batch"] * r["width"] ** 2, r["flop_per_s"]))
    lines.append(
        f"- The largest training step (batch {largest['batch']}, width {largest['width']}, "
        f"best of the thread settings) reaches {share(largest)}"
    )
    fastest = max(steps, key=lambda r: r["flop_per_s"])
    if (fastest["batch"], fastest["width"]) != (largest["batch"], largest["width"]):
        lines.append(
            f"- The fastest training step (batch {fastest['batch']}, width {fastest['width']}, "
            f"{fastest['threads']} thread{'s' if fastest['threads'] > 1 else ''}) "
            f"reaches {share(fastest)}"
        )
    return "\n".join(lines)


def sync_points(results: dict) -> str:
    """What each read-back of the loss costs, and total time against logging frequency
    (sync-points.md)."""
    env = results["environment"]
    lines = [
        f"Recorded on {env['cpu']}, 1 thread, torch {env['torch']}, {env['date'][:10]}. "
        f"{load_note(env)}",
        "",
        "| read-back after each step | time per step | the call alone |",
        "|---|---|---|",
    ]
    lines += [
        f"| `{r['readback']}` | {format_time(r['seconds'])} | {format_time(r['alone_s'])} |"
        for r in results["readbacks"]
    ]
    epochs = results["logging"][0]["logs"]
    lines += [
        "",
        f"| log every | logs in {epochs} epochs | total time | extra per log |",
        "|---|---|---|---|",
    ]
    for r in results["logging"]:
        extra = "" if r["extra_per_log_s"] is None else f"{r['extra_per_log_s'] * 1e6:+.1f} us"
        lines.append(f"| {r['every'] or 'never'} | {r['logs']} | {r['seconds']:.3f} s | {extra} |")
    return "\n".join(lines)


TABLES: dict[str, Callable[[dict], str]] = {
    "overheads": overheads,
    "sync-points": sync_points,
    "variants": variants,
}


def render(args: str, page_dir: Path) -> str:
    """The Markdown of one placeholder; raises ValueError with what is wrong."""
    words = args.split()
    if len(words) != 2:
        raise ValueError("write it as <!-- benchmark-table: TABLE DATA_FILE -->")
    table, data_file = words
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r} (known: {', '.join(TABLES)})")
    path = page_dir / data_file
    try:
        results = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ValueError(
            f"cannot read the data file {data_file} ({error.strerror or error})"
        ) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ValueError(f"{data_file} is not valid JSON ({error})") from None
    try:
        return TABLES[table](results)
    except (KeyError, IndexError, TypeError, ValueError, AttributeError, StopIteration) as error:
        raise ValueError(
            f"{data_file} does not hold what the table needs ({type(error).__name__}: {error})"
        ) from None


def fill_tables(markdown: str, page_path: Path, page_name: str) -> str:
    """``markdown`` with every placeholder replaced by its table; a TableError names the page and
    the placeholder."""

    def replace(match: re.Match[str]) -> str:
        args = match["args"].strip()
        if not args.startswith(":"):
            problem = "write it as <!-- benchmark-table: TABLE DATA_FILE -->"
        else:
            try:
                table = render(args[1:], page_path.parent)
            except ValueError as error:
                problem = str(error)
            else:
                return "\n".join(
                    match["indent"] + line if line else line for line in table.split("\n")
                )
        raise TableError(f"{page_name}: {match['comment']}: {problem}")

    filled = PLACEHOLDER.sub(replace, markdown)
    stray = ANY_PLACEHOLDER.search(filled)
    if stray:
        raise TableError(
            f"{page_name}: {stray[0]}: a placeholder must stand alone on its line, "
            "as <!-- benchmark-table: TABLE DATA_FILE -->"
        )
    return filled
