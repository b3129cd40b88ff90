//! From a delimited file's bytes to a [`Dataset`]: decode (UTF-8/BOM/GBK), sniff the delimiter
//! (comma, tab as pasted from Excel, semicolon, pipe), map headers to fields, and parse every
//! mapped cell into typed columns in one pass. Problems become [`Issue`]s with the spreadsheet row
//! and the column header; a bad cell is read as missing and the rest of its row is kept.

pub mod cell;
pub mod encoding;
pub mod inspect;
pub mod plain;
pub mod quotes;
pub mod rows;
#[cfg(test)]
mod tests;
#[cfg(feature = "xlsx")]
pub mod workbook;

use crate::dataset::{Column, ColumnData, ColumnMapping, Dataset, Issue, Severity};
use crate::fields::{FieldKind, FieldSpec, HeaderMatcher, MoneyUnit};
use crate::progress::{self, OnProgress, Progress, Stage};
use cell::Cell;

/// How to read a file.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// Unit of money columns whose header does not say (default 元).
    pub money_unit: MoneyUnit,
    /// Manual mapping, header → field name; an empty field name means "ignore this column".
    /// Takes precedence over automatic matching.
    pub column_map: Vec<(String, String)>,
    /// The sheet of a workbook to read (default: the first).
    pub sheet: Option<String>,
}

/// Read any supported file: a workbook (first sheet, or `opts.sheet`) when the bytes are one, else
/// delimited text. Without the `xlsx` feature a workbook gets a clear error, not garbage rows.
pub fn read_any(bytes: &[u8], opts: &ReadOptions, fields: &[FieldSpec]) -> Dataset {
    read_any_with_progress(bytes, opts, fields, &mut progress::ignore)
}

/// [`read_any`], reporting progress through the reading of the rows.
pub fn read_any_with_progress(
    bytes: &[u8],
    opts: &ReadOptions,
    fields: &[FieldSpec],
    on_progress: OnProgress,
) -> Dataset {
    let workbook = bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if !workbook {
        return read_delimited_with_progress(bytes, opts, fields, on_progress);
    }
    #[cfg(feature = "xlsx")]
    {
        match workbook::sheet_to_csv(bytes, opts.sheet.as_deref()) {
            Ok(csv) => {
                let mut ds = read_delimited_with_progress(&csv, opts, fields, on_progress);
                ds.encoding = "Excel workbook";
                ds
            }
            Err(message) => Dataset {
                issues: vec![file_issue("bad_workbook", message, Severity::Error)],
                encoding: "Excel workbook",
                ..Dataset::default()
            },
        }
    }
    #[cfg(not(feature = "xlsx"))]
    {
        Dataset {
            issues: vec![file_issue(
                "workbook_unsupported",
                "this is an Excel workbook; this build reads CSV only (use the build with the xlsx feature, or save as CSV)".into(),
                Severity::Error,
            )],
            encoding: "Excel workbook",
            ..Dataset::default()
        }
    }
}

/// Where one file column goes.
struct Slot {
    column: usize,
    kind: FieldKind,
    money_factor: f64,
    min: Option<f64>,
    max: Option<f64>,
}

pub fn read_delimited(bytes: &[u8], opts: &ReadOptions, fields: &[FieldSpec]) -> Dataset {
    read_delimited_with_progress(bytes, opts, fields, &mut progress::ignore)
}

/// [`read_delimited`], calling `on_progress` every [`progress::ROWS_PER_REPORT`] rows and at the end.
pub fn read_delimited_with_progress(
    bytes: &[u8],
    opts: &ReadOptions,
    fields: &[FieldSpec],
    on_progress: OnProgress,
) -> Dataset {
    read_with(bytes, opts, fields, on_progress, true)
}

/// [`read_delimited`] with the CSV reader for every file, even one without quotes: the reference
/// the fuzzer compares the quote-free path with. Not for other uses.
#[doc(hidden)]
pub fn read_delimited_by_csv_reader(
    bytes: &[u8],
    opts: &ReadOptions,
    fields: &[FieldSpec],
) -> Dataset {
    read_with(bytes, opts, fields, &mut progress::ignore, false)
}

