import { withDeadline } from './deadline';

describe('withDeadline', () => {
  it('When the work settles in time, then its value is returned and no timer is left behind', async () => {
    const before = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    await expect(withDeadline(Promise.resolve(42), 10_000, () => new Error('late'))).resolves.toBe(42);
    expect(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length).toBe(before);
  });

  it('When the work fails in time, then its own error is passed on', async () => {
    await expect(withDeadline(Promise.reject(new Error('boom')), 10_000, () => new Error('late'))).rejects.toThrow('boom');
  });

  it('When the work outlasts the deadline, then it rejects with the given error at the deadline', async () => {
    const started = Date.now();
    await expect(withDeadline(new Promise<void>(() => undefined), 50, () => new Error('enqueue timed out after 50 ms'))).rejects.toThrow(
      'enqueue timed out after 50 ms',
    );
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
