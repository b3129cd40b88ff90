// `lendseg/iframe`: the host side of the iframe adapter (same API as the worker, async).
import type { AsyncLendseg } from './worker.js';

export * from './api.js';
export type { AsyncLendseg, CallOptions, FileInput, PlainPacked, SegmentCallOptions, WorkerBatch } from './worker.js';

export interface FrameOptions {
  /** The frame page's origin, e.g. `'https://lendseg.example.com'`; messages from any other origin are ignored. */
  origin: string;
  /** How long to wait for the frame to answer before calls reject (ms, default 15000). */
  timeout?: number;
}

/** Every method of {@link AsyncLendseg} (declared once there; merged into the class). */
export interface LendsegFrame extends AsyncLendseg {}
export declare class LendsegFrame {
  private constructor();
  /** Resolves once the frame has answered. */
  readonly ready: Promise<void>;
  /** Stop listening; pending calls reject. */
  close(): void;
}

/** Connect to `frame.html?origin=<this page's origin>` served from `options.origin`. */
export declare function connectFrame(iframe: HTMLIFrameElement, options: FrameOptions): LendsegFrame;
