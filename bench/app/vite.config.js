// One app, one build per variant: BENCH_VARIANT picks the SDK adapter in src/sdk/.
// Everything else (React, the app, Vite's production defaults) is the same in every build.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const variant = process.env.BENCH_VARIANT;
if (!variant) throw new Error('set BENCH_VARIANT');
const pkg = process.env.BENCH_PKG;
// BENCH_OUT names the build (default: the variant), so bench/capture.mjs can build one variant
// from several copies of pkg/ side by side.
const out = process.env.BENCH_OUT || variant;

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  logLevel: 'warn',
  base: `/${out}/`,
  resolve: {
    // faultline comes from the runner's copy of pkg/ (BENCH_PKG); react from this app, not from
    // next to that copy.
    dedupe: ['react', 'react-dom'],
    alias: [
      { find: 'bench-sdk', replacement: fileURLToPath(new URL(`./src/sdk/${variant}.js`, import.meta.url)) },
      ...(pkg ? [{ find: /^faultline\/react$/, replacement: pkg + '/react/index.js' }, { find: /^faultline$/, replacement: pkg + '/index.js' }] : []),
    ],
  },
  build: {
    outDir: fileURLToPath(new URL(`../out/dist/${out}`, import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    // Every byte in its own file: the Wasm must not be inlined as base64.
    assetsInlineLimit: 0,
  },
});
