import { z } from "zod";
import { findTooDeep } from "@/lib/nesting-depth";

/** Levels of nesting, the metadata object itself included: `{"jira": {"issue": {"key": "OPS-1"}}}` uses three. */
export const METADATA_MAX_DEPTH = 8;
/** Characters of the metadata as JSON: it is stored, audited and echoed on every read of the incident. */
export const METADATA_MAX_CHARS = 16_384;

/**
 * Statuspage's incident metadata: an object of namespaces, each an object of the client's own values, bounded in
 * depth (checked first, so the size is measured without deep recursion) and size.
 */
export const incidentMetadataSchema = z
  .record(z.string(), z.record(z.string(), z.unknown(), { error: "metadata's top-level values must be objects." }), {
    error: "metadata must be an object of objects.",
  })
  .superRefine((metadata, ctx) => {
    if (findTooDeep(metadata, METADATA_MAX_DEPTH)) {
      ctx.addIssue({ code: "custom", message: `metadata may nest at most ${METADATA_MAX_DEPTH} levels deep.` });
    } else if (JSON.stringify(metadata).length > METADATA_MAX_CHARS) {
      ctx.addIssue({
        code: "custom",
        message: `metadata must be at most ${METADATA_MAX_CHARS.toLocaleString("en-US")} characters as JSON.`,
      });
    }
  });
