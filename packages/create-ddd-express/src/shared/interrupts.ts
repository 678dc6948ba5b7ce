/** Exit code of a process stopped by Ctrl-C (128 + SIGINT), which is what the user did. */
export const INTERRUPTED_EXIT_CODE = 130;

const INTERRUPT_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

export interface InterruptTrap {
  /** The signal that arrived since the trap was set, if any. */
  readonly interruptedBy: () => NodeJS.Signals | undefined;
  /** Gives Ctrl-C and SIGTERM back their default: end the process at once. */
  readonly release: () => void;
}

/** Catches Ctrl-C and SIGTERM instead of dying at once, so that a loop can stop between two steps and clean up. */
export function trapInterrupts(): InterruptTrap {
  let interruptedBy: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    interruptedBy = signal;
  };
  for (const signal of INTERRUPT_SIGNALS) process.on(signal, onSignal);
  return {
    interruptedBy: () => interruptedBy,
    release: () => {
      for (const signal of INTERRUPT_SIGNALS) process.off(signal, onSignal);
    },
  };
}
