//! Writing results: CSV (one row per input row, the input id first) and JSON Lines. The CLI, the
//! wasm API and the page's export all call these, which is what makes their files identical.

use crate::batch::Results;
use serde::Serialize;

/// Options for CSV output.
#[derive(Clone, Copy, Debug, Default)]
pub struct CsvOptions {
    /// Start with a UTF-8 BOM so Excel opens Chinese text correctly.
    pub bom: bool,
    /// Prefix cells starting with = + - @ (and tab/CR) with `'` so a spreadsheet does not run them
    /// as formulas (CSV injection).
    pub excel_safe: bool,
}

pub const COLUMNS: [&str; 3] = ["id", "size_class", "size_reason"];

fn neutralise(cell: &str, on: bool) -> std::borrow::Cow<'_, str> {
    if on && cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

pub fn to_csv(results: &Results, opts: CsvOptions) -> Vec<u8> {
    let mut out = Vec::with_capacity(results.len() * 32 + 64);
    if opts.bom {
        out.extend_from_slice(b"\xEF\xBB\xBF");
    }
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(&mut out);
        w.write_record(COLUMNS)
            .expect("writing to a Vec cannot fail");
        for i in 0..results.len() {
            w.write_record([
                neutralise(&results.ids[i], opts.excel_safe).as_ref(),
                results.size_class[i].key(),
                neutralise(&results.size_reason[i], opts.excel_safe).as_ref(),
            ])
            .expect("writing to a Vec cannot fail");
        }
        w.flush().expect("writing to a Vec cannot fail");
    }
    out
}

#[derive(Serialize)]
struct JsonRow<'a> {
    id: &'a str,
    row: u32,
    size_class: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    size_reason: &'a str,
}

pub fn to_jsonl(results: &Results) -> Vec<u8> {
    let mut out = Vec::with_capacity(results.len() * 64);
    for i in 0..results.len() {
        let row = JsonRow {
            id: &results.ids[i],
            row: results.source_rows[i],
            size_class: results.size_class[i].key(),
            size_reason: &results.size_reason[i],
        };
        serde_json::to_writer(&mut out, &row).expect("serialising plain strings cannot fail");
        out.push(b'\n');
    }
    out
}
