// Every environment variable the app, its worker and `npm start` read, validated in one place. No `server-only`:
// scripts/run-app.ts checks the same variables before it starts anything.
import { z } from "zod";

const flag = (name: string) => z.enum(["0", "1"], { error: `${name} must be 0 or 1` }).optional();
const milliseconds = (min: number, fallback: number) => z.coerce.number().int().min(min).default(fallback);

export const ENVIRONMENT = {
  DATABASE_URL: z
    .string({
      error:
        "DATABASE_URL is not set. `npm start` sets it for the embedded database; otherwise set it to postgresql://user:password@host:5432/db",
    })
    .regex(
      /^postgres(ql)?:\/\//,
      "DATABASE_URL must be a PostgreSQL URL such as postgresql://user:password@host:5432/statuspage",
    ),
  AUTH_SECRET: z
    .string({ error: "AUTH_SECRET is not set. Generate one with `openssl rand -base64 32`." })
    .min(16, "AUTH_SECRET must be at least 16 characters"),
  PUBLIC_URL: z.string().url("PUBLIC_URL must be an absolute URL such as https://status.example.com").optional(),
  PORT: z.coerce
    .number({ error: "PORT must be a number between 1 and 65535" })
    .int("PORT must be a number between 1 and 65535")
    .min(1, "PORT must be a number between 1 and 65535")
    .max(65535, "PORT must be a number between 1 and 65535")
    .default(3000),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(500).default(10),
  DATABASE_CONNECT_TIMEOUT_MS: milliseconds(100, 3000),
  DATABASE_STATEMENT_TIMEOUT_MS: milliseconds(100, 10000),
  DATABASE_QUERY_TIMEOUT_MS: milliseconds(100, 5000),
  SESSION_MAX_AGE_HOURS: z.coerce.number().positive().default(12),
  STATUSPAGE_DISABLE_SCHEDULER: flag("STATUSPAGE_DISABLE_SCHEDULER"),
  STATUSPAGE_DISABLE_WORKER: flag("STATUSPAGE_DISABLE_WORKER"),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "SMTP_URL must look like smtp://user:password@host:587 or smtps://host:465")
    .optional(),
  MAIL_FROM: z.string().min(3, "MAIL_FROM must be an address such as Status <status@example.com>").optional(),
  WEBHOOK_ALLOW_PRIVATE: flag("WEBHOOK_ALLOW_PRIVATE"),
};

type Variable = keyof typeof ENVIRONMENT;
type Parsed<K extends Variable> = z.output<z.ZodObject<Pick<typeof ENVIRONMENT, K>>>;

/** Thrown with one line per variable at fault, each naming it and saying how to fix it. */
export class EnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  ${problem}`).join("\n")}`);
  }
}

/** Reads and validates the named variables; an unset AUTH_SECRET falls back to next-auth's NEXTAUTH_SECRET. */
export function readEnvironment<K extends Variable>(
  names: readonly K[],
  source: NodeJS.ProcessEnv = process.env,
): Parsed<K> {
  const shape = Object.fromEntries(names.map((name) => [name, ENVIRONMENT[name]])) as Pick<typeof ENVIRONMENT, K>;
  const values = { ...source, AUTH_SECRET: source.AUTH_SECRET ?? source.NEXTAUTH_SECRET };
  const parsed = z.object(shape).safeParse(values);
  if (!parsed.success) {
    throw new EnvironmentError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join(".");
        return issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
      }),
    );
  }
  return parsed.data;
}
