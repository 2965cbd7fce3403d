export * from './run';
export * from './replay';
