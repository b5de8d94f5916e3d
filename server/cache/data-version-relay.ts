import "server-only";
import { DATA_VERSION_MESSAGE, type DataVersionMessage } from "@/lib/data-version-message";
import { currentDataVersion, onDataChange } from "@/server/cache/tagged-cache";

/**
 * Tells the server's front processes (through server/process/primary.ts, which started this process) the data version now
 * and after every change, so they stop serving whole responses rendered before it. Without a parent (tests, the
 * worker) there is no one to tell.
 */
export function startDataVersionRelay() {
  if (!process.send) return;
  const announce = () => {
    const message: DataVersionMessage = { type: DATA_VERSION_MESSAGE, version: currentDataVersion() };
    process.send?.(message);
  };
  onDataChange(announce);
  announce();
}