/// The reading itself; `plain_allowed = false` reads every file with the CSV reader (what tests
/// compare the quote-free path with).
fn read_with(
    bytes: &[u8],
    opts: &ReadOptions,
    fields: &[FieldSpec],
    on_progress: OnProgress,
    plain_allowed: bool,
) -> Dataset {
    let decoded = encoding::decode(bytes);
    let mut ds = Dataset {
        encoding: decoded.encoding,
        delimiter: b',',
        ..Dataset::default()
    };
    if decoded.had_errors {
        ds.issues.push(file_issue(
            "bad_encoding",
            format!("some bytes are not valid {}; they were replaced (is the file in another encoding?)", decoded.encoding),
            Severity::Warning,
        ));
    }
    let text: &str = &decoded.text;
    if text.trim().is_empty() {
        ds.issues.push(file_issue(
            "empty_file",
            "the file is empty".into(),
            Severity::Error,
        ));
        return ds;
    }
    ds.delimiter = sniff_delimiter(text);
    let total = text.len() as u64;
    // Without a quote anywhere (and with every byte decoded) the CSV rules are lines split at
    // the delimiter: the cells are read as slices of the text.
    if plain_allowed && !decoded.had_errors && memchr::memchr(b'"', text.as_bytes()).is_none() {
        let mut records = plain::PlainRecords::new(text, ds.delimiter);
        let mut cells: Vec<&str> = Vec::new();
        if records.next_record(&mut cells).is_none() {
            // Only a byte-order mark and line breaks.
            ds.issues.push(file_issue(
                "empty_file",
                "the file is empty".into(),
                Severity::Error,
            ));
            return ds;
        }
        let headers: Vec<String> = cells.iter().map(|h| h.trim().to_string()).collect();
        let slots = map_headers(&headers, opts, fields, &mut ds);
        let header_end = records.position() as u64;
        let mut row_index: u32 = 1;
        loop {
            if row_index % progress::ROWS_PER_REPORT == 0 {
                on_progress(reading(records.position() as u64, total, &ds));
            }
            let Some(row) = records.next_record(&mut cells) else {
                break;
            };
            row_index = row;
            take_record(&cells, row_index, &headers, &slots, &mut ds);
            reserve_after_sample(&mut ds, records.position() as u64, header_end, total);
        }
        return finish(ds, row_index, total, on_progress);
    }
    let repaired = quotes::repair(text, ds.delimiter);
    let text: &str = repaired.as_ref().map_or(text, |r| &r.text);
    let total = text.len() as u64;
    let mut rows = rows::RowCounter::new(text.as_bytes(), ds.delimiter);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(ds.delimiter)
        .from_reader(text.as_bytes());
    let mut record = csv::ByteRecord::new();
    match reader.read_byte_record(&mut record) {
        Ok(true) => {}
        Ok(false) => {
            ds.issues.push(file_issue(
                "empty_file",
                "the file is empty".into(),
                Severity::Error,
            ));
            return ds;
        }
        Err(err) => {
            ds.issues.push(file_issue(
                "bad_header",
                format!("the header row cannot be read: {err}"),
                Severity::Error,
            ));
            return ds;
        }
    }
    let headers: Vec<String> = record
        .iter()
        .map(|h| String::from_utf8_lossy(h).trim().to_string())
        .collect();
    let slots = map_headers(&headers, opts, fields, &mut ds);
    if let Some(r) = &repaired {
        quotes::report(r, &headers, &mut ds.issues);
    }
    rows.record_row(record.position().map_or(0, |p| p.byte() as usize), &record);

    let header_end = reader.position().byte();
    let mut row_index: u32 = 1;
    let mut replaced_budget = decoded.had_errors as usize * encoding::MAX_REPLACED_CELLS;
    let mut spare: Vec<&[u8]> = Vec::new();
    loop {
        if row_index % progress::ROWS_PER_REPORT == 0 {
            on_progress(reading(reader.position().byte(), total, &ds));
        }
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                row_index = match record.position() {
                    Some(p) => rows.record_row(p.byte() as usize, &record),
                    None => row_index + 1,
                };
                let mut cells = reuse(spare);
                cells.extend(record.iter());
                if replaced_budget > 0 && !is_blank(&cells) {
                    let (enc, issues) = (ds.encoding, &mut ds.issues);
                    encoding::report_replaced(
                        &record,
                        row_index,
                        &headers,
                        &slots,
                        enc,
                        &mut replaced_budget,
                        issues,
                    );
                }
                take_record(&cells, row_index, &headers, &slots, &mut ds);
                spare = reuse(cells);
                reserve_after_sample(&mut ds, reader.position().byte(), header_end, total);
            }
            Err(err) => {
                row_index += 1;
                ds.issues.push(Issue {
                    row: Some(row_index),
                    column: None,
                    code: "unreadable_row",
                    message: format!("cannot be read: {err}"),
                    severity: Severity::Error,
                });
            }
        }
    }
    finish(ds, row_index, total, on_progress)
}

