import { BrokenCircuitError } from 'cockatiel';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { metricsRegistry } from '../metrics';
import { OutboundCallError } from './outbound-error';
import { OutboundPolicy } from './outbound-policy';

/** A provider stand-in whose next answers are scripted: status codes, or 'slow'. */
function fakeProvider(script: Array<number | 'slow'>, headers: Record<string, string> = {}) {
  let calls = 0;
  const server: Server = createServer((_req, res) => {
    const step = script[Math.min(calls, script.length - 1)];
    calls++;
    if (step === 'slow') return void setTimeout(() => res.writeHead(200).end('{}'), 1_000).unref();
    res.writeHead(step, headers).end('{}');
  });
  return {
    calls: () => calls,
    start: () =>
      new Promise<string>((ok) => server.listen(0, '127.0.0.1', () => ok(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    stop: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

const get = (url: string) => async (signal: AbortSignal) => {
  const res = await fetch(url, { signal });
  await res.text();
  if (!res.ok) throw OutboundCallError.fromResponse('fake', res.status, res.headers.get('retry-after'));
  return res.status;
};

const metricValue = async (name: string, labels: Record<string, string>) => {
  const base = name.replace(/_(count|sum|bucket)$/, '');
  const metric = (await metricsRegistry.getMetricsAsJSON()).find((m) => m.name === base);
  const values = metric?.values as Array<{ value: number; labels: Record<string, string | number>; metricName?: string }> | undefined;
  return values?.find((v) => (v.metricName ?? base) === name && Object.entries(labels).every(([k, val]) => v.labels[k] === val))?.value;
};

describe('OutboundPolicy', () => {
  it('When the provider fails with 5xx twice, then the call is retried and succeeds', async () => {
    const p = fakeProvider([503, 500, 200]);
    const url = await p.start();
    const policy = new OutboundPolicy({ provider: 'retry-test', baseDelayMs: 10 });
    await expect(policy.call('charge', get(url))).resolves.toBe(200);
    expect(p.calls()).toBe(3);
    expect(await metricValue('keel_outbound_request_duration_seconds_count', { provider: 'retry-test', outcome: 'error' })).toBe(2);
    await p.stop();
  });

  it('When the provider answers 4xx (a decline), then it is not retried', async () => {
    const p = fakeProvider([402]);
    const url = await p.start();
    const policy = new OutboundPolicy({ provider: 'decline-test', baseDelayMs: 10 });
    await expect(policy.call('charge', get(url))).rejects.toMatchObject({ status: 402 });
    expect(p.calls()).toBe(1);
    await p.stop();
  });

  it('When an attempt is too slow, then it is aborted and retried', async () => {
    const p = fakeProvider(['slow', 200]);
    const url = await p.start();
    const policy = new OutboundPolicy({ provider: 'timeout-test', attemptTimeoutMs: 100, baseDelayMs: 10 });
    const started = Date.now();
    await expect(policy.call('charge', get(url))).resolves.toBe(200);
    expect(Date.now() - started).toBeLessThan(900);
    expect(await metricValue('keel_outbound_request_duration_seconds_count', { provider: 'timeout-test', outcome: 'timeout' })).toBe(1);
    await p.stop();
  });

  it('When 429 carries Retry-After, then the retry waits for it', async () => {
    const p = fakeProvider([429, 200], { 'retry-after': '1' });
    const url = await p.start();
    const policy = new OutboundPolicy({ provider: 'retry-after-test', baseDelayMs: 1 });
    const started = Date.now();
    await expect(policy.call('charge', get(url))).resolves.toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    await p.stop();
  });

  it('When failures keep coming, then the breaker opens, fails fast, and closes again after a successful trial', async () => {
    const p = fakeProvider([500]);
    const url = await p.start();
    const policy = new OutboundPolicy({ provider: 'breaker-test', maxAttempts: 1, breakerThreshold: 3, halfOpenAfterMs: 200 });
    for (let i = 0; i < 3; i++) await expect(policy.call('charge', get(url))).rejects.toMatchObject({ status: 500 });
    expect(policy.breakerState).toBe('open');
    expect(await metricValue('keel_circuit_breaker_state', { provider: 'breaker-test' })).toBe(2);
    const callsBefore = p.calls();
    await expect(policy.call('charge', get(url))).rejects.toBeInstanceOf(BrokenCircuitError);
    expect(p.calls()).toBe(callsBefore); // rejected without touching the provider
    await p.stop();
    const healthy = fakeProvider([200]);
    const healthyUrl = await healthy.start();
    await new Promise((r) => setTimeout(r, 250));
    await expect(policy.call('charge', get(healthyUrl))).resolves.toBe(200);
    expect(policy.breakerState).toBe('closed');
    expect(await metricValue('keel_circuit_breaker_state', { provider: 'breaker-test' })).toBe(0);
    await healthy.stop();
  });
});
