import http from "node:http";

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** A response read to its end, its body as text. */
export function readResponse(response: http.IncomingMessage): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on("data", (chunk: Buffer) => chunks.push(chunk));
    response.on("error", reject);
    response.on("end", () =>
      resolve({
        status: response.statusCode ?? 0,
        headers: response.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      }),
    );
  });
}

/**
 * One HTTP request from a chosen loopback source address (127.0.0.0/8), so a test can act as a distinct client.
 * `target` is sent as the request target exactly as written (dot segments, absolute form, `*`), instead of `url`'s path.
 */
export function rawRequest(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    localAddress?: string;
    target?: string;
  } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const request = http.request(
      {
        host: "127.0.0.1",
        port: target.port,
        path: options.target ?? `${target.pathname}${target.search}`,
        method: options.method ?? "GET",
        localAddress: options.localAddress,
        headers: { host: target.host, ...options.headers },
      },
      (response) => void readResponse(response).then(resolve, reject),
    );
    request.on("error", reject);
    request.end(options.body);
  });
}

function cookiesFrom(headers: http.IncomingHttpHeaders): string[] {
  return (headers["set-cookie"] ?? []).map((cookie) => cookie.split(";")[0]);
}

/** Signs in through next-auth's credentials endpoint as a form would; returns the error shown to the user, if any. */
export async function postCredentials(
  baseUrl: string,
  input: { email: string; password: string; localAddress?: string; headers?: Record<string, string> },
): Promise<{ error: string | null; cookies: string[] }> {
  const csrf = await rawRequest(`${baseUrl}/api/auth/csrf`, { localAddress: input.localAddress });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const form = new URLSearchParams({ csrfToken, email: input.email, password: input.password, json: "true" });
  const response = await rawRequest(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    localAddress: input.localAddress,
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: cookiesFrom(csrf.headers).join("; "),
      ...input.headers,
    },
    body: form.toString(),
  });
  const { url } = JSON.parse(response.body) as { url: string };
  return { error: new URL(url).searchParams.get("error"), cookies: cookiesFrom(response.headers) };
}