/// An empty vector on the allocation of `v`, whose borrows have ended (collecting from an
/// emptied vector into one of the same layout reuses its buffer): one cell list for all records.
fn reuse<'b>(mut v: Vec<&[u8]>) -> Vec<&'b [u8]> {
    v.clear();
    v.into_iter().map(|_| &b""[..]).collect()
}

/// A progress report: `done` of `total` bytes read, with the rows read so far.
fn reading(done: u64, total: u64, ds: &Dataset) -> Progress {
    Progress {
        stage: Stage::Read,
        done,
        total,
        rows: ds.n_rows as u64,
    }
}

/// The last progress report, the last row, and the file-level issue of a file without records.
fn finish(mut ds: Dataset, last_row: u32, total: u64, on_progress: OnProgress) -> Dataset {
    on_progress(reading(total, total, &ds));
    ds.last_row = last_row;
    if ds.n_rows == 0 {
        ds.issues.push(file_issue(
            "no_rows",
            "the file has a header but no data rows".into(),
            Severity::Error,
        ));
    }
    ds
}

/// A cell as a tokenizer gives it: bytes from the CSV reader's record buffer, or a slice of
/// the text (quote-free files).
trait RawCell<'a>: Copy {
    fn bytes(self) -> &'a [u8];
    /// The cell's text without surrounding whitespace.
    fn text(self) -> std::borrow::Cow<'a, str>;
}

impl<'a> RawCell<'a> for &'a [u8] {
    fn bytes(self) -> &'a [u8] {
        self
    }
    fn text(self) -> std::borrow::Cow<'a, str> {
        cell_text(self)
    }
}

impl<'a> RawCell<'a> for &'a str {
    fn bytes(self) -> &'a [u8] {
        self.as_bytes()
    }
    fn text(self) -> std::borrow::Cow<'a, str> {
        trimmed(self).into()
    }
}

fn is_blank<'a, C: RawCell<'a>>(cells: &[C]) -> bool {
    cells
        .iter()
        .all(|c| c.bytes().iter().all(u8::is_ascii_whitespace))
}

/// One record: skipped when blank, its field count checked, its cells read into the columns.
fn take_record<'a, C: RawCell<'a>>(
    cells: &[C],
    row: u32,
    headers: &[String],
    slots: &[Option<Slot>],
    ds: &mut Dataset,
) {
    if is_blank(cells) {
        return;
    }
    if cells.len() != headers.len() {
        ds.issues.push(Issue {
            row: Some(row),
            column: headers
                .get(cells.len().min(headers.len().saturating_sub(1)))
                .cloned(),
            code: "field_count",
            message: format!(
                "has {} fields but the header has {}; {}",
                cells.len(),
                headers.len(),
                if cells.len() < headers.len() {
                    "the missing cells are read as empty"
                } else {
                    "the extra cells are ignored"
                }
            ),
            severity: Severity::Warning,
        });
    }
    push_row(cells, row, headers, slots, ds);
}

