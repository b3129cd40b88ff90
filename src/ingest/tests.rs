//! The quote-free path ([`super::plain`]) against the CSV reader: the same dataset — values,
//! rows, issues with their rows and columns — on random files with bad cells, blank and
//! whitespace lines, short and long rows and every kind of line break.

use super::*;
use crate::fields::builtin_fields;

fn random_file(rng: &mut crate::rng::SeededRng) -> String {
    let headers = [
        "id",
        "名称",
        "industry",
        "employees",
        "营业收入(万元)",
        "as_of",
        "note",
    ];
    let cells: [&[&str]; 7] = [
        &["C1", "C2", "", " C3 ", "C1"],
        &["甲公司", "Beta Ltd", "", "  "],
        &["C13", "I65", "制造业", "zzz", ""],
        &[
            "12",
            "0",
            "-3",
            "1,200",
            "１２",
            "abc",
            "",
            " 7 ",
            "1e3",
            "12.",
            "99999999999",
        ],
        &["3.5", "1200", "", "-0.25", "12%", "#N/A", "0.000001"],
        &["2025-06-30", "2025/6/30", "45000", "soon", ""],
        &["x", ""],
    ];
    let breaks = ["\n", "\r\n", "\r", "\n\n", " \n", "\r\n\r\n"];
    let delimiter = [",", "\t", ";"][rng.below(3) as usize];
    let mut text = String::new();
    // A BOM is stripped while decoding; a second one stays in the text.
    for _ in 0..rng.below(3) {
        if rng.below(3) == 0 {
            text.push('\u{feff}');
        }
    }
    if rng.below(5) == 0 {
        text.push_str("\n\r\n");
    }
    let columns = 3 + rng.below(5) as usize;
    text.push_str(&headers[..columns].join(delimiter));
    for _ in 0..rng.below(40) {
        text.push_str(breaks[rng.below(breaks.len() as u64) as usize]);
        let width = match rng.below(8) {
            0 => columns - 1,
            1 => columns + 1,
            _ => columns,
        };
        let row: Vec<&str> = (0..width)
            .map(|c| {
                let pool = cells[c.min(cells.len() - 1)];
                pool[rng.below(pool.len() as u64) as usize]
            })
            .collect();
        text.push_str(&row.join(delimiter));
    }
    if rng.below(2) == 0 {
        text.push('\n');
    }
    text
}

/// The file read with the quote-free path allowed, then with the CSV reader only; both as their
/// debug forms (NaN != NaN, but NaN cells print alike).
fn both_paths(bytes: &[u8], fields: &[FieldSpec]) -> (Dataset, String, String) {
    let read = |plain| {
        read_with(
            bytes,
            &ReadOptions::default(),
            fields,
            &mut progress::ignore,
            plain,
        )
    };
    let (plain, csv) = (read(true), read(false));
    let (a, b) = (format!("{plain:?}"), format!("{csv:?}"));
    (plain, a, b)
}

#[test]
fn quote_free_files_read_the_same_as_with_the_csv_reader() {
    let mut rng = crate::rng::SeededRng::new(21);
    let fields = builtin_fields();
    let mut rows = 0;
    let mut issues = 0;
    for _ in 0..1500 {
        let text = random_file(&mut rng);
        let (plain, a, b) = both_paths(text.as_bytes(), &fields);
        assert_eq!(a, b, "{text:?}");
        rows += plain.n_rows;
        issues += plain.issues.len();
    }
    assert!(
        rows > 20_000 && issues > 10_000,
        "{rows} rows, {issues} issues"
    );
}

#[test]
fn a_file_of_byte_order_marks_is_empty_on_both_paths() {
    let fields = builtin_fields();
    for bytes in [&b"\xFF\xFE\xFF\xFE"[..], b"\xEF\xBB\xBF\xEF\xBB\xBF\r\n"] {
        let (plain, a, b) = both_paths(bytes, &fields);
        assert_eq!(a, b);
        assert_eq!(plain.issues[0].code, "empty_file");
    }
}

#[test]
fn a_file_with_a_quote_anywhere_goes_through_the_csv_reader() {
    let fields = builtin_fields();
    let text = "id,name,employees\nA1,\"Acme, North\",12\nA2,Beta,3\n";
    let ds = read_delimited(text.as_bytes(), &ReadOptions::default(), &fields);
    assert_eq!(*ds.texts("name").unwrap(), ["Acme, North", "Beta"]);
    assert_eq!(ds.source_rows, [2, 3]);
}
