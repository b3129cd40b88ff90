//! The points scorecard: bins per feature (numeric cut points, categorical groups, special values,
//! a bin for missing), integer points per bin, scaling by points0/odds0/pdo, PD from the score, and
//! reason codes — the features that cost the most points against their best bin. The score is the
//! plain sum of the features' points, so a breakdown always adds up.
//!
//! Scaling: factor = pdo / ln 2; with `odds0` written as good:bad (19 = "1:19" bad:good),
//! score = points0 + factor · ln(good odds / odds0), i.e. PD = 1 / (1 + odds0 · 2^((score − points0) / pdo)).

use crate::frame::{Frame, Var};
use serde::{Deserialize, Serialize};

/// A text in both languages.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: &str, en: &str) -> Text {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Scaling {
    /// Score at which the good:bad odds equal `odds0`.
    pub points0: f64,
    /// Good:bad odds at `points0` (19 means PD 5%).
    pub odds0: f64,
    /// Points to double the odds.
    pub pdo: f64,
}

impl Default for Scaling {
    fn default() -> Self {
        Scaling {
            points0: 600.0,
            odds0: 19.0,
            pdo: 50.0,
        }
    }
}

impl Scaling {
    pub fn pd(&self, score: f64) -> f64 {
        1.0 / (1.0 + self.odds0 * crate::detmath::exp2((score - self.points0) / self.pdo))
    }

