//! The few training settings a user chooses (target, labels, exclusions, IV screen, bins, manual
//! cut points), in one serde type shared by the CLI and the JS API, and `train_policy`: file bytes
//! in, a validated policy and the full report out.

use super::{TableSpec, TrainInput, TrainOptions, TrainReport, adopt, fit};
use crate::policy::Policy;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TrainSettings {
    /// The label column: 0/1, or two labels with `bad_value`.
    pub target: String,
    #[serde(default)]
    pub bad_value: Option<String>,
    /// Columns never used as features.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Variables below this information value are dropped (default 0.02).
    #[serde(default)]
    pub min_iv: Option<f64>,
    #[serde(default)]
    pub max_bins: Option<usize>,
    #[serde(default)]
    pub min_bin_share: Option<f64>,
    /// Manual cut points per column, used as given.
    #[serde(default)]
    pub cuts: BTreeMap<String, Vec<f64>>,
}

impl TrainSettings {
    pub fn spec(&self) -> TableSpec {
        TableSpec {
            target: self.target.clone(),
            bad_value: self.bad_value.clone(),
            exclude: self.exclude.clone(),
        }
    }

    pub fn options(&self) -> TrainOptions {
        let mut o = TrainOptions::default();
        if let Some(v) = self.min_iv {
            o.screening.min_iv = v;
        }
        if let Some(v) = self.max_bins {
            o.binning.max_bins = v;
        }
        if let Some(v) = self.min_bin_share {
            o.binning.min_bin_share = v;
        }
        o.binning.manual_cuts = self.cuts.clone();
        o
    }
}

/// What training produced: the policy to adopt, the report, and the reader's warnings.
pub struct Trained {
    pub policy: Policy,
    pub report: TrainReport,
    pub warnings: Vec<String>,
}

/// Read a labelled file, fit a scorecard and put it into `base`.
pub fn train_policy(
    bytes: &[u8],
    settings: &TrainSettings,
    base: &Policy,
) -> Result<Trained, String> {
    let (header, rows) = adopt::read_table(bytes).map_err(|e| e.to_string())?;
    let table =
        TrainInput::from_table(&header, &rows, &settings.spec()).map_err(|e| e.to_string())?;
    let report = fit(&table.input, &settings.options()).map_err(|e| e.to_string())?;
    let policy = adopt::adopt(&report.scorecard, base).map_err(|e| e.to_string())?;
    Ok(Trained {
        policy,
        report,
        warnings: table.warnings,
    })
}
