// A plain webpack 5 production config: nothing lendseg-specific (wasm and workers are found
// through `new URL(…, import.meta.url)`; top-level await is on by default).
export default {
  mode: 'production',
  entry: '../bundle/main.js',
  output: { path: new URL('./dist', import.meta.url).pathname, publicPath: 'auto', clean: true },
  performance: { hints: false },
};
