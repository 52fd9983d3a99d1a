export * from './count-bounded-lru';
