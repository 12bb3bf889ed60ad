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

/** One entry of the trail sent with the next event. `timestamp` is in seconds. */
export interface Breadcrumb {
  message?: string;
  category?: string;
  type?: string;
  level?: SeverityLevel;
  data?: Record<string, unknown>;
  timestamp?: number;
}

/** The scope `withScope` and `getCurrentScope` give; it acts on the scope current when called. */
export interface Scope {
  setUser(user: User | null): void;
  setTag(key: string, value: Primitive): void;
  setTags(tags: Record<string, Primitive>): void;
  setContext(name: string, context: Record<string, unknown> | null): void;
  setExtra(key: string, value: unknown): void;
  setExtras(extras: Record<string, unknown>): void;
  setLevel(level: SeverityLevel): void;
  setFingerprint(fingerprint: string[]): void;
  addBreadcrumb(breadcrumb: Breadcrumb, hint?: Record<string, unknown>): void;
}

/** Scope data as a plain object (`initialScope`, a capture hint). */
export interface ScopeData {
  user?: User;
  tags?: Record<string, Primitive>;
  extra?: Record<string, unknown>;
  contexts?: Record<string, Record<string, unknown>>;
  level?: SeverityLevel;
  fingerprint?: string[];
}

/** Per-capture data for `captureException` and `captureMessage`; it wins over the scope's. */
export interface CaptureHint extends ScopeData {
  /** How the error was caught; `{ type: 'generic', handled: true }` by default. */
  mechanism?: { type: string; handled?: boolean };
}

/** An event as `beforeSend` sees it (the wire format, see the Sentry protocol). */
export interface ErrorEvent {
  event_id: string;
  message?: string;
  level?: SeverityLevel;
  exception?: { values?: Array<{ type?: string; value?: string; [key: string]: unknown }> };
  tags?: Record<string, string>;
  extra?: Record<string, unknown>;
  contexts?: Record<string, Record<string, unknown>>;
  user?: User;
  fingerprint?: string[];
  [key: string]: unknown;
}

export interface EventHint {
  event_id?: string;
  originalException?: unknown;
}

/** Something `init` sets up, such as `browserTracingIntegration()`. */
export interface Integration {
  name: string;
}

/** What a `transport` hook receives: the `fetch` init plus the URL. */
export interface TransportRequest {
  url: string;
  method: 'POST';
  body: string;
  keepalive: boolean;
  referrerPolicy: string;
  credentials: string;
}

export interface TransportResponse {
  status: number;
  headers?: { get(name: string): string | null };
}

/** What `tracesSampler` is asked about. */
export interface SamplingContext {
  name: string;
  attributes: Record<string, unknown>;
  parentSampled?: boolean;
  inheritOrSampleWith(fallbackRate: number): number;
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
  /** At most 100; 0 records none. */
  maxBreadcrumbs?: number;
  /** Post envelopes to this same-origin URL instead of the DSN's host. */
  tunnel?: string;
  /** `false` installs no global error handlers, breadcrumbs or sessions. */
  defaultIntegrations?: false;
  /**
   * More integrations, such as `browserTracingIntegration()`; or a function of the defaults that
   * returns the list to use (leaving out `GlobalHandlers` or `Breadcrumbs` turns that off).
   */
  integrations?: Integration[] | ((defaults: Integration[]) => Integration[]);
  /** Accepted so Sentry set-ups compile unchanged; Faultline records no replays. */
  replaysSessionSampleRate?: number;
  /** Accepted so Sentry set-ups compile unchanged; Faultline records no replays. */
  replaysOnErrorSampleRate?: number;
  /** Where to fetch `faultline_bg.wasm` from; next to the module by default. */
  wasmUrl?: string | URL;
  /** Scope values set at start. */
  initialScope?: ScopeData | ((scope: Scope) => void);
  /** Give messages and non-Error captures a stack trace. */
  attachStacktrace?: boolean;
  /** Change or drop (`null`) each breadcrumb. */
  beforeBreadcrumb?: (breadcrumb: Breadcrumb, hint: Record<string, unknown>) => Breadcrumb | null;
  /** Change or drop (`null`) each event before it is sent. */
  beforeSend?: (event: ErrorEvent, hint: EventHint) => ErrorEvent | null | PromiseLike<ErrorEvent | null>;
  /** Drop errors whose message matches (substring or RegExp). */
  ignoreErrors?: Array<string | RegExp>;
  /** Drop errors thrown from scripts at these URLs. */
  denyUrls?: Array<string | RegExp>;
  /** Keep only errors thrown from scripts at these URLs. */
  allowUrls?: Array<string | RegExp>;
  /** Drop cross-origin "Script error." events. */
  ignoreScriptErrors?: boolean;
  /** `false`: no release-health sessions. Sessions are sent only with a `release`. */
  autoSessionTracking?: boolean;
  /** Scrub tokens, card numbers and (unless `emails: false`) e-mail addresses; `false` turns it off. */
  scrub?: boolean | { emails?: boolean; patterns?: string[] };
  /** Cut longer strings. */
  maxValueLength?: number;
  normalizeDepth?: number;
  normalizeMaxBreadth?: number;
  /** At most this many events per minute for one issue (same fingerprint, or same error); off by default. */
  stormCap?: number;
  /** Send envelopes through this function instead of `fetch` (tests, custom networking). */
  transport?: (request: TransportRequest) => TransportResponse | PromiseLike<TransportResponse>;
  /** Share of traces whose transactions are sent, 0 to 1. Without it (or `tracesSampler`) no transaction is sent. */
  tracesSampleRate?: number;
  /** Decides the rate per new trace; wins over `tracesSampleRate`. */
  tracesSampler?: (context: SamplingContext) => number | boolean;
  /** URLs (substrings or RegExps) whose requests get `sentry-trace` and `baggage`; same origin only by default. */
  tracePropagationTargets?: Array<string | RegExp>;
}

