//! RFM: recency, frequency and monetary value. Scores are quintiles over the batch (1–5, recency
//! reversed so 5 = most recent), computed from ranks in a way that gives tied values the same score
//! and does not depend on row order; the segment comes from the policy's map over R and the mean of
//! F and M. Transactions (`id, date, amount`) are aggregated per customer as of a date.

use crate::dataset::Dataset;
use crate::policy::RfmSegment;
use crate::text_column::TextColumn;
use std::collections::BTreeMap;

/// Quintiles need at least five customers with a value; below that (a single CRM record, a tiny
/// file) every score is left empty rather than giving everyone R = F = M = 1 ("lost").
pub const MIN_BATCH: usize = 5;

/// Quintile score of each value: 1 + ⌊5 · (number of values strictly below) / n⌋ over the
/// non-missing values (or strictly above when `reverse`). NaN stays 0 (no score).
pub fn quintile_scores(values: &[f64], reverse: bool) -> Vec<u8> {
    apply_cuts(values, quintile_cuts(values, reverse), reverse)
}

/// The four cut values that decide every quintile score of a batch, or `None` when it has fewer
/// than [`MIN_BATCH`] known values. Keeping only these is what lets a file too big for memory be
/// scored in parts with exactly the scores the whole batch would give.
pub fn quintile_cuts(values: &[f64], reverse: bool) -> Option<[f64; 4]> {
    let mut known: Vec<f64> = values.iter().copied().filter(|v| !v.is_nan()).collect();
    let n = known.len();
    if n < MIN_BATCH {
        return None;
    }
    // score = 1 + ⌊5·b/n⌋ where b counts the values strictly below (above, when reversed), and
    // ⌊5·b/n⌋ ≥ s exactly when b ≥ ⌈s·n/5⌉ — i.e. when x is above the ⌈s·n/5⌉-th smallest value
    // (below the ⌈s·n/5⌉-th largest). Four order statistics (linear-time selection) give the
    // cut values; each row is then four comparisons.
    let index: [usize; 4] = std::array::from_fn(|s| {
        let k = ((s + 1) * n).div_ceil(5);
        if reverse { n - k } else { k - 1 }
    });
    // Smallest index first (the indexes fall with s when reversed): each selection leaves the
    // larger values to its right, so the next one only searches that part.
    let order: [usize; 4] = if reverse { [3, 2, 1, 0] } else { [0, 1, 2, 3] };
    let mut cuts = [0.0f64; 4];
    let mut from = 0;
    for s in order {
        cuts[s] = *known[from..]
            .select_nth_unstable_by(index[s] - from, f64::total_cmp)
            .1;
        from = index[s];
    }
    Some(cuts)
}

/// Scores from cut values ([`quintile_cuts`]); all 0 when there are none.
pub fn apply_cuts(values: &[f64], cuts: Option<[f64; 4]>, reverse: bool) -> Vec<u8> {
    let Some(cuts) = cuts else {
        return vec![0; values.len()];
    };
    // Branch-free per value: count the cuts passed (a NaN passes none and scores 0).
    let score = |v: f64, passed: u8| if v.is_nan() { 0 } else { 1 + passed };
    if reverse {
        values
            .iter()
            .map(|&v| score(v, cuts.iter().map(|&c| u8::from(v < c)).sum()))
            .collect()
    } else {
        values
            .iter()
            .map(|&v| score(v, cuts.iter().map(|&c| u8::from(v > c)).sum()))
            .collect()
    }
}

/// What RFM scores depend on beyond a row's own values: the batch's cut values and how many
/// customers have all three values. Computed from the whole batch, or (streaming a big file)
/// from a first pass over it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Population {
    pub recency: Option<[f64; 4]>,
    pub frequency: Option<[f64; 4]>,
    pub monetary: Option<[f64; 4]>,
    /// Customers with all three values known.
    pub complete: usize,
}

impl Population {
    pub fn of(recency: &[f64], frequency: &[f64], monetary: &[f64]) -> Population {
        Population {
            recency: quintile_cuts(recency, true),
            frequency: quintile_cuts(frequency, false),
            monetary: quintile_cuts(monetary, false),
            complete: (0..recency.len())
                .filter(|&i| {
                    !(recency[i].is_nan() || frequency[i].is_nan() || monetary[i].is_nan())
                })
                .count(),
        }
    }
}

/// The first segment whose ranges contain (r, fm).
pub fn segment_index(segments: &[RfmSegment], r: u8, fm: f64) -> Option<usize> {
    segments
        .iter()
        .position(|s| (s.r[0]..=s.r[1]).contains(&r) && fm >= s.fm[0] && fm <= s.fm[1])
}

