/** A failure as one readable line, whatever was thrown: never "undefined", never "[object Object]". */
export function describeFailure(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (error.message) return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
    return code ?? error.name;
  }
  if (typeof error === "string" && error.trim()) return error;
  if (error && typeof error === "object") {
    const { message, code } = error as { message?: unknown; code?: unknown };
    if (typeof message === "string" && message) return message;
    if (typeof code === "string" && code) return code;
  }
  return "no reason was given (the lines above may say more)";
}