/** A span: a timed piece of work inside a transaction. */
export interface Span {
  spanContext(): { traceId: string; spanId: string; traceFlags: number };
  setAttribute(key: string, value: SpanAttributeValue): this;
  setAttributes(attributes: Record<string, SpanAttributeValue>): this;
  /** `{ code: 1 }` is ok; `{ code: 2, message: 'not_found' }` an error status. */
  setStatus(status: { code: 0 | 1 | 2; message?: string }): this;
  updateName(name: string): this;
  isRecording(): boolean;
  /** `endTimestamp`: seconds or ms since the epoch, or a Date; now by default. */
  end(endTimestamp?: number | Date): void;
}

export type SpanAttributeValue = string | number | boolean | undefined;

/** Options of `startSpan` and `startInactiveSpan`. */
export interface StartSpanOptions {
  name: string;
  op?: string;
  attributes?: Record<string, SpanAttributeValue>;
  /** Seconds or ms since the epoch, or a Date; now by default. */
  startTime?: number | Date;
  /** The parent; `null` starts a new transaction. Defaults to the active span. */
  parentSpan?: Span | null;
  forceTransaction?: boolean;
}

export interface BrowserTracingOptions {
  /** Ms without new child spans after which a pageload or navigation ends (1000). */
  idleTimeout?: number;
  /** Ms after which it ends in any case (30000). */
  finalTimeout?: number;
  instrumentPageLoad?: boolean;
  instrumentNavigation?: boolean;
  traceFetch?: boolean;
  traceXHR?: boolean;
  enableLongTask?: boolean;
  shouldCreateSpanForRequest?: (url: string) => boolean;
  /** May rename a pageload or navigation, e.g. to a route pattern (`/invoices/:id`). */
  beforeStartSpan?: (context: { name: string; op: string; attributes: Record<string, unknown> }) => {
    name: string;
    op?: string;
    attributes?: Record<string, unknown>;
  } | void;
}

/** The version of this package. */
export const SDK_VERSION: string;

/** Starts the SDK; a second call is ignored with a warning. Never throws. */
export function init(options?: Options): void;

/** Reports an error (or any thrown value); returns the event id. */
export function captureException(exception: unknown, hint?: CaptureHint | ((scope: Scope) => void)): string;

/** Reports a message, `info` by default; returns the event id. */
export function captureMessage(message: string, levelOrHint?: SeverityLevel | CaptureHint | ((scope: Scope) => void)): string;

/** Sends an event built by hand; returns the event id. */
export function captureEvent(
  event: {
    message?: string | { message?: string; formatted?: string };
    exception?: { values?: Array<{ type?: string; value?: string }> };
  } & ScopeData,
  hint?: EventHint,
): string;

