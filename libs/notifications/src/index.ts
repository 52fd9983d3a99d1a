/** Public surface of the notifications context: its one descriptor, registered in the root contexts.ts. Other contexts use ./contracts only. */
export { notificationsContext } from './notifications.context';
