// Every environment variable the product reads at run time, with its type, default, range, description and the
// processes that read it. docs/configuration.md and .env.example are generated from this list (npm run config:docs).
import net from "node:net";
import os from "node:os";
import { z } from "zod";

/** The processes that read configuration (docs/configuration.md explains each). */
export type Reader = "launcher" | "primary" | "front" | "app" | "worker" | "mirror" | "importer";

export type Group =
  | "Server"
  | "Database"
  | "Console and sign-in"
  | "Caches and rendering"
  | "Live updates"
  | "Background work"
  | "Notifications"
  | "Management API"
  | "Static mirror"
  | "Importer"
  | "Set by the server for its own processes";

type Doc = {
  group: Group;
  /** One sentence an operator understands. */
  description: string;
  readBy: readonly Reader[];
  /** What an unset variable means, when the schema has no default of its own. */
  unset?: string;
  /** The message when a process that needs it finds it unset. */
  whenMissing?: string;
};

export type Variable<S extends z.ZodType = z.ZodType> = Doc & {
  schema: S;
  type: string;
  range?: string;
  /** The default as the docs show it; undefined when unset means "not used". */
  defaultLabel?: string;
};

type Bounds = { min: number; max?: number };

function boundsText(min: number, max: number | undefined): string {
  return max === undefined ? `at least ${min}` : `from ${min} to ${max}`;
}

/** A whole number; `unit` reads in the message and the docs ("milliseconds"). */
function integer(
  unit: string | null,
  { min, max, default: fallback }: Bounds & { default: number | (() => number) },
  doc: Doc,
  message = `must be a whole number${unit ? ` of ${unit}` : ""}, ${boundsText(min, max)}`,
): Variable<z.ZodType<number>> {
  const base = z.coerce.number({ error: message }).int({ error: message }).min(min, { error: message });
  const bounded = max === undefined ? base : base.max(max, { error: message });
  return {
    ...doc,
    schema: bounded.default(typeof fallback === "function" ? fallback : () => fallback),
    type: unit ? `whole number of ${unit}` : "whole number",
    range: max === undefined ? `≥ ${min}` : `${min}–${max}`,
    defaultLabel: typeof fallback === "number" ? String(fallback) : undefined,
  };
}

/** A number that may have a fraction; `above` excludes `min` itself. */
function decimal(
  unit: string | null,
  { min, max, default: fallback, above = false }: Bounds & { default: number; above?: boolean },
  doc: Doc,
): Variable<z.ZodType<number>> {
  const lower = above ? `more than ${min}` : `at least ${min}`;
  const message = `must be a number${unit ? ` of ${unit}` : ""}, ${lower}${max === undefined ? "" : ` and at most ${max}`}`;
  const base = z.coerce.number({ error: message });
  const floor = above ? base.gt(min, { error: message }) : base.min(min, { error: message });
  const bounded = max === undefined ? floor : floor.max(max, { error: message });
  return {
    ...doc,
    schema: bounded.default(fallback),
    type: unit ? `number of ${unit}` : "number",
    range: `${above ? ">" : "≥"} ${min}${max === undefined ? "" : `, ≤ ${max}`}`,
    defaultLabel: String(fallback),
  };
}

/** `0` or `1`; `fallback` undefined when unset means "decided elsewhere" (the doc's `unset` says how). */
function flag(fallback: boolean, doc: Doc): Variable<z.ZodType<boolean>>;
function flag(fallback: undefined, doc: Doc): Variable<z.ZodType<boolean | undefined>>;
function flag(fallback: boolean | undefined, doc: Doc): Variable {
  const schema = z.enum(["0", "1"], { error: "must be 0 or 1" }).transform((value) => value === "1");
  return {
    ...doc,
    schema: fallback === undefined ? schema.optional() : schema.default(fallback),
    type: "0 or 1",
    defaultLabel: fallback === undefined ? undefined : fallback ? "1" : "0",
  };
}

type TextDoc = Doc & { type?: string };

function text(doc: TextDoc & { default: string }, schema?: z.ZodString): Variable<z.ZodType<string>>;
function text(doc: TextDoc, schema?: z.ZodString): Variable<z.ZodType<string | undefined>>;
function text({ default: fallback, type, ...doc }: TextDoc & { default?: string }, schema = z.string()): Variable {
  return {
    ...doc,
    schema: fallback === undefined ? schema.optional() : schema.default(fallback),
    type: type ?? "text",
    defaultLabel: fallback,
  };
}

