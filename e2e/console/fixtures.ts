import { randomUUID } from "node:crypto";
import { SYSTEM_ACTOR } from "@/server/services/context";
import { createComponent } from "@/server/services/components/create-component";
import { createIncident } from "@/server/services/incidents/create-incident";

/** A component of this test's own, so journeys never change the demo data other tests read. */
export async function createTestComponent(prefix = "E2E component") {
  const { component } = await createComponent({
    ctx: { actor: SYSTEM_ACTOR },
    input: { name: `${prefix} ${randomUUID().slice(0, 6)}` },
  });
  return component;
}

export async function createTestIncident(input: { name: string; message: string }) {
  const { incident } = await createIncident({
    ctx: { actor: SYSTEM_ACTOR },
    input: { ...input, impact: "minor", status: "investigating", deliverNotifications: false },
  });
  return incident;
}
