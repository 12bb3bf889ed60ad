// Compiles only if the tracing declarations fit the @sentry/browser-style calls an app makes.
import { init, browserTracingIntegration, startSpan, startInactiveSpan, getActiveSpan } from 'faultline';
init({
  dsn: 'x', tracesSampler: (c) => (c.name === '/health' ? 0 : c.inheritOrSampleWith(0.2)), tracePropagationTargets: [/^\/api/, 'api.example.com'],
  integrations: [browserTracingIntegration({ beforeStartSpan: (ctx) => ({ ...ctx, name: ctx.name.replace(/\d+/g, ':id') }) })],
});
const n: Promise<number> = startSpan({ name: 'load', op: 'db.query' }, async (span) => { span.setAttribute('rows', 3); return 3; });
const s = startInactiveSpan({ name: 'x', parentSpan: getActiveSpan() });
s.setStatus({ code: 2, message: 'not_found' }).end();
void n;
