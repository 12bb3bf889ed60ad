// What the bench runner calls in the page (window.__bench). Identical for every variant;
// it only ever goes through the adapter in src/sdk/.

/** Throws at depth 20 so every error has the same stack of 20 frames, with a distinct message. */
function deep(n, i) {
  if (n <= 1) throw new Error('bench error ' + i);
  return deep(n - 1, i) + 1;
}

function makeError(i) {
  try {
    deep(20, i);
  } catch (e) {
    return e;
  }
}

export function installDriver(sdk) {
  window.__bench = {
    name: sdk.NAME,
    settled: () => sdk.settled(),
    /** Captures `n` distinct errors; resolves to each call's synchronous duration in ms. */
    burst(n) {
      Error.stackTraceLimit = 20;
      const errors = [];
      for (let i = 0; i < n; i++) errors.push(makeError(i));
      const times = new Float64Array(n);
      const t0 = performance.now();
      for (let i = 0; i < n; i++) {
        const s = performance.now();
        sdk.captureException(errors[i]);
        times[i] = performance.now() - s;
      }
      return { times: Array.from(times), total: performance.now() - t0, frames: errors[0].stack.split('\n').length - 1 };
    },
    /**
     * Captures `n` errors one at a time, each after the previous one was delivered: the cost of
     * a capture on a quiet page (the burst's later calls find the request slots taken).
     */
    async single(n) {
      Error.stackTraceLimit = 20;
      const times = [];
      for (let i = 0; i < n; i++) {
        const e = makeError(i);
        const s = performance.now();
        sdk.captureException(e);
        times.push(performance.now() - s);
        await sdk.flush(5000);
      }
      return times;
    },
    /**
     * 10,000 breadcrumbs then 10,000 captures, in chunks so the page stays responsive. Resolves
     * to the Wasm memory bytes (bench/common.mjs's probe) after the breadcrumbs and each chunk.
     */
    async load(n) {
      Error.stackTraceLimit = 20;
      const wasm = () => (window.__wasmMemories || []).reduce((b, m) => b + m.buffer.byteLength, 0);
      const seen = [];
      for (let i = 0; i < n; i++) sdk.addBreadcrumb({ category: 'bench', message: 'crumb ' + i, level: 'info' });
      seen.push(wasm());
      for (let i = 0; i < n; i += 500) {
        for (let j = i; j < i + 500 && j < n; j++) sdk.captureException(makeError(j));
        await new Promise((r) => setTimeout(r, 0));
        seen.push(wasm());
      }
      return seen;
    },
    flush: (ms) => sdk.flush(ms),
  };
}