/// R, F, M scores and segment index for a batch (segment `None` when any of R, F, M is missing).
pub struct RfmColumns {
    pub r: Vec<u8>,
    pub f: Vec<u8>,
    pub m: Vec<u8>,
    pub segment: Vec<Option<usize>>,
}

pub fn score(
    recency: &[f64],
    frequency: &[f64],
    monetary: &[f64],
    segments: &[RfmSegment],
) -> RfmColumns {
    let population = Population::of(recency, frequency, monetary);
    score_in(recency, frequency, monetary, &population, segments)
}

/// Scores against a given population (the whole file's, when the rows are one part of it).
pub fn score_in(
    recency: &[f64],
    frequency: &[f64],
    monetary: &[f64],
    population: &Population,
    segments: &[RfmSegment],
) -> RfmColumns {
    let r = apply_cuts(recency, population.recency, true);
    let f = apply_cuts(frequency, population.frequency, false);
    let m = apply_cuts(monetary, population.monetary, false);
    // Scores are 0–5, so every (r, f + m) pair's segment is looked up once.
    let table: Vec<Option<usize>> = (0..6 * 11)
        .map(|i| {
            let (r, fm) = ((i / 11) as u8, (i % 11) as u8);
            segment_index(segments, r, fm as f64 / 2.0)
        })
        .collect();
    let segment = (0..r.len())
        .map(|i| {
            if r[i] == 0 || f[i] == 0 || m[i] == 0 {
                None
            } else {
                table[r[i] as usize * 11 + (f[i] + m[i]) as usize]
            }
        })
        .collect();
    RfmColumns { r, f, m, segment }
}

/// One customer's aggregate.
#[derive(Clone, Debug, PartialEq)]
pub struct CustomerActivity {
    pub id: String,
    pub recency_days: f64,
    pub frequency: f64,
    pub monetary: f64,
}

/// Aggregate a transactions dataset (fields `id`, `date`, `amount`) per customer as of `as_of`
/// (days since 1970-01-01). Transactions after `as_of`, or without id or date, are skipped and
/// counted. Customers come out sorted by id.
pub fn aggregate(ds: &Dataset, as_of: f64) -> (Vec<CustomerActivity>, usize) {
    let empty_ids: TextColumn = std::iter::repeat_n("", ds.n_rows).collect();
    let nan = vec![f64::NAN; ds.n_rows];
    let ids = ds.texts("id").unwrap_or(&empty_ids);
    let dates = ds.numbers("date").unwrap_or(&nan);
    let amounts = ds.numbers("amount").unwrap_or(&nan);
    let mut per: BTreeMap<&str, (f64, f64, f64)> = BTreeMap::new();
    let mut skipped = 0;
    for i in 0..ds.n_rows {
        if ids[i].is_empty() || dates[i].is_nan() || dates[i] > as_of {
            skipped += 1;
            continue;
        }
        let e = per.entry(&ids[i]).or_insert((f64::NEG_INFINITY, 0.0, 0.0));
        e.0 = e.0.max(dates[i]);
        e.1 += 1.0;
        if !amounts[i].is_nan() {
            e.2 += amounts[i];
        }
    }
    let out = per
        .into_iter()
        .map(|(id, (last, count, sum))| CustomerActivity {
            id: id.to_string(),
            recency_days: as_of - last,
            frequency: count,
            monetary: sum,
        })
        .collect();
    (out, skipped)
}

/// The fields of a transactions file: customer id, date, amount (CDNOW's `customer_id`,
/// `date`, `dollar_value` among the aliases).
pub fn transaction_fields() -> Vec<crate::fields::FieldSpec> {
    use crate::fields::{FieldKind, FieldSpec};
    let f = |name: &str, kind, zh: &str, en: &str, aliases: &[&str]| FieldSpec {
        name: name.into(),
        kind,
        zh: zh.into(),
        en: en.into(),
        aliases: aliases.iter().map(|s| s.to_string()).collect(),
        min: None,
        max: None,
    };
    vec![
        f(
            "id",
            FieldKind::Text,
            "客户编号",
            "Customer ID",
            &["customer_id", "cust_id", "客户号", "客户编号", "账号"],
        ),
        f(
            "date",
            FieldKind::Date,
            "交易日期",
            "Date",
            &[
                "交易日期",
                "日期",
                "order_date",
                "transaction_date",
                "txn_date",
            ],
        ),
        f(
            "amount",
            FieldKind::Money,
            "交易金额",
            "Amount",
            &[
                "交易金额",
                "金额",
                "dollar_value",
                "value",
                "txn_amount",
                "monetary",
            ],
        ),
    ]
}

