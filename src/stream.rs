//! Segmenting a delimited file too big to hold in memory, part by part, with exactly the results
//! the whole batch would give. Only two things in a row's result depend on other rows: RFM
//! quintiles (the file's four cut values per measure, taken in a first pass) and the snapshot
//! history of its customer (kept whole by never cutting a part between two rows of the same id;
//! an id whose rows are not next to each other is reported). Memory is one part plus, in the
//! first pass, 8 bytes per row for each RFM measure and for an id hash.

use crate::batch::RunOptions;
use crate::dataset::{Issue, Severity};
use crate::fields::FieldSpec;
use crate::ingest::{self, ReadOptions};
use crate::output::{self, CsvOptions};
use crate::policy::Policy;
use crate::repeats::hash_id;
use crate::rfm;
use encoding_rs::GB18030;
use rustc_hash::{FxHashMap, FxHashSet};
use std::io::{self, Read, Seek, SeekFrom, Write};

/// How to write the results of a streamed file.
#[derive(Clone, Copy, Debug)]
pub enum Format {
    Csv(CsvOptions),
    Jsonl,
}

/// Options of a streamed run.
#[derive(Clone, Copy, Debug)]
pub struct StreamOptions {
    /// Target size of one part in bytes (a part always ends at the end of a record).
    pub part_bytes: usize,
    pub format: Format,
}

impl Default for StreamOptions {
    fn default() -> Self {
        StreamOptions {
            part_bytes: 32 << 20,
            format: Format::Csv(CsvOptions::default()),
        }
    }
}

/// What a streamed run did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    pub rows: usize,
    pub parts: usize,
    pub issues: usize,
    /// A file-level error (empty file, no rows, unreadable header) was reported.
    pub fatal: bool,
    pub encoding: &'static str,
}

/// Why a file cannot be streamed (the caller reads it whole instead).
#[derive(Debug)]
pub enum StreamError {
    Io(io::Error),
    /// UTF-16 text and workbooks cannot be cut at newline bytes.
    NotStreamable(&'static str),
}

impl From<io::Error> for StreamError {
    fn from(e: io::Error) -> Self {
        StreamError::Io(e)
    }
}

impl std::fmt::Display for StreamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StreamError::Io(e) => write!(f, "{e}"),
            StreamError::NotStreamable(why) => write!(f, "cannot be streamed: {why}"),
        }
    }
}

