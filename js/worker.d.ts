// `lendseg/worker`: the API off the main thread. Also the shape of `connectFrame()` connections.
import type {
  BuiltinPolicyName, ClusterSettings, ColumnMapping, Evaluation, EvaluateOptions, FileBytes, Issue,
  KMeansOptions, KMeansResult, Migration, Packed, PortfolioClusters, Progress, RecordResult, ResultColumn,
  ResultColumnName, ResultColumns, ResultRow, ScorecardFeatureInfo, SegmentOptions, SegmentProfile,
  TrainOptions, TrainResult,
} from './api.js';

export * from './api.js';

/** Packed strings that crossed a thread: plain `{ text, offsets }`. */
export interface PlainPacked extends Packed {}

/** File contents: bytes, an ArrayBuffer, or a Blob/File (read inside the worker). */
export type FileInput = FileBytes | ArrayBuffer | Blob;

export interface CallOptions {
  /** Abort the call: the worker running it is terminated and replaced for the next call. */
  signal?: AbortSignal;
}

export interface SegmentCallOptions extends CallOptions {
  onProgress?: (progress: Progress) => void;
  /** Move the bytes' buffer to the worker instead of copying it (the caller's buffer is detached). */
  transfer?: boolean;
}

/**
 * A classified file whose engine-side batch lives in a worker (or the iframe page). Columns,
 * names, source rows, mapping, issues, profile and features arrived with it (synchronous); the
 * rest are async calls. After a cancel or panic restarted its worker, the async calls reject.
 */
export declare class WorkerBatch {
  private constructor();
  readonly length: number;
  readonly encoding: string;
  readonly policyName: string;
  columnNames(): ResultColumnName[];
  column<K extends ResultColumnName>(name: K): ResultColumns<PlainPacked>[K];
  column(name: string): ResultColumn<PlainPacked>;
  names(): PlainPacked;
  sourceRows(): Uint32Array;
  mapping(): ColumnMapping[];
  issues(): Issue[];
  profile(): SegmentProfile[];
  features(): ScorecardFeatureInfo[];
  row(index: number): Promise<ResultRow>;
  toCsv(bom?: boolean, excelSafe?: boolean): Promise<Uint8Array>;
  toJsonl(): Promise<Uint8Array>;
  stress(scenario: string): Promise<Migration>;
  cluster(settings?: ClusterSettings | null): Promise<PortfolioClusters>;
  /** Release the engine-side batch; the columns here stay readable. */
  free(): Promise<void>;
}

/** The async lendseg API, as `LendsegWorker` and `connectFrame()` offer it. */
export interface AsyncLendseg {
  segmentFile(bytes: FileInput, options?: SegmentOptions, call?: SegmentCallOptions): Promise<WorkerBatch>;
  segmentRecord(record: Record<string, string | number | boolean | null>, options?: SegmentOptions): Promise<RecordResult>;
  builtinPolicy(name: BuiltinPolicyName): Promise<string>;
  validatePolicy(json: string): Promise<string[]>;
  trainScorecard(bytes: FileInput, options: TrainOptions, call?: CallOptions): Promise<TrainResult>;
  evaluatePolicy(bytes: FileInput, options: EvaluateOptions, baseline?: FileInput | null, call?: CallOptions): Promise<Evaluation>;
  kmeans(data: Float64Array, nFeatures: number, options: KMeansOptions, call?: CallOptions): Promise<KMeansResult>;
  demoData(rows: number, seed: number | bigint, chineseHeaders?: boolean): Promise<string>;
  version(): Promise<string>;
  /** Sheet names of an Excel workbook. */
  sheetNames(bytes: FileInput): Promise<string[]>;
}

export interface WorkerOptions {
  /** The core worker script, when not next to this module (bundlers find the default). */
  workerUrl?: string | URL;
  /** The Excel worker script. */
  xlsxWorkerUrl?: string | URL;
  /** The core wasm. */
  wasmUrl?: string | URL;
  /** The Excel build's wasm. */
  xlsxWasmUrl?: string | URL;
}

/** Every method of {@link AsyncLendseg} (declared once there; merged into the class). */
export interface LendsegWorker extends AsyncLendseg {}
export declare class LendsegWorker {
  constructor(options?: WorkerOptions);
  /** Testing only: makes the core panic in the worker; rejects with `lendseg panicked: …` and the next call gets a fresh worker. */
  __panicForTest(message?: string): Promise<never>;
  /** Stop both workers now; pending calls reject. The next call starts afresh. */
  terminate(): void;
}

export declare function createWorker(options?: WorkerOptions): LendsegWorker;
