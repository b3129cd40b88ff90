// The types shared by every lendseg entry: options, result columns, rows, issues, profile,
// progress, training, evaluation and clustering. Hand-written against the Rust types in src/
// (the policy document itself is generated from the Rust schema into policy.d.ts) and checked
// by `tsc --noEmit` against the real API in tests/pkg/types/.

import type { PolicyDocument } from './policy.js';

export type { PolicyDocument } from './policy.js';
export type * as Policy from './policy.js';

/** The built-in policies. */
export type BuiltinPolicyName = 'enterprise' | 'individual';

/** A policy: a built-in name, a policy object, or its JSON text. */
export type PolicyInput = BuiltinPolicyName | PolicyDocument | string;

export type MoneyUnit = 'yuan' | 'wan';
export type Lang = 'zh' | 'en';

/** A field of the policy (`employees`, `revenue`, `industry`, …) or its Chinese/English alias. */
export type FieldName = string;

/** File bytes as accepted by every function that reads a file. */
export type FileBytes = Uint8Array;

/** Options of `segmentFile` and `segmentRecord`. Unknown keys are rejected. */
export interface SegmentOptions {
  /** Default `'enterprise'`. */
  policy?: PolicyInput;
  /** The unit of money columns whose header names none. Default `'yuan'`. */
  moneyUnit?: MoneyUnit;
  /** Header → field, applied before automatic matching (e.g. `{ '客户号': 'id' }`). */
  columnMap?: Record<string, FieldName>;
  /** Language of segment names and actions in the results. Default `'zh'`. */
  lang?: Lang;
  /** The day used for ages and recency, `YYYY-MM-DD`. Default: today. */
  today?: string;
  /** The sheet of a workbook (Excel build only). Default: the first. */
  sheet?: string;
}

/** One stage of `segmentFile`: `read` counts bytes of the file, `classify` counts the engine's steps (each covers every row). */
export type ProgressStage = 'read' | 'classify';

/** A progress event: while reading about every 65,536 rows, then after each engine step; each stage ends with `done === total`. */
export interface Progress {
  stage: ProgressStage;
  done: number;
  total: number;
  /** Rows read so far while reading; the rows being classified while classifying. */
  rows: number;
}

/** Strings packed as one string plus `n + 1` UTF-16 offsets: value i is `text.slice(offsets[i], offsets[i + 1])`. */
export interface Packed {
  readonly text: string;
  readonly offsets: Uint32Array;
}

/** A text column: one string per row. */
export interface TextColumn<P extends Packed = Packed> {
  kind: 'text';
  values: P;
}
/** A number column; `NaN` = empty. */
export interface NumColumn {
  kind: 'num';
  values: Float64Array;
}
/** An integer column; `-2147483648` (−2³¹) = empty. */
export interface IntColumn {
  kind: 'int';
  values: Int32Array;
}
/** A category column: `keys[codes[i]]` is row i's key; code 0 (key `''`) = empty. */
export interface CatColumn {
  kind: 'cat';
  codes: Uint32Array;
  keys: string[];
}
export type ResultColumn<P extends Packed = Packed> = TextColumn<P> | NumColumn | IntColumn | CatColumn;
export type ColumnKind = ResultColumn['kind'];

/**
 * The result columns and their kinds. Which are present depends on the policy (enterprise
 * policies have the size class and ratios, individual ones do not; `cluster` needs a saved
 * cluster model); `columnNames()` lists those of a batch, in output order.
 */
export interface ResultColumns<P extends Packed = Packed> {
  id: TextColumn<P>;
  size_class: CatColumn;
  size_reason: CatColumn;
  /** The SME standard's industry category (key), from the industry code or name. */
  industry: CatColumn;
  debt_ratio: NumColumn;
  current_ratio: NumColumn;
  net_margin: NumColumn;
  receivable_turnover: NumColumn;
  revenue_growth: NumColumn;
  cash_flow_coverage: NumColumn;
  overdue_receivable_share: NumColumn;
  score: IntColumn;
  pd: NumColumn;
  grade: CatColumn;
  reason_1: CatColumn;
  reason_2: CatColumn;
  reason_3: CatColumn;
  recency_days: NumColumn;
  frequency: NumColumn;
  monetary: NumColumn;
  r_score: NumColumn;
  f_score: NumColumn;
  m_score: NumColumn;
  rfm_segment: CatColumn;
  warnings: CatColumn;
  risk_tier: CatColumn;
  value_tier: CatColumn;
  lifecycle: CatColumn;
  ead: NumColumn;
  lgd: NumColumn;
  el: NumColumn;
  cluster: IntColumn;
  segment: CatColumn;
  segment_name: CatColumn;
  action_product: CatColumn;
  action_service: CatColumn;
  review: CatColumn;
  rate_adjustment_bp: IntColumn;
}
export type ResultColumnName = keyof ResultColumns;

/** A cell of a row object: text columns give a string, the others a value or `null` when empty. */
type CellOf<C> = C extends TextColumn ? string : C extends CatColumn ? string | null : number | null;