/** Sets the user for every later event; `null` clears it. */
export function setUser(user: User | null): void;

export function setTag(key: string, value: Primitive): void;

export function setTags(tags: Record<string, Primitive>): void;

/** Sets a named context object; `null` removes it. */
export function setContext(name: string, context: Record<string, unknown> | null): void;

export function setExtra(key: string, value: unknown): void;

export function setExtras(extras: Record<string, unknown>): void;

/** Gives every later event this level. */
export function setLevel(level: SeverityLevel): void;

/** Replaces default grouping for later events; `['{{ default }}', …]` extends it. */
export function setFingerprint(fingerprint: string[]): void;

/** Runs `callback(scope)`; what it sets applies only to events captured before it returns. */
export function withScope<T>(callback: (scope: Scope) => T): T;

/** The scope events are captured with right now. */
export function getCurrentScope(): Scope;

/** Adds a breadcrumb to the trail. */
export function addBreadcrumb(breadcrumb: Breadcrumb, hint?: Record<string, unknown>): void;

/** Runs `callback(span)` in a new active span, ended when it returns or its promise settles. */
export function startSpan<T>(options: StartSpanOptions, callback: (span: Span) => T): T;

/** Starts a span that is not made active; end it with `span.end()`. */
export function startInactiveSpan(options: StartSpanOptions): Span;

/** The innermost `startSpan` span, else the page's pageload or navigation span. */
export function getActiveSpan(): Span | undefined;

/** Page-load and navigation transactions, fetch/XHR spans, web vitals; pass it in `integrations`. */
export function browserTracingIntegration(options?: BrowserTracingOptions): Integration;

/**
 * Sends console calls at `levels` (default: `log`, `info`, `warn`, `error`, `debug`, `assert`) as
 * events: an `Error` passed to `console.error` as that exception, anything else as a message.
 */
export function captureConsoleIntegration(options?: { levels?: Array<'log' | 'info' | 'warn' | 'error' | 'debug' | 'assert'> }): Integration;

/**
 * Reports fetch and XMLHttpRequest requests answered with a status in `failedRequestStatusCodes`
 * (numbers or `[from, to]`; default `[[500, 599]]`) to URLs matching `failedRequestTargets`
 * (default: all) as error events. Headers, cookies and bodies are never sent.
 */
export function httpClientIntegration(options?: {
  failedRequestStatusCodes?: Array<number | [number, number]>;
  failedRequestTargets?: Array<string | RegExp>;
}): Integration;

/** Accepted so Sentry set-ups run unchanged: Faultline records no replays, and says so once on the console. */
export function replayIntegration(options?: Record<string, unknown>): Integration;

/** Accepted so Sentry set-ups run unchanged: Faultline records no replays, and says so once on the console. */
export function replayCanvasIntegration(options?: Record<string, unknown>): Integration;

/** Accepted so Sentry set-ups run unchanged: Faultline has no feedback widget, and says so once on the console. */
export function feedbackIntegration(options?: Record<string, unknown>): Integration;

/** Whether `init` ran with the SDK enabled and the core has not failed to load. */
export function isInitialized(): boolean;

/** What apps use of Sentry's client; undefined before `init`. */
export interface Client {
  /** The options `init` was called with. */
  getOptions(): Options;
  getDsn(): string | undefined;
  captureException: typeof captureException;
  captureMessage: typeof captureMessage;
  captureEvent: typeof captureEvent;
  flush: typeof flush;
  close: typeof close;
}

/** The client once `init` has run, else undefined. */
export function getClient(): Client | undefined;

/**
 * Runs `processor` on every error event, before `beforeSend`, in the order added: it returns
 * the event (or a Promise of it) or `null` to drop it. One that throws is skipped, with a warning.
 */
export function addEventProcessor(processor: (event: ErrorEvent, hint: EventHint) => ErrorEvent | null | PromiseLike<ErrorEvent | null>): void;

/** The id of the last event captured, if any. */
export function lastEventId(): string | undefined;

/** Resolves `true` once everything captured so far was sent and answered, `false` after `timeout` ms (2000). */
export function flush(timeout?: number): Promise<boolean>;

/** Like `flush`, then stops capturing. */
export function close(timeout?: number): Promise<boolean>;
