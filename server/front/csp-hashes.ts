// A cached page is one render served to every reader, so the nonce in its policy would be the same for all of them and
// guessable by anyone who read the page once. Stored pages carry the hashes of their own inline scripts instead.
import { createHash } from "node:crypto";

// Next escapes "</" inside the data it inlines, so a script's text ends at the first "</script".
const INLINE_SCRIPT = /<script\b((?:[^>"']|"[^"]*"|'[^']*')*)>([\s\S]*?)<\/script\s*>/gi;
const SOURCE_ATTRIBUTE = /(^|\s)src\s*=/i;
const NONCE_SOURCE = /'nonce-[^']*'/g;

/** The CSP sources that allow exactly the inline scripts of `html`, as `'sha256-…'`. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const [, attributes, text] of html.matchAll(INLINE_SCRIPT)) {
    if (SOURCE_ATTRIBUTE.test(attributes) || text === "") continue;
    hashes.add(`'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`);
  }
  return [...hashes];
}

/**
 * `policy` with its script nonce replaced by the hashes of the page's inline scripts; the policy unchanged when it
 * names no nonce.
 */
export function policyWithScriptHashes(policy: string, html: string): string {
  if (!policy.includes("'nonce-")) return policy;
  const hashes = inlineScriptHashes(html);
  return policy.replace(NONCE_SOURCE, hashes.join(" ")).replace(/ {2,}/g, " ").replace(/ ;/g, ";");
}
