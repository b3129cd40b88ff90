//! The result table: named, typed columns (text, numbers, integers, dictionary-encoded
//! categories), one entry per input row in input order, plus the per-feature points behind each
//! score. Columns are what cross the wasm boundary (typed arrays), and what the writers print.

use crate::dataset::Issue;
use crate::text_column::TextColumn;

#[derive(Clone, Debug, PartialEq)]
pub enum ResultData {
    Text(TextColumn),
    /// NaN = empty; printed with `decimals` places, trailing zeros trimmed.
    Num {
        values: Vec<f64>,
        decimals: u8,
    },
    /// `i32::MIN` = empty.
    Int(Vec<i32>),
    /// `keys[code]`; `keys[0]` = `""` (empty).
    Cat {
        codes: Vec<u32>,
        keys: Vec<String>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct ResultColumn {
    pub name: String,
    pub data: ResultData,
}

impl ResultColumn {
    /// The cell as text, as the CSV writer prints it.
    pub fn cell(&self, row: usize) -> std::borrow::Cow<'_, str> {
        match &self.data {
            ResultData::Text(v) => v[row].into(),
            ResultData::Num { values, decimals } => format_num(values[row], *decimals).into(),
            ResultData::Int(v) if v[row] == i32::MIN => "".into(),
            ResultData::Int(v) => v[row].to_string().into(),
            ResultData::Cat { codes, keys } => keys[codes[row] as usize].as_str().into(),
        }
    }

    pub fn len(&self) -> usize {
        match &self.data {
            ResultData::Text(v) => v.len(),
            ResultData::Num { values, .. } => values.len(),
            ResultData::Int(v) => v.len(),
            ResultData::Cat { codes, .. } => codes.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Fixed decimals, trailing zeros trimmed; NaN → empty. Deterministic on every platform: the
/// value is scaled to an integer of `decimals` places (round half away from zero) and printed
/// with integer arithmetic — far cheaper than exact decimal formatting of an f64, which matters
/// at 36 columns × 1M rows. Values too large for that fall back to `format!`.
pub fn format_num(v: f64, decimals: u8) -> String {
    const POW10: [f64; 10] = [1.0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
    if v.is_nan() {
        return String::new();
    }
    let d = (decimals as usize).min(9);
    let scaled = (v * POW10[d]).round();
    if scaled.abs() >= 9.0e15 || !scaled.is_finite() {
        return trim(format!("{:.*}", d, v));
    }
    let scaled = scaled as i64;
    if scaled == 0 {
        return "0".into();
    }
    let unit = 10i64.pow(d as u32);
    let (int_part, mut frac) = (
        scaled.unsigned_abs() / unit as u64,
        scaled.unsigned_abs() % unit as u64,
    );
    let mut s = String::with_capacity(24);
    if scaled < 0 {
        s.push('-');
    }
    s.push_str(&int_part.to_string());
    if frac != 0 {
        let mut width = d;
        while frac % 10 == 0 {
            frac /= 10;
            width -= 1;
        }
        s.push('.');
        let digits = frac.to_string();
        for _ in digits.len()..width {
            s.push('0');
        }
        s.push_str(&digits);
    }
    s
}

fn trim(mut s: String) -> String {
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    if s == "-0" {
        s = "0".into();
    }
    s
}

/// The scorecard features of a batch, for breakdowns and reason texts.
#[derive(Clone, Debug, PartialEq)]
pub struct FeatureInfo {
    pub field: String,
    pub label: crate::scorecard::Text,
    pub reason: crate::scorecard::Text,
    pub max_points: i32,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Results {
    pub columns: Vec<ResultColumn>,
    /// Spreadsheet row number of each result.
    pub source_rows: Vec<u32>,
    /// `points[feature][row]`; their sum per row is the score.
    pub points: Vec<Vec<i32>>,
    pub features: Vec<FeatureInfo>,
    /// Problems found while classifying (besides the dataset's read issues).
    pub issues: Vec<Issue>,
}

impl Results {
    pub fn len(&self) -> usize {
        self.source_rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.source_rows.is_empty()
    }

    pub fn column(&self, name: &str) -> Option<&ResultColumn> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// The text of a category or text column at a row (`""` when absent).
    pub fn key(&self, name: &str, row: usize) -> String {
        self.column(name)
            .map(|c| c.cell(row).into_owned())
            .unwrap_or_default()
    }

    pub fn ids(&self) -> Option<&TextColumn> {
        match self.column("id").map(|c| &c.data) {
            Some(ResultData::Text(v)) => Some(v),
            _ => None,
        }
    }

    /// Count of each key of a category column, in key order (the empty key first).
    pub fn counts(&self, name: &str) -> Vec<(String, usize)> {
        match self.column(name).map(|c| &c.data) {
            Some(ResultData::Cat { codes, keys }) => {
                let mut n = vec![0usize; keys.len()];
                for &c in codes {
                    n[c as usize] += 1;
                }
                keys.iter().cloned().zip(n).collect()
            }
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_trimmed_and_empty_for_nan() {
        assert_eq!(format_num(0.5, 4), "0.5");
        assert_eq!(format_num(2.0, 4), "2");
        assert_eq!(format_num(1.0 / 3.0, 4), "0.3333");
        assert_eq!(format_num(-0.00001, 4), "0");
        assert_eq!(format_num(f64::NAN, 4), "");
        assert_eq!(format_num(1234567.891, 2), "1234567.89");
        assert_eq!(format_num(-2.5, 0), "-3", "half away from zero");
        assert_eq!(format_num(0.05, 4), "0.05");
        assert_eq!(format_num(-0.0301, 4), "-0.0301");
        assert_eq!(format_num(1e20, 2), "100000000000000000000");
        assert_eq!(format_num(0.012295, 6), "0.012295");
        assert_eq!(format_num(7.0, 6), "7");
    }
}
