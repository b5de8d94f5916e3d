import "server-only";
import { z } from "zod";
import { SYSTEM_ACTOR, type ServiceContext } from "@/server/services/context";
import { parseInput } from "@/server/services/validation";
import { writeAudit } from "@/server/services/audit";
import { setUpOwner } from "@/server/services/users/set-up-owner";
import { writeDemo } from "@/server/services/demo/write-demo";
import { commitMutation } from "@/server/cache/commit-mutation";
import { AppError, type FieldErrors } from "@/server/errors";
import { getDb, type Tx } from "@/server/db/client";
import { isPageBlank } from "@/server/queries/page-setup";
import { TAGS } from "@/server/cache/tags";

export const PAGE_STARTS = ["demo", "empty"] as const;
export type PageStart = (typeof PAGE_STARTS)[number];

const pageStartSchema = z.object({
  start: z.enum(PAGE_STARTS, { error: "Choose to start with the demo or with an empty page." }),
});

// The demo is a few hundred rows: more than a console write's usual deadline on a small, busy machine.
const SETUP_TIMEOUT_MS = 120_000;

type SetUpPageInput = Parameters<typeof setUpOwner>[0]["input"] & { start?: string };

function startErrors(start: unknown): FieldErrors | null {
  try {
    parseInput(pageStartSchema, { start });
    return null;
  } catch (error) {
    if (error instanceof AppError && error.fieldErrors) return error.fieldErrors;
    throw error;
  }
}

/** Fills a blank page with the demo, or leaves it empty; either way the page counts as set up from now. */
async function preparePage(tx: Tx, start: PageStart, now: Date, ownerId: string): Promise<string[]> {
  const seed = start === "demo" && (await isPageBlank(tx));
  if (seed) await writeDemo(tx, { now, actorLabel: "setup", actorId: ownerId });
  const settings = await tx.pageSettings.findFirst({ select: { id: true } });
  if (settings) await tx.pageSettings.update({ where: { id: settings.id }, data: { setupCompletedAt: now } });
  else await tx.pageSettings.create({ data: { name: "", url: "", setupCompletedAt: now } });
  await writeAudit(
    tx,
    { ...SYSTEM_ACTOR, label: "setup" },
    { action: "page.setup", entityType: "page", entityId: settings?.id, after: { start, demoSeeded: seed } },
  );
  return seed ? [TAGS.page, TAGS.components, TAGS.componentHistory, TAGS.incidents, TAGS.metrics] : [];
}

/**
 * First run: creates the owner and, when they chose it, seeds the demo into the blank page, in one transaction, so
 * a failed seed leaves no owner behind and the form can simply be sent again.
 */
export async function setUpPage({
  ctx = { actor: SYSTEM_ACTOR },
  input,
  now = new Date(),
}: {
  ctx?: ServiceContext;
  input: SetUpPageInput;
  now?: Date;
}) {
  const { start, ...owner } = input;
  const choiceErrors = startErrors(start);
  try {
    return await commitMutation(
      ctx.db ?? getDb(),
      async (tx) => {
        const { user } = await setUpOwner({ ctx: { ...ctx, db: tx }, input: owner });
        if (choiceErrors) throw new AppError("VALIDATION", "Some fields need attention.", choiceErrors);
        const tags = await preparePage(tx, start as PageStart, now, user.id);
        return { user, tags };
      },
      { timeoutMs: SETUP_TIMEOUT_MS },
    );
  } catch (error) {
    if (!choiceErrors || !(error instanceof AppError) || error.code !== "VALIDATION") throw error;
    throw new AppError("VALIDATION", "Some fields need attention.", { ...error.fieldErrors, ...choiceErrors });
  }
}
