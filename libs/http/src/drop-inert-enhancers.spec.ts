import { CallHandler, CanActivate, Controller, ExecutionContext, Get, Injectable, Module, NestInterceptor } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, ApplicationConfig, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ClsModule } from 'nestjs-cls';
import { tap } from 'rxjs';
import { dropInertEnhancers } from './drop-inert-enhancers';

const seen: string[] = [];

@Injectable()
class CountingInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler) {
    return next.handle().pipe(tap(() => seen.push('interceptor')));
  }
}

@Injectable()
class CountingGuard implements CanActivate {
  canActivate(): boolean {
    seen.push('guard');
    return true;
  }
}

@Controller('things')
class ThingsController {
  @Get()
  list() {
    return { ok: true };
  }
}

const globals = (app: NestFastifyApplication) => (app as unknown as { config: ApplicationConfig }).config;

async function build(providers: Array<{ provide: string; useClass: new () => unknown }>): Promise<NestFastifyApplication> {
  @Module({ imports: [ClsModule.forRoot({ global: true })], controllers: [ThingsController], providers })
  class AppModule {}
  return NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), { logger: false });
}

/** nestjs-cls's unmounted no-op guard and interceptor are dropped; real enhancers stay and still run. */
describe('dropInertEnhancers', () => {
  it('When only nestjs-cls registered global enhancers, then none is left (no interceptor chain per request)', async () => {
    const app = await build([]);
    try {
      // What nestjs-cls 6/7 does today; if it stops, this assertion tells us the workaround can go.
      expect(globals(app).getGlobalInterceptors()).toHaveLength(1);
      expect(globals(app).getGlobalGuards()).toHaveLength(1);
      expect(dropInertEnhancers(app)).toEqual({ interceptors: 1, guards: 1 });
      expect(globals(app).getGlobalInterceptors()).toHaveLength(0);
      expect(globals(app).getGlobalGuards()).toHaveLength(0);
    } finally {
      await app.close();
    }
  });

  it('When the app has its own global guard and interceptor, then they stay and run on every request', async () => {
    const app = await build([
      { provide: APP_INTERCEPTOR, useClass: CountingInterceptor },
      { provide: APP_GUARD, useClass: CountingGuard },
    ]);
    try {
      expect(dropInertEnhancers(app)).toEqual({ interceptors: 1, guards: 1 });
      expect(
        globals(app)
          .getGlobalInterceptors()
          .map((i) => i.constructor),
      ).toEqual([CountingInterceptor]);
      expect(
        globals(app)
          .getGlobalGuards()
          .map((g) => g.constructor),
      ).toEqual([CountingGuard]);
      await app.listen(0, '127.0.0.1');
      seen.splice(0);
      const res = await fetch(`${await app.getUrl()}/things`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true });
      expect(seen).toEqual(['guard', 'interceptor']);
    } finally {
      await app.close();
    }
  });
});
