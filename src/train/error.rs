//! `TrainError`: every way scorecard training can refuse its input, as values (never panics).

use std::fmt;

/// Why training (or scoring with a fitted scorecard) could not proceed.
#[derive(Debug, Clone, PartialEq)]
pub enum TrainError {
    /// No rows, or no candidate feature columns.
    EmptyInput(String),
    /// A column (or the target) does not have one value per row.
    LengthMismatch {
        column: String,
        expected: usize,
        found: usize,
    },
    /// Two columns share a name.
    DuplicateColumn(String),
    /// The named target column is not in the table.
    TargetColumnMissing(String),
    /// A target cell is not a valid label. `row` is the 1-based data row (header excluded).
    TargetNotBinary { row: usize, value: String },
    /// A table row has the wrong number of cells. `row` is the 1-based data row.
    RaggedRow {
        row: usize,
        expected: usize,
        found: usize,
    },
    /// The target has a single class, so nothing can be learnt.
    TargetOneClass { class: u8 },
    /// Screening dropped every variable; the text summarises why.
    NoFeatureLeft(String),
    /// An option is out of range.
    InvalidOption(String),
    /// A manual binning refers to a column that is not there or has the wrong kind.
    InvalidManualBinning(String),
    /// Numerical trouble that could not be recovered from (e.g. a singular system).
    Numerical(String),
    /// Scoring: a row has the wrong number of values, or a required column is missing.
    ScoringInput(String),
}

impl fmt::Display for TrainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TrainError::EmptyInput(what) => write!(f, "empty input: {what}"),
            TrainError::LengthMismatch {
                column,
                expected,
                found,
            } => {
                write!(
                    f,
                    "column '{column}' has {found} values but the target has {expected}"
                )
            }
            TrainError::DuplicateColumn(name) => write!(f, "duplicate column name '{name}'"),
            TrainError::TargetColumnMissing(name) => {
                write!(f, "target column '{name}' is not in the table")
            }
            TrainError::TargetNotBinary { row, value } => write!(
                f,
                "target value '{value}' in data row {row} is not a valid binary label \
                 (expected 0/1, or one of two labels with `bad_value` naming the bad one)"
            ),
            TrainError::RaggedRow {
                row,
                expected,
                found,
            } => {
                write!(f, "data row {row} has {found} cells, expected {expected}")
            }
            TrainError::TargetOneClass { class } => write!(
                f,
                "the target has only one class (all rows are {class}); need both goods and bads"
            ),
            TrainError::NoFeatureLeft(why) => write!(f, "no variable left after screening: {why}"),
            TrainError::InvalidOption(why) => write!(f, "invalid option: {why}"),
            TrainError::InvalidManualBinning(why) => write!(f, "invalid manual binning: {why}"),
            TrainError::Numerical(why) => write!(f, "numerical failure: {why}"),
            TrainError::ScoringInput(why) => write!(f, "cannot score: {why}"),
        }
    }
}

impl std::error::Error for TrainError {}
