import "server-only";
import type { z } from "zod";

/** A payload read back from the outbox, or why it cannot be sent: rows outlive the code that wrote them. */
export function parseStoredPayload<T>(
  schema: z.ZodType<T>,
  value: unknown,
): { payload: T } | { outcome: { kind: "malformed"; reason: string } } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { payload: parsed.data };
  const issues = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
  return { outcome: { kind: "malformed", reason: `The stored message is malformed and was not sent (${issues}).` } };
}
