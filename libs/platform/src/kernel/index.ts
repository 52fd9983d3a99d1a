export * from './context-descriptor';
