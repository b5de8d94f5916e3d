import { feedResponse } from "@/server/feeds/feed-response";

type Params = { params: Promise<{ componentId: string }> };

export async function GET(request: Request, { params }: Params) {
  const { componentId } = await params;
  return feedResponse(request, "json", componentId);
}
