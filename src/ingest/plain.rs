//! The records of a delimited text that holds no quote character at all — most bank exports.
//! Without quotes the CSV rules reduce to lines split at the delimiter, so the cells are slices
//! of the decoded text itself: nothing is copied into a record buffer, nothing is validated as
//! UTF-8 again (a cell starts and ends at ASCII bytes of valid text), and the row number is the
//! count of line breaks. The result is exactly what the CSV reader gives for such a text (tested
//! against it on random texts); any text with a quote goes through the CSV reader instead.

/// Records one line at a time. Like the CSV reader, `\n`, `\r\n` and a lone `\r` each end a
/// line and an empty line is not a record; unlike it, every line break is counted, so each
/// record knows its spreadsheet row.
pub struct PlainRecords<'a> {
    text: &'a str,
    delimiter: u8,
    pos: usize,
    /// Spreadsheet row of the line starting at `pos`.
    row: u32,
}

impl<'a> PlainRecords<'a> {
    /// `text` must hold no `"` (the caller checks: a quote needs the CSV rules).
    pub fn new(text: &'a str, delimiter: u8) -> PlainRecords<'a> {
        debug_assert!(delimiter.is_ascii() && delimiter != b'"' && !text.contains('"'));
        PlainRecords {
            text,
            delimiter,
            // Like the CSV reader, a byte-order mark at the very start is not part of the first
            // cell (a file saved with two BOMs still has one after decoding).
            pos: if text.starts_with('\u{feff}') { 3 } else { 0 },
            row: 1,
        }
    }

    /// Byte offset of the next unread line.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// The next record's row, with its cells in `cells` (cleared first); `None` at the end.
    pub fn next_record(&mut self, cells: &mut Vec<&'a str>) -> Option<u32> {
        let bytes = self.text.as_bytes();
        loop {
            if self.pos >= bytes.len() {
                return None;
            }
            let start = self.pos;
            let end =
                memchr::memchr2(b'\n', b'\r', &bytes[start..]).map_or(bytes.len(), |p| start + p);
            let row = self.row;
            self.pos = match bytes.get(end..end + 2) {
                Some(b"\r\n") => end + 2,
                _ => end + 1,
            };
            self.row += 1;
            if end == start {
                continue;
            }
            // Line breaks and delimiters are ASCII, so every slice here is on a char boundary.
            let line = &self.text[start..end];
            cells.clear();
            let mut from = 0;
            for at in memchr::memchr_iter(self.delimiter, line.as_bytes()) {
                cells.push(&line[from..at]);
                from = at + 1;
            }
            cells.push(&line[from..]);
            return Some(row);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &str) -> Vec<(u32, Vec<&str>)> {
        let mut r = PlainRecords::new(text, b',');
        let mut cells = Vec::new();
        let mut out = Vec::new();
        while let Some(row) = r.next_record(&mut cells) {
            out.push((row, cells.clone()));
        }
        out
    }

    #[test]
    fn lines_split_at_the_delimiter_with_rows_counting_every_break() {
        assert_eq!(
            records("id,n\r\nA,1\n\nB,\r\rC,3,x\n ,\n"),
            vec![
                (1, vec!["id", "n"]),
                (2, vec!["A", "1"]),
                (4, vec!["B", ""]),
                (6, vec!["C", "3", "x"]),
                (7, vec![" ", ""]),
            ]
        );
        assert_eq!(records("a"), vec![(1, vec!["a"])]);
        assert_eq!(records(""), vec![]);
        assert_eq!(records("\n\r\n"), vec![]);
    }

    /// The CSV reader's records for the same text (what `read_delimited` uses when quotes occur).
    fn by_csv(text: &str, delimiter: u8) -> Vec<Vec<String>> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(text.as_bytes());
        reader
            .byte_records()
            .map(|r| {
                r.unwrap()
                    .iter()
                    .map(|f| String::from_utf8(f.to_vec()).unwrap())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn the_same_records_as_the_csv_reader_on_random_texts() {
        let mut rng = crate::rng::SeededRng::new(12);
        let pieces = [
            "a", "1", "2.5", " ", "名", "\t", ";", ",", "\n", "\r", "\r\n", "", "\u{0}", "\u{feff}",
        ];
        for _ in 0..3000 {
            let text: String = (0..rng.below(30))
                .map(|_| pieces[rng.below(pieces.len() as u64) as usize])
                .collect();
            for delimiter in [b',', b'\t', b';'] {
                let mut r = PlainRecords::new(&text, delimiter);
                let mut cells = Vec::new();
                let mut mine = Vec::new();
                while r.next_record(&mut cells).is_some() {
                    mine.push(cells.iter().map(|c| c.to_string()).collect::<Vec<_>>());
                }
                assert_eq!(mine, by_csv(&text, delimiter), "{text:?}");
            }
        }
    }
}
