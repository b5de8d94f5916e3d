import "server-only";
import { requireActor, type SessionActor } from "@/server/auth/session";
import { actionFailure } from "@/server/action-failure";
import { refresh } from "next/cache";
import type { ActionState } from "@/app/(admin)/admin/_lib/action-state";
import type { Role } from "@/lib/status";

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("$ACTION")) values[key] = value;
  }
  return values;
}

export function formLists(formData: FormData): Record<string, string[]> {
  const lists: Record<string, string[]> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("$ACTION")) (lists[key] ??= []).push(value);
  }
  return lists;
}

/** Component status selects are named `component:<id>`; an empty choice means "no change". */
export function componentChanges(formData: FormData): { componentId: string; status: string }[] {
  const changes: { componentId: string; status: string }[] = [];
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("component:") && typeof value === "string" && value !== "")
      changes.push({ componentId: key.slice("component:".length), status: value });
  }
  return changes;
}

/**
 * The one path of every console action: session and role, the service (which publishes its cache tags as it
 * commits), and a typed result
 * that carries the submitted values back so nothing typed is lost.
 */
export async function perform<R extends { tags: string[] }>(
  role: Role,
  formData: FormData,
  run: (actor: SessionActor) => Promise<R>,
  successMessage?: string | ((result: R) => string),
): Promise<ActionState> {
  const values = formValues(formData);
  try {
    const actor = await requireActor(role);
    const result = await run(actor);
    refresh();
    return { ok: true, message: typeof successMessage === "function" ? successMessage(result) : successMessage };
  } catch (error) {
    return { ...actionFailure(error), values, lists: formLists(formData) };
  }
}
