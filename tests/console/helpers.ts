import { expect } from "vitest";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { ServiceContext } from "@/server/services/context";
import { actorFor, createComponent } from "@/tests/support/factories";
import type { Role } from "@/lib/status";

export async function ctxFor(role: Role = "responder"): Promise<ServiceContext> {
  return { actor: await actorFor(role) };
}

/** Awaits a promise that must fail with an AppError of this code; returns it for further checks. */
export async function expectAppError(promise: Promise<unknown>, code: AppError["code"]): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    return error as AppError;
  }
  throw new Error(`Expected an AppError ${code}, but the call succeeded`);
}

export async function componentAt(changedAt: Date) {
  return createComponent({ startDate: changedAt });
}

export async function historyOf(componentId: string) {
  return getDb().componentStatusChange.findMany({
    where: { componentId },
    orderBy: [{ changedAt: "asc" }, { createdAt: "asc" }],
    select: { fromStatus: true, toStatus: true, changedAt: true, incidentId: true, incidentUpdateId: true },
  });
}

export const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
