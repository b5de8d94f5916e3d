import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { S3MirrorConfig } from "@/server/mirror/mirror-config";
import type { MirrorTarget } from "@/server/mirror/targets/mirror-target";

/** Pages are stored at "incidents/<id>/index.html" and also at "incidents/<id>", so S3 website hosting serves the app's addresses without a redirect. */
function aliasOf(key: string): string | null {
  return key !== "index.html" && key.endsWith("/index.html") ? key.slice(0, -"/index.html".length) : null;
}

function isMissing(error: unknown): boolean {
  if (error instanceof NoSuchKey) return true;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return status === 404;
}

/**
 * An S3-compatible bucket (AWS S3, Cloudflare R2, MinIO). Credentials come from the AWS SDK's usual chain
 * (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a profile, or an instance role). A PUT replaces an object whole.
 */
export function createS3Target(config: S3MirrorConfig, client?: S3Client): MirrorTarget {
  const s3 =
    client ??
    new S3Client({
      region: config.region,
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      forcePathStyle: config.forcePathStyle,
    });
  const Bucket = config.bucket;
  const objectKey = (key: string) => `${config.prefix}${key}`;

  async function putOne(key: string, body: Buffer, options: Parameters<MirrorTarget["put"]>[2]) {
    await s3.send(
      new PutObjectCommand({
        Bucket,
        Key: objectKey(key),
        Body: body,
        ContentType: options.contentType,
        CacheControl: options.cacheControl,
        ...(options.contentEncoding ? { ContentEncoding: options.contentEncoding } : {}),
      }),
    );
  }

  return {
    name: `s3://${Bucket}/${config.prefix}`,
    async put(key, body, options) {
      await putOne(key, body, options);
      const alias = aliasOf(key);
      if (alias) await putOne(alias, body, options);
    },
    async remove(key) {
      await s3.send(new DeleteObjectCommand({ Bucket, Key: objectKey(key) }));
      const alias = aliasOf(key);
      if (alias) await s3.send(new DeleteObjectCommand({ Bucket, Key: objectKey(alias) }));
    },
    async read(key) {
      try {
        const response = await s3.send(new GetObjectCommand({ Bucket, Key: objectKey(key) }));
        return Buffer.from(await response.Body!.transformToByteArray());
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
  };
}
