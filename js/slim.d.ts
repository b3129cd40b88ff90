// `lendseg/slim`: the same API; nothing loads until `init(input)`.
export * from './api.js';
export * from './engine.js';

/** Where the wasm comes from: a URL, a Response (or a promise of one), the bytes, or a compiled module. */
export type InitInput = string | URL | Request | Response | BufferSource | WebAssembly.Module;

/** Instantiate the core once (later calls return the same promise). */
export declare function init(input: InitInput | Promise<InitInput>): Promise<void>;
/** Instantiate synchronously from the bytes or a compiled module. */
export declare function initSync(input: BufferSource | WebAssembly.Module): void;
