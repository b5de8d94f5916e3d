import "server-only";
import { z } from "zod";
import { LIMITS } from "@/lib/status";
import { readManagedIncident, type ManagedIncident } from "@/server/queries/management-reads";
import { invalidFields } from "@/server/errors";
import { notFound } from "@/server/api/management/refusals";
import { flag, parseFields, text, timestamp } from "@/server/api/management/fields";
import { wrapped } from "@/server/api/management/request";
import { serializeManagedPostmortem, type PageRef } from "@/server/api/management/serialize";
import { changeOne, getOne } from "@/server/api/management/one-record";
import type { Endpoint, EndpointArgs } from "@/server/api/management/router";
import {
  deletePostmortem,
  publishPostmortem,
  savePostmortem,
  unpublishPostmortem,
} from "@/server/services/postmortems/postmortem-services";

async function readIncident(db: EndpointArgs["db"], incidentId: string) {
  const incident = await readManagedIncident(db, incidentId);
  if (incident?.kind === "maintenance")
    throw invalidFields({ incident: ["A scheduled maintenance has no postmortem."] });
  return incident;
}

function serialize(incident: ManagedIncident, page: PageRef) {
  if (!incident.postmortem) throw notFound("postmortem");
  return serializeManagedPostmortem(incident, page.baseUrl);
}

const draftFields = z.object({ body_draft: text("body_draft", LIMITS.postmortemMax) });
const publishFields = z.object({
  notify_subscribers: flag("notify_subscribers"),
  notify_twitter: flag("notify_twitter"),
  custom_tweet: text("custom_tweet", 280),
  published_at: timestamp("published_at"),
});

/** The postmortem endpoints all act on the incident named in the path and answer its postmortem. */
const onPostmortem = (
  change: Parameters<typeof changeOne<ManagedIncident>>[0]["change"],
  answer: "after" | "nothing" = "after",
) =>
  changeOne({
    param: "incidentId",
    what: "incident",
    read: readIncident,
    serialize,
    renames: { body: "body_draft", publishedAt: "published_at" },
    answer,
    change,
  });

const POSTMORTEM = "StatuspagePostmortem";

export const postmortemEndpoints: Endpoint[] = [
  {
    method: "GET",
    path: "incidents/:incidentId/postmortem",
    role: "viewer",
    run: getOne("incidentId", "incident", readIncident, serialize),
    doc: { status: 200, response: POSTMORTEM, summary: "An incident's postmortem: the published body and the draft" },
  },
  {
    method: "PUT",
    path: "incidents/:incidentId/postmortem",
    role: "responder",
    run: onPostmortem(({ actor, db, input }, incident) => {
      const fields = parseFields(draftFields, wrapped(input, "postmortem"));
      if (!fields.body_draft?.trim()) throw invalidFields({ body_draft: ["body_draft is required."] });
      return savePostmortem({
        ctx: { actor, db },
        input: { incidentId: incident.id, body: fields.body_draft, version: incident.postmortem?.version ?? 0 },
      });
    }),
    doc: {
      status: 200,
      response: POSTMORTEM,
      request: { wrapper: "postmortem", fields: draftFields },
      summary: "Save the draft; readers keep the published body until the next publish",
    },
  },
  {
    method: "PUT",
    path: "incidents/:incidentId/postmortem/publish",
    role: "responder",
    run: onPostmortem(({ actor, db, input }, incident) => {
      const fields = parseFields(publishFields, wrapped(input, "postmortem"));
      if (!incident.postmortem)
        throw invalidFields({
          body_draft: ["Write the postmortem (PUT …/postmortem) before publishing it."],
        });
      return publishPostmortem({
        ctx: { actor, db },
        input: { incidentId: incident.id, version: incident.postmortem.version, publishedAt: fields.published_at },
      });
    }),
    doc: {
      status: 200,
      response: POSTMORTEM,
      request: { wrapper: "postmortem", fields: publishFields },
      summary: "Publish the draft (published_at backdates a first publication)",
    },
  },
  {
    method: "PUT",
    path: "incidents/:incidentId/postmortem/revert",
    role: "responder",
    run: onPostmortem(({ actor, db }, incident) =>
      unpublishPostmortem({ ctx: { actor, db }, input: { incidentId: incident.id } }),
    ),
    doc: { status: 200, response: POSTMORTEM, summary: "Unpublish; the draft stays" },
  },
  {
    method: "DELETE",
    path: "incidents/:incidentId/postmortem",
    role: "responder",
    run: onPostmortem(
      ({ actor, db }, incident) => deletePostmortem({ ctx: { actor, db }, input: { incidentId: incident.id } }),
      "nothing",
    ),
    doc: { status: 204, response: null, summary: "Delete the postmortem, draft and published" },
  },
];
