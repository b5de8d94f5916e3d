// Demo data for a fictional CI company, for `npm run db:seed` and `SEED_DEMO=1 npm start`.
import type { PrismaClient } from "../server/db/generated/client";
import { writeDemo } from "../server/services/demo/write-demo";

/**
 * Seeds the demo into a database without a page, in one transaction: a seed that fails halfway leaves nothing
 * behind (a half-written page would never be seeded again). The page counts as set up: the demo was chosen.
 */
export async function seedDemo(client: PrismaClient, now = new Date()): Promise<{ seeded: boolean }> {
  return client.$transaction(
    async (db) => {
      if ((await db.pageSettings.count()) > 0) return { seeded: false };
      await writeDemo(db, { now });
      await db.pageSettings.updateMany({ data: { setupCompletedAt: now } });
      return { seeded: true };
    },
    // Hundreds of rows; a slow first start on a small machine must not time the seed out.
    { maxWait: 30_000, timeout: 300_000 },
  );
}
