import "server-only";
import { z } from "zod";
import { LIMITS } from "@/lib/status";
import type { DbOrTx } from "@/server/db/client";
import { readManagedIncident } from "@/server/queries/management-reads";
import { ManagementError, notFound, toManagementError } from "@/server/api/management/errors";
import { flag, parseFields, text, timestamp } from "@/server/api/management/fields";
import { wrapped } from "@/server/api/management/request";
import { serializeManagedPostmortem } from "@/server/api/management/serialize";
import type { Endpoint } from "@/server/api/management/router";
import { deletePostmortem, publishPostmortem, savePostmortem, unpublishPostmortem } from "@/server/services/postmortems/postmortem-services";

async function call<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw toManagementError(error, { body: "body_draft", publishedAt: "published_at" });
  }
}

async function incidentOrThrow(db: DbOrTx, incidentId: string) {
  const incident = await readManagedIncident(db, incidentId);
  if (!incident) throw notFound("incident");
  if (incident.kind === "maintenance") throw new ManagementError(422, { incident: ["A scheduled maintenance has no postmortem."] });
  return incident;
}

const draftFields = z.object({ body_draft: text("body_draft", LIMITS.postmortemMax) });
const publishFields = z.object({
  notify_subscribers: flag("notify_subscribers"),
  notify_twitter: flag("notify_twitter"),
  custom_tweet: text("custom_tweet", 280),
  published_at: timestamp("published_at"),
});

export const postmortemEndpoints: Endpoint[] = [
  {
    method: "GET",
    path: "incidents/:incidentId/postmortem",
    role: "viewer",
    run: async ({ db, params, page }) => {
      const incident = await incidentOrThrow(db, params.incidentId);
      if (!incident.postmortem) throw notFound("postmortem");
      return { status: 200, body: serializeManagedPostmortem(incident, page.baseUrl) };
    },
  },
  {
    method: "PUT",
    path: "incidents/:incidentId/postmortem",
    role: "responder",
    run: async ({ actor, db, params, page, input }) => {
      const fields = parseFields(draftFields, wrapped(input, "postmortem"));
      const incident = await incidentOrThrow(db, params.incidentId);
      if (!fields.body_draft?.trim()) throw new ManagementError(422, { body_draft: ["body_draft is required."] });
      const result = await call(savePostmortem({ ctx: { actor, db }, input: { incidentId: incident.id, body: fields.body_draft, version: incident.postmortem?.version ?? 0 } }));
      return { status: 200, body: serializeManagedPostmortem((await readManagedIncident(db, incident.id))!, page.baseUrl), tags: result.tags };
    },
  },
  {
    method: "PUT",
    path: "incidents/:incidentId/postmortem/publish",
    role: "responder",
    run: async ({ actor, db, params, page, input }) => {
      const fields = parseFields(publishFields, wrapped(input, "postmortem"));
      const incident = await incidentOrThrow(db, params.incidentId);
      if (!incident.postmortem) throw new ManagementError(422, { body_draft: ["Write the postmortem (PUT …/postmortem) before publishing it."] });
      const result = await call(publishPostmortem({ ctx: { actor, db }, input: { incidentId: incident.id, version: incident.postmortem.version, publishedAt: fields.published_at } }));
      return { status: 200, body: serializeManagedPostmortem((await readManagedIncident(db, incident.id))!, page.baseUrl), tags: result.tags };
    },
  },
  {
    method: "PUT",
    path: "incidents/:incidentId/postmortem/revert",
    role: "responder",
    run: async ({ actor, db, params, page }) => {
      const incident = await incidentOrThrow(db, params.incidentId);
      const result = await call(unpublishPostmortem({ ctx: { actor, db }, input: { incidentId: incident.id } }));
      return { status: 200, body: serializeManagedPostmortem((await readManagedIncident(db, incident.id))!, page.baseUrl), tags: result.tags };
    },
  },
  {
    method: "DELETE",
    path: "incidents/:incidentId/postmortem",
    role: "responder",
    run: async ({ actor, db, params }) => {
      const incident = await incidentOrThrow(db, params.incidentId);
      const result = await call(deletePostmortem({ ctx: { actor, db }, input: { incidentId: incident.id } }));
      return { status: 204, tags: result.tags };
    },
  },
];
