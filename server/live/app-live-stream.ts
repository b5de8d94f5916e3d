import "server-only";
import { clientAddress } from "@/server/http/client-address";
import { onDataChange } from "@/server/cache/tagged-cache";
import { getLiveVersion } from "@/server/queries/live-version";
import { createLiveStreamHub, type LiveStreamHub } from "@/server/live/live-stream-hub";

function positiveInteger(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

const globalForStream = globalThis as unknown as { __statuspageLiveStream?: LiveStreamHub };

/**
 * Starts this process's live stream, fed by every cache invalidation (so other instances' writes too), and
 * publishes it where scripts/serve.mjs looks for it: streams are served before Next, one small object each.
 */
export function startLiveStream(): LiveStreamHub {
  if (globalForStream.__statuspageLiveStream) return globalForStream.__statuspageLiveStream;
  const hub = createLiveStreamHub({
    computeVersion: (key) => getLiveVersion(key || undefined),
    clientAddress: (req) => clientAddress(req.headers),
    maxConnections: positiveInteger(process.env.LIVE_STREAM_MAX_CONNECTIONS, 20_000),
    maxPerAddress: positiveInteger(process.env.LIVE_STREAM_MAX_PER_ADDRESS, 100),
    heartbeatMs: positiveInteger(process.env.LIVE_STREAM_HEARTBEAT_MS, 20_000),
  });
  onDataChange(() => void hub.notifyChange());
  globalForStream.__statuspageLiveStream = hub;
  return hub;
}