/// Once [`ROWS_BEFORE_RESERVING`] rows are read (`pos` bytes into the text), size the columns.
fn reserve_after_sample(ds: &mut Dataset, pos: u64, header_end: u64, total: u64) {
    if ds.n_rows == ROWS_BEFORE_RESERVING {
        reserve_like_sample(
            ds,
            pos.saturating_sub(header_end),
            total.saturating_sub(header_end),
        );
    }
}

/// Rows read before the columns are sized for the whole file.
const ROWS_BEFORE_RESERVING: usize = 1024;

/// Size every column for the whole file, extrapolating from the first rows (`sample` bytes of the
/// `total` after the header), with a little room to spare. Growing by doubling instead would copy
/// each column about once more and, under wasm, leave the freed smaller buffers as holes: the
/// peak memory of a big file is what decides whether it opens at all.
fn reserve_like_sample(ds: &mut Dataset, sample: u64, total: u64) {
    if sample == 0 {
        return;
    }
    let scale = total as f64 / sample as f64 * 1.02;
    let more = |now: usize| (now as f64 * scale) as usize - now + 16;
    let rows = more(ds.n_rows);
    ds.source_rows.reserve(rows);
    for column in &mut ds.columns {
        match &mut column.data {
            ColumnData::Number(v) | ColumnData::Date(v) => v.reserve(rows),
            ColumnData::Text(v) => {
                let bytes = more(v.text_len());
                v.reserve(rows, bytes)
            }
        }
    }
}

fn file_issue(code: &'static str, message: String, severity: Severity) -> Issue {
    Issue {
        row: None,
        column: None,
        code,
        message,
        severity,
    }
}

