// One app, one build per variant: BENCH_VARIANT picks the SDK adapter in src/sdk/.
// Everything else (React, the app, Vite's production defaults) is the same in every build.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const variant = process.env.BENCH_VARIANT;
if (!variant) throw new Error('set BENCH_VARIANT');

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  logLevel: 'warn',
  base: `/${variant}/`,
  // faultline is linked from ../pkg: resolve react from this app, not next to the link target.
  resolve: { dedupe: ['react', 'react-dom'], alias: { 'bench-sdk': fileURLToPath(new URL(`./src/sdk/${variant}.js`, import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL(`../out/dist/${variant}`, import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    // Every byte in its own file: the Wasm must not be inlined as base64.
    assetsInlineLimit: 0,
  },
});
