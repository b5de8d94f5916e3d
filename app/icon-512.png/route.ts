import { brandIconResponse } from "@/server/api/brand-icons";

// Drawn from the page's brand colour in the database: rendered per request (and cached), never at build time.
export const dynamic = "force-dynamic";

export function GET() {
  return brandIconResponse("large");
}
