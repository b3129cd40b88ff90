//! The wasm binding in headless Chromium (wasm-bindgen-test): JS options and records convert, the
//! packed string columns decode with Chinese text, typed arrays carry the codes, and the CSV the
//! binding writes is the core's CSV byte for byte.
#![cfg(target_arch = "wasm32")]

use lendseg::demo_data::{DemoOptions, HeaderLang, generate};
use lendseg::ingest::ReadOptions;
use lendseg::output::{CsvOptions, to_csv};
use lendseg::wasm::{segment_file, segment_record_js, size_class_keys};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

fn unpack(p: lendseg::wasm::PackedStrings) -> Vec<String> {
    let text = p.text();
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let offsets = p.offsets().to_vec();
    offsets
        .windows(2)
        .map(|w| String::from_utf16(&utf16[w[0] as usize..w[1] as usize]).unwrap())
        .collect()
}

#[wasm_bindgen_test]
fn demo_file_through_the_binding_equals_the_core() {
    let csv = generate(&DemoOptions {
        rows: 500,
        seed: 9,
        headers: HeaderLang::Zh,
        ..Default::default()
    });
    let batch = segment_file(csv.as_bytes(), JsValue::UNDEFINED).unwrap();
    let (_, core) = lendseg::segment_bytes(csv.as_bytes(), &ReadOptions::default());
    assert_eq!(batch.length(), 500);
    assert_eq!(
        batch.to_csv(true, true),
        to_csv(
            &core,
            CsvOptions {
                bom: true,
                excel_safe: true
            }
        )
    );
    let codes = batch.size_class().to_vec();
    let want: Vec<u8> = core.size_class.iter().map(|c| *c as u8).collect();
    assert_eq!(codes, want);
    assert_eq!(unpack(batch.ids()), core.ids);
    let names = unpack(batch.names());
    assert!(names[0].ends_with("有限公司"), "{}", names[0]);
    let counts: u32 = batch.size_counts().to_vec().iter().sum();
    assert_eq!(counts, 500);
}

#[wasm_bindgen_test]
fn options_from_js_are_applied_and_bad_options_are_errors() {
    let file = "id,industry,employees,revenue\nA,industry,500,5000\n";
    let wan = segment_file(file.as_bytes(), js(r#"{"moneyUnit":"wan"}"#)).unwrap();
    let yuan = segment_file(file.as_bytes(), JsValue::NULL).unwrap();
    assert_eq!(
        size_class_keys()[wan.size_class().to_vec()[0] as usize],
        "medium"
    );
    assert_eq!(
        size_class_keys()[yuan.size_class().to_vec()[0] as usize],
        "micro"
    );
    assert!(segment_file(file.as_bytes(), js(r#"{"moneyUnit":"dollars"}"#)).is_err());
    assert!(segment_file(file.as_bytes(), js(r#"{"colour":"red"}"#)).is_err());
    let mapped = segment_file(
        b"cid,sector,n,rev\nA,industry,500,50000000\n",
        js(r#"{"columnMap":{"cid":"id","sector":"industry","n":"employees","rev":"revenue"}}"#),
    )
    .unwrap();
    assert_eq!(unpack(mapped.ids()), vec!["A"]);
    assert_eq!(
        size_class_keys()[mapped.size_class().to_vec()[0] as usize],
        "medium"
    );
}

#[wasm_bindgen_test]
fn one_record_from_a_plain_object() {
    let out = segment_record_js(
        js(r#"{"客户编号":"R1","行业":"F52","从业人员":60,"营业收入":6000000}"#),
        JsValue::UNDEFINED,
    )
    .unwrap();
    let obj: serde_json::Value = serde_wasm_bindgen::from_value(out).unwrap();
    assert_eq!(obj["id"], "R1");
    assert_eq!(obj["size_class"], "medium");
    assert!(obj["size_reason"].is_null());
    let out = segment_record_js(
        js(r#"{"id":"R2","industry":"J66","employees":5}"#),
        JsValue::UNDEFINED,
    )
    .unwrap();
    let obj: serde_json::Value = serde_wasm_bindgen::from_value(out).unwrap();
    assert_eq!(obj["size_class"], "unknown");
    assert!(obj["size_reason"].as_str().unwrap().contains("finance"));
    assert!(segment_record_js(js("{}"), JsValue::UNDEFINED).is_err());
}

#[wasm_bindgen_test]
fn issues_cross_as_plain_objects() {
    let batch = segment_file(b"id,industry,employees\nA,C13,lots\n", JsValue::UNDEFINED).unwrap();
    let issues: serde_json::Value = serde_wasm_bindgen::from_value(batch.issues()).unwrap();
    assert_eq!(issues[0]["row"], 2);
    assert_eq!(issues[0]["column"], "employees");
    assert_eq!(issues[0]["code"], "not_a_number");
}
