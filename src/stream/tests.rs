//! Streamed = whole batch: same bytes out, same issues, on files that exercise every cross-row
//! dependency (RFM quintiles, snapshot history, row numbers, file-level issues).

use super::*;
use crate::demo_data::{DemoOptions, generate};
use std::io::Cursor;

type Found = Vec<(Option<u32>, &'static str, Option<String>)>;

fn whole(bytes: &[u8], policy: &Policy, format: Format) -> (Vec<u8>, Found) {
    let run = RunOptions::default();
    let (ds, results) = crate::segment_bytes(bytes, policy, &ReadOptions::default(), &run);
    let out = match format {
        Format::Csv(o) => output::to_csv(&results, o),
        Format::Jsonl => output::to_jsonl(&results),
    };
    let mut issues: Found = ds
        .issues
        .iter()
        .chain(&results.issues)
        .map(|i| (i.row, i.code, i.column.clone()))
        .collect();
    issues.sort();
    (out, issues)
}

fn streamed(
    bytes: &[u8],
    policy: &Policy,
    format: Format,
    part_bytes: usize,
) -> (Vec<u8>, Found, Summary) {
    let mut out = Vec::new();
    let mut issues: Found = Vec::new();
    let summary = segment_stream(
        &mut Cursor::new(bytes),
        &mut out,
        policy,
        &ReadOptions::default(),
        &RunOptions::default(),
        &StreamOptions { part_bytes, format },
        &mut |i| issues.push((i.row, i.code, i.column.clone())),
    )
    .unwrap();
    issues.sort();
    (out, issues, summary)
}

fn enterprise() -> Policy {
    crate::policy::builtin("enterprise").unwrap()
}

#[test]
fn demo_file_in_many_parts_equals_the_whole_batch_in_csv_and_jsonl() {
    let csv = generate(&DemoOptions {
        rows: 3000,
        seed: 11,
        ..DemoOptions::default()
    });
    let policy = enterprise();
    for format in [
        Format::Csv(CsvOptions {
            bom: true,
            excel_safe: true,
            ..CsvOptions::default()
        }),
        Format::Jsonl,
    ] {
        let (want, want_issues) = whole(csv.as_bytes(), &policy, format);
        let (got, got_issues, summary) = streamed(csv.as_bytes(), &policy, format, 40_000);
        assert!(summary.parts > 5, "{summary:?}");
        assert_eq!(summary.rows, 3000);
        assert_eq!(got_issues, want_issues);
        assert!(got == want, "streamed output differs from the whole batch");
    }
}

#[test]
fn rfm_scores_use_the_whole_files_quintiles_not_a_parts() {
    // Parts of very different customers: each alone would score its best customers 5.
    let mut csv = String::from("id,recency_days,frequency,monetary\n");
    for i in 0..400 {
        csv.push_str(&format!("c{i:04},{},{},{}\n", 400 - i, i, i * 10));
    }
    let policy = crate::policy::builtin("individual").unwrap();
    let (want, want_issues) = whole(csv.as_bytes(), &policy, Format::Jsonl);
    let (got, got_issues, summary) = streamed(csv.as_bytes(), &policy, Format::Jsonl, 2_000);
    assert!(summary.parts >= 4);
    assert_eq!(got_issues, want_issues);
    assert!(got == want);
}

#[test]
fn gbk_quoted_newlines_blank_and_bad_rows_keep_their_row_numbers() {
    let mut text = String::from("客户编号,客户名称,行业代码,从业人员,营业收入\n");
    for i in 0..300 {
        match i % 50 {
            7 => text.push_str(&format!("K{i},\"多行\n名称 {i}\",C13,12,5000000\n")),
            13 => text.push('\n'),
            21 => text.push_str(&format!("K{i},坏行,C13,很多,5000000\n")),
            33 => text.push_str(&format!("K{i},\"引号,\"\"逗号\"\"\",I65,40,9000000,额外\n")),
            _ => text.push_str(&format!(
                "K{i},企业{i},C13,{},{}\n",
                10 + i,
                1_000_000 + i * 997
            )),
        }
    }
    let (gbk, _, _) = GB18030.encode(&text);
    let policy = enterprise();
    let (want, want_issues) = whole(&gbk, &policy, Format::Jsonl);
    let (got, got_issues, summary) = streamed(&gbk, &policy, Format::Jsonl, 1_500);
    assert_eq!(summary.encoding, "GBK/GB18030");
    assert!(summary.parts > 5);
    assert!(
        want_issues.iter().any(|i| i.1 == "not_a_number"),
        "{want_issues:?}"
    );
    assert_eq!(got_issues, want_issues);
    assert!(got == want);
}

#[test]
fn snapshots_of_a_customer_stay_in_one_part_when_adjacent() {
    let mut csv = String::from("id,as_of,industry,employees,revenue,overdue_receivables\n");
    for c in 0..60 {
        for (k, date) in ["2024-12-31", "2025-06-30", "2025-12-31"]
            .iter()
            .enumerate()
        {
            csv.push_str(&format!(
                "c{c:03},{date},C13,50,{},{}\n",
                9_000_000 - k * 3_000_000 * (c % 2),
                k * 100_000
            ));
        }
    }
    let policy = enterprise();
    let (want, want_issues) = whole(csv.as_bytes(), &policy, Format::Jsonl);
    let (got, got_issues, summary) = streamed(csv.as_bytes(), &policy, Format::Jsonl, 700);
    assert!(summary.parts > 5);
    assert!(!got_issues.iter().any(|i| i.1 == "snapshots_not_adjacent"));
    assert_eq!(got_issues, want_issues);
    assert!(got == want);
}

#[test]
fn snapshots_far_apart_are_reported_not_silently_cut() {
    let mut csv = String::from("id,as_of,industry,employees,revenue\n");
    for c in 0..100 {
        csv.push_str(&format!("c{c:03},2024-12-31,C13,50,9000000\n"));
    }
    csv.push_str("c000,2025-12-31,C13,50,1000000\n");
    let (_, issues, _) = streamed(csv.as_bytes(), &enterprise(), Format::Jsonl, 500);
    let cut: Vec<_> = issues
        .iter()
        .filter(|i| i.1 == "snapshots_not_adjacent")
        .collect();
    assert_eq!(cut.len(), 2, "{issues:?}"); // once in each part holding c000
    assert!(cut.iter().any(|i| i.0 == Some(2)) && cut.iter().any(|i| i.0 == Some(102)));
}

#[test]
fn header_only_empty_and_utf16_files() {
    let policy = enterprise();
    let (_, issues, s) = streamed(b"id,industry\n", &policy, Format::Jsonl, 100);
    assert_eq!((s.rows, s.fatal), (0, true));
    assert_eq!(issues.iter().filter(|i| i.1 == "no_rows").count(), 1);
    let (_, issues, s) = streamed(b"", &policy, Format::Jsonl, 100);
    assert!(s.fatal && issues.iter().any(|i| i.1 == "empty_file"));
    let utf16: Vec<u8> = b"\xFF\xFE"
        .iter()
        .copied()
        .chain("id\nA\n".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let err = segment_stream(
        &mut Cursor::new(utf16),
        &mut Vec::new(),
        &policy,
        &ReadOptions::default(),
        &RunOptions::default(),
        &StreamOptions::default(),
        &mut |_| {},
    );
    assert!(matches!(err, Err(StreamError::NotStreamable(_))));
}

#[test]
fn a_record_longer_than_a_part_is_read_whole() {
    let big = "x".repeat(10_000);
    let csv = format!("id,name,industry,employees\nA,\"{big}\",C13,5\nB,b,C13,6\n");
    let policy = enterprise();
    let (want, _) = whole(csv.as_bytes(), &policy, Format::Jsonl);
    let (got, _, s) = streamed(csv.as_bytes(), &policy, Format::Jsonl, 64);
    assert_eq!(s.rows, 2);
    assert!(got == want);
}

#[test]
fn utf8_with_a_few_broken_bytes_stays_utf8_in_every_part() {
    // Chinese text with one broken byte in a late part: the whole file is UTF-8, and a part must
    // not be re-read as GBK on its own.
    let mut bytes = "客户编号,客户名称,行业代码,从业人员\n".as_bytes().to_vec();
    for i in 0..200 {
        bytes
            .extend_from_slice(format!("K{i},华东机械制造有限公司{i},C13,{}\n", 10 + i).as_bytes());
    }
    bytes.extend_from_slice(b"K999,\xE5\x8D broken,C13,5\n");
    let policy = enterprise();
    let (got, got_issues, summary) = streamed(&bytes, &policy, Format::Jsonl, 2_000);
    assert!(summary.parts > 3);
    assert_eq!(summary.encoding, "UTF-8");
    let (want, _) = whole(&bytes, &policy, Format::Jsonl);
    assert!(got == want, "values equal the whole read");
    assert!(
        got_issues
            .iter()
            .any(|i| i.1 == "bad_encoding" || i.1 == "bad_bytes"),
        "{got_issues:?}"
    );
}
