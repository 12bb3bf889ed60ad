// What the Wasm core imports in the npm build (src/browser/mod.rs, `raw_module = "./io.js"`):
// randomness, the page facts, and the outbox's I/O (js/outbox.js). Values cross as strings,
// numbers and flags only, never as objects, and nothing here throws into the core. js/core.js
// hands `io` to the glue when it loads the core (pkg-template/build.mjs points the glue's
// import of this module at that argument).

import { text } from './core.js';
import { del, put, schedule, send } from './outbox.js';

const _str = (v) => (typeof v == 'string' ? v : undefined);

/** Fills `buf` from Web Crypto; without it (an old worker), from `Math.random`. */
export function random(buf) {
  try {
    crypto.getRandomValues(buf);
  } catch (e) {
    for (let i = 0; i < buf.length; i++) buf[i] = Math.random() * 256;
  }
}

/** `location.href` and `navigator.userAgent` as the core reads fields; absent ones as such. */
export function page() {
  let h, ua;
  try {
    h = location.href;
  } catch (e) {}
  try {
    ua = navigator.userAgent;
  } catch (e) {}
  return text(_str(h), _str(ua));
}

/** `navigator.onLine`: online unless it says `false`. */
export function onLine() {
  try {
    return navigator.onLine !== false;
  } catch (e) {
    return true;
  }
}

/** The core's imports, by the names src/browser/mod.rs declares. */
export const io = { random, page, onLine, put, del, schedule, send };
