export * from './nps';
export * from './outbox';
export * from './protocol';
export * from './satisfaction';
export * from './stats';
