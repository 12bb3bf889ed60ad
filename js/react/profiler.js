// React component profiling, as in @sentry/react: `Profiler`, `withProfiler` and `useProfiler`
// add spans to the transaction in progress (the page load, a navigation, a `startSpan`):
// `ui.react.mount` from the component's first render to its mount, `ui.react.update` when the
// props named in `updateProps` change, and `ui.react.render` from the mount to the unmount.
// Without a transaction in progress (tracing off, or it ended) they record nothing; they never
// change what the component renders, and never throw into it.

import { Component, createElement, useEffect, useState } from 'react';
import { getActiveSpan, startInactiveSpan } from '../spans.js';

const UNKNOWN = 'unknown';

// A span of component `name` under the active span, if there is one.
function _start(name, op, startTime, changed) {
  try {
    if (!getActiveSpan()) return undefined;
    const attributes = { 'ui.component_name': String(name) };
    if (changed) attributes['ui.react.changed_props'] = changed;
    const s = startInactiveSpan({ name: '<' + name + '>', op, startTime, attributes });
    s._origin = 'auto.ui.react.profiler';
    return s;
  } catch (e) {}
}

// The render span: from the mount (`since`, ms since the epoch) to now.
function _rendered(name, since) {
  const s = _start(name, 'ui.react.render', since);
  if (s) s.end();
}

const _end = (s) => s && s.end();

/**
 * Profiles its children as component `name`. Props: `name`, `disabled`, `includeRender`
 * (default true), `includeUpdates` (default true), `updateProps` (the props whose changes make
 * update spans).
 */
export class Profiler extends Component {
  constructor(props) {
    super(props);
    if (!props.disabled) this._mount = _start(props.name || UNKNOWN, 'ui.react.mount');
  }

  componentDidMount() {
    _end(this._mount);
    this._mounted = Date.now();
  }

  shouldComponentUpdate(next) {
    try {
      const was = this.props.updateProps || {};
      const now = next.updateProps || {};
      if (this._mount && next.includeUpdates !== false && now !== was) {
        const changed = Object.keys(now).filter((k) => now[k] !== was[k]);
        if (changed.length) this._update = _start(next.name || UNKNOWN, 'ui.react.update', undefined, changed.join(','));
      }
    } catch (e) {}
    return true;
  }

  componentDidUpdate() {
    _end(this._update);
    this._update = undefined;
  }

  componentWillUnmount() {
    if (this._mount && this.props.includeRender !== false) _rendered(this.props.name || UNKNOWN, this._mounted);
  }

  render() {
    return this.props.children;
  }
}

/**
 * Wraps `Wrapped` in a `Profiler` named `options.name` or the component's own name; its props are
 * the `updateProps`.
 */
export function withProfiler(Wrapped, options) {
  let name = UNKNOWN;
  try {
    name = (options && options.name) || Wrapped.displayName || Wrapped.name || UNKNOWN;
  } catch (e) {}
  const Outer = (props) => createElement(Profiler, { ...options, name, updateProps: props }, createElement(Wrapped, props));
  Outer.displayName = 'profiler(' + name + ')';
  return Outer;
}

/**
 * The `Profiler`'s mount and render spans for a function component named `name`. `options`:
 * `disabled`, `hasRenderSpan` (default true).
 */
export function useProfiler(name, options) {
  const o = options || {};
  const [mount] = useState(() => (o.disabled ? undefined : _start(name, 'ui.react.mount')));
  useEffect(() => {
    _end(mount);
    const since = Date.now();
    return () => {
      if (mount && o.hasRenderSpan !== false) _rendered(name, since);
    };
  }, []);
}
