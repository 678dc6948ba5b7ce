/**
 * Security events, one structured record each: who did what to whom, in which session, and how it ended. Never a
 * secret (no password, no token): ids only.
 */
export interface AuditEvent {
  /** What happened, dotted and in the past tense: `user.roles_changed`, `session.replay_detected`. */
  readonly event: string;
  readonly outcome: 'success' | 'refused';
  /** Who acted: a user id, or `operator` for the admin command. Absent when nobody is authenticated. */
  readonly actorId?: string;
  /** Whose account it concerns. */
  readonly userId?: string;
  readonly sessionId?: string;
  /** A machine-readable reason, e.g. the problem code of a refusal. */
  readonly reason?: string;
}

/** Port: where security events go (`[audit]` log lines); tests read them from memory. */
export interface AuditLog {
  record(event: AuditEvent): void;
}