/** A reason code with its texts and the points it cost. */
export interface Reason {
  code: string;
  zh: string;
  en: string;
  points_lost: number;
}

/** Everything about one customer, as `row(i)` and `segmentRecord` give it (and `--format jsonl` writes). */
export type ResultRow = { [K in ResultColumnName]?: CellOf<ResultColumns[K]> } & {
  /** Spreadsheet row number (header = 1). */
  row: number;
  id: string;
  score: number | null;
  grade: string | null;
  segment: string | null;
  /** Points per scorecard feature. */
  breakdown: Record<string, number>;
  /** Up to three reasons, largest loss first. */
  reasons: Reason[];
};

export type Severity = 'warning' | 'error';

/** One problem in the input, located as a person would look for it. */
export interface Issue {
  /** Spreadsheet row (header = 1); `null` for the whole file. */
  row: number | null;
  /** The column's header as written in the file. */
  column: string | null;
  /** Stable code for filtering and translation, e.g. `not_a_number`, `empty_file`, `missing_column`. */
  code: string;
  message: string;
  severity: Severity;
}

/** `segmentRecord`'s answer: the row object plus the problems of that record. */
export type RecordResult = ResultRow & { issues: Issue[] };

/** How one header of the file was understood. */
export interface ColumnMapping {
  header: string;
  /** Zero-based position in the file. */
  index: number;
  /** The field it feeds, or `null` when unused. */
  field: string | null;
  confidence: number;
  /** The money unit applied to this column, when it is money. */
  unit: MoneyUnit | null;
}

/** One segment of the portfolio, with the quality check. `null` = no value (e.g. no rows). */
export interface SegmentProfile {
  segment: string;
  zh: string;
  en: string;
  count: number;
  share: number;
  mean_pd: number | null;
  total_ead: number;
  total_el: number;
  median_score: number | null;
  median_revenue: number | null;
  median_debt_ratio: number | null;
  /** `''` when the segment passes the policy's quality limits, else why not. */
  quality: '' | 'empty' | 'too_small' | 'too_large';
}

/** A bilingual text. */
export interface Text {
  zh: string;
  en: string;
}

/** A scorecard feature as the batch describes it. */
export interface ScorecardFeatureInfo {
  field: string;
  label: Text;
  reason: Text;
  max_points: number;
}

/** Grade migration under a stress scenario: `counts[base][stressed]`. */
export interface Migration {
  scenario: string;
  /** Grade keys, best first, the default grade last. */
  grades: string[];
  counts: number[][];
  downgraded: number;
  upgraded: number;
  unchanged: number;
  mean_pd_base: number;
  mean_pd_stressed: number;
  total_el_base: number;
  total_el_stressed: number;
}

/** Settings of `cluster()`. */
export interface ClusterSettings {
  /** Number of clusters (default 5); ignored when `kRange` is given. */
  k?: number;
  /** Try every k in `[lo, hi]` and pick by silhouette. */
  kRange?: [number, number];
  /** Feature columns (inputs or derived ratios); default: the policy's key ratios and size figures the file has. */
  features?: string[];
  seed?: number;
  nInit?: number;
  /** Median/IQR scaling instead of z-scores. */
  robust?: boolean;
  miniBatch?: boolean;
  /** Rows sampled for silhouettes and the PCA scatter (default 2000). */
  sample?: number;
}

export type FeatureSource =
  | { Numeric: { column: string; index: number; log: boolean } }
  | { OneHot: { column: string; index: number; level: string } };

export interface FeatureScaling {
  name: string;
  source: FeatureSource;
  fill: number;
  centre: number;
  scale: number;
}

/** The fitted transform from input columns to model features. */
export interface Scaler {
  scaling: 'ZScore' | 'Robust';
  numeric_columns: string[];
  categorical_columns: string[];
  features: FeatureScaling[];
}

/** A k-means model to save into a policy's `clusters`. */
export interface ClusterModel {
  scaler: Scaler;
  k: number;
  /** Row-major `k × features`, in model (scaled) space. */
  centroids: number[];
}

export interface FeatureProfile {
  feature: string;
  mean_scaled: number;
  centre_original: number;
  std_diff: number;
}

export interface ClusterProfile {
  cluster: number;
  size: number;
  share: number;
  features: FeatureProfile[];
  description_en: string;
  description_zh: string;
  default_rate: number | null;
  n_with_outcome: number;
  n_defaults: number;
}

export interface KCandidate {
  k: number;
  inertia: number;
  silhouette: number | null;
  n_iter: number;
}

export interface KSelection {
  candidates: KCandidate[];
  recommended_k: number | null;
  sample_rows: number;
  stopped_at_distinct_rows: number | null;
}

export type PrepWarning =
  | { ZeroVarianceDropped: { feature: string } }
  | { AllMissingDropped: { column: string } };

export interface PcaProjection {
  rows: number[];
  coords: Array<[number, number]>;
  components: [number[], number[]];
  explained_variance: [number, number];
  explained_variance_ratio: [number, number];
  mean: number[];
}

