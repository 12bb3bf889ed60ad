// Names from @sentry/browser that apps call during setup, for the features Faultline does not
// have (Session Replay, the feedback widget) and for asking about the client. They exist so that
// switching stays one import line: `Sentry.replayIntegration()` in an `integrations` array would
// otherwise throw a TypeError in `init` and take the app's start-up with it. Each module-level
// export is tree-shaken away by apps that do not import it.

import { flush, close, captureException, captureMessage, captureEvent } from './index.js';
import { failed } from './core.js';
import { initOptions } from './lib/initOptions.js';
import { warn } from './lib/warn.js';

// An integration that does nothing but say so, once per page, when `init` installs it. Its name
// is not listed in the events' `sdk.integrations`: nothing of it runs.
function _absent(name, what) {
  return {
    name,
    _absent: true,
    _install: () => warn(`${name}: ${what} is not part of Faultline; this integration does nothing`),
  };
}

/** Accepted so that Sentry set-ups run unchanged; Faultline records no replays (one console warning). */
export const replayIntegration = () => _absent('Replay', 'Session Replay');

/** Accepted so that Sentry set-ups run unchanged; Faultline records no replays (one console warning). */
export const replayCanvasIntegration = () => _absent('ReplayCanvas', 'Session Replay');

/** Accepted so that Sentry set-ups run unchanged; Faultline has no feedback widget (one console warning). */
export const feedbackIntegration = () => _absent('Feedback', 'the user feedback widget');

/**
 * Whether `init` has run with the SDK enabled and its core has not failed to load (a blocked
 * `.wasm`, a CSP without `'wasm-unsafe-eval'`).
 */
export function isInitialized() {
  return !!initOptions && initOptions.enabled !== false && !failed();
}

/**
 * The client, as far as apps use it: `getOptions()` (what `init` got), `getDsn()`, and the
 * capture, `flush` and `close` functions. Undefined until `init`, as in Sentry.
 */
export function getClient() {
  const o = initOptions;
  if (!o) return undefined;
  return {
    getOptions: () => o,
    getDsn: () => (typeof o.dsn === 'string' ? o.dsn : undefined),
    captureException,
    captureMessage,
    captureEvent,
    flush,
    close,
  };
}
