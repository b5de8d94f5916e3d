const API_V1 = "/api/v1/";
const SUFFIX = ".json";

/**
 * The path an `/api/v1/…` URL in Statuspage's older style (`/pages.json`, `/pages/<id>/incidents.json`) names, or null
 * when there is no suffix to drop. Dropped before routing, so every route, present and future, accepts it alike.
 */
export function stripApiFormatSuffix(pathname: string): string | null {
  if (!pathname.startsWith(API_V1) || !pathname.endsWith(SUFFIX)) return null;
  const stripped = pathname.slice(0, -SUFFIX.length);
  return stripped.endsWith("/") ? null : stripped;
}
