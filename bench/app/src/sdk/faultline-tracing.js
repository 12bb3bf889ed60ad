// Faultline with browser tracing, the same surface as sentry-tracing.js.
import { init, captureException, addBreadcrumb, flush, browserTracingIntegration } from 'faultline';
import { ErrorBoundary } from 'faultline/react';

export const NAME = 'faultline-tracing';
export function start(dsn) {
  init({ dsn, integrations: [browserTracingIntegration()], tracesSampleRate: 1 });
}
/** The Wasm core loads off the critical path; wait for it so its cost is inside the window. */
export function settled() {
  return flush(5000);
}
export { ErrorBoundary, captureException, addBreadcrumb, flush };
