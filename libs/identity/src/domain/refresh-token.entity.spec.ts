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

  it('When spent with a recorded successor, then presenting it again within the grace window is grace, and re-use after it', () => {
    const spent = RefreshToken.restore('t1', { ...snapshot(issue()), spentAt: now, sealedSuccessor: 'sealed' });
    expect(spent.checkForRotation(new Date(now.getTime() + 10_000), 10)).toBe('grace');
    expect(spent.checkForRotation(new Date(now.getTime() + 10_001), 10)).toBe('reused');
    expect(spent.checkForRotation(now, 0)).toBe('grace');
  });

  it('When spent without a recorded successor (rotated before successors were kept), then re-use even within the window', () => {
    const spent = RefreshToken.restore('t1', { ...snapshot(issue()), spentAt: now });
    expect(spent.checkForRotation(now, 10)).toBe('reused');
  });

  it('When revoked, then revoked wins over spent, even within the grace window', () => {
    const graced = RefreshToken.restore('t1', { ...snapshot(issue()), spentAt: now, revokedAt: now, sealedSuccessor: 'sealed' });
    expect(graced.checkForRotation(now, 10)).toBe('revoked');
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
    sealedSuccessor: t.sealedSuccessor,
  };
}
