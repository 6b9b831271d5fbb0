export * from './nps';
export * from './protocol';
export * from './satisfaction';
export * from './stats';
export * from './rules';
