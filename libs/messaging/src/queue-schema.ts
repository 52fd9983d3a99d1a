/**
 * The PostgreSQL schema of BullMQ's PostgreSQL backend: created and upgraded by the
 * migration step (ormconfig.ts), checked by the worker before it starts its queue
 * workers (QueueConnection.assertReady), used by every Queue and Worker.
 */
export const QUEUE_SCHEMA = 'bullmq';
