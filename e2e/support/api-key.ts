import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/server/db/generated/client";
import { displayPrefix, generateApiKeyToken, hashApiKeyToken } from "@/server/auth/api-key-token";

/** Stores a responder API key directly in the given database and returns its token. */
export async function createResponderApiKey(databaseUrl: string): Promise<string> {
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  try {
    const token = generateApiKeyToken();
    await db.apiKey.create({
      data: {
        name: `e2e ${Date.now()}`,
        role: "responder",
        prefix: displayPrefix(token),
        hash: hashApiKeyToken(token),
      },
    });
    return token;
  } finally {
    await db.$disconnect();
  }
}
