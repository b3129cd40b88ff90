//! The bad-file catalogue (README "Bad input"): each way a real export goes wrong, read through
//! the same entry point as the CLI, Node and the page (`segment_bytes`, built-in enterprise
//! policy). Every case checks the message names the spreadsheet row, the column and the reason,
//! and that the good rows are processed (exact counts and values).
#![cfg(not(target_arch = "wasm32"))]

use lendseg::batch::RunOptions;
use lendseg::dataset::{Dataset, Issue};
use lendseg::ingest::ReadOptions;
use lendseg::policy;
use lendseg::results::Results;

fn segment(bytes: &[u8]) -> (Dataset, Results) {
    let policy = policy::builtin("enterprise").unwrap();
    lendseg::segment_bytes(
        bytes,
        &policy,
        &ReadOptions::default(),
        &RunOptions::default(),
    )
}

/// Every issue from reading and classifying, as `code: row N, column 'X': message` (but the
/// policy's `missing_column` notes: these small files leave out most scorecard columns).
fn issues(ds: &Dataset, r: &Results) -> Vec<String> {
    ds.issues
        .iter()
        .chain(&r.issues)
        .filter(|i| i.code != "missing_column")
        .map(|i: &Issue| format!("{}: {i}", i.code))
        .collect()
}

fn sizes(r: &Results) -> Vec<String> {
    (0..r.len()).map(|i| r.key("size_class", i)).collect()
}

fn numbers(ds: &Dataset, field: &str) -> Vec<f64> {
    ds.numbers(field).unwrap().to_vec()
}

/// Asserts exactly these issues (order-independent) were reported.
#[track_caller]
fn assert_issues(ds: &Dataset, r: &Results, want: &[&str]) {
    let mut got = issues(ds, r);
    got.sort();
    let mut want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(got, want);
}

const HEADER: &str = "id,industry,employees,revenue";
const GOOD_1: &str = "G1,C13,500,50000000"; // 工业 medium
const GOOD_2: &str = "G2,C13,10,1000000"; // 工业 micro

#[test]
fn truncated_mid_row_keeps_the_partial_row_with_its_missing_cells_named() {
    let file = format!("{HEADER}\n{GOOD_1}\n{GOOD_2}\nA3,C13,50");
    let (ds, r) = segment(file.as_bytes());
    assert_eq!(sizes(&r), ["medium", "micro", "unknown"]);
    assert_eq!(ds.source_rows, [2, 3, 4]);
    assert_issues(
        &ds,
        &r,
        &[
            "field_count: row 4, column 'revenue': has 3 fields but the header has 4; the missing cells are read as empty",
        ],
    );
}

#[test]
fn truncated_mid_quote_names_the_unclosed_quote() {
    let file = format!("{HEADER}\n{GOOD_1}\n{GOOD_2}\nA3,\"C1");
    let (ds, r) = segment(file.as_bytes());
    assert_eq!(sizes(&r), ["medium", "micro", "unknown"]);
    assert_eq!(*ds.texts("id").unwrap(), ["G1", "G2", "A3"]);
    assert_issues(
        &ds,
        &r,
        &[
            "unclosed_quote: row 4, column 'industry': a quote opens this cell and is never closed (the file may be cut short); read without it",
            "field_count: row 4, column 'employees': has 2 fields but the header has 4; the missing cells are read as empty",
            "unknown_industry: row 4, column 'industry': industry 'C1' is not recognised",
        ],
    );
}

#[test]
fn an_unbalanced_quote_does_not_swallow_the_rows_after_it() {
    let file = "id,name,industry,employees,revenue\nA1,\"Acme,C13,500,50000000\nA2,Beta,C13,10,1000000\nA3,\"Gamma \"\"Ltd\"\"\",C13,500,50000000\nA4,Delta,C13,10,1000000\n".to_string();
    let (ds, r) = segment(file.as_bytes());
    assert_eq!(*ds.texts("id").unwrap(), ["A1", "A2", "A3", "A4"]);
    assert_eq!(
        *ds.texts("name").unwrap(),
        ["Acme", "Beta", "Gamma \"Ltd\"", "Delta"]
    );
    assert_eq!(sizes(&r), ["medium", "micro", "medium", "micro"]);
    assert_issues(
        &ds,
        &r,
        &[
            "unclosed_quote: row 2, column 'name': a quote opens this cell and is not closed on its line; read without it",
        ],
    );
}

