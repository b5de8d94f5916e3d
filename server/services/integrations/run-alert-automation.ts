import "server-only";
import { getDb } from "@/server/db/client";
import { commitMutation } from "@/server/cache/commit-mutation";
import { evaluateComponent } from "@/server/services/integrations/evaluate-component";
import { errorSummary } from "@/server/error-summary";

const BATCH = 100;

/**
 * The scheduler's pass over pending automation: every component whose damping window has run out (its persisted
 * `checkAt` has come) is evaluated again. Several instances may run it; each component is evaluated under its row lock.
 */
export async function runAlertAutomation(options: { now?: Date } = {}) {
  const now = options.now ?? new Date();
  const due = await getDb().componentAutomation.findMany({
    where: { checkAt: { lte: now } },
    orderBy: { checkAt: "asc" },
    take: BATCH,
    select: { componentId: true },
  });
  const changed: string[] = [];
  const tags = new Set<string>();
  for (const { componentId } of due) {
    try {
      const evaluation = await commitMutation(getDb(), (tx) => evaluateComponent(tx, componentId, now));
      evaluation.tags.forEach((tag) => tags.add(tag));
      if (evaluation.changed) changed.push(componentId);
    } catch (error) {
      console.error(`Alert automation could not evaluate component ${componentId}: ${errorSummary(error)}`);
    }
  }
  return { evaluated: due.length, changed, tags: [...tags] };
}