/// Segment `input` part by part, writing results to `out` in input order and each issue (with
/// its row number in the whole file) to `on_issue` as it is found.
pub fn segment_stream<R: Read + Seek, W: Write>(
    input: &mut R,
    out: &mut W,
    policy: &Policy,
    read: &ReadOptions,
    run: &RunOptions,
    opts: &StreamOptions,
    on_issue: &mut dyn FnMut(&Issue),
) -> Result<Summary, StreamError> {
    let encoding = sniff_encoding(input, opts.part_bytes)?;
    let first = first_pass(input, policy, read, encoding, opts.part_bytes)?;
    let run = RunOptions {
        rfm_population: first.rfm,
        ..*run
    };
    input.seek(SeekFrom::Start(0))?;
    let mut parts = Parts::new(input, opts.part_bytes, first.id_column, first.delimiter)?;
    let header = parts.header.clone();
    let mut summary = Summary {
        encoding: encoding.name(),
        ..Summary::default()
    };
    let mut seen_file_issues: FxHashSet<(&'static str, Option<String>, String)> =
        FxHashSet::default();
    let mut report = |issue: Issue, first_part: bool, summary: &mut Summary| {
        let header_or_file = matches!(issue.row, None | Some(1));
        if header_or_file
            && (!first_part && issue.row == Some(1)
                || !seen_file_issues.insert((
                    issue.code,
                    issue.column.clone(),
                    issue.message.clone(),
                )))
        {
            return;
        }
        if issue.row.is_none() && issue.severity == Severity::Error {
            summary.fatal = true;
        }
        summary.issues += 1;
        on_issue(&issue);
    };
    let mut row_offset: u32 = 0;
    let mut no_rows: Option<Issue> = None;
    loop {
        let first_part = summary.parts == 0;
        let body = match parts.next_part()? {
            Some(body) => body,
            None if first_part => Vec::new(),
            None => break,
        };
        let (bytes, had_errors) = encoding.to_utf8(&header, &body);
        let (mut ds, mut results) = crate::segment_bytes(&bytes, policy, read, &run);
        summary.parts += 1;
        if first_part && encoding != Encoding::Gb18030 {
            summary.encoding = ds.encoding;
        }
        if had_errors {
            report(bad_encoding(encoding), first_part, &mut summary);
        }
        // "No rows" is about the whole file, said at the end; a part of blank lines is not it.
        if let Some(i) = ds.issues.iter().position(|i| i.code == "no_rows") {
            no_rows.get_or_insert(ds.issues.remove(i));
        }
        for r in results.source_rows.iter_mut() {
            *r += row_offset;
        }
        split_snapshots(&ds, &results.source_rows, &first.repeated, &mut |i| {
            report(i, first_part, &mut summary)
        });
        for mut issue in ds.issues.drain(..).chain(results.issues.drain(..)) {
            if let Some(r) = issue.row.as_mut().filter(|r| **r > 1) {
                *r += row_offset;
            }
            report(issue, first_part, &mut summary);
        }
        let chunk = match opts.format {
            Format::Csv(csv) => output::to_csv(
                &results,
                CsvOptions {
                    skip_header: !first_part,
                    ..csv
                },
            ),
            Format::Jsonl => output::to_jsonl(&results),
        };
        out.write_all(&chunk)?;
        summary.rows += results.len();
        row_offset += ds.last_row.saturating_sub(1);
    }
    if summary.rows == 0
        && let Some(issue) = no_rows
    {
        report(issue, true, &mut summary);
    }
    out.flush()?;
    Ok(summary)
}

fn bad_encoding(encoding: Encoding) -> Issue {
    Issue {
        row: None,
        column: None,
        code: "bad_encoding",
        message: format!(
            "some bytes are not valid {}; they were replaced (is the file in another encoding?)",
            encoding.name()
        ),
        severity: Severity::Warning,
    }
}

/// The text encoding of the whole file, decided as [`ingest::encoding::decode`] would.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Encoding {
    Utf8,
    /// UTF-8 with a few broken sequences: replaced (as `decode` does for the whole file), so no
    /// part is re-read as GBK on its own.
    Utf8Lossy,
    Gb18030,
}

impl Encoding {
    fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 | Encoding::Utf8Lossy => "UTF-8",
            Encoding::Gb18030 => "GBK/GB18030",
        }
    }

    /// Header + one part as bytes the reader decodes as the whole file would be (UTF-8 passes
    /// through; GB18030 is decoded here, and whether some bytes were bad is returned).
    fn to_utf8(self, header: &[u8], body: &[u8]) -> (Vec<u8>, bool) {
        let mut bytes = Vec::with_capacity(header.len() + body.len());
        bytes.extend_from_slice(header);
        bytes.extend_from_slice(body);
        match self {
            Encoding::Utf8 => (bytes, false),
            Encoding::Utf8Lossy => match String::from_utf8_lossy(&bytes) {
                std::borrow::Cow::Borrowed(_) => (bytes, false),
                std::borrow::Cow::Owned(text) => (text.into_bytes(), true),
            },
            Encoding::Gb18030 => {
                let (text, had_errors) = GB18030.decode_without_bom_handling(&bytes);
                (text.into_owned().into_bytes(), had_errors)
            }
        }
    }
}

/// UTF-8 when every byte of the file is valid UTF-8 (with or without BOM), GB18030 otherwise;
/// UTF-16 and workbooks are not streamable.
fn sniff_encoding<R: Read + Seek>(
    input: &mut R,
    part_bytes: usize,
) -> Result<Encoding, StreamError> {
    input.seek(SeekFrom::Start(0))?;
    let mut head = Vec::with_capacity(1024);
    input.by_ref().take(1024).read_to_end(&mut head)?;
    input.seek(SeekFrom::Start(0))?;
    let mut parts = Parts::new(input, part_bytes, None, b',')?;
    let header = &parts.header;
    if header.starts_with(b"\xFF\xFE")
        || header.starts_with(b"\xFE\xFF")
        || ingest::encoding::utf16_without_bom(&head).is_some()
    {
        return Err(StreamError::NotStreamable("UTF-16 text"));
    }
    if header.starts_with(b"PK\x03\x04") || header.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(StreamError::NotStreamable("an Excel workbook"));
    }
    if header.starts_with(b"\xEF\xBB\xBF") {
        return Ok(Encoding::Utf8); // as `decode`: a BOM decides, bad bytes are replaced
    }
    let (mut good, mut broken) = ingest::encoding::utf8_tally(header);
    while let Some(part) = parts.next_part()? {
        let (g, b) = ingest::encoding::utf8_tally(&part);
        good += g;
        broken += b;
    }
    Ok(if broken == 0 {
        Encoding::Utf8
    } else if ingest::encoding::is_mostly_utf8(good, broken) {
        Encoding::Utf8Lossy
    } else {
        Encoding::Gb18030
    })
}

