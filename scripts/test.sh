#!/usr/bin/env bash
# Install neuronlite with its test extra into ./.venv and run the whole test suite.
# Works on a fresh machine with Python >= 3.10; as root on Debian it also installs
# Chromium for the browser tests (the browser test fixture does this when needed).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh test
set +e
.venv/bin/python -m pytest "$@"
status=$?
set -e
# pytest exits 5 when it collected nothing; that is a failure here, not a pass
exit $status
