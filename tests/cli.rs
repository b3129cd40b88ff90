//! The `lendseg` binary end to end: encodings, units, output formats, and every bad-input case of
//! the foundation (malformed row, non-numeric number, unknown industry, empty and header-only
//! files): a clear message naming row and column, the good rows still output, no panic.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn lendseg(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lendseg"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn segment(input: &[u8], extra: &[&str]) -> (String, String, i32) {
    let mut args = vec!["segment", "-"];
    args.extend_from_slice(extra);
    let out = lendseg(&args, input);
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

fn rows(csv: &str) -> Vec<Vec<String>> {
    csv::Reader::from_reader(csv.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

const GOOD: &str = "id,industry,employees,revenue,total_assets\n\
A1,C13,500,50000000,1\n\
A2,零售业,5,800000,1\n";

#[test]
fn classifies_a_small_file_with_canonical_headers() {
    let (out, err, code) = segment(GOOD.as_bytes(), &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "id,size_class,size_reason\nA1,medium,\nA2,micro,\n");
    assert!(err.contains("2 rows read as UTF-8, 0 issues"), "{err}");
}

#[test]
fn gbk_file_with_chinese_headers_and_wan_unit() {
    let text = "客户编号,所属行业,从业人员,营业收入（万元）\nB1,工业,500,5000\nB2,批发业,3,100\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let (out, err, code) = segment(&gbk, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("GBK/GB18030"), "{err}");
    assert_eq!(
        rows(&out),
        vec![vec!["B1", "medium", ""], vec!["B2", "micro", ""]]
    );
    // The same money in yuan with --money-unit wan on a header without a unit.
    let text = "id,industry,employees,revenue\nB1,industry,500,5000\n";
    let (out, _, _) = segment(text.as_bytes(), &["--money-unit", "wan"]);
    assert_eq!(rows(&out)[0][1], "medium");
    let (out, _, _) = segment(text.as_bytes(), &[]);
    // Read as yuan, 5000 is 0.5万: below the 300万 small minimum, so micro.
    assert_eq!(rows(&out)[0][1], "micro");
}

#[test]
fn utf8_bom_and_jsonl_output() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(GOOD.as_bytes());
    let (out, err, _) = segment(&bytes, &["--format", "jsonl"]);
    assert!(err.contains("UTF-8 (BOM)"), "{err}");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "A1");
    assert_eq!(lines[0]["size_class"], "medium");
    assert_eq!(lines[1]["row"], 3);
}

#[test]
fn malformed_row_is_reported_and_the_rest_is_output() {
    let input = "id,industry,employees,revenue\nA1,C13,500,50000000\nA2,C13\nA3,C13,10,1000000\n";
    let (out, err, code) = segment(input.as_bytes(), &[]);
    assert_eq!(code, 0);
    let r = rows(&out);
    assert_eq!(r.len(), 3, "every input row gets an output row");
    assert_eq!(r[0][1], "medium");
    assert_eq!(r[1][1], "unknown");
    assert!(r[1][2].contains("employees"), "{:?}", r[1]);
    assert_eq!(r[2][1], "micro");
    assert!(
        err.contains("row 3, column 'employees': has 2 fields but the header has 4"),
        "{err}"
    );
}

#[test]
fn non_numeric_number_names_row_and_column() {
    let input = "id,industry,从业人员,revenue\nA1,C13,many,50000000\nA2,C13,400,50000000\n";
    let (out, err, _) = segment(input.as_bytes(), &[]);
    assert!(
        err.contains("row 2, column '从业人员': 'many' is not a number; read as missing"),
        "{err}"
    );
    let r = rows(&out);
    assert_eq!(r[0][1], "unknown");
    assert!(r[0][2].contains("employees"));
    assert_eq!(r[1][1], "medium");
}

#[test]
fn unknown_industry_names_row_and_column() {
    let input = "id,行业,employees,revenue\nA1,spaceflight,500,50000000\nA2,K70,10,10\nA3,C13,500,50000000\n";
    let (out, err, _) = segment(input.as_bytes(), &[]);
    assert!(
        err.contains("row 2, column '行业': industry 'spaceflight' is not recognised"),
        "{err}"
    );
    assert!(
        err.contains("row 3, column '行业': industry 'K70' is ambiguous"),
        "{err}"
    );
    let r = rows(&out);
    assert_eq!(
        (r[0][1].as_str(), r[1][1].as_str(), r[2][1].as_str()),
        ("unknown", "unknown", "medium")
    );
    assert!(r[0][2].contains("not recognised"));
}

#[test]
fn empty_and_header_only_files_are_clear_errors() {
    let (out, err, code) = segment(b"", &[]);
    assert_eq!(code, 1);
    assert_eq!(out, "id,size_class,size_reason\n");
    assert!(err.contains("the file is empty"), "{err}");
    let (out, err, code) = segment(b"id,industry,employees\n", &[]);
    assert_eq!(code, 1);
    assert_eq!(out, "id,size_class,size_reason\n");
    assert!(err.contains("header but no data rows"), "{err}");
}

#[test]
fn demo_data_is_deterministic_and_classifies_without_issues() {
    let a = lendseg(&["demo-data", "-n", "100", "--seed", "5"], b"");
    let b = lendseg(&["demo-data", "-n", "100", "--seed", "5"], b"");
    assert_eq!(a.stdout, b.stdout);
    let (out, err, code) = segment(&a.stdout, &[]);
    assert_eq!(code, 0);
    assert!(err.contains("100 rows read as UTF-8, 0 issues"), "{err}");
    assert_eq!(rows(&out).len(), 100);
}
