// What the Wasm core imports in the npm build (src/browser/mod.rs, `raw_module = "./io.js"`):
// randomness, the page facts, and the outbox's I/O (js/outbox.js). Values cross as strings,
// numbers and flags only, never as objects, and nothing here throws into the core. js/core.js
// hands `io` to the glue when it loads the core (pkg-template/build.mjs points the glue's
// import of this module at that argument).

import { text } from './core.js';
import { del, hold, put, schedule, send } from './outbox.js';

const _str = (v) => (typeof v == 'string' ? v : undefined);

// Small requests (ids, keys, a sampling draw: several per capture) are served from 256 bytes
// drawn at a time: a `getRandomValues` call costs more than its bytes.
const _pool = new Uint8Array(256);
let _at = 256;

/** Fills `buf` from Web Crypto; without it (an old worker), from `Math.random`. */
export function random(buf) {
  try {
    if (buf.length > 64) return crypto.getRandomValues(buf);
    if (_at + buf.length > 256) {
      crypto.getRandomValues(_pool);
      _at = 0;
    }
    buf.set(_pool.subarray(_at, (_at += buf.length)));
  } catch (e) {
    for (let i = 0; i < buf.length; i++) buf[i] = Math.random() * 256;
  }
}

// The user agent does not change during a page's life: read once.
let _ua;

/** `location.href` (per event: single-page apps navigate) and `navigator.userAgent`, as the core reads fields; absent ones as such. */
export function page() {
  let h;
  try {
    h = location.href;
  } catch (e) {}
  if (_ua === undefined) {
    try {
      _ua = _str(navigator.userAgent) || null;
    } catch (e) {
      _ua = null;
    }
  }
  return text(_str(h), _ua || undefined);
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
export const io = { random, page, onLine, hold, put, del, schedule, send };
