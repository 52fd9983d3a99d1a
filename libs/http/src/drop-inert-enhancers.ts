import type { INestApplication } from '@nestjs/common';
import type { ApplicationConfig } from '@nestjs/core';

type Enhancer = object & Partial<Record<'intercept' | 'canActivate', unknown>>;

/**
 * nestjs-cls registers a global guard and a global interceptor even when it is
 * told not to mount its own (Keel enters the request context in a Fastify hook,
 * request-context.hook.ts): plain objects whose `canActivate` returns true and
 * whose `intercept` returns `next.handle()`. They change nothing, but a route with
 * any interceptor pays Nest's interceptor chain (rxjs Observables) on every
 * request, and the guard one more async step. This removes them from the global
 * lists before the routes are built (app.init), leaving every enhancer that is
 * an instance of a class (Keel's guards, pipes and interceptors) untouched.
 */
export function dropInertEnhancers(app: INestApplication): { interceptors: number; guards: number } {
  // NestApplication keeps its ApplicationConfig as `config`; the global lists are its own arrays.
  const config = (app as unknown as { config?: ApplicationConfig }).config;
  if (!config) return { interceptors: 0, guards: 0 };
  return {
    interceptors: removeWhere(config.getGlobalInterceptors() as Enhancer[], (e) =>
      isInert(e, 'intercept', /^\(\w*, *(\w+)\) *=> *\1\.handle\(\)$/),
    ),
    guards: removeWhere(config.getGlobalGuards() as Enhancer[], (e) => isInert(e, 'canActivate', /^\(\) *=> *true$/)),
  };
}

/**
 * Nothing (a factory that returned null on purpose, e.g. ReadReplicasModule's without replicas: Nest keeps it
 * in the list and skips it per route), or a plain object literal (no class) with only this method, whose
 * source is exactly the no-op.
 */
function isInert(enhancer: Enhancer | null | undefined, method: 'intercept' | 'canActivate', noop: RegExp): boolean {
  if (enhancer === null || enhancer === undefined) return true;
  if (typeof enhancer !== 'object' || Object.getPrototypeOf(enhancer) !== Object.prototype) return false;
  const keys = Object.keys(enhancer);
  const fn = enhancer[method];
  return keys.length === 1 && keys[0] === method && typeof fn === 'function' && noop.test(fn.toString().trim());
}

function removeWhere<T>(list: T[], inert: (item: T) => boolean): number {
  let removed = 0;
  for (let i = list.length - 1; i >= 0; i--) {
    if (inert(list[i])) {
      list.splice(i, 1);
      removed++;
    }
  }
  return removed;
}
