//! Spreadsheet row numbers for the records of delimited text. The row a spreadsheet shows is one
//! more than the line breaks before the record that are not inside a quoted cell — `\r\n`, `\n`
//! and a lone `\r` each end a row, and an empty line is a row too. The CSV reader skips empty
//! lines and counts only `\n`, so numbering its records one by one drifts after an empty line or
//! in a file with old Mac (`\r`) line ends; messages would then point at the wrong row.

/// Scans forward once over the text, from one record start to the next.
pub struct RowCounter<'a> {
    text: &'a [u8],
    delimiter: u8,
    pos: usize,
    row: u32,
    /// Bytes the previous record takes when written plainly (fields and delimiters, no quotes).
    plain_len: usize,
}

impl<'a> RowCounter<'a> {
    pub fn new(text: &'a [u8], delimiter: u8) -> RowCounter<'a> {
        RowCounter {
            text,
            delimiter,
            pos: 0,
            row: 1,
            plain_len: usize::MAX,
        }
    }

    /// [`row_at`](Self::row_at) for a record the reader has just read: its fields tell how long
    /// it is when written plainly, so when the span up to the next record is exactly that plus
    /// one line end, the next row follows without looking at the bytes (the usual case).
    pub fn record_row(&mut self, start: usize, record: &csv::ByteRecord) -> u32 {
        let row = self.row_at(start);
        self.plain_len = record.as_slice().len() + record.len().saturating_sub(1);
        row
    }

    /// The row of the record that starts at byte `start` (calls come in increasing order). The
    /// reader may give the offset of the line ends before the record (the `\n` of a `\r\n`, or
    /// empty lines it skipped); no record starts with a line break, so those are stepped over.
    pub fn row_at(&mut self, start: usize) -> u32 {
        let mut start = start.clamp(self.pos, self.text.len());
        while matches!(self.text.get(start), Some(b'\n' | b'\r')) {
            start += 1;
        }
        let span = &self.text[self.pos..start];
        let one_line_end = match span.len().checked_sub(self.plain_len) {
            Some(1) => matches!(span.last(), Some(b'\n' | b'\r')),
            Some(2) => span.ends_with(b"\r\n"),
            _ => false,
        };
        let breaks = if one_line_end {
            1
        } else {
            // A span whose only line end is its last is one row, quotes or not; more line ends
            // may sit inside quoted cells, and only then are the quoting rules followed.
            let body = span
                .strip_suffix(b"\r\n")
                .or_else(|| span.strip_suffix(b"\n"))
                .or_else(|| span.strip_suffix(b"\r"));
            match body {
                Some(body) if memchr::memchr2(b'\n', b'\r', body).is_none() => 1,
                _ if memchr::memchr(b'"', span).is_some() => {
                    Scan::new(self.delimiter).run(span, None).0
                }
                _ => count_breaks(span),
            }
        };
        self.row = self.row.saturating_add(breaks);
        self.pos = start;
        self.plain_len = usize::MAX;
        self.row
    }
}

/// Line breaks in text without quotes: every `\n`, and every `\r` not followed by `\n`
/// (counted as whole-slice passes, which the compiler vectorises: this runs once per record).
fn count_breaks(span: &[u8]) -> u32 {
    let lf = span.iter().filter(|&&b| b == b'\n').count();
    let cr = span.iter().filter(|&&b| b == b'\r').count();
    let crlf = if cr == 0 {
        0
    } else {
        span.windows(2).filter(|w| w == b"\r\n").count()
    };
    u32::try_from(lf + cr - crlf).unwrap_or(u32::MAX)
}

/// The CSV quoting rules the reader follows: a quote opens a quoted cell only as the first
/// character of a cell; inside, `""` is a quote and a lone `"` closes it.
struct Scan {
    delimiter: u8,
    in_quotes: bool,
    at_field_start: bool,
}

impl Scan {
    fn new(delimiter: u8) -> Scan {
        Scan {
            delimiter,
            in_quotes: false,
            at_field_start: true,
        }
    }