/// What the first pass learns about the whole file.
struct FirstPass {
    rfm: Option<rfm::Population>,
    /// Id hash → number of rows, for ids on more than one row.
    repeated: FxHashMap<u64, u32>,
    id_column: Option<usize>,
    delimiter: u8,
}

/// Read only the id and the three RFM measures of every row.
fn first_pass<R: Read + Seek>(
    input: &mut R,
    policy: &Policy,
    read: &ReadOptions,
    encoding: Encoding,
    part_bytes: usize,
) -> Result<FirstPass, StreamError> {
    const RFM: [&str; 3] = ["recency_days", "frequency", "monetary"];
    let fields: Vec<FieldSpec> = policy
        .fields
        .iter()
        .filter(|f| f.name == "id" || RFM.contains(&f.name.as_str()))
        .cloned()
        .collect();
    input.seek(SeekFrom::Start(0))?;
    let mut parts = Parts::new(input, part_bytes, None, b',')?;
    let header = parts.header.clone();
    let probe = ingest::read_delimited(&encoding.to_utf8(&header, b"").0, read, &fields);
    let id_column = probe
        .mapping
        .iter()
        .find(|m| m.field.as_deref() == Some("id"))
        .map(|m| m.index);
    let has_rfm = RFM
        .iter()
        .all(|f| probe.mapping.iter().any(|m| m.field.as_deref() == Some(*f)));
    let mut measures: [Vec<f64>; 3] = Default::default();
    let mut hashes: Vec<u64> = Vec::new();
    while let Some(part) = parts.next_part()? {
        let ds = ingest::read_delimited(&encoding.to_utf8(&header, &part).0, read, &fields);
        if let Some(ids) = ds.texts("id") {
            hashes.extend(ids.iter().map(hash_id));
        }
        if has_rfm {
            for (values, name) in measures.iter_mut().zip(RFM) {
                values.extend_from_slice(ds.numbers(name).unwrap_or(&[]));
            }
        }
    }
    hashes.sort_unstable();
    let mut repeated = FxHashMap::default();
    for run in hashes.chunk_by(|a, b| a == b).filter(|r| r.len() > 1) {
        repeated.insert(run[0], run.len() as u32);
    }
    Ok(FirstPass {
        rfm: has_rfm.then(|| rfm::Population::of(&measures[0], &measures[1], &measures[2])),
        repeated,
        id_column,
        delimiter: probe.delimiter,
    })
}

/// Ids of this part that have rows elsewhere in the file: their history was cut.
fn split_snapshots(
    ds: &crate::dataset::Dataset,
    rows: &[u32],
    repeated: &FxHashMap<u64, u32>,
    report: &mut dyn FnMut(Issue),
) {
    if repeated.is_empty() {
        return;
    }
    let Some(ids) = ds.texts("id") else { return };
    let mut here: FxHashMap<&str, (u32, u32)> = FxHashMap::default();
    for (i, id) in ids.iter().enumerate() {
        if repeated.contains_key(&hash_id(id)) {
            here.entry(id).or_insert((rows[i], 0)).1 += 1;
        }
    }
    let mut cut: Vec<(&str, u32, u32)> = here
        .into_iter()
        .filter(|(id, (_, n))| repeated[&hash_id(id)] > *n)
        .map(|(id, (row, n))| (id, row, n))
        .collect();
    cut.sort_by_key(|c| c.1);
    for (id, row, n) in cut {
        report(Issue {
            row: Some(row),
            column: Some(ds.header_of("id")),
            code: "snapshots_not_adjacent",
            message: format!(
                "customer '{id}' has {} rows in the file but only {n} next to each other here; its history warnings compare only these (sort the file by id, or read it whole)",
                repeated[&hash_id(id)]
            ),
            severity: Severity::Warning,
        });
    }
}

