import "server-only";
import { z } from "zod";
import {
  countManagedSubscribers,
  listManagedSubscribers,
  readManagedIncident,
  readManagedSubscriber,
  type SubscriberKindCounts,
} from "@/server/queries/management-reads";
import { AppError, invalidFields } from "@/server/errors";
import { callService, found, invalid, notFound } from "@/server/api/management/refusals";
import { flag, idList, pagination, parseFields, text } from "@/server/api/management/fields";
import { wrapped } from "@/server/api/management/request";
import { serializeManagedSubscriber } from "@/server/api/management/serialize";
import type { Endpoint, EndpointArgs } from "@/server/api/management/router";
import {
  addSubscriber,
  type AddedSubscriber,
  reactivateSubscriber,
  renewConfirmation,
  setSubscriberComponents,
  unsubscribeSubscriber,
} from "@/server/services/subscribers/manage-subscribers";
import { publicBaseUrl } from "@/server/services/subscribers/shared";
import { smtpMailer } from "@/server/notifications/mailer";
import { renderConfirmationEmail } from "@/server/notifications/email-templates";
import { confirmLink } from "@/server/notifications/links";

const call = <T>(work: Promise<T>) =>
  callService(work, { componentIds: "component_ids", subscriberId: "subscriber", incidentId: "incident" });

const subscriberOrThrow = (db: EndpointArgs["db"], subscriberId: string) =>
  found(readManagedSubscriber(db, subscriberId), "subscriber");

/** The path's subscriber; under /incidents/<id>/ it must be one of that incident's. */
async function pathSubscriber({ db, params }: EndpointArgs) {
  const subscriber = await subscriberOrThrow(db, params.subscriberId);
  if (params.incidentId !== undefined && subscriber.incidentId !== params.incidentId) throw notFound("subscriber");
  return subscriber;
}

async function readOne(args: EndpointArgs) {
  return { status: 200, body: serializeManagedSubscriber(await pathSubscriber(args)) };
}

async function unsubscribe(args: EndpointArgs) {
  const current = await pathSubscriber(args);
  await call(unsubscribeSubscriber({ ctx: { actor: args.actor, db: args.db }, input: { subscriberId: current.id } }));
  return { status: 200, body: serializeManagedSubscriber(await subscriberOrThrow(args.db, current.id)) };
}

async function resend(args: EndpointArgs) {
  const current = await pathSubscriber(args);
  const renewed = await call(
    renewConfirmation({ ctx: { actor: args.actor, db: args.db }, input: { subscriberId: current.id } }),
  );
  return { status: 201, body: null, afterCommit: confirmationMail(renewed.email, renewed.confirmToken) };
}

/** Emails the double opt-in link after the transaction committed; a mail failure answers 503 (the subscriber is kept). */
function confirmationMail(email: string, confirmToken: string, scope = "status updates") {
  return async () => {
    const { baseUrl, pageName } = await publicBaseUrl();
    try {
      await smtpMailer.send(
        renderConfirmationEmail({
          pageName,
          to: email,
          confirmUrl: confirmLink(baseUrl, confirmToken),
          scope,
        }),
      );
    } catch (error) {
      console.error("Could not send the subscription confirmation", error);
      throw new AppError(
        "UNAVAILABLE",
        "The subscriber was saved but the confirmation email could not be sent; use resend_confirmation once email works.",
      );
    }
  };
}

const SUBSCRIBER_TYPES = ["email", "sms", "webhook", "integration_partner", "slack", "teams"] as const;
type SubscriberType = (typeof SUBSCRIBER_TYPES)[number];
const subscriberType = z.preprocess(
  (v) => (v === "" ? undefined : v),
  z.enum(SUBSCRIBER_TYPES, { error: `type must be one of: ${SUBSCRIBER_TYPES.join(", ")}.` }).optional(),
);

const listQuery = z.object({
  q: text("q", 200),
  type: subscriberType,
  state: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .enum(["active", "unconfirmed", "quarantined", "unsubscribed", "all"], {
        error: "state must be active, unconfirmed, quarantined, unsubscribed or all.",
      })
      .default("active"),
  ),
  sort_field: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .enum(["primary", "created_at", "quarantined_at", "relevance"], {
        error: "sort_field must be primary, created_at, quarantined_at or relevance.",
      })
      .default("created_at"),
  ),
  sort_direction: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum(["asc", "desc"], { error: "sort_direction must be asc or desc." }).default("asc"),
  ),
});

