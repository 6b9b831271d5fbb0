// The wire protocol, one file per resource: zod schemas and the types inferred from them.
export * from './answers';
export * from './collect';
export * from './errors';
export * from './fields';
export * from './responses';
export * from './scores';
export * from './sites';
export * from './surveys';
export * from './themes';
export * from './webhook';
