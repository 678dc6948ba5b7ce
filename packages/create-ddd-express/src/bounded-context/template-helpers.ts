/**
 * Helpers the domain templates call where a line's layout depends on the names being generated, so that the
 * output is already in the generated project's Prettier style (`npm run format:check` passes without a
 * formatting step, which would cost more than the whole generation).
 */

/** The generated project's `.prettierrc.json` printWidth. */
export const PRINT_WIDTH = 120;

/** `import { a, b } from '…';` on one line when it fits, one specifier per line otherwise, as Prettier does. */
export function importStatement(specifiers: readonly string[], from: string): string {
  const oneLine = `import { ${specifiers.join(', ')} } from '${from}';`;
  if (oneLine.length <= PRINT_WIDTH) return oneLine;
  return `import {\n${specifiers.map((specifier) => `  ${specifier},\n`).join('')}} from '${from}';`;
}

/** `callee(a, b);` on one line when it fits, one argument per line otherwise, as Prettier does for objects. */
export function callStatement(callee: string, args: readonly string[], indent = ''): string {
  const oneLine = `${indent}${callee}(${args.join(', ')});`;
  if (oneLine.length <= PRINT_WIDTH) return oneLine;
  return `${indent}${callee}(\n${args.map((arg) => `${indent}  ${arg},\n`).join('')}${indent});`;
}

export const templateHelpers = { importStatement, callStatement };
