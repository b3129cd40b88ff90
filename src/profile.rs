//! The batch view of a segmentation: per segment the count, share, mean PD, exposure, expected
//! loss and key medians, plus the segment-quality check of DOMAIN.md — a segment too small to be
//! worth serving, or so large it does not discriminate, is flagged.

use crate::dataset::Dataset;
use crate::policy::Policy;
use crate::results::{ResultData, Results, format_num};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SegmentProfile {
    pub segment: String,
    pub zh: String,
    pub en: String,
    pub count: usize,
    pub share: f64,
    pub mean_pd: f64,
    pub total_ead: f64,
    pub total_el: f64,
    pub median_score: f64,
    pub median_revenue: f64,
    pub median_debt_ratio: f64,
    /// `too_small`, `too_large`, `empty`, or empty when the segment passes.
    pub quality: String,
}

fn median(mut v: Vec<f64>) -> f64 {
    v.retain(|x| !x.is_nan());
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    }
}

fn numbers<'a>(results: &'a Results, name: &str) -> Option<&'a [f64]> {
    match &results.column(name)?.data {
        ResultData::Num { values, .. } => Some(values),
        _ => None,
    }
}

pub fn profile(results: &Results, ds: &Dataset, policy: &Policy) -> Vec<SegmentProfile> {
    let n = results.len();
    let Some(ResultData::Cat { codes, .. }) = results.column("segment").map(|c| &c.data) else {
        return Vec::new();
    };
    let score: Vec<f64> = match results.column("score").map(|c| &c.data) {
        Some(ResultData::Int(v)) => v.iter().map(|&s| s as f64).collect(),
        _ => vec![f64::NAN; n],
    };
    let nan = vec![f64::NAN; n];
    let pd = numbers(results, "pd").unwrap_or(&nan);
    let ead = numbers(results, "ead").unwrap_or(&nan);
    let el = numbers(results, "el").unwrap_or(&nan);
    let debt = numbers(results, "debt_ratio").unwrap_or(&nan);
    let revenue = ds.numbers("revenue").unwrap_or(&nan);
    let q = &policy.quality;
    policy
        .segments
        .iter()
        .enumerate()
        .map(|(i, seg)| {
            let rows: Vec<usize> = (0..n).filter(|&r| codes[r] == i as u32 + 1).collect();
            let count = rows.len();
            let share = if n == 0 { 0.0 } else { count as f64 / n as f64 };
            let pick = |v: &[f64]| rows.iter().map(|&r| v[r]).collect::<Vec<f64>>();
            let sum = |v: &[f64]| {
                rows.iter()
                    .map(|&r| v[r])
                    .filter(|x| !x.is_nan())
                    .sum::<f64>()
            };
            let quality = if count == 0 {
                "empty"
            } else if share < q.min_segment_share {
                "too_small"
            } else if share > q.max_segment_share {
                "too_large"
            } else {
                ""
            };
            SegmentProfile {
                segment: seg.key.clone(),
                zh: seg.zh.clone(),
                en: seg.en.clone(),
                count,
                share,
                mean_pd: if count == 0 {
                    f64::NAN
                } else {
                    sum(pd) / count as f64
                },
                total_ead: sum(ead),
                total_el: sum(el),
                median_score: median(pick(&score)),
                median_revenue: median(pick(revenue)),
                median_debt_ratio: median(pick(debt)),
                quality: quality.into(),
            }
        })
        .collect()
}

pub fn to_csv(profiles: &[SegmentProfile]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    w.write_record([
        "segment",
        "zh",
        "en",
        "count",
        "share",
        "mean_pd",
        "total_ead",
        "total_el",
        "median_score",
        "median_revenue",
        "median_debt_ratio",
        "quality",
    ])
    .expect("in-memory");
    for p in profiles {
        w.write_record([
            p.segment.clone(),
            p.zh.clone(),
            p.en.clone(),
            p.count.to_string(),
            format_num(p.share, 4),
            format_num(p.mean_pd, 6),
            format_num(p.total_ead, 2),
            format_num(p.total_el, 2),
            format_num(p.median_score, 1),
            format_num(p.median_revenue, 2),
            format_num(p.median_debt_ratio, 4),
            p.quality.clone(),
        ])
        .expect("in-memory");
    }
    w.into_inner().expect("in-memory")
}
