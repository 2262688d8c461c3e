#!/usr/bin/env bash
# Install neuronlite with the tutorial extra into ./.venv and open the tutorial in JupyterLab.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh tutorial
# warm the JIT cache so the first slider move is immediate
.venv/bin/python -c "import neuronlite.warmup as w; w.main()" || true
exec .venv/bin/jupyter lab tutorial/index.ipynb "$@"
