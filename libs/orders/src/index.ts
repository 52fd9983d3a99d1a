/** Public surface of the orders context: its one descriptor, registered in the root contexts.ts. Other contexts use ./contracts only. */
export { ordersContext } from './orders.context';
