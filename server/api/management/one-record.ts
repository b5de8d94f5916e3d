import "server-only";
import { callService, found } from "@/server/api/management/refusals";
import type { Endpoint, EndpointArgs } from "@/server/api/management/router";
import type { PageRef } from "@/server/api/management/serialize";

type Read<T> = (db: EndpointArgs["db"], id: string) => Promise<T | null>;
type Serialize<T> = (row: T, page: PageRef) => unknown;

/** Reads the record named by the path's `param`: 404 saying `what` when there is none. */
export function readOne<T>(args: EndpointArgs, param: string, what: string, read: Read<T>): Promise<T> {
  return found(read(args.db, args.params[param]), what);
}

/** `GET …/<id>`: the record, serialized. */
export function getOne<T>(param: string, what: string, read: Read<T>, serialize: Serialize<T>): Endpoint["run"] {
  return async (args) => ({ status: 200, body: serialize(await readOne(args, param, what, read), args.page) });
}

/**
 * A change to one record through a service: the record must exist (404), the service's refusals name the request's
 * fields (`renames`), and the answer is the record as it is afterwards (or as it was, for a deletion; 204 for none).
 */
export function changeOne<T>(options: {
  param: string;
  what: string;
  read: Read<T>;
  serialize: Serialize<T>;
  renames?: Record<string, string>;
  answer?: "after" | "before" | "nothing";
  change: (args: EndpointArgs, current: T) => Promise<{ tags: string[] }>;
}): Endpoint["run"] {
  return async (args) => {
    const current = await readOne(args, options.param, options.what, options.read);
    const { tags } = await callService(options.change(args, current), options.renames);
    if (options.answer === "nothing") return { status: 204, tags };
    const row = options.answer === "before" ? current : await readOne(args, options.param, options.what, options.read);
    return { status: 200, body: options.serialize(row, args.page), tags };
  };
}
