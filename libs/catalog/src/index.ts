/** Public surface of the catalog context: its one descriptor, registered in the root contexts.ts. Other contexts use ./contracts only. */
export { catalogContext } from './catalog.context';
