import "server-only";
import { z } from "zod";
import { authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { id, parseInput } from "@/server/services/validation";
import { AppError } from "@/server/errors";

export const revokeApiKeySchema = z.object({ apiKeyId: id("API key") });

/** Revokes a key for good: requests carrying it are refused from the next one on. */
export async function revokeApiKey({ ctx, input }: { ctx: ServiceContext; input: z.input<typeof revokeApiKeySchema> }) {
  authorize(ctx.actor, "owner");
  const data = parseInput(revokeApiKeySchema, input);
  return inTransaction(ctx, async (tx) => {
    await tx.$queryRaw`SELECT id FROM api_keys WHERE id = ${data.apiKeyId} FOR UPDATE`;
    const apiKey = await tx.apiKey.findUnique({
      where: { id: data.apiKeyId },
      select: { id: true, name: true, prefix: true, revokedAt: true },
    });
    if (!apiKey) throw new AppError("NOT_FOUND", "That API key no longer exists.");
    if (apiKey.revokedAt) throw new AppError("CONFLICT", "That API key is already revoked.");
    const revoked = await tx.apiKey.update({
      where: { id: apiKey.id },
      data: { revokedAt: new Date() },
      select: { id: true, name: true, prefix: true, revokedAt: true },
    });
    await writeAudit(tx, ctx.actor, {
      action: "api-key.revoke",
      entityType: "api-key",
      entityId: apiKey.id,
      before: apiKey,
      after: revoked,
    });
    return { apiKey: revoked, tags: [] as string[] };
  });
}
