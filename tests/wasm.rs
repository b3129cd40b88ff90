//! The wasm binding in headless Chromium (wasm-bindgen-test): JS options, policies and records
//! convert; columns arrive as typed arrays and packed strings; the CSV the binding writes is the
//! core's CSV byte for byte; policy errors come back with their JSON paths.
#![cfg(target_arch = "wasm32")]

use lendseg::batch::RunOptions;
use lendseg::demo_data::{DemoOptions, HeaderLang, generate};
use lendseg::ingest::ReadOptions;
use lendseg::output::{CsvOptions, to_csv};
use lendseg::policy::builtin;
use lendseg::wasm::{
    builtin_policy, inspect_file, segment_file, segment_record_js, validate_policy,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap()
}

/// The key of row `row` in a category column object.
fn cat_key(column: &JsValue, row: u32) -> String {
    let codes: js_sys::Uint32Array = get(column, "codes").dyn_into().unwrap();
    let keys: js_sys::Array = get(column, "keys").dyn_into().unwrap();
    keys.get(codes.get_index(row)).as_string().unwrap()
}

fn to_json(v: JsValue) -> serde_json::Value {
    serde_wasm_bindgen::from_value(v).unwrap()
}

#[wasm_bindgen_test]
fn demo_file_through_the_binding_equals_the_core() {
    let csv = generate(&DemoOptions {
        rows: 500,
        seed: 9,
        headers: HeaderLang::Zh,
        ..Default::default()
    });
    let batch = segment_file(csv.as_bytes(), JsValue::UNDEFINED, None).unwrap();
    let policy = builtin("enterprise").unwrap();
    let (_, core) = lendseg::segment_bytes(
        csv.as_bytes(),
        &policy,
        &ReadOptions::default(),
        &RunOptions::default(),
    );
    assert_eq!(batch.length(), 500);
    assert_eq!(
        batch.to_csv(true, true),
        to_csv(
            &core,
            CsvOptions {
                bom: true,
                excel_safe: true,
                ..CsvOptions::default()
            }
        )
    );
    let names: Vec<String> = core.columns.iter().map(|c| c.name.clone()).collect();
    assert_eq!(batch.column_names(), names);
    let score = batch.column("score").unwrap();
    assert_eq!(get(&score, "kind"), "int");
    let scores: js_sys::Int32Array = get(&score, "values").dyn_into().unwrap();
    assert_eq!(scores.length(), 500);
    let pd = batch.column("pd").unwrap();
    let pds: js_sys::Float64Array = get(&pd, "values").dyn_into().unwrap();
    assert!(pds.to_vec().iter().all(|p| (0.0..=1.0).contains(p)));
    let grade = batch.column("grade").unwrap();
    assert_eq!(cat_key(&grade, 7), core.key("grade", 7));
    let ids = get(&batch.column("id").unwrap(), "values");
    let offsets: js_sys::Uint32Array = get(&ids, "offsets").dyn_into().unwrap();
    let offsets = offsets.to_vec();
    assert_eq!(offsets.len(), 501);
    let text: Vec<u16> = get(&ids, "text")
        .as_string()
        .unwrap()
        .encode_utf16()
        .collect();
    assert_eq!(
        String::from_utf16(&text[offsets[3] as usize..offsets[4] as usize]).unwrap(),
        &core.ids().unwrap()[3]
    );
    let row = to_json(batch.row(3).unwrap());
    let sum: i64 = row["breakdown"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_i64().unwrap())
        .sum();
    assert_eq!(sum, row["score"].as_i64().unwrap());
    assert!(batch.row(500).is_err());
    let profile = to_json(batch.profile());
    let total: u64 = profile
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["count"].as_u64().unwrap())
        .sum();
    assert_eq!(total, 500);
    let stress = to_json(batch.stress("recession").unwrap());
    assert!(stress["downgraded"].as_u64().unwrap() > 0);
    assert!(batch.stress("apocalypse").is_err());
}

