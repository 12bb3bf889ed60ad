// Compiled with `tsc --noEmit -p tests/types` against the hand-written declarations: a small
// app using every export of `faultline/react` the way users of @sentry/react do. Type errors
// fail the test; the `@ts-expect-error` lines prove misuse is caught.

import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import * as Browser from 'faultline';
import {
  ErrorBoundary,
  SDK_VERSION,
  captureException,
  captureMessage,
  captureReactException,
  close,
  flush,
  init,
  lastEventId,
  reactErrorHandler,
  setContext,
  setExtra,
  setExtras,
  setTag,
  setTags,
  setUser,
  withErrorBoundary,
  type ErrorBoundaryProps,
  type FallbackRender,
  type Options,
} from 'faultline/react';

const options: Options = { dsn: 'https://0a1b2c3d4e5f40718293a4b5c6d7e8f9@errors.example.com/7', release: 'web@1.0.0', sampleRate: 1 };
init(options);
Browser.init({ environment: 'staging', debug: true, enabled: true, tunnel: '/tunnel', wasmUrl: new URL('https://cdn.example.com/f.wasm') });

const id: string = captureException(new Error('x'), { tags: { area: 'checkout' }, level: 'warning', fingerprint: ['a'] });
captureMessage('hello', 'info');
captureMessage('hello', { extra: { n: 1 }, contexts: { cart: { items: 2 } } });
setUser({ id: 42, email: 'a@example.com' });
setUser(null);
setTag('k', 1);
setTags({ a: 'b', c: true });
setContext('cart', { items: 3 });
setContext('cart', null);
setExtra('e', { deep: [1] });
setExtras({ e: 1 });
const last: string | undefined = lastEventId();
const flushed: Promise<boolean> = flush(100);
void close().then((ok: boolean) => ok);
const version: string = SDK_VERSION;
// @ts-expect-error sampleRate is a number
init({ sampleRate: '1' });
// @ts-expect-error a level is one of the severity names
captureMessage('x', 'critical');

const Fallback: FallbackRender = ({ error, componentStack, resetError, eventId }) => (
  <div>
    <p>{String(error)}</p>
    <pre>{componentStack}</pre>
    <code>{eventId}</code>
    <button onClick={resetError}>Retry</button>
  </div>
);

function Invoices({ customer }: { customer: string }) {
  return <p>{customer}</p>;
}

const boundaryProps: ErrorBoundaryProps = {
  fallback: Fallback,
  handled: false,
  showDialog: false,
  onError: (error: unknown, componentStack: string, eventId: string) => console.log(error, componentStack, eventId),
  onReset: (_error, _componentStack: string | null, _eventId: string | null) => {},
  onMount: () => {},
  onUnmount: (_error, componentStack, eventId) => console.log(componentStack, eventId),
  beforeCapture: (scope, _error, componentStack: string) => {
    scope.setTag('section', 'invoices').setContext('stack', { componentStack }).setLevel('fatal').setFingerprint(['invoices']);
  },
};

const SafeInvoices = withErrorBoundary(Invoices, { fallback: <p>Oops</p> });

function App() {
  const [customer, setCustomer] = useState('acme');
  return (
    <main>
      <ErrorBoundary {...boundaryProps} resetKeys={[customer]}>
        <Invoices customer={customer} />
      </ErrorBoundary>
      <ErrorBoundary fallback={<p>Static fallback</p>}>{() => <Invoices customer="b" />}</ErrorBoundary>
      <ErrorBoundary>
        <SafeInvoices customer={customer} />
      </ErrorBoundary>
      {/* @ts-expect-error the HOC keeps the wrapped component's props */}
      <SafeInvoices customer={1} />
      {/* @ts-expect-error a fallback is an element or a render function, not a string */}
      <ErrorBoundary fallback="oops" />
      <button onClick={() => setCustomer('globex')}>Switch</button>
    </main>
  );
}

const root = createRoot(document.getElementById('root')!, {
  onUncaughtError: reactErrorHandler(),
  onCaughtError: reactErrorHandler((error: unknown, errorInfo, eventId: string) => {
    console.warn(error, errorInfo.componentStack, eventId);
  }),
  onRecoverableError: reactErrorHandler(),
});
root.render(<App />);

captureReactException(new Error('y'), { componentStack: '\n    at App' }, { mechanism: { type: 'custom', handled: true } });

export { id, last, flushed, version };
