export * from './embedded-object-storage';
