import { decideHeapSizeHere, heapArgs } from '@keel/runtime/memory/heap-size';

/**
 * Prints the `--max-old-space-size=N --max-semi-space-size=M` flags for this machine
 * (cgroup memory limit, or the documented default), or nothing when NODE_OPTIONS
 * already sets the heap. Space-separated: the caller's shell splits them.
 * Node cannot change its heap limit once started, so the shell that starts it asks first:
 *   node $(node dist/apps/launcher/src/heap-flag.js) --require …/register.js … main.js
 * Used by `npm run start:api` / `start:worker` / `start:sandbox` and docker/docker-entrypoint.sh;
 * the launcher calls the same function for its children. Rule: libs/runtime/src/memory/heap-size.ts.
 * It loads only that file (not @keel/runtime's index), so it costs one bare node start.
 */
process.stdout.write(heapArgs(decideHeapSizeHere()).join(' '));
