//! The WebAssembly binding: converts JS values to core types and back, and delegates. No domain
//! logic lives here. Data crosses in bulk: a whole file as bytes in, result columns out as typed
//! arrays (numbers, integers, category codes + keys) and packed strings (one JS string plus UTF-16
//! offsets), never a JS call per cell.

use crate::batch::{Lang, RunOptions};
use crate::dataset::Dataset;
use crate::fields::MoneyUnit;
use crate::ingest::ReadOptions;
use crate::output::{self, CsvOptions};
use crate::policy::{self, Policy};
use crate::record::{RecordValue, segment_record};
use crate::results::{ResultData, Results};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// Options accepted from JS:
/// `{ policy?: 'enterprise' | 'individual' | <policy object> | <policy JSON text>,
///    moneyUnit?: 'yuan' | 'wan', columnMap?: { [header]: field }, lang?: 'zh' | 'en',
///    today?: 'YYYY-MM-DD' }`.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct JsOptions {
    #[serde(default)]
    policy: Option<serde_json::Value>,
    #[serde(default)]
    money_unit: Option<MoneyUnit>,
    #[serde(default)]
    column_map: BTreeMap<String, String>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    today: Option<String>,
    #[serde(default)]
    sheet: Option<String>,
}

struct Options {
    policy: Policy,
    read: ReadOptions,
    run: RunOptions,
}

/// JS → Rust through `serde_json::Value`, so `deny_unknown_fields` rejects misspelt keys
/// (serde-wasm-bindgen alone only looks up the declared fields).
fn from_js<T: serde::de::DeserializeOwned>(value: JsValue) -> Result<T, String> {
    let json: serde_json::Value =
        serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())?;
    serde_json::from_value(json).map_err(|e| e.to_string())
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .expect("plain data serialises to JS")
}

fn load_policy(value: Option<serde_json::Value>) -> Result<Policy, String> {
    match value {
        None => Ok(policy::builtin("enterprise").expect("built in")),
        Some(serde_json::Value::String(s)) => match policy::builtin(&s) {
            Some(p) => Ok(p),
            None if s.trim_start().starts_with('{') => policy::parse(&s).map_err(|e| e.to_string()),
            None => Err(format!(
                "unknown policy '{s}' (built in: {})",
                policy::BUILTIN.join(", ")
            )),
        },
        Some(v) => policy::parse(&v.to_string()).map_err(|e| e.to_string()),
    }
}

