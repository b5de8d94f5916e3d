import { getPage } from "@/server/queries/public-status";
import { brandColour } from "@/lib/brand-mark";
import { ofPage, pageLabel } from "@/lib/page-title";
import { siteTitle } from "@/app/(public)/_components/branding";
import { handlePublic, jsonResponse } from "@/server/api/json-response";

// Drawn from the page's brand colour in the database: rendered per request (and cached), never at build time.
export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return handlePublic(async () => {
    const page = await getPage();
    const manifest = {
      name: siteTitle(page),
      short_name: pageLabel(page.name),
      description: page.description ?? `Current status${ofPage(page.name)}.`,
      start_url: "/",
      display: "browser",
      theme_color: brandColour(page),
      background_color: "#ffffff",
      icons: [
        { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
        { src: "/apple-touch-icon.png", sizes: "180x180", type: "image/png" },
        { src: "/icon-512.png", sizes: "512x512", type: "image/png" },
      ],
    };
    const response = jsonResponse(request, manifest);
    response.headers.set("Content-Type", "application/manifest+json; charset=utf-8");
    return response;
  });
}
