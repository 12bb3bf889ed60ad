// What the Wasm core imports in the npm build (src/browser/mod.rs, `raw_module = "./io.js"`):
// randomness, the page facts, and the outbox's I/O (js/outbox.js). Values cross as strings,
// numbers and flags only, never as objects, and nothing here throws into the core. js/core.js
// hands `io` to the glue when it loads the core (pkg-template/build.mjs points the glue's
// import of this module at that argument).

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

/** `location.href`, undefined outside a page or worker. */
export function href() {
  try {
    return _str(location.href);
  } catch (e) {}
}

/** `navigator.userAgent`, undefined without one. */
export function userAgent() {
  try {
    return _str(navigator.userAgent);
  } catch (e) {}
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
export const io = { random, href, userAgent, onLine, put, del, schedule, send };
