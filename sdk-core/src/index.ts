export * from './nps';
export * from './outbox';
export * from './protocol';
export * from './rules';
export * from './satisfaction';
export * from './stats';
