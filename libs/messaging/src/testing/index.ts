/** Test doubles of the messaging lib, for unit specs only (excluded from the build). */
export * from './event-envelope.fixture';
