// Calls a user's callback prop; if it throws, says so once on the console instead of breaking
// the component that called it. Must not be used for our own code paths.

/** Calls `fn(...args)` when `fn` is a function; a throw becomes one `[faultline]` warning. */
export function safely(name, fn, args) {
  if (typeof fn !== 'function') return;
  try {
    fn.apply(undefined, args);
  } catch (e) {
    try {
      console.warn('[faultline] ErrorBoundary ' + name + ' threw:', e);
    } catch (x) {}
  }
}
