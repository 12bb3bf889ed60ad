// withErrorBoundary: wraps a component in an ErrorBoundary, as @sentry/react's HOC does.
// Nothing runs on import; the wrapper copies the component's own statics (e.g. a router's
// `loader`) but never React's.

import { createElement, memo } from 'react';
import { ErrorBoundary } from './ErrorBoundary.js';

const REACT_STATICS = /^(prototype|length|name|caller|arguments|displayName|defaultProps|propTypes|contextTypes?|childContextTypes|getDerivedState\w+)$/;

/**
 * Returns a memoized component rendering `Wrapped` inside `<ErrorBoundary {...options}>`,
 * named `errorBoundary(<Wrapped's name>)` in React DevTools. (Component stacks show the
 * ErrorBoundary and `Wrapped` themselves.)
 */
export function withErrorBoundary(Wrapped, options) {
  const Outer = memo((props) => createElement(ErrorBoundary, options, createElement(Wrapped, props)));
  let name;
  try {
    name = Wrapped.displayName || Wrapped.name;
    for (const k of Object.getOwnPropertyNames(Wrapped)) {
      if (!REACT_STATICS.test(k) && !(k in Outer)) Object.defineProperty(Outer, k, Object.getOwnPropertyDescriptor(Wrapped, k));
    }
  } catch (e) {}
  Outer.displayName = 'errorBoundary(' + (name || 'unknown') + ')';
  return Outer;
}
