//! A first look at a file before it is read: its headers, how it was decoded and split, the first
//! few rows, and for each column the policy field it most likely feeds with how sure that is
//! (exact name, alias, similar name, or nothing). The page's column-mapping screen shows this and
//! sends the user's corrections back as `ReadOptions::column_map`, so suggestions come from the
//! same header matching the reader uses and are never re-implemented in JS.
//!
//! Only the start of a delimited file is looked at (up to [`INSPECT_BYTES`], cut at the last
//! complete line), so inspecting a 200 MB file costs as little as a small one.

use super::{encoding, sniff_delimiter};
use crate::dataset::{Issue, Severity};
use crate::fields::{FieldKind, FieldSpec, MoneyUnit, match_header};
use crate::text::{fold_fullwidth, fold_header};
use serde::Serialize;

/// How much of a delimited file is decoded for inspection.
pub const INSPECT_BYTES: usize = 1 << 20;
/// How many data rows are returned as a preview.
pub const PREVIEW_ROWS: usize = 5;
/// Below this similarity a header suggests no field.
const FUZZY_MIN: f64 = 0.6;

/// How a suggestion was found, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// The header is the field's canonical name.
    Exact,
    /// The header is one of the field's aliases or its zh/en display name.
    Alias,
    /// The header resembles a name or alias (contains it, or differs by a character or two).
    Fuzzy,
    /// No field suggested.
    None,
}

/// One column of the file and the field suggested for it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ColumnGuess {
    pub header: String,
    pub index: usize,
    pub field: Option<String>,
    pub confidence: Confidence,
    /// The money unit written in the header (`营业收入（万元）`), which overrides the file's unit.
    pub unit: Option<MoneyUnit>,
}

/// A policy field as the mapping screen lists it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldChoice {
    pub name: String,
    pub zh: String,
    pub en: String,
    pub kind: FieldKind,
}

/// What [`inspect`] found.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Inspection {
    /// `UTF-8`, `UTF-8 (BOM)`, `GBK/GB18030`, `UTF-16LE`, `Excel workbook`…
    pub encoding: &'static str,
    /// The field separator as text (`,`, `\t`, `;`, `|`).
    pub delimiter: String,
    /// A workbook's sheet names (empty for delimited text) and the one inspected.
    pub sheets: Vec<String>,
    pub sheet: Option<String>,
    pub columns: Vec<ColumnGuess>,
    /// The first data rows, cell text as written.
    pub rows: Vec<Vec<String>>,
    /// The policy's fields, for the picker.
    pub fields: Vec<FieldChoice>,
    /// File-level problems (empty file, undecodable bytes, unreadable workbook).
    pub issues: Vec<Issue>,
}