/// Per-customer RFM table as CSV: id, recency_days, frequency, monetary, scores and segment.
pub fn activity_to_csv(activity: &[CustomerActivity], segments: &[RfmSegment]) -> Vec<u8> {
    let r: Vec<f64> = activity.iter().map(|a| a.recency_days).collect();
    let f: Vec<f64> = activity.iter().map(|a| a.frequency).collect();
    let m: Vec<f64> = activity.iter().map(|a| a.monetary).collect();
    let scores = score(&r, &f, &m, segments);
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    w.write_record([
        "id",
        "recency_days",
        "frequency",
        "monetary",
        "r_score",
        "f_score",
        "m_score",
        "rfm_segment",
    ])
    .expect("in-memory");
    for (i, a) in activity.iter().enumerate() {
        w.write_record([
            a.id.clone(),
            crate::results::format_num(a.recency_days, 0),
            crate::results::format_num(a.frequency, 0),
            crate::results::format_num(a.monetary, 2),
            scores.r[i].to_string(),
            scores.f[i].to_string(),
            scores.m[i].to_string(),
            scores.segment[i]
                .map(|s| segments[s].key.clone())
                .unwrap_or_default(),
        ])
        .expect("in-memory");
    }
    w.into_inner().expect("in-memory")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::builtin;

    #[test]
    fn quintiles_handle_ties_missing_and_reverse() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0];
        assert_eq!(quintile_scores(&v, false), [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
        assert_eq!(quintile_scores(&v, true), [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
        assert_eq!(
            quintile_scores(&[3.0, 3.0, 3.0, 3.0, 3.0, f64::NAN], false),
            [1, 1, 1, 1, 1, 0]
        );
        assert_eq!(
            quintile_scores(&[8.0, 21.0, f64::NAN], false),
            [0, 0, 0],
            "too few to rank"
        );
        let shuffled = [7.0, 2.0, 10.0, 1.0, 5.0, 3.0, 9.0, 4.0, 8.0, 6.0];
        let s = quintile_scores(&shuffled, false);
        for (x, sc) in shuffled.iter().zip(&s) {
            assert_eq!(
                *sc,
                quintile_scores(&v, false)[*x as usize - 1],
                "order independent"
            );
        }
    }

    #[test]
    fn quintiles_equal_the_rank_definition_on_random_data_with_ties() {
        let mut r = crate::rng::SeededRng::new(9);
        for n in [6usize, 7, 11, 100, 1001] {
            let v: Vec<f64> = (0..n)
                .map(|_| {
                    if r.chance(0.1) {
                        f64::NAN
                    } else {
                        r.below(20) as f64
                    }
                })
                .collect();
            let known: Vec<f64> = v.iter().copied().filter(|x| !x.is_nan()).collect();
            for reverse in [false, true] {
                let want: Vec<u8> = v
                    .iter()
                    .map(|&x| {
                        if x.is_nan() {
                            return 0;
                        }
                        let b = known
                            .iter()
                            .filter(|&&y| if reverse { y > x } else { y < x })
                            .count();
                        (1 + 5 * b / known.len()).min(5) as u8
                    })
                    .collect();
                assert_eq!(
                    quintile_scores(&v, reverse),
                    want,
                    "n {n} reverse {reverse}"
                );
            }
        }
    }

    #[test]
    fn the_default_map_puts_the_corners_where_expected() {
        let segs = builtin("enterprise").unwrap().rfm.segments;
        let key = |r, fm| segs[segment_index(&segs, r, fm).unwrap()].key.as_str();
        assert_eq!(key(5, 5.0), "champions");
        assert_eq!(key(5, 1.0), "recent");
        assert_eq!(key(1, 5.0), "cant_lose");
        assert_eq!(key(1, 1.0), "lost");
        assert_eq!(key(2, 1.5), "hibernating");
        assert_eq!(key(3, 3.0), "loyal");
        assert_eq!(key(2, 3.5), "at_risk");
        assert_eq!(segs.len(), 11);
    }

    #[test]
    fn batch_segments_equal_the_map_looked_up_per_row() {
        let segs = builtin("enterprise").unwrap().rfm.segments;
        let mut rng = crate::rng::SeededRng::new(4);
        let mut column = |n: usize| -> Vec<f64> {
            (0..n)
                .map(|_| {
                    if rng.chance(0.05) {
                        f64::NAN
                    } else {
                        rng.below(40) as f64
                    }
                })
                .collect()
        };
        let (r, f, m) = (column(3000), column(3000), column(3000));
        let out = score(&r, &f, &m, &segs);
        assert!(out.segment.iter().filter(|s| s.is_some()).count() > 2000);
        for i in 0..r.len() {
            let want = (out.r[i] > 0 && out.f[i] > 0 && out.m[i] > 0)
                .then(|| segment_index(&segs, out.r[i], (out.f[i] + out.m[i]) as f64 / 2.0))
                .flatten();
            assert_eq!(out.segment[i], want, "row {i}");
        }
    }
}
