// React Router (v6 and later) tracing, named as in @sentry/react: pageload and navigation
// transactions are named after the matched route (`/invoices/:id`, source `route`) instead of
// the URL, so every invoice's page load groups as one transaction.
//
// Transactions start as with `browserTracingIntegration` (the History API is instrumented, so
// navigations need nothing from the router); the router only tells which route matched. The
// app passes its own `matchRoutes`, `useLocation` and `createRoutesFromChildren`, so this file
// does not depend on react-router. Wrapping happens at module load, often before `init`, so
// the hooks are looked up when the wrapped component renders or the router changes. Nothing
// here throws into the app.

import { createElement, useEffect, useState } from 'react';
import { _nameRoute, browserTracingIntegration } from '../tracing.js';

// The integration's options: the router functions and `stripBasename`.
let _router;
// Routers made before `init`: named once the integration is installed.
const _waiting = [];

// The route pattern of `matches` (what `matchRoutes` returns): the matched routes' paths
// joined, an absolute path starting over; index and layout routes add nothing.
function _pattern(matches) {
  let p = '';
  for (const m of matches) {
    const path = m && m.route && m.route.path;
    if (path) p = path[0] === '/' ? path : p.replace(/\/$/, '') + '/' + path;
  }
  return p || '/';
}

// Names the current transaction after the route `location` matches in `routes()`.
function _name(routes, location) {
  try {
    const r = _router;
    const matches = r && location && r.matchRoutes(routes(), location);
    if (matches && matches.length) _nameRoute(_pattern(matches), String(location.pathname), !!r.stripBasename);
  } catch (e) {}
}

/**
 * `browserTracingIntegration` whose transactions are named after the React Router route that
 * matched. Pass it `useLocation`, `useNavigationType`, `createRoutesFromChildren` and
 * `matchRoutes` from `react-router` (or `react-router-dom`), then wrap `<Routes>`
 * (`wrapReactRouterRouting`), `createBrowserRouter` (`wrapCreateBrowserRouter`) or `useRoutes`
 * (`wrapUseRoutes`). `stripBasename: true` leaves the router's basename out of the names.
 */
export function reactRouterBrowserTracingIntegration(options) {
  const tracing = browserTracingIntegration(options);
  return {
    name: tracing.name,
    _install() {
      tracing._install();
      _router = options && typeof options.matchRoutes === 'function' ? options : undefined;
      for (const f of _waiting.splice(0)) f();
    },
  };
}

// Names the route of each location a component wrapped by the two functions below renders,
// once it has rendered. The router hooks are looked up on the first render and kept, so the
// component calls the same hooks on every render.
function useRouteName(routesOf) {
  const [r] = useState(() => _router);
  let location;
  try {
    location = r && r.useLocation();
  } catch (e) {}
  useEffect(() => {
    if (location) _name(routesOf, location);
  }, [location]);
}

/** Wraps React Router's `<Routes>` so the route each location matches names its transaction. */
export function wrapReactRouterRouting(Routes) {
  const Wrapped = (props) => {
    useRouteName(() => _router.createRoutesFromChildren(props.children));
    return createElement(Routes, props);
  };
  Wrapped.displayName = 'SentryRoutes';
  return Wrapped;
}

/** Wraps React Router's `useRoutes` so the route each location matches names its transaction. */
export function wrapUseRoutes(useRoutes) {
  return (routes, location) => {
    useRouteName(() => routes);
    return useRoutes(routes, location);
  };
}

/**
 * Wraps `createBrowserRouter` (or `createMemoryRouter`): the route the router is at, and the one
 * each finished navigation lands on, names the transaction.
 */
export function wrapCreateBrowserRouter(createRouter) {
  return (routes, options) => {
    const router = createRouter(routes, options);
    try {
      const all = () => routes;
      const now = () => _name(all, router.state.location);
      if (_router) now();
      else _waiting.push(now);
      router.subscribe((state) => {
        try {
          if (state.navigation.state === 'idle') _name(all, state.location);
        } catch (e) {}
      });
    } catch (e) {}
    return router;
  };
}

export {
  reactRouterBrowserTracingIntegration as reactRouterV6BrowserTracingIntegration,
  reactRouterBrowserTracingIntegration as reactRouterV7BrowserTracingIntegration,
  wrapReactRouterRouting as withSentryReactRouterV6Routing,
  wrapReactRouterRouting as withSentryReactRouterV7Routing,
  wrapUseRoutes as wrapUseRoutesV6,
  wrapUseRoutes as wrapUseRoutesV7,
  wrapCreateBrowserRouter as wrapCreateBrowserRouterV6,
  wrapCreateBrowserRouter as wrapCreateBrowserRouterV7,
  wrapCreateBrowserRouter as wrapCreateMemoryRouter,
  wrapCreateBrowserRouter as wrapCreateMemoryRouterV6,
  wrapCreateBrowserRouter as wrapCreateMemoryRouterV7,
};