/// Whether [`inspect`] needs the whole file (a workbook) rather than its first
/// [`INSPECT_BYTES`].
pub fn needs_whole_file(start: &[u8]) -> bool {
    start.starts_with(b"PK\x03\x04") || start.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// Look at a file: a workbook's sheet (`sheet`, or the first), or the start of delimited text.
pub fn inspect(bytes: &[u8], sheet: Option<&str>, fields: &[FieldSpec]) -> Inspection {
    let mut out = Inspection {
        fields: fields
            .iter()
            .map(|f| FieldChoice {
                name: f.name.clone(),
                zh: f.zh.clone(),
                en: f.en.clone(),
                kind: f.kind,
            })
            .collect(),
        ..Inspection::default()
    };
    if needs_whole_file(bytes) {
        out.encoding = "Excel workbook";
        #[cfg(feature = "xlsx")]
        {
            let read = super::workbook::sheet_names(bytes).and_then(|names| {
                let csv = super::workbook::sheet_to_csv(bytes, sheet)?;
                Ok((names, csv))
            });
            match read {
                Ok((names, csv)) => {
                    out.sheet = Some(sheet.map_or_else(|| names[0].clone(), str::to_string));
                    out.sheets = names;
                    inspect_text(&String::from_utf8_lossy(&csv), fields, &mut out);
                }
                Err(message) => out.issues.push(file_issue("bad_workbook", message)),
            }
        }
        #[cfg(not(feature = "xlsx"))]
        {
            let _ = sheet;
            out.issues.push(file_issue(
                "workbook_unsupported",
                "this is an Excel workbook; this build reads CSV only".into(),
            ));
        }
        return out;
    }
    let start = complete_lines(bytes);
    let decoded = encoding::decode(start);
    out.encoding = decoded.encoding;
    if decoded.had_errors {
        out.issues.push(file_issue(
            "bad_encoding",
            format!(
                "some bytes are not valid {}; they were replaced",
                decoded.encoding
            ),
        ));
    }
    inspect_text(&decoded.text, fields, &mut out);
    out
}

/// The first [`INSPECT_BYTES`] of a file, cut after its last line break so no row (and no UTF-8
/// or GBK character: `\n` is never part of one) is split. UTF-16 files are taken whole.
fn complete_lines(bytes: &[u8]) -> &[u8] {
    if bytes.len() <= INSPECT_BYTES
        || bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF")
    {
        return bytes;
    }
    let head = &bytes[..INSPECT_BYTES];
    match head.iter().rposition(|&b| b == b'\n') {
        Some(end) => &head[..=end],
        None => head,
    }
}

fn inspect_text(text: &str, fields: &[FieldSpec], out: &mut Inspection) {
    if text.trim().is_empty() {
        out.issues
            .push(file_issue("empty_file", "the file is empty".into()));
        return;
    }
    let delimiter = sniff_delimiter(text);
    out.delimiter = (delimiter as char).to_string();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let headers: Vec<String> = match records.next() {
        Some(Ok(r)) => r.iter().map(|h| h.trim().to_string()).collect(),
        Some(Err(e)) => {
            out.issues.push(file_issue(
                "bad_header",
                format!("the header row cannot be read: {e}"),
            ));
            return;
        }
        None => return,
    };
    out.rows = records
        .filter_map(Result::ok)
        .filter(|r| !r.iter().all(|c| c.trim().is_empty()))
        .take(PREVIEW_ROWS)
        .map(|r| r.iter().map(str::to_string).collect())
        .collect();
    out.columns = suggest(&headers, fields);
}

/// A suggestion per header; a field is suggested for one column only (the most confident, the
/// first of equals — the reader also keeps the first of two columns naming one field).
pub fn suggest(headers: &[String], fields: &[FieldSpec]) -> Vec<ColumnGuess> {
    let mut guesses: Vec<(ColumnGuess, f64)> = headers
        .iter()
        .enumerate()
        .map(|(index, header)| {
            let (field, confidence, unit, similarity) = match match_header(header, fields) {
                Some(m) if m.confidence >= 1.0 => (Some(m.field), Confidence::Exact, m.unit, 1.0),
                Some(m) => (Some(m.field), Confidence::Alias, m.unit, 1.0),
                None => match fuzzy(header, fields) {
                    Some((field, sim)) => (Some(field), Confidence::Fuzzy, unit_of(header), sim),
                    None => (None, Confidence::None, None, 0.0),
                },
            };
            let spec = field
                .as_ref()
                .and_then(|f| fields.iter().find(|s| &s.name == f));
            let unit = unit.filter(|_| spec.is_some_and(|s| s.kind == FieldKind::Money));
            (
                ColumnGuess {
                    header: header.clone(),
                    index,
                    field,
                    confidence,
                    unit,
                },
                similarity,
            )
        })
        .collect();
    for i in 0..guesses.len() {
        let Some(field) = guesses[i].0.field.clone() else {
            continue;
        };
        let rank = (guesses[i].0.confidence, -guesses[i].1);
        let beaten = guesses.iter().enumerate().any(|(j, (g, sim))| {
            j != i
                && g.field.as_deref() == Some(field.as_str())
                && ((g.confidence, -sim) < rank || ((g.confidence, -sim) == rank && j < i))
        });
        if beaten {
            let g = &mut guesses[i].0;
            g.field = None;
            g.confidence = Confidence::None;
            g.unit = None;
        }
    }
    guesses.into_iter().map(|(g, _)| g).collect()
}

/// The bracketed unit of a header such as `营业收入合计（万元）`.
fn unit_of(header: &str) -> Option<MoneyUnit> {
    let folded: String = header.chars().map(fold_fullwidth).collect();
    let open = folded.find(['(', '['])?;
    MoneyUnit::parse(folded[open + 1..].trim_end_matches([')', ']']))
}

/// The field whose name, display names or aliases the header most resembles: one contains the
/// other (similarity = shorter / longer length), or a normalised edit distance. `None` below
/// [`FUZZY_MIN`], for one-character headers, or when two fields resemble it equally.
fn fuzzy(header: &str, fields: &[FieldSpec]) -> Option<(String, f64)> {
    let folded: String = header.chars().map(fold_fullwidth).collect();
    let name_part = folded.split(['(', '[']).next().unwrap_or("");
    let key = fold_header(name_part);
    if key.chars().count() < 2 {
        return None;
    }
    let mut best: Option<(&str, f64)> = None;
    let mut tie = false;
    for spec in fields {
        let sim = [&spec.name, &spec.zh, &spec.en]
            .into_iter()
            .chain(&spec.aliases)
            .map(|c| similarity(&key, &fold_header(c)))
            .fold(0.0, f64::max);
        match best {
            Some((_, b)) if sim < b => {}
            Some((name, b)) if sim == b && name != spec.name => tie = true,
            _ => {
                tie = false;
                best = Some((&spec.name, sim));
            }
        }
    }
    match best {
        Some((name, sim)) if sim >= FUZZY_MIN && !tie => Some((name.to_string(), sim)),
        _ => None,
    }
}

fn similarity(a: &str, b: &str) -> f64 {
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la < 2 || lb < 2 {
        return 0.0;
    }
    let contained = if a.contains(b) || b.contains(a) {
        la.min(lb) as f64 / la.max(lb) as f64
    } else {
        0.0
    };
    contained.max(strsim::normalized_levenshtein(a, b))
}

fn file_issue(code: &'static str, message: String) -> Issue {
    Issue {
        row: None,
        column: None,
        code,
        message,
        severity: Severity::Error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::builtin_fields;

    fn guess(headers: &[&str]) -> Vec<(Option<String>, Confidence)> {
        let headers: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
        suggest(&headers, &builtin_fields())
            .into_iter()
            .map(|g| (g.field, g.confidence))
            .collect()
    }

    #[test]
    fn exact_alias_fuzzy_and_none() {
        let g = guess(&[
            "employees",
            "营业收入",
            "营业收入合计",
            "Revenues",
            "favourite colour",
            "x",
        ]);
        assert_eq!(g[0], (Some("employees".into()), Confidence::Exact));
        assert_eq!(g[1], (Some("revenue".into()), Confidence::Alias));
        // The same field is suggested once: the alias beats the two similar names.
        assert_eq!(g[2], (None, Confidence::None));
        assert_eq!(g[3], (None, Confidence::None));
        assert_eq!(g[4], (None, Confidence::None));
        assert_eq!(g[5], (None, Confidence::None));
        let g = guess(&["营业收入合计", "员工数"]);
        assert_eq!(g[0], (Some("revenue".into()), Confidence::Fuzzy));
        assert_eq!(g[1], (Some("employees".into()), Confidence::Fuzzy));
        assert_eq!(
            guess(&["Revenues"])[0],
            (Some("revenue".into()), Confidence::Fuzzy)
        );
    }

    #[test]
    fn of_two_equal_matches_the_first_column_keeps_the_field() {
        let g = guess(&["从业人员", "员工人数"]);
        assert_eq!(g[0], (Some("employees".into()), Confidence::Alias));
        assert_eq!(g[1], (None, Confidence::None));
    }

    #[test]
    fn gbk_file_gives_chinese_headers_preview_and_units() {
        let text = "客户编号\t营业收入（万元）\t备注\nA1\t1,200\t好\n\nA2\t30\t\n";
        let (gbk, _, _) = encoding_rs::GB18030.encode(text);
        let ins = inspect(&gbk, None, &builtin_fields());
        assert_eq!(ins.encoding, "GBK/GB18030");
        assert_eq!(ins.delimiter, "\t");
        let headers: Vec<&str> = ins.columns.iter().map(|c| c.header.as_str()).collect();
        assert_eq!(headers, ["客户编号", "营业收入（万元）", "备注"]);
        assert_eq!(ins.columns[0].field.as_deref(), Some("id"));
        assert_eq!(ins.columns[1].field.as_deref(), Some("revenue"));
        assert_eq!(ins.columns[1].unit, Some(MoneyUnit::Wan));
        assert_eq!(ins.columns[2].field, None);
        assert_eq!(
            ins.rows,
            vec![vec!["A1", "1,200", "好"], vec!["A2", "30", ""]]
        );
        assert!(ins.issues.is_empty());
        assert!(
            ins.fields
                .iter()
                .any(|f| f.name == "revenue" && f.zh == "营业收入")
        );
    }

    #[test]
    fn a_big_file_is_inspected_from_its_first_complete_lines() {
        let mut text = String::from("id,营业收入\n");
        while text.len() <= INSPECT_BYTES + 100 {
            text.push_str("长长的客户编号,123\n");
        }
        let ins = inspect(text.as_bytes(), None, &builtin_fields());
        assert_eq!(ins.encoding, "UTF-8");
        assert_eq!(ins.rows.len(), PREVIEW_ROWS);
        let cut = complete_lines(text.as_bytes());
        assert!(cut.len() <= INSPECT_BYTES && cut.ends_with(b"\n"));
        assert!(std::str::from_utf8(cut).is_ok());
    }

    #[test]
    fn empty_file_is_an_issue_not_a_panic() {
        let ins = inspect(b"  \n", None, &builtin_fields());
        assert_eq!(ins.issues[0].code, "empty_file");
        assert!(ins.columns.is_empty());
        let ins = inspect(b"", None, &builtin_fields());
        assert_eq!(ins.issues[0].code, "empty_file");
    }

    #[cfg(feature = "xlsx")]
    #[test]
    fn a_workbook_sheet_is_inspected_like_a_csv() {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/customers.xlsx"
        ))
        .unwrap();
        let ins = inspect(&bytes, Some("客户"), &builtin_fields());
        assert_eq!(ins.encoding, "Excel workbook");
        assert!(ins.sheets.len() >= 2 && ins.sheets.contains(&"客户".to_string()));
        assert_eq!(ins.sheet.as_deref(), Some("客户"));
        assert!(
            ins.columns
                .iter()
                .any(|c| c.field.as_deref() == Some("employees"))
        );
        assert!(!ins.rows.is_empty());
        let bad = inspect(&bytes, Some("no such sheet"), &builtin_fields());
        assert_eq!(bad.issues[0].code, "bad_workbook");
    }
}
