import { randomUUID } from "node:crypto";
import { SYSTEM_ACTOR } from "@/server/services/context";
import { createApiKey } from "@/server/services/api-keys/create-api-key";

export function uniqueName(prefix: string): string {
  return `${prefix} ${randomUUID().slice(0, 8)}`;
}

/** A fresh API key minted through the same service the console uses. */
export async function mintApiKey(role: "responder" | "viewer"): Promise<string> {
  const { token } = await createApiKey({
    ctx: { actor: SYSTEM_ACTOR },
    input: { name: uniqueName(`e2e ${role}`), role },
  });
  return token;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

// Everything a responder might type that XML and HTML care about; PostgreSQL stores all of it.
export const HOSTILE_TEXT = `Fix & deploy <script>alert("x")</script> 'quoted' 💥 \u200F\u00A0 ]]> done`;
/** Characters XML 1.0 or PostgreSQL cannot carry: refused with 422 wherever they are typed, so never stored. */
export const UNSTORABLE_TEXT = `Fix \u0008 \uFFFE \u0000 done`;
