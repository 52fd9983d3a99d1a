import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessTokenRevocations } from './access-token-revocations';
import { AccessTokenService } from './access-token.service';
import { JwtAuthGuard } from './jwt-auth.guard';
import { RolesGuard } from './roles.guard';

/**
 * Access tokens for every process (the worker's contexts may issue or verify
 * them too); for HTTP processes also the global guards, in this order.
 */
@Global()
@Module({})
export class AuthModule {
  static forRoot(options: { guards: boolean }): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        AccessTokenRevocations,
        AccessTokenService,
        ...(options.guards
          ? [
              { provide: APP_GUARD, useClass: JwtAuthGuard },
              { provide: APP_GUARD, useClass: RolesGuard },
            ]
          : []),
      ],
      exports: [AccessTokenService, AccessTokenRevocations],
    };
  }
}
