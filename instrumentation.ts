export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startCacheInvalidationListener } = await import("@/server/cache/tagged-cache");
  startCacheInvalidationListener();
}
