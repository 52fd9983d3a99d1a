import { InvariantViolationError, ValidationError } from '@keel/kernel/domain';
import { IDENTITY_EMAIL_VERIFICATION_REQUESTED, IDENTITY_USER_REGISTERED } from '../contracts';
import { Email } from './email.value-object';
import { assertAcceptablePassword } from './password-policy';
import { User } from './user.entity';
import { UserRegisteredEvent } from './user-registered.domain-event';

const now = new Date('2026-01-01T00:00:00Z');
const register = (name = 'Ada') => User.register({ id: 'u1', email: Email.create('Ada@Example.COM '), name, passwordHash: 'hash', now });

describe('Email', () => {
  it('When created, then it is trimmed and lower-cased so uniqueness ignores case', () => {
    expect(Email.create('  Ada@Example.COM ').value).toBe('ada@example.com');
  });

  it.each(['', 'no-at-sign', 'a@b', 'a b@c.de', `${'x'.repeat(250)}@example.com`])('When "%s" is given, then it is rejected', (raw) => {
    expect(() => Email.create(raw)).toThrow(ValidationError);
  });
});

describe('User', () => {
  it('When registered, then it is an unverified customer and raises UserRegistered and a verification request once', () => {
    const user = register();
    expect(user.roles).toEqual(['customer']);
    expect(user.emailVerified).toBe(false);
    const events = user.pullEvents();
    expect(events).toHaveLength(2);
    expect(events[0]).toBeInstanceOf(UserRegisteredEvent);
    expect(events[0].eventName).toBe(IDENTITY_USER_REGISTERED);
    expect(events[0].payload).toEqual({ email: 'ada@example.com', name: 'Ada' });
    expect(events[1].eventName).toBe(IDENTITY_EMAIL_VERIFICATION_REQUESTED);
    expect(events[1].payload).toEqual({ userId: 'u1', email: 'ada@example.com' });
    expect(user.pullEvents()).toHaveLength(0);
  });

  it.each([
    ['a line break', 'Ada\nClick https://evil.example'],
    ['a carriage return', 'Ada\rBcc: x'],
    ['a control character', 'Ada\u0007'],
    ['a bidi override', 'Ada\u202Egpj.exe'],
    ['a zero-width space', 'Ada\u200B'],
    ['a line separator', 'Ada\u2028Lovelace'],
  ])('When the name contains %s, then registration fails with a field error', (_what, name) => {
    expect(() => register(name)).toThrow(ValidationError);
  });

  it('When the name is one line of printable characters in any script, then it is accepted', () => {
    expect(register('Zoë Ōsaka-Łukasz 李小龍 🙂').name).toBe('Zoë Ōsaka-Łukasz 李小龍 🙂');
  });

  it('When the email is verified, then verification requests raise nothing and verifying again changes nothing', () => {
    const user = register();
    user.pullEvents();
    expect(user.requestEmailVerification()).toBe(true);
    expect(user.pullEvents().map((e) => e.eventName)).toEqual([IDENTITY_EMAIL_VERIFICATION_REQUESTED]);
    user.markEmailVerified(now);
    user.markEmailVerified(new Date('2027-01-01T00:00:00Z'));
    expect(user.emailVerifiedAt).toEqual(now);
    expect(user.requestEmailVerification()).toBe(false);
    expect(user.pullEvents()).toEqual([]);
  });

  it('When the name is blank or too long, then registration fails with a field error', () => {
    expect(() => register('   ')).toThrow(ValidationError);
    expect(() => register('x'.repeat(201))).toThrow(ValidationError);
  });

  it('When admin is granted twice, then the role appears once', () => {
    const user = register();
    user.grantRole('admin', now);
    user.grantRole('admin', now);
    expect(user.roles).toEqual(['customer', 'admin']);
  });

  it('When restored without the customer role, then the invariant is enforced', () => {
    expect(() =>
      User.restore('u1', {
        email: Email.create('a@b.co'),
        name: 'A',
        passwordHash: 'h',
        roles: ['admin'],
        emailVerifiedAt: null,
        createdAt: now,
        updatedAt: now,
      }),
    ).toThrow(InvariantViolationError);
  });
});

describe('password policy', () => {
  it('When 11 characters, then rejected; 12 accepted; emoji count as one character each', () => {
    expect(() => assertAcceptablePassword('x'.repeat(11))).toThrow(ValidationError);
    expect(() => assertAcceptablePassword('x'.repeat(12))).not.toThrow();
    expect(() => assertAcceptablePassword('🔑'.repeat(11))).toThrow(ValidationError);
  });

  it('When longer than 256 characters, then rejected (hashing must stay cheap)', () => {
    expect(() => assertAcceptablePassword('x'.repeat(257))).toThrow(ValidationError);
  });
});
