import { feedResponse } from "@/server/feeds/feed-response";

export function GET(request: Request) {
  return feedResponse(request, "rss");
}
