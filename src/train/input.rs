//! Training input: `TrainInput`/`TrainColumn`/`ColumnData`, its validation, and the helper that
//! builds it from a CSV-like table of strings (target parsing, numeric/categorical detection,
//! exclusion of ID-like columns and copies of the target).

use super::error::TrainError;
use serde::Serialize;

/// Labelled history: one entry per feature column, `target[i]` is 1 for bad, 0 for good.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainInput {
    pub columns: Vec<TrainColumn>,
    pub target: Vec<u8>,
}

/// A named candidate feature.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainColumn {
    pub name: String,
    pub data: ColumnData,
}

/// Column values. Numeric: NaN (or ±inf) = missing. Categorical: `None` = missing.
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnData {
    Numeric(Vec<f64>),
    Categorical(Vec<Option<String>>),
}

impl ColumnData {
    pub fn len(&self) -> usize {
        match self {
            ColumnData::Numeric(v) => v.len(),
            ColumnData::Categorical(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl TrainInput {
    pub fn n_rows(&self) -> usize {
        self.target.len()
    }

    /// Checks shapes and labels: at least one row and one column, every column as long as the
    /// target, unique column names, target values 0/1 only.
    pub fn validate(&self) -> Result<(), TrainError> {
        if self.target.is_empty() {
            return Err(TrainError::EmptyInput("no rows".into()));
        }
        if self.columns.is_empty() {
            return Err(TrainError::EmptyInput("no feature columns".into()));
        }
        if let Some((i, &v)) = self.target.iter().enumerate().find(|&(_, &v)| v > 1) {
            return Err(TrainError::TargetNotBinary {
                row: i + 1,
                value: v.to_string(),
            });
        }
        let mut names: Vec<&str> = Vec::with_capacity(self.columns.len());
        for c in &self.columns {
            if c.data.len() != self.target.len() {
                return Err(TrainError::LengthMismatch {
                    column: c.name.clone(),
                    expected: self.target.len(),
                    found: c.data.len(),
                });
            }
            names.push(&c.name);
        }
        names.sort_unstable();
        if let Some(w) = names.windows(2).find(|w| w[0] == w[1]) {
            return Err(TrainError::DuplicateColumn(w[0].to_string()));
        }
        Ok(())
    }
}

/// How to read a table: which column is the target, which label is bad, what to leave out.
#[derive(Debug, Clone, Default)]
pub struct TableSpec {
    /// Name of the target column.
    pub target: String,
    /// `None`: target cells must be 0/1. `Some(label)`: exactly two labels, this one is bad.
    pub bad_value: Option<String>,
    /// Columns never used as features (besides the target), e.g. a copy of the label.
    pub exclude: Vec<String>,
}

/// A column left out of the features when importing a table, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExcludedColumn {
    pub name: String,
    pub reason: String,
}

/// Result of [`TrainInput::from_table`].
#[derive(Debug, Clone)]
pub struct TableImport {
    pub input: TrainInput,
    pub excluded: Vec<ExcludedColumn>,
    pub warnings: Vec<String>,
}

/// Share of non-missing cells that must parse as numbers for a column to be numeric.
pub const NUMERIC_SHARE: f64 = 0.95;

/// Empty, "NA", "NaN", "null" (any case, surrounding spaces ignored) are missing.
pub fn is_missing_cell(s: &str) -> bool {
    let t = s.trim();
    t.is_empty()
        || t.eq_ignore_ascii_case("na")
        || t.eq_ignore_ascii_case("nan")
        || t.eq_ignore_ascii_case("null")
}

/// A finite number, or `None`.
pub fn parse_number(s: &str) -> Option<f64> {
    let t = s.trim();
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() => Some(v),
        _ => None,
    }
}

/// Builds a column from string cells: numeric when ≥ 95% of non-missing cells parse as
/// numbers (the rest become missing, with a warning), categorical otherwise. An all-missing
/// column is numeric (all NaN).
pub fn detect_column<S: AsRef<str>>(name: &str, cells: &[S]) -> (ColumnData, Option<String>) {
    let mut non_missing = 0usize;
    let mut parsed = 0usize;
    for c in cells {
        let c = c.as_ref();
        if !is_missing_cell(c) {
            non_missing += 1;
            if parse_number(c).is_some() {
                parsed += 1;
            }
        }
    }
    let numeric = non_missing == 0 || (parsed as f64) >= NUMERIC_SHARE * non_missing as f64;
    if numeric {
        let mut bad_example: Option<String> = None;
        let values: Vec<f64> = cells
            .iter()
            .map(|c| {
                let c = c.as_ref();
                if is_missing_cell(c) {
                    return f64::NAN;
                }
                match parse_number(c) {
                    Some(v) => v,
                    None => {
                        if bad_example.is_none() {
                            bad_example = Some(c.trim().to_string());
                        }
                        f64::NAN
                    }
                }
            })
            .collect();
        let warning = bad_example.map(|ex| {
            format!(
                "column '{name}': {} non-numeric cell(s) (e.g. '{ex}') treated as missing",
                non_missing - parsed
            )
        });
        (ColumnData::Numeric(values), warning)
    } else {
        let values = cells
            .iter()
            .map(|c| {
                let c = c.as_ref();
                if is_missing_cell(c) {
                    None
                } else {
                    Some(c.trim().to_string())
                }
            })
            .collect();
        (ColumnData::Categorical(values), None)
    }
}

fn is_id_like_name(name: &str) -> bool {
    let n = name.trim().to_ascii_lowercase();
    n == "id" || n.ends_with("_id") || n.ends_with(" id") || n.ends_with("-id") || n == "index"
}

/// Parses target cells into 0/1, naming the first offending row on error.
fn parse_target<S: AsRef<str>>(
    cells: &[S],
    bad_value: Option<&str>,
) -> Result<Vec<u8>, TrainError> {
    let mut out = Vec::with_capacity(cells.len());
    let mut good_label: Option<String> = None;
    for (i, c) in cells.iter().enumerate() {
        let t = c.as_ref().trim();
        let err = || TrainError::TargetNotBinary {
            row: i + 1,
            value: t.to_string(),
        };
        let v = match bad_value {
            None => match parse_number(t) {
                Some(0.0) => 0,
                Some(1.0) => 1,
                _ => return Err(err()),
            },
            Some(bad) => {
                if t == bad.trim() {
                    1
                } else if t.is_empty() {
                    return Err(err());
                } else {
                    match &good_label {
                        None => {
                            good_label = Some(t.to_string());
                            0
                        }
                        Some(g) if g == t => 0,
                        Some(_) => return Err(err()),
                    }
                }
            }
        };
        out.push(v);
    }
    Ok(out)
}

/// Cells of one column as target labels, if the column is exactly the target (leakage).
fn copies_target<S: AsRef<str>>(cells: &[S], target: &[u8], bad_value: Option<&str>) -> bool {
    match parse_target(cells, bad_value) {
        Ok(t) => t == target,
        Err(_) => false,
    }
}

impl TrainInput {
    /// Builds training input from a header and string rows (e.g. a parsed CSV).
    ///
    /// Leaves out: the target, `spec.exclude`, ID-like columns (name `id`, `*_id`, `index`
    /// with all values distinct) and columns equal to the target. Errors name the data row
    /// (1-based, header excluded) of a ragged row or an invalid target label.
    pub fn from_table<H, R, S>(
        header: &[H],
        rows: &[R],
        spec: &TableSpec,
    ) -> Result<TableImport, TrainError>
    where
        H: AsRef<str>,
        R: AsRef<[S]>,
        S: AsRef<str>,
    {
        let names: Vec<&str> = header.iter().map(|h| h.as_ref().trim()).collect();
        let target_idx = names
            .iter()
            .position(|n| *n == spec.target.trim())
            .ok_or_else(|| TrainError::TargetColumnMissing(spec.target.clone()))?;
        if rows.is_empty() {
            return Err(TrainError::EmptyInput("the table has no data rows".into()));
        }
        for (i, r) in rows.iter().enumerate() {
            let found = r.as_ref().len();
            if found != names.len() {
                return Err(TrainError::RaggedRow {
                    row: i + 1,
                    expected: names.len(),
                    found,
                });
            }
        }
        let cells_of =
            |j: usize| -> Vec<&str> { rows.iter().map(|r| r.as_ref()[j].as_ref()).collect() };
        let target = parse_target(&cells_of(target_idx), spec.bad_value.as_deref())?;

        let mut columns = Vec::new();
        let mut excluded = Vec::new();
        let mut warnings = Vec::new();
        for (j, name) in names.iter().enumerate() {
            if j == target_idx {
                continue;
            }
            if spec.exclude.iter().any(|e| e.trim() == *name) {
                excluded.push(ExcludedColumn {
                    name: name.to_string(),
                    reason: "excluded by the caller".into(),
                });
                continue;
            }
            let cells = cells_of(j);
            if copies_target(&cells, &target, spec.bad_value.as_deref()) {
                excluded.push(ExcludedColumn {
                    name: name.to_string(),
                    reason: "identical to the target (label leakage)".into(),
                });
                continue;
            }
            if is_id_like_name(name) {
                let mut vals: Vec<&str> = cells
                    .iter()
                    .map(|c| c.trim())
                    .filter(|c| !is_missing_cell(c))
                    .collect();
                let n = vals.len();
                vals.sort_unstable();
                vals.dedup();
                if n > 0 && vals.len() == n {
                    excluded.push(ExcludedColumn {
                        name: name.to_string(),
                        reason: "ID-like column (identifier name, every value distinct)".into(),
                    });
                    continue;
                }
            }
            let (data, warning) = detect_column(name, &cells);
            warnings.extend(warning);
            columns.push(TrainColumn {
                name: name.to_string(),
                data,
            });
        }
        let input = TrainInput { columns, target };
        if input.columns.is_empty() {
            return Err(TrainError::EmptyInput(
                "no feature column left after exclusions".into(),
            ));
        }
        input.validate()?;
        Ok(TableImport {
            input,
            excluded,
            warnings,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    #[test]
    fn detects_numeric_and_categorical_and_missing() {
        let header = ["id", "age", "city", "y", "bad_copy"];
        let rows = table(&[
            &["1", "30", "A", "0", "0"],
            &["2", "NA", "B", "1", "1"],
            &["3", "41.5", "", "0", "0"],
            &["4", "null", "A", "1", "1"],
        ]);
        let spec = TableSpec {
            target: "y".into(),
            bad_value: None,
            exclude: vec![],
        };
        let imp = TrainInput::from_table(&header, &rows, &spec).unwrap();
        assert_eq!(imp.input.target, vec![0, 1, 0, 1]);
        let names: Vec<_> = imp.input.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, vec!["age", "city"]);
        assert_eq!(imp.excluded.len(), 2, "{:?}", imp.excluded);
        match &imp.input.columns[0].data {
            ColumnData::Numeric(v) => {
                assert_eq!(v[0], 30.0);
                assert!(v[1].is_nan() && v[3].is_nan());
            }
            _ => panic!("age should be numeric"),
        }
        match &imp.input.columns[1].data {
            ColumnData::Categorical(v) => assert_eq!(v[2], None),
            _ => panic!("city should be categorical"),
        }
    }

    #[test]
    fn labelled_target_with_bad_value_and_errors_name_the_row() {
        let header = ["x", "status"];
        let rows = table(&[&["1", "good"], &["2", "bad"], &["3", "good"]]);
        let spec = TableSpec {
            target: "status".into(),
            bad_value: Some("bad".into()),
            exclude: vec![],
        };
        let imp = TrainInput::from_table(&header, &rows, &spec).unwrap();
        assert_eq!(imp.input.target, vec![0, 1, 0]);

        let rows = table(&[&["1", "good"], &["2", "bad"], &["3", "ugly"]]);
        let err = TrainInput::from_table(&header, &rows, &spec).unwrap_err();
        assert_eq!(
            err,
            TrainError::TargetNotBinary {
                row: 3,
                value: "ugly".into()
            }
        );

        let rows = table(&[&["1", "0"], &["2", "2"]]);
        let spec = TableSpec {
            target: "status".into(),
            ..Default::default()
        };
        let err = TrainInput::from_table(&header, &rows, &spec).unwrap_err();
        assert!(err.to_string().contains("data row 2"), "{err}");

        let rows = table(&[&["1", "0"], &["2"]]);
        let err = TrainInput::from_table(&header, &rows, &spec).unwrap_err();
        assert!(matches!(err, TrainError::RaggedRow { row: 2, .. }));

        let spec = TableSpec {
            target: "nope".into(),
            ..Default::default()
        };
        assert!(matches!(
            TrainInput::from_table(&header, &rows, &spec),
            Err(TrainError::TargetColumnMissing(_))
        ));
    }

    #[test]
    fn mostly_numeric_column_is_numeric_with_warning() {
        let mut cells: Vec<String> = (0..99).map(|i| i.to_string()).collect();
        cells.push("n/a?".into());
        let (data, warning) = detect_column("x", &cells);
        assert!(matches!(data, ColumnData::Numeric(_)));
        assert!(warning.unwrap().contains("n/a?"));
        let cells = ["a", "1", "2"];
        assert!(matches!(
            detect_column("y", &cells).0,
            ColumnData::Categorical(_)
        ));
    }

    #[test]
    fn validate_catches_shape_problems() {
        let mut input = TrainInput {
            columns: vec![TrainColumn {
                name: "a".into(),
                data: ColumnData::Numeric(vec![1.0, 2.0]),
            }],
            target: vec![0, 1],
        };
        assert!(input.validate().is_ok());
        input.columns.push(TrainColumn {
            name: "a".into(),
            data: ColumnData::Numeric(vec![1.0, 2.0]),
        });
        assert_eq!(
            input.validate(),
            Err(TrainError::DuplicateColumn("a".into()))
        );
        input.columns[1] = TrainColumn {
            name: "b".into(),
            data: ColumnData::Numeric(vec![1.0]),
        };
        assert!(matches!(
            input.validate(),
            Err(TrainError::LengthMismatch { .. })
        ));
        input.columns.pop();
        input.target = vec![0, 3];
        assert!(matches!(
            input.validate(),
            Err(TrainError::TargetNotBinary { row: 2, .. })
        ));
    }
}
