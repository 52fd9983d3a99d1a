export * from './email.value-object';
export * from './password-policy';
export * from './identity.errors';
export * from './user-registered.domain-event';
export * from './user.entity';
export * from './refresh-token.entity';
export * from './user.repository.port';
export * from './refresh-token.repository.port';
