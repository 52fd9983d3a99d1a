import createClient, { type Client } from 'openapi-fetch';
import type { components, operations, paths } from './generated/schema';
import { KeelApiError, type Problem } from './problem';
import { type RetryOptions, withRetries } from './resilient-fetch';

export type Schemas = components['schemas'];
export type TokenPair = Schemas['TokenPairResponseDto'];
/** What the client needs to stay signed in: the pair from login, rotated on refresh. */
export type Tokens = Pick<TokenPair, 'accessToken' | 'refreshToken'>;
type Query<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['query']>;

export interface KeelClientOptions {
  /** Origin of the API, e.g. `http://localhost:3000` (paths already start with /api/v1). */
  baseUrl: string;
  /** Tokens of an existing session (e.g. restored from storage). */
  tokens?: Tokens;
  /** Called with each new pair (login, rotation) and with undefined when the session ends: persist it here. */
  onTokens?: (tokens: Tokens | undefined) => void;
  retry?: RetryOptions;
  /** The fetch to use (default: the global one). */
  fetch?: (request: Request) => Promise<Response>;
}

type Result<T> = { data?: T; error?: unknown; response: Response };

/**
 * Typed client of the Keel REST API. Method names are the document's operation ids
 * (`placeOrder`, `getOrder`...); they return the response body or throw a
 * `KeelApiError` carrying the problem+json body. `api` is the full typed client
 * (openapi-fetch) for every operation of openapi/v1.json, with the same transport:
 * bearer auth, refresh-token rotation on a 401, retries of idempotent calls.
 */
export class KeelClient {
  readonly api: Client<paths>;
  private tokens: Tokens | undefined;
  private refreshing: Promise<Tokens | undefined> | undefined;
  /** Without auth or retries: used to rotate the refresh token (a spent one must never be sent twice). */
  private readonly bare: Client<paths>;

  constructor(private readonly options: KeelClientOptions) {
    this.tokens = options.tokens;
    const send = options.fetch ?? ((request: Request) => globalThis.fetch(request));
    this.bare = createClient<paths>({ baseUrl: options.baseUrl, fetch: send });
    this.api = createClient<paths>({
      baseUrl: options.baseUrl,
      fetch: withRetries((request) => this.authorized(request, send), options.retry),
    });
  }

  /** The current session's tokens (after login or the last rotation), if any. */
  get session(): Tokens | undefined {
    return this.tokens;
  }

  setTokens(tokens: Tokens | undefined): void {
    this.tokens = tokens;
    this.options.onTokens?.(tokens);
  }

  /**
   * Creates an account: always `{ status: 'verification-sent' }` (202), for a new and a taken
   * address alike. The account can log in at once, but places orders only after `verifyEmail`
   * with the token from the emailed link.
   */
  register(body: Schemas['RegisterRequestDto']) {
    return unwrap(this.api.POST('/api/v1/auth/register', { body }));
  }

  /** Verifies the address with the token of the verification link (single use, 24 h). */
  verifyEmail(token: string): Promise<void> {
    return unwrapEmpty(this.api.POST('/api/v1/auth/verify-email', { body: { token } }));
  }

  /** Emails a new verification link (202 whatever the address). */
  resendVerificationEmail(email: string) {
    return unwrap(this.api.POST('/api/v1/auth/verify-email/resend', { body: { email } }));
  }

  /** Emails a password reset link (202 whatever the address). */
  requestPasswordReset(email: string) {
    return unwrap(this.api.POST('/api/v1/auth/password-reset', { body: { email } }));
  }

  /** Sets a new password with the token of the reset link; every session of the account ends. */
  confirmPasswordReset(body: Schemas['ConfirmPasswordResetRequestDto']): Promise<void> {
    return unwrapEmpty(this.api.POST('/api/v1/auth/password-reset/confirm', { body }));
  }

  /** Signs in: the client keeps the pair and sends the access token from now on. */
  async login(body: Schemas['LoginRequestDto']): Promise<TokenPair> {
    const pair = await unwrap(this.api.POST('/api/v1/auth/login', { body }));
    this.setTokens({ accessToken: pair.accessToken, refreshToken: pair.refreshToken });
    return pair;
  }

