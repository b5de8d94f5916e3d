"use server";

import { getCurrentActor } from "@/server/auth/session";
import { renderMarkdown } from "@/lib/markdown";
import { LIMITS } from "@/lib/status";

export type PreviewResult = { ok: true; html: string } | { ok: false; error: string };

export async function previewMarkdown(markdown: string): Promise<PreviewResult> {
  try {
    if (!(await getCurrentActor()))
      return { ok: false, error: "Your session has ended; sign in again to see the preview." };
  } catch {
    return { ok: false, error: "The preview is unavailable right now; your text is still here." };
  }
  if (typeof markdown !== "string") return { ok: true, html: "" };
  return { ok: true, html: renderMarkdown(markdown.slice(0, LIMITS.postmortemMax)) };
}
