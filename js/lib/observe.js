// Observes one kind of performance entry, including those recorded before the call
// (`buffered`). Must never throw: unsupported entry types simply report nothing.

/**
 * Calls `cb(entry)` for each entry of `type`, past and future. `opts` is merged into the
 * observer options (e.g. `durationThreshold`). Returns the observer, or undefined.
 */
export function observe(type, cb, opts) {
  try {
    if (PerformanceObserver.supportedEntryTypes.indexOf(type) < 0) return undefined;
    const po = new PerformanceObserver((list) => {
      // Safari may call back synchronously inside observe(); the try keeps that harmless too.
      try {
        list.getEntries().forEach(cb);
      } catch (e) {}
    });
    po.observe(Object.assign({ type, buffered: true }, opts));
    return po;
  } catch (e) {
    return undefined;
  }
}
