//! Reading one cell as a number or a date the way bank exports write them: thousands separators,
//! full-width digits (１２３), percent signs, accounting negatives `(1,234)`, currency marks, Excel
//! error values, and the usual spellings of "no value". Each failure is a reason, not a panic.

use crate::text::fold_fullwidth;

/// What a cell holds once read.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Missing,
    Value(f64),
    /// Not usable; the reason says why (the cell is then treated as missing).
    Invalid {
        code: &'static str,
        reason: String,
    },
}

fn invalid(code: &'static str, reason: String) -> Cell {
    Cell::Invalid { code, reason }
}

/// A cell as a message quotes it: `'cell'` with control characters (NUL, line breaks…) written
/// as `\u{0}`, and a long cell cut after 40 characters as `'first 40…' (N characters)`, so a
/// 1 MB cell makes a one-line message instead of a 1 MB one.
pub fn quoted(cell: &str) -> String {
    const MAX: usize = 40;
    let mut out = String::from("'");
    for (n, c) in cell.chars().enumerate() {
        if n == MAX {
            return format!("{out}…' ({} characters)", cell.chars().count());
        }
        if c.is_control() {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out.push('\'');
    out
}

/// Spellings of "no value" in exports.
pub fn is_missing_marker(s: &str) -> bool {
    matches!(
        s,
        "" | "-"
            | "--"
            | "—"
            | "/"
            | "na"
            | "n/a"
            | "NA"
            | "N/A"
            | "null"
            | "NULL"
            | "Null"
            | "none"
            | "None"
            | "nan"
            | "NaN"
            | "无"
            | "空"
    )
}

const EXCEL_ERRORS: [&str; 8] = [
    "#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NUM!", "#NAME?", "#NULL!", "#SPILL!",
];

/// A plain decimal written `[-]digits[.digits]` (no spaces, signs, separators or exponent), as
/// nearly every cell of a bank export is, read straight from the bytes; `None` for anything else,
/// which then goes through [`parse_number`]. Exactly `str::parse::<f64>`'s value: with at most
/// 15 significant digits the digits form an integer below 2⁵³ and 10^frac (frac ≤ 22) is exact,
/// so one IEEE division is correctly rounded (Clinger's fast path).
pub fn plain_number(bytes: &[u8]) -> Option<f64> {
    let (negative, digits) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, bytes),
    };
    let mut mantissa: u64 = 0;
    let mut i = take_digits(digits, 0, &mut mantissa)?;
    let whole_digits = i;
    let mut frac = 0;
    if digits.get(i) == Some(&b'.') {
        i = take_digits(digits, i + 1, &mut mantissa)?;
        frac = i - whole_digits - 1;
        // "12." and "." are not plain.
        if frac == 0 {
            return None;
        }
    }
    if i != digits.len() || i == 0 || frac > 22 {
        return None;
    }
    const POW10: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    let v = mantissa as f64 / POW10[frac];
    Some(if negative { -v } else { v })
}

/// Append the decimal digits from `i` on to `mantissa`; where they end, or `None` once there are
/// 16 significant digits (the integer reaches 10¹⁵, before it could overflow): the fast path no
/// longer applies.
fn take_digits(digits: &[u8], mut i: usize, mantissa: &mut u64) -> Option<usize> {
    const LIMIT: u64 = 1_000_000_000_000_000;
    while let Some(&b) = digits.get(i).filter(|b| b.is_ascii_digit()) {
        *mantissa = *mantissa * 10 + u64::from(b - b'0');
        if *mantissa >= LIMIT {
            return None;
        }
        i += 1;
    }
    Some(i)
}

/// Parse a number cell. Fast path for plain numbers; the slow path only runs when that fails.
pub fn parse_number(raw: &str) -> Cell {
    let s = raw.trim();
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() => Cell::Value(v),
        _ => parse_number_slow(s),
    }
}

