export * from './model';
export { DecodeError, systemError } from './errors';
export type { SystemError } from './errors';
