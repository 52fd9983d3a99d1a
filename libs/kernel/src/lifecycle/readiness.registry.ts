import { Injectable } from '@nestjs/common';
import type { HealthIndicatorFunction } from '@nestjs/terminus';

/**
 * Modules add their dependency checks here (database, Redis, queues…) when they
 * start, so /health/ready grows with the system without the health module
 * knowing every dependency.
 */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, HealthIndicatorFunction>();

  register(name: string, check: HealthIndicatorFunction): void {
    this.checks.set(name, check);
  }

  all(): HealthIndicatorFunction[] {
    return [...this.checks.values()];
  }
}
