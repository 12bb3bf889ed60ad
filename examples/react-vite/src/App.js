// The demo app, written with createElement so it needs no JSX transform.
import { createElement as h, useState } from 'react';
import { captureException, captureMessage, lastEventId } from 'faultline/react';
import { Invoices } from './Invoices.js';

function parsePrice(cart) {
  // Throws a TypeError: the cart has no `item`.
  return cart.item.price;
}

export function App() {
  const [sent, setSent] = useState('');
  const note = () => setTimeout(() => setSent(lastEventId() || ''), 0);
  return h(
    'main',
    { style: { fontFamily: 'system-ui', maxWidth: 640, margin: '2rem auto' } },
    h('h1', null, 'Faultline demo'),
    h('p', null, 'Each button makes something go wrong; the local inbox prints what arrives.'),
    h(
      'button',
      {
        id: 'throw-error',
        onClick: () => {
          note();
          parsePrice({});
        },
      },
      'Throw a TypeError',
    ),
    ' ',
    h(
      'button',
      {
        id: 'reject-promise',
        onClick: () => {
          note();
          Promise.reject(new Error('Checkout service unavailable'));
        },
      },
      'Reject a promise',
    ),
    ' ',
    h(
      'button',
      {
        id: 'capture-handled',
        onClick: () => {
          try {
            JSON.parse('{not json');
          } catch (e) {
            captureException(e, { tags: { area: 'settings' } });
          }
          note();
        },
      },
      'Capture a handled error',
    ),
    ' ',
    h(
      'button',
      { id: 'capture-message', onClick: () => (captureMessage('Coupon code rejected', 'warning'), note()) },
      'Send a message',
    ),
    sent ? h('p', { id: 'last-event' }, 'Last event id: ', h('code', null, sent)) : null,
    h(Invoices),
  );
}