#[test]
fn a_quoted_cell_over_several_lines_is_one_cell_and_later_rows_keep_their_numbers() {
    let file = "id,name,industry,employees,revenue\nA1,\"Acme\nNorth site\",C13,500,50000000\nA2,Beta,C13,x,1000000\n".to_string();
    let (ds, r) = segment(file.as_bytes());
    assert_eq!(*ds.texts("name").unwrap(), ["Acme\nNorth site", "Beta"]);
    assert_eq!(ds.source_rows, [2, 3]);
    assert_issues(
        &ds,
        &r,
        &["not_a_number: row 3, column 'employees': 'x' is not a number; read as missing"],
    );
}

#[test]
fn mixed_line_endings_and_empty_lines_keep_spreadsheet_row_numbers() {
    // \r\n, \n and \r all end a row, as in Excel; an empty line is a row of the spreadsheet, so
    // the rows after it keep the numbers Excel shows.
    let file = format!(
        "{HEADER}\r\n{GOOD_1}\nA2,C13,bad,1000000\r\r\nA3,C13,many,1000000\n\n\nA4,C13,10,1000000\r"
    );
    let (ds, r) = segment(file.as_bytes());
    assert_eq!(*ds.texts("id").unwrap(), ["G1", "A2", "A3", "A4"]);
    assert_eq!(ds.source_rows, [2, 3, 5, 8]);
    assert_eq!(sizes(&r), ["medium", "micro", "micro", "micro"]);
    assert_issues(
        &ds,
        &r,
        &[
            "not_a_number: row 3, column 'employees': 'bad' is not a number; read as missing",
            "not_a_number: row 5, column 'employees': 'many' is not a number; read as missing",
        ],
    );
}

#[test]
fn duplicate_headers_use_the_first_column_and_name_the_ignored_one() {
    let file = "id,industry,从业人员,employees,revenue,营业收入\nA1,C13,500,7,50000000,1\nA2,C13,10,900,1000000,1\n";
    let (ds, r) = segment(file.as_bytes());
    assert_eq!(numbers(&ds, "employees"), [500.0, 10.0]);
    assert_eq!(sizes(&r), ["medium", "micro"]);
    assert_issues(
        &ds,
        &r,
        &[
            "duplicate_column: row 1, column 'employees': also maps to 'employees', already read from column '从业人员'; this column is ignored",
            "duplicate_column: row 1, column '营业收入': also maps to 'revenue', already read from column 'revenue'; this column is ignored",
        ],
    );
    // The very same header twice.
    let (ds, r) = segment(b"id,industry,employees,employees,revenue\nA1,C13,500,1,50000000\n");
    assert_eq!(numbers(&ds, "employees"), [500.0]);
    assert_eq!(sizes(&r), ["medium"]);
    assert_eq!(issues(&ds, &r).len(), 1);
}

#[test]
fn ten_thousand_columns() {
    let mut header: Vec<String> = (0..9_996).map(|i| format!("extra_{i}")).collect();
    header.splice(5000..5000, HEADER.split(',').map(String::from));
    let row = |vals: &str| {
        let mut cells: Vec<String> = (0..9_996).map(|i| i.to_string()).collect();
        cells.splice(5000..5000, vals.split(',').map(String::from));
        cells.join(",")
    };
    let file = format!(
        "{}\n{}\n{}\n{}\n",
        header.join(","),
        row(GOOD_1),
        row("A2,C13,lots,1000000"),
        row(GOOD_2)
    );
    assert_eq!(header.len(), 10_000);
    let (ds, r) = segment(file.as_bytes());
    assert_eq!(ds.mapping.len(), 10_000);
    assert_eq!(ds.mapping.iter().filter(|m| m.field.is_some()).count(), 4);
    assert_eq!(sizes(&r), ["medium", "micro", "micro"]);
    assert_issues(
        &ds,
        &r,
        &["not_a_number: row 3, column 'employees': 'lots' is not a number; read as missing"],
    );
}

