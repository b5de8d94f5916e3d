import "server-only";
import { z } from "zod";

const flag = (name: string) => z.enum(["0", "1"], { error: `${name} must be 0 or 1` }).optional();

const schema = z.object({
  STATIC_MIRROR_DIR: z
    .string()
    .trim()
    .min(1, "STATIC_MIRROR_DIR must be a folder path such as /var/www/status-mirror")
    .optional(),
  STATIC_MIRROR_S3_URL: z
    .string()
    .trim()
    .regex(
      /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/,
      "STATIC_MIRROR_S3_URL must look like s3://bucket or s3://bucket/prefix",
    )
    .optional(),
  STATIC_MIRROR_S3_ENDPOINT: z
    .string()
    .url("STATIC_MIRROR_S3_ENDPOINT must be a URL such as https://<account>.r2.cloudflarestorage.com")
    .optional(),
  STATIC_MIRROR_S3_REGION: z.string().trim().min(1).optional(),
  STATIC_MIRROR_S3_FORCE_PATH_STYLE: flag("STATIC_MIRROR_S3_FORCE_PATH_STYLE"),
  STATIC_MIRROR_DEBOUNCE_MS: z.coerce
    .number({ error: "STATIC_MIRROR_DEBOUNCE_MS must be a number of milliseconds" })
    .int()
    .min(0)
    .max(60_000)
    .default(100),
  STATIC_MIRROR_REFRESH_S: z.coerce
    .number({ error: "STATIC_MIRROR_REFRESH_S must be a number of seconds" })
    .int()
    .min(0)
    .max(86_400)
    .default(60),
});

export type S3MirrorConfig = {
  bucket: string;
  prefix: string;
  endpoint: string | null;
  region: string;
  forcePathStyle: boolean;
};

export type MirrorConfig = {
  dir: string | null;
  s3: S3MirrorConfig | null;
  /** A burst of changes within this long is published once. */
  debounceMs: number;
  /** How often pages that change with time alone (uptime bars, "today") are re-rendered; 0 never. */
  refreshMs: number;
};

function parseS3Url(url: string, env: z.infer<typeof schema>): S3MirrorConfig {
  const rest = url.slice("s3://".length);
  const slash = rest.indexOf("/");
  const bucket = slash === -1 ? rest : rest.slice(0, slash);
  const prefix = slash === -1 ? "" : rest.slice(slash + 1).replace(/^\/+|\/+$/g, "");
  const endpoint = env.STATIC_MIRROR_S3_ENDPOINT ?? null;
  return {
    bucket,
    prefix: prefix ? `${prefix}/` : "",
    endpoint,
    region:
      env.STATIC_MIRROR_S3_REGION ??
      process.env.AWS_REGION ??
      process.env.AWS_DEFAULT_REGION ??
      (endpoint ? "auto" : "us-east-1"),
    forcePathStyle: env.STATIC_MIRROR_S3_FORCE_PATH_STYLE
      ? env.STATIC_MIRROR_S3_FORCE_PATH_STYLE === "1"
      : endpoint !== null,
  };
}

/** The static mirror's settings, or null when neither a folder nor a bucket is configured. Throws naming the bad variable. */
export function getMirrorConfig(source: Record<string, string | undefined> = process.env): MirrorConfig | null {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid static mirror configuration:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  if (!env.STATIC_MIRROR_DIR && !env.STATIC_MIRROR_S3_URL) return null;
  return {
    dir: env.STATIC_MIRROR_DIR ?? null,
    s3: env.STATIC_MIRROR_S3_URL ? parseS3Url(env.STATIC_MIRROR_S3_URL, env) : null,
    debounceMs: env.STATIC_MIRROR_DEBOUNCE_MS,
    refreshMs: env.STATIC_MIRROR_REFRESH_S * 1000,
  };
}
