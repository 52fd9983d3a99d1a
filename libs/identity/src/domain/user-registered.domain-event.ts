import { DomainEvent } from '@keel/kernel/domain';

/** Wire name and payload are published in ../contracts (identity.user-registered). */
export class UserRegisteredEvent extends DomainEvent<{ email: string; name: string }> {
  readonly eventName = 'identity.user-registered';
}
