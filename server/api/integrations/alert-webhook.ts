import "server-only";
import { AppError, toAppError } from "@/server/errors";
import { NO_STORE } from "@/server/http/error-response";
import { readBodyText } from "@/server/http/read-body";
import { authenticateIntegration, receiveAlerts } from "@/server/services/integrations/receive-alerts";

const MAX_BODY_BYTES = 1024 * 1024;

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

const TOKEN_IN_URL =
  "A token in the URL is refused: URLs end up in access logs. Send it as `Authorization: Bearer <token>`, and " +
  "replace an integration whose token was sent in a URL.";

function tokenOf(request: Request): string | null {
  if (new URL(request.url).searchParams.has("token")) throw new AppError("UNAUTHORIZED", TOKEN_IN_URL);
  const header = request.headers.get("authorization");
  return (header && /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1]) || null;
}

async function readJson(request: Request): Promise<unknown> {
  const text = await readBodyText(request, MAX_BODY_BYTES);
  if (text.trim() === "") throw new AppError("VALIDATION", "The body is empty; send the alert payload as JSON.");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError(
      "VALIDATION",
      `The body is not valid JSON (${error instanceof Error ? error.message : "parse error"}).`,
    );
  }
}

/**
 * POST /api/integrations/{integrationId}: an alert source's webhook. The token is checked before the body is read,
 * so a caller without one costs no parsing: 401 for a wrong token, 413 for a body over 1 MB, 400 for a body it cannot
 * read. Refusals are `{"ok": false, "error": "<sentence>", "fields"?}`, as docs/integrations.md describes them.
 */
export async function handleAlertWebhook(request: Request, integrationId: string): Promise<Response> {
  try {
    const integration = await authenticateIntegration(integrationId, tokenOf(request));
    const body = await readJson(request);
    const { tags: _published, ...result } = await receiveAlerts({ integration, body });
    return answer(200, { ok: true, ...result });
  } catch (error) {
    return refusal(toAppError(error));
  }
}

function refusal(error: AppError): Response {
  const body = { ok: false, error: error.message, ...(error.fieldErrors ? { fields: error.fieldErrors } : {}) };
  if (error.code === "UNAUTHORIZED") return answer(401, body, { "WWW-Authenticate": 'Bearer realm="integration"' });
  return answer(error.code === "VALIDATION" ? 400 : error.status, body, error.headers);
}
