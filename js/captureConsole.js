// captureConsoleIntegration, as in @sentry/browser: console calls at the chosen levels become
// events. An `Error` among the arguments of `console.error` is captured as that exception;
// any other call as a message of the arguments joined by spaces, with the arguments in
// `extra.arguments`. The SDK's own `[faultline]` lines never are. A bundle that does not import
// it does not contain this file.

import { _text } from './breadcrumbs.js';
import { captureException, captureMessage } from './index.js';

const _LEVELS = 'debug info warn error log assert';
let _busy = false;

function _capture(name, all) {
  const assert = name === 'assert';
  // A passing assertion prints nothing, so it is no event.
  if (assert && all[0]) return;
  const args = assert ? all.slice(1) : all;
  let msg = args.map(_text).join(' ');
  if (!msg.indexOf('[faultline]')) return;
  const hint = { level: name === 'warn' ? 'warning' : assert ? 'error' : name, extra: { arguments: args } };
  const error = name === 'error' && args.find((a) => a instanceof Error);
  if (error) return captureException(error, { ...hint, mechanism: { type: 'auto.core.capture_console', handled: true } });
  if (assert) msg = 'Assertion failed: ' + (msg || 'console.assert');
  captureMessage(msg, hint);
}

/**
 * Sends what the app writes to the console at `options.levels` (default: `log`, `info`, `warn`,
 * `error`, `debug` and `assert`) as events. Pass it in `init`'s `integrations`.
 */
export function captureConsoleIntegration(options) {
  let levels = _LEVELS.split(' ');
  try {
    if (Array.isArray(options.levels)) levels = levels.filter((l) => options.levels.includes(l));
  } catch (e) {}
  return {
    name: 'CaptureConsole',
    _install() {
      for (const name of levels) {
        const orig = console[name];
        if (typeof orig !== 'function') continue;
        console[name] = function (...all) {
          // Not from inside a capture (a console line the app's `beforeSend` writes).
          if (!_busy) {
            _busy = true;
            try {
              _capture(name, all);
            } catch (e) {}
            _busy = false;
          }
          return orig.apply(this, all);
        };
      }
    },
  };
}
