import "server-only";
import { z } from "zod";
import { invalidFields, toFieldErrors } from "@/server/errors";
import { COMPONENT_STATUSES, type ComponentStatus } from "@/lib/status";
import { DATE_RANGE_TEXT, dateInput } from "@/lib/date-input";
import { incidentMetadataSchema } from "@/lib/incident-metadata";

// Values arrive as JSON types or, from form bodies, as strings: every helper accepts both.

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

export const flag = (field: string) =>
  z.preprocess(
    (v) =>
      v === "true" || v === "1" || v === 1 ? true : v === "false" || v === "0" || v === 0 ? false : blankToUndefined(v),
    z.boolean({ error: `${field} must be true or false.` }).optional(),
  );

export const text = (field: string, max: number) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: `${field} must be a string.` })
      .max(max, `${field} must be at most ${max.toLocaleString("en-US")} characters.`)
      .optional(),
  );

/** A date sent as a string (in `pattern`'s shape when given); `invalid` says what a readable one looks like. */
export const dateString = (field: string, invalid: string, pattern?: RegExp) =>
  (pattern ? z.string({ error: invalid }).regex(pattern, invalid) : z.string({ error: invalid })).pipe(
    dateInput<string>({ invalid, outOfRange: `${field} must be a date ${DATE_RANGE_TEXT}.` }),
  );

export const timestamp = (field: string) =>
  z.preprocess(blankToUndefined, dateString(field, `${field} must be an ISO 8601 date or timestamp.`).optional());

/** A calendar day, `2024-01-31`, as its midnight UTC. */
export const day = (field: string) =>
  z.preprocess(
    blankToUndefined,
    dateString(field, `${field} must be a date such as 2024-01-31.`, /^\d{4}-\d{2}-\d{2}$/).optional(),
  );

export const positiveInt = (field: string, max: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `${field} must be a number.` })
      .int(`${field} must be a whole number.`)
      .min(0, `${field} must not be negative.`)
      .max(max, `${field} must be at most ${max}.`)
      .optional(),
  );

/** `component_ids[]=a&component_ids[]=b`, `["a","b"]`, or qs's `{ "0": "a" }`. */
export const idList = (field: string) =>
  z.preprocess(
    (v) =>
      v && typeof v === "object" && !Array.isArray(v)
        ? Object.values(v)
        : typeof v === "string"
          ? v === ""
            ? []
            : [v]
          : v,
    z
      .array(
        z
          .string({ error: `${field} must hold ids.` })
          .regex(/^[A-Za-z0-9_-]{1,40}$/, `${field} holds an id that is not valid.`),
        { error: `${field} must be an array of ids.` },
      )
      .max(500)
      .optional(),
  );

export const componentStatus = (field: string) =>
  z.enum(COMPONENT_STATUSES, { error: `${field} must be one of: ${COMPONENT_STATUSES.join(", ")}.` });

/**
 * `components: {"<id>": "major_outage"}`; an empty status means "leave as is", as Statuspage allows. Read with
 * Object.entries, which keeps an own "__proto__" key that a record schema would silently drop.
 */
export const componentStatusMap = z.preprocess(
  blankToUndefined,
  z
    .unknown()
    .optional()
    .transform((map, ctx) => {
      if (map === undefined) return [];
      if (!map || typeof map !== "object" || Array.isArray(map)) {
        ctx.addIssue({
          code: "custom",
          message:
            'components must be an object of component ids to statuses, e.g. {"<component id>": "major_outage"}.',
        });
        return z.NEVER;
      }
      const changes: Array<{ componentId: string; status: ComponentStatus }> = [];
      for (const [componentId, status] of Object.entries(map)) {
        if (!/^[A-Za-z0-9_-]{1,40}$/.test(componentId) || componentId === "__proto__")
          ctx.addIssue({
            code: "custom",
            message: `components holds an id that is not valid: ${componentId.slice(0, 40)}.`,
          });
        else if ((COMPONENT_STATUSES as readonly unknown[]).includes(status))
          changes.push({ componentId, status: status as ComponentStatus });
        else if (status !== "")
          ctx.addIssue({
            code: "custom",
            path: [componentId],
            message: `Each component's status must be one of: ${COMPONENT_STATUSES.join(", ")}.`,
          });
      }
      return changes;
    }),
);

export const metadata = z.preprocess(blankToUndefined, incidentMetadataSchema.optional());

/** Parses request fields, refusing with 422 and every problem under its field name. */
export function parseFields<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw invalidFields(toFieldErrors(parsed.error.issues, "base"));
}

export function pagination(
  query: URLSearchParams,
  options: { sizeParam: "per_page" | "limit"; firstPage: 0 | 1; defaultSize?: number },
) {
  const parsed = parseFields(
    z.object({ page: positiveInt("page", 1_000_000), [options.sizeParam]: positiveInt(options.sizeParam, 100) }),
    { page: query.get("page") ?? undefined, [options.sizeParam]: query.get(options.sizeParam) ?? undefined },
  ) as { page?: number } & Record<string, number | undefined>;
  const size = Math.max(1, parsed[options.sizeParam] ?? options.defaultSize ?? 100);
  const page = Math.max(options.firstPage, parsed.page ?? options.firstPage);
  return { skip: (page - options.firstPage) * size, take: size };
}
