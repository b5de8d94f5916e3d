import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { getMirrorConfig } from "@/server/mirror/mirror-config";
import { mirrorTargets } from "@/server/mirror/start-mirror";

const sdk = vi.hoisted(() => ({ loaded: false }));
vi.mock("@aws-sdk/client-s3", async (importOriginal) => {
  sdk.loaded = true;
  return importOriginal();
});

const folder = await mkdtemp(path.join(os.tmpdir(), "lazy-sdk-"));
afterAll(() => rm(folder, { recursive: true, force: true }));

describe("the AWS SDK, needed only by the static mirror's bucket target", () => {
  it("is not loaded when the mirror publishes to a folder alone", async () => {
    const targets = await mirrorTargets(getMirrorConfig({ STATIC_MIRROR_DIR: folder })!);
    expect(targets.map((target) => target.name)).toEqual([expect.stringContaining(folder)]);
    expect(sdk.loaded).toBe(false);
  });

  it("is loaded once a bucket is configured", async () => {
    const targets = await mirrorTargets(getMirrorConfig({ STATIC_MIRROR_S3_URL: "s3://status-mirror/site" })!);
    expect(targets.map((target) => target.name)).toEqual(["s3://status-mirror/site/"]);
    expect(sdk.loaded).toBe(true);
  });
});
