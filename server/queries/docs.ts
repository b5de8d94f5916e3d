import "server-only";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

const DOCS_DIR = path.join(process.cwd(), "docs");
const DOCUMENT_NAME = /^[a-z0-9-]+\.md$/;
// The docs are hard-wrapped prose: a line break inside a paragraph is not a break.
const marked = new Marked({ gfm: true, breaks: false, async: false });

export type DocumentPage = { name: string; title: string; html: string };

/**
 * One of the installation's own guides (docs/*.md), rendered for the console, so the console's "see …" points at the
 * guide for the version that is running. Null for a name that is not a guide here.
 */
export async function getDocument(name: string): Promise<DocumentPage | null> {
  const file = name.endsWith(".md") ? name : `${name}.md`;
  if (!DOCUMENT_NAME.test(file)) return null;
  const available = await readdir(DOCS_DIR).catch(() => [] as string[]);
  if (!available.includes(file)) return null;
  const markdown = await readFile(path.join(DOCS_DIR, file), "utf8");
  const title = /^#\s+(.+)$/m.exec(markdown)?.[1]?.trim() ?? file;
  const html = sanitizeHtml(marked.parse(markdown) as string, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, "img", "details", "summary"],
    allowedAttributes: { ...sanitizeHtml.defaults.allowedAttributes, code: ["class"], th: ["align"], td: ["align"] },
    allowedSchemes: ["http", "https", "mailto"],
  });
  return { name: file.replace(/\.md$/, ""), title, html };
}