#[wasm_bindgen_test]
fn options_from_js_are_applied_and_bad_options_are_errors() {
    let file = "id,industry,employees,revenue\nA,industry,500,5000\n";
    let wan = segment_file(file.as_bytes(), js(r#"{"moneyUnit":"wan"}"#), None).unwrap();
    let yuan = segment_file(file.as_bytes(), JsValue::NULL, None).unwrap();
    assert_eq!(cat_key(&wan.column("size_class").unwrap(), 0), "medium");
    assert_eq!(cat_key(&yuan.column("size_class").unwrap(), 0), "micro");
    assert!(segment_file(file.as_bytes(), js(r#"{"moneyUnit":"dollars"}"#), None).is_err());
    assert!(segment_file(file.as_bytes(), js(r#"{"colour":"red"}"#), None).is_err());
    assert!(segment_file(file.as_bytes(), js(r#"{"policy":"martian"}"#), None).is_err());
    let individual = segment_file(
        b"id,age\nP,30\n",
        js(r#"{"policy":"individual","lang":"en"}"#),
        None,
    )
    .unwrap();
    assert_eq!(individual.policy_name(), "individual");
    assert!(
        individual.column("size_class").is_err(),
        "no size class for individuals"
    );
    let mapped = segment_file(
        b"cid,sector,n,rev\nA,industry,500,50000000\n",
        js(r#"{"columnMap":{"cid":"id","sector":"industry","n":"employees","rev":"revenue"}}"#),
        None,
    )
    .unwrap();
    assert_eq!(cat_key(&mapped.column("size_class").unwrap(), 0), "medium");
}

#[wasm_bindgen_test]
fn policies_cross_as_json_and_errors_keep_their_paths() {
    let json = builtin_policy("enterprise").unwrap();
    assert!(validate_policy(&json).is_empty());
    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
    v["scorecard"]["features"][0]["numeric"]["cuts"] = serde_json::json!([0.9, 0.1, 0.5, 0.7]);
    let errors = validate_policy(&v.to_string());
    assert_eq!(
        errors,
        ["scorecard.features[0].numeric.cuts: cut points not increasing"]
    );
    let err = segment_file(
        b"id\nA\n",
        js(&serde_json::json!({ "policy": v }).to_string()),
        None,
    )
    .err()
    .unwrap();
    let message: String = JsValue::from(err)
        .dyn_into::<js_sys::Error>()
        .unwrap()
        .message()
        .into();
    assert!(
        message.contains("scorecard.features[0].numeric.cuts"),
        "{message}"
    );
    assert!(builtin_policy("nope").is_err());
}

#[wasm_bindgen_test]
fn one_record_from_a_plain_object() {
    let out = to_json(
        segment_record_js(
            js(r#"{"客户编号":"R1","行业":"F52","从业人员":60,"营业收入":6000000}"#),
            JsValue::UNDEFINED,
        )
        .unwrap(),
    );
    assert_eq!(out["id"], "R1");
    assert_eq!(out["size_class"], "medium");
    assert!(out["size_reason"].is_null());
    assert!(out["score"].is_i64() && out["grade"].is_string() && out["segment"].is_string());
    let out = to_json(
        segment_record_js(
            js(r#"{"id":"R2","industry":"J66","employees":5}"#),
            JsValue::UNDEFINED,
        )
        .unwrap(),
    );
    assert_eq!(out["size_class"], "unknown");
    assert!(out["size_reason"].as_str().unwrap().contains("finance"));
    let issues = out["issues"].as_array().unwrap();
    assert!(
        issues
            .iter()
            .any(|i| i["code"] == "unknown_industry" && i["column"] == "industry"),
        "{issues:?}"
    );
    assert!(
        issues.iter().any(|i| i["code"] == "missing_column"),
        "scorecard fields the record lacks are said"
    );
    assert!(segment_record_js(js("{}"), JsValue::UNDEFINED).is_err());
}

#[wasm_bindgen_test]
fn issues_cross_as_plain_objects() {
    let batch = segment_file(
        b"id,industry,employees\nA,C13,lots\n",
        JsValue::UNDEFINED,
        None,
    )
    .unwrap();
    let issues = to_json(batch.issues());
    let first = issues
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == "not_a_number")
        .unwrap();
    assert_eq!(first["row"], 2);
    assert_eq!(first["column"], "employees");
}

#[wasm_bindgen_test]
fn inspect_file_gives_headers_suggestions_and_only_reads_the_start() {
    let text = "客户编号,营业收入合计（万元）,备注\nA1,12,x\n";
    let (gbk, _, _) = encoding_rs::GB18030.encode(text);
    let mut bytes = gbk.into_owned();
    // A large tail after the first 1 MB: inspection still sees the header and first row.
    let row = "B2,3,y\n".as_bytes();
    while bytes.len() < (1 << 20) + 4096 {
        bytes.extend_from_slice(row);
    }
    let arr = js_sys::Uint8Array::from(&bytes[..]);
    let out = to_json(inspect_file(&arr, js(r#"{"policy":"enterprise"}"#)).unwrap());
    assert_eq!(out["encoding"], "GBK/GB18030");
    let cols = out["columns"].as_array().unwrap();
    assert_eq!(cols[0]["header"], "客户编号");
    assert_eq!(
        (cols[0]["field"].as_str(), cols[0]["confidence"].as_str()),
        (Some("id"), Some("alias"))
    );
    assert_eq!(
        (cols[1]["field"].as_str(), cols[1]["confidence"].as_str()),
        (Some("revenue"), Some("fuzzy"))
    );
    assert_eq!(cols[1]["unit"], "wan");
    assert_eq!(cols[2]["confidence"], "none");
    assert_eq!(out["rows"][0][0], "A1");
    assert!(
        out["fields"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["name"] == "employees")
    );
    assert!(inspect_file(&arr, js(r#"{"policy":"nope"}"#)).is_err());
}
