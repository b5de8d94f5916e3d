// Node flags for the production server. V8 otherwise lets the heap grow to a quarter of the machine's memory before
// collecting in earnest; a status page's working set is far smaller, and a bounded heap keeps each instance's memory
// predictable. Both caches are bounded in bytes, well inside this limit.
export const DEFAULT_MAX_HEAP_MB = 256;

export function serverNodeArgs(env: Record<string, string | undefined> = process.env): string[] {
  const value = Number(env.STATUSPAGE_MAX_HEAP_MB ?? DEFAULT_MAX_HEAP_MB);
  const megabytes = Number.isInteger(value) && value >= 64 ? value : DEFAULT_MAX_HEAP_MB;
  return [`--max-old-space-size=${megabytes}`];
}
