/** Public surface of the payments context: its one descriptor, registered in the root contexts.ts. Other contexts use ./contracts only. */
export { paymentsContext } from './payments.context';
