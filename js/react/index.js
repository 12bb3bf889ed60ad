// faultline/react: everything `faultline` exports, plus the React error boundary, its HOC,
// the React 19 root error handlers, React Router tracing and the component profiler.
// Importing it touches no `window` (safe for SSR) and runs nothing; `init` here only names the
// SDK as the React one and records React's version.

import { version } from 'react';
import { _setSdkName, init as initBrowser, setContext } from '../index.js';

export * from '../index.js';
export { captureReactException } from './capture.js';
export { ErrorBoundary } from './ErrorBoundary.js';
export { withErrorBoundary } from './withErrorBoundary.js';
export { reactErrorHandler } from './reactErrorHandler.js';
export * from './router.js';
export { Profiler, withProfiler, useProfiler } from './profiler.js';

/** `init` of `faultline`, reporting as `faultline.javascript.react` with `contexts.react.version`. */
export function init(options) {
  _setSdkName('faultline.javascript.react');
  initBrowser(options);
  setContext('react', { version });
}
