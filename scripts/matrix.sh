#!/usr/bin/env bash
# What the CI jobs install, tried on other Pythons than this machine's. Run it by hand when a
# pin or the CI matrix changes; the test suite does not, since another Python's torch is a
# download of several GB.
#
#   bash scripts/matrix.sh PYTHON...        for each interpreter, whether pip's resolver accepts
#                                           what the `examples` job installs (a dry run)
#   bash scripts/matrix.sh --docs PYTHON    the `docs` tools on that Python: install `.[test]`,
#                                           build the site strictly and run the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."
TMP=$(mktemp -d "${TMPDIR:-/tmp}/primer-matrix.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

fresh_venv() {  # fresh_venv PYTHON: a venv with a current pip, its python printed
  local venv
  venv="$TMP/$(basename "$1")-$RANDOM"
  "$1" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --upgrade pip
  echo "$venv/bin/python"
}

if [ "${1:-}" = --docs ]; then
  python=$(fresh_venv "$2")
  "$python" -m pip install --quiet torch==2.13.0
  "$python" -m pip install --quiet -e ".[test]"
  "$python" -m pip list 2>/dev/null | grep -E "^(mkdocs-jupyter|mkdocs-material|torch) "
  "$python" -m pytest -p no:nbmake -o addopts= -n 2 tests/test_site_build.py tests/test_browser.py
  exit
fi
for interpreter in "$@"; do
  python=$(fresh_venv "$interpreter")
  echo "== $("$python" --version): torch==2.13.0 and .[examples], as the examples job installs"
  "$python" -m pip install --dry-run --quiet --report "$TMP/report.json" torch==2.13.0 -e ".[examples]"
  "$python" -c 'import json, sys; r = json.load(open(sys.argv[1])); print(len(r["install"]), "packages, resolved")' "$TMP/report.json"
done
