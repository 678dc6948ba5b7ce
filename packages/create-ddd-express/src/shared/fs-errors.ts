/**
 * Whether a file-system error says the path does not exist. Read from `code`, not `instanceof Error`: Node's errors
 * can come from another realm (Jest's VM contexts).
 */
export function isMissingFile(error: unknown): boolean {
  return errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR';
}

export function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}
