#!/usr/bin/env bash
# `npm test`: every layer of tests, after installing what the machine lacks.
#   1. cargo test                      the pure core and the CLI, natively
#   2. wasm-bindgen-test in Chromium   the wasm binding in a real headless browser
#   3. node --test                     the npm package in Node (same bytes as the CLI)
#   4. node --test tests/pkg/          the packed tarball installed offline: plain page, slim, Node,
#                                      tsc, Vite, webpack 5, worker, custom elements, iframe (Chromium)
#   5. Playwright in Debian Chromium   the page end to end, no request leaving 127.0.0.1
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh browser
bash scripts/build.sh
vite build --logLevel warn

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
step "cargo test (native core + CLI)"
cargo test
step "wasm-bindgen-test (headless Chromium)"
CHROMEDRIVER="$(command -v chromedriver)" cargo test --target wasm32-unknown-unknown --test wasm
step "node --test (npm package in Node)"
node --test tests/node/
step "node --test tests/pkg/ (npm pack → install → every entry, bundlers, CSP, in Chromium)"
node --test tests/pkg/
step "Playwright (page in Debian Chromium)"
playwright test
