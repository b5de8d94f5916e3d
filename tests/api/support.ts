import { expect } from "vitest";
import { getDb } from "@/server/db/client";
import { RECENT_LIMIT } from "@/server/api/public-data";
import { actorFor, ensurePage, unique } from "@/tests/support/factories";
import { createApiKey } from "@/server/services/api-keys/create-api-key";

/** ensurePage, tolerating another test file creating the singleton page at the same moment. */
export async function ensurePageOnce() {
  try {
    return await ensurePage();
  } catch {
    return ensurePage();
  }
}

/**
 * The page and a responder key for tests that call the management API, with its rate limit off: test files share
 * one database and would otherwise spend each other's allowance.
 */
export async function openManagementApi(keyName: string): Promise<{ pageId: string; responder: string }> {
  process.env.MANAGEMENT_API_RATE_LIMIT = "0";
  const pageId = (await ensurePageOnce()).id;
  const { token } = await createApiKey({
    ctx: { actor: await actorFor("owner") },
    input: { name: unique(keyName), role: "responder" },
  });
  return { pageId, responder: token };
}

/**
 * The v2 lists hold the 50 that started most recently, and test files running meanwhile may have pushed this test's
 * rows out: each wanted row is listed, or the list is full of rows that started no earlier than it.
 */
export async function expectAmongRecent(list: { id: string; started_at: string }[], wanted: string[]) {
  const listed = new Set(list.map((item) => item.id));
  const absent = wanted.filter((id) => !listed.has(id));
  if (absent.length === 0) return;
  expect(list.length, `${absent.join(", ")} not listed`).toBe(RECENT_LIMIT);
  const earliestListed = Math.min(...list.map((item) => Date.parse(item.started_at)));
  const rows = await getDb().incident.findMany({
    where: { id: { in: absent } },
    select: { id: true, startedAt: true },
  });
  expect(rows.map((row) => row.id).sort()).toEqual([...absent].sort());
  for (const row of rows) expect(row.startedAt.getTime(), row.id).toBeLessThanOrEqual(earliestListed);
}
