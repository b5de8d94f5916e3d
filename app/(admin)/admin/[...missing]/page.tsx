import { notFound } from "next/navigation";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";

/** A mistyped console address: the console's own "not found", inside the console, for signed-in users only. */
export default async function MissingConsolePage() {
  await pageActor();
  notFound();
}