fn parse_number_slow(s: &str) -> Cell {
    let folded: String = s.chars().map(fold_fullwidth).collect();
    let t = folded.trim().trim_matches('\u{3000}');
    if is_missing_marker(t) {
        return Cell::Missing;
    }
    if EXCEL_ERRORS.iter().any(|e| t.eq_ignore_ascii_case(e)) {
        return invalid("excel_error", format!("Excel error value {t}"));
    }
    let mut body = t;
    let mut negative = false;
    if body.starts_with('(') && body.ends_with(')') && body.len() > 2 {
        negative = true;
        body = &body[1..body.len() - 1];
    }
    let mut percent = false;
    if let Some(rest) = body.strip_suffix('%') {
        percent = true;
        body = rest.trim_end();
    }
    body = body
        .trim_start_matches(['¥', '$'])
        .trim_end_matches('元')
        .trim();
    if let Some(rest) = body.strip_prefix('-') {
        negative = !negative;
        body = rest.trim_start_matches(['¥', '$']);
    } else if let Some(rest) = body.strip_prefix('+') {
        body = rest;
    }
    let cleaned = match strip_thousands(body) {
        Some(c) => c,
        None => return invalid("not_a_number", format!("{} is not a number", quoted(s))),
    };
    match cleaned.parse::<f64>() {
        Ok(v)
            if v.is_finite()
                && !cleaned.starts_with(['-', '+'])
                && cleaned.chars().any(|c| c.is_ascii_digit()) =>
        {
            let v = if percent { v / 100.0 } else { v };
            Cell::Value(if negative { -v } else { v })
        }
        _ => invalid("not_a_number", format!("{} is not a number", quoted(s))),
    }
}

/// Remove thousands separators when they are used as such (groups of exactly three digits);
/// `None` when commas appear in any other way (e.g. a European decimal comma — ambiguous).
fn strip_thousands(body: &str) -> Option<String> {
    if !body.contains(',') {
        return Some(body.to_string());
    }
    let (int_part, frac) = match body.find('.') {
        Some(dot) => (&body[..dot], &body[dot..]),
        None => (body, ""),
    };
    let mut groups = int_part.split(',');
    let first = groups.next()?;
    if first.is_empty() || first.len() > 3 || !first.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut out = first.to_string();
    for g in groups {
        if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        out.push_str(g);
    }
    if frac.contains(',') {
        return None;
    }
    out.push_str(frac);
    Some(out)
}

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The calendar date of a day count (inverse of [`days_from_civil`]).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

pub fn format_date(days: f64) -> String {
    let (y, m, d) = civil_from_days(days as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

/// `YYYY-MM-DD` exactly, without allocating (the common case in exports).
fn iso_date_fast(b: &[u8]) -> Option<f64> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + (c - b'0') as u32)
        })
    };
    let (y, m, d) = (digits(0..4)? as i64, digits(5..7)?, digits(8..10)?);
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    Some(days_from_civil(y, m, d) as f64)
}

/// Parse a date: `2024-03-31`, `2024/3/31`, `2024.03.31`, `20240331`, `2024年3月31日`, with an
/// optional time part that is ignored. Day-first/month-first forms like `03/31/2024` are refused
/// as ambiguous rather than guessed.
pub fn parse_date(raw: &str) -> Cell {
    if let Some(days) = iso_date_fast(raw.trim().as_bytes()) {
        return Cell::Value(days);
    }
    let folded: String = raw.chars().map(fold_fullwidth).collect();
    let s = folded.trim();
    if is_missing_marker(s) {
        return Cell::Missing;
    }
    let date_part = s.split([' ', 'T']).next().unwrap_or("");
    let parts: Vec<&str> = if date_part.len() == 8 && date_part.bytes().all(|b| b.is_ascii_digit())
    {
        vec![&date_part[0..4], &date_part[4..6], &date_part[6..8]]
    } else {
        date_part
            .trim_end_matches('日')
            .split(['-', '/', '.', '年', '月'])
            .collect()
    };
    let bad = || {
        invalid(
            "bad_date",
            format!("{} is not a date (use YYYY-MM-DD)", quoted(s)),
        )
    };
    if parts.len() != 3 || parts[0].len() != 4 {
        return bad();
    }
    let (Ok(y), Ok(m), Ok(d)) = (
        parts[0].parse::<i64>(),
        parts[1].parse::<u32>(),
        parts[2].parse::<u32>(),
    ) else {
        return bad();
    };
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return bad();
    }
    Cell::Value(days_from_civil(y, m, d) as f64)
}

