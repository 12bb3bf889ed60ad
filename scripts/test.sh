#!/usr/bin/env bash
# Runs every test: native Rust, Rust in headless Chromium, the inbox, and the browser
# end-to-end tests against the built package; then checks every envelope the tests produced
# with Sentry's Relay normalizer and the sentry-types crate. Fails if any stage runs no test.
set -euo pipefail
cd "$(dirname "$0")/.."
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
start=$(date +%s)
stage() { printf '\n== %s\n' "$*"; }

# A runner's summary must report at least one test: a stage that silently runs nothing fails.
require_ran() { # $1 = log file, $2 = stage name
  local n
  n=$(grep -Eo '([0-9]+) passed' "$1" | awk '{s+=$1} END {print s+0}')
  if [ "$n" -eq 0 ]; then echo "error: $2 ran no tests" >&2; exit 1; fi
  echo "$2: $n passed"
}
logs=target/test-logs
mkdir -p "$logs"
rm -rf target/test-envelopes target/e2e-inbox

stage "cargo fmt --check"
cargo fmt --all -- --check

stage "TypeScript declarations (tests/types)"
node_modules/.bin/tsc -p tests/types
node --test tests/types/

stage "native Rust tests"
cargo test --all-targets 2>&1 | tee "$logs/native.log"
require_ran "$logs/native.log" "native Rust tests"

stage "Rust in headless Chromium (wasm-bindgen-test)"
cargo test --target wasm32-unknown-unknown --test web 2>&1 | tee "$logs/web.log"
require_ran "$logs/web.log" "wasm-bindgen-test"

stage "inbox tests"
.venv/bin/python -m pytest tests/inbox -q 2>&1 | tee "$logs/inbox.log"
require_ran "$logs/inbox.log" "inbox tests"

stage "build the package and the example"
node pkg-template/build.mjs
(cd examples/react-vite && npm ci --no-audit --no-fund --loglevel=error)
for app in tests/browser/react-apps/react18 tests/browser/react-apps/react19; do
  (cd "$app" && npm ci --no-audit --no-fund --loglevel=error)
done

stage "size check against pkg-template/size-budget.json"
node scripts/size-check.mjs

stage "browser end-to-end tests"
node --test --test-concurrency=1 tests/browser/ 2>&1 | tee "$logs/browser.log"
grep -q '^# fail 0' "$logs/browser.log"
n=$(sed -n 's/^# pass \([0-9]*\)/\1/p' "$logs/browser.log")
[ "${n:-0}" -gt 0 ] || { echo "error: browser tests ran no tests" >&2; exit 1; }

stage "every envelope through Relay's normalizer and sentry-types"
.venv/bin/python tests/relay/normalize.py --summary target/test-envelopes/*.envelope target/e2e-inbox/envelopes.jsonl
FAULTLINE_ENVELOPES=target/e2e-inbox/envelopes.jsonl cargo test --test sentry_types -- --ignored --nocapture 2>&1 | tee "$logs/sentry-types.log"
require_ran "$logs/sentry-types.log" "sentry-types check"

echo
echo "all tests passed in $(( $(date +%s) - start )) s"
