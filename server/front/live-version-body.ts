/**
 * The version in an `/api/live` answer for a stream following `key`; null when the incident it names does not exist.
 * Throws on anything else, so no stream is ever sent a version that is not one.
 */
export function liveVersionOf(body: Buffer, key: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw new Error("The live version answer is not JSON.");
  }
  const { version, incident } = (parsed ?? {}) as { version?: unknown; incident?: unknown };
  if (key && incident === null) return null;
  if (typeof version !== "string" || version === "") throw new Error("The live version answer holds no version.");
  return version;
}
