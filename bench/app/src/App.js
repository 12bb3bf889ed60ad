// A small shop page: a list, a filter and a counter. Enough React work to be a real first
// render, nothing that depends on the SDK.
import { createElement as h, useEffect, useMemo, useState } from 'react';

const ITEMS = Array.from({ length: 60 }, (_, i) => ({ id: i, name: 'Item ' + i, price: ((i * 37) % 100) + 0.99 }));

function Row({ item, onAdd }) {
  return h('li', null, h('span', null, item.name + ' — $' + item.price.toFixed(2)), ' ', h('button', { onClick: () => onAdd(item) }, 'Add'));
}

export function App({ onRendered }) {
  const [filter, setFilter] = useState('');
  const [cart, setCart] = useState([]);
  useEffect(() => onRendered(), []);
  const shown = useMemo(() => ITEMS.filter((it) => it.name.includes(filter)), [filter]);
  const total = cart.reduce((s, it) => s + it.price, 0);
  return h(
    'main',
    null,
    h('h1', null, 'Shop'),
    h('input', { placeholder: 'filter', value: filter, onChange: (e) => setFilter(e.target.value) }),
    h('p', { id: 'total' }, cart.length + ' items, $' + total.toFixed(2)),
    h('ul', null, shown.map((it) => h(Row, { key: it.id, item: it, onAdd: (x) => setCart((c) => c.concat(x)) }))),
  );
}
