export * from './admin-session.module';
export * from './admin-session.tokens';
export * from './admin-session.cookie';
export * from './admin-login.page';
