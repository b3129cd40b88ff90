// `lendseg/element`: <lendseg-panel> and <lendseg-badge>.
import type { AsyncLendseg, WorkerBatch } from './worker.js';
import type { RecordResult } from './api.js';

export * from './api.js';
export type { AsyncLendseg, WorkerBatch } from './worker.js';

/** Use this engine (a `LendsegWorker` or a `connectFrame()` connection) for every element. */
export declare function useEngine(api: AsyncLendseg): void;

/** `<lendseg-panel policy lang money-unit rows>`: file → summary, problems, results table. */
export declare class LendsegPanel extends HTMLElement {
  /** The last result, or null. */
  readonly batch: WorkerBatch | null;
  /** Process a file; also fires `lendseg-result` (`detail.batch`) or `lendseg-error`. */
  process(file: Blob | Uint8Array | ArrayBuffer, sheet?: string): Promise<WorkerBatch>;
}

/** `<lendseg-badge policy lang money-unit …fields>`: one customer → grade, segment, action. */
export declare class LendsegBadge extends HTMLElement {
  /** The customer as an object; overrides the attributes while set. */
  record: Record<string, string | number | boolean | null> | null;
  /** The last result, or null. */
  readonly result: RecordResult | null;
}

export interface LendsegResultEvent extends CustomEvent<RecordResult> {}
export interface LendsegPanelResultEvent extends CustomEvent<{ batch: WorkerBatch }> {}
export interface LendsegErrorEvent extends CustomEvent<{ error: Error }> {}

declare global {
  interface HTMLElementTagNameMap {
    'lendseg-panel': LendsegPanel;
    'lendseg-badge': LendsegBadge;
  }
}
