/** The event contract (schema/EVENTS.md): topics, types, payload schemas, builders and parsers. */
export * from './contract.js';
export * from './build.js';
export * from './parse.js';
export * from './audit.js';
