import { Module } from '@nestjs/common';

/** Notifications bounded context. */
@Module({})
export class NotificationsModule {}
