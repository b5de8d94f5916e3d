import "server-only";
import { z } from "zod";

const envSchema = z.object({
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is not set. `npm start` sets it for the embedded database; otherwise set it to postgresql://user:password@host:5432/db" })
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgresql://"),
  AUTH_SECRET: z.string({ error: "AUTH_SECRET is not set. Generate one with `openssl rand -base64 32`." }).min(16, "AUTH_SECRET must be at least 16 characters"),
  PUBLIC_URL: z.string().url("PUBLIC_URL must be an absolute URL such as https://status.example.com").optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(500).default(10),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(3000),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10000),
  DATABASE_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  SESSION_MAX_AGE_HOURS: z.coerce.number().positive().default(12),
  STATUSPAGE_DISABLE_SCHEDULER: z.enum(["0", "1"]).optional(),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/** Reads and validates the environment once; the message names the variable at fault. */
export function getEnv(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse({
    ...process.env,
    AUTH_SECRET: process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}