fn options(value: JsValue) -> Result<Options, JsError> {
    let o: JsOptions = if value.is_undefined() || value.is_null() {
        JsOptions::default()
    } else {
        from_js(value).map_err(|e| JsError::new(&format!("options: {e}")))?
    };
    let lang = match o.lang.as_deref() {
        None | Some("zh") => Lang::Zh,
        Some("en") => Lang::En,
        Some(other) => {
            return Err(JsError::new(&format!(
                "options: lang '{other}' is not zh or en"
            )));
        }
    };
    let today = match o.today.as_deref() {
        Some(d) => match crate::ingest::cell::parse_date(d) {
            crate::ingest::cell::Cell::Value(v) => v,
            _ => return Err(JsError::new(&format!("options: today '{d}' is not a date"))),
        },
        None => (js_sys::Date::now() / 86_400_000.0).floor(),
    };
    Ok(Options {
        policy: load_policy(o.policy).map_err(|e| JsError::new(&format!("options.policy: {e}")))?,
        read: ReadOptions {
            money_unit: o.money_unit.unwrap_or_default(),
            column_map: o.column_map.into_iter().collect(),
            sheet: o.sheet,
        },
        run: RunOptions {
            today: Some(today),
            lang,
            ..RunOptions::default()
        },
    })
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

fn set(obj: &js_sys::Object, key: &str, value: &JsValue) {
    js_sys::Reflect::set(obj, &JsValue::from_str(key), value)
        .expect("setting a property on a plain object");
}

/// A classified file, held in wasm memory until `free()`.
#[wasm_bindgen]
pub struct Batch {
    dataset: Dataset,
    results: Results,
    policy: Policy,
    run: RunOptions,
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
    /// The policy's name.
    #[wasm_bindgen(getter, js_name = policyName)]
    pub fn policy_name(&self) -> String {
        self.policy.name.clone()
    }
    /// Result column names, in output order.
    #[wasm_bindgen(js_name = columnNames)]
    pub fn column_names(&self) -> Vec<String> {
        self.results
            .columns
            .iter()
            .map(|c| c.name.clone())
            .collect()
    }
    /// One result column: `{ kind: 'text', values: PackedStrings }`, `{ kind: 'num', values:
    /// Float64Array }` (NaN = empty), `{ kind: 'int', values: Int32Array }` (−2³¹ = empty) or
    /// `{ kind: 'cat', codes: Uint32Array, keys: string[] }` (code 0 = empty).
    pub fn column(&self, name: &str) -> Result<JsValue, JsError> {
        let col = self
            .results
            .column(name)
            .ok_or_else(|| JsError::new(&format!("no result column '{name}'")))?;
        let obj = js_sys::Object::new();
        match &col.data {
            ResultData::Text(v) => {
                set(&obj, "kind", &"text".into());
                set(&obj, "values", &pack(v.iter()).into());
            }
            ResultData::Num { values, .. } => {
                set(&obj, "kind", &"num".into());
                set(
                    &obj,
                    "values",
                    &js_sys::Float64Array::from(&values[..]).into(),
                );
            }
            ResultData::Int(values) => {
                set(&obj, "kind", &"int".into());
                set(
                    &obj,
                    "values",
                    &js_sys::Int32Array::from(&values[..]).into(),
                );
            }
            ResultData::Cat { codes, keys } => {
                set(&obj, "kind", &"cat".into());
                set(&obj, "codes", &js_sys::Uint32Array::from(&codes[..]).into());
                set(&obj, "keys", &to_js(keys));
            }
        }
        Ok(obj.into())
    }
    /// Customer names (empty when the file has none).
    pub fn names(&self) -> PackedStrings {
        match self.dataset.texts("name") {
            Some(names) => pack(names.iter()),
            None => pack(std::iter::repeat_n("", self.results.len())),
        }
    }
    /// Spreadsheet row number of each result (header = 1).
    #[wasm_bindgen(js_name = sourceRows)]
    pub fn source_rows(&self) -> js_sys::Uint32Array {
        js_sys::Uint32Array::from(&self.results.source_rows[..])
    }
    /// Everything about one row: every column, the points breakdown, reasons with zh/en texts.
    pub fn row(&self, index: usize) -> Result<JsValue, JsError> {
        if index >= self.results.len() {
            return Err(JsError::new(&format!(
                "row {index} is out of range (0..{})",
                self.results.len()
            )));
        }
        Ok(to_js(&output::row_json(&self.results, index)))
    }
    /// The scorecard features: `[{ field, label: {zh, en}, reason: {zh, en}, max_points }]`.
    pub fn features(&self) -> JsValue {
        #[derive(Serialize)]
        struct F<'a> {
            field: &'a str,
            label: &'a crate::scorecard::Text,
            reason: &'a crate::scorecard::Text,
            max_points: i32,
        }
        let list: Vec<F> = self
            .results
            .features
            .iter()
            .map(|f| F {
                field: &f.field,
                label: &f.label,
                reason: &f.reason,
                max_points: f.max_points,
            })
            .collect();
        to_js(&list)
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
    /// Segment profile and quality flags: `[{ segment, zh, en, count, share, mean_pd, … }]`.
    pub fn profile(&self) -> JsValue {
        to_js(&crate::profile::profile(
            &self.results,
            &self.dataset,
            &self.policy,
        ))
    }
    /// Grade migration under one of the policy's stress scenarios.
    pub fn stress(&self, scenario: &str) -> Result<JsValue, JsError> {
        let m = crate::stress::migration(
            &self.dataset,
            &self.results,
            &self.policy,
            scenario,
            &self.run,
        )
        .map_err(|e| JsError::new(&e))?;
        Ok(to_js(&m))
    }
    /// k-means on the portfolio: `cluster({ k?, kRange?: [lo, hi], features?, seed?, nInit?,
    /// robust?, miniBatch?, sample? })` → `{ features, k, inertia, sizes, selection, profiles,
    /// segments, pca, model, labels: Uint32Array }`. Put `model` into a policy's `clusters` to
    /// assign new customers.
    pub fn cluster(&self, settings: JsValue) -> Result<JsValue, JsError> {
        let s: crate::cluster::portfolio::PortfolioSettings =
            if settings.is_undefined() || settings.is_null() {
                Default::default()
            } else {
                from_js(settings).map_err(|e| JsError::new(&format!("settings: {e}")))?
            };
        let out = crate::cluster::portfolio::cluster_portfolio(
            &self.dataset,
            &self.results,
            &self.policy,
            &s,
        )
        .map_err(|e| JsError::new(&e.to_string()))?;
        let obj = to_js(&out);
        set(
            obj.unchecked_ref(),
            "labels",
            &js_sys::Uint32Array::from(&out.labels[..]).into(),
        );
        Ok(obj)
    }
    /// The results as CSV bytes, identical to `lendseg segment` output.
    #[wasm_bindgen(js_name = toCsv)]
    pub fn to_csv(&self, bom: bool, excel_safe: bool) -> Vec<u8> {
        output::to_csv(
            &self.results,
            CsvOptions {
                bom,
                excel_safe,
                ..CsvOptions::default()
            },
        )
    }
    /// The results as an Excel workbook, identical to `lendseg segment --format xlsx` (only in
    /// the build with the `xlsx` feature).
    #[cfg(feature = "xlsx")]
    #[wasm_bindgen(js_name = toXlsx)]
    pub fn to_xlsx(&self) -> Result<Vec<u8>, JsError> {
        output::xlsx::to_xlsx(&self.results).map_err(|e| JsError::new(&e))
    }
    /// The results as JSON Lines bytes, identical to `lendseg segment --format jsonl`.
    #[wasm_bindgen(js_name = toJsonl)]
    pub fn to_jsonl(&self) -> Vec<u8> {
        output::to_jsonl(&self.results)
    }
}

/// Classify, score and segment a whole file given as bytes (CSV/TSV; UTF-8, UTF-8 BOM or GBK).
/// `on_progress(stage, done, total, rows)`, when given, is called every 65,536 rows while reading
/// (`"read"`: bytes done of total, rows read so far) and after each engine step (`"classify"`:
/// steps done of total, rows in the batch); an exception it throws is ignored so a faulty progress
/// bar cannot break the run.
#[wasm_bindgen(js_name = segmentFile)]
pub fn segment_file(
    bytes: &[u8],
    options_value: JsValue,
    on_progress: Option<js_sys::Function>,
) -> Result<Batch, JsError> {
    let o = options(options_value)?;
    let mut report = |p: crate::progress::Progress| {
        if let Some(f) = &on_progress {
            let args = js_sys::Array::of4(
                &JsValue::from_str(p.stage.key()),
                &JsValue::from_f64(p.done as f64),
                &JsValue::from_f64(p.total as f64),
                &JsValue::from_f64(p.rows as f64),
            );
            let _ = f.apply(&JsValue::NULL, &args);
        }
    };
    let (dataset, results) =
        crate::segment_bytes_with_progress(bytes, &o.policy, &o.read, &o.run, &mut report);
    Ok(Batch {
        dataset,
        results,
        policy: o.policy,
        run: o.run,
    })
}

/// A first look at a file for the column-mapping screen: `inspectFile(bytes, { policy?, sheet? })`
/// → `{ encoding, delimiter, sheets, sheet, columns: [{ header, index, field, confidence:
/// 'exact'|'alias'|'fuzzy'|'none', unit }], rows, fields: [{ name, zh, en, kind }], issues }`.
/// Only the start of a delimited file is copied into wasm memory (a workbook is taken whole).
#[wasm_bindgen(js_name = inspectFile)]
pub fn inspect_file(
    bytes: &js_sys::Uint8Array,
    options_value: JsValue,
) -> Result<JsValue, JsError> {
    use crate::ingest::inspect::{INSPECT_BYTES, inspect, needs_whole_file};
    let o = options(options_value)?;
    let mut start = vec![0u8; (bytes.length() as usize).min(8)];
    bytes.subarray(0, start.len() as u32).copy_to(&mut start);
    // UTF-16 is taken whole too: the core cuts it at a line only when it holds all of it.
    let utf16 = start.starts_with(&[0xFF, 0xFE]) || start.starts_with(&[0xFE, 0xFF]);
    let n = if needs_whole_file(&start) || utf16 {
        bytes.length()
    } else {
        bytes.length().min(INSPECT_BYTES as u32 + 1)
    };
    let mut head = vec![0u8; n as usize];
    bytes.subarray(0, n).copy_to(&mut head);
    Ok(to_js(&inspect(
        &head,
        o.read.sheet.as_deref(),
        &o.policy.fields,
    )))
}

/// One customer given as a plain object (field names or aliases as keys): the same object
/// `Batch.row()` gives for a row, plus `issues`.
#[wasm_bindgen(js_name = segmentRecord)]
pub fn segment_record_js(record: JsValue, options_value: JsValue) -> Result<JsValue, JsError> {
    let o = options(options_value)?;
    let map: BTreeMap<String, RecordValue> =
        from_js(record).map_err(|e| JsError::new(&format!("record: {e}")))?;
    let pairs: Vec<(String, RecordValue)> = map.into_iter().collect();
    let (dataset, results) = segment_record(&pairs, &o.policy, &o.read, &o.run);
    if results.is_empty() {
        let why = dataset
            .issues
            .first()
            .map(|i| i.message.clone())
            .unwrap_or_default();
        return Err(JsError::new(&format!("record has no usable fields: {why}")));
    }
    let mut obj = output::row_json(&results, 0);
    let issues: Vec<_> = dataset.issues.iter().chain(&results.issues).collect();
    obj.insert(
        "issues".into(),
        serde_json::to_value(&issues).expect("issues serialise"),
    );
    Ok(to_js(&obj))
}

/// The sheet names of an Excel workbook (builds with the `xlsx` feature).
#[cfg(feature = "xlsx")]
#[wasm_bindgen(js_name = sheetNames)]
pub fn sheet_names(bytes: &[u8]) -> Result<Vec<String>, JsError> {
    crate::ingest::workbook::sheet_names(bytes).map_err(|e| JsError::new(&e))
}

/// Whether this build reads Excel workbooks.
#[wasm_bindgen(js_name = readsWorkbooks)]
pub fn reads_workbooks() -> bool {
    cfg!(feature = "xlsx")
}

/// Options of `trainScorecard`: the training settings plus the policy to put the scorecard in.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct JsTrainOptions {
    #[serde(default)]
    base_policy: Option<serde_json::Value>,
    #[serde(flatten)]
    settings: serde_json::Value,
}

