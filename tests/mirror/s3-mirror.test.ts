import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import S3rver from "s3rver";
import { GetObjectCommand, HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { createIncident } from "@/server/services/incidents/create-incident";
import { postIncidentUpdate } from "@/server/services/incidents/post-incident-update";
import { getMirrorConfig } from "@/server/mirror/mirror-config";
import { createMirrorPublisher } from "@/server/mirror/mirror-publisher";
import { fullScope, scopeForTags } from "@/server/mirror/mirror-scope";
import { createS3Target } from "@/server/mirror/targets/s3-target";
import { getMirrorInventory } from "@/server/queries/mirror-inventory";
import { unique } from "@/tests/support/factories";
import { ctxFor } from "@/tests/console/helpers";
import { ensurePageOnce } from "@/tests/api/support";
import { TEST_ASSET, appRenderer, fakeStaticDir } from "@/tests/mirror/support";

const BUCKET = "status-mirror";
let server: S3rver;
let directory: string;
let endpoint: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), "mirror-s3rver-"));
  server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: BUCKET }] });
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await server?.close();
  await rm(directory, { recursive: true, force: true });
});

function s3Setup() {
  // s3rver accepts its own fixed credentials; real deployments take them from the AWS SDK's usual chain.
  const config = getMirrorConfig({
    STATIC_MIRROR_S3_URL: `s3://${BUCKET}/${unique("site")}`,
    STATIC_MIRROR_S3_ENDPOINT: endpoint,
  })!.s3!;
  const client = new S3Client({
    region: config.region,
    endpoint,
    forcePathStyle: config.forcePathStyle,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
  return { config, client, target: createS3Target(config, client) };
}

async function getObject(client: S3Client, key: string) {
  const response = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return {
    body: Buffer.from(await response.Body!.transformToByteArray()),
    contentType: response.ContentType,
    cacheControl: response.CacheControl,
    contentEncoding: response.ContentEncoding,
  };
}

describe("static mirror in an S3-compatible bucket", { timeout: 90_000 }, () => {
  it("uploads every file with its content type, cache headers and compressed copies, pages also at their app address", async () => {
    await ensurePageOnce();
    const { incident } = await createIncident({
      ctx: await ctxFor("responder"),
      input: { name: unique("S3 incident"), impact: "minor", status: "investigating", message: "Checking." },
    });
    const { config, client, target } = s3Setup();
    expect(config).toMatchObject({ bucket: BUCKET, forcePathStyle: true, region: "auto" });
    const publisher = createMirrorPublisher({
      targets: [target],
      render: appRenderer,
      inventory: getMirrorInventory,
      staticDir: await fakeStaticDir(),
    });
    const report = await publisher.publish(fullScope());
    expect(report.failed).toEqual([]);
    const key = (name: string) => `${config.prefix}${name}`;

    const home = await getObject(client, key("index.html"));
    expect(home.contentType).toBe("text/html; charset=utf-8");
    expect(home.cacheControl).toBe("public, no-cache, stale-if-error=86400");
    expect(home.body.toString()).toContain('<meta name="statuspage-mirror" content="/live.json"/>');
    const brotli = await getObject(client, key("index.html.br"));
    expect(brotli.contentEncoding).toBe("br");
    expect(brotli.contentType).toBe("text/html; charset=utf-8");
    expect(zlib.brotliDecompressSync(brotli.body)).toEqual(home.body);
    const gzip = await getObject(client, key("api/v2/summary.json.gz"));
    expect(gzip.contentEncoding).toBe("gzip");
    expect(JSON.parse(zlib.gunzipSync(gzip.body).toString()).page).toBeDefined();

    const page = await getObject(client, key(`incidents/${incident.id}`));
    expect(page.contentType).toBe("text/html; charset=utf-8");
    expect(page.body.toString()).toContain(incident.name);
    expect((await getObject(client, key("history.atom"))).contentType).toBe("application/atom+xml; charset=utf-8");
    expect((await getObject(client, key("uptime.svg"))).contentType).toBe("image/svg+xml");
    expect((await getObject(client, key(`api/v2/incidents/${incident.id}.json`))).contentType).toBe(
      "application/json; charset=utf-8",
    );
    const asset = await getObject(client, key(`_next/static/${TEST_ASSET}`));
    expect(asset.cacheControl).toBe("public, max-age=31536000, immutable");
    expect(asset.contentType).toBe("application/javascript; charset=utf-8");
    const live = await getObject(client, key("live.json"));
    expect(live.cacheControl).toBe("no-cache");
    expect(JSON.parse(live.body.toString()).version).toBe(report.version);
  });

  it("re-uploads only what changed, and a new publisher learns what is there from the bucket", async () => {
    await ensurePageOnce();
    const ctx = await ctxFor("responder");
    const { incident } = await createIncident({
      ctx,
      input: { name: unique("S3 change"), impact: "minor", status: "investigating", message: "Checking." },
    });
    const { config, client, target } = s3Setup();
    const options = {
      targets: [target],
      render: appRenderer,
      inventory: getMirrorInventory,
      staticDir: await fakeStaticDir(),
    };
    await createMirrorPublisher(options).publish(fullScope());
    const before = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `${config.prefix}index.html` }));

    const successor = createMirrorPublisher(options);
    const scope = scopeForTags([`incident:${incident.id}`]);
    expect((await successor.publish(scope)).uploaded).toEqual([]);
    await postIncidentUpdate({ ctx, input: { incidentId: incident.id, status: "monitoring", body: "A fix is out." } });
    const report = await successor.publish(scope);
    expect(report.uploaded).toEqual(expect.arrayContaining([`incidents/${incident.id}/index.html`, "live.json"]));
    expect(report.uploaded).not.toContain("index.html");
    expect((await getObject(client, `${config.prefix}incidents/${incident.id}`)).body.toString()).toContain(
      "A fix is out.",
    );
    const after = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `${config.prefix}index.html` }));
    expect(after.ETag).toBe(before.ETag);
    expect(after.LastModified).toEqual(before.LastModified);
  });
});
