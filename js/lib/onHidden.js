// Calls back when the page is hidden or being unloaded: the last moment to send or persist.
// Must not delay unload (no sync XHR, no long loops) and must never throw.

/** Runs `cb` on `visibilitychange` to hidden and on `pagehide` (both may fire; `cb` is idempotent). */
export function onHidden(cb) {
  const run = (ev) => {
    try {
      if (ev.type === 'pagehide' || document.visibilityState === 'hidden') cb();
    } catch (e) {}
  };
  try {
    addEventListener('visibilitychange', run, true);
    addEventListener('pagehide', run, true);
  } catch (e) {}
}