#[cfg(test)]
mod tests {
    #[test]
    fn plain_numbers_read_from_bytes_equal_the_standard_parse_bit_for_bit() {
        let mut rng = crate::rng::SeededRng::new(9);
        let mut cases: Vec<String> = [
            "0",
            "-0",
            "007",
            "1.50",
            "3835200",
            "13.2",
            "-0.001",
            "123456789012345",
            "0.000000000000000000001",
            "999999999999999.9",
            "1.",
            ".5",
            "1e5",
            "+3",
            "--1",
            "",
            "1,000",
            "1234567890123456",
            "0.1234567890123456",
            "12.3.4",
            "-",
            " 1",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for _ in 0..20_000 {
            let int_digits = 1 + rng.below(12) as u32;
            let int = rng.below(10u64.pow(int_digits));
            let frac_digits = rng.below(8) as usize;
            let frac = rng.below(10u64.pow(frac_digits as u32));
            let sign = if rng.below(4) == 0 { "-" } else { "" };
            cases.push(if frac_digits == 0 {
                format!("{sign}{int}")
            } else {
                format!("{sign}{int}.{frac:0frac_digits$}")
            });
        }
        for case in &cases {
            if let Some(fast) = super::plain_number(case.as_bytes()) {
                let std: f64 = case.parse().unwrap();
                assert_eq!(fast.to_bits(), std.to_bits(), "{case}");
            }
        }
        for taken in [
            "0",
            "-0",
            "1.50",
            "123456789012345",
            "0.000000000000000000001",
        ] {
            assert!(super::plain_number(taken.as_bytes()).is_some(), "{taken}");
        }
        for left in [
            "1.",
            "1e5",
            "+3",
            "--1",
            "",
            "1,000",
            "1234567890123456",
            "-",
            " 1",
        ] {
            assert!(super::plain_number(left.as_bytes()).is_none(), "{left}");
        }
    }

    use super::*;

    fn v(s: &str) -> Option<f64> {
        match parse_number(s) {
            Cell::Value(v) => Some(v),
            _ => None,
        }
    }

    #[test]
    fn plain_and_decorated_numbers() {
        assert_eq!(v("1234.5"), Some(1234.5));
        assert_eq!(v(" -3 "), Some(-3.0));
        assert_eq!(v("1,234,567.89"), Some(1_234_567.89));
        assert_eq!(v("１２３"), Some(123.0));
        assert_eq!(v("１，２３４．５"), Some(1234.5));
        assert_eq!(v("45%"), Some(0.45));
        assert_eq!(v("４５％"), Some(0.45));
        assert_eq!(v("(1,200)"), Some(-1200.0));
        assert_eq!(v("¥3,000"), Some(3000.0));
        assert_eq!(v("3000元"), Some(3000.0));
        assert_eq!(v("1e3"), Some(1000.0));
    }

    #[test]
    fn missing_markers_and_errors() {
        for m in ["", "  ", "-", "N/A", "null", "—", "无"] {
            assert_eq!(parse_number(m), Cell::Missing, "{m:?}");
        }
        assert!(matches!(
            parse_number("#DIV/0!"),
            Cell::Invalid {
                code: "excel_error",
                ..
            }
        ));
        assert!(matches!(
            parse_number("#n/a"),
            Cell::Invalid {
                code: "excel_error",
                ..
            }
        ));
        for bad in [
            "abc", "1,2", "12,34.5", "1.2.3", "inf", "NaN1", "--5", "1,234,56", "%", "(", "12万",
        ] {
            assert!(
                matches!(parse_number(bad), Cell::Invalid { .. }),
                "{bad:?} -> {:?}",
                parse_number(bad)
            );
        }
    }

    #[test]
    fn dates_in_several_formats() {
        let want = days_from_civil(2024, 3, 31) as f64;
        for s in [
            "2024-03-31",
            "2024/3/31",
            "2024.03.31",
            "20240331",
            "2024年3月31日",
            "2024-03-31 12:00:00",
            "2024-03-31T00:00",
        ] {
            assert_eq!(parse_date(s), Cell::Value(want), "{s}");
        }
        assert_eq!(parse_date(""), Cell::Missing);
        for bad in [
            "2024-02-30",
            "03/31/2024",
            "2024-13-01",
            "yesterday",
            "2023-02-29",
        ] {
            assert!(matches!(parse_date(bad), Cell::Invalid { .. }), "{bad}");
        }
        assert!(matches!(parse_date("2024-02-29"), Cell::Value(_)));
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(days_from_civil(2000, 2, 29)), (2000, 2, 29));
        assert_eq!(format_date(want), "2024-03-31");
    }

    #[test]
    fn messages_quote_cells_short_and_visible() {
        assert_eq!(quoted("abc"), "'abc'");
        assert_eq!(quoted("1\u{0}0\n"), "'1\\u{0}0\\u{a}'");
        let long = "名".repeat(1000);
        assert_eq!(
            quoted(&long),
            format!("'{}…' (1000 characters)", "名".repeat(40))
        );
        assert_eq!(quoted(&"x".repeat(40)), format!("'{}'", "x".repeat(40)));
        let Cell::Invalid { reason, .. } = parse_number(&"9x".repeat(500_000)) else {
            panic!()
        };
        assert!(
            reason.ends_with("…' (1000000 characters) is not a number"),
            "{reason}"
        );
        assert!(reason.len() < 100);
    }
}
