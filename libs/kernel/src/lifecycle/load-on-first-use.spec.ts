import { loadOnFirstUse } from './load-on-first-use';

describe('loadOnFirstUse', () => {
  it('When nothing asks for the module, then it is not loaded; when callers ask, then it is loaded once for all of them', async () => {
    const load = jest.fn(async () => ({ name: 'heavy' }));
    const get = loadOnFirstUse(load);
    expect(load).not.toHaveBeenCalled();
    const [a, b] = await Promise.all([get(), get()]);
    expect(await get()).toBe(a);
    expect(b).toBe(a);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('When loading fails, then the caller gets the error and the next call tries again', async () => {
    const load = jest.fn().mockRejectedValueOnce(new Error('ENOENT')).mockResolvedValueOnce('loaded');
    const get = loadOnFirstUse(load);
    await expect(get()).rejects.toThrow('ENOENT');
    await expect(get()).resolves.toBe('loaded');
    expect(load).toHaveBeenCalledTimes(2);
  });
});
