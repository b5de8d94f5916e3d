import { NextResponse } from "next/server";
import { getCurrentActor } from "@/server/auth/session";
import { roleAtLeast } from "@/lib/status";
import { exportSubscribersCsv } from "@/server/queries/subscribers";

export async function GET() {
  const actor = await getCurrentActor();
  if (!actor) return NextResponse.json({ error: "Sign in to export subscribers." }, { status: 401 });
  if (!roleAtLeast(actor.role, "owner"))
    return NextResponse.json({ error: "Exporting subscribers needs the owner role." }, { status: 403 });
  const rows = exportSubscribersCsv(actor);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await rows.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="subscribers-${date}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
