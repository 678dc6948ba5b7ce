/** Polls `condition` until it holds (true) or `timeoutMs` passes (false): for effects that arrive over Redis. */
export async function eventually(condition: () => Promise<boolean> | boolean, timeoutMs = 2_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return false;
}
