import { invariant } from '@keel/kernel/domain';

export interface RefreshTokenProps {
  userId: string;
  /** All tokens descending from one login share a family; re-use of a spent one revokes it all. */
  familyId: string;
  tokenHash: string;
  expiresAt: Date;
  createdAt: Date;
  spentAt: Date | null;
  revokedAt: Date | null;
}

export type RotationCheck = 'usable' | 'reused' | 'revoked' | 'expired';

/**
 * An opaque, single-use refresh token. Only its hash is stored, so a database
 * leak does not leak sessions.
 */
export class RefreshToken {
  private constructor(
    readonly id: string,
    private readonly props: RefreshTokenProps,
  ) {
    invariant(props.expiresAt > props.createdAt, 'A refresh token expires after it is created');
  }

  static issue(input: { id: string; userId: string; familyId: string; tokenHash: string; now: Date; ttlSeconds: number }): RefreshToken {
    return new RefreshToken(input.id, {
      userId: input.userId,
      familyId: input.familyId,
      tokenHash: input.tokenHash,
      createdAt: input.now,
      expiresAt: new Date(input.now.getTime() + input.ttlSeconds * 1000),
      spentAt: null,
      revokedAt: null,
    });
  }

  static restore(id: string, props: RefreshTokenProps): RefreshToken {
    return new RefreshToken(id, { ...props });
  }

  get userId(): string {
    return this.props.userId;
  }
  get familyId(): string {
    return this.props.familyId;
  }
  get tokenHash(): string {
    return this.props.tokenHash;
  }
  get expiresAt(): Date {
    return this.props.expiresAt;
  }
  get createdAt(): Date {
    return this.props.createdAt;
  }
  get spentAt(): Date | null {
    return this.props.spentAt;
  }
  get revokedAt(): Date | null {
    return this.props.revokedAt;
  }

  /** Decides what presenting this token means. A spent token shown again is theft or a replay: "reused". */
  checkForRotation(now: Date): RotationCheck {
    if (this.props.revokedAt) return 'revoked';
    if (this.props.spentAt) return 'reused';
    if (now >= this.props.expiresAt) return 'expired';
    return 'usable';
  }
}
