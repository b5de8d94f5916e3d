/** A chat webhook URL is a secret: after saving, only its start is shown. */
export function webhookUrlHint(url: string): string {
  try {
    const parsed = new URL(url);
    const path = parsed.pathname.length > 14 ? `${parsed.pathname.slice(0, 14)}…` : parsed.pathname;
    return `${parsed.protocol}//${parsed.host}${path}`;
  } catch {
    return "…";
  }
}