/// The delimiter that splits the header line into the most fields (outside quotes).
pub fn sniff_delimiter(text: &str) -> u8 {
    let first_line = text.lines().next().unwrap_or("");
    let mut counts = [(b',', 0usize), (b'\t', 0), (b';', 0), (b'|', 0)];
    let mut in_quotes = false;
    for b in first_line.bytes() {
        if b == b'"' {
            in_quotes = !in_quotes;
        } else if !in_quotes {
            for (d, n) in counts.iter_mut() {
                if *d == b {
                    *n += 1;
                }
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map(|(d, _)| *d)
        .unwrap_or(b',')
}

/// One slot per file column: where its cells go, or `None` when the column is not used.
fn map_headers(
    headers: &[String],
    opts: &ReadOptions,
    fields: &[FieldSpec],
    ds: &mut Dataset,
) -> Vec<Option<Slot>> {
    let mut slots: Vec<Option<Slot>> = Vec::with_capacity(headers.len());
    let matcher = HeaderMatcher::new(fields);
    for (index, header) in headers.iter().enumerate() {
        let manual = opts
            .column_map
            .iter()
            .find(|(h, _)| h == header)
            .map(|(_, f)| f.as_str());
        let found = match manual {
            Some("") => None,
            Some(field) => matcher.find(field).map(|mut m| {
                m.confidence = 1.0;
                m.unit = matcher.find(header).and_then(|h| h.unit);
                m
            }),
            None => matcher.find(header),
        };
        let mut slot = None;
        let mut mapping = ColumnMapping {
            header: header.clone(),
            index,
            field: None,
            confidence: 0.0,
            unit: None,
        };
        if let Some(m) = found {
            let spec = fields
                .iter()
                .find(|f| f.name == m.field)
                .expect("match_header returns a listed field");
            if let Some(existing) = ds
                .mapping
                .iter()
                .find(|c| c.field.as_deref() == Some(&spec.name))
            {
                ds.issues.push(Issue {
                    row: Some(1),
                    column: Some(header.clone()),
                    code: "duplicate_column",
                    message: format!(
                        "also maps to '{}', already read from column '{}'; this column is ignored",
                        spec.name, existing.header
                    ),
                    severity: Severity::Warning,
                });
            } else {
                let unit =
                    (spec.kind == FieldKind::Money).then(|| m.unit.unwrap_or(opts.money_unit));
                mapping.field = Some(spec.name.clone());
                mapping.confidence = m.confidence;
                mapping.unit = unit;
                slot = Some(Slot {
                    column: ds.columns.len(),
                    kind: spec.kind,
                    money_factor: unit.map_or(1.0, MoneyUnit::to_yuan),
                    min: spec.min,
                    max: spec.max,
                });
                ds.columns.push(Column {
                    field: spec.name.clone(),
                    data: ColumnData::empty(spec.kind),
                });
            }
        }
        ds.mapping.push(mapping);
        slots.push(slot);
    }
    slots
}

fn push_row<'a, C: RawCell<'a>>(
    cells: &[C],
    row: u32,
    headers: &[String],
    slots: &[Option<Slot>],
    ds: &mut Dataset,
) {
    for (col_index, slot) in slots.iter().enumerate() {
        let Some(slot) = slot else { continue };
        let cell = cells.get(col_index).copied();
        let raw = cell.map_or(&b""[..], RawCell::bytes);
        let column = &mut ds.columns[slot.column].data;
        // Plain numbers (nearly all cells) are read from the bytes without decoding or trimming.
        let plain = match column {
            ColumnData::Number(_) => cell::plain_number(raw),
            _ => None,
        };
        let text = match cell {
            Some(cell) if plain.is_none() => cell.text(),
            _ => "".into(),
        };
        let cell = text.as_ref();
        match column {
            ColumnData::Text(values) => values.push(cell),
            ColumnData::Number(values) | ColumnData::Date(values) => {
                let parsed = if let Some(v) = plain {
                    Cell::Value(v)
                } else if slot.kind == FieldKind::Date {
                    cell::parse_date(cell)
                } else {
                    cell::parse_number(cell)
                };
                let value = match parsed {
                    Cell::Value(v)
                        if slot.min.is_some_and(|m| v < m) || slot.max.is_some_and(|m| v > m) =>
                    {
                        ds.issues.push(Issue {
                            row: Some(row),
                            column: Some(headers[col_index].clone()),
                            code: "out_of_range",
                            message: format!(
                                "{} is out of range ({}); read as missing",
                                if plain.is_some() {
                                    String::from_utf8_lossy(raw)
                                } else {
                                    cell.into()
                                },
                                range_text(slot.min, slot.max)
                            ),
                            severity: Severity::Warning,
                        });
                        f64::NAN
                    }
                    Cell::Value(v) => v * slot.money_factor,
                    Cell::Missing => f64::NAN,
                    Cell::Invalid { code, reason } => {
                        ds.issues.push(Issue {
                            row: Some(row),
                            column: Some(headers[col_index].clone()),
                            code,
                            message: format!("{reason}; read as missing"),
                            severity: Severity::Warning,
                        });
                        f64::NAN
                    }
                };
                values.push(value);
            }
        }
    }
    ds.source_rows.push(row);
    ds.n_rows += 1;
}

/// A cell's text without surrounding whitespace. The bytes are valid UTF-8 unless the file had
/// bad bytes in UTF-8 with BOM (then replaced, as everywhere), and a cell that starts and ends with
/// a visible ASCII character needs no trimming.
fn cell_text(raw: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(raw) {
        Ok(text) => trimmed(text).into(),
        Err(_) => String::from_utf8_lossy(raw).trim().to_string().into(),
    }
}

/// `text.trim()`, skipped for a cell that starts and ends with a visible ASCII character.
fn trimmed(text: &str) -> &str {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

fn range_text(min: Option<f64>, max: Option<f64>) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!("expected {a} to {b}"),
        (Some(a), None) => format!("expected at least {a}"),
        (None, Some(b)) => format!("expected at most {b}"),
        (None, None) => String::new(),
    }
}
