import { badgeResponse } from "@/server/api/badge-response";

type Params = { params: Promise<{ componentId: string }> };

export async function GET(request: Request, { params }: Params) {
  const { componentId } = await params;
  return badgeResponse(request, componentId);
}
