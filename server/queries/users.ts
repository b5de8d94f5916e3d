import "server-only";
import { getDb, type DbOrTx } from "@/server/db/client";

/** Whether the console has been set up; before that, sign-in leads to the owner setup. */
export async function hasAnyUser(db: DbOrTx = getDb()): Promise<boolean> {
  return (await db.user.count()) > 0;
}
