import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Events are published by the aggregate repositories on save, never by hand:
 * a handler that calls the outbox itself is how an event gets forgotten (the
 * RegisterUserHandler bug). Reads the sources, so it needs no database; the
 * behaviour itself is proven against PostgreSQL in
 * test/e2e/platform/aggregate-events-outbox.e2e-spec.ts.
 */
const LIBS = join(__dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

// A bounded context is a lib with a descriptor (`src/<name>.context.ts`); the platform libs have none.
const contextSources = () =>
  readdirSync(LIBS)
    .filter((lib) => statSync(join(LIBS, lib, 'src', `${lib}.context.ts`), { throwIfNoEntry: false })?.isFile())
    .flatMap((lib) => {
      const src = join(LIBS, lib, 'src');
      return statSync(src, { throwIfNoEntry: false })?.isDirectory() ? sources(src) : [];
    })
    .map((path) => ({ path: relative(LIBS, path), text: readFileSync(path, 'utf8') }));

describe('Publish on save (structure)', () => {
  it('When the contexts are read, then none publishes to the outbox by hand or injects the publisher', () => {
    const offenders = contextSources()
      .filter(({ text }) => /outbox\.publish\(|\bOutboxPublisher\b/.test(text))
      .map(({ path }) => path);
    expect(offenders).toEqual([]);
  });

  it('When a repository adapter stores an aggregate, then it extends the base that publishes on save', () => {
    const files = contextSources();
    const aggregates = files.flatMap(({ text }) => [...text.matchAll(/export class (\w+) extends AggregateRoot\b/g)].map((m) => m[1]));
    // The scan must find the aggregates, or the check below would pass on nothing.
    expect(aggregates).toEqual(expect.arrayContaining(['User', 'Order', 'Payment']));
    const adapters = files.filter(({ text }) =>
      aggregates.some((aggregate) => new RegExp(`class \\w+ extends \\w+(<[^>]*>)? implements ${aggregate}Repository\\b`).test(text)),
    );
    expect(adapters.length).toBeGreaterThanOrEqual(aggregates.length);
    const notPublishing = adapters.filter(({ text }) => !/extends AggregateTypeOrmRepositoryBase</.test(text)).map(({ path }) => path);
    expect(notPublishing).toEqual([]);
  });
});
