"use server";

import { requireActor } from "@/server/auth/session";
import { renderMarkdown } from "@/lib/markdown";
import { LIMITS } from "@/lib/status";

export async function previewMarkdown(markdown: string): Promise<string> {
  await requireActor("viewer");
  if (typeof markdown !== "string") return "";
  return renderMarkdown(markdown.slice(0, LIMITS.postmortemMax));
}
