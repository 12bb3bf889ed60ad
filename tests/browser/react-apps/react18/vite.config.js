export { default } from '../vite.shared.js';
