//! `ClusterError`: every way the segmentation code refuses its input. All public functions
//! return these as values; nothing in `cluster` panics on user input.

use std::fmt;

/// Why a clustering call could not produce a result.
#[derive(Debug, Clone, PartialEq)]
pub enum ClusterError {
    /// There are no rows at all.
    EmptyInput,
    /// No feature columns were selected.
    NoFeatures,
    /// Every selected feature was dropped (zero variance or entirely missing), e.g. all rows identical.
    NoUsableFeatures { dropped: Vec<String> },
    /// A column has a different number of rows than the first column.
    ColumnLengthMismatch {
        column: String,
        expected: usize,
        found: usize,
    },
    /// The same column name was given twice.
    DuplicateColumn(String),
    /// A column named in the options (e.g. a money column) is not among the inputs.
    UnknownColumn(String),
    /// k was 0.
    KIsZero,
    /// k is larger than the number of rows.
    KExceedsRows { k: usize, n_rows: usize },
    /// The data has fewer distinct rows than k, so k distinct centres cannot exist.
    TooFewDistinctRows { k: usize, distinct: usize },
    /// A matrix passed straight to k-means/PCA contains NaN or ±inf (prep imputes these; raw matrices must be clean).
    NonFiniteValue { row: usize, col: usize },
    /// The flat matrix length is not a multiple of the feature count (or the feature count is 0).
    BadShape { len: usize, n_features: usize },
    /// A row or vector has the wrong length.
    LengthMismatch {
        what: String,
        expected: usize,
        found: usize,
    },
    /// An option is out of range (message says which).
    InvalidOption(String),
    /// A saved model is internally inconsistent (e.g. edited JSON).
    InvalidModel(String),
}

impl fmt::Display for ClusterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClusterError::EmptyInput => write!(f, "no rows to cluster"),
            ClusterError::NoFeatures => write!(f, "no feature columns were selected"),
            ClusterError::NoUsableFeatures { dropped } => write!(
                f,
                "no usable features: all selected features have zero variance or are entirely missing ({})",
                dropped.join(", ")
            ),
            ClusterError::ColumnLengthMismatch {
                column,
                expected,
                found,
            } => {
                write!(f, "column '{column}' has {found} rows, expected {expected}")
            }
            ClusterError::DuplicateColumn(name) => {
                write!(f, "column '{name}' was given more than once")
            }
            ClusterError::UnknownColumn(name) => {
                write!(f, "column '{name}' is not among the input columns")
            }
            ClusterError::KIsZero => write!(f, "the number of clusters k must be at least 1"),
            ClusterError::KExceedsRows { k, n_rows } => {
                write!(
                    f,
                    "k = {k} clusters requested but there are only {n_rows} rows"
                )
            }
            ClusterError::TooFewDistinctRows { k, distinct } => write!(
                f,
                "k = {k} clusters requested but the data has only {distinct} distinct rows"
            ),
            ClusterError::NonFiniteValue { row, col } => {
                write!(f, "value at row {row}, feature {col} is NaN or infinite")
            }
            ClusterError::BadShape { len, n_features } => write!(
                f,
                "a matrix of {len} values cannot be split into rows of {n_features} features"
            ),
            ClusterError::LengthMismatch {
                what,
                expected,
                found,
            } => {
                write!(f, "{what}: expected length {expected}, found {found}")
            }
            ClusterError::InvalidOption(msg) => write!(f, "invalid option: {msg}"),
            ClusterError::InvalidModel(msg) => write!(f, "invalid cluster model: {msg}"),
        }
    }
}

impl std::error::Error for ClusterError {}
