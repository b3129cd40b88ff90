//! Writing results: CSV (one row per input row, the input id first, then every result column) and
//! JSON Lines (the same plus the source row, the points breakdown and the reason texts). The CLI,
//! the wasm API and the page's export all call these, which is what makes their files identical.
//! With the `xlsx` feature, [`xlsx::to_xlsx`] writes the same table as an Excel workbook.

#[cfg(feature = "xlsx")]
pub mod xlsx;

use crate::results::{ResultData, Results};
use serde_json::{Map, Value};

/// Options for CSV output.
#[derive(Clone, Copy, Debug, Default)]
pub struct CsvOptions {
    /// Start with a UTF-8 BOM so Excel opens Chinese text correctly.
    pub bom: bool,
    /// Prefix text cells starting with = + - @ (or tab/CR) with `'` so a spreadsheet does not run
    /// them as formulas (CSV injection). Numbers are never touched.
    pub excel_safe: bool,
    /// Leave out the header row (and the BOM): for the later parts of a streamed file.
    pub skip_header: bool,
}

fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

pub fn to_csv(results: &Results, opts: CsvOptions) -> Vec<u8> {
    let mut out = Vec::with_capacity(results.len() * 64 + 256);
    if opts.bom && !opts.skip_header {
        out.extend_from_slice(b"\xEF\xBB\xBF");
    }
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(&mut out);
        if !opts.skip_header {
            w.write_record(results.columns.iter().map(|c| c.name.as_str()))
                .expect("writing to a Vec cannot fail");
        }
        let mut record: Vec<std::borrow::Cow<str>> = Vec::with_capacity(results.columns.len());
        for row in 0..results.len() {
            record.clear();
            for c in &results.columns {
                let cell = c.cell(row);
                let text_like = matches!(c.data, ResultData::Text(_) | ResultData::Cat { .. });
                record.push(if opts.excel_safe && text_like {
                    neutralise(&cell).into_owned().into()
                } else {
                    cell
                });
            }
            w.write_record(record.iter().map(|c| c.as_ref()))
                .expect("writing to a Vec cannot fail");
        }
        w.flush().expect("writing to a Vec cannot fail");
    }
    out
}

/// One row as a JSON object: every column, the source row, the points breakdown and reasons.
pub fn row_json(results: &Results, row: usize) -> Map<String, Value> {
    let mut obj = Map::new();
    obj.insert("row".into(), results.source_rows[row].into());
    for c in &results.columns {
        let v = match &c.data {
            ResultData::Text(v) => Value::from(&v[row]),
            ResultData::Cat { codes, keys } => match codes[row] {
                0 => Value::Null,
                code => Value::from(keys[code as usize].as_str()),
            },
            ResultData::Int(v) if v[row] == i32::MIN => Value::Null,
            ResultData::Int(v) => Value::from(v[row]),
            ResultData::Num { values, decimals } => {
                let text = crate::results::format_num(values[row], *decimals);
                text.parse::<f64>()
                    .ok()
                    .and_then(|x| serde_json::Number::from_f64(x).map(Value::Number))
                    .unwrap_or(Value::Null)
            }
        };
        obj.insert(c.name.clone(), v);
    }
    let mut breakdown = Map::new();
    for (f, info) in results.features.iter().enumerate() {
        breakdown.insert(info.field.clone(), results.points[f][row].into());
    }
    obj.insert("breakdown".into(), Value::Object(breakdown));
    let reasons: Vec<Value> = (1..=3)
        .filter_map(|k| {
            let code = results.key(&format!("reason_{k}"), row);
            let f = results.features.iter().position(|i| i.field == code)?;
            let info = &results.features[f];
            Some(serde_json::json!({
                "code": code,
                "zh": info.reason.zh,
                "en": info.reason.en,
                "points_lost": info.max_points - results.points[f][row],
            }))
        })
        .collect();
    obj.insert("reasons".into(), Value::Array(reasons));
    obj
}

pub fn to_jsonl(results: &Results) -> Vec<u8> {
    let mut out = Vec::with_capacity(results.len() * 512);
    for row in 0..results.len() {
        serde_json::to_writer(&mut out, &row_json(results, row)).expect("plain JSON");
        out.push(b'\n');
    }
    out
}
