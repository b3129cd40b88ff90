//! Segmenting arbitrary bytes end to end with both built-in policies: read, run, CSV and JSONL
//! output, profile and the first stress scenario, checking that no row is lost and every row has
//! exactly one segment.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for policy in common::builtins() {
        common::full_run(data, policy, &Default::default());
    }
});
