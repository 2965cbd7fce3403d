export * from './movement';
export * from './daily';
export * from './summarize';
export * from './goal';
