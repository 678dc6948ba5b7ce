import type { AuditEvent, AuditLog } from '../kernel/audit';
import { type Logger, subsystemLogger } from './logger';

/** `[audit] user.disabled` lines, with the event's fields under `audit`, at info level whatever the outcome. */
export function createAuditLog(root: Logger): AuditLog {
  const logger = subsystemLogger(root, 'audit');
  return {
    record(event: AuditEvent): void {
      logger.info({ audit: event }, event.event);
    },
  };
}

/** Keeps every event, for tests that assert what was audited. */
export class MemoryAuditLog implements AuditLog {
  readonly events: AuditEvent[] = [];

  record(event: AuditEvent): void {
    this.events.push(event);
  }
}
