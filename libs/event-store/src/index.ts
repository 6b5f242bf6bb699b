export * from './event-store.port';
export * from './canonical-json';
export * from './hash-chain';
export * from './sqlite/sqlite-event-store';
export * from './sqlite/sqlite-daily-sequence';
export * from './sqlite/open-database';
export * from './log-seal';
export * from './log-verifier';
