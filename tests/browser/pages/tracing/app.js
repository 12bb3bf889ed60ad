// A dashboard page with tracing on: the page load fetches its summary inside custom spans,
// calls a cross-origin API, and a button navigates client-side to a parameterised route.
import { init, browserTracingIntegration, startSpan, startInactiveSpan, captureException } from '/pkg/index.js';

const q = new URLSearchParams(location.search);
init({
  dsn: q.get('dsn'),
  release: q.get('release') || 'dashboard@1.0.0',
  environment: 'test',
  autoSessionTracking: q.get('sessions') !== 'off',
  // `?tracing=off`: the same app without performance monitoring.
  tracesSampleRate: q.get('tracing') === 'off' ? undefined : 1,
  integrations:
    q.get('tracing') === 'off'
      ? []
      : [
          browserTracingIntegration({
            beforeStartSpan: (ctx) => (/^\/invoices\/\d+$/.test(ctx.name) ? { ...ctx, name: '/invoices/:id' } : ctx),
          }),
        ],
});

// A task long enough to be a `longtask` entry (over 50 ms).
const until = performance.now() + 120;
while (performance.now() < until);

await startSpan({ name: 'load dashboard', op: 'ui.task' }, async () => {
  const summary = await fetch('/api/summary').then((r) => r.json());
  startSpan({ name: 'render summary', op: 'ui.render' }, () => {
    document.getElementById('status').textContent = summary.total + ' invoices';
  });
});
await fetch('http://127.0.0.1:' + q.get('xport') + '/api/rates').catch(() => {});

document.getElementById('open-invoice').addEventListener('click', async () => {
  history.pushState({}, '', '/invoices/42');
  const invoice = await fetch('/api/invoice/42').then((r) => r.json());
  await new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('GET', '/api/invoice/42/lines');
    xhr.onloadend = resolve;
    xhr.send();
  });
  startSpan({ name: 'render invoice', op: 'ui.render' }, () => {
    document.getElementById('status').textContent = 'invoice ' + invoice.id;
    captureException(new Error('invoice 42 has no lines'));
  });
});

// For the test to start spans of its own.
window.tracing = { startSpan, startInactiveSpan };
