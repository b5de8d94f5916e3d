/** The page's configured address and the one a browser is using, when they name different hosts. */
export type AddressMismatch = { configured: string; inUse: string };

function hostOf(url: string): string | null {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * Compares the page address (Settings › Status page address, else PUBLIC_URL) with the host the request came in on
 * (the first X-Forwarded-Host from a trusted proxy, else Host). Reached by IP while the address says localhost, the
 * embed preview, links and sign-in callbacks point somewhere this browser cannot use. Null when they agree or
 * either is unknown.
 */
export function findAddressMismatch({
  pageUrl,
  host,
  forwardedHost,
  forwardedProto,
}: {
  pageUrl: string;
  host: string | null;
  forwardedHost?: string | null;
  forwardedProto?: string | null;
}): AddressMismatch | null {
  const configuredHost = hostOf(pageUrl);
  const requestHost = (forwardedHost?.split(",")[0]?.trim() || host?.trim() || "").toLowerCase();
  if (!configuredHost || !requestHost) return null;
  const protocol = forwardedProto?.split(",")[0]?.trim() || new URL(pageUrl).protocol.replace(":", "");
  const inUseHost = hostOf(`${protocol}://${requestHost}`);
  if (!inUseHost || inUseHost === configuredHost) return null;
  return { configured: pageUrl.replace(/\/+$/, ""), inUse: `${protocol}://${requestHost}` };
}
