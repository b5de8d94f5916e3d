import { brandIconResponse } from "@/server/api/brand-icons";

export function GET() {
  return brandIconResponse("svg");
}
