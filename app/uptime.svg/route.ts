import { cacheableResponse, handlePublic } from "@/server/api/json-response";
import { PUBLIC_CACHE_CONTROL } from "@/lib/cache-control";
import { getUptimeBoard } from "@/server/queries/uptime-board";
import { renderUptimeSprite } from "@/lib/uptime-sprite";

const IMMUTABLE = "public, max-age=31536000, immutable";

/** The home page's uptime bars as one image; its address carries the board's version, so a browser keeps it until a bar changes. */
export function GET(request: Request) {
  return handlePublic(async () => {
    const board = await getUptimeBoard();
    const requested = new URL(request.url).searchParams.get("v");
    return cacheableResponse(request, renderUptimeSprite(board.rows), "image/svg+xml", {
      "Cache-Control": requested === board.version ? IMMUTABLE : PUBLIC_CACHE_CONTROL,
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    });
  });
}
