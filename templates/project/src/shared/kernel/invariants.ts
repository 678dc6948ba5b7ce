import { type ErrorDetail, ValidationError } from './domain-error';

export const MAX_TEXT_LENGTH = 1000;

/**
 * Text fields hold one line of printable text: no C0 control character (U+0000–U+001F, tab and newline included)
 * and no DEL. A NUL stored in an email or a title breaks logs, exports and every system downstream.
 */
export function hasControlCharacter(value: string): boolean {
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * Collects every broken rule of an entity before failing, so that a client learns all its mistakes at once.
 * Each check passes `undefined` (an absent optional field); required fields are enforced by the types.
 */
export class Invariants {
  private readonly problems: ErrorDetail[] = [];

  text(path: string, value: string | undefined): this {
    if (value === undefined) return this;
    if (value.trim() === '') this.problems.push({ path, message: 'must not be blank' });
    if (hasControlCharacter(value)) this.problems.push({ path, message: 'must not contain control characters' });
    if (value.length > MAX_TEXT_LENGTH)
      this.problems.push({ path, message: `must be at most ${MAX_TEXT_LENGTH} characters` });
    return this;
  }

  finiteNumber(path: string, value: number | undefined): this {
    if (value !== undefined && !Number.isFinite(value))
      this.problems.push({ path, message: 'must be a finite number' });
    return this;
  }

  integer(path: string, value: number | undefined): this {
    if (value !== undefined && !Number.isSafeInteger(value))
      this.problems.push({ path, message: 'must be an integer' });
    return this;
  }

  validDate(path: string, value: Date | undefined): this {
    if (value !== undefined && Number.isNaN(value.getTime()))
      this.problems.push({ path, message: 'must be a valid date' });
    return this;
  }

  oneOf(path: string, value: string | undefined, allowed: readonly string[]): this {
    if (value !== undefined && !allowed.includes(value)) {
      this.problems.push({ path, message: `must be one of: ${allowed.join(', ')}` });
    }
    return this;
  }

  /** Throws a ValidationError listing every problem found, if any. */
  assert(message: string): void {
    if (this.problems.length > 0) throw new ValidationError(message, this.problems);
  }
}
