import "server-only";
import { configFrom, type Config, type ConfigSource } from "@/server/config";

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

function parseS3Url(url: string, env: Config): S3MirrorConfig {
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
      env.STATIC_MIRROR_S3_REGION ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? (endpoint ? "auto" : "us-east-1"),
    forcePathStyle: env.STATIC_MIRROR_S3_FORCE_PATH_STYLE ?? endpoint !== null,
  };
}

/** The static mirror's settings, or null when neither a folder nor a bucket is configured. Throws naming the bad variable. */
export function getMirrorConfig(source?: ConfigSource): MirrorConfig | null {
  const env = configFrom(source);
  if (!env.STATIC_MIRROR_DIR && !env.STATIC_MIRROR_S3_URL) return null;
  return {
    dir: env.STATIC_MIRROR_DIR ?? null,
    s3: env.STATIC_MIRROR_S3_URL ? parseS3Url(env.STATIC_MIRROR_S3_URL, env) : null,
    debounceMs: env.STATIC_MIRROR_DEBOUNCE_MS,
    refreshMs: env.STATIC_MIRROR_REFRESH_S * 1000,
  };
}
