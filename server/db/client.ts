import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/server/db/generated/client";
import { getEnv } from "@/server/env";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
export type DbOrTx = PrismaClient | Tx;

const globalForDb = globalThis as unknown as { statuspageDb?: PrismaClient };

function createClient(): PrismaClient {
  const env = getEnv();
  const adapter = new PrismaPg({
    connectionString: env.DATABASE_URL,
    max: env.DATABASE_POOL_MAX,
    connectionTimeoutMillis: env.DATABASE_CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    statement_timeout: env.DATABASE_STATEMENT_TIMEOUT_MS,
    // Enforced here, not by the server: a frozen PostgreSQL can enforce nothing, and every request would hang on it.
    query_timeout: env.DATABASE_QUERY_TIMEOUT_MS,
  });
  return new PrismaClient({ adapter });
}

/** The one Prisma client of this process, created on first use. */
export function getDb(): PrismaClient {
  globalForDb.statuspageDb ??= createClient();
  return globalForDb.statuspageDb;
}

export { Prisma } from "@/server/db/generated/client";
