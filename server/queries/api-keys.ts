import "server-only";
import { getDb } from "@/server/db/client";
import { authorize, type ActorContext } from "@/server/auth/actor";
import type { Role } from "@/lib/status";

export type ApiKeyListItem = {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  createdAt: Date;
  createdByName: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** Every key, active ones first, newest first; never the hash. */
export async function listApiKeys({ ctx }: { ctx: ActorContext }): Promise<ApiKeyListItem[]> {
  authorize(ctx.actor, "owner");
  const rows = await (ctx.db ?? getDb()).apiKey.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      prefix: true,
      role: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      createdBy: { select: { name: true } },
    },
  });
  return rows
    .map(({ createdBy, ...row }) => ({ ...row, createdByName: createdBy?.name ?? null }))
    .sort((a, b) => Number(Boolean(a.revokedAt)) - Number(Boolean(b.revokedAt)));
}
