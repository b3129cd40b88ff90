//! Turn a file's bytes into text: UTF-8 (with or without BOM), UTF-16 (with a BOM, or without one
//! when its zero bytes give it away), and otherwise GB18030 — the superset of GBK/GB2312 that
//! Chinese Excel and core-banking exports use. A UTF-8 file with a few broken bytes stays UTF-8
//! (the bytes replaced and reported) rather than being re-read as GBK, which would garble every
//! Chinese header. The choice is reported so the page and the CLI can say how the file was read.

use crate::dataset::{Issue, Severity};
use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};
use std::borrow::Cow;

/// The decoded text, the encoding's name, and whether some bytes could not be decoded.
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: &'static str,
    pub had_errors: bool,
}

pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8_or_lossy(rest, "UTF-8 (BOM)");
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return with(UTF_16LE, &bytes[2..], "UTF-16LE");
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return with(UTF_16BE, &bytes[2..], "UTF-16BE");
    }
    if let Some(big_endian) = utf16_without_bom(bytes) {
        let d = if big_endian {
            with(UTF_16BE, bytes, "UTF-16BE")
        } else {
            with(UTF_16LE, bytes, "UTF-16LE")
        };
        if !d.had_errors {
            return d;
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded {
            text: Cow::Borrowed(text),
            encoding: "UTF-8",
            had_errors: false,
        },
        Err(_) if mostly_utf8(bytes) => utf8_or_lossy(bytes, "UTF-8"),
        Err(_) => with(GB18030, bytes, "GBK/GB18030"),
    }
}

/// UTF-16 text without a BOM: in its first KB, at least a quarter of the 16-bit units have a
/// zero high byte (ASCII: digits, commas, line breaks) and no unit has a zero low byte. `Some(true)`
/// for big-endian. A UTF-8 file with a few NUL bytes has them at both parities and is not taken.
pub fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let head = &bytes[..bytes.len().min(1024) & !1];
    let units = head.len() / 2;
    if units < 2 {
        return None;
    }
    let (mut zero_even, mut zero_odd) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        zero_even += (pair[0] == 0) as usize;
        zero_odd += (pair[1] == 0) as usize;
    }
    let enough = |n: usize| n * 4 >= units;
    match (zero_even, zero_odd) {
        (0, z) if enough(z) => Some(false),
        (z, 0) if enough(z) => Some(true),
        _ => None,
    }
}

/// Invalid UTF-8 that is still UTF-8: at least four well-formed non-ASCII characters per broken
/// sequence. GBK text read as UTF-8 is the other way round — its two-byte characters are mostly
/// broken sequences and only by chance a valid one.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (good, broken) = utf8_tally(bytes);
    is_mostly_utf8(good, broken)
}

/// Well-formed non-ASCII characters and broken sequences in `bytes` (a streamed file adds up its
/// parts' tallies to decide as [`decode`] does for the whole).
pub fn utf8_tally(bytes: &[u8]) -> (usize, usize) {
    let (mut good, mut broken) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        broken += !chunk.invalid().is_empty() as usize;
    }
    (good, broken)
}

/// The rule of [`mostly_utf8`] on a tally.
pub fn is_mostly_utf8(good: usize, broken: usize) -> bool {
    good >= 4 * broken
}

/// How many cells with replaced bytes are named one by one; after that one note says there are more.
pub const MAX_REPLACED_CELLS: usize = 100;

/// After a lossy decode, name the used cells of one record that hold a replacement character
/// (`bad_bytes`, with row and column), so a loan officer can find the broken bytes. `remaining`
/// counts down from [`MAX_REPLACED_CELLS`].
pub(super) fn report_replaced(
    record: &csv::ByteRecord,
    row: u32,
    headers: &[String],
    slots: &[Option<super::Slot>],
    encoding: &str,
    remaining: &mut usize,
    issues: &mut Vec<Issue>,
) {
    const REPLACEMENT: &[u8] = "\u{FFFD}".as_bytes();
    for (i, field) in record.iter().enumerate() {
        if slots.get(i).is_none_or(Option::is_none) || !field.windows(3).any(|w| w == REPLACEMENT) {
            continue;
        }
        if *remaining == 0 {
            return;
        }
        *remaining -= 1;
        issues.push(Issue {
            row: Some(row),
            column: headers.get(i).cloned(),
            code: "bad_bytes",
            message: format!("bytes that are not valid {encoding} were replaced by \u{FFFD}"),
            severity: Severity::Warning,
        });
        if *remaining == 0 {
            issues.push(Issue {
                row: None,
                column: None,
                code: "bad_bytes",
                message: format!(
                    "more cells have bytes that are not valid {encoding}; only the first {MAX_REPLACED_CELLS} are listed"
                ),
                severity: Severity::Warning,
            });
        }
    }
}

fn utf8_or_lossy<'a>(bytes: &'a [u8], name: &'static str) -> Decoded<'a> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded {
            text: Cow::Borrowed(text),
            encoding: name,
            had_errors: false,
        },
        Err(_) => Decoded {
            text: String::from_utf8_lossy(bytes),
            encoding: name,
            had_errors: true,
        },
    }
}

fn with<'a>(encoding: &'static Encoding, bytes: &'a [u8], name: &'static str) -> Decoded<'a> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text,
        encoding: name,
        had_errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_utf8_bom_gbk_and_utf16() {
        let d = decode("营业收入,1".as_bytes());
        assert_eq!((d.encoding, &*d.text), ("UTF-8", "营业收入,1"));
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice("行业".as_bytes());
        let d = decode(&bom);
        assert_eq!((d.encoding, &*d.text), ("UTF-8 (BOM)", "行业"));
        let (gbk, _, _) = GB18030.encode("从业人员,营业收入");
        let d = decode(&gbk);
        assert_eq!(
            (d.encoding, &*d.text, d.had_errors),
            ("GBK/GB18030", "从业人员,营业收入", false)
        );
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "id,行业".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(&*decode(&utf16).text, "id,行业");
    }

    #[test]
    fn utf16_without_bom_by_its_zero_bytes_but_not_utf8_with_nuls() {
        let text = "客户编号,行业,从业人员\r\nA1,C13,500\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(
            (decode(&le).encoding, &*decode(&le).text),
            ("UTF-16LE", text)
        );
        assert_eq!(
            (decode(&be).encoding, &*decode(&be).text),
            ("UTF-16BE", text)
        );
        let nuls = b"id,name\nA1,a\0b\0\0c\nA2,\0\0\0\0\n";
        assert_eq!(decode(nuls).encoding, "UTF-8");
        assert_eq!(decode(b"\0").encoding, "UTF-8");
    }

    #[test]
    fn utf8_with_a_few_broken_bytes_stays_utf8_and_gbk_stays_gbk() {
        let mut bytes = "客户编号,客户名称\nA1,北京公司".as_bytes().to_vec();
        bytes.extend_from_slice(b"\xE9\n");
        let d = decode(&bytes);
        assert_eq!((d.encoding, d.had_errors), ("UTF-8", true));
        assert_eq!(&*d.text, "客户编号,客户名称\nA1,北京公司\u{FFFD}\n");
        let (gbk, _, _) = GB18030.encode("客户编号,客户名称\nA1,北京公司\n");
        assert_eq!(decode(&gbk).encoding, "GBK/GB18030");
        // ASCII with one Latin-1 byte: nothing says UTF-8, so it is read as GBK (with a warning).
        let d = decode(b"id,name\nA1,Caf\xE9\n");
        assert_eq!((d.encoding, d.had_errors), ("GBK/GB18030", true));
    }
}
