#!/usr/bin/env bash
# Builds the wasm package into pkg/ (wasm-bindgen --target web: ESM + .d.ts), optimises it with
# wasm-opt from the npm binaryen package, and prints the size raw and gzipped. Also builds the CLI.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --target wasm32-unknown-unknown --lib
cargo build --release --bin lendseg
rm -rf pkg
wasm-bindgen target/wasm32-unknown-unknown/release/lendseg.wasm --out-dir pkg --target web --typescript
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  pkg/lendseg_bg.wasm -o pkg/lendseg_bg.wasm
node scripts/size-report.mjs