#[test]
fn a_one_megabyte_cell_is_kept_and_quoted_short_in_messages() {
    let big_name = "名".repeat(350_000); // 1.05 MB of UTF-8
    let big_number = "9".repeat(1 << 20);
    let file = format!(
        "id,name,industry,employees,revenue\nA1,{big_name},C13,500,50000000\nA2,x,C13,{big_number}x,1000000\n{},y,C13,10,1000000\n",
        "A3"
    );
    let (ds, r) = segment(file.as_bytes());
    assert_eq!(ds.texts("name").unwrap()[0].len(), big_name.len());
    assert_eq!(sizes(&r), ["medium", "micro", "micro"]);
    let all = issues(&ds, &r);
    assert_eq!(all.len(), 1, "{}", all[0].len());
    assert!(
        all[0].starts_with("not_a_number: row 3, column 'employees': '99999999999999999999"),
        "{}",
        &all[0][..100]
    );
    assert!(
        all[0].ends_with("…' (1048577 characters) is not a number; read as missing"),
        "{}",
        &all[0][all[0].len() - 100..]
    );
    assert!(all[0].len() < 200);
}

#[test]
fn nul_bytes_in_cells_are_reported_where_they_matter() {
    let file = b"id,name,industry,employees,revenue\nA1,Ac\0me,C13,500,50000000\nA2,B,C13,1\x000,1000000\nA3,C,C13,10,1000000\n";
    let (ds, r) = segment(file);
    assert_eq!(*ds.texts("name").unwrap(), ["Ac\0me", "B", "C"]);
    assert_eq!(sizes(&r), ["medium", "micro", "micro"]);
    assert_issues(
        &ds,
        &r,
        &["not_a_number: row 3, column 'employees': '1\\u{0}0' is not a number; read as missing"],
    );
}

