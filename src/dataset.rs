//! The in-memory table every classifier reads: one typed column per recognised field (numbers as
//! f64 with NaN for missing, text as strings, dates as days since 1970-01-01), the spreadsheet row
//! number of each record, how headers were mapped, and every problem found while reading.

use crate::fields::{FieldKind, MoneyUnit};
use crate::text_column::TextColumn;
use serde::Serialize;

/// The values of one field for every row.
#[derive(Clone, Debug, PartialEq)]
pub enum ColumnData {
    /// Numbers and money (money already in yuan); NaN = missing.
    Number(Vec<f64>),
    /// Text; empty string = missing.
    Text(TextColumn),
    /// Days since 1970-01-01; NaN = missing.
    Date(Vec<f64>),
}

impl ColumnData {
    pub fn empty(kind: FieldKind) -> ColumnData {
        match kind {
            FieldKind::Number | FieldKind::Money => ColumnData::Number(Vec::new()),
            FieldKind::Text => ColumnData::Text(TextColumn::new()),
            FieldKind::Date => ColumnData::Date(Vec::new()),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub field: String,
    pub data: ColumnData,
}

/// How one header of the file was understood.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ColumnMapping {
    /// The header as written in the file.
    pub header: String,
    /// Zero-based position in the file.
    pub index: usize,
    /// The field it feeds, or `None` when it is not used.
    pub field: Option<String>,
    pub confidence: f64,
    /// The money unit applied to this column, when it is money.
    pub unit: Option<MoneyUnit>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The row or cell is still used (the cell as missing).
    Warning,
    /// Nothing could be read (the file, or a whole row).
    Error,
}

/// One problem in the input, located as a person would look for it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Issue {
    /// Spreadsheet row number: the header is row 1, the first record row 2. `None` for the file.
    pub row: Option<u32>,
    /// The header of the column, as written in the file.
    pub column: Option<String>,
    /// Stable machine-readable code (e.g. `not_a_number`), for translation and filtering.
    pub code: &'static str,
    pub message: String,
    pub severity: Severity,
}

impl std::fmt::Display for Issue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(row) = self.row {
            write!(f, "row {row}")?;
            if let Some(col) = &self.column {
                write!(f, ", column '{col}'")?;
            }
            write!(f, ": ")?;
        } else if let Some(col) = &self.column {
            write!(f, "column '{col}': ")?;
        }
        write!(f, "{}", self.message)
    }
}

/// A parsed input file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dataset {
    pub n_rows: usize,
    /// Spreadsheet row number of each record (header = row 1).
    pub source_rows: Vec<u32>,
    pub columns: Vec<Column>,
    pub mapping: Vec<ColumnMapping>,
    pub issues: Vec<Issue>,
    /// The encoding the bytes were read as (`UTF-8`, `GBK/GB18030`, …).
    pub encoding: &'static str,
    pub delimiter: u8,
    /// Spreadsheet row number of the last record read, blank or not (header = 1): how many rows a
    /// part of a streamed file covers.
    pub last_row: u32,
}

impl Dataset {
    pub fn column(&self, field: &str) -> Option<&ColumnData> {
        self.columns
            .iter()
            .find(|c| c.field == field)
            .map(|c| &c.data)
    }

    pub fn numbers(&self, field: &str) -> Option<&[f64]> {
        match self.column(field)? {
            ColumnData::Number(v) | ColumnData::Date(v) => Some(v),
            ColumnData::Text(_) => None,
        }
    }

    pub fn texts(&self, field: &str) -> Option<&TextColumn> {
        match self.column(field)? {
            ColumnData::Text(v) => Some(v),
            _ => None,
        }
    }

    /// The header the file used for a field (for messages), or the field name.
    pub fn header_of(&self, field: &str) -> String {
        self.mapping
            .iter()
            .find(|m| m.field.as_deref() == Some(field))
            .map(|m| m.header.clone())
            .unwrap_or_else(|| field.to_string())
    }

    /// The customer id of each row: the `id` column, or the row number when there is none.
    pub fn ids(&self) -> TextColumn {
        match self.texts("id") {
            Some(ids) if ids.iter().all(|id| !id.is_empty()) => ids.clone(),
            Some(ids) => {
                let mut out = TextColumn::with_capacity(ids.len(), ids.text_len());
                for (id, row) in ids.iter().zip(&self.source_rows) {
                    if id.is_empty() {
                        out.push(&format!("row{row}"));
                    } else {
                        out.push(id);
                    }
                }
                out
            }
            None => self.source_rows.iter().map(|r| format!("row{r}")).collect(),
        }
    }
}
