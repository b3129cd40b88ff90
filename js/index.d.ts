// `lendseg`: the default entry. Importing it instantiates the core (top-level await), so every
// function is ready to call.
export * from './api.js';
export * from './engine.js';
