import "server-only";
import { invalidateTags } from "@/server/cache/tagged-cache";

export type MutationResult = { tags: string[] };

/** Awaits a service call, then invalidates exactly the cache tags it reported (after its transaction committed). */
export async function runMutation<R extends MutationResult>(mutation: Promise<R>): Promise<R> {
  const result = await mutation;
  invalidateTags([...new Set(result.tags)]);
  return result;
}
