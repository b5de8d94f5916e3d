import { createHash } from "node:crypto";
import { LIVE_KEY, historyMirrorPath } from "@/server/mirror/mirror-paths";

export const MIRROR_META = `<meta name="statuspage-mirror" content="/${LIVE_KEY}"/>`;

// Links to history views, as an HTML attribute and as a prop in the RSC payload Next inlines (a JSON string
// inside a JS string). Only whole addresses are rewritten, so the payload's rows keep their shape.
const HTML_HISTORY_HREF = /href="(\/history\?(?:page|month)=[0-9-]+)"/g;
const PAYLOAD_HISTORY_HREF = /\\"href\\":\\"(\/history\?(?:page|month)=[0-9-]+)\\"/g;

function rewriteHistoryLinks(html: string): string {
  return html
    .replace(HTML_HISTORY_HREF, (match, url: string) => {
      const target = historyMirrorPath(url);
      return target ? `href="${target}"` : match;
    })
    .replace(PAYLOAD_HISTORY_HREF, (match, url: string) => {
      const target = historyMirrorPath(url);
      return target ? `\\"href\\":\\"${target}\\"` : match;
    });
}

/** The page as the mirror serves it: it tells the live-update client where to poll, and its history links work on a static host. */
export function prepareMirrorHtml(html: string): string {
  const withLinks = rewriteHistoryLinks(html);
  if (withLinks.includes('name="statuspage-mirror"')) return withLinks;
  const head = /<head(\s[^>]*)?>/i.exec(withLinks);
  if (!head) return withLinks;
  const at = head.index + head[0].length;
  return `${withLinks.slice(0, at)}${MIRROR_META}${withLinks.slice(at)}`;
}

/**
 * A hash of what a reader sees: the markup (with its script and style addresses) without Next's inline scripts (whose row order varies between
 * renders), the relative-time tooltips ("3 minutes ago") and the clock that only says when it was rendered.
 */
export function htmlFingerprint(html: string): string {
  const visible = html
    .replace(/<script\b(?![^>]*\bsrc=)[^>]*>[\s\S]*?<\/script>/gi, "")
    .replace(/<time\b[^>]*\bdata-format="time"[^>]*>[\s\S]*?<\/time>/gi, "")
    .replace(/(<time\b[^>]*?)\s+title="[^"]*"/gi, "$1");
  return createHash("sha256").update(visible).digest("base64url");
}

export function bytesFingerprint(body: Buffer): string {
  return createHash("sha256").update(body).digest("base64url");
}
