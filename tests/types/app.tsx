// Compiled with `tsc --noEmit -p tests/types` against the hand-written declarations: a small
// app using every export of `faultline/react` the way users of @sentry/react do. Type errors
// fail the test; the `@ts-expect-error` lines prove misuse is caught.

import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import * as Browser from 'faultline';
import {
  ErrorBoundary,
  SDK_VERSION,
  addBreadcrumb,
  browserTracingIntegration,
  captureEvent,
  captureException,
  captureMessage,
  captureReactException,
  close,
  flush,
  getActiveSpan,
  getCurrentScope,
  init,
  lastEventId,
  reactErrorHandler,
  setContext,
  setExtra,
  setExtras,
  setFingerprint,
  setLevel,
  setTag,
  setTags,
  setUser,
  startInactiveSpan,
  startSpan,
  withErrorBoundary,
  withScope,
  reactRouterBrowserTracingIntegration,
  reactRouterV6BrowserTracingIntegration,
  withSentryReactRouterV7Routing,
  wrapCreateBrowserRouterV7,
  wrapUseRoutes,
  Profiler,
  withProfiler,
  useProfiler,
  type ErrorBoundaryProps,
  type FallbackRender,
  type Options,
  type Span,
} from 'faultline/react';

const options: Options = {
  dsn: 'https://0a1b2c3d4e5f40718293a4b5c6d7e8f9@errors.example.com/7',
  release: 'web@1.0.0',
  sampleRate: 1,
  integrations: [browserTracingIntegration({ idleTimeout: 500, beforeStartSpan: (ctx) => ({ ...ctx, name: '/invoices/:id' }) })],
  tracesSampleRate: 0.2,
  tracePropagationTargets: ['https://api.example.com', /^\/api\//],
  beforeSend: (event, hint) => (hint.originalException instanceof TypeError ? null : event),
  beforeBreadcrumb: (crumb) => (crumb.category === 'console' ? null : crumb),
  ignoreErrors: ['ResizeObserver loop', /^Network/],
  initialScope: { tags: { shop: 'eu' }, user: { id: '7' } },
  scrub: { emails: false, patterns: ['secret-\\w+'] },
  transport: async (req) => ({ status: req.body.length > 0 ? 200 : 400 }),
};
init(options);
Browser.init({ environment: 'staging', debug: true, enabled: true, tunnel: '/tunnel', wasmUrl: new URL('https://cdn.example.com/f.wasm') });
// Sentry's wizard set-up, unchanged but for the import.
Browser.init({
  dsn: options.dsn,
  integrations: (defaults) => [...defaults.filter((i) => i.name !== 'Breadcrumbs'), Browser.replayIntegration({ maskAllText: true }), Browser.feedbackIntegration(), Browser.replayCanvasIntegration(), Browser.captureConsoleIntegration({ levels: ['error', 'assert'] }), Browser.httpClientIntegration({ failedRequestStatusCodes: [[500, 599], 429], failedRequestTargets: [/api/] })],
  replaysSessionSampleRate: 0.1,
  replaysOnErrorSampleRate: 1.0,
});
Browser.addEventProcessor((event) => (event.tags?.internal ? null : event));
Browser.addEventProcessor(async (event, hint) => ({ ...event, extra: { ...event.extra, original: String(hint.originalException) } }));
const running: boolean = Browser.isInitialized();
const dsn: string | undefined = Browser.getClient()?.getDsn() ?? Browser.getClient()?.getOptions().dsn;
void Browser.getClient()?.flush(100).then((ok: boolean) => ok && running && dsn);

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
setLevel('warning');
setFingerprint(['{{ default }}', 'checkout']);
addBreadcrumb({ category: 'auth', message: 'signed in', level: 'info', data: { method: 'sso' } });
const tagged: number = withScope((scope) => {
  scope.setTag('flow', 'checkout');
  scope.setUser({ id: 1 });
  captureException(new Error('in scope'));
  return 1;
});
getCurrentScope().setExtra('cart', { items: 2 });
captureException(new Error('z'), (scope) => scope.setLevel('fatal'));
captureEvent({ message: 'by hand', level: 'info', tags: { a: 'b' } });
const total: Promise<number> = startSpan({ name: 'load invoices', op: 'http.client' }, async (span: Span) => {
  span.setAttribute('count', 3).setStatus({ code: 1 });
  return 3;
});
const idle: Span = startInactiveSpan({ name: 'render', parentSpan: getActiveSpan() ?? null });
idle.end();
// @ts-expect-error a span needs a name
startInactiveSpan({ op: 'db.query' });
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
    scope.setTag('section', 'invoices');
    scope.setContext('stack', { componentStack });
    scope.setLevel('fatal');
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

// React Router, declared here in the shapes react-router exports (it is not installed at the root).
declare function Routes(props: { children?: React.ReactNode; location?: string }): React.ReactElement | null;
declare function useRoutes(routes: { path?: string }[], location?: string): React.ReactElement | null;
declare function createBrowserRouter(routes: { path?: string }[], opts?: { basename?: string }): { state: { location: { pathname: string } } };
declare function useLocation(): { pathname: string; search: string };
declare function useNavigationType(): 'POP' | 'PUSH' | 'REPLACE';
declare function createRoutesFromChildren(children: React.ReactNode): { path?: string }[];
declare function matchRoutes(routes: { path?: string }[], location: { pathname: string } | string): { route: { path?: string } }[] | null;
Browser.init({ integrations: [reactRouterV6BrowserTracingIntegration({ useEffect: null, useLocation, useNavigationType, createRoutesFromChildren, matchRoutes, idleTimeout: 500 })] });
const SentryRoutes = withSentryReactRouterV7Routing(Routes);
const routed = <SentryRoutes location="/a">{null}</SentryRoutes>;
const useSentryRoutes = wrapUseRoutes(useRoutes);
const router = wrapCreateBrowserRouterV7(createBrowserRouter)([{ path: '/' }], { basename: '/app' });
const at: string = router.state.location.pathname;
// @ts-expect-error the integration needs the router's functions
reactRouterBrowserTracingIntegration({ idleTimeout: 500 });
export { routed, useSentryRoutes, at };

// The profiler, as @sentry/react's.
function Chart({ points }: { points: number[] }) {
  useProfiler('Chart', { hasRenderSpan: false });
  return <svg>{points.length}</svg>;
}
const ProfiledChart = withProfiler(Chart, { name: 'Chart', includeUpdates: false });
const profiled = (
  <Profiler name="Dashboard" updateProps={{ customer: 1 }}>
    <ProfiledChart points={[1, 2]} />
  </Profiler>
);
// @ts-expect-error a Profiler needs a name
const nameless = <Profiler />;
export { profiled, nameless };

export { id, last, flushed, version, tagged, total };
