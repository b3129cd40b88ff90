//! Excel and OpenDocument workbooks (.xlsx, .xlsm, .xlsb, .xls, .ods) through calamine. A sheet
//! (the first, or one chosen by name) is written out as CSV text and read by exactly the same
//! path as a CSV file, so mapping, number parsing and issues behave identically. Numbers keep
//! full precision (shortest round-trip text), dates become YYYY-MM-DD, and Excel error cells
//! become their `#DIV/0!`-style text so the cell reader reports them.

use calamine::{Data, Reader, open_workbook_auto_from_rs};
use std::io::Cursor;

/// Is this a workbook (zip container or OLE2 compound file)?
pub fn looks_like_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// The sheet names, in workbook order.
pub fn sheet_names(bytes: &[u8]) -> Result<Vec<String>, String> {
    let workbook = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| format!("not a readable workbook: {e}"))?;
    Ok(workbook.sheet_names().to_vec())
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => {
            if *b {
                "TRUE".into()
            } else {
                "FALSE".into()
            }
        }
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        Data::DateTime(dt) => dt.as_f64().to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

/// One sheet as CSV text (UTF-8, `\n` line ends).
pub fn sheet_to_csv(bytes: &[u8], sheet: Option<&str>) -> Result<Vec<u8>, String> {
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| format!("not a readable workbook: {e}"))?;
    let names = workbook.sheet_names().to_vec();
    let name = match sheet {
        Some(s) if names.iter().any(|n| n == s) => s.to_string(),
        Some(s) => {
            return Err(format!(
                "the workbook has no sheet '{s}' (it has: {})",
                names.join(", ")
            ));
        }
        None => names.first().cloned().ok_or("the workbook has no sheets")?,
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| format!("sheet '{name}' cannot be read: {e}"))?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .flexible(true)
        .from_writer(Vec::new());
    for row in range.rows() {
        w.write_record(row.iter().map(cell_text))
            .map_err(|e| e.to_string())?;
    }
    w.into_inner().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

    fn workbook() -> Vec<u8> {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet().set_name("客户").unwrap();
        for (c, h) in [
            "客户编号",
            "所属行业",
            "从业人员",
            "营业收入",
            "数据日期",
            "备注",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        ws.write_string(1, 0, "X1").unwrap();
        ws.write_string(1, 1, "工业").unwrap();
        ws.write_number(1, 2, 500.0).unwrap();
        ws.write_number(1, 3, 50_000_000.25).unwrap();
        let date = ExcelDateTime::parse_from_str("2024-12-31").unwrap();
        ws.write_datetime_with_format(1, 4, &date, &Format::new().set_num_format("yyyy-mm-dd"))
            .unwrap();
        ws.write_formula(1, 5, "=1/0").unwrap();
        wb.add_worksheet()
            .set_name("Other")
            .unwrap()
            .write_string(0, 0, "id")
            .unwrap();
        wb.save_to_buffer().unwrap()
    }

    #[test]
    fn first_sheet_becomes_csv_with_exact_numbers_and_iso_dates() {
        let bytes = workbook();
        assert!(looks_like_workbook(&bytes));
        assert!(!looks_like_workbook(b"id,industry\n"));
        assert_eq!(sheet_names(&bytes).unwrap(), ["客户", "Other"]);
        let csv = String::from_utf8(sheet_to_csv(&bytes, None).unwrap()).unwrap();
        let mut lines = csv.lines();
        assert_eq!(
            lines.next(),
            Some("客户编号,所属行业,从业人员,营业收入,数据日期,备注")
        );
        let row = lines.next().unwrap();
        assert!(
            row.starts_with("X1,工业,500,50000000.25,2024-12-31,"),
            "{row}"
        );
        assert_eq!(
            String::from_utf8(sheet_to_csv(&bytes, Some("Other")).unwrap()).unwrap(),
            "id\n"
        );
        assert!(
            sheet_to_csv(&bytes, Some("Nope"))
                .unwrap_err()
                .contains("客户, Other")
        );
        assert!(sheet_names(b"PK\x03\x04garbage").is_err());
    }
}