  /** Rotates the refresh token now (the client also does it by itself when the access token has expired). */
  async refreshTokens(): Promise<Tokens> {
    const tokens = await this.rotate(this.tokens?.accessToken);
    if (!tokens) throw new Error('No session to refresh: log in first');
    return tokens;
  }

  /** Ends the session on the server and forgets the tokens. */
  async logout(): Promise<void> {
    const refreshToken = this.tokens?.refreshToken;
    if (refreshToken) await unwrap(this.api.POST('/api/v1/auth/logout', { body: { refreshToken } }));
    this.setTokens(undefined);
  }

  getCurrentUser() {
    return unwrap(this.api.GET('/api/v1/users/me'));
  }

  listProducts(query: Query<'listProducts'> = {}) {
    return unwrap(this.api.GET('/api/v1/products', { params: { query } }));
  }

  getProduct(id: string) {
    return unwrap(this.api.GET('/api/v1/products/{id}', { params: { path: { id } } }));
  }

  /**
   * Places an order under an Idempotency-Key: a fresh UUID unless one is given. Pass your
   * own (stored before sending) to retry safely across restarts; the client's own retries
   * reuse the key, so a lost answer never creates a second order.
   */
  placeOrder(body: Schemas['PlaceOrderRequestDto'], options: { idempotencyKey?: string } = {}) {
    const key = options.idempotencyKey ?? globalThis.crypto.randomUUID();
    return unwrap(this.api.POST('/api/v1/orders', { body, params: { header: { 'Idempotency-Key': key } } }));
  }

  getOrder(id: string) {
    return unwrap(this.api.GET('/api/v1/orders/{id}', { params: { path: { id } } }));
  }

  listOrders(query: Query<'listOrders'> = {}) {
    return unwrap(this.api.GET('/api/v1/orders', { params: { query } }));
  }

  cancelOrder(id: string) {
    return unwrap(this.api.POST('/api/v1/orders/{id}/cancel', { params: { path: { id } } }));
  }

  listOrderPayments(id: string) {
    return unwrap(this.api.GET('/api/v1/orders/{id}/payments', { params: { path: { id } } }));
  }

  listNotifications(query: Query<'listNotifications'> = {}) {
    return unwrap(this.api.GET('/api/v1/notifications', { params: { query } }));
  }

  /**
   * Sends the request with the access token; on a 401 with a refresh token at hand,
   * rotates the pair once (shared by concurrent callers) and resends it once.
   */
  private async authorized(request: Request, send: (request: Request) => Promise<Response>): Promise<Response> {
    const accessToken = this.tokens?.accessToken;
    if (!accessToken || request.headers.has('authorization')) return send(request);
    const again = request.clone();
    request.headers.set('authorization', `Bearer ${accessToken}`);
    const response = await send(request);
    if (response.status !== 401 || !this.tokens?.refreshToken) return response;
    const rotated = await this.rotate(accessToken);
    if (!rotated) return response;
    await response.body?.cancel();
    again.headers.set('authorization', `Bearer ${rotated.accessToken}`);
    return send(again);
  }

  /** One rotation at a time: concurrent 401s wait for the same new pair instead of spending the refresh token twice. */
  private rotate(staleAccessToken: string | undefined): Promise<Tokens | undefined> {
    if (this.tokens && this.tokens.accessToken !== staleAccessToken) return Promise.resolve(this.tokens); // already rotated
    const refreshToken = this.tokens?.refreshToken;
    if (!refreshToken) return Promise.resolve(undefined);
    this.refreshing ??= (async () => {
      try {
        const { data, response } = await this.bare.POST('/api/v1/auth/refresh', { body: { refreshToken } });
        if (!data) {
          // Expired, revoked or spent: the session is over; the caller sees the original 401.
          if (response.status === 401) this.setTokens(undefined);
          return undefined;
        }
        this.setTokens({ accessToken: data.accessToken, refreshToken: data.refreshToken });
        return this.tokens;
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }
}

/** For operations answering 204: nothing to return, errors thrown like `unwrap`. */
async function unwrapEmpty(call: Promise<Result<unknown>>): Promise<void> {
  await unwrap(call);
}

async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new KeelApiError(response.status, error as Problem | undefined, response);
  return data as T;
}
