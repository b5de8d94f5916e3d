import "server-only";
import { AppError, invalidFields } from "@/server/errors";
import { apiFieldErrors } from "@/server/http/error-response";

/** A refusal whose field errors are named as the request named them (`renames`, otherwise snake_case). */
export function renameRefusalFields(error: unknown, renames: Record<string, string> = {}): unknown {
  if (!(error instanceof AppError) || !error.fieldErrors) return error;
  return error.withFieldErrors(apiFieldErrors(error.fieldErrors, renames));
}

/** Awaits a service call, reporting its refusals under the request's field names. */
export async function callService<T>(work: Promise<T>, renames: Record<string, string> = {}): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw renameRefusalFields(error, renames);
  }
}

/** The record a read found, or 404 naming what was asked for. */
export async function found<T>(read: Promise<T | null>, what: string): Promise<T> {
  const value = await read;
  if (value === null) throw notFound(what);
  return value;
}

export function notFound(what: string): AppError {
  return new AppError("NOT_FOUND", `The requested ${what} could not be found.`);
}

export function invalid(field: string, message: string): AppError {
  return invalidFields({ [field]: [message] });
}
