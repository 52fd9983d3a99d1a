import { RefreshToken } from './refresh-token.entity';

const now = new Date('2026-01-01T00:00:00Z');
const issue = () => RefreshToken.issue({ id: 't1', userId: 'u1', familyId: 'f1', tokenHash: 'h', now, ttlSeconds: 60 });

describe('RefreshToken rotation check', () => {
  it('When fresh, then usable', () => {
    expect(issue().checkForRotation(now)).toBe('usable');
  });

  it('When past its expiry, then expired', () => {
    expect(issue().checkForRotation(new Date(now.getTime() + 60_000))).toBe('expired');
  });

  it('When already spent, then presenting it again is re-use', () => {
    const spent = RefreshToken.restore('t1', { ...snapshot(issue()), spentAt: now });
    expect(spent.checkForRotation(now)).toBe('reused');
  });

  it('When revoked, then revoked wins over spent', () => {
    const revoked = RefreshToken.restore('t1', { ...snapshot(issue()), spentAt: now, revokedAt: now });
    expect(revoked.checkForRotation(now)).toBe('revoked');
  });
});

function snapshot(t: RefreshToken) {
  return {
    userId: t.userId,
    familyId: t.familyId,
    tokenHash: t.tokenHash,
    expiresAt: t.expiresAt,
    createdAt: t.createdAt,
    spentAt: t.spentAt,
    revokedAt: t.revokedAt,
  };
}
