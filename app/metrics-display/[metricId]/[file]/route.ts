import { metricsDisplayResponse } from "@/server/api/metric-responses";

type Params = { params: Promise<{ metricId: string; file: string }> };

/** `/metrics-display/<id>/<day|week|month>.json`, as Statuspage publishes a metric for widgets and scripts. */
export async function GET(request: Request, { params }: Params) {
  const { metricId, file } = await params;
  return metricsDisplayResponse(request, metricId, file);
}
