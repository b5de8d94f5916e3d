import { metricChartResponse } from "@/server/api/metric-responses";

type Params = { params: Promise<{ metricId: string; chart: string }> };

/** `/metrics/<id>/<day|week|month>.svg`: the chart the page shows. */
export async function GET(request: Request, { params }: Params) {
  const { metricId, chart } = await params;
  return metricChartResponse(request, metricId, chart);
}
