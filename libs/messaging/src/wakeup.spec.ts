import { Wakeup } from './wakeup';

describe('Wakeup', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const settled = async (promise: Promise<void>) => {
    let done = false;
    void promise.then(() => (done = true));
    await Promise.resolve();
    await Promise.resolve();
    return done;
  };

  it('When nothing signals, then a wait lasts its full time', async () => {
    const wakeup = new Wakeup();
    const waiting = wakeup.wait(1_000);
    jest.advanceTimersByTime(999);
    expect(await settled(waiting)).toBe(false);
    jest.advanceTimersByTime(1);
    expect(await settled(waiting)).toBe(true);
  });

  it('When a signal comes during a wait, then the wait ends at once', async () => {
    const wakeup = new Wakeup();
    const waiting = wakeup.wait(60_000);
    wakeup.signal();
    expect(await settled(waiting)).toBe(true);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('When a signal comes while nobody waits (the relay is draining), then the next wait ends at once, and only that one', async () => {
    const wakeup = new Wakeup();
    const first = wakeup.wait(10);
    jest.advanceTimersByTime(10);
    await first;
    wakeup.signal();
    expect(await settled(wakeup.wait(60_000))).toBe(true);
    const after = wakeup.wait(60_000);
    expect(await settled(after)).toBe(false);
    jest.advanceTimersByTime(60_000);
    expect(await settled(after)).toBe(true);
  });
});