/// Fit a scorecard on a labelled file and put it into a policy:
/// `trainScorecard(bytes, { target, badValue?, exclude?, minIv?, maxBins?, minBinShare?, cuts?,
/// basePolicy? })` → `{ policy: <JSON text>, report: { binning_tables, dropped, coefficients,
/// train_metrics, warnings, scorecard } }`.
#[wasm_bindgen(js_name = trainScorecard)]
pub fn train_scorecard(bytes: &[u8], options_value: JsValue) -> Result<JsValue, JsError> {
    let o: JsTrainOptions =
        from_js(options_value).map_err(|e| JsError::new(&format!("options: {e}")))?;
    let settings: crate::train::settings::TrainSettings =
        serde_json::from_value(o.settings).map_err(|e| JsError::new(&format!("options: {e}")))?;
    let base = load_policy(o.base_policy)
        .map_err(|e| JsError::new(&format!("options.basePolicy: {e}")))?;
    let trained = crate::train::settings::train_policy(bytes, &settings, &base)
        .map_err(|e| JsError::new(&e))?;
    let out = serde_json::json!({
        "policy": trained.policy.to_json(),
        "report": serde_json::to_value(&trained.report).expect("report serialises"),
        "warnings": trained.warnings,
    });
    Ok(to_js(&out))
}

