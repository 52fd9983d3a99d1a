export * from './object-storage.fake';
