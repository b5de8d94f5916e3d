import "server-only";
import { z } from "zod";
import { INCIDENT_STATUSES, LIMITS } from "@/lib/status";
import { listManagedTemplates, readManagedPage, readManagedTemplate } from "@/server/queries/management-reads";
import { AppError, invalidFields } from "@/server/errors";
import { renameRefusalFields } from "@/server/api/management/refusals";
import { flag, idList, pagination, parseFields, text } from "@/server/api/management/fields";
import { wrapped } from "@/server/api/management/request";
import { serializeManagedPage, serializeManagedTemplate } from "@/server/api/management/serialize";
import type { Endpoint } from "@/server/api/management/router";
import { createTemplate } from "@/server/services/templates/template-services";
import { updatePageSettings } from "@/server/services/settings/update-page-settings";

const templateFields = z.object({
  name: text("name", LIMITS.nameMax),
  title: text("title", LIMITS.nameMax),
  body: text("body", LIMITS.bodyMax),
  update_status: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.enum(INCIDENT_STATUSES, { error: `update_status must be one of: ${INCIDENT_STATUSES.join(", ")}.` }).optional(),
  ),
  group_id: z.unknown().optional(),
  should_tweet: flag("should_tweet"),
  should_send_notifications: flag("should_send_notifications"),
  component_ids: idList("component_ids"),
});

const pageFields = z.object({
  name: text("name", LIMITS.nameMax),
  page_description: z.preprocess((v) => (v === null ? "" : v), text("page_description", LIMITS.descriptionMax)),
  url: text("url", 2_000),
  support_url: z.preprocess((v) => (v === null ? "" : v), text("support_url", 2_000)),
  time_zone: text("time_zone", 100),
  twitter_username: z.preprocess((v) => (v === null ? "" : v), text("twitter_username", 100)),
  notifications_from_email: z.preprocess((v) => (v === null ? "" : v), text("notifications_from_email", 320)),
  notifications_email_footer: z.preprocess(
    (v) => (v === null ? "" : v),
    text("notifications_email_footer", LIMITS.descriptionMax),
  ),
});

export const templateAndPageEndpoints: Endpoint[] = [
  {
    method: "GET",
    path: "incident_templates",
    role: "viewer",
    run: async ({ db, query }) => ({
      status: 200,
      body: (await listManagedTemplates(db, pagination(query, { sizeParam: "per_page", firstPage: 1 }))).map(
        serializeManagedTemplate,
      ),
    }),
    doc: { status: 200, response: ["StatuspageTemplate"], query: ["page", "per_page"], summary: "Incident templates" },
  },
  {
    method: "POST",
    path: "incident_templates",
    role: "responder",
    run: async ({ actor, db, input }) => {
      const fields = parseFields(templateFields, wrapped(input, "template"));
      if (fields.group_id)
        throw invalidFields({
          group_id: ["Template groups are not supported by this status page; leave group_id out."],
        });
      if (fields.component_ids?.length)
        throw invalidFields({
          component_ids: ["Templates here hold text only; leave component_ids out and set components on the incident."],
        });
      try {
        const result = await createTemplate({
          ctx: { actor, db },
          input: {
            name: fields.name ?? "",
            title: fields.title,
            status: fields.update_status,
            body: fields.body ?? "",
          },
        });
        return { status: 201, body: serializeManagedTemplate((await readManagedTemplate(db, result.template.id))!) };
      } catch (error) {
        throw renameRefusalFields(error, { status: "update_status" });
      }
    },
    doc: {
      status: 201,
      response: "StatuspageTemplate",
      request: { wrapper: "template", fields: templateFields },
      summary: "Create an incident template",
    },
  },
  {
    method: "GET",
    path: "",
    role: "viewer",
    run: async ({ db, page }) => ({
      status: 200,
      body: serializeManagedPage((await readManagedPage(db))!, page.baseUrl),
    }),
    doc: { status: 200, response: "StatuspagePage", summary: "The page" },
  },
  {
    method: ["PATCH", "PUT"],
    path: "",
    role: "viewer",
    run: async ({ actor, db, input, page }) => {
      const fields = parseFields(pageFields, wrapped(input, "page"));
      const current = (await readManagedPage(db))!;
      const pick = <T>(value: T | undefined, fallback: T) => (value !== undefined ? value : fallback);
      try {
        const result = await updatePageSettings({
          ctx: { actor, db },
          input: {
            version: current.version,
            name: fields.name || current.name,
            url: fields.url || current.url,
            timeZone: fields.time_zone || current.timeZone,
            logoUrl: current.logoUrl ?? undefined,
            faviconUrl: current.faviconUrl ?? undefined,
            brandColor: current.brandColor,
            supportUrl: pick(fields.support_url, current.supportUrl ?? undefined),
            contactEmail: pick(fields.notifications_from_email, current.contactEmail ?? undefined),
            twitter: pick(fields.twitter_username, current.twitter ?? undefined),
            privacyUrl: current.privacyUrl ?? undefined,
            footerText: pick(fields.notifications_email_footer, current.footerText ?? undefined),
            description: pick(fields.page_description, current.description ?? undefined),
          },
        });
        return {
          status: 200,
          body: serializeManagedPage((await readManagedPage(db))!, page.baseUrl),
          tags: result.tags,
        };
      } catch (error) {
        if (error instanceof AppError && error.code === "FORBIDDEN")
          throw new AppError(
            "FORBIDDEN",
            "Changing the page's profile needs an owner key: create one in the console at /admin/api-keys, or change it at /admin/settings.",
          );
        throw renameRefusalFields(error, {
          timeZone: "time_zone",
          supportUrl: "support_url",
          contactEmail: "notifications_from_email",
          twitter: "twitter_username",
          footerText: "notifications_email_footer",
          description: "page_description",
        });
      }
    },
    doc: {
      status: 200,
      response: "StatuspagePage",
      request: { wrapper: "page", fields: pageFields },
      summary: "Update the page profile (owner keys)",
    },
  },
];