/// Measure a policy on a labelled file: `evaluatePolicy(bytes, { policy?, target, badValue? },
/// baselineBytes?)` → `{ metrics: { auc, gini, ks, gains, calibration }, by_grade, score_psi?,
/// feature_csi? }`.
#[wasm_bindgen(js_name = evaluatePolicy)]
pub fn evaluate_policy(
    bytes: &[u8],
    options_value: JsValue,
    baseline: Option<Vec<u8>>,
) -> Result<JsValue, JsError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct O {
        #[serde(default)]
        policy: Option<serde_json::Value>,
        target: String,
        #[serde(default)]
        bad_value: Option<String>,
    }
    let o: O = from_js(options_value).map_err(|e| JsError::new(&format!("options: {e}")))?;
    let policy =
        load_policy(o.policy).map_err(|e| JsError::new(&format!("options.policy: {e}")))?;
    let spec = crate::train::TableSpec {
        target: o.target,
        bad_value: o.bad_value,
        exclude: Vec::new(),
    };
    let e = crate::train::evaluation::evaluate(bytes, &policy, &spec, baseline.as_deref())
        .map_err(|e| JsError::new(&e.to_string()))?;
    Ok(to_js(&e))
}

/// Plain k-means on a row-major matrix: `kmeans(data, nFeatures, { k, nInit?, maxIter?, tol?,
/// seed?, miniBatch? })` → `{ centroids: Float64Array, labels: Uint32Array, inertia, nIter,
/// converged }`. k-means++ seeding, Hamerly-accelerated Lloyd iterations, deterministic for a seed.
#[wasm_bindgen]
pub fn kmeans(data: &[f64], n_features: usize, options_value: JsValue) -> Result<JsValue, JsError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct O {
        k: usize,
        #[serde(default)]
        n_init: Option<usize>,
        #[serde(default)]
        max_iter: Option<usize>,
        #[serde(default)]
        tol: Option<f64>,
        #[serde(default)]
        seed: Option<u64>,
        #[serde(default)]
        mini_batch: bool,
    }
    use crate::cluster::{KMeansMode, KMeansParams, fit_kmeans};
    let o: O = from_js(options_value).map_err(|e| JsError::new(&format!("options: {e}")))?;
    let params = KMeansParams {
        k: o.k,
        n_init: o.n_init.unwrap_or(1),
        max_iter: o.max_iter.unwrap_or(300),
        tol: o.tol.unwrap_or(1e-4),
        seed: o.seed.unwrap_or(0),
        mode: if o.mini_batch {
            KMeansMode::MINI_BATCH
        } else {
            KMeansMode::Full
        },
    };
    let m = fit_kmeans(data, n_features, &params).map_err(|e| JsError::new(&e.to_string()))?;
    let obj = js_sys::Object::new();
    set(
        &obj,
        "centroids",
        &js_sys::Float64Array::from(&m.centroids[..]).into(),
    );
    set(
        &obj,
        "labels",
        &js_sys::Uint32Array::from(&m.labels[..]).into(),
    );
    set(&obj, "inertia", &m.inertia.into());
    set(&obj, "nIter", &(m.n_iter as u32).into());
    set(&obj, "converged", &m.converged.into());
    Ok(obj.into())
}

