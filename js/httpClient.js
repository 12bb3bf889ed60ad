// httpClientIntegration, as in @sentry/browser: a fetch or XMLHttpRequest answered with a
// failing status becomes an error event, "HTTP Client Error with status code: 503", with the
// status in `contexts.response` and the request's method and URL in `extra.request`, grouped
// by endpoint and status; never headers, cookies or bodies. The SDK's own requests are never
// reported. A bundle that does not import it does not contain this file.

import { _captureFacts } from './index.js';
import { subscribeRequests } from './lib/instrumentRequests.js';

// Whether `status` is one of `codes` (numbers, or [from, to] ranges).
const _failed = (codes, status) => codes.some((c) => (Array.isArray(c) ? status >= c[0] && status <= c[1] : c === status));

// Whether `url` is one of `targets` (strings anywhere in it, RegExps tested on it).
const _targeted = (targets, url) => targets.some((t) => (t instanceof RegExp ? ((t.lastIndex = 0), t.test(url)) : url.indexOf(t) >= 0));

/**
 * Reports requests answered with a status in `failedRequestStatusCodes` (default `[[500, 599]]`)
 * to URLs matching `failedRequestTargets` (default: all). Pass it in `init`'s `integrations`.
 */
export function httpClientIntegration(options) {
  let codes = [[500, 599]];
  let targets = [/.*/];
  try {
    if (Array.isArray(options.failedRequestStatusCodes)) codes = options.failedRequestStatusCodes;
    if (Array.isArray(options.failedRequestTargets)) targets = options.failedRequestTargets;
  } catch (e) {}
  return {
    name: 'HttpClient',
    _install: () =>
      subscribeRequests({
        end(req) {
          const status = req.status;
          const u = new URL(req.url, location.href);
          const url = u.href;
          if (typeof status !== 'number' || !_failed(codes, status) || !_targeted(targets, url)) return;
          const message = 'HTTP Client Error with status code: ' + status;
          _captureFacts(
            { errors: [{ type: 'Error', value: message }] },
            {
              // One issue per endpoint and status; without it, a failure of another endpoint
              // right after would be dropped as a repeat of the first.
              fingerprint: [message, req.method, u.origin + u.pathname],
              mechanism: { type: 'auto.http.client.' + req.kind, handled: false },
              contexts: { response: { status_code: status } },
              extra: { request: { method: req.method, url } },
            },
          );
        },
      }),
  };
}
