import { Controller, Get, Header, NotFoundException, VERSION_NEUTRAL } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@keel/http';
import { AppConfig } from '@keel/kernel';
import type { Repository } from 'typeorm';
import { DevMailboxMessageOrmEntity } from '../persistence/dev-mailbox-message.orm-entity';
import { renderMailboxPage } from './dev-mailbox.page';

/**
 * GET /dev/mailbox: the emails of the development mailbox as a small HTML page,
 * newest first, links clickable, so a newcomer can verify an account and reset a
 * password from a browser. Not part of the API (no /api/v1 prefix, not in the
 * OpenAPI document) and a plain 404 when NODE_ENV=production.
 */
@ApiExcludeController()
@Controller({ path: 'dev/mailbox', version: VERSION_NEUTRAL })
export class DevMailboxHttpController {
  private readonly production: boolean;

  constructor(
    @InjectRepository(DevMailboxMessageOrmEntity) private readonly mailbox: Repository<DevMailboxMessageOrmEntity>,
    config: AppConfig,
  ) {
    this.production = config.get('NODE_ENV', { infer: true }) === 'production';
  }

  @Public()
  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async page(): Promise<string> {
    // The same answer as any unknown route: production does not even admit the page exists.
    if (this.production) throw new NotFoundException('Cannot GET /dev/mailbox');
    const entries = await this.mailbox.find({ order: { createdAt: 'DESC', id: 'DESC' }, take: 50 });
    return renderMailboxPage(entries);
  }
}
