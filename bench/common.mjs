// What bench/run.mjs and bench/capture.mjs measure the same way: the sink that answers
// envelopes, the heap and Wasm memory readings, the median, and the headers that make a page
// cross-origin isolated.

import { createServer } from 'node:http';

export const median = (xs) => quantile(xs, 0.5);

/** The `q` quantile of `xs` (0.5: the median), interpolated between neighbours; NaN when empty. */
export function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (i - lo);
}

/**
 * Median, interquartile range and the mean of the middle half of `xs`: what a bench reports
 * for a figure a busy machine scatters (the median alone hides how far apart runs are).
 */
export function spread(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.slice(Math.floor(s.length / 4), s.length - Math.floor(s.length / 4));
  return { median: median(s), p25: quantile(s, 0.25), p75: quantile(s, 0.75), trimmed: mid.reduce((a, b) => a + b, 0) / mid.length, n: s.length };
}

/** A sink for envelopes: answers every one 200 without parsing it, and counts. */
export async function startSink() {
  let count = 0;
  const server = createServer((req, res) => {
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'POST' };
    if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
    req.resume();
    req.on('end', () => {
      count++;
      res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { dsn: `http://0a1b2c3d4e5f40718293a4b5c6d7e8f9@127.0.0.1:${server.address().port}/1`, count: () => count, close: () => server.close() };
}

/** Cross-origin isolation gives performance.now() 5 µs resolution instead of 100 µs. */
export const isolated = () => ({ 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' });

/** JS heap plus array-buffer backing stores, after two forced collections. */
export async function heapBytes(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const h = await cdp.send('Runtime.getHeapUsage');
  return h.usedSize + (h.backingStorageSize || 0);
}

/**
 * An init script for every page of every variant: records the memory of each Wasm instance the
 * page creates, since `Runtime.getHeapUsage` does not count Wasm linear memory. Pages without
 * Wasm (the floor, @sentry/react) only get the two wrapped functions, unused.
 */
export const wasmMemoryProbe = () => {
  const memories = (window.__wasmMemories = []);
  const keep = (r) => {
    const exports = (r.instance || r).exports || {};
    for (const v of Object.values(exports)) if (v instanceof WebAssembly.Memory) memories.push(v);
    return r;
  };
  const { instantiate, instantiateStreaming } = WebAssembly;
  WebAssembly.instantiate = (...a) => instantiate.apply(WebAssembly, a).then(keep);
  WebAssembly.instantiateStreaming = (...a) => instantiateStreaming.apply(WebAssembly, a).then(keep);
};

/** Bytes of Wasm linear memory the page's instances hold now (0 for a page without Wasm). */
export const wasmBytes = (page) => page.evaluate(() => (window.__wasmMemories || []).reduce((n, m) => n + m.buffer.byteLength, 0));
