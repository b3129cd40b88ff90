//! CSV/TSV ingest on arbitrary bytes: `ingest::read_any` with both built-in field lists, once
//! with default options and once in 万元 with a manual column map built from the file's own
//! header (first column → revenue, second ignored). The dataset must stay consistent, and equal
//! to what the CSV reader alone gives (the quote-free path must change nothing but speed).
#![no_main]

mod common;

use lendseg::fields::MoneyUnit;
use lendseg::ingest::{ReadOptions, read_any, read_delimited_by_csv_reader};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let [enterprise, individual] = common::builtins();
    let ds = read_any(data, &ReadOptions::default(), &enterprise.fields);
    common::check_dataset(&ds);
    let workbook = data.starts_with(b"PK\x03\x04") || data.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if !workbook {
        let by_csv =
            read_delimited_by_csv_reader(data, &ReadOptions::default(), &enterprise.fields);
        // Debug forms, so that NaN cells compare equal.
        assert_eq!(format!("{ds:?}"), format!("{by_csv:?}"));
    }

    let header: Vec<String> = String::from_utf8_lossy(data)
        .lines()
        .next()
        .unwrap_or("")
        .split([',', '\t'])
        .map(|h| h.trim().to_string())
        .collect();
    let mut column_map = Vec::new();
    if let Some(h) = header.first() {
        column_map.push((h.clone(), "revenue".to_string()));
    }
    if let Some(h) = header.get(1) {
        column_map.push((h.clone(), String::new()));
    }
    let opts = ReadOptions {
        money_unit: MoneyUnit::Wan,
        column_map,
        sheet: None,
    };
    let ds = read_any(data, &opts, &individual.fields);
    common::check_dataset(&ds);
});