async function list({ db, query, params }: EndpointArgs) {
  const filters = parseFields(listQuery, Object.fromEntries(query));
  const { skip, take } = pagination(query, { sizeParam: "limit", firstPage: 0 });
  if (filters.type && filters.type !== "email" && filters.type !== "webhook") return { status: 200, body: [] };
  const subscribers = await listManagedSubscribers(db, {
    q: filters.q,
    kind: filters.type,
    state: filters.state,
    incidentId: params.incidentId,
    skip,
    take,
    sortField: filters.sort_field === "primary" ? "primary" : "created_at",
    descending: filters.sort_direction === "desc",
  });
  return { status: 200, body: subscribers.map(serializeManagedSubscriber) };
}

const createFields = z.object({
  email: text("email", 254),
  endpoint: text("endpoint", 2000),
  phone_number: text("phone_number", 40),
  phone_country: text("phone_country", 4),
  skip_confirmation_notification: flag("skip_confirmation_notification"),
  component_ids: idList("component_ids"),
  page_access_user: z.unknown().optional(),
});

async function create({ actor, input, db }: EndpointArgs) {
  const fields = parseFields(createFields, wrapped(input, "subscriber"));
  if (fields.phone_number)
    throw invalidFields({
      phone_number: [
        "SMS subscribers are not supported by this status page; subscribe an email address or a webhook endpoint.",
      ],
    });
  if (fields.page_access_user)
    throw new AppError(
      "NOT_SUPPORTED",
      "Audience-specific pages (page access users) are not supported by this status page.",
    );
  if (!fields.email && !fields.endpoint)
    throw invalidFields({ email: ["Send an email address or a webhook endpoint."] });
  const ctx = { actor, db };
  const added = await call(
    fields.endpoint
      ? addSubscriber({
          ctx,
          input: { kind: "webhook", endpoint: fields.endpoint, componentIds: fields.component_ids },
        })
      : addSubscriber({
          ctx,
          input: {
            kind: "email",
            email: fields.email!,
            skipConfirmation: fields.skip_confirmation_notification ?? false,
            componentIds: fields.component_ids,
          },
        }),
  );
  return answerCreated(db, added, fields.skip_confirmation_notification ?? false);
}

/** The 201 for a new subscriber: as read back, with its signing secret (shown once) and the confirmation email. */
async function answerCreated(
  db: EndpointArgs["db"],
  added: AddedSubscriber,
  skipConfirmation: boolean,
  scope?: string,
) {
  const subscriber = await subscriberOrThrow(db, added.subscriberId);
  return {
    status: 201,
    body: {
      ...serializeManagedSubscriber(subscriber),
      skip_confirmation_notification: skipConfirmation,
      ...(added.signingSecret ? { signing_secret: added.signingSecret } : {}),
    },
    afterCommit: added.confirmToken ? confirmationMail(subscriber.email!, added.confirmToken, scope) : undefined,
  };
}

const incidentFields = createFields.pick({
  email: true,
  endpoint: true,
  phone_number: true,
  phone_country: true,
  skip_confirmation_notification: true,
  component_ids: true,
});

/** Statuspage's incident subscribers: an email address told about this incident until it is resolved. */
async function createForIncident({ actor, input, db, params }: EndpointArgs) {
  const fields = parseFields(incidentFields, wrapped(input, "subscriber"));
  if (fields.phone_number)
    throw invalid(
      "phone_number",
      "SMS subscribers are not supported by this status page; subscribe an email address to the incident.",
    );
  if (fields.endpoint)
    throw invalid(
      "endpoint",
      "A webhook follows the page or its components (POST /subscribers); one incident is followed by email.",
    );
  if (!fields.email) throw invalid("email", "Send the email address that should follow this incident.");
  const incident = await found(readManagedIncident(db, params.incidentId), "incident");
  const added = await call(
    addSubscriber({
      ctx: { actor, db },
      input: {
        kind: "email",
        email: fields.email,
        skipConfirmation: fields.skip_confirmation_notification ?? false,
        componentIds: fields.component_ids,
        incidentId: incident.id,
      },
    }),
  );
  return answerCreated(db, added, fields.skip_confirmation_notification ?? false, `updates about ${incident.name}`);
}

