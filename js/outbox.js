// The outbox's I/O at the edge: IndexedDB persistence, the retry timer, and the page events that
// trigger a flush. The core decides what to send, when, and what to keep; this file decides nothing.

import { call } from './core.js';
import { onHidden } from './lib/onHidden.js';
import { del, put, take } from './lib/store.js';

let _timer;

/** The `io` object the core calls; `transport` is the app's hook (tests), if any. */
export function outboxIo(transport) {
  return {
    put,
    del,
    transport: typeof transport === 'function' ? transport : undefined,
    schedule(ms) {
      clearTimeout(_timer);
      _timer = setTimeout(() => call('drain', []), ms + 5);
    },
  };
}

/** Hands back what earlier page loads persisted, and flushes on `online` and on page hide. */
export function startOutbox() {
  try {
    addEventListener('online', () => call('drain', []));
    onHidden(() => call('onHidden', []));
    take().then((list) => {
      if (list) for (let i = 0; i < list.length; i++) call('restore', [String(list[i][0]), String(list[i][1])]);
    });
  } catch (e) {}
}
