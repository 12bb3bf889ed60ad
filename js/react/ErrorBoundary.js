// ErrorBoundary: catches render errors below it, reports each once with its component stack,
// and shows a fallback. Written without JSX so the package needs no build step of its users.
//
// It must never throw from its own code: user callbacks run through `safely`, an invalid
// fallback renders nothing, and a boundary without a fallback renders nothing (it does not
// re-throw, as @sentry/react does not).

import { Component, createElement, isValidElement } from 'react';
import { withScope } from '../scope.js';
import { captureReactException } from './capture.js';
import { safely } from './safely.js';
import { warn } from '../lib/warn.js';

const INITIAL = { error: null, componentStack: null, eventId: null };

// The arguments of `onReset` and `onUnmount`: what was caught, or nulls.
const caught = (s) => [s.error, s.componentStack, s.eventId];

function changed(a, b) {
  if (!Array.isArray(a) || !Array.isArray(b)) return a !== b;
  return a.length !== b.length || a.some((v, i) => !Object.is(v, b[i]));
}

/**
 * Props as `@sentry/react`'s: `fallback` (element or `({error, componentStack, resetError,
 * eventId}) => element`), `onError`, `onReset`, `onMount`, `onUnmount`, `beforeCapture`,
 * `handled`; plus `resetKeys`, an array whose change resets a boundary showing its fallback.
 * `showDialog` is accepted and ignored (no report dialog).
 */
export class ErrorBoundary extends Component {
  constructor(props) {
    super(props);
    this.state = INITIAL;
    this.resetErrorBoundary = this.resetErrorBoundary.bind(this);
  }

  componentDidCatch(error, errorInfo) {
    const p = this.props;
    let stack = '';
    try {
      stack = String(errorInfo.componentStack || '');
    } catch (e) {}
    const mechanism = { type: 'auto.function.react.error_boundary', handled: p.handled != null ? !!p.handled : !!p.fallback };
    // What beforeCapture sets on the scope applies to this event only.
    const eventId = withScope((scope) => {
      safely(p, 'beforeCapture', [scope, error, stack]);
      return captureReactException(error, { componentStack: stack }, { mechanism });
    });
    // Read by reactErrorHandler, which React calls for this error just before this method.
    this._eventId = eventId;
    safely(p, 'onError', [error, stack, eventId]);
    this.setState({ error, componentStack: stack, eventId });
  }

  componentDidMount() {
    safely(this.props, 'onMount', []);
  }

  componentDidUpdate(prevProps, prevState) {
    // Only a boundary that already showed its fallback before this update resets, so the
    // update that caught the error does not undo itself.
    if (prevState.componentStack !== null && this.state.componentStack !== null && changed(prevProps.resetKeys, this.props.resetKeys)) {
      this.resetErrorBoundary();
    }
  }

  componentWillUnmount() {
    safely(this.props, 'onUnmount', caught(this.state));
  }

  /** Calls `onReset` and renders the children again, from a fresh mount. */
  resetErrorBoundary() {
    safely(this.props, 'onReset', caught(this.state));
    this.setState(INITIAL);
  }

  render() {
    const { fallback, children } = this.props;
    const s = this.state;
    if (s.componentStack === null) return typeof children === 'function' ? children() : children;
    // The fallback's props: `error`, `componentStack`, `eventId` (the state) and `resetError`.
    const element = typeof fallback === 'function' ? createElement(fallback, Object.assign({ resetError: this.resetErrorBoundary }, s)) : fallback;
    if (isValidElement(element)) return element;
    if (fallback != null) warn('ErrorBoundary fallback is not a React element; rendering nothing');
    return null;
  }
}
