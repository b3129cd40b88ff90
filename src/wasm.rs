//! The WebAssembly binding: converts JS values to core types and back, and delegates. No domain
//! logic lives here. Data crosses in bulk: a whole file as bytes in, result columns out as typed
//! arrays and packed strings (one JS string plus UTF-16 offsets), never a JS call per cell.

use crate::batch::Results;
use crate::dataset::Dataset;
use crate::fields::MoneyUnit;
use crate::ingest::ReadOptions;
use crate::output::{self, CsvOptions};
use crate::record::{RecordValue, segment_record};
use crate::sme_size::SizeClass;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;

/// Options accepted from JS: `{ moneyUnit?: 'yuan' | 'wan', columnMap?: { [header]: field } }`.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct JsReadOptions {
    #[serde(default)]
    money_unit: Option<MoneyUnit>,
    #[serde(default)]
    column_map: BTreeMap<String, String>,
}

fn read_options(value: JsValue) -> Result<ReadOptions, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(ReadOptions::default());
    }
    let o: JsReadOptions = from_js(value).map_err(|e| JsError::new(&format!("options: {e}")))?;
    Ok(ReadOptions {
        money_unit: o.money_unit.unwrap_or_default(),
        column_map: o.column_map.into_iter().collect(),
    })
}

/// JS → Rust through `serde_json::Value`, so `deny_unknown_fields` rejects misspelt keys
/// (serde-wasm-bindgen alone only looks up the declared fields).
fn from_js<T: serde::de::DeserializeOwned>(value: JsValue) -> Result<T, String> {
    let json: serde_json::Value =
        serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())?;
    serde_json::from_value(json).map_err(|e| e.to_string())
}

fn to_js<T: Serialize>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .expect("plain data serialises to JS")
}

/// Strings packed for the JS side: all values concatenated, with UTF-16 offsets (n + 1 of them).
#[wasm_bindgen]
pub struct PackedStrings {
    text: String,
    offsets: Vec<u32>,
}

#[wasm_bindgen]
impl PackedStrings {
    #[wasm_bindgen(getter)]
    pub fn text(&self) -> String {
        self.text.clone()
    }
    #[wasm_bindgen(getter)]
    pub fn offsets(&self) -> js_sys::Uint32Array {
        js_sys::Uint32Array::from(&self.offsets[..])
    }
}

fn pack<'a>(values: impl Iterator<Item = &'a str>) -> PackedStrings {
    let mut text = String::new();
    let mut offsets = vec![0u32];
    let mut utf16_len = 0u32;
    for v in values {
        text.push_str(v);
        utf16_len += v.encode_utf16().count() as u32;
        offsets.push(utf16_len);
    }
    PackedStrings { text, offsets }
}

/// A classified file, held in wasm memory until `free()`.
#[wasm_bindgen]
pub struct Batch {
    dataset: Dataset,
    results: Results,
}

