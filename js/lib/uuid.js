// Event ids minted on the JS side, so `captureException` can return one synchronously even
// while the core is still loading.

// Random bytes for 16 ids at a time: `getRandomValues` costs more per call than per byte, and
// an id is minted on every capture.
let _pool;
let _at = 256;

/** 32 lowercase hex digits, UUID v4. */
export function uuid4() {
  if (_at >= 256) {
    _pool = _pool || new Uint8Array(256);
    try {
      crypto.getRandomValues(_pool);
    } catch (e) {
      for (let i = 0; i < 256; i++) _pool[i] = (Math.random() * 256) | 0;
    }
    _at = 0;
  }
  const b = _pool.subarray(_at, (_at += 16));
  b[6] = (b[6] & 15) | 64;
  b[8] = (b[8] & 63) | 128;
  let s = '';
  for (let i = 0; i < 16; i++) s += (b[i] + 256).toString(16).slice(1);
  return s;
}