/** Every type Statuspage names, so clients reading `sms` or `slack` find a 0 rather than nothing. */
function perType<T>(value: (type: SubscriberType) => T): Record<SubscriberType, T> {
  return Object.fromEntries(SUBSCRIBER_TYPES.map((type) => [type, value(type)])) as Record<SubscriberType, T>;
}

const countOf = (counts: SubscriberKindCounts, type: SubscriberType) =>
  type === "email" || type === "webhook" ? counts[type] : 0;

const countQuery = z.object({
  type: subscriberType,
  state: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .enum(["active", "unconfirmed", "quarantined", "all"], {
        error: "state must be active, unconfirmed, quarantined or all.",
      })
      .default("active"),
  ),
});

async function count({ db, query }: EndpointArgs) {
  const filters = parseFields(countQuery, Object.fromEntries(query));
  const states = filters.state === "all" ? (["active", "unconfirmed", "quarantined"] as const) : [filters.state];
  const counts: SubscriberKindCounts = { email: 0, webhook: 0 };
  for (const state of states) {
    const inState = await countManagedSubscribers(db, state);
    counts.email += inState.email;
    counts.webhook += inState.webhook;
  }
  return { status: 200, body: perType((type) => (!filters.type || filters.type === type ? countOf(counts, type) : 0)) };
}

async function histogram({ db }: EndpointArgs) {
  const active = await countManagedSubscribers(db, "active");
  const unconfirmed = await countManagedSubscribers(db, "unconfirmed");
  const quarantined = await countManagedSubscribers(db, "quarantined");
  return {
    status: 200,
    body: perType((type) => {
      const byState = {
        active: countOf(active, type),
        unconfirmed: countOf(unconfirmed, type),
        quarantined: countOf(quarantined, type),
      };
      return { ...byState, total: byState.active + byState.unconfirmed + byState.quarantined };
    }),
  };
}

const SUBSCRIBER = "StatuspageSubscriber";
const LIST_QUERY = ["q", "type", "state", "limit", "page", "sort_field", "sort_direction"];
const idsRequest = { fields: z.object({ subscribers: idList("subscribers") }) };

