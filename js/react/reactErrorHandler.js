// reactErrorHandler: the React 19 root hooks (`createRoot(el, { onUncaughtError,
// onCaughtError, onRecoverableError })`) report what they receive, once.
//
// An error a faultline ErrorBoundary caught is reported by that boundary (with its props'
// mechanism, scope and `handled`); React calls `onCaughtError` for it too, so it is skipped here.

import { captureReactException } from './capture.js';
import { ErrorBoundary } from './ErrorBoundary.js';

/**
 * Returns `(error, errorInfo) => void` for a root option. Reports with mechanism
 * `auto.function.react.error_handler`, `handled` when a `callback` is given; the callback then
 * receives `(error, errorInfo, eventId)`.
 */
export function reactErrorHandler(callback) {
  return (error, errorInfo) => {
    let boundary;
    try {
      boundary = errorInfo && errorInfo.errorBoundary;
    } catch (e) {}
    if (boundary instanceof ErrorBoundary) {
      // React calls the boundary's componentDidCatch right after this; pass on its event id.
      if (callback) Promise.resolve().then(() => callback(error, errorInfo, boundary._eventId));
      return;
    }
    const eventId = captureReactException(error, errorInfo, {
      mechanism: { type: 'auto.function.react.error_handler', handled: !!callback },
    });
    if (callback) callback(error, errorInfo, eventId);
  };
}