#[wasm_bindgen]
impl Batch {
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.results.len()
    }
    /// The encoding the file was read as.
    #[wasm_bindgen(getter)]
    pub fn encoding(&self) -> String {
        self.dataset.encoding.to_string()
    }
    pub fn ids(&self) -> PackedStrings {
        pack(self.results.ids.iter().map(String::as_str))
    }
    /// Customer names (empty when the file has none).
    pub fn names(&self) -> PackedStrings {
        match self.dataset.texts("name") {
            Some(names) => pack(names.iter().map(String::as_str)),
            None => pack(std::iter::repeat_n("", self.results.len())),
        }
    }
    /// Spreadsheet row number of each result (header = 1).
    #[wasm_bindgen(js_name = sourceRows)]
    pub fn source_rows(&self) -> js_sys::Uint32Array {
        js_sys::Uint32Array::from(&self.results.source_rows[..])
    }
    /// Size class codes, indexes into `sizeClassKeys()`.
    #[wasm_bindgen(js_name = sizeClass)]
    pub fn size_class(&self) -> js_sys::Uint8Array {
        let codes: Vec<u8> = self.results.size_class.iter().map(|c| *c as u8).collect();
        js_sys::Uint8Array::from(&codes[..])
    }
    #[wasm_bindgen(js_name = sizeReason)]
    pub fn size_reason(&self) -> PackedStrings {
        pack(self.results.size_reason.iter().map(String::as_str))
    }
    /// Counts per size class, in `sizeClassKeys()` order.
    #[wasm_bindgen(js_name = sizeCounts)]
    pub fn size_counts(&self) -> js_sys::Uint32Array {
        let counts: Vec<u32> = self
            .results
            .size_counts()
            .iter()
            .map(|&c| c as u32)
            .collect();
        js_sys::Uint32Array::from(&counts[..])
    }
    /// How each header was mapped: `[{ header, index, field, confidence, unit }]`.
    pub fn mapping(&self) -> JsValue {
        to_js(&self.dataset.mapping)
    }
    /// Every problem found: `[{ row, column, code, message, severity }]`.
    pub fn issues(&self) -> JsValue {
        let all: Vec<_> = self
            .dataset
            .issues
            .iter()
            .chain(&self.results.issues)
            .collect();
        to_js(&all)
    }
    /// The results as CSV bytes, identical to `lendseg segment` output.
    #[wasm_bindgen(js_name = toCsv)]
    pub fn to_csv(&self, bom: bool, excel_safe: bool) -> Vec<u8> {
        output::to_csv(&self.results, CsvOptions { bom, excel_safe })
    }
    /// The results as JSON Lines bytes, identical to `lendseg segment --format jsonl`.
    #[wasm_bindgen(js_name = toJsonl)]
    pub fn to_jsonl(&self) -> Vec<u8> {
        output::to_jsonl(&self.results)
    }
}

/// Classify a whole file given as bytes (CSV/TSV; UTF-8, UTF-8 BOM or GBK).
#[wasm_bindgen(js_name = segmentFile)]
pub fn segment_file(bytes: &[u8], options: JsValue) -> Result<Batch, JsError> {
    let opts = read_options(options)?;
    let (dataset, results) = crate::segment_bytes(bytes, &opts);
    Ok(Batch { dataset, results })
}

#[derive(Serialize)]
struct RecordResult<'a> {
    id: &'a str,
    size_class: &'a str,
    size_reason: Option<&'a str>,
    issues: Vec<&'a crate::dataset::Issue>,
}

/// Classify one customer given as a plain object (field names or aliases as keys).
#[wasm_bindgen(js_name = segmentRecord)]
pub fn segment_record_js(record: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let opts = read_options(options)?;
    let map: BTreeMap<String, RecordValue> = serde_wasm_bindgen::from_value(record)
        .map_err(|e| JsError::new(&format!("record: {e}")))?;
    let pairs: Vec<(String, RecordValue)> = map.into_iter().collect();
    let (dataset, results) = segment_record(&pairs, &opts);
    if results.is_empty() {
        let why = dataset
            .issues
            .first()
            .map(|i| i.message.clone())
            .unwrap_or_default();
        return Err(JsError::new(&format!("record has no usable fields: {why}")));
    }
    let reason = results.size_reason[0].as_str();
    Ok(to_js(&RecordResult {
        id: &results.ids[0],
        size_class: results.size_class[0].key(),
        size_reason: (!reason.is_empty()).then_some(reason),
        issues: dataset.issues.iter().chain(&results.issues).collect(),
    }))
}

/// The size class keys, in code order.
#[wasm_bindgen(js_name = sizeClassKeys)]
pub fn size_class_keys() -> Vec<String> {
    SizeClass::ALL.iter().map(|c| c.key().to_string()).collect()
}

/// A synthetic customer file (CSV text), deterministic for a seed.
#[wasm_bindgen(js_name = demoData)]
pub fn demo_data(rows: usize, seed: u64, chinese_headers: bool) -> String {
    use crate::demo_data::{DemoOptions, HeaderLang, generate};
    let headers = if chinese_headers {
        HeaderLang::Zh
    } else {
        HeaderLang::En
    };
    generate(&DemoOptions {
        rows,
        seed,
        headers,
        ..DemoOptions::default()
    })
}

/// The crate version, so a page can show which core it runs.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
