// @sentry/react, errors only: init + ErrorBoundary (its own size-limit entry for React).
import { init, ErrorBoundary, captureException, addBreadcrumb, flush } from '@sentry/react';

export const NAME = 'sentry-errors';
export function start(dsn) {
  init({ dsn });
}
export function settled() {
  return Promise.resolve();
}
export { ErrorBoundary, captureException, addBreadcrumb, flush };
