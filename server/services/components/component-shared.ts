import "server-only";
import { z } from "zod";
import type { Tx } from "@/server/db/client";
import { componentFields } from "@/server/db/base-selects";
import { AppError } from "@/server/errors";
import { booleanish, optionalText, requiredText } from "@/server/services/validation";
import { ID_PATTERN, LIMITS } from "@/lib/status";
import { DATE_RANGE_TEXT, dateInput } from "@/lib/date-input";

export const componentFieldsSchema = z.object({
  name: requiredText("Name", LIMITS.nameMax),
  description: optionalText(LIMITS.descriptionMax),
  groupId: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.string().regex(ID_PATTERN, "Choose a group.").optional(),
  ),
  showcase: booleanish.default(false),
  onlyShowIfDegraded: booleanish.default(false),
  startDate: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    dateInput({ invalid: "Enter a valid date.", outOfRange: `Enter a date ${DATE_RANGE_TEXT}.` }).optional(),
  ),
});

export const groupFieldsSchema = z.object({
  name: requiredText("Name", LIMITS.nameMax),
  description: optionalText(LIMITS.descriptionMax),
});

export const componentAuditSelect = { ...componentFields, version: true } as const;

export async function assertGroupExists(tx: Tx, groupId: string | undefined) {
  if (!groupId) return;
  const group = await tx.componentGroup.findUnique({ where: { id: groupId }, select: { id: true } });
  if (!group)
    throw new AppError("VALIDATION", "Some fields need attention.", { groupId: ["That group no longer exists."] });
}

export async function nextComponentPosition(tx: Tx, groupId: string | null): Promise<number> {
  const last = await tx.component.aggregate({ where: { groupId }, _max: { position: true } });
  return (last._max.position ?? 0) + 1;
}

/** Swaps an item with its neighbour in a list ordered by position, renumbering so positions are distinct. */
export function swapWithNeighbour<T extends { id: string }>(
  items: T[],
  id: string,
  direction: "up" | "down",
): T[] | null {
  const index = items.findIndex((item) => item.id === id);
  const target = direction === "up" ? index - 1 : index + 1;
  if (index < 0 || target < 0 || target >= items.length) return null;
  const reordered = [...items];
  [reordered[index], reordered[target]] = [reordered[target], reordered[index]];
  return reordered;
}
