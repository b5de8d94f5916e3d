export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { readConfig } = await import("@/server/config");
  const config = readConfig();
  const { startCacheInvalidationListener } = await import("@/server/cache/tagged-cache");
  startCacheInvalidationListener();
  const { startDataVersionRelay } = await import("@/server/cache/data-version-relay");
  startDataVersionRelay();
  const { startDatabaseWatchdog } = await import("@/server/cache/database-watchdog");
  startDatabaseWatchdog();

  const { setUpOwnerFromEnv } = await import("@/server/services/users/set-up-owner");
  try {
    if ((await setUpOwnerFromEnv()) === "created")
      console.log(`Created the owner account ${config.OWNER_EMAIL} from OWNER_EMAIL/OWNER_PASSWORD.`);
  } catch (error) {
    console.error(
      "Could not create the owner account from OWNER_EMAIL/OWNER_PASSWORD:",
      error instanceof Error ? error.message : error,
    );
  }

  if (!config.STATUSPAGE_DISABLE_SCHEDULER) {
    const { startMaintenanceScheduler } = await import("@/server/services/maintenance/run-maintenance-scheduler");
    startMaintenanceScheduler(config.STATUSPAGE_SCHEDULER_INTERVAL_MS);
    const { startMetricsScheduler } = await import("@/server/services/metrics/run-metrics-scheduler");
    startMetricsScheduler(Math.min(config.STATUSPAGE_SCHEDULER_INTERVAL_MS, 5_000));
  }

  const { startInProcessWorker } = await import("@/server/notifications/start");
  if (startInProcessWorker()) {
    const { loopbackRenderer, nextStaticDir, ownServerUrl, startStaticMirror } =
      await import("@/server/mirror/start-mirror");
    await startStaticMirror({ render: loopbackRenderer(ownServerUrl()), staticDir: nextStaticDir() }).catch(
      (error: unknown) => {
        console.error("Could not start the static mirror:", error instanceof Error ? error.message : error);
      },
    );
  }
}