    /// Line breaks outside quotes in `text` (which starts at a record start) and, for each of
    /// the increasing byte offsets `marks`, its (row offset, column index) — the number of
    /// breaks and of delimiters since the last break before it.
    fn run(&mut self, text: &[u8], marks: Option<&[usize]>) -> (u32, Vec<(u32, usize)>) {
        let marks = marks.unwrap_or(&[]);
        let mut found = Vec::with_capacity(marks.len());
        let (mut breaks, mut column) = (0u32, 0usize);
        let mut next = 0;
        let mut i = 0;
        while i < text.len() {
            while next < marks.len() && marks[next] <= i {
                found.push((breaks, column));
                next += 1;
            }
            let b = text[i];
            if self.in_quotes {
                if b == b'"' {
                    if text.get(i + 1) == Some(&b'"') {
                        i += 1;
                    } else {
                        self.in_quotes = false;
                    }
                }
            } else if b == b'"' && self.at_field_start {
                self.in_quotes = true;
                self.at_field_start = false;
                i += 1;
                continue;
            } else if b == b'\n' || b == b'\r' {
                if !(b == b'\r' && text.get(i + 1) == Some(&b'\n')) {
                    breaks = breaks.saturating_add(1);
                    column = 0;
                }
                self.at_field_start = true;
                i += 1;
                continue;
            } else if b == self.delimiter {
                column += 1;
                self.at_field_start = true;
                i += 1;
                continue;
            }
            self.at_field_start = false;
            i += 1;
        }
        while next < marks.len() {
            found.push((breaks, column));
            next += 1;
        }
        (breaks, found)
    }
}

/// Row (header = 1) and zero-based column of each of the increasing byte offsets `marks`.
pub fn locate(text: &[u8], delimiter: u8, marks: &[usize]) -> Vec<(u32, usize)> {
    let (_, found) = Scan::new(delimiter).run(text, Some(marks));
    found
        .into_iter()
        .map(|(breaks, column)| (breaks.saturating_add(1), column))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_lines_and_every_line_end_count_but_quoted_breaks_do_not() {
        let text = b"h1,h2\r\na,b\n\nc,\"x\ny\"\rd,e\r\n\"q\"\"\r\",f\n";
        let starts = [0, 7, 12, 20, 25];
        let mut rows = RowCounter::new(text, b',');
        let got: Vec<u32> = starts.iter().map(|&s| rows.row_at(s)).collect();
        assert_eq!(got, [1, 2, 4, 5, 6]);
        // Offsets of the line ends before a record, as the CSV reader gives them, work too.
        let mut rows = RowCounter::new(text, b',');
        let got: Vec<u32> = [0, 6, 11, 20, 24].iter().map(|&s| rows.row_at(s)).collect();
        assert_eq!(got, [1, 2, 4, 5, 6]);
        assert_eq!(
            locate(text, b',', &[3, 14, 22, 27]),
            [(1, 1), (4, 1), (5, 1), (6, 0)]
        );
    }

    #[test]
    fn records_from_the_csv_reader_get_their_rows_with_or_without_the_fast_path() {
        let text = b"h1,h2\r\na,b\n\nc,\"x\ny\"\rd,e\r\n\"q\"\"\r\",f\n  \ng,h";
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(&text[..]);
        let mut rows = RowCounter::new(text, b',');
        let mut record = csv::ByteRecord::new();
        let mut got = Vec::new();
        while reader.read_byte_record(&mut record).unwrap() {
            let start = record.position().unwrap().byte() as usize;
            got.push(rows.record_row(start, &record));
        }
        assert_eq!(got, [1, 2, 4, 5, 6, 7, 8]);
    }

    #[test]
    fn a_quote_inside_a_cell_is_literal() {
        let text = b"a,b\"\nc,d\n";
        let mut rows = RowCounter::new(text, b',');
        assert_eq!((rows.row_at(0), rows.row_at(5)), (1, 2));
    }
}
