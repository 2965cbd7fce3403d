export * from './run';
export * from './replay';
export * from './break';
