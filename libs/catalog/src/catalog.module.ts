import { Module } from '@nestjs/common';

/** Catalog bounded context. */
@Module({})
export class CatalogModule {}
