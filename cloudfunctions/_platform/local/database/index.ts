/** The embedded local stand-in for the WeChat cloud database (implements database.port.ts). */
export { createLocalDatabase, type LocalDatabase, type LocalDatabaseOptions } from './local-database';
export type { DatabaseStats, FaultInjector, FaultOp, OpKind } from './engine';
export { DEFAULT_LIMIT, MAX_LIMIT } from './collection';
export { latencyFromEnv, MODELLED_LATENCY, VirtualClock, type LatencyModel, type RoundTripClock } from './latency';
