export * from './format';
export * from './recorder';
