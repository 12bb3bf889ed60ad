// What the core needs to know about a thrown value, read without trusting it.
//
// The core parses stacks and builds the event; this file only copies out strings. Every
// property read can throw (a Proxy, a getter), so each is guarded.

import { toJson } from './lib/normalize.js';

const MAX_CAUSES = 5;

function str(v) {
  try {
    return typeof v === 'string' ? v : v == null ? undefined : String(v);
  } catch (e) {
    return undefined;
  }
}

function isError(v) {
  try {
    return v instanceof Error || (v !== null && typeof v === 'object' && typeof v.stack === 'string' && 'message' in v);
  } catch (e) {
    return false;
  }
}

function keysOf(v) {
  try {
    return Object.keys(v).sort().join(', ') || '[object has no keys]';
  } catch (e) {
    return '[unreadable]';
  }
}

function one(err) {
  return {
    type: str(err.name) || 'Error',
    value: str(err.message) || 'No error message',
    stack: str(err.stack),
  };
}

/**
 * Facts for a thrown value: `{ errors: [thrown, cause, …], extra? }`.
 * `rejection` changes the wording for non-Error promise rejections as Sentry does.
 */
export function factsFor(value, rejection) {
  try {
    if (value && typeof ErrorEvent === 'function' && value instanceof ErrorEvent && value.error) {
      value = value.error;
    }
  } catch (e) {}
  if (isError(value)) {
    const errors = [];
    const seen = [];
    let e = value;
    while (isError(e) && seen.indexOf(e) < 0 && errors.length <= MAX_CAUSES) {
      seen.push(e);
      try {
        errors.push(one(e));
        e = e.cause;
      } catch (x) {
        break;
      }
    }
    return { errors };
  }
  const type = rejection ? 'UnhandledRejection' : 'Error';
  if (value !== null && typeof value === 'object') {
    return {
      errors: [{ type, value: 'Object captured as exception with keys: ' + keysOf(value), synthetic: true }],
      extra: { __serialized__: toJson(value) },
    };
  }
  const text = str(value);
  return {
    errors: [
      {
        type,
        value: rejection ? 'Non-Error promise rejection captured with value: ' + text : text,
        synthetic: true,
      },
    ],
  };
}