    /// The (real-valued) score at which PD equals `pd`.
    pub fn score_for_pd(&self, pd: f64) -> f64 {
        self.points0 + self.pdo * crate::detmath::log2(((1.0 - pd) / pd) / self.odds0)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NumericBins {
    /// Increasing cut points; value x is in bin i = number of cuts ≤ x (intervals [c_{i−1}, c_i)).
    pub cuts: Vec<f64>,
    /// Points per bin: one more than there are cuts.
    pub points: Vec<i32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CategoryGroup {
    pub values: Vec<String>,
    pub points: i32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CategoricalBins {
    pub groups: Vec<CategoryGroup>,
    /// Points for a level in no group (e.g. unseen in training).
    pub other_points: i32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SpecialBin {
    pub values: Vec<f64>,
    pub points: i32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Feature {
    /// An input field, a derived ratio or `industry_risk`.
    pub field: String,
    pub label: Text,
    /// What it means when this feature costs points (the reason shown to the loan officer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numeric: Option<NumericBins>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub categorical: Option<CategoricalBins>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub special: Option<Vec<SpecialBin>>,
    pub missing_points: i32,
    /// Why the bins and points are what they are (for the people who review the policy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

impl Feature {
    /// The most points this feature can give (its best bin).
    pub fn max_points(&self) -> i32 {
        let mut best = self.missing_points;
        if let Some(n) = &self.numeric {
            best = best.max(n.points.iter().copied().max().unwrap_or(best));
        }
        if let Some(c) = &self.categorical {
            best = best.max(c.other_points);
            best = best.max(c.groups.iter().map(|g| g.points).max().unwrap_or(best));
        }
        if let Some(s) = &self.special {
            best = best.max(s.iter().map(|b| b.points).max().unwrap_or(best));
        }
        best
    }

    /// Points for a numeric value (NaN = missing).
    pub fn points_for_number(&self, x: f64) -> i32 {
        if x.is_nan() {
            return self.missing_points;
        }
        if let Some(special) = &self.special {
            if let Some(bin) = special.iter().find(|b| b.values.contains(&x)) {
                return bin.points;
            }
        }
        match &self.numeric {
            Some(n) => {
                // The bin is the number of cuts ≤ x. A scorecard has a handful of cuts: counting
                // them all is branch-free and faster than a binary search's guessed branches.
                let bin = if n.cuts.len() <= 16 {
                    n.cuts.iter().filter(|c| **c <= x).count()
                } else {
                    n.cuts.partition_point(|c| *c <= x)
                };
                n.points.get(bin).copied().unwrap_or(self.missing_points)
            }
            None => self.missing_points,
        }
    }

    /// [`Feature::points_for_number`] of each value: the common shape (a few cuts, no special
    /// values) as one branch-free loop per column.
    pub fn points_for_numbers(&self, values: &[f64]) -> Vec<i32> {
        match &self.numeric {
            Some(n) if self.special.is_none() && n.cuts.len() <= 16 => {
                let (cuts, missing) = (&n.cuts[..], self.missing_points);
                // A bin without points (a malformed card) scores as missing, as in the row rule.
                let mut points = n.points.clone();
                points.resize(cuts.len() + 1, missing);
                values
                    .iter()
                    .map(|&x| {
                        let bin: usize = cuts.iter().map(|&c| usize::from(c <= x)).sum();
                        if x.is_nan() { missing } else { points[bin] }
                    })
                    .collect()
            }
            _ => values.iter().map(|&x| self.points_for_number(x)).collect(),
        }
    }

    /// Points for a category key (`""` = missing).
    pub fn points_for_key(&self, key: &str) -> i32 {
        if key.is_empty() {
            return self.missing_points;
        }
        match &self.categorical {
            Some(c) => c
                .groups
                .iter()
                .find(|g| g.values.iter().any(|v| v == key))
                .map_or(c.other_points, |g| g.points),
            None => self.missing_points,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Scorecard {
    pub scaling: Scaling,
    pub features: Vec<Feature>,
    /// Lowest PD given to a performing borrower (Basel: 0.03%; 0.05% for corporates under Basel 3.1).
    #[serde(default = "default_pd_floor")]
    pub pd_floor: f64,
}

fn default_pd_floor() -> f64 {
    0.0003
}

/// Scores of a batch: total, PD, and each feature's points per row.
pub struct ScoreColumns {
    pub score: Vec<i32>,
    pub pd: Vec<f64>,
    /// `points[feature][row]`.
    pub points: Vec<Vec<i32>>,
    /// For each row, up to three feature indexes that cost the most points (u8::MAX = none).
    pub reasons: Vec<[u8; 3]>,
}

impl Scorecard {
    pub fn pd(&self, score: i32) -> f64 {
        self.scaling.pd(score as f64).max(self.pd_floor)
    }

    /// [`Scorecard::pd`] of each score. Scores are integers in a narrow range, so each distinct
    /// score's PD is computed once (the deterministic `exp2` is far dearer than a lookup).
    pub fn pds(&self, score: &[i32]) -> Vec<f64> {
        let (Some(&lo), Some(&hi)) = (score.iter().min(), score.iter().max()) else {
            return Vec::new();
        };
        let span = hi as i64 - lo as i64 + 1;
        if span > 1 << 16 {
            return score.iter().map(|&s| self.pd(s)).collect();
        }
        let mut table = vec![f64::NAN; span as usize];
        score
            .iter()
            .map(|&s| {
                let slot = &mut table[(s as i64 - lo as i64) as usize];
                if slot.is_nan() {
                    *slot = self.pd(s);
                }
                *slot
            })
            .collect()
    }

    /// Score every row of a frame.
    pub fn score(&self, frame: &Frame) -> ScoreColumns {
        let n = frame.n;
        let mut points: Vec<Vec<i32>> = Vec::with_capacity(self.features.len());
        for feature in &self.features {
            let column: Vec<i32> = match frame.get(&feature.field) {
                Some(Var::Num(values)) => feature.points_for_numbers(values),
                Some(Var::Cat { codes, keys }) => {
                    let table: Vec<i32> = keys.iter().map(|k| feature.points_for_key(k)).collect();
                    codes.iter().map(|&c| table[c as usize]).collect()
                }
                _ => vec![feature.missing_points; n],
            };
            points.push(column);
        }
        let max_points: Vec<i32> = self.features.iter().map(Feature::max_points).collect();
        let mut score = vec![0i32; n];
        for column in &points {
            for (s, p) in score.iter_mut().zip(column) {
                *s = s.saturating_add(*p);
            }
        }
        let pd = self.pds(&score);
        let reasons = (0..n)
            .map(|row| top_reasons(&points, &max_points, row))
            .collect();
        ScoreColumns {
            score,
            pd,
            points,
            reasons,
        }
    }
}

/// The three features with the largest loss against their best bin (ties: earlier feature first);
/// features that lost nothing are not reasons.
///
/// Branch-free: each (loss, feature) is one integer key, the loss in the high bits and
/// `255 − feature` in the low byte, so a plain `>` on keys orders by loss and, between equal
/// losses, puts the earlier feature first. Slots start at the key of a zero loss of feature 0,
/// above every key of a loss ≤ 0, so those never enter.
fn top_reasons(points: &[Vec<i32>], max_points: &[i32], row: usize) -> [u8; 3] {
    const NONE: i64 = 255;
    let [mut k0, mut k1, mut k2] = [NONE; 3];
    for (f, column) in points.iter().enumerate().take(u8::MAX as usize) {
        let loss = i64::from(max_points[f].saturating_sub(column[row]));
        let key = (loss << 8) | (255 - f as i64);
        let (g0, g1, g2) = (key > k0, key > k1, key > k2);
        k2 = if g1 {
            k1
        } else if g2 {
            key
        } else {
            k2
        };
        k1 = if g0 {
            k0
        } else if g1 {
            key
        } else {
            k1
        };
        k0 = if g0 { key } else { k0 };
    }
    [k0, k1, k2].map(|k| {
        if k > NONE {
            255 - (k & 255) as u8
        } else {
            u8::MAX
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feature(cuts: Vec<f64>, points: Vec<i32>, missing: i32) -> Feature {
        Feature {
            field: "x".into(),
            label: Text::new("x", "x"),
            reason: None,
            numeric: Some(NumericBins { cuts, points }),
            categorical: None,
            special: None,
            missing_points: missing,
            why: None,
        }
    }

    #[test]
    fn numeric_bins_are_left_closed() {
        let f = feature(vec![0.4, 0.7], vec![90, 70, 40], 50);
        assert_eq!(f.points_for_number(0.39), 90);
        assert_eq!(f.points_for_number(0.4), 70);
        assert_eq!(f.points_for_number(0.69), 70);
        assert_eq!(f.points_for_number(0.7), 40);
        assert_eq!(f.points_for_number(f64::NAN), 50);
        assert_eq!(f.max_points(), 90);
        let mut with_special = f.clone();
        with_special.special = Some(vec![SpecialBin {
            values: vec![-1.0],
            points: 10,
        }]);
        assert_eq!(with_special.points_for_number(-1.0), 10);
    }

    #[test]
    fn scaling_matches_the_textbook_definition() {
        let s = Scaling::default();
        assert!((s.pd(600.0) - 0.05).abs() < 1e-12, "odds 19:1 at 600");
        // 50 points double the odds: 38:1 at 650.
        assert!((s.pd(650.0) - 1.0 / 39.0).abs() < 1e-12);
        let factor = 50.0 / 2f64.ln();
        // DOMAIN.md: offset = points0 + factor·ln(odds0) with odds0 = 1:19 written as bad:good,
        // score = offset − factor·ln(bad odds).
        let offset = 600.0 + factor * (1.0f64 / 19.0).ln();
        let pd: f64 = 0.02;
        let textbook = offset - factor * (pd / (1.0 - pd)).ln();
        assert!((s.score_for_pd(pd) - textbook).abs() < 1e-9);
        assert!(s.pd(700.0) < s.pd(650.0));
    }

    #[test]
    fn score_is_the_sum_of_points_and_reasons_are_the_biggest_losses() {
        let mut frame = Frame::new(3);
        frame.insert_num("a", vec![0.1, 0.9, f64::NAN]);
        frame.insert_num("b", vec![5.0, 5.0, 0.0]);
        frame.insert_cat_from_strings("c", ["low", "high", ""]);
        let mut fa = feature(vec![0.5], vec![100, 40], 60);
        fa.field = "a".into();
        let mut fb = feature(vec![1.0], vec![30, 80], 50);
        fb.field = "b".into();
        let fc = Feature {
            field: "c".into(),
            categorical: Some(CategoricalBins {
                groups: vec![
                    CategoryGroup {
                        values: vec!["low".into()],
                        points: 90,
                    },
                    CategoryGroup {
                        values: vec!["high".into()],
                        points: 20,
                    },
                ],
                other_points: 40,
            }),
            numeric: None,
            ..fa.clone()
        };
        let card = Scorecard {
            scaling: Scaling::default(),
            features: vec![fa, fb, fc],
            pd_floor: 0.0003,
        };
        let s = card.score(&frame);
        assert_eq!(
            s.score,
            [100 + 80 + 90, 40 + 80 + 20, 60 + 30 + 60],
            "missing c gets missing_points"
        );
        for row in 0..3 {
            assert_eq!(s.score[row], s.points.iter().map(|p| p[row]).sum::<i32>());
        }
        assert_eq!(s.reasons[0], [u8::MAX; 3], "a perfect row has no reasons");
        assert_eq!(s.reasons[1], [2, 0, u8::MAX], "c lost 70, a lost 60");
        assert_eq!(s.reasons[2], [1, 0, 2], "b lost 50, a 40, c 30");
        assert!(s.pd[1] > s.pd[0]);
        for row in 0..3 {
            assert_eq!(s.pd[row].to_bits(), card.pd(s.score[row]).to_bits());
        }
    }

    #[test]
    fn column_rules_equal_the_row_rules_on_random_cards() {
        let mut rng = crate::rng::SeededRng::new(11);
        for _ in 0..200 {
            let k = rng.below(6) as usize;
            let mut cuts: Vec<f64> = (0..k).map(|_| rng.below(20) as f64 / 4.0).collect();
            cuts.sort_by(f64::total_cmp);
            cuts.dedup();
            // Sometimes fewer points than bins (a malformed card): those bins score as missing.
            let bins = cuts.len() + 1 - rng.below(2) as usize;
            let points = (0..bins).map(|_| rng.below(100) as i32 - 20).collect();
            let mut f = feature(cuts, points, rng.below(50) as i32);
            if rng.below(4) == 0 {
                f.special = Some(vec![SpecialBin {
                    values: vec![2.0],
                    points: 7,
                }]);
            }
            let values: Vec<f64> = (0..300)
                .map(|_| match rng.below(12) {
                    0 => f64::NAN,
                    1 => f64::INFINITY,
                    2 => f64::NEG_INFINITY,
                    _ => rng.below(24) as f64 / 4.0 - 0.5,
                })
                .collect();
            let column = f.points_for_numbers(&values);
            for (x, p) in values.iter().zip(column) {
                assert_eq!(p, f.points_for_number(*x), "{x} in {f:?}");
            }
        }
        // Top reasons: the three biggest positive losses, earlier feature first on ties.
        for _ in 0..2000 {
            let features = rng.below(8) as usize;
            let max_points: Vec<i32> = (0..features).map(|_| rng.below(5) as i32 * 10).collect();
            let points: Vec<Vec<i32>> = max_points
                .iter()
                .map(|&m| vec![m - rng.below(4) as i32 * 10])
                .collect();
            let mut losses: Vec<(i32, u8)> = (0..features)
                .map(|f| (max_points[f] - points[f][0], f as u8))
                .filter(|(loss, _)| *loss > 0)
                .collect();
            losses.sort_by_key(|&(loss, f)| (-loss, f));
            let mut want = [u8::MAX; 3];
            for (slot, (_, f)) in want.iter_mut().zip(losses) {
                *slot = f;
            }
            assert_eq!(
                top_reasons(&points, &max_points, 0),
                want,
                "{points:?} {max_points:?}"
            );
        }
    }

    #[test]
    fn pds_from_the_lookup_equal_each_score_computed_alone() {
        let card = Scorecard {
            scaling: Scaling::default(),
            features: vec![],
            pd_floor: 0.0003,
        };
        let narrow: Vec<i32> = (0..5000).map(|i| 300 + (i * 7919) % 601).collect();
        let wide = [i32::MIN, -5, 0, 612, i32::MAX];
        for scores in [&narrow[..], &wide[..], &[]] {
            let pds = card.pds(scores);
            assert_eq!(pds.len(), scores.len());
            for (pd, &s) in pds.iter().zip(scores) {
                assert_eq!(pd.to_bits(), card.pd(s).to_bits(), "score {s}");
            }
        }
    }
}
