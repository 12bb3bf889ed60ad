// Calls a user's callback prop; if it throws, says so once on the console instead of breaking
// the component that called it. Must not be used for our own code paths.

import { warn } from '../lib/warn.js';

/** Calls `props[name](...args)` when it is a function; a throw becomes one `[faultline]` warning. */
export function safely(props, name, args) {
  try {
    const fn = props[name];
    if (typeof fn === 'function') fn.apply(undefined, args);
  } catch (e) {
    warn('ErrorBoundary ' + name + ' threw:', e);
  }
}
