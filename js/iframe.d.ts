// `lendseg/iframe`: the host side of the iframe adapter (same API as the worker, async).
import type { AsyncLendseg, CallOptions, FileInput, SegmentCallOptions, WorkerBatch } from './worker.js';
import type {
  BuiltinPolicyName, Evaluation, EvaluateOptions, KMeansOptions, KMeansResult, RecordResult, SegmentOptions,
  TrainOptions, TrainResult,
} from './api.js';

export * from './api.js';
export type { AsyncLendseg, CallOptions, FileInput, PlainPacked, SegmentCallOptions, WorkerBatch } from './worker.js';

export interface FrameOptions {
  /** The frame page's origin, e.g. `'https://lendseg.example.com'`; messages from any other origin are ignored. */
  origin: string;
  /** How long to wait for the frame to answer before calls reject (ms, default 15000). */
  timeout?: number;
}

export declare class LendsegFrame implements AsyncLendseg {
  private constructor();
  /** Resolves once the frame has answered. */
  readonly ready: Promise<void>;
  segmentFile(bytes: FileInput, options?: SegmentOptions, call?: SegmentCallOptions): Promise<WorkerBatch>;
  segmentRecord(record: Record<string, string | number | boolean | null>, options?: SegmentOptions): Promise<RecordResult>;
  builtinPolicy(name: BuiltinPolicyName): Promise<string>;
  validatePolicy(json: string): Promise<string[]>;
  trainScorecard(bytes: FileInput, options: TrainOptions, call?: CallOptions): Promise<TrainResult>;
  evaluatePolicy(bytes: FileInput, options: EvaluateOptions, baseline?: FileInput | null, call?: CallOptions): Promise<Evaluation>;
  kmeans(data: Float64Array, nFeatures: number, options: KMeansOptions, call?: CallOptions): Promise<KMeansResult>;
  demoData(rows: number, seed: number | bigint, chineseHeaders?: boolean): Promise<string>;
  version(): Promise<string>;
  sheetNames(bytes: FileInput): Promise<string[]>;
  /** Stop listening; pending calls reject. */
  close(): void;
}

/** Connect to `frame.html?origin=<this page's origin>` served from `options.origin`. */
export declare function connectFrame(iframe: HTMLIFrameElement, options: FrameOptions): LendsegFrame;
