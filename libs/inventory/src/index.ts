/** Public surface of the inventory context: its one descriptor, registered in the root contexts.ts. Other contexts use ./contracts only. */
export { inventoryContext } from './inventory.context';
