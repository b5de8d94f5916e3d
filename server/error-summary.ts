/** One line for an expected operational failure (SMTP or PostgreSQL unreachable): its message and causes, no stack. */
export function errorSummary(error: unknown): string {
  const parts: string[] = [];
  for (let current: unknown = error, depth = 0; current !== undefined && current !== null && depth < 4; depth++) {
    if (current instanceof Error) {
      const code = (current as { code?: unknown }).code;
      parts.push(
        `${current.message || current.name}${typeof code === "string" && !current.message.includes(code) ? ` (${code})` : ""}`,
      );
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.join(" ← ");
}
