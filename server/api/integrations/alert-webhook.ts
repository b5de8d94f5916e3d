import "server-only";
import { AppError, toAppError } from "@/server/errors";
import { authenticateIntegration, receiveAlerts } from "@/server/services/integrations/receive-alerts";

const MAX_BODY_BYTES = 1024 * 1024;
const NO_STORE = { "Cache-Control": "no-store" };

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
  if (Number(request.headers.get("content-length") ?? "0") > MAX_BODY_BYTES)
    throw new AppError("VALIDATION", `The body must be at most ${MAX_BODY_BYTES / 1024} KB.`);
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES)
    throw new AppError("VALIDATION", `The body must be at most ${MAX_BODY_BYTES / 1024} KB.`);
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
 * so a caller without one costs no parsing: 401 for a wrong token, 400 for a body it cannot read.
 */
export async function handleAlertWebhook(request: Request, integrationId: string): Promise<Response> {
  try {
    const integration = await authenticateIntegration(integrationId, tokenOf(request));
    const body = await readJson(request);
    const { tags: _published, ...result } = await receiveAlerts({ integration, body });
    return answer(200, { ok: true, ...result });
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === "UNAUTHORIZED")
      return answer(401, { ok: false, error: appError.message }, { "WWW-Authenticate": 'Bearer realm="integration"' });
    if (appError.code === "VALIDATION")
      return answer(400, {
        ok: false,
        error: appError.message,
        ...(appError.fieldErrors ? { fields: appError.fieldErrors } : {}),
      });
    const status =
      appError.code === "UNAVAILABLE"
        ? 503
        : appError.code === "NOT_FOUND"
          ? 404
          : appError.code === "CONFLICT"
            ? 409
            : 500;
    return answer(status, { ok: false, error: appError.message });
  }
}
