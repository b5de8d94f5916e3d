import { randomUUID } from "node:crypto";
import { getDb } from "@/server/db/client";
import type { Actor } from "@/server/services/context";
import type { Role } from "@/lib/status";

/** A short unique suffix so every test's rows are its own. */
export function unique(prefix = "t"): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export async function ensurePage() {
  return getDb().pageSettings.upsert({
    where: { singleton: true },
    update: {},
    create: { name: "Test Page", url: "http://localhost:3000" },
  });
}

export async function createUser(role: Role = "responder") {
  const email = `${unique(role)}@example.test`;
  return getDb().user.create({ data: { email, name: email, role, passwordHash: "unused" } });
}

export async function actorFor(role: Role = "responder"): Promise<Actor> {
  const user = await createUser(role);
  return { kind: "user", userId: user.id, role, label: user.email };
}

export async function createComponent(
  overrides: { name?: string; groupId?: string | null; position?: number; startDate?: Date } = {},
) {
  const component = await getDb().component.create({
    data: {
      name: overrides.name ?? unique("Component"),
      position: overrides.position ?? 1000,
      groupId: overrides.groupId ?? null,
      startDate: overrides.startDate ?? null,
    },
  });
  await getDb().componentStatusChange.create({
    data: { componentId: component.id, toStatus: "operational", changedAt: overrides.startDate ?? component.createdAt },
  });
  return component;
}

/** Input a caller's types would refuse: services still validate what reaches them from JSON bodies and old forms. */
export function untypedInput<T>(value: Record<string, unknown>): T {
  return value as T;
}
