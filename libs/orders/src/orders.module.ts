import { Module } from '@nestjs/common';

/** Orders bounded context. */
@Module({})
export class OrdersModule {}
