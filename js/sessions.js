// Release health in the browser: a session per page view, as `@sentry/browser` counts them.
// This file only says when a page view starts (load, then each new path); the core builds,
// updates and sends the sessions. Nothing runs on import.

import { SESSION, op } from './core.js';
import { subscribeNavigation } from './lib/instrumentHistory.js';
import { initOptions } from './lib/initOptions.js';

const _pathOf = (p) => String(p).split(/[?#]/)[0];

/**
 * Starts the page's first session now and a new one whenever the path changes. Without a
 * release the core sends no session, so nothing is queued or watched for it: one op fewer to
 * replay into the core at load.
 */
export function trackSessions() {
  if (typeof initOptions.release != 'string') return;
  op(SESSION);
  subscribeNavigation((from, to) => {
    if (_pathOf(from) !== _pathOf(to)) op(SESSION);
  });
}
