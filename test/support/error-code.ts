/** Runs `action`; resolves with the code of the domain error it failed with, or 'ok'. Anything else is rethrown. */
export async function errorCodeOf(action: () => Promise<unknown>): Promise<string> {
  try {
    await action();
    return 'ok';
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (!code) throw error;
    return code;
  }
}
