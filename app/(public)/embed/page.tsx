import type { Metadata } from "next";
import { EmbedSnippet, buildEmbedSnippets } from "@/components/embed-snippet";
import { getComponentTree, getPage } from "@/server/queries/public-status";
import { pageMetadata } from "@/app/(public)/_components/branding";
import { pageBaseUrl } from "@/server/page-url";

export async function generateMetadata(): Promise<Metadata> {
  return pageMetadata(await getPage(), { title: "Embed the status", path: "/embed" });
}

export default async function EmbedPage() {
  const [page, tree] = await Promise.all([getPage(), getComponentTree()]);
  const baseUrl = pageBaseUrl(page);
  const example = tree.components[0];
  const snippets = buildEmbedSnippets(baseUrl);
  return (
    <div className="max-w-3xl space-y-10">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">
          Show {page.name.trim() ? `${page.name.trim()}’s` : "this page’s"} status on your site
        </h1>
        <p className="text-zinc-700 dark:text-zinc-300">
          Paste one of these snippets into any web page. They read this status page&apos;s public API, so they update as
          soon as the status changes.
        </p>
      </header>

      <section aria-labelledby="preview-heading" className="space-y-3">
        <h2 id="preview-heading" className="text-xl font-semibold">
          Preview
        </h2>
        <div className="flex flex-wrap items-center gap-6 rounded-md border border-zinc-200 p-4 dark:border-zinc-800">
          <iframe
            title="Status widget preview"
            srcDoc={`<!doctype html><html style="color-scheme:light dark"><body style="margin:0;padding:4px;font:14px system-ui,sans-serif">${snippets.widget}</body></html>`}
            className="h-10 w-72 rounded border-0 bg-transparent"
          />
          {/* The badge exactly as embedders will include it: a plain image of the SVG route. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src="/badge.svg" alt="Current status badge" height={20} />
        </div>
      </section>

      <section aria-labelledby="snippets-heading" className="space-y-4">
        <h2 id="snippets-heading" className="text-xl font-semibold">
          Snippets
        </h2>
        <EmbedSnippet pageUrl={baseUrl} />
      </section>

      <section aria-labelledby="machines-heading" className="space-y-3">
        <h2 id="machines-heading" className="text-xl font-semibold">
          Feeds and API
        </h2>
        <ul className="list-disc space-y-1 pl-6 text-sm wrap-anywhere">
          <li>
            Statuspage-compatible JSON: <code>{baseUrl}/api/v2/summary.json</code> (
            <a className="text-blue-700 underline dark:text-blue-300" href="/api/v2/openapi.json">
              OpenAPI description
            </a>
            )
          </li>
          <li>
            Incident history: <code>{baseUrl}/history.rss</code>, <code>{baseUrl}/history.atom</code>,{" "}
            <code>{baseUrl}/history.json</code>
          </li>
          <li>
            One component&apos;s history and badge:{" "}
            <code>
              {baseUrl}/components/{example?.id ?? "<component id>"}/history.rss
            </code>{" "}
            and{" "}
            <code>
              {baseUrl}/components/{example?.id ?? "<component id>"}/badge.svg
            </code>
          </li>
        </ul>
      </section>
    </div>
  );
}
