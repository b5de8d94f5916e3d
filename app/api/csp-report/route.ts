import { logCspReport } from "@/server/http/csp-report";

/** Browsers post Content-Security-Policy violations here (the policy's report-uri); they are logged for the operator. */
export async function POST(request: Request) {
  await logCspReport(request);
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
}
