// The app the React browser tests drive; the React 18 and React 19 apps build this same source.
// Written with createElement (no JSX transform). What the boundary's callbacks receive is kept
// on `window.__probe` for the tests to read.

import { Component, createElement as h, useEffect, useState } from 'react';
import { ErrorBoundary, withErrorBoundary } from 'faultline/react';

const probe = (window.__probe = { calls: [], mounts: 0 });
const text = (e) => (e && e.message) || String(e);
const INVOICES = [
  { id: 'INV-1041', amount: '120.00' },
  { id: 'INV-1042', amount: '75.50' },
];
// Set by the "break" buttons; a row keeps throwing until the fallback's button clears it.
const broken = { invoices: false, chart: false, plain: false, root: false };

function InvoiceRow({ invoice }) {
  if (broken.invoices && invoice.id === 'INV-1042') throw new Error('Invoice INV-1042 has no amount');
  return h('tr', null, h('td', null, invoice.id), h('td', null, invoice.amount));
}

function InvoiceTable({ invoices }) {
  useEffect(() => {
    probe.mounts++;
  }, []);
  return h(
    'div',
    { id: 'invoices' },
    h('table', null, h('tbody', null, invoices.map((invoice) => h(InvoiceRow, { key: invoice.id, invoice })))),
    h(
      'button',
      {
        id: 'handler-error',
        onClick: () => {
          throw new Error('Export handler failed');
        },
      },
      'Export',
    ),
  );
}

function Fallback({ error, componentStack, resetError, eventId }) {
  probe.fallback = { error: text(error), componentStack, eventId };
  return h(
    'div',
    { id: 'fallback' },
    h('p', null, 'Could not show invoices: ', text(error)),
    h('code', { id: 'fallback-event' }, eventId),
    h(
      'button',
      {
        id: 'reset',
        onClick: () => {
          broken.invoices = false;
          resetError();
        },
      },
      'Try again',
    ),
  );
}

function Dashboard({ tick, customer }) {
  return h(
    'section',
    null,
    h('h2', null, 'Invoices'),
    h(
      ErrorBoundary,
      {
        fallback: Fallback,
        beforeCapture: (scope, error, componentStack) => {
          scope.setTag('boundary', 'invoices');
          probe.calls.push(['beforeCapture', typeof scope.setTag, text(error), componentStack]);
        },
        onError: (error, componentStack, eventId) => probe.calls.push(['onError', text(error), componentStack, eventId]),
        onReset: (error, componentStack, eventId) => probe.calls.push(['onReset', text(error), eventId]),
        onMount: () => probe.calls.push(['onMount']),
        resetKeys: [customer],
      },
      h(InvoiceTable, { invoices: INVOICES, tick }),
    ),
  );
}

// The HOC's boundary has no fallback: after an error it renders nothing, and the page goes on.
function Chart({ tick }) {
  if (broken.chart) throw new Error('Chart data missing');
  return h('p', { id: 'chart' }, 'Chart ', tick);
}
const SafeChart = withErrorBoundary(Chart, {
  onUnmount: (error, componentStack, eventId) => probe.calls.push(['onUnmount', error && text(error), eventId]),
});
probe.chartName = SafeChart.displayName;

// A boundary that is not faultline's: what it catches reaches React 19's onCaughtError only.
class PlainBoundary extends Component {
  constructor(props) {
    super(props);
    this.state = { failed: false };
  }
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    return this.state.failed ? h('p', { id: 'plain-fallback' }, 'Plain boundary caught it') : this.props.children;
  }
}

function Forecast({ tick }) {
  if (broken.plain) throw new Error('Forecast failed');
  return h('p', null, 'Forecast ', tick);
}

function Header({ tick }) {
  if (broken.root) throw new Error('Header failed outside every boundary');
  return h('h1', null, 'Billing ', tick);
}

export function App() {
  const [tick, setTick] = useState(0);
  const [customer, setCustomer] = useState('acme');
  const [chart, setChart] = useState(true);
  const breakIt = (what) => () => {
    broken[what] = true;
    setTick(tick + 1);
  };
  return h(
    'main',
    null,
    h(Header, { tick }),
    h('button', { id: 'break', onClick: breakIt('invoices') }, 'Break the invoice table'),
    h('button', { id: 'break-chart', onClick: breakIt('chart') }, 'Break the chart'),
    h('button', { id: 'hide-chart', onClick: () => setChart(false) }, 'Hide the chart'),
    h('button', { id: 'break-plain', onClick: breakIt('plain') }, 'Break the forecast'),
    h(
      'button',
      {
        id: 'switch-customer',
        onClick: () => {
          broken.invoices = false;
          setCustomer('globex');
        },
      },
      'Switch customer',
    ),
    h('button', { id: 'break-root', onClick: breakIt('root') }, 'Break the header'),
    h(Dashboard, { tick, customer }),
    chart ? h(SafeChart, { tick }) : null,
    h(PlainBoundary, null, h(Forecast, { tick })),
  );
}
