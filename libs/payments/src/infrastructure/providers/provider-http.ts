import { OutboundCallError, type OutboundPolicy } from '@keel/observability';

export interface ProviderResponse {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- provider JSON, read field by field by the adapter
  body: any;
}

/**
 * One provider HTTP call under the provider's OutboundPolicy: 5xx, 429 and 408
 * throw a retryable OutboundCallError; other statuses return to the adapter,
 * which knows which 4xx are declines.
 */
export async function providerCall(policy: OutboundPolicy, operation: string, url: string, init: RequestInit): Promise<ProviderResponse> {
  const provider = policy.options.provider;
  return policy.call(operation, async (signal) => {
    const res = await fetch(url, { ...init, signal });
    const text = await res.text();
    if (res.status >= 500 || res.status === 429 || res.status === 408) {
      throw OutboundCallError.fromResponse(provider, res.status, res.headers.get('retry-after'));
    }
    let body: unknown = undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      throw new OutboundCallError(`${provider} answered ${res.status} with a body that is not JSON`, provider, res.status, true);
    }
    return { status: res.status, body };
  });
}

export const header = (headers: Record<string, string | string[] | undefined>, name: string): string | undefined => {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
};
