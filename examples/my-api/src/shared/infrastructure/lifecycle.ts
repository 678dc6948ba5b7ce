/** Shared between the shutdown handler and readiness: once draining starts, readiness answers 503. */
export class Lifecycle {
  private draining = false;

  beginShutdown(): void {
    this.draining = true;
  }

  get isShuttingDown(): boolean {
    return this.draining;
  }
}
