// The error boundary demo: a button makes one row of the invoice list throw while rendering.
// faultline's ErrorBoundary reports it once, with the component stack, and shows a fallback
// carrying the event id (what a user would quote to support).

import { createElement as h, useState } from 'react';
import { ErrorBoundary } from 'faultline/react';

const GOOD = [{ id: 'INV-1041', total: 120 }];
// INV-1042 has no total: rendering it throws a TypeError.
const BAD = GOOD.concat({ id: 'INV-1042' });

function InvoiceRow({ invoice }) {
  return h('li', null, invoice.id, ': ', invoice.total.toFixed(2));
}

function InvoiceList({ invoices }) {
  return h('ul', { id: 'invoice-list' }, invoices.map((invoice) => h(InvoiceRow, { key: invoice.id, invoice })));
}

function Fallback({ eventId, resetError }) {
  return h(
    'div',
    { id: 'boundary-fallback', role: 'alert' },
    h('p', null, 'The invoice list crashed; it was reported as ', h('code', null, eventId), '.'),
    h('button', { id: 'boundary-reset', onClick: resetError }, 'Try again'),
  );
}

export function Invoices() {
  const [invoices, setInvoices] = useState(GOOD);
  return h(
    'section',
    null,
    h('h2', null, 'Invoices'),
    h('button', { id: 'render-error', onClick: () => setInvoices(BAD) }, 'Break the invoice list'),
    h(ErrorBoundary, { fallback: Fallback, onReset: () => setInvoices(GOOD) }, h(InvoiceList, { invoices })),
  );
}
