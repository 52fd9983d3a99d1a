import { Controller, Get, Header, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@keel/http';
import { ACCOUNT_PAGES_SCRIPT, RESET_PASSWORD_PAGE, VERIFY_EMAIL_PAGE } from './account-pages';

/**
 * `<PUBLIC_URL>/verify-email` and `<PUBLIC_URL>/reset-password` when PUBLIC_URL
 * is the API itself (the default): small pages that post the link's token to
 * the API, so the emailed links work in a browser with no shop front-end. Served
 * in every environment (the default must work in production too); not part of
 * the API document. A shop with its own pages sets PUBLIC_URL to them.
 */
@ApiExcludeController()
@Controller({ version: VERSION_NEUTRAL })
export class AccountPagesHttpController {
  @Public()
  @Get('verify-email')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  verifyEmail(): string {
    return VERIFY_EMAIL_PAGE;
  }

  @Public()
  @Get('reset-password')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  resetPassword(): string {
    return RESET_PASSWORD_PAGE;
  }

  @Public()
  @Get('account-pages.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'public, max-age=300')
  script(): string {
    return ACCOUNT_PAGES_SCRIPT;
  }
}
