import { exitWhenOrphaned } from '@keel/kernel/lifecycle/exit-when-orphaned';

/**
 * Preloaded (`--require`) into a child that has no shutdown code of its own,
 * the swc watcher of `npm run dev`: it ends with the launcher even when the
 * launcher is SIGKILLed.
 */
exitWhenOrphaned();
