import { AggregateRoot, DomainEvent } from '../domain';
import { InMemoryAggregateStore } from './in-memory-aggregate.store';

class ThingMade extends DomainEvent<{ id: string }> {
  readonly eventName = 'tests.thing-made';
}
class ThingRenamed extends DomainEvent<{ id: string }> {
  readonly eventName = 'tests.thing-renamed';
}

class Thing extends AggregateRoot<string> {
  static make(id: string): Thing {
    const thing = new Thing(id);
    thing.raise(new ThingMade(id, { id }));
    return thing;
  }
  rename(): void {
    this.raise(new ThingRenamed(this.id, { id: this.id }));
  }
}

describe('InMemoryAggregateStore', () => {
  it('when an aggregate is saved, then it is stored and the events it raised are published once', async () => {
    const store = new InMemoryAggregateStore<Thing>();
    const thing = Thing.make('a');
    await store.save(thing);
    thing.rename();
    await store.save(thing);
    await store.save(thing);

    expect(store.get('a')).toBe(thing);
    expect(store.outbox.names).toEqual(['tests.thing-made', 'tests.thing-renamed']);
  });
});
