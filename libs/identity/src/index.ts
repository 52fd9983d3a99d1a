/** Public surface of the identity context: its one descriptor, registered in the root contexts.ts. */
export { identityContext } from './identity.context';
