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
  /**
   * The pair this token was rotated into, sealed with a key only the presented
   * token itself yields (session-successor.seal.ts), so that a client racing
   * itself gets that same pair back within the grace window. Null until spent.
   */
  sealedSuccessor: string | null;
}

/** `grace`: spent moments ago by a rotation whose pair can be handed out again (a client racing itself, not theft). */
export type RotationCheck = 'usable' | 'grace' | 'reused' | 'revoked' | 'expired';

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
      sealedSuccessor: null,
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
  get sealedSuccessor(): string | null {
    return this.props.sealedSuccessor;
  }

  /**
   * Decides what presenting this token means. A spent token shown again within
   * `graceSeconds` of its rotation is the same client racing itself (two tabs,
   * a retry after a lost response): "grace". Later it is theft or a replay: "reused".
   */
  checkForRotation(now: Date, graceSeconds = 0): RotationCheck {
    if (this.props.revokedAt) return 'revoked';
    const spentAt = this.props.spentAt;
    if (spentAt) {
      const withinGrace = now.getTime() - spentAt.getTime() <= graceSeconds * 1000;
      return withinGrace && this.props.sealedSuccessor ? 'grace' : 'reused';
    }
    if (now >= this.props.expiresAt) return 'expired';
    return 'usable';
  }
}
