import { headers } from "next/headers";
import { findAddressMismatch } from "@/lib/address-mismatch";

/**
 * Warns an owner when this browser reached the console on another address than the page's own (say by IP while
 * PUBLIC_URL says localhost): the embed preview, links in emails and feeds, and snippets then point elsewhere.
 */
export async function AddressMismatchNotice({ pageUrl, context }: { pageUrl: string; context?: string }) {
  const request = await headers();
  const mismatch = findAddressMismatch({
    pageUrl,
    host: request.get("host"),
    forwardedHost: request.get("x-forwarded-host"),
    forwardedProto: request.get("x-forwarded-proto"),
  });
  if (!mismatch) return null;
  return (
    <div
      role="note"
      aria-label="Address mismatch"
      className="space-y-1 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <p className="font-medium">
        This page&apos;s address is <code className="break-all">{mismatch.configured}</code>, but you are using{" "}
        <code className="break-all">{mismatch.inUse}</code>.
      </p>
      <p>
        {context ?? "Links in emails and feeds, embed snippets and the embed preview use the page's address."} Set
        PUBLIC_URL (or Settings › Status page address) to the address people use, or open the console at{" "}
        <a href={mismatch.configured} className="underline">
          {mismatch.configured}
        </a>
        . Behind a reverse proxy, set TRUST_PROXY so the address it forwards is believed.
      </p>
    </div>
  );
}
