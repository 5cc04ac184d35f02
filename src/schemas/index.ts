export * from './common.js';
export * from './endpoint.js';
export * from './validate.js';
