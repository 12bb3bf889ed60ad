// Event ids minted on the JS side, so `captureException` can return one synchronously even
// while the core is still loading.

import { random } from '../io.js';

/** 32 lowercase hex digits, UUID v4. */
export function uuid4() {
  // `random` serves small requests from a pool: an id is minted on every capture.
  const b = new Uint8Array(16);
  random(b);
  b[6] = (b[6] & 15) | 64;
  b[8] = (b[8] & 63) | 128;
  let s = '';
  for (let i = 0; i < 16; i++) s += (b[i] + 256).toString(16).slice(1);
  return s;
}
