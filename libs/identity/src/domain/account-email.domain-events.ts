import { DomainEvent } from '@keel/kernel/domain';

/**
 * Requests for an account email. Wire names and payloads are published in
 * ../contracts. They carry no token: the notifications context asks identity for
 * a fresh link when it sends the email (IssueAccountLinkCommand), so no secret
 * is ever written to the outbox.
 */
interface AccountEmailPayload {
  userId: string;
  email: string;
}

export class EmailVerificationRequestedEvent extends DomainEvent<AccountEmailPayload> {
  readonly eventName = 'identity.email-verification-requested';
}

export class RegistrationForExistingAccountEvent extends DomainEvent<AccountEmailPayload> {
  readonly eventName = 'identity.registration-for-existing-account';
}

export class PasswordResetRequestedEvent extends DomainEvent<AccountEmailPayload> {
  readonly eventName = 'identity.password-reset-requested';
}
