// The page the capture tests drive: it loads the package from /pkg/ and throws every kind of
// value from real handlers in this file, so frames point at known lines and columns here.
// Tests find expected positions by searching this file's text: keep each expression unique.

import * as F from '/pkg/index.js';

window.F = F;

// The page's own handlers, installed before the SDK: they must keep running.
window.pageErrors = 0;
window.onerror = () => {
  window.pageErrors++;
};
window.pageRejections = 0;
window.addEventListener('unhandledrejection', () => window.pageRejections++);

// Each kind of thrown value, built where it is thrown.
const values = {
  error: () => new Error('plain error'),
  string: () => 'a thrown string',
  number: () => 42,
  null: () => null,
  undefined: () => undefined,
  object: () => ({ code: 7, reason: 'declined' }),
  hostile: () => ({
    get message() {
      throw new Error('message getter');
    },
    toString() {
      throw new Error('toString');
    },
  }),
  circular: () => {
    const node = { name: 'loop' };
    node.self = node;
    return node;
  },
  cause: () =>
    new Error('checkout failed', {
      cause: new TypeError('payment failed', { cause: new RangeError('amount out of range') }),
    }),
};

// What the #go button does next: `throw:<kind>`, `reject:<kind>`, `typeError`.
window.next = 'throw:error';

function readPrice(cart) {
  return cart.price;
}

document.getElementById('go').addEventListener('click', () => {
  const [how, kind] = window.next.split(':');
  if (how === 'typeError') readPrice(undefined);
  if (how === 'reject') Promise.reject(values[kind]());
  if (how === 'throw') throw values[kind]();
});

/** Loads a script from another origin without CORS: its error is only "Script error.". */
window.loadCross = (src) => {
  const s = document.createElement('script');
  s.src = src;
  document.head.appendChild(s);
};

/** The same error object captured twice in a row, then a different one. */
window.captureTwice = () => {
  const e = new Error('twice');
  F.captureException(e);
  F.captureException(e);
};
