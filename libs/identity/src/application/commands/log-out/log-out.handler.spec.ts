import { AccessTokenRevocations } from '@keel/http';
import { RefreshToken } from '../../../domain';
import { testSessionRevoker } from '../../../testing/identity-services';
import { InMemoryRefreshTokenRepository } from '../../../testing/refresh-token.repository.fake';
import { hashRefreshToken } from '../../session-issuer.service';
import { LogOutCommand } from './log-out.command';
import { LogOutHandler } from './log-out.handler';

const token = (id: string, userId: string, familyId: string, raw: string) =>
  RefreshToken.issue({ id, userId, familyId, tokenHash: hashRefreshToken(raw), now: new Date(), ttlSeconds: 60 });

describe('LogOutHandler', () => {
  let tokens: InMemoryRefreshTokenRepository;
  let revocations: AccessTokenRevocations;
  const handler = () => new LogOutHandler(tokens, testSessionRevoker(tokens, revocations));

  beforeEach(async () => {
    tokens = new InMemoryRefreshTokenRepository();
    revocations = new AccessTokenRevocations();
    await tokens.insert(token('t1', 'u1', 'f1', 'raw-1'));
    await tokens.insert(token('t2', 'u1', 'f1', 'raw-2'));
    await tokens.insert(token('t3', 'u1', 'f2', 'raw-3'));
  });

  const revoked = () =>
    tokens
      .all()
      .filter((t) => t.revokedAt !== null)
      .map((t) => t.id);

  it("when the caller presents their own token, then that token's whole family is revoked and no other, access tokens included", async () => {
    await handler().execute(new LogOutCommand('u1', 'raw-1'));
    expect(revoked()).toEqual(['t1', 't2']);
    expect(await revocations.isRevoked('f1')).toBe(true);
    expect(await revocations.isRevoked('f2')).toBe(false);
  });

  it("when the token is someone else's or unknown, then nothing is revoked and no error is raised", async () => {
    await handler().execute(new LogOutCommand('u2', 'raw-1'));
    await handler().execute(new LogOutCommand('u1', 'unknown'));
    expect(revoked()).toEqual([]);
    expect(await revocations.isRevoked('f1')).toBe(false);
  });
});