/** What `cluster()` gives. */
export interface PortfolioClusters {
  features: string[];
  k: number;
  inertia: number;
  sizes: number[];
  imputed: Array<{ column: string; count: number }>;
  warnings: PrepWarning[];
  selection: KSelection | null;
  profiles: { clusters: ClusterProfile[]; portfolio_default_rate: number | null };
  /** Cluster × rule-based segment counts: `counts[cluster][column]`. */
  segments: { columns: string[]; counts: number[][] };
  pca: PcaProjection;
  model: ClusterModel;
  /** Cluster of every row (0-based). */
  labels: Uint32Array;
}

/** Options of plain `kmeans()`. */
export interface KMeansOptions {
  k: number;
  nInit?: number;
  maxIter?: number;
  tol?: number;
  seed?: number | bigint;
  miniBatch?: boolean;
}

export interface KMeansResult {
  /** Row-major `k × nFeatures`. */
  centroids: Float64Array;
  labels: Uint32Array;
  inertia: number;
  nIter: number;
  converged: boolean;
}

/** Options of `trainScorecard`. */
export interface TrainOptions {
  /** The label column: 0/1, or two labels with `badValue`. */
  target: string;
  badValue?: string;
  /** Columns never used as features. */
  exclude?: string[];
  /** Variables below this information value are dropped (default 0.02). */
  minIv?: number;
  maxBins?: number;
  minBinShare?: number;
  /** Manual cut points per column. */
  cuts?: Record<string, number[]>;
  /** The policy the scorecard goes into (default `'enterprise'`). */
  basePolicy?: PolicyInput;
}

export interface BinRow {
  label: string;
  kind: 'regular' | 'special' | 'missing';
  count: number;
  share: number;
  non_events: number;
  events: number;
  event_rate: number;
  woe: number;
  iv: number;
}

export interface BinningTable {
  variable: string;
  kind: 'numeric' | 'categorical';
  method: 'ascending' | 'descending' | 'free' | 'categorical' | 'manual';
  rows: BinRow[];
  total_count: number;
  total_non_events: number;
  total_events: number;
  event_rate: number;
  iv: number;
}

export interface DroppedVariable {
  name: string;
  /** The machine-readable reason. */
  reason:
    | { code: 'all_missing' | 'constant' | 'single_level' }
    | { code: 'low_iv'; iv: number; min_iv: number }
    | { code: 'correlated'; with: string; r: number }
    | { code: 'too_many_features'; max_features: number }
    | { code: 'wrong_sign'; coefficient: number };
  /** The reason as a sentence. */
  message: string;
}

export interface GainsRow {
  group: number;
  score_min: number;
  score_max: number;
  count: number;
  bads: number;
  bad_rate: number;
  cum_bads: number;
  cum_bad_capture: number;
  lift: number;
  cum_lift: number;
}

export interface CalibrationRow {
  group: number;
  count: number;
  predicted_bad_rate: number;
  observed_bad_rate: number;
}

/** Discrimination and calibration of integer scores. */
export interface ScoreMetrics {
  n: number;
  bads: number;
  bad_rate: number;
  auc: number;
  gini: number;
  ks: number;
  gains: GainsRow[];
  calibration: CalibrationRow[];
}

export interface ScalingParams {
  points0: number;
  odds0: number;
  pdo: number;
}

export interface FittedScorecardFeature {
  field: string;
  label: Text;
  numeric?: { cuts: number[]; points: number[]; special?: Array<{ values: number[]; points: number }> };
  categorical?: { groups: Array<{ values: string[]; points: number }>; other_points: number };
  missing_points: number;
}

export interface TrainReport {
  scorecard: { scaling: ScalingParams; features: FittedScorecardFeature[] };
  binning_tables: BinningTable[];
  dropped: DroppedVariable[];
  coefficients: {
    intercept: number;
    features: Array<{ name: string; coefficient: number; iv: number }>;
    iterations: number;
    converged: boolean;
    l2: number;
    log_likelihood: number;
  };
  train_metrics: ScoreMetrics;
  warnings: string[];
}

/** What `trainScorecard` gives: the policy (JSON text) with the fitted scorecard, and the report. */
export interface TrainResult {
  policy: string;
  report: TrainReport;
  /** Problems the reader found in the file. */
  warnings: string[];
}

/** Options of `evaluatePolicy`. */
export interface EvaluateOptions {
  policy?: PolicyInput;
  target: string;
  badValue?: string;
}

export type TrafficLight = 'green' | 'amber' | 'red';

export interface PsiBin {
  label: string;
  expected_share: number;
  actual_share: number;
  contribution: number;
}

export interface PsiReport {
  psi: number;
  light: TrafficLight;
  bins: PsiBin[];
}

export interface GradeCalibration {
  grade: string;
  count: number;
  bads: number;
  mean_pd: number;
  observed_bad_rate: number;
}

export interface Evaluation {
  metrics: ScoreMetrics;
  by_grade: GradeCalibration[];
  unlabelled_rows: number;
  /** With a baseline file: stability of the scores. */
  score_psi?: PsiReport;
  /** With a baseline file: stability of each feature's points. */
  feature_csi?: Array<{ field: string; csi: PsiReport }>;
}