#[test]
fn utf16_without_a_bom_is_recognised_by_its_zero_bytes() {
    let text = format!("客户编号,行业,从业人员,营业收入\r\n{GOOD_1}\r\n{GOOD_2}\r\n");
    for big_endian in [false, true] {
        let bytes: Vec<u8> = text
            .encode_utf16()
            .flat_map(|u| {
                if big_endian {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect();
        let (ds, r) = segment(&bytes);
        assert_eq!(
            ds.encoding,
            if big_endian { "UTF-16BE" } else { "UTF-16LE" }
        );
        assert_eq!(sizes(&r), ["medium", "micro"]);
        assert_issues(&ds, &r, &[]);
    }
}

#[test]
fn invalid_utf8_bytes_are_named_by_row_and_column_and_the_file_stays_utf8() {
    // A UTF-8 file with two stray bytes (a Latin-1 é and a cut multi-byte character): the
    // Chinese headers must still be read as UTF-8, not the whole file re-read as GBK.
    let mut bytes = "客户编号,客户名称,行业,从业人员,营业收入\n"
        .as_bytes()
        .to_vec();
    bytes.extend_from_slice(b"A1,Caf\xE9 \xE5\xAE,C13,500,50000000\n");
    bytes.extend_from_slice("A2,北京公司,C13,10,1000000\n".as_bytes());
    bytes.extend_from_slice(b"A3,ok,C13,5\xFF,1000000\n");
    let (ds, r) = segment(&bytes);
    assert_eq!(ds.encoding, "UTF-8");
    assert_eq!(
        *ds.texts("name").unwrap(),
        ["Caf\u{FFFD} \u{FFFD}", "北京公司", "ok"]
    );
    assert_eq!(sizes(&r), ["medium", "micro", "micro"]);
    assert_issues(
        &ds,
        &r,
        &[
            "bad_encoding: some bytes are not valid UTF-8; they were replaced (is the file in another encoding?)",
            "bad_bytes: row 2, column '客户名称': bytes that are not valid UTF-8 were replaced by \u{FFFD}",
            "bad_bytes: row 4, column '从业人员': bytes that are not valid UTF-8 were replaced by \u{FFFD}",
            "not_a_number: row 4, column '从业人员': '5\u{FFFD}' is not a number; read as missing",
        ],
    );
}

#[test]
fn gbk_files_are_read_as_gbk_and_utf8_files_as_utf8() {
    let text = "客户编号,客户名称,所属行业,从业人员,营业收入\nA1,浙江天成商贸有限公司,工业,500,50000000\nA2,湖北金诚酒店,C13,10,1000000\n".to_string();
    let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
    let (ds, r) = segment(&gbk);
    assert_eq!(ds.encoding, "GBK/GB18030");
    assert_eq!(
        *ds.texts("name").unwrap(),
        ["浙江天成商贸有限公司", "湖北金诚酒店"]
    );
    assert_eq!(sizes(&r), ["medium", "micro"]);
    assert_issues(&ds, &r, &[]);
    let (ds, r) = segment(text.as_bytes());
    assert_eq!(ds.encoding, "UTF-8");
    assert_eq!(sizes(&r), ["medium", "micro"]);
    // GBK bytes with one byte pair that is not GBK: still GBK, the cell named.
    let mut bad = gbk.to_vec();
    let at = bad.len() - 3;
    bad.splice(at..at, [0xFFu8, 0xFF]);
    let (ds, r) = segment(&bad);
    assert_eq!(ds.encoding, "GBK/GB18030");
    assert_eq!(
        *ds.texts("name").unwrap(),
        ["浙江天成商贸有限公司", "湖北金诚酒店"]
    );
    let all = issues(&ds, &r);
    assert!(
        all.iter().any(|i| i.starts_with("bad_encoding: ")),
        "{all:?}"
    );
    assert!(
        all.iter()
            .any(|i| i.starts_with("bad_bytes: row 3, column '营业收入'")),
        "{all:?}"
    );
}

#[test]
fn decorated_numbers_are_read_exactly() {
    let file = "id,industry,employees,revenue,total_assets,overdue_receivables,net_profit\n\
                A1,C13,\"1,200\",\"50,000,000.50\",１２３４５,12%,\"(1,000)\"\n\
                A2,C13,３０,¥3000,\"¥1,234\",４５％,3000元\n\
                A3,C13,12 %,1.2.3,\"1,23\",--,(5)\n";
    let (ds, r) = segment(file.as_bytes());
    let nan = f64::NAN;
    let same = |a: &[f64], b: &[f64]| {
        a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(x, y)| x == y || (x.is_nan() && y.is_nan()))
    };
    assert!(same(&numbers(&ds, "employees"), &[1200.0, 30.0, 0.12]));
    assert!(same(&numbers(&ds, "revenue"), &[50_000_000.5, 3000.0, nan]));
    assert!(same(&numbers(&ds, "total_assets"), &[12345.0, 1234.0, nan]));
    assert!(same(
        &numbers(&ds, "overdue_receivables"),
        &[0.12, 0.45, nan]
    ));
    assert!(same(&numbers(&ds, "net_profit"), &[-1000.0, 3000.0, -5.0]));
    assert_eq!(r.len(), 3);
    assert_issues(
        &ds,
        &r,
        &[
            "not_a_number: row 4, column 'revenue': '1.2.3' is not a number; read as missing",
            "not_a_number: row 4, column 'total_assets': '1,23' is not a number; read as missing",
        ],
    );
}

#[test]
fn excel_error_values_are_missing_and_named() {
    let file = format!(
        "{HEADER}\nA1,C13,#N/A,50000000\nA2,C13,10,#DIV/0!\nA3,C13,#VALUE!,1000000\n{GOOD_1}\n"
    );
    let (ds, r) = segment(file.as_bytes());
    assert_eq!(sizes(&r), ["unknown", "micro", "micro", "medium"]);
    assert_issues(
        &ds,
        &r,
        &[
            "excel_error: row 2, column 'employees': Excel error value #N/A; read as missing",
            "excel_error: row 3, column 'revenue': Excel error value #DIV/0!; read as missing",
            "excel_error: row 4, column 'employees': Excel error value #VALUE!; read as missing",
        ],
    );
}

#[test]
fn dates_in_the_usual_formats_and_bad_ones_named() {
    let file = "id,industry,as_of\nA1,C13,2024-01-31\nA2,C13,2024/1/31\nA3,C13,20240131\nA4,C13,2024年1月31日\nA5,C13,２０２４－０１－３１\nA6,C13,31/01/2024\nA7,C13,2024-02-30\nA8,C13,45322\n";
    let (ds, r) = segment(file.as_bytes());
    let want = lendseg::ingest::cell::days_from_civil(2024, 1, 31) as f64;
    let as_of = numbers(&ds, "as_of");
    assert_eq!(&as_of[..5], [want; 5]);
    assert!(as_of[5..].iter().all(|d| d.is_nan()));
    assert_eq!(r.len(), 8);
    assert_issues(
        &ds,
        &r,
        &[
            "bad_date: row 7, column 'as_of': '31/01/2024' is not a date (use YYYY-MM-DD); read as missing",
            "bad_date: row 8, column 'as_of': '2024-02-30' is not a date (use YYYY-MM-DD); read as missing",
            "bad_date: row 9, column 'as_of': '45322' is not a date (use YYYY-MM-DD); read as missing",
        ],
    );
}

#[cfg(feature = "xlsx")]
#[test]
fn excel_date_serials_and_error_cells_in_a_workbook() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["客户编号", "行业", "从业人员", "营业收入", "数据日期"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let date = Format::new().set_num_format("yyyy/m/d");
    for (r, (id, emp, when)) in [
        ("A1", 500.0, 45322.0),
        ("A2", 10.0, 45322.75),
        ("A3", 10.0, 1.0),
    ]
    .into_iter()
    .enumerate()
    {
        let r = r as u32 + 1;
        ws.write_string(r, 0, id).unwrap();
        ws.write_string(r, 1, "C13").unwrap();
        ws.write_number(r, 2, emp).unwrap();
        ws.write_number(r, 3, if r == 1 { 50_000_000.0 } else { 1_000_000.0 })
            .unwrap();
        ws.write_number_with_format(r, 4, when, &date).unwrap();
    }
    ws.write_formula(3, 2, Formula::new("=1/0").set_result("#DIV/0!"))
        .unwrap();
    ws.write_datetime_with_format(
        4,
        4,
        ExcelDateTime::parse_from_str("2024-01-31").unwrap(),
        &date,
    )
    .unwrap();
    ws.write_string(4, 0, "A4").unwrap();
    let (ds, r) = segment(&wb.save_to_buffer().unwrap());
    let d = |y, m, dd| lendseg::ingest::cell::days_from_civil(y, m, dd) as f64;
    assert_eq!(
        numbers(&ds, "as_of"),
        [
            d(2024, 1, 31),
            d(2024, 1, 31),
            d(1900, 1, 1),
            d(2024, 1, 31)
        ]
    );
    assert_eq!(sizes(&r), ["medium", "micro", "micro", "unknown"]);
    assert_issues(
        &ds,
        &r,
        &["excel_error: row 4, column '从业人员': Excel error value #DIV/0!; read as missing"],
    );
}

#[test]
fn duplicate_ids_are_reported_with_both_rows_and_kept() {
    let file = "id,industry,employees,revenue,as_of\n\
                A1,C13,500,50000000,2024-12-31\n\
                A1,C13,500,50000000,2024-12-31\n\
                A2,C13,10,1000000,2024-12-31\n\
                A2,C13,10,2000000,2024-12-31\n\
                A3,C13,10,1000000,\n\
                A3,C13,10,1000000,2024-12-31\n\
                A4,C13,10,1000000,2023-12-31\n\
                A4,C13,10,1000000,2024-12-31\n";
    let (ds, r) = segment(file.as_bytes());
    assert_eq!(r.len(), 8);
    assert_eq!(
        sizes(&r),
        [
            "medium", "medium", "micro", "micro", "micro", "micro", "micro", "micro"
        ]
    );
    assert_issues(
        &ds,
        &r,
        &[
            "duplicate_row: row 3, column 'id': customer 'A1' has the same snapshot dated 2024-12-31 twice (rows 2 and 3); both kept",
            "contradictory_snapshots: row 5, column 'id': customer 'A2' has two different snapshots dated 2024-12-31 (rows 4 and 5)",
            "undated_snapshots: row 6, column 'id': customer 'A3' is on rows 6 and 7 but not every row has an as_of date; history warnings skipped",
        ],
    );
}

#[test]
fn empty_lines_are_skipped_and_a_bom_with_only_a_header_is_a_clear_error() {
    let file = format!("\n{HEADER}\n\n{GOOD_1}\n  \n\n{GOOD_2}\n\n");
    let (ds, r) = segment(file.as_bytes());
    assert_eq!(sizes(&r), ["medium", "micro"]);
    assert_eq!(ds.source_rows, [4, 7]);
    assert_issues(&ds, &r, &[]);

    let (ds, r) = segment("\u{FEFF}客户编号,行业,从业人员\r\n".as_bytes());
    assert_eq!(ds.encoding, "UTF-8 (BOM)");
    assert_eq!(ds.mapping[0].field.as_deref(), Some("id"));
    assert_eq!(r.len(), 0);
    assert_issues(
        &ds,
        &r,
        &["no_rows: the file has a header but no data rows"],
    );
}

#[test]
fn formula_like_cells_are_neutralised_in_the_excel_safe_export() {
    use lendseg::output::{CsvOptions, to_csv};
    use lendseg::results::ResultData;
    // The reader trims cells, so a leading tab or CR cannot come from a file; the writer is
    // still checked for them by putting the texts into the results directly.
    let evil = [
        "=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "safe", "a=1",
    ];
    let file: String = std::iter::once("id,industry,employees,revenue,net_profit\n".to_string())
        .chain((0..evil.len()).map(|i| format!("A{i},C13,10,1000000,-5000\n")))
        .collect();
    let (_, mut r) = segment(file.as_bytes());
    let id = r.columns.iter_mut().find(|c| c.name == "id").unwrap();
    id.data = ResultData::Text(evil.iter().map(|s| s.to_string()).collect());
    let read = |bytes: Vec<u8>| -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .from_reader(&bytes[..])
            .records()
            .map(|rec| rec.unwrap().iter().map(String::from).collect())
            .collect()
    };
    let safe = read(to_csv(
        &r,
        CsvOptions {
            bom: false,
            excel_safe: true,
            ..CsvOptions::default()
        },
    ));
    let raw = read(to_csv(
        &r,
        CsvOptions {
            bom: false,
            excel_safe: false,
            ..CsvOptions::default()
        },
    ));
    let ids: Vec<&str> = safe.iter().map(|row| row[0].as_str()).collect();
    assert_eq!(
        ids,
        [
            "'=1+1",
            "'+1",
            "'-1",
            "'@SUM(A1)",
            "'\t=1",
            "'\r=1",
            "safe",
            "a=1"
        ]
    );
    let raw_ids: Vec<&str> = raw.iter().map(|row| row[0].as_str()).collect();
    assert_eq!(raw_ids, evil);
    // Numbers are never touched: the negative net margin is the same in both exports.
    let at = r
        .columns
        .iter()
        .position(|c| c.name == "net_margin")
        .unwrap();
    assert_eq!(safe[0][at], "-0.005");
    assert_eq!(
        safe.iter().map(|row| &row[at]).collect::<Vec<_>>(),
        raw.iter().map(|row| &row[at]).collect::<Vec<_>>()
    );
}
