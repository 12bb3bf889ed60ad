// Type declarations for `faultline`, written by hand beside js/index.js and checked by
// tests/types/. Names and shapes follow @sentry/browser where the two overlap.

/** Severity of an event or breadcrumb. `log` is an alias of `info`. */
export type SeverityLevel = 'fatal' | 'error' | 'warning' | 'log' | 'info' | 'debug';

/** A value a tag may hold; it is sent as a string. */
export type Primitive = number | string | boolean | bigint | symbol | null | undefined;

/** The user an event happened to. Nothing is set automatically. */
export interface User {
  id?: string | number;
  email?: string;
  username?: string;
  ip_address?: string | null;
  [key: string]: unknown;
}

/** Options of `init`. */
export interface Options {
  /** Project DSN (`https://<key>@host/<project>`); without one nothing is sent. */
  dsn?: string;
  release?: string;
  /** Defaults to `production`. */
  environment?: string;
  dist?: string;
  /** Share of error events kept, 0 to 1. Defaults to 1. */
  sampleRate?: number;
  /** Explain drops on the console. */
  debug?: boolean;
  /** `false` turns the SDK off. */
  enabled?: boolean;
  /** Let the server infer the user's IP address. Defaults to `false`. */
  sendDefaultPii?: boolean;
  /** At most 100. */
  maxBreadcrumbs?: number;
  /** Post envelopes to this same-origin URL instead of the DSN's host. */
  tunnel?: string;
  /** `false` installs no global error handlers. */
  defaultIntegrations?: false;
  /** Where to fetch `faultline_bg.wasm` from; next to the module by default. */
  wasmUrl?: string | URL;
  /** Extra integrations, e.g. `browserTracingIntegration()`. */
  integrations?: Integration[];
  /** Share of traces whose transactions are sent, 0 to 1. Without it (or `tracesSampler`) no transaction is sent. */
  tracesSampleRate?: number;
  /** Decides the rate per new trace; wins over `tracesSampleRate`. */
  tracesSampler?: (context: SamplingContext) => number | boolean;
  /** URLs (substrings or RegExps) whose requests get `sentry-trace` and `baggage`; same origin only by default. */
  tracePropagationTargets?: Array<string | RegExp>;
  /** `false`: no release-health sessions. Sessions are sent only with a `release`. */
  autoSessionTracking?: boolean;
}

/** What `init` can set up besides the defaults. */
export interface Integration {
  name: string;
}

/** What `tracesSampler` is told about a new trace. */
export interface SamplingContext {
  name: string;
  attributes: Record<string, unknown>;
  parentSampled?: boolean;
  inheritOrSampleWith(fallback: number): number;
}

/** A span: a timed piece of work inside a transaction. */
export interface Span {
  spanContext(): { traceId: string; spanId: string; traceFlags: number };
  setAttribute(key: string, value: string | number | boolean | undefined): this;
  setAttributes(attributes: Record<string, string | number | boolean | undefined>): this;
  /** `{ code: 1 }` is ok; `{ code: 2, message: 'not_found' }` an error status. */
  setStatus(status: { code: 0 | 1 | 2; message?: string }): this;
  updateName(name: string): this;
  isRecording(): boolean;
  /** `endTimestamp`: seconds or ms since the epoch, or a Date; now by default. */
  end(endTimestamp?: number | Date): void;
}

/** Options of `startSpan` and `startInactiveSpan`. */
export interface StartSpanOptions {
  name: string;
  op?: string;
  attributes?: Record<string, string | number | boolean | undefined>;
  /** Seconds or ms since the epoch, or a Date; now by default. */
  startTime?: number | Date;
  /** The parent; the active span by default, `null` for a new transaction. */
  parentSpan?: Span | null;
  forceTransaction?: boolean;
}

/** Options of `browserTracingIntegration`. */
export interface BrowserTracingOptions {
  /** Ms without open spans after which a pageload or navigation ends (1000). */
  idleTimeout?: number;
  /** Ms after which it ends in any case (30000). */
  finalTimeout?: number;
  instrumentPageLoad?: boolean;
  instrumentNavigation?: boolean;
  traceFetch?: boolean;
  traceXHR?: boolean;
  enableLongTask?: boolean;
  shouldCreateSpanForRequest?: (url: string) => boolean;
  /** May rename a pageload or navigation, e.g. to a route pattern such as `/invoices/:id`. */
  beforeStartSpan?: (context: { name: string; op: string; attributes: Record<string, unknown> }) => {
    name: string;
    op?: string;
    attributes?: Record<string, unknown>;
  };
}

/** Per-capture data for `captureException` and `captureMessage`; it wins over the scope's. */
export interface CaptureHint {
  level?: SeverityLevel;
  tags?: Record<string, Primitive>;
  extra?: Record<string, unknown>;
  contexts?: Record<string, Record<string, unknown>>;
  fingerprint?: string[];
  /** How the error was caught; `{ type: 'generic', handled: true }` by default. */
  mechanism?: { type: string; handled?: boolean };
}

/** The version of this package. */
export const SDK_VERSION: string;

/** Starts the SDK; a second call is ignored with a warning. Never throws. */
export function init(options?: Options): void;

/** Reports an error (or any thrown value); returns the event id. */
export function captureException(exception: unknown, hint?: CaptureHint): string;

/** Reports a message, `info` by default; returns the event id. */
export function captureMessage(message: string, levelOrHint?: SeverityLevel | CaptureHint): string;

/** Sets the user for every later event; `null` clears it. */
export function setUser(user: User | null): void;

export function setTag(key: string, value: Primitive): void;

export function setTags(tags: Record<string, Primitive>): void;

/** Sets a named context object; `null` removes it. */
export function setContext(name: string, context: Record<string, unknown> | null): void;

export function setExtra(key: string, value: unknown): void;

export function setExtras(extras: Record<string, unknown>): void;

/** The id of the last event captured, if any. */
export function lastEventId(): string | undefined;

/** Resolves `true` once everything captured so far was sent and answered, `false` after `timeout` ms (2000). */
export function flush(timeout?: number): Promise<boolean>;

/** Like `flush`, then stops capturing. */
export function close(timeout?: number): Promise<boolean>;

/** Page-load and navigation transactions, web vitals, request spans and trace headers. */
export function browserTracingIntegration(options?: BrowserTracingOptions): Integration;

/** Runs `callback` inside a new active span, ended when it returns or its promise settles. */
export function startSpan<T>(options: StartSpanOptions, callback: (span: Span) => T): T;

/** Starts a span that is not active; end it with `span.end()`. */
export function startInactiveSpan(options: StartSpanOptions): Span;

/** The innermost active span, or the open pageload/navigation. */
export function getActiveSpan(): Span | undefined;
