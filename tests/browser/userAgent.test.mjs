// The browser and OS contexts every event carries, read from real user agent strings of the
// browsers apps see most, named as ua-parser names them (what Relay and GlitchTip show for the
// same header). A plain function of the string, so it runs in Node; the events' contexts in a
// real Chromium are checked in capture.test.mjs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { userAgentContexts } from '../../js/lib/userAgent.js';

const AGENTS = [
  ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.8078.79 Safari/537.36', ['Chrome', '156.0.8078.79'], ['Linux']],
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86', ['Edge', '131.0.2903.86'], ['Windows', '10.0']],
  ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15', ['Safari', '17.4.1'], ['Mac OS X', '10.15.7']],
  ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1', ['Safari', '17.4'], ['iOS', '17.4']],
  ['Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1', ['Chrome', '120.0.6099.119'], ['iOS', '16.6']],
  ['Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/133.0 Mobile/15E148 Safari/605.1.15', ['Firefox', '133.0'], ['iOS', '18.1']],
  ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.104 Mobile Safari/537.36', ['Chrome', '131.0.6778.104'], ['Android', '14']],
  ['Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36', ['Samsung Internet', '23.0'], ['Android', '13']],
  ['Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 EdgA/131.0.0.0', ['Edge', '131.0.0.0'], ['Android', '10']],
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0', ['Firefox', '133.0'], ['Windows', '10.0']],
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 OPR/115.0.0.0', ['Opera', '115.0.0.0'], ['Windows', '10.0']],
  ['Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', ['Chrome', '131.0.0.0'], ['Chrome OS']],
];

const context = ([name, version]) => (version ? { name, version } : { name });

test('browser and OS of the common agents, named and versioned as ua-parser does', () => {
  for (const [ua, browser, os] of AGENTS) {
    assert.deepEqual(userAgentContexts(ua), { browser: context(browser), os: context(os) }, ua);
  }
});

test('an agent it does not know gives no context rather than a wrong one, and nothing throws', () => {
  for (const ua of ['curl/8.5.0', '', 'Mozilla/5.0 (compatible; Googlebot/2.1)', 'Chrome/ (Android; Windows NT )', null]) {
    const { browser, os } = userAgentContexts(ua);
    assert.equal(browser, undefined, ua);
    assert.equal(os, undefined, ua);
  }
});
