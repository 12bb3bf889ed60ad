import { defineConfig } from 'vite';

// No Wasm plugin: faultline loads its .wasm through `new URL(..., import.meta.url)`, which
// Vite understands on its own.
export default defineConfig({
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 5173 },
  build: { sourcemap: true },
});
