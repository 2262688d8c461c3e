#!/usr/bin/env bash
# Install neuronlite with the tutorial extra into ./.venv and open the tutorial in JupyterLab.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[tutorial]"
# warm the JIT cache so the first slider move is immediate
.venv/bin/python -c "import neuronlite.warmup as w; w.main()" || true
exec .venv/bin/jupyter lab tutorial/index.ipynb "$@"