function url(message: string, doc: Doc): Variable<z.ZodType<string | undefined>> {
  return { ...doc, schema: z.url({ error: message }).optional(), type: "URL" };
}

/** `::ffff:1.2.3.4` and `[::1]` as the front processes read them (server/front/resolve-client-address.ts). */
function isProxyAddress(entry: string): boolean {
  const [rawAddress, prefix, ...rest] = entry.split("/");
  const address = rawAddress.replace(/^\[([^\]]+)\](?::\d+)?$/, "$1").replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, "$1");
  const family = net.isIP(address);
  const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
  return rest.length === 0 && family !== 0 && Number.isInteger(bits) && bits >= 0 && bits <= (family === 6 ? 128 : 32);
}

function isTrustProxy(value: string): boolean {
  if (/^(\d+|false)$/i.test(value)) return true;
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.length > 0 && entries.every(isProxyAddress);
}

const DATABASE_USERS: readonly Reader[] = ["app", "worker", "mirror", "importer"];
const SERVER: readonly Reader[] = ["app", "worker"];
const MIRROR: readonly Reader[] = ["app", "worker", "mirror"];

export const VARIABLES = {
  // Server
  PORT: integer(
    null,
    { min: 1, max: 65535, default: 3000 },
    {
      group: "Server",
      description: "The TCP port the status page listens on.",
      readBy: ["launcher", "primary", "front", "app", "worker"],
    },
    "must be a number between 1 and 65535",
  ),
  HOST: text({
    group: "Server",
    description: "The address the status page listens on; 0.0.0.0 means every network interface.",
    readBy: ["launcher", "primary", "front", "app"],
    default: "0.0.0.0",
    type: "host name or IP address",
  }),
  PUBLIC_URL: url("PUBLIC_URL must be an absolute URL such as https://status.example.com", {
    group: "Server",
    description:
      "The page's public address, used in links, feeds, emails and embed snippets unless an owner sets one under Settings → Status page address.",
    readBy: ["launcher", "app", "worker"],
    unset: "http://localhost:$PORT",
  }),
  NEXTAUTH_URL: url("NEXTAUTH_URL must be an absolute URL such as https://status.example.com", {
    group: "Server",
    description: "The address the console signs in on; set it only when that differs from PUBLIC_URL.",
    readBy: ["launcher", "app"],
    unset: "PUBLIC_URL, else the Host header of each request",
  }),
  TRUST_PROXY: {
    group: "Server",
    description:
      "The proxies whose X-Forwarded-For is believed: a number of hops in front of the app (1), or their addresses and CIDR ranges (10.0.0.0/8,::1).",
    readBy: ["front"],
    schema: z
      .string()
      .trim()
      .refine(isTrustProxy, {
        error: "must be a number of proxy hops (e.g. 1) or addresses such as 10.0.0.0/8,::1",
      })
      .optional(),
    type: "hop count, or addresses and CIDR ranges",
    unset: "no proxy is trusted",
  },
  WEB_CONCURRENCY: integer(
    null,
    { min: 1, default: () => os.availableParallelism() },
    {
      group: "Server",
      description:
        "How many front processes answer requests (from the response cache, the live stream or by passing them to the app).",
      readBy: ["primary"],
      unset: "one per CPU core",
    },
  ),
  STATUSPAGE_MAX_HEAP_MB: integer(
    "megabytes",
    { min: 64, default: 256 },
    {
      group: "Server",
      description: "The JavaScript heap limit (--max-old-space-size) of each of the production server's processes.",
      readBy: ["launcher", "primary"],
    },
  ),
  NEXT_DIST_DIR: text({
    group: "Server",
    description: "The folder of the production build, inside the project; a second build can sit beside a running one.",
    readBy: ["launcher", "front", "app", "worker", "mirror"],
    default: ".next",
    type: "folder",
  }),

  // Database
  DATABASE_URL: {
    group: "Database",
    description:
      "The PostgreSQL database to use, as postgresql://user:password@host:5432/db; when unset, npm start runs an embedded PostgreSQL.",
    readBy: ["launcher", ...DATABASE_USERS],
    schema: z
      .string()
      .regex(
        /^postgres(ql)?:\/\//,
        "DATABASE_URL must be a PostgreSQL URL such as postgresql://user:password@host:5432/statuspage",
      )
      .optional(),
    type: "PostgreSQL URL",
    unset: "embedded PostgreSQL",
    whenMissing:
      "DATABASE_URL is not set. `npm start` sets it for the embedded database; otherwise set it to postgresql://user:password@host:5432/db",
  },
  EMBEDDED_PG_PORT: integer(
    null,
    { min: 1, max: 65535, default: 54329 },
    {
      group: "Database",
      description: "The port of the embedded PostgreSQL that npm start runs when DATABASE_URL is unset.",
      readBy: ["launcher"],
    },
    "must be a number between 1 and 65535",
  ),
  STATUSPAGE_DATA_DIR: text({
    group: "Database",
    description: "Where the embedded PostgreSQL's data and the generated AUTH_SECRET are kept.",
    readBy: ["launcher", "mirror", "importer"],
    unset: ".data in the project folder",
    type: "folder",
  }),
  SEED_DEMO: flag(undefined, {
    group: "Database",
    description:
      "1 fills an empty database with the demo page on start; otherwise it gets an empty page, and the owner chooses the demo or an empty page at first-run set-up.",
    readBy: ["launcher"],
    unset: "0",
  }),
  PAGE_NAME: text({
    group: "Database",
    description: "The name of the empty page created on first start when the demo is not seeded.",
    readBy: ["launcher"],
    unset: "no name until the owner sets one",
  }),
  DATABASE_POOL_MAX: integer(
    null,
    { min: 1, max: 500, default: 10 },
    {
      group: "Database",
      description:
        "Connections each process keeps to PostgreSQL; keep instances × this below PostgreSQL's max_connections.",
      readBy: DATABASE_USERS,
    },
  ),
  DATABASE_CONNECT_TIMEOUT_MS: integer(
    "milliseconds",
    { min: 100, default: 3000 },
    {
      group: "Database",
      description: "How long to wait for a database connection before failing fast.",
      readBy: DATABASE_USERS,
    },
  ),
  DATABASE_STATEMENT_TIMEOUT_MS: integer(
    "milliseconds",
    { min: 100, default: 10000 },
    {
      group: "Database",
      description: "The longest a query may run, enforced by PostgreSQL.",
      readBy: DATABASE_USERS,
    },
  ),
  DATABASE_QUERY_TIMEOUT_MS: integer(
    "milliseconds",
    { min: 100, default: 5000 },
    {
      group: "Database",
      description:
        "The longest the app waits for any answer from PostgreSQL, so a frozen database server cannot hang a request.",
      readBy: DATABASE_USERS,
    },
  ),
  DATABASE_READ_FALLBACK_MS: integer(
    "milliseconds",
    { min: 1, default: 1000 },
    {
      group: "Database",
      description: "A public read PostgreSQL has not answered by then is served from the last value instead.",
      readBy: DATABASE_USERS,
    },
  ),
  DATABASE_WRITE_TIMEOUT_MS: integer(
    "milliseconds",
    { min: 100, default: 5000 },
    {
      group: "Database",
      description: "A write must commit within this once begun, or it is refused and reported as not saved.",
      readBy: DATABASE_USERS,
    },
  ),
  DATABASE_WRITE_START_TIMEOUT_MS: integer(
    "milliseconds",
    { min: 100, default: 5000 },
    {
      group: "Database",
      description: "How long a write may wait for a connection and BEGIN before it is given up as not saved.",
      readBy: DATABASE_USERS,
    },
  ),

  // Console and sign-in
  AUTH_SECRET: {
    group: "Console and sign-in",
    description: "Signs console sessions; required with DATABASE_URL, make one with openssl rand -base64 32.",
    readBy: ["launcher", "app", "worker", "mirror", "importer"],
    schema: z.string().min(16, "AUTH_SECRET must be at least 16 characters").optional(),
    type: "text, 16 characters or more",
    unset: "NEXTAUTH_SECRET, else generated into STATUSPAGE_DATA_DIR with the embedded database",
    whenMissing: "AUTH_SECRET is not set. Generate one with `openssl rand -base64 32`.",
  },
  NEXTAUTH_SECRET: text({
    group: "Console and sign-in",
    description: "The older name of AUTH_SECRET, used when AUTH_SECRET is unset.",
    readBy: ["launcher", "app", "importer"],
  }),
  SESSION_MAX_AGE_HOURS: decimal(
    "hours",
    { min: 0, default: 12, above: true },
    {
      group: "Console and sign-in",
      description: "Console sessions expire this long after sign-in.",
      readBy: ["app"],
    },
  ),
  OWNER_EMAIL: text({
    group: "Console and sign-in",
    description: "With OWNER_PASSWORD, creates the owner account at start when the database has no user yet.",
    readBy: ["launcher", "app"],
    type: "email address",
  }),
  OWNER_PASSWORD: text({
    group: "Console and sign-in",
    description: "The password of the owner account OWNER_EMAIL creates.",
    readBy: ["launcher", "app"],
  }),
  OWNER_NAME: text({
    group: "Console and sign-in",
    description: "The display name of the owner account OWNER_EMAIL creates.",
    readBy: ["app"],
    default: "Owner",
  }),

  // Caches and rendering
  DATA_CACHE_MAX_MB: integer(
    "megabytes",
    { min: 1, default: 32 },
    {
      group: "Caches and rendering",
      description: "Memory for cached query results in each process, measured as JSON.",
      readBy: SERVER,
    },
  ),
  RESPONSE_CACHE_MAX_MB: integer(
    "megabytes",
    { min: 1, default: 64 },
    {
      group: "Caches and rendering",
      description: "Memory for whole cached responses (plain, gzip and Brotli) in each front process.",
      readBy: ["front"],
    },
  ),
  RESPONSE_CACHE_MAX_AGE_MS: integer(
    "milliseconds",
    { min: 1, default: 60000 },
    {
      group: "Caches and rendering",
      description:
        "After this long without a data change a cached response is rendered again in the background while readers keep the cached one.",
      readBy: ["front"],
    },
  ),
  RENDER_MAX_CONCURRENT: integer(
    null,
    { min: 1, default: 2 },
    {
      group: "Caches and rendering",
      description: "Renders of uncached public responses each front process asks of the app at once.",
      readBy: ["front"],
    },
  ),
  RENDER_MAX_QUEUED: integer(
    null,
    { min: 1, default: 128 },
    {
      group: "Caches and rendering",
      description:
        "Renders that may wait (up to RENDER_QUEUE_TIMEOUT_MS) for a slot in each front process; beyond it requests get 503.",
      readBy: ["front"],
    },
  ),
  RENDER_QUEUE_TIMEOUT_MS: integer(
    "milliseconds",
    { min: 100, max: 120_000, default: 5_000 },
    {
      group: "Caches and rendering",
      description:
        "How long a render may wait for a slot in a front process before the request gets 503 with Retry-After.",
      readBy: ["front"],
    },
  ),
  RENDER_BUDGET_SHARE: decimal(
    null,
    { min: 0, max: 1, default: 0.05 },
    {
      group: "Caches and rendering",
      description:
        "The share of the server's time that renders producing nothing worth caching (pages that do not exist, parameter values seen for the first time) may take; beyond it they get 503 with Retry-After, while fixed addresses such as the home page are never refused.",
      readBy: ["front"],
    },
  ),
  STATUSPAGE_DISABLE_CACHE_BUS: flag(false, {
    group: "Caches and rendering",
    description:
      "1 stops listening for other instances' cache invalidations; only for a single instance, as in tests and benchmarks.",
    readBy: SERVER,
  }),

  // Live updates
  LIVE_STREAM_MAX_CONNECTIONS: integer(
    null,
    { min: 1, default: 20000 },
    {
      group: "Live updates",
      description: "Open live-update streams per instance, shared out among its front processes; beyond it pages poll.",
      readBy: ["front"],
    },
  ),
  LIVE_STREAM_MAX_PER_ADDRESS: integer(
    null,
    { min: 1, default: 100 },
    {
      group: "Live updates",
      description:
        "Open live-update streams per client address and front process (an office behind one NAT shares it).",
      readBy: ["front"],
    },
  ),
  LIVE_STREAM_HEARTBEAT_MS: integer(
    "milliseconds",
    { min: 1, default: 20000 },
    {
      group: "Live updates",
      description: "How often an idle stream sends a ping, so proxies keep it open and pages notice a dead link.",
      readBy: ["front"],
    },
  ),

  // Background work
  STATUSPAGE_DISABLE_SCHEDULER: flag(false, {
    group: "Background work",
    description:
      "1 stops this instance from starting and completing scheduled maintenance windows and from polling Prometheus metrics.",
    readBy: ["launcher", "app"],
  }),
  STATUSPAGE_SCHEDULER_INTERVAL_MS: integer(
    "milliseconds",
    { min: 100, default: 15000 },
    {
      group: "Background work",
      description: "How often the scheduler checks for maintenance windows to start or complete.",
      readBy: ["app"],
    },
  ),
  PROMETHEUS_TIMEOUT_MS: integer(
    "milliseconds",
    { min: 100, max: 120000, default: 5000 },
    {
      group: "Background work",
      description:
        "How long one query to a metrics provider's Prometheus may take before the poll counts as failed and backs off.",
      readBy: ["app"],
    },
  ),
  METRICS_RAW_RETENTION_DAYS: integer(
    "days",
    { min: 29, default: 35 },
    {
      group: "Background work",
      description:
        "How long raw metric points are kept; charts read hourly and daily rollups, kept longer. At least 29, so a point backfilled 28 days late still finds its day's points.",
      readBy: ["app"],
    },
  ),
  STATUSPAGE_DISABLE_WORKER: flag(false, {
    group: "Background work",
    description:
      "1 stops the web instance from delivering notifications and publishing the mirror; run npm run worker instead.",
    readBy: ["launcher", "app"],
  }),

  // Notifications
  SMTP_URL: text(
    {
      group: "Notifications",
      description:
        "The mail server for subscriber emails; wins over the one an owner sets in the console (Settings → Email settings). With neither, readers are not offered email.",
      readBy: SERVER,
      type: "smtp:// or smtps:// URL",
    },
    z.string().regex(/^smtps?:\/\//, "SMTP_URL must look like smtp://user:password@host:587 or smtps://host:465"),
  ),
  MAIL_FROM: text(
    {
      group: "Notifications",
      description: "The sender of subscriber emails; wins over the Sender set in the console.",
      readBy: SERVER,
      default: "Status page <status@localhost>",
      type: "email address, with or without a name",
    },
    z.string().min(3, "MAIL_FROM must be an address such as Status <status@example.com>"),
  ),
  WEBHOOK_ALLOW_PRIVATE: flag(false, {
    group: "Notifications",
    description:
      "1 lets webhooks and chat channels target private and loopback addresses and plain http (an intranet install, tests).",
    readBy: SERVER,
  }),
  DELIVERY_RETENTION_DAYS: decimal(
    "days",
    { min: 1, default: 30 },
    {
      group: "Notifications",
      description: "How long sent notifications stay in the delivery log.",
      readBy: SERVER,
    },
  ),
  SUBSCRIBE_LIMIT_PER_ADDRESS: integer(
    null,
    { min: 1, default: 10 },
    {
      group: "Notifications",
      description: "Subscription requests per hour from one client address.",
      readBy: ["app"],
    },
  ),
  SUBSCRIBE_LIMIT_TOTAL: integer(
    null,
    { min: 1, default: 600 },
    {
      group: "Notifications",
      description: "Subscription requests per hour for the whole page.",
      readBy: ["app"],
    },
  ),

  // Management API
  MANAGEMENT_API_RATE_LIMIT: integer(
    null,
    { min: 0, default: 60 },
    {
      group: "Management API",
      description:
        "Requests each API key may make to /api/v1 (the Statuspage management API and its short forms) per window, counted across all instances; 0 turns the limit off.",
      readBy: ["app"],
    },
  ),
  MANAGEMENT_API_RATE_WINDOW_SECONDS: decimal(
    "seconds",
    { min: 0, default: 60, above: true },
    {
      group: "Management API",
      description: "The rolling window of MANAGEMENT_API_RATE_LIMIT.",
      readBy: ["app"],
    },
  ),
  MANAGEMENT_API_RATE_LIMIT_STATUS: {
    group: "Management API",
    description: "The status of a refused request: 420 for clients written against Statuspage's older answer.",
    readBy: ["app"],
    schema: z
      .enum(["429", "420"], { error: "must be 429 or 420" })
      .transform((value) => (value === "420" ? 420 : 429))
      .default(429),
    type: "429 or 420",
    defaultLabel: "429",
  },

  // Static mirror
  STATIC_MIRROR_DIR: text(
    {
      group: "Static mirror",
      description: "Publish the static mirror into this folder (readable by the web server's user).",
      readBy: MIRROR,
      type: "folder",
    },
    z.string().trim().min(1, "STATIC_MIRROR_DIR must be a folder path such as /var/www/status-mirror"),
  ),
  STATIC_MIRROR_S3_URL: text(
    {
      group: "Static mirror",
      description: "Publish the static mirror into this bucket and prefix; credentials come from the AWS SDK's chain.",
      readBy: MIRROR,
      type: "s3://bucket or s3://bucket/prefix",
    },
    z
      .string()
      .trim()
      .regex(
        /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/,
        "STATIC_MIRROR_S3_URL must look like s3://bucket or s3://bucket/prefix",
      ),
  ),
  STATIC_MIRROR_S3_ENDPOINT: url(
    "STATIC_MIRROR_S3_ENDPOINT must be a URL such as https://<account>.r2.cloudflarestorage.com",
    {
      group: "Static mirror",
      description: "The S3 API endpoint for R2, MinIO and other S3-compatible stores.",
      readBy: MIRROR,
      unset: "AWS",
    },
  ),
  STATIC_MIRROR_S3_REGION: text(
    {
      group: "Static mirror",
      description: "The mirror bucket's region.",
      readBy: MIRROR,
      unset: "AWS_REGION, else AWS_DEFAULT_REGION, else auto with an endpoint and us-east-1 without",
    },
    z.string().trim().min(1),
  ),
  STATIC_MIRROR_S3_FORCE_PATH_STYLE: flag(undefined, {
    group: "Static mirror",
    description: "1 addresses the bucket as endpoint/bucket/key, which MinIO needs.",
    readBy: MIRROR,
    unset: "1 with an endpoint, else 0",
  }),
  STATIC_MIRROR_DEBOUNCE_MS: integer(
    "milliseconds",
    { min: 0, max: 60000, default: 100 },
    {
      group: "Static mirror",
      description: "Changes within this long are published to the mirror together.",
      readBy: MIRROR,
    },
  ),
  STATIC_MIRROR_REFRESH_S: integer(
    "seconds",
    { min: 0, max: 86400, default: 60 },
    {
      group: "Static mirror",
      description:
        "How often pages that change with time alone (today's uptime bar, maintenance windows) are rendered again; 0 never.",
      readBy: MIRROR,
    },
  ),
  AWS_REGION: text({
    group: "Static mirror",
    description: "The AWS SDK's region, used for the mirror's bucket when STATIC_MIRROR_S3_REGION is unset.",
    readBy: MIRROR,
  }),
  AWS_DEFAULT_REGION: text({
    group: "Static mirror",
    description: "The AWS SDK's fallback region, used when AWS_REGION is unset too.",
    readBy: MIRROR,
  }),

  // Importer
  STATUSPAGE_API_KEY: text({
    group: "Importer",
    description: "The Statuspage API key npm run import:statuspage uses when --api-key is not given.",
    readBy: ["importer"],
  }),

  // Set by the primary process for the processes it starts.
  STATUSPAGE_APP_SOCKET: text({
    group: "Set by the server for its own processes",
    description: "The Unix socket the app process listens on and the front processes pass requests to.",
    readBy: ["front", "app"],
    type: "path",
  }),
  STATUSPAGE_FRONTS: integer(
    null,
    { min: 1, default: 1 },
    {
      group: "Set by the server for its own processes",
      description: "How many front processes share the server, so each takes its share of the limits.",
      readBy: ["front"],
    },
  ),
  STATUSPAGE_DATA_VERSION: integer(
    null,
    { min: 0, default: 0 },
    {
      group: "Set by the server for its own processes",
      description: "The data version a restarted front process starts from.",
      readBy: ["front"],
    },
  ),
} satisfies Record<string, Variable>;

export type VariableName = keyof typeof VARIABLES;
