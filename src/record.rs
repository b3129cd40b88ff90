//! One customer given as field → value pairs (the CRM case). It is turned into a one-row file and
//! run through exactly the batch path, so a record and the same row in a file always agree.

use crate::batch::RunOptions;
use crate::dataset::Dataset;
use crate::ingest::ReadOptions;
use crate::policy::Policy;
use crate::results::Results;

/// A value as a CRM would hand it over.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
#[serde(untagged)]
pub enum RecordValue {
    Number(f64),
    Text(String),
    Bool(bool),
    Null,
}

impl RecordValue {
    fn as_cell(&self) -> String {
        match self {
            // `Display` for f64 prints the shortest text that parses back to the same value.
            RecordValue::Number(v) => v.to_string(),
            RecordValue::Text(s) => s.clone(),
            RecordValue::Bool(b) => (*b as u8).to_string(),
            RecordValue::Null => String::new(),
        }
    }
}

/// Classify one record. Keys are field names or any alias a file header could use.
pub fn segment_record(
    pairs: &[(String, RecordValue)],
    policy: &Policy,
    read: &ReadOptions,
    run: &RunOptions,
) -> (Dataset, Results) {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    if pairs.is_empty() {
        return crate::segment_bytes(b"", policy, read, run);
    }
    w.write_record(pairs.iter().map(|(k, _)| k.as_str()))
        .expect("in-memory write");
    w.write_record(pairs.iter().map(|(_, v)| v.as_cell()))
        .expect("in-memory write");
    let bytes = w.into_inner().expect("in-memory write");
    crate::segment_bytes(&bytes, policy, read, run)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo_data::{DemoOptions, generate};
    use crate::output::row_json;
    use crate::policy::builtin;

    #[test]
    fn every_demo_row_as_a_record_matches_the_batch_in_every_column() {
        // RFM scores are quintiles over the batch by definition (a single record gets none);
        // every other column, segment and price included, must agree.
        let csv = generate(&DemoOptions {
            rows: 200,
            seed: 11,
            ..Default::default()
        });
        let policy = builtin("enterprise").unwrap();
        let (read, run) = (ReadOptions::default(), RunOptions::default());
        let (_, batch) = crate::segment_bytes(csv.as_bytes(), &policy, &read, &run);
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let rfm_dependent = ["r_score", "f_score", "m_score", "rfm_segment"];
        for (i, rec) in reader.records().enumerate() {
            let rec = rec.unwrap();
            let pairs: Vec<(String, RecordValue)> = headers
                .iter()
                .zip(rec.iter())
                .filter(|(h, _)| !["recency_days", "frequency", "monetary"].contains(&h.as_str()))
                .map(|(h, v)| {
                    (
                        h.clone(),
                        v.parse::<f64>()
                            .map(RecordValue::Number)
                            .unwrap_or(RecordValue::Text(v.into())),
                    )
                })
                .collect();
            let (_, single) = segment_record(&pairs, &policy, &read, &run);
            let one = row_json(&single, 0);
            let many = row_json(&batch, i);
            for (k, v) in &one {
                if k == "row" || rfm_dependent.contains(&k.as_str()) {
                    continue;
                }
                assert_eq!(Some(v), many.get(k), "row {i}, column {k}");
            }
        }
    }

    #[test]
    fn aliases_nulls_and_empty_records() {
        let policy = builtin("enterprise").unwrap();
        let pairs = vec![
            ("客户编号".to_string(), RecordValue::Text("X1".into())),
            ("行业".to_string(), RecordValue::Text("零售业".into())),
            ("从业人员".to_string(), RecordValue::Number(12.0)),
            ("营业收入".to_string(), RecordValue::Null),
        ];
        let (_, r) = segment_record(
            &pairs,
            &policy,
            &ReadOptions::default(),
            &RunOptions::default(),
        );
        assert_eq!(r.ids().unwrap(), &["X1"]);
        // 12 employees (≥ 10) but revenue unknown: small or micro cannot be decided.
        assert_eq!(r.key("size_class", 0), "unknown");
        assert!(r.key("size_reason", 0).contains("revenue"));
        // The industry column is the standard's category, whichever way the file wrote it.
        assert_eq!(r.key("industry", 0), "retail");
        let code = vec![("行业代码".to_string(), RecordValue::Text("F5123".into()))];
        let (_, r) = segment_record(
            &code,
            &policy,
            &ReadOptions::default(),
            &RunOptions::default(),
        );
        assert_eq!(r.key("industry", 0), "wholesale");
        let odd = vec![("行业".to_string(), RecordValue::Text("太空旅游".into()))];
        let (_, r) = segment_record(
            &odd,
            &policy,
            &ReadOptions::default(),
            &RunOptions::default(),
        );
        assert_eq!(r.key("industry", 0), "");
        let (ds, r) = segment_record(
            &[],
            &policy,
            &ReadOptions::default(),
            &RunOptions::default(),
        );
        assert!(r.is_empty());
        assert_eq!(ds.issues[0].code, "empty_file");
    }
}
