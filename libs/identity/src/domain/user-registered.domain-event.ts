import { DomainEvent } from '@keel/kernel/domain';

export class UserRegisteredEvent extends DomainEvent<{ email: string; name: string }> {
  readonly eventName = 'identity.user-registered';
}
