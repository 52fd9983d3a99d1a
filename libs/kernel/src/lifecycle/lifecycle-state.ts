import { Injectable } from '@nestjs/common';

/**
 * Process-wide lifecycle flag. Flipped first thing on SIGTERM so readiness
 * fails at once and the load balancer stops routing here while we drain.
 */
@Injectable()
export class LifecycleState {
  private shuttingDownSince: Date | undefined;

  markShuttingDown(): void {
    this.shuttingDownSince ??= new Date();
  }

  get isShuttingDown(): boolean {
    return this.shuttingDownSince !== undefined;
  }
}
