import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  AccountLinks,
  ChangePasswordHandler,
  ConfirmPasswordResetHandler,
  IssueAccountLinkHandler,
  RequestPasswordResetHandler,
  ResendVerificationEmailHandler,
  VerifyEmailHandler,
  EnsureAdminHandler,
  GetUserContactHandler,
  GetUserHandler,
  ListUsersHandler,
  LoginLockout,
  LogInHandler,
  LogOutHandler,
  PASSWORD_HASHER,
  RefreshSessionHandler,
  RegisterUserHandler,
  SessionIssuer,
  SessionRevoker,
} from './application';
import {
  ACCOUNT_TOKEN_REPOSITORY,
  ADMIN_PASSWORD_RESET_REPOSITORY,
  LOGIN_DEVICE_REPOSITORY,
  LOGIN_THROTTLE_REPOSITORY,
  REFRESH_TOKEN_REPOSITORY,
  USER_REPOSITORY,
} from './domain';
import { AccountPagesHttpController } from './infrastructure/http/account-pages.http.controller';
import { AccountTokenTypeOrmRepository } from './infrastructure/persistence/account-token.typeorm-repository';
import { AdminBootstrap } from './infrastructure/bootstrap/admin-bootstrap.service';
import { AuthHttpController } from './infrastructure/http/auth.http.controller';
import { DeviceCookie } from './infrastructure/http/device-cookie';
import { UsersHttpController } from './infrastructure/http/users.http.controller';
import { IDENTITY_ORM_ENTITIES } from './infrastructure/persistence';
import { AdminPasswordResetTypeOrmRepository } from './infrastructure/persistence/admin-password-reset.typeorm-repository';
import { LoginDeviceTypeOrmRepository } from './infrastructure/persistence/login-device.typeorm-repository';
import { LoginThrottleTypeOrmRepository } from './infrastructure/persistence/login-throttle.typeorm-repository';
import { RefreshTokenTypeOrmRepository } from './infrastructure/persistence/refresh-token.typeorm-repository';
import { UserTypeOrmRepository } from './infrastructure/persistence/user.typeorm-repository';
import { Argon2PasswordHasher } from './infrastructure/security/argon2.password-hasher';

/** Identity bounded context: accounts, credentials, sessions, roles. */
@Module({
  imports: [TypeOrmModule.forFeature(IDENTITY_ORM_ENTITIES)],
  controllers: [AuthHttpController, UsersHttpController, AccountPagesHttpController],
  providers: [
    RegisterUserHandler,
    LogInHandler,
    RefreshSessionHandler,
    LogOutHandler,
    ChangePasswordHandler,
    EnsureAdminHandler,
    GetUserHandler,
    GetUserContactHandler,
    ListUsersHandler,
    SessionIssuer,
    SessionRevoker,
    LoginLockout,
    DeviceCookie,
    AdminBootstrap,
    VerifyEmailHandler,
    ResendVerificationEmailHandler,
    RequestPasswordResetHandler,
    ConfirmPasswordResetHandler,
    IssueAccountLinkHandler,
    AccountLinks,
    { provide: ACCOUNT_TOKEN_REPOSITORY, useClass: AccountTokenTypeOrmRepository },
    { provide: USER_REPOSITORY, useClass: UserTypeOrmRepository },
    { provide: REFRESH_TOKEN_REPOSITORY, useClass: RefreshTokenTypeOrmRepository },
    { provide: LOGIN_THROTTLE_REPOSITORY, useClass: LoginThrottleTypeOrmRepository },
    { provide: LOGIN_DEVICE_REPOSITORY, useClass: LoginDeviceTypeOrmRepository },
    { provide: ADMIN_PASSWORD_RESET_REPOSITORY, useClass: AdminPasswordResetTypeOrmRepository },
    { provide: PASSWORD_HASHER, useClass: Argon2PasswordHasher },
    // generators: new handlers and consumers go above this line
  ],
})
export class IdentityModule {}
