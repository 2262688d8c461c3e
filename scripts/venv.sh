#!/usr/bin/env bash
# Sourced by test.sh and tutorial.sh: make ./.venv (once) and install neuronlite with extra $1.
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[$1]"
