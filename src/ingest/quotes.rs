//! Stray quotes. By the CSV rules a cell that starts with `"` runs on to the next lone quote, so
//! one unbalanced quote (`A1,"Acme,C13,…`) swallows every row after it into a single cell and
//! those customers silently vanish. Before reading, such quotes are found and dropped, and each is
//! reported with its row and column. A quote is stray when its cell is still open at the end of
//! the file, or when the cell runs over a line break although its line, read without the quote,
//! has exactly the header's number of fields (a real multi-line cell — an address over two lines
//! — leaves its first line short of fields, and is kept).

use super::rows::locate;
use crate::dataset::{Issue, Severity};

/// After this many stray quotes the file is read as it is (it is not CSV with a few slips).
const MAX_STRAYS: usize = 1000;

pub struct Repaired {
    /// The text without the stray quotes.
    pub text: String,
    /// Per stray quote: row, zero-based column, and whether it was open at the end of the file.
    pub strays: Vec<(u32, usize, bool)>,
}

fn find(b: &[u8], from: usize, what: u8) -> Option<usize> {
    memchr::memchr(what, b.get(from..)?).map(|p| p + from)
}

/// Fields of `line` (no line break in it) by the quoting rules, the quote at `literal` (an
/// offset into `line`) taken as an ordinary character.
fn count_fields(line: &[u8], delimiter: u8, literal: Option<usize>) -> usize {
    let (mut fields, mut in_quotes, mut at_start) = (1, false, true);
    for (i, &b) in line.iter().enumerate() {
        if b == b'"' && Some(i) != literal && (in_quotes || at_start) {
            in_quotes = !in_quotes;
            at_start = false;
        } else if b == delimiter && !in_quotes {
            fields += 1;
            at_start = true;
        } else {
            at_start = false;
        }
    }
    fields
}

/// The text with stray quotes removed, or `None` when there are none (the usual case, found
/// without copying: a file without quotes is not even scanned twice).
pub fn repair(text: &str, delimiter: u8) -> Option<Repaired> {
    let b = text.as_bytes();
    let mut pos = find(b, 0, b'"')?;
    let is_break = |x: u8| x == b'\n' || x == b'\r';
    let header_start = b.iter().position(|&x| !is_break(x)).unwrap_or(0);
    let header_end = find_break(b, header_start);
    let expected = count_fields(&b[header_start..header_end], delimiter, None);
    let mut strays: Vec<(usize, bool)> = Vec::new();
    while let Some(q) = find(b, pos, b'"') {
        if strays.len() == MAX_STRAYS {
            break;
        }
        let at_field_start = q == 0 || is_break(b[q - 1]) || b[q - 1] == delimiter;
        if !at_field_start {
            pos = q + 1;
            continue;
        }
        let mut i = q + 1;
        let close = loop {
            match find(b, i, b'"') {
                Some(c) if b.get(c + 1) == Some(&b'"') => i = c + 2,
                other => break other,
            }
        };
        let Some(close) = close else {
            strays.push((q, true));
            pos = q + 1;
            continue;
        };
        if q > header_end && memchr::memchr2(b'\n', b'\r', &b[q + 1..close]).is_some() {
            let line_end = find_break(b, q);
            let line_start = b[..q]
                .iter()
                .rposition(|&x| is_break(x))
                .map_or(0, |p| p + 1);
            let line = &b[line_start..line_end];
            if count_fields(line, delimiter, Some(q - line_start)) == expected {
                strays.push((q, false));
                pos = q + 1;
                continue;
            }
        }
        pos = close + 1;
    }
    if strays.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    let mut marks = Vec::with_capacity(strays.len());
    for (k, &(q, _)) in strays.iter().enumerate() {
        out.push_str(&text[from..q]);
        marks.push(q - k);
        from = q + 1;
    }
    out.push_str(&text[from..]);
    let strays = locate(out.as_bytes(), delimiter, &marks)
        .into_iter()
        .zip(&strays)
        .map(|((row, column), &(_, at_end))| (row, column, at_end))
        .collect();
    Some(Repaired { text: out, strays })
}

/// The offset of the first line break at or after `from` (or the end).
fn find_break(b: &[u8], from: usize) -> usize {
    memchr::memchr2(b'\n', b'\r', &b[from..]).map_or(b.len(), |p| p + from)
}

/// One issue per stray quote, named by the header of its column.
pub fn report(repaired: &Repaired, headers: &[String], issues: &mut Vec<Issue>) {
    for &(row, column, at_end) in &repaired.strays {
        issues.push(Issue {
            row: Some(row),
            column: headers.get(column).cloned(),
            code: "unclosed_quote",
            message: if at_end {
                "a quote opens this cell and is never closed (the file may be cut short); read without it"
            } else {
                "a quote opens this cell and is not closed on its line; read without it"
            }
            .into(),
            severity: Severity::Warning,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formed_quotes_are_left_alone() {
        for text in [
            "a,b\n1,2\n",
            "a,b\n\"1,5\",\"x \"\"y\"\"\"\n",
            "a,b,c\n\"North\nsite\",2,3\n",
            "a,b\nx\"y,2\n",
        ] {
            assert!(repair(text, b',').is_none(), "{text:?}");
        }
    }

    #[test]
    fn an_unclosed_quote_is_dropped_and_located() {
        let r = repair("a,b,c\n1,\"x,3\n4,5,6\n7,\"y\"\"z\",9\n", b',').unwrap();
        assert_eq!(r.text, "a,b,c\n1,x,3\n4,5,6\n7,\"y\"\"z\",9\n");
        assert_eq!(r.strays, [(2, 1, false)]);
        let r = repair("a,b\n1,2\n3,\"x", b',').unwrap();
        assert_eq!(
            (r.text.as_str(), r.strays),
            ("a,b\n1,2\n3,x", vec![(3, 1, true)])
        );
        let r = repair("a\tb\n\"1\t2\n3\t4\n", b'\t').unwrap();
        assert_eq!(
            (r.text.as_str(), r.strays),
            ("a\tb\n1\t2\n3\t4\n", vec![(2, 0, true)])
        );
    }
}
