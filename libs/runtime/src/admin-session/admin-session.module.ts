import { Module } from '@nestjs/common';
import { AdminSessionTokens } from './admin-session.tokens';
import { AdminSessionHttpController } from './http/admin-session.http.controller';

/** POST /api/v1/admin/session and the tokens behind the admin pages' cookie (the queue dashboard reads them). */
@Module({ controllers: [AdminSessionHttpController], providers: [AdminSessionTokens], exports: [AdminSessionTokens] })
export class AdminSessionModule {}
