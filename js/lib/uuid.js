// Event ids minted on the JS side, so `captureException` can return one synchronously even
// while the core is still loading.

import { random } from '../io.js';

// Random bytes for 16 ids at a time: `getRandomValues` costs more per call than per byte, and
// an id is minted on every capture.
let _pool;
let _at = 256;

/** 32 lowercase hex digits, UUID v4. */
export function uuid4() {
  if (_at >= 256) {
    random((_pool = _pool || new Uint8Array(256)));
    _at = 0;
  }
  const b = _pool.subarray(_at, (_at += 16));
  b[6] = (b[6] & 15) | 64;
  b[8] = (b[8] & 63) | 128;
  let s = '';
  for (let i = 0; i < 16; i++) s += (b[i] + 256).toString(16).slice(1);
  return s;
}
