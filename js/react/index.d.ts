// Type declarations for `faultline/react`, written by hand beside js/react/index.js and checked
// by tests/types/. Props and signatures follow @sentry/react's.

import type { Component, ComponentType, FC, ReactElement, ReactNode } from 'react';
import type { BrowserTracingOptions, CaptureHint, Integration, Options, Scope } from '../index.js';

export * from '../index.js';

/** What React passes with a caught error; React 19 root handlers add `errorBoundary`. */
export interface ReactErrorInfo {
  componentStack?: string | null;
  errorBoundary?: unknown;
}

/** A fallback rendered as a component with what the boundary caught. */
export type FallbackRender = (errorData: {
  error: unknown;
  componentStack: string;
  eventId: string;
  resetError(): void;
}) => ReactElement;

export interface ErrorBoundaryProps {
  children?: ReactNode | (() => ReactNode);
  /** Shown instead of the children after an error; without it the boundary renders nothing. */
  fallback?: ReactElement | FallbackRender;
  /** Called after the error was captured. */
  onError?(error: unknown, componentStack: string, eventId: string): void;
  onMount?(): void;
  /** Called when the boundary resets (`resetError()` or a change of `resetKeys`). */
  onReset?(error: unknown, componentStack: string | null, eventId: string | null): void;
  /** Called on unmount; all three are `null` when no error was caught. */
  onUnmount?(error: unknown, componentStack: string | null, eventId: string | null): void;
  /** Called before the capture inside `withScope`: what it sets on `scope` applies to this event only. */
  beforeCapture?(scope: Scope, error: unknown, componentStack: string): void;
  /** `mechanism.handled` of the event; defaults to whether a `fallback` is given. */
  handled?: boolean;
  /** When any of these changes while the fallback shows, the boundary resets. */
  resetKeys?: readonly unknown[];
  /** Accepted for compatibility with @sentry/react; Faultline shows no report dialog. */
  showDialog?: boolean;
  /** Accepted for compatibility with @sentry/react; ignored. */
  dialogOptions?: Record<string, unknown>;
}

export interface ErrorBoundaryState {
  error: unknown;
  componentStack: string | null;
  eventId: string | null;
}

/** Catches render errors below it, reports each once with its component stack, shows `fallback`. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  /** Calls `onReset` and renders the children again from a fresh mount. */
  resetErrorBoundary(): void;
}

/** Wraps `component` in an `ErrorBoundary` with `options`; named `errorBoundary(Name)`. */
export function withErrorBoundary<P extends Record<string, any>>(component: ComponentType<P>, options: ErrorBoundaryProps): FC<P>;

/**
 * A handler for React 19's `createRoot`/`hydrateRoot` options `onUncaughtError`, `onCaughtError`
 * and `onRecoverableError`. Errors a faultline `ErrorBoundary` caught are left to the boundary.
 */
export function reactErrorHandler(
  callback?: (error: unknown, errorInfo: ReactErrorInfo, eventId: string) => void,
): (error: unknown, errorInfo: ReactErrorInfo) => void;

/** Reports an error React caught, with its component stack; returns the event id. */
export function captureReactException(error: unknown, errorInfo: ReactErrorInfo, hint?: CaptureHint): string;

/** `init` of `faultline`, reporting as the React SDK and adding `contexts.react.version`. */
export function init(options?: Options): void;

/** The React Router functions the router integration needs, passed from `react-router` (v6 or later). */
export interface ReactRouterOptions {
  useLocation: () => { pathname: string };
  useNavigationType?: () => unknown;
  createRoutesFromChildren: (children: ReactNode) => unknown[];
  matchRoutes: (routes: any, location: any) => Array<{ route: { path?: string } }> | null;
  /** Accepted for compatibility; React's own effect hook is used. */
  useEffect?: unknown;
  /** Leave the router's basename out of transaction names. */
  stripBasename?: boolean;
}

/** `browserTracingIntegration` whose pageload and navigation transactions are named after the matched route (`/invoices/:id`). */
export function reactRouterBrowserTracingIntegration(options: BrowserTracingOptions & ReactRouterOptions): Integration;
/** Wraps `<Routes>`: the route each location matches names its transaction. */
export function wrapReactRouterRouting<R extends ComponentType<any>>(Routes: R): R;
/** Wraps `useRoutes`: the route each location matches names its transaction. */
export function wrapUseRoutes<U extends (routes: any[], location?: any) => ReactElement | null>(useRoutes: U): U;
/** Wraps `createBrowserRouter` or `createMemoryRouter`: the route each finished navigation lands on names its transaction. */
export function wrapCreateBrowserRouter<C extends (routes: any[], options?: any) => any>(createRouter: C): C;
/** `wrapCreateBrowserRouter`, for `createMemoryRouter`. */
export const wrapCreateMemoryRouter: typeof wrapCreateBrowserRouter;
/** The names @sentry/react gives the same functions per React Router version. */
export const reactRouterV6BrowserTracingIntegration: typeof reactRouterBrowserTracingIntegration;
export const reactRouterV7BrowserTracingIntegration: typeof reactRouterBrowserTracingIntegration;
export const withSentryReactRouterV6Routing: typeof wrapReactRouterRouting;
export const withSentryReactRouterV7Routing: typeof wrapReactRouterRouting;
export const wrapUseRoutesV6: typeof wrapUseRoutes;
export const wrapUseRoutesV7: typeof wrapUseRoutes;
export const wrapCreateBrowserRouterV6: typeof wrapCreateBrowserRouter;
export const wrapCreateBrowserRouterV7: typeof wrapCreateBrowserRouter;
export const wrapCreateMemoryRouterV6: typeof wrapCreateBrowserRouter;
export const wrapCreateMemoryRouterV7: typeof wrapCreateBrowserRouter;

/** Props of `Profiler`. */
export interface ProfilerProps {
  /** The component's name in the spans (`<name>`). */
  name: string;
  /** Record nothing. */
  disabled?: boolean;
  /** A `ui.react.render` span from mount to unmount; default true. */
  includeRender?: boolean;
  /** `ui.react.update` spans when `updateProps` change; default true. */
  includeUpdates?: boolean;
  /** The props whose changes make update spans. */
  updateProps?: Record<string, unknown>;
  children?: ReactNode;
}

/** Adds `ui.react.mount`, `ui.react.update` and `ui.react.render` spans of its children to the transaction in progress. */
export class Profiler extends Component<ProfilerProps> {}

/** Wraps `component` in a `Profiler` named `options.name` or the component's name; its props are the `updateProps`. */
export function withProfiler<P extends Record<string, any>>(
  component: ComponentType<P>,
  options?: Partial<Omit<ProfilerProps, 'updateProps' | 'children'>>,
): FC<P>;

/** The `Profiler`'s mount and render spans for a function component. */
export function useProfiler(name: string, options?: { disabled?: boolean; hasRenderSpan?: boolean }): void;
