// The synchronous API of an instantiated core (the default entry, and `lendseg/slim` after
// `init()`): the wasm-bindgen exports with their real types instead of `any`.
import type {
  ClusterSettings, ColumnMapping, Evaluation, EvaluateOptions, FileBytes, Issue, KMeansOptions,
  KMeansResult, Migration, Packed, PortfolioClusters, ProgressStage, RecordResult, ResultColumn,
  ResultColumnName, ResultColumns, ResultRow, ScorecardFeatureInfo, SegmentOptions, SegmentProfile,
  TrainOptions, TrainResult, BuiltinPolicyName,
} from './api.js';

/** Packed strings held in wasm memory; `free()` when done (the text and offsets are copies). */
export declare class PackedStrings implements Packed {
  private constructor();
  readonly text: string;
  readonly offsets: Uint32Array;
  free(): void;
  [Symbol.dispose](): void;
}

/** A classified file, held in wasm memory until `free()`. */
export declare class Batch {
  private constructor();
  readonly length: number;
  /** The encoding the file was read as (`UTF-8`, `GBK`, …). */
  readonly encoding: string;
  readonly policyName: string;
  columnNames(): ResultColumnName[];
  column<K extends ResultColumnName>(name: K): ResultColumns<PackedStrings>[K];
  column(name: string): ResultColumn<PackedStrings>;
  names(): PackedStrings;
  sourceRows(): Uint32Array;
  row(index: number): ResultRow;
  features(): ScorecardFeatureInfo[];
  mapping(): ColumnMapping[];
  issues(): Issue[];
  profile(): SegmentProfile[];
  stress(scenario: string): Migration;
  cluster(settings?: ClusterSettings | null): PortfolioClusters;
  /** CSV bytes identical to `lendseg segment [--bom] [--excel-safe]`. */
  toCsv(bom: boolean, excelSafe: boolean): Uint8Array;
  /** JSON Lines bytes identical to `lendseg segment --format jsonl`. */
  toJsonl(): Uint8Array;
  free(): void;
  [Symbol.dispose](): void;
}

/** Called as `onProgress(stage, done, total)` while a file is processed. */
export type ProgressCallback = (stage: ProgressStage, done: number, total: number, rows: number) => void;

/** Classify, score and segment a whole file (CSV/TSV; UTF-8, UTF-8 BOM, UTF-16 BOM or GBK). */
export declare function segmentFile(bytes: FileBytes, options?: SegmentOptions | null, onProgress?: ProgressCallback): Batch;
/** One customer (field names or aliases as keys) through the same path as a file row. */
export declare function segmentRecord(record: Record<string, string | number | boolean | null>, options?: SegmentOptions | null): RecordResult;
/** A built-in policy as JSON text. */
export declare function builtinPolicy(name: BuiltinPolicyName): string;
/** Every problem of a policy (JSON text) as `path: reason`; empty when valid. */
export declare function validatePolicy(json: string): string[];
/** Fit a scorecard on a labelled file and put it into a policy. */
export declare function trainScorecard(bytes: FileBytes, options: TrainOptions): TrainResult;
/** Measure a policy on a labelled file; with `baseline`, also PSI/CSI against it. */
export declare function evaluatePolicy(bytes: FileBytes, options: EvaluateOptions, baseline?: FileBytes | null): Evaluation;
/** Plain k-means on a row-major matrix. */
export declare function kmeans(data: Float64Array, nFeatures: number, options: KMeansOptions): KMeansResult;
/** A synthetic customer file (CSV text), deterministic for a seed. */
export declare function demoData(rows: number, seed: bigint, chineseHeaders: boolean): string;
/** The core's version. */
export declare function version(): string;
/** Whether this build reads Excel workbooks (false for the core build). */
export declare function readsWorkbooks(): boolean;

