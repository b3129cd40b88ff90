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
    // A command that never reads stdin may exit first: a broken pipe then is not a failure.
    if let Err(e) = child.stdin.take().unwrap().write_all(stdin) {
        assert_eq!(
            e.kind(),
            std::io::ErrorKind::BrokenPipe,
            "writing stdin: {e}"
        );
    }
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

/// The output as (id, size_class, size_reason) triples.
fn rows(csv: &str) -> Vec<Vec<String>> {
    table(csv)
        .into_iter()
        .map(|r| {
            vec![
                r["id"].clone(),
                r["size_class"].clone(),
                r["size_reason"].clone(),
            ]
        })
        .collect()
}

/// The output as one map per row, keyed by column name.
fn table(csv: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader
        .records()
        .map(|r| {
            headers
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(String::from))
                .collect()
        })
        .collect()
}

fn lendseg_ok(args: &[&str]) -> (String, String) {
    let out = lendseg(args, b"");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn tmp(name: &str, content: &str) -> String {
    let dir = std::env::temp_dir().join(format!("lendseg-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path.to_string_lossy().into_owned()
}

const GOOD: &str = "id,industry,employees,revenue,total_assets\n\
A1,C13,500,50000000,1\n\
A2,零售业,5,800000,1\n";

#[test]
fn classifies_a_small_file_with_canonical_headers() {
    let (out, err, code) = segment(GOOD.as_bytes(), &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("id,size_class,size_reason,"), "{out}");
    assert_eq!(
        rows(&out),
        vec![vec!["A1", "medium", ""], vec!["A2", "micro", ""]]
    );
    assert!(err.contains("2 rows read as UTF-8"), "{err}");
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
    let breakdown: i64 = lines[0]["breakdown"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_i64().unwrap())
        .sum();
    assert_eq!(
        breakdown,
        lines[0]["score"].as_i64().unwrap(),
        "the breakdown adds up to the score"
    );
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
    assert_eq!(out.lines().count(), 1, "header only: {out}");
    assert!(err.contains("the file is empty"), "{err}");
    let (out, err, code) = segment(b"id,industry,employees\n", &[]);
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 1, "header only: {out}");
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

#[test]
fn every_row_gets_exactly_one_segment_score_grade_and_action() {
    let demo = lendseg(&["demo-data", "-n", "400", "--seed", "8"], b"");
    let (out, _, _) = segment(&demo.stdout, &[]);
    let t = table(&out);
    assert_eq!(t.len(), 400);
    let grades = ["AAA", "AA", "A", "BBB", "BB", "B", "CCC", "CC", "C", "D"];
    for r in &t {
        assert!(!r["segment"].is_empty() && !r["action_product"].is_empty());
        assert!(grades.contains(&r["grade"].as_str()), "{:?}", r["grade"]);
        assert!(["low", "medium", "high"].contains(&r["risk_tier"].as_str()));
        assert!(["strategic", "core", "general"].contains(&r["value_tier"].as_str()));
        let pd: f64 = r["pd"].parse().unwrap();
        assert!((0.0..=1.0).contains(&pd));
        assert!(
            !r["rfm_segment"].is_empty(),
            "demo data has recency, frequency and monetary"
        );
    }
    // Higher score, lower PD.
    let mut by_score: Vec<(i32, f64)> = t
        .iter()
        .filter(|r| r["grade"] != "D")
        .map(|r| (r["score"].parse().unwrap(), r["pd"].parse().unwrap()))
        .collect();
    by_score.sort_by_key(|a| a.0);
    assert!(by_score.windows(2).all(|w| w[0].1 >= w[1].1));
}

#[test]
fn english_text_columns_and_the_individual_policy() {
    let input = "id,age,annual_income,housing,monthly_debt_payment,overdue_count,max_days_past_due,card_utilisation\n\
                 P1,35,300000,own,3000,0,0,0.2\n\
                 P2,24,50000,rent,2500,3,45,0.95\n\
                 P3,50,,mortgage,,0,120,\n";
    let (out, err, code) = segment(
        input.as_bytes(),
        &["--policy", "individual", "--lang", "en"],
    );
    assert_eq!(code, 0, "{err}");
    let t = table(&out);
    assert!(
        !t[0].contains_key("size_class"),
        "no SME size class for individuals"
    );
    assert!(t[0]["score"].parse::<i32>().unwrap() > t[1]["score"].parse::<i32>().unwrap());
    assert_eq!(t[2]["grade"], "D", "120 days past due is default");
    assert_eq!(t[2]["segment"], "default_workout");
    assert_eq!(t[1]["lifecycle"], "startup");
    assert!(t[1]["segment_name"].is_ascii(), "{}", t[1]["segment_name"]);
    assert!(
        err.contains("no 'employment_years' column"),
        "missing scorecard columns are said once: {err}"
    );
}

#[test]
fn out_of_range_values_future_dates_and_contradictory_snapshots_are_reported() {
    let input = "id,as_of,industry,employees,revenue,total_assets,total_liabilities\n\
                 A,2024-12-31,C13,-5,1000000,100,2000\n\
                 B,2031-01-01,C13,50,1000000,100,50\n\
                 C,2024-06-30,C13,50,1000000,100,50\n\
                 C,2024-06-30,C13,50,2000000,100,50\n";
    let (out, err, _) = segment(input.as_bytes(), &["--today", "2025-01-01"]);
    assert!(
        err.contains(
            "row 2, column 'employees': -5 is out of range (expected at least 0); read as missing"
        ),
        "{err}"
    );
    assert!(
        err.contains("row 2, column 'total_liabilities': debt_ratio = 20.0000"),
        "{err}"
    );
    assert!(
        err.contains("row 3, column 'as_of': 2031-01-01 is in the future"),
        "{err}"
    );
    assert!(
        err.contains(
            "row 5, column 'id': customer 'C' has two different snapshots dated 2024-06-30 (rows 4 and 5)"
        ),
        "{err}"
    );
    assert_eq!(table(&out).len(), 4, "nothing is dropped");
}

#[test]
fn history_in_one_file_raises_early_warnings() {
    let input = "id,as_of,industry,employees,revenue,total_assets,total_liabilities,max_days_past_due\n\
                 W,2024-12-31,C13,50,6000000,100,80,40\n\
                 W,2023-12-31,C13,50,10000000,100,50,0\n";
    let (out, _, _) = segment(input.as_bytes(), &["--today", "2025-01-01"]);
    let t = table(&out);
    assert_eq!(
        t[1]["warnings"], "",
        "the older snapshot has nothing before it"
    );
    assert_eq!(t[0]["warnings"], "revenue_drop;dpd_rising;debt_ratio_jump");
}

#[test]
fn policy_commands_schema_validate_show() {
    let (schema, _) = lendseg_ok(&["policy", "schema"]);
    let v: serde_json::Value = serde_json::from_str(&schema).unwrap();
    assert_eq!(v["title"], "Policy");
    let (shown, _) = lendseg_ok(&["policy", "show", "individual"]);
    let path = tmp("individual.json", &shown);
    let (ok, _) = lendseg_ok(&["policy", "validate", &path]);
    assert!(ok.contains("valid policy 'individual' (version 1)"), "{ok}");
    let broken = shown.replacen("\"points0\": 600.0", "\"points0\": 600.0, \"colour\": 1", 1);
    let out = lendseg(&["policy", "validate", &tmp("broken.json", &broken)], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("scorecard.scaling.colour: unknown field `colour`")
    );
    let mut v: serde_json::Value = serde_json::from_str(&shown).unwrap();
    v["grades"]["scale"][1]["max_pd"] = serde_json::json!(0.0);
    v["segments"][0].as_object_mut().unwrap().remove("when");
    let out = lendseg(
        &["policy", "validate", &tmp("semantic.json", &v.to_string())],
        b"",
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("grades.scale[1].max_pd: must be in (0, 1]"),
        "{text}"
    );
    assert!(
        text.contains("segments[0].when: only the last segment may be a catch-all"),
        "{text}"
    );
    // The edited policy file drives segmentation.
    let out = lendseg(
        &[
            "segment",
            "-",
            "--policy",
            &tmp("semantic2.json", &v.to_string()),
        ],
        GOOD.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(2), "an invalid policy is refused");
}

#[test]
fn profile_and_stress_outputs() {
    let demo = tmp(
        "demo.csv",
        &String::from_utf8(lendseg(&["demo-data", "-n", "2000", "--seed", "3"], b"").stdout)
            .unwrap(),
    );
    let profile = tmp("profile.csv", "");
    let stress = tmp("stress.csv", "");
    let (_, err) = lendseg_ok(&[
        "segment",
        &demo,
        "-o",
        &tmp("out.csv", ""),
        "--profile",
        &profile,
        "--stress",
        "recession",
        "--stress-out",
        &stress,
    ]);
    assert!(err.contains("stress 'recession':"), "{err}");
    let p = table(&std::fs::read_to_string(&profile).unwrap());
    let total: usize = p.iter().map(|r| r["count"].parse::<usize>().unwrap()).sum();
    assert_eq!(total, 2000);
    assert!(
        p.iter().any(|r| r["quality"] == "too_small"),
        "small segments are flagged"
    );
    let m = std::fs::read_to_string(&stress).unwrap();
    assert!(m.starts_with("recession base\\stressed,AAA"), "{m}");
}

#[test]
fn rfm_from_the_cdnow_transactions() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/cdnow_sample_transactions.csv"
    );
    if !std::path::Path::new(path).exists() {
        eprintln!("skipping: {path} is not here");
        return;
    }
    let (out, err) = lendseg_ok(&["rfm", path, "--as-of", "1998-07-01"]);
    assert!(
        err.contains("6919 transactions, 2357 customers, 0 skipped"),
        "{err}"
    );
    let t = table(&out);
    assert_eq!(t.len(), 2357);
    let segments: std::collections::HashSet<&str> =
        t.iter().map(|r| r["rfm_segment"].as_str()).collect();
    assert!(segments.len() >= 8, "{segments:?}");
    assert!(
        t.iter()
            .all(|r| (1..=5).contains(&r["r_score"].parse::<u8>().unwrap()))
    );
}

#[test]
fn excel_workbooks_read_like_csv_with_sheet_choice() {
    use rust_xlsxwriter::Workbook;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("说明").unwrap();
    ws.write_string(0, 0, "this sheet is notes").unwrap();
    let ws = wb.add_worksheet().set_name("客户").unwrap();
    for (c, h) in ["客户编号", "所属行业", "从业人员", "营业收入（万元）"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "X1").unwrap();
    ws.write_string(1, 1, "工业").unwrap();
    ws.write_number(1, 2, 500.0).unwrap();
    ws.write_number(1, 3, 5000.0).unwrap();
    ws.write_string(2, 0, "X2").unwrap();
    ws.write_string(2, 1, "零售业").unwrap();
    ws.write_formula(
        2,
        2,
        rust_xlsxwriter::Formula::new("=1/0").set_result("#DIV/0!"),
    )
    .unwrap();
    ws.write_number(2, 3, 50.0).unwrap();
    let path = std::env::temp_dir().join(format!("lendseg-{}.xlsx", std::process::id()));
    wb.save(&path).unwrap();
    let p = path.to_string_lossy();
    let out = lendseg(&["segment", &p, "--sheet", "客户"], b"");
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(stderr.contains("2 rows read as Excel workbook"), "{stderr}");
    assert!(
        stderr.contains("row 3, column '从业人员':"),
        "an error cell names its row and column: {stderr}"
    );
    let r = rows(&stdout);
    assert_eq!(r[0][..2], ["X1", "medium"]);
    let out = lendseg(&["segment", &p, "--sheet", "Nope"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no sheet 'Nope' (it has: 说明, 客户)"));
}

fn taiwan(name: &str) -> Option<String> {
    let path = format!(
        "{}/../shared/data/taiwan_credit_{name}.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    std::path::Path::new(&path).exists().then_some(path)
}

#[test]
fn train_then_segment_then_evaluate_on_the_taiwan_split() {
    let (Some(train), Some(test)) = (taiwan("train"), taiwan("test")) else {
        eprintln!("skipping: shared/data is not here");
        return;
    };
    let policy = tmp("trained.json", "");
    let report = tmp("report.json", "");
    let (_, err) = lendseg_ok(&[
        "train",
        &train,
        "--target",
        "default",
        "--exclude",
        "bad",
        "-o",
        &policy,
        "--report",
        &report,
    ]);
    assert!(
        err.contains("dropped MARRIAGE: IV"),
        "the report says what was dropped and why: {err}"
    );
    let first = std::fs::read_to_string(&policy).unwrap();
    let (again, _) = lendseg_ok(&["train", &train, "--target", "default", "--exclude", "bad"]);
    assert_eq!(first, again, "training is deterministic");
    let (ok, _) = lendseg_ok(&["policy", "validate", &policy]);
    assert!(ok.contains("valid policy 'enterprise_trained'"), "{ok}");
    let r: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert!(r["binning_tables"].as_array().unwrap().len() >= 4);
    let (out, _) = lendseg_ok(&["segment", &test, "--policy", &policy]);
    assert_eq!(table(&out).len(), 1800);
    let (eval, _) = lendseg_ok(&[
        "evaluate",
        &test,
        "--policy",
        &policy,
        "--target",
        "default",
        "--baseline",
        &train,
        "--json",
    ]);
    let e: serde_json::Value = serde_json::from_str(&eval).unwrap();
    let auc = e["metrics"]["auc"].as_f64().unwrap();
    assert!(auc > 0.6, "test AUC {auc}");
    assert!((e["metrics"]["gini"].as_f64().unwrap() - (2.0 * auc - 1.0)).abs() < 1e-9);
    assert_eq!(e["metrics"]["gains"].as_array().unwrap().len(), 10);
    assert_eq!(
        e["score_psi"]["light"], "green",
        "train and test are one random split"
    );
    // Manual cut points are accepted and used as given.
    let (manual, _) = lendseg_ok(&[
        "train",
        &train,
        "--target",
        "default",
        "--exclude",
        "bad",
        "--cuts",
        "LIMIT_BAL=50000,150000,300000",
    ]);
    let p: serde_json::Value = serde_json::from_str(&manual).unwrap();
    let limit = p["scorecard"]["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == "limit_bal")
        .unwrap();
    assert_eq!(
        limit["numeric"]["cuts"],
        serde_json::json!([50000.0, 150000.0, 300000.0])
    );
}

#[test]
fn training_on_bad_labels_is_a_clear_error() {
    let one_class = tmp("one.csv", "x,y\n1,0\n2,0\n3,0\n");
    let out = lendseg(&["train", &one_class, "--target", "y"], b"");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("one class") || err.contains("only"), "{err}");
    let labels = tmp("labels.csv", "x,y\n1,good\n2,bad\n3,maybe\n");
    let out = lendseg(&["train", &labels, "--target", "y"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("row"),
        "names the row: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn cluster_chooses_k_profiles_in_words_and_saves_a_model_that_segments_use() {
    let demo = tmp(
        "cluster-demo.csv",
        &String::from_utf8(lendseg(&["demo-data", "-n", "1500", "--seed", "6"], b"").stdout)
            .unwrap(),
    );
    let saved = tmp("with-clusters.json", "");
    let (out, err) = lendseg_ok(&[
        "cluster",
        &demo,
        "--k-range",
        "2..5",
        "--save-model",
        &saved,
    ]);
    assert!(out.contains("recommended k = "), "{out}");
    assert!(out.contains("cluster × segment:"), "{out}");
    assert!(
        out.contains("高") || out.contains("低"),
        "profiles in Chinese words: {out}"
    );
    assert!(err.contains("features debt_ratio"), "{err}");
    let (seg, _) = lendseg_ok(&["segment", &demo, "--policy", &saved]);
    assert!(
        table(&seg).iter().all(|r| !r["cluster"].is_empty()),
        "every customer gets a cluster"
    );
    let bad = lendseg(
        &["cluster", &demo, "-k", "2", "--features", "shoe_size"],
        b"",
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("shoe_size"));
}

#[test]
fn streaming_gives_the_same_bytes_as_reading_whole_and_refuses_stdin() {
    let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/www/demo/customers.csv");
    for format in ["csv", "jsonl"] {
        let args = ["segment", demo, "--today", "2026-01-01", "--format", format];
        let whole = lendseg(&args, b"");
        let streamed = lendseg(&[&args[..], &["--stream"]].concat(), b"");
        assert!(whole.status.success() && streamed.status.success());
        assert!(
            whole.stdout == streamed.stdout,
            "{format}: streamed output differs"
        );
        assert!(
            String::from_utf8_lossy(&streamed.stderr)
                .contains("200 rows read as UTF-8 in 1 parts (streamed)")
        );
    }
    let out = lendseg(&["segment", "-", "--stream"], b"id,industry\nA,C13\n");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("standard input cannot be read twice"));
    let out = lendseg(&["segment", demo, "--stream", "--profile", "p.csv"], b"");
    assert!(
        !out.status.success(),
        "--stream with --profile must be refused"
    );
}

#[test]
fn xlsx_output_holds_the_csv_table() {
    use calamine::{Data, Reader, Xlsx};
    let out = lendseg(&["segment", "-", "--format", "xlsx"], GOOD.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.starts_with(b"PK\x03\x04"));
    let (csv, _, _) = segment(GOOD.as_bytes(), &[]);
    let csv_rows: Vec<Vec<String>> = csv::Reader::from_reader(csv.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(out.stdout)).unwrap();
    let range = book.worksheet_range("lendseg").unwrap();
    let header: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert_eq!(header.join(","), csv.lines().next().unwrap());
    for (sheet_row, csv_row) in range.rows().skip(1).zip(&csv_rows) {
        for (cell, text) in sheet_row.iter().zip(csv_row) {
            match cell {
                Data::Float(x) => assert_eq!(*x, text.parse::<f64>().unwrap()),
                Data::Empty => assert_eq!(text, ""),
                other => assert_eq!(&other.to_string(), text),
            }
        }
    }
    assert_eq!(range.rows().count(), csv_rows.len() + 1);
}

#[test]
fn guarantee_prices_match_loosely_and_an_unpriced_type_is_reported_once() {
    // Same customer, four spellings of the guarantee; the last is unknown to the policy.
    let mut input = String::from("id,industry,employees,revenue,guarantee_type\n");
    for (id, g) in [
        ("A", "mortgage"),
        ("B", "ＭＯＲＴＧＡＧＥ "),
        ("C", "信用"),
        ("D", "担保公司"),
        ("E", "担保公司"),
    ] {
        input.push_str(&format!("{id},C13,50,9000000,{g}\n"));
    }
    let (out, err, code) = segment(input.as_bytes(), &["--today", "2026-01-01"]);
    assert_eq!(code, 0);
    let t = table(&out);
    let bp = |i: usize| t[i]["rate_adjustment_bp"].parse::<i32>().unwrap();
    assert_eq!(
        bp(0),
        bp(1),
        "case and full-width forms find the same price"
    );
    assert_eq!(
        bp(2) - bp(0),
        30 - (-20),
        "信用 +30 bp against mortgage −20 bp"
    );
    assert_eq!(bp(3) - bp(0), 20, "the unknown type gets 0 bp");
    let reported: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("unpriced_guarantee") || l.contains("no price"))
        .collect();
    assert_eq!(reported.len(), 1, "{err}");
    assert!(
        reported[0].contains("row 5") && reported[0].contains("'担保公司' (2 rows)"),
        "{err}"
    );
}
