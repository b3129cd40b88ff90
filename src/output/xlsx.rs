//! Results as an Excel workbook (feature `xlsx`, through rust_xlsxwriter): one sheet, the same
//! columns and rows as the CSV, numbers as numbers (rounded exactly as the CSV prints them, so the
//! two files agree), text as text — an .xlsx cell is never a formula, so no neutralising is
//! needed. The document date is fixed, so the same results give the same bytes in the CLI and the
//! browser.

use crate::results::{ResultData, Results, format_num};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

/// Excel's row limit (the header takes one).
pub const MAX_ROWS: usize = 1_048_576 - 1;

pub fn to_xlsx(results: &Results) -> Result<Vec<u8>, String> {
    if results.len() > MAX_ROWS {
        return Err(format!(
            "{} rows do not fit in one Excel sheet (at most {MAX_ROWS}); export CSV instead",
            results.len()
        ));
    }
    write(results).map_err(|e| format!("writing the workbook: {e}"))
}

fn write(results: &Results) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let date = ExcelDateTime::from_ymd(2000, 1, 1)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&date));
    let sheet = book.add_worksheet();
    sheet.set_name("lendseg")?;
    let bold = Format::new().set_bold();
    for (c, col) in results.columns.iter().enumerate() {
        let c = c as u16;
        sheet.write_string_with_format(0, c, &col.name, &bold)?;
        for row in 0..results.len() {
            let r = row as u32 + 1;
            match &col.data {
                ResultData::Text(v) if !v[row].is_empty() => {
                    sheet.write_string(r, c, &v[row])?;
                }
                ResultData::Cat { codes, keys } if codes[row] != 0 => {
                    sheet.write_string(r, c, &keys[codes[row] as usize])?;
                }
                ResultData::Int(v) if v[row] != i32::MIN => {
                    sheet.write_number(r, c, v[row])?;
                }
                ResultData::Num { values, decimals } if !values[row].is_nan() => {
                    // The CSV's text of the value, read back: the same number in both files.
                    let x: f64 = format_num(values[row], *decimals)
                        .parse()
                        .unwrap_or(values[row]);
                    sheet.write_number(r, c, x)?;
                }
                _ => {}
            }
        }
    }
    if !results.columns.is_empty() {
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofilter(0, 0, results.len() as u32, results.columns.len() as u16 - 1)?;
    }
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::RunOptions;
    use crate::ingest::ReadOptions;
    use crate::policy::builtin;
    use calamine::{Data, Reader, Xlsx};
    use std::io::Cursor;

    #[test]
    fn the_sheet_holds_the_csv_cells_with_numbers_as_numbers() {
        let csv = "客户编号,客户名称,行业,从业人员,营业收入\nA1,=cmd(),零售业,12,3000000\nA2,乙,工业,500,50000000\n";
        let policy = builtin("enterprise").unwrap();
        let (_, results) = crate::segment_bytes(
            csv.as_bytes(),
            &policy,
            &ReadOptions::default(),
            &RunOptions::default(),
        );
        let bytes = to_xlsx(&results).unwrap();
        assert_eq!(bytes, to_xlsx(&results).unwrap(), "deterministic bytes");
        let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range("lendseg").unwrap();
        let header: Vec<String> = range
            .rows()
            .next()
            .unwrap()
            .iter()
            .map(|d| d.to_string())
            .collect();
        let names: Vec<&str> = results.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(header, names);
        let col = |name: &str| names.iter().position(|n| *n == name).unwrap();
        let rows: Vec<&[Data]> = range.rows().skip(1).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0][col("id")], Data::String("A1".into()));
        assert_eq!(
            rows[0][col("score")],
            Data::Float(results.key("score", 0).parse().unwrap())
        );
        assert_eq!(
            rows[0][col("pd")],
            Data::Float(results.key("pd", 0).parse().unwrap())
        );
        assert_eq!(rows[1][col("size_class")], Data::String("medium".into()));
        assert_eq!(rows[0][col("industry")], Data::String("retail".into()));
        // A missing value is an empty cell, as in the CSV.
        assert_eq!(results.key("warnings", 0), "");
        assert_eq!(rows[0][col("warnings")], Data::Empty);
    }
}
