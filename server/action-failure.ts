import "server-only";
import { describeRefusal, toAppError, type FieldErrors } from "@/server/errors";

export type ActionFailure = { ok: false; formError: string; fieldErrors?: FieldErrors };

/** What a server action answers when its service refused: field errors under a summary, or the error's own message. */
export function actionFailure(error: unknown): ActionFailure {
  const appError = toAppError(error);
  return { ok: false, formError: describeRefusal(appError), fieldErrors: appError.fieldErrors };
}
