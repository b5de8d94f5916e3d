import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * A Unix socket path inside a new directory only this user can enter (mkdtemp makes it 0700 under an unpredictable
 * name). A fixed name in the shared temporary directory let another local user create the path first, and the app
 * then failed at every start.
 */
export function createPrivateSocketPath(name = "app.sock"): { socketPath: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "statuspage-"));
  return { socketPath: path.join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
