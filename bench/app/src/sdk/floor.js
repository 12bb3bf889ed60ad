// No SDK: the floor every other variant is compared with.
import { createElement as h, Fragment } from 'react';

export const NAME = 'floor';
export function start() {}
export function ErrorBoundary({ children }) {
  return h(Fragment, null, children);
}
export function settled() {
  return Promise.resolve();
}
export function captureException() {}
export function addBreadcrumb() {}
export function flush() {
  return Promise.resolve(true);
}
