/**
 * Who did it. `role` is the role that authorised the change (`admin` for the
 * admin routes), or `system` for work no person asked for (the admin bootstrap).
 */
export interface AuditActor {
  id: string | null;
  role: string;
}

/** A field-by-field picture of what changed; only the changed fields, never secrets. */
export type AuditState = Record<string, unknown>;

/** One audited change, as the use case knows it. */
export interface AuditEntry {
  /** `<noun>.<past-tense>`: `product.created`, `stock.adjusted`, `user.role-granted`, `admin.logged-in`. */
  action: string;
  target: { type: string; id: string };
  before?: AuditState | null;
  after?: AuditState | null;
  /**
   * Defaults to the authenticated caller of the current request. Set it where
   * the request has none yet (a login: the user who just proved who they are)
   * or none at all (boot work: `{ id: null, role: 'system' }`).
   */
  actor?: AuditActor;
}

/**
 * The audit trail as data (platform.audit_events, ADR 0016): a use case calls
 * `record()` inside the transaction of the change it audits, so the row exists
 * if and only if the change committed. The request id and client address are
 * taken from the request context by the writer; the use case only says what
 * changed. Implemented in @keel/persistence; bound globally by the platform,
 * so any handler can inject it by this class.
 */
export abstract class AuditTrail {
  abstract record(entry: AuditEntry): Promise<void>;
}

/**
 * Request-context (nestjs-cls) keys the HTTP layer fills and the writer reads:
 * the authenticated caller and the client address (Fastify's `request.ip`,
 * which honours X-Forwarded-For only from TRUSTED_PROXIES).
 */
export const AUDIT_ACTOR = 'audit.actor';
export const AUDIT_CLIENT_ADDRESS = 'audit.clientAddress';

/** The role an admin route acts with: admin when the caller has it, else their first role. */
export function actingRole(roles: readonly string[]): string {
  return roles.includes('admin') ? 'admin' : (roles[0] ?? 'unknown');
}
