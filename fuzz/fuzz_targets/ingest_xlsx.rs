//! Workbook ingest on arbitrary bytes (seeded with real .xlsx files, some repacked uncompressed
//! so mutations reach the XML): sheet names, every sheet as CSV text, and `read_any` on the
//! first and on a named sheet. Errors are fine; panics and inconsistent datasets are not.
#![no_main]

mod common;

use lendseg::ingest::{ReadOptions, read_any, workbook};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let [enterprise, _] = common::builtins();
    let names = workbook::sheet_names(data).unwrap_or_default();
    for name in names.iter().take(4) {
        let _ = workbook::sheet_to_csv(data, Some(name));
    }
    let ds = read_any(data, &ReadOptions::default(), &enterprise.fields);
    common::check_dataset(&ds);
    if let Some(last) = names.last() {
        let opts = ReadOptions {
            sheet: Some(last.clone()),
            ..ReadOptions::default()
        };
        let ds = read_any(data, &opts, &enterprise.fields);
        common::check_dataset(&ds);
    }
});