export const subscriberEndpoints: Endpoint[] = [
  {
    method: "GET",
    path: "subscribers",
    role: "responder",
    run: list,
    doc: { status: 200, response: [SUBSCRIBER], query: LIST_QUERY, summary: "Page subscribers (page counts from 0)" },
  },
  {
    method: "GET",
    path: "subscribers/unsubscribed",
    role: "responder",
    run: (args) =>
      list({ ...args, query: new URLSearchParams({ ...Object.fromEntries(args.query), state: "unsubscribed" }) }),
    doc: { status: 200, response: [SUBSCRIBER], query: LIST_QUERY, summary: "Subscribers who unsubscribed" },
  },
  {
    method: "GET",
    path: "subscribers/count",
    role: "responder",
    run: count,
    doc: {
      status: 200,
      response: "SubscriberCountByType",
      query: ["type", "state"],
      summary: "Count page subscribers by type",
    },
  },
  {
    method: "GET",
    path: "subscribers/histogram_by_state",
    role: "responder",
    run: histogram,
    doc: {
      status: 200,
      response: "SubscriberCountByTypeAndState",
      summary: "Count page subscribers by type, then state",
    },
  },
  {
    method: "POST",
    path: "subscribers",
    role: "responder",
    run: create,
    doc: {
      status: 201,
      response: SUBSCRIBER,
      request: { wrapper: "subscriber", fields: createFields },
      summary: "Subscribe an email address (skip_confirmation_notification opts it in silently) or a webhook endpoint",
    },
  },
  {
    method: "GET",
    path: "incidents/:incidentId/subscribers",
    role: "responder",
    run: list,
    doc: { status: 200, response: [SUBSCRIBER], query: LIST_QUERY, summary: "An incident's subscribers" },
  },
  {
    method: "GET",
    path: "subscribers/:subscriberId",
    role: "responder",
    run: readOne,
    doc: { status: 200, response: SUBSCRIBER, summary: "A subscriber" },
  },
  {
    method: "PATCH",
    path: "subscribers/:subscriberId",
    role: "responder",
    run: async ({ actor, db, params, input }) => {
      const fields = parseFields(z.object({ component_ids: idList("component_ids") }), wrapped(input, "subscriber"));
      const current = await subscriberOrThrow(db, params.subscriberId);
      await call(
        setSubscriberComponents({
          ctx: { actor, db },
          input: { subscriberId: current.id, componentIds: fields.component_ids ?? [] },
        }),
      );
      return { status: 200, body: serializeManagedSubscriber(await subscriberOrThrow(db, current.id)) };
    },
    doc: {
      status: 200,
      response: SUBSCRIBER,
      request: { wrapper: "subscriber", fields: z.object({ component_ids: idList("component_ids") }) },
      summary: "Choose the components a subscriber hears about (none: all)",
    },
  },
  {
    method: "DELETE",
    path: "subscribers/:subscriberId",
    role: "responder",
    run: unsubscribe,
    doc: { status: 200, response: SUBSCRIBER, summary: "Unsubscribe, answering the subscriber" },
  },
  {
    method: "POST",
    path: "subscribers/:subscriberId/resend_confirmation",
    role: "responder",
    run: resend,
    doc: { status: 201, response: null, summary: "Email the confirmation link again" },
  },
  {
    method: "POST",
    path: "subscribers/resend_confirmation",
    role: "responder",
    run: async ({ actor, db, input }) => {
      const { subscribers } = parseFields(z.object({ subscribers: idList("subscribers") }), input);
      const mails: Array<() => Promise<void>> = [];
      for (const subscriberId of subscribers ?? []) {
        const renewed = await call(renewConfirmation({ ctx: { actor, db }, input: { subscriberId } }));
        mails.push(confirmationMail(renewed.email, renewed.confirmToken));
      }
      return {
        status: 202,
        body: null,
        afterCommit: async () => {
          for (const send of mails) await send();
        },
      };
    },
    doc: {
      status: 202,
      response: null,
      request: idsRequest,
      summary: "Email the confirmation link again to several subscribers",
    },
  },
  {
    method: "POST",
    path: "incidents/:incidentId/subscribers",
    role: "responder",
    run: createForIncident,
    doc: {
      status: 201,
      response: SUBSCRIBER,
      request: { wrapper: "subscriber", fields: incidentFields },
      summary:
        "Subscribe an email address to one unresolved incident's updates (skip_confirmation_notification opts it in silently)",
    },
  },
  {
    method: "GET",
    path: "incidents/:incidentId/subscribers/:subscriberId",
    role: "responder",
    run: readOne,
    doc: { status: 200, response: SUBSCRIBER, summary: "One of an incident's subscribers" },
  },
  {
    method: "DELETE",
    path: "incidents/:incidentId/subscribers/:subscriberId",
    role: "responder",
    run: unsubscribe,
    doc: { status: 200, response: SUBSCRIBER, summary: "Unsubscribe one of an incident's subscribers" },
  },
  {
    method: "POST",
    path: "incidents/:incidentId/subscribers/:subscriberId/resend_confirmation",
    role: "responder",
    run: resend,
    doc: { status: 201, response: null, summary: "Email one of an incident's subscribers the confirmation link again" },
  },
  {
    method: "POST",
    path: "subscribers/reactivate",
    role: "responder",
    run: async ({ actor, db, input }) => {
      const { subscribers } = parseFields(z.object({ subscribers: idList("subscribers") }), input);
      for (const subscriberId of subscribers ?? [])
        await call(reactivateSubscriber({ ctx: { actor, db }, input: { subscriberId } }));
      return { status: 202, body: null };
    },
    doc: { status: 202, response: null, request: idsRequest, summary: "Reactivate quarantined subscribers" },
  },
  {
    method: "POST",
    path: "subscribers/unsubscribe",
    role: "responder",
    run: async ({ actor, db, input }) => {
      const { subscribers } = parseFields(z.object({ subscribers: idList("subscribers") }), input);
      for (const subscriberId of subscribers ?? [])
        await call(unsubscribeSubscriber({ ctx: { actor, db }, input: { subscriberId } }));
      return { status: 202, body: null };
    },
    doc: { status: 202, response: null, request: idsRequest, summary: "Unsubscribe several subscribers" },
  },
];