/// Cuts a delimited file into parts of whole records, never between two records of the same id.
/// A newline ends a record when the quotes before it are balanced (RFC 4180 doubles quotes inside
/// a quoted field; no GBK/GB18030 trail byte is `"` or `\n`).
struct Parts<R> {
    src: R,
    header: Vec<u8>,
    pending: Vec<u8>,
    target: usize,
    eof: bool,
    done: bool,
    id_column: Option<usize>,
    delimiter: u8,
}

impl<R: Read> Parts<R> {
    fn new(src: R, target: usize, id_column: Option<usize>, delimiter: u8) -> io::Result<Parts<R>> {
        let mut parts = Parts {
            src,
            header: Vec::new(),
            pending: Vec::new(),
            target: target.max(1),
            eof: false,
            done: false,
            id_column,
            delimiter,
        };
        loop {
            if let Some(&end) = record_ends(&parts.pending, 1).first() {
                parts.header = parts.pending.drain(..end).collect();
                break;
            }
            if parts.eof {
                parts.header = std::mem::take(&mut parts.pending);
                break;
            }
            parts.fill(parts.pending.len() + parts.target)?;
        }
        Ok(parts)
    }

    /// Read until `pending` holds `want` bytes or the input ends.
    fn fill(&mut self, want: usize) -> io::Result<()> {
        let mut block = vec![0u8; want.saturating_sub(self.pending.len()).clamp(1, 1 << 20)];
        while self.pending.len() < want && !self.eof {
            let room = (want - self.pending.len()).min(block.len());
            let n = self.src.read(&mut block[..room])?;
            if n == 0 {
                self.eof = true;
            }
            self.pending.extend_from_slice(&block[..n]);
        }
        Ok(())
    }

    /// The next part's bytes, or `None` at the end.
    fn next_part(&mut self) -> io::Result<Option<Vec<u8>>> {
        if self.done {
            return Ok(None);
        }
        let mut want = self.target;
        loop {
            self.fill(want)?;
            if self.eof {
                self.done = true;
                let rest = std::mem::take(&mut self.pending);
                return Ok((!rest.is_empty()).then_some(rest));
            }
            let ends = record_ends(&self.pending, usize::MAX);
            if let Some(cut) = self.cut_point(&ends) {
                let rest = self.pending.split_off(cut);
                return Ok(Some(std::mem::replace(&mut self.pending, rest)));
            }
            // One record (or one customer's rows) longer than a part: read more.
            want = self.pending.len() * 2;
        }
    }

    /// The last record end that does not separate two rows of one id. The last end is never
    /// taken (the record after it may be incomplete), so each candidate has a whole next record.
    fn cut_point(&self, ends: &[usize]) -> Option<usize> {
        if ends.len() < 2 {
            return None;
        }
        let Some(col) = self.id_column else {
            return Some(ends[ends.len() - 2]);
        };
        let start_of = |i: usize| if i == 0 { 0 } else { ends[i - 1] };
        for i in (0..ends.len() - 1).rev() {
            let before = field(&self.pending[start_of(i)..ends[i]], col, self.delimiter);
            let after = field(&self.pending[ends[i]..ends[i + 1]], col, self.delimiter);
            if before != after {
                return Some(ends[i]);
            }
        }
        None
    }
}

/// Offsets just past each record-ending newline (at most `limit` of them).
fn record_ends(bytes: &[u8], limit: usize) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut quoted = false;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == b'\n' && !quoted {
            ends.push(i + 1);
            if ends.len() >= limit {
                break;
            }
        }
    }
    ends
}

/// Field `col` of one raw record, unquoted and trimmed as the reader would see it.
fn field(record: &[u8], col: usize, delimiter: u8) -> Vec<u8> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(record);
    let mut rec = csv::ByteRecord::new();
    match reader.read_byte_record(&mut rec) {
        Ok(true) => rec.get(col).unwrap_or_default().trim_ascii().to_vec(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests;