/// A built-in policy as JSON text (to show, edit and pass back as `options.policy`).
#[wasm_bindgen(js_name = builtinPolicy)]
pub fn builtin_policy(name: &str) -> Result<String, JsError> {
    policy::builtin(name)
        .map(|p| p.to_json())
        .ok_or_else(|| JsError::new(&format!("no built-in policy '{name}'")))
}

/// Validate a policy given as JSON text: every problem as `path: reason` (empty when valid).
#[wasm_bindgen(js_name = validatePolicy)]
pub fn validate_policy(json: &str) -> Vec<String> {
    match policy::parse(json) {
        Ok(_) => Vec::new(),
        Err(e) => e.errors,
    }
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
/// Runs when the module is instantiated: a Rust panic (a bug; input errors are values, never
/// panics) becomes a thrown JS `Error` starting `lendseg panicked:` with the message and place,
/// instead of an opaque `RuntimeError: unreachable`. The instance is unusable afterwards; the
/// caller discards it (a Worker restarts).
#[wasm_bindgen(start)]
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.payload_as_str().unwrap_or("(no message)");
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        wasm_bindgen::throw_str(&format!("lendseg panicked: {message}{place}"));
    }));
}

/// Panics on purpose, so tests can prove the hook and the callers' recovery. Not for production use.
#[wasm_bindgen(js_name = __panicForTest)]
pub fn panic_for_test(message: &str) {
    panic!("{message}");
}

#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
