export { CodeReader } from './CodeReader';
export type { CodeReaderProps } from './types';
