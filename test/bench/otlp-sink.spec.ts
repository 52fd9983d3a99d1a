import { OtlpSink } from './otlp-sink';

describe('OtlpSink', () => {
  let sink: OtlpSink;
  beforeEach(async () => (sink = await OtlpSink.start()));
  afterEach(() => sink.stop());

  it('When an exporter posts spans, then it answers 200 with an empty response and counts the request and its bytes', async () => {
    const body = JSON.stringify({ resourceSpans: [] });

    const res = await fetch(`${sink.url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

    expect(res.status).toBe(200);
    expect(await res.text()).toBe('{}');
    expect(sink.traces()).toEqual({ requests: 1, bytes: Buffer.byteLength(body) });
    expect(sink.bySignal()['/v1/metrics']).toEqual({ requests: 0, bytes: 0 });
  });

  it('When something else is asked, then it answers 404 and counts nothing', async () => {
    const res = await fetch(`${sink.url}/v1/other`, { method: 'POST', body: 'x' });

    expect(res.status).toBe(404);
    expect(Object.values(sink.bySignal()).every((t) => t.requests === 0)).toBe(true);
  });
});
