import { handleAlertWebhook } from "@/server/api/integrations/alert-webhook";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ integrationId: string }> }) {
  return handleAlertWebhook(request, (await params).integrationId);
}

// Grafana's webhook contact point can be set to PUT.
export const PUT = POST;
