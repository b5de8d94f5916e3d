import "server-only";
import { z } from "zod";
import { actorUserId, authorize, inTransaction, type ServiceContext } from "@/server/services/context";
import { writeAudit } from "@/server/services/audit";
import { parseInput, requiredText } from "@/server/services/validation";
import { displayPrefix, generateApiKeyToken, hashApiKeyToken } from "@/server/auth/api-key-token";

// Owner keys exist for the page profile (Statuspage's PATCH /pages/{id}); everything else needs at most a responder.
export const API_KEY_ROLES = ["owner", "responder", "viewer"] as const;

export const createApiKeySchema = z.object({
  name: requiredText("Name", 100),
  role: z.enum(API_KEY_ROLES, { error: "Choose owner, responder or viewer." }),
});

/** Creates an API key; the plaintext token is returned only here and is stored as a SHA-256 hash. */
export async function createApiKey({ ctx, input }: { ctx: ServiceContext; input: z.input<typeof createApiKeySchema> }) {
  authorize(ctx.actor, "owner");
  const data = parseInput(createApiKeySchema, input);
  const token = generateApiKeyToken();
  return inTransaction(ctx, async (tx) => {
    const apiKey = await tx.apiKey.create({
      data: {
        name: data.name,
        role: data.role,
        prefix: displayPrefix(token),
        hash: hashApiKeyToken(token),
        createdById: actorUserId(ctx.actor),
      },
      select: { id: true, name: true, prefix: true, role: true, createdAt: true },
    });
    await writeAudit(tx, ctx.actor, {
      action: "api-key.create",
      entityType: "api-key",
      entityId: apiKey.id,
      after: apiKey,
    });
    return { apiKey, token, tags: [] as string[] };
  });
}
