//! Turn a file's bytes into text: UTF-8 (with or without BOM), UTF-16 with BOM, and otherwise
//! GB18030 — the superset of GBK/GB2312 that Chinese Excel and core-banking exports use. The
//! choice is reported so the page and the CLI can say how the file was read.

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
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded {
            text: Cow::Borrowed(text),
            encoding: "UTF-8",
            had_errors: false,
        },
        Err(_) => with(GB18030, bytes, "GBK/GB18030"),
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
}
