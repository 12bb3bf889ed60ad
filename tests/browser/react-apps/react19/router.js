// A shop with React Router and faultline's router tracing and component profiler, served for
// every path under /shop/.
// `?mode=` picks how the app routes, as apps do: `routes` (<Routes> wrapped by
// withSentryReactRouterV7Routing), `data` (createBrowserRouter wrapped, made at module load,
// before init) or `hook` (useRoutes wrapped); `?plain` traces without the router integration.
// The DSN comes from the query string.

import { createElement as h, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import {
  BrowserRouter,
  Link,
  Outlet,
  Route,
  RouterProvider,
  Routes,
  createBrowserRouter,
  createRoutesFromChildren,
  matchRoutes,
  useLocation,
  useNavigationType,
  useRoutes,
} from 'react-router';
import * as Sentry from 'faultline/react';

const query = new URLSearchParams(location.search);
const mode = query.get('mode');
// Links keep the query, so each page of the test keeps its DSN and mode.
const to = (path) => path + location.search;

function Layout() {
  Sentry.useProfiler('Layout');
  return h(
    'div',
    null,
    h(Link, { id: 'to-item', to: to('/shop/items/7') }, 'item 7'),
    h(Link, { id: 'to-orders', to: to('/shop/users/3/orders') }, 'orders of user 3'),
    h(Link, { id: 'to-home', to: to('/shop') }, 'home'),
    h(Outlet),
  );
}

// Profiled: its mount, and its time on screen once it unmounts.
const Page = Sentry.withProfiler(({ name }) => h('p', { id: 'page' }, name), { name: 'Page' });

const routes = [
  {
    path: '/shop',
    element: h(Layout),
    children: [
      { index: true, element: h(Page, { name: 'home' }) },
      { path: 'items/:itemId', element: h(Page, { name: 'item' }) },
      { path: 'users/:userId', children: [{ path: 'orders', element: h(Page, { name: 'orders' }) }] },
    ],
  },
];

// Made before init, at module load.
const SentryRoutes = Sentry.withSentryReactRouterV7Routing(Routes);
const useSentryRoutes = Sentry.wrapUseRoutesV7(useRoutes);
const router = mode === 'data' ? Sentry.wrapCreateBrowserRouterV7(createBrowserRouter)(routes) : undefined;

Sentry.init({
  dsn: query.get('dsn'),
  tracesSampleRate: 1,
  // `?plain`: tracing without the router integration (the wrappers then only route).
  integrations: [
    query.has('plain')
      ? Sentry.browserTracingIntegration()
      : Sentry.reactRouterV7BrowserTracingIntegration({ useEffect, useLocation, useNavigationType, createRoutesFromChildren, matchRoutes }),
  ],
});
window.__flush = Sentry.flush;

function Declared() {
  return h(
    SentryRoutes,
    null,
    h(
      Route,
      { path: '/shop', element: h(Layout) },
      h(Route, { index: true, element: h(Page, { name: 'home' }) }),
      h(Route, { path: 'items/:itemId', element: h(Page, { name: 'item' }) }),
      h(Route, { path: 'users/:userId' }, h(Route, { path: 'orders', element: h(Page, { name: 'orders' }) })),
    ),
  );
}

const ByHook = () => useSentryRoutes(routes);

const root = createRoot(document.getElementById('root'));
if (router) root.render(h(RouterProvider, { router }));
else root.render(h(BrowserRouter, null, h(mode === 'hook' ? ByHook : Declared)));
