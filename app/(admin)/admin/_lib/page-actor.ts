import "server-only";
import { redirect } from "next/navigation";
import { getCurrentActor, type SessionActor } from "@/server/auth/session";

/** The signed-in actor for a console page; an ended session goes back to sign-in rather than an error page. */
export async function pageActor(): Promise<SessionActor> {
  const actor = await getCurrentActor();
  if (!actor) redirect("/login?redirectTo=/admin");
  return actor;
}
