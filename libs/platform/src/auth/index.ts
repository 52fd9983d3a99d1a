export * from './authenticated-user';
export * from './access-token.service';
export * from './jwt-key-ring';
export * from './bearer-token';
export * from './public.decorator';
export * from './roles.decorator';
export * from './current-user.decorator';
export * from './auth.module';
