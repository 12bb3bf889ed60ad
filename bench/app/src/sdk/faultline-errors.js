// Faultline, errors only: init + ErrorBoundary, the same surface as sentry-errors.js.
import { init, captureException, addBreadcrumb, flush } from 'faultline';
import { ErrorBoundary } from 'faultline/react';

export const NAME = 'faultline-errors';
export function start(dsn) {
  init({ dsn });
}
/** The Wasm core loads off the critical path; wait for it so its cost is inside the window. */
export function settled() {
  return flush(5000);
}
export { ErrorBoundary, captureException, addBreadcrumb, flush };
