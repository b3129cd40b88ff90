// Vite serves and bundles the page in www/; the wasm package in pkg/ is imported directly
// (wasm-bindgen --target web output needs no plugin).
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'www',
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', assetsInlineLimit: 0 },
  server: { host: '127.0.0.1', port: 8080, strictPort: true, fs: { allow: ['..'] } },
  preview: { host: '127.0.0.1', port: 8080, strictPort: true },
});
