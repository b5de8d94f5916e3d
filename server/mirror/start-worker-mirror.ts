// The standalone worker keeps the static mirror current with its own renderer, so the mirror is published
// while web instances restart.
import { startCacheInvalidationListener } from "@/server/cache/tagged-cache";
import { startDatabaseWatchdog } from "@/server/cache/database-watchdog";
import { getMirrorConfig } from "@/server/mirror/mirror-config";
import { loopbackRenderer, nextStaticDir, startStaticMirror } from "@/server/mirror/start-mirror";
import { startRenderServer } from "./render-server";

/** Starts the mirror publisher when STATIC_MIRROR_DIR or STATIC_MIRROR_S3_URL is set; returns how to stop it. */
export async function startWorkerMirror(): Promise<(() => Promise<void>) | null> {
  if (!getMirrorConfig()) return null;
  const renderer = await startRenderServer();
  startCacheInvalidationListener();
  startDatabaseWatchdog();
  const runner = await startStaticMirror({ render: loopbackRenderer(renderer.baseUrl), staticDir: nextStaticDir() });
  return async () => {
    await runner?.stop();
    await renderer.close();
  };
}
