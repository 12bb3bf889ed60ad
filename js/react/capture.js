// The one React-error-to-event function: a caught error plus React's component stack.
//
// It never throws and never changes the error object (no `cause` is written onto it).

import { version } from 'react';
import { factsFor } from '../facts.js';
import { _captureFacts } from '../index.js';

/**
 * Reports `error` caught by React with `errorInfo.componentStack`; returns the event id.
 *
 * The component stack goes out twice: as the innermost linked error ("React ErrorBoundary
 * <name>", whose frames are the components, root first) and as `contexts.react.componentStack`.
 * `hint` is as for `captureException` (mechanism, tags, extra, contexts, level, fingerprint).
 */
export function captureReactException(error, errorInfo, hint) {
  let stack;
  try {
    stack = errorInfo && errorInfo.componentStack;
  } catch (e) {}
  stack = typeof stack === 'string' ? stack : undefined;
  const facts = factsFor(error);
  const errors = facts.errors;
  const top = errors[0];
  if (stack && !top.synthetic) {
    // Keep room for the component stack within the core's six linked errors.
    errors.length = Math.min(errors.length, 5);
    errors.push({ type: 'React ErrorBoundary ' + top.type, value: top.value, componentStack: stack });
  }
  // A copy: neither the caller's hint nor its contexts object is changed.
  let h;
  try {
    h = Object.assign({}, hint, { contexts: Object.assign({}, hint.contexts) });
  } catch (e) {
    h = { contexts: {} };
  }
  h.contexts.react = { version, componentStack: stack };
  return _captureFacts(facts, h, error);
}
