#!/usr/bin/env bash
# Builds the wasm package into pkg/ (wasm-bindgen --target web: ESM + .d.ts), optimises it with
# wasm-opt from the npm binaryen package, and prints the size raw and gzipped. Also builds the CLI.
# The npm package is then complete: its hand-written entries in js/ import the glue in pkg/, and
# js/policy.d.ts (the policy document type) is generated from the CLI's JSON Schema.
set -euo pipefail
cd "$(dirname "$0")/.."

# Two wasm builds of the same crate: the core (pkg/, always loaded) and the same core with the
# Excel reader (pkg/xlsx/, loaded by the page only when a workbook is opened).
# The core is optimised for speed (the release profile's opt-level 3, wasm-opt -O3), the Excel
# build for size (opt-level "s", wasm-opt -Oz).
wasm_build() { # $1 = out dir, $2 = s|3, rest = cargo feature flags
  local out=$1 level=$2; shift 2
  local wasm_opt=-O3; [ "$level" = s ] && wasm_opt=-Oz
  CARGO_PROFILE_RELEASE_OPT_LEVEL=$level cargo rustc --release --target wasm32-unknown-unknown --lib --crate-type cdylib "$@"
  wasm-bindgen target/wasm32-unknown-unknown/release/lendseg.wasm --out-dir "$out" --target web --typescript
  wasm-opt "$wasm_opt" --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-simd \
    "$out/lendseg_bg.wasm" -o "$out/lendseg_bg.wasm"
}
cargo build --release --bin lendseg
target/release/lendseg policy schema > target/policy.schema.json
node scripts/policy-types.mjs target/policy.schema.json js/policy.d.ts
rm -rf pkg
wasm_build pkg/xlsx s --features xlsx
wasm_build pkg 3 --no-default-features
node scripts/size-report.mjs
