import { DomainEvent } from '@keel/platform/domain';

/** Wire name and payload are published in ../contracts (identity.user-registered). */
export class UserRegisteredEvent extends DomainEvent<{ email: string; name: string }> {
  readonly eventName = 'identity.user-registered';
}
