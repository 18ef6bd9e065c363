#!/usr/bin/env bash
# The project's test command (README): installs what the tests need, then runs them.
# Needs ../shared beside the checkout (or SEARCHER_SHARED) for the corpus tests.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --quiet --disable-pip-version-check -e '.[test,cluster]'
if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1; then
  # The browser end-to-end test drives Debian's Chromium through Playwright.
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "warning: could not install chromium; the browser test will fail" >&2
fi
# Lint and types first: a finding fails the run before the tests start.
python -m ruff check searcher web tests bench eval
python -m mypy searcher web
exec python -m pytest -q "$@"
