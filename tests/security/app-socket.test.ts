import { describe, expect, it } from "vitest";
import { existsSync, rmSync, statSync, writeFileSync } from "node:fs";
import http from "node:http";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";
import { createPrivateSocketPath } from "@/server/process/private-socket";

describe("the app's Unix socket", () => {
  it("lives in a directory only this user can enter, under a name another local user cannot take first", async () => {
    // What a hostile local user could do before the server starts: take every name a fixed scheme would pick.
    const squatted = path.join(os.tmpdir(), `statuspage-app-${process.pid}.sock`);
    writeFileSync(squatted, "taken");
    const first = createPrivateSocketPath();
    const second = createPrivateSocketPath();
    try {
      expect(first.socketPath).not.toBe(squatted);
      expect(first.socketPath).not.toBe(second.socketPath);
      const dir = statSync(path.dirname(first.socketPath));
      expect(dir.mode & 0o777).toBe(0o700);
      expect(dir.uid).toBe(process.getuid?.());
      const server = http.createServer((_req, res) => res.end("ok"));
      server.listen(first.socketPath);
      await once(server, "listening");
      server.close();
    } finally {
      rmSync(squatted, { force: true });
      first.remove();
      second.remove();
    }
    expect(existsSync(path.dirname(first.socketPath))).toBe(false);
  });
});
