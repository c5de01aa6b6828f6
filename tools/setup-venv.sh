#!/usr/bin/env bash
# Creates .venv and fills it with everything the site and its tests need.
# Called by `make serve` and `make test`; safe to run again (it only adds what is missing).
# It also finds (or, with no other, downloads) the Chromium that the browser tests drive.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11, 5))' || {
    echo "error: Python 3.11.5 or newer is needed (found $("$PYTHON" --version 2>&1))." >&2
    echo "       Run with PYTHON=/path/to/python3.11 make ..." >&2
    exit 1
}

TORCH_SPEC=$("$PYTHON" - <<'PY'
import re, tomllib
deps = tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]
print(next(d for d in deps if re.match(r"torch\b", d)))
PY
)

[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
# pip warns about every unreachable local index of some machines' pip.conf; that is noise here.
pip() {
    "$VENV/bin/python" -m pip --disable-pip-version-check "$@" 2> >(grep -v "^WARNING: Location" >&2)
}

# torch first, so that the general install below finds it already satisfied.
# 1. a wheel already on this machine (pip's find-links), no download at all;
# 2. with an NVIDIA GPU, the default build from PyPI (it includes CUDA);
# 3. otherwise the CPU-only build, about a tenth of the size of the CUDA one.
if ! "$VENV/bin/python" -c 'import torch' 2>/dev/null; then
    if pip install -q --no-index --no-deps "$TORCH_SPEC" 2>/dev/null; then
        echo "torch: installed from a wheel already on this machine"
    elif command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L >/dev/null 2>&1; then
        echo "torch: NVIDIA GPU found, installing the CUDA build from PyPI"
        pip install "$TORCH_SPEC"
    else
        echo "torch: no NVIDIA GPU found, installing the CPU-only build"
        pip install "$TORCH_SPEC" --index-url https://download.pytorch.org/whl/cpu \
            --extra-index-url https://pypi.org/simple
    fi
fi

pip install -q -e .

# A browser for the browser tests: $CHROMIUM, else the system's Chromium or Chrome, else Playwright's
# own (downloaded once). Without one it says how to install one, and `make serve` still works.
"$VENV/bin/python" -m site_tools.browser --install
