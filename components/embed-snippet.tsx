import { CopyButton } from "@/components/copy-button";

export type EmbedSnippets = { widget: string; badge: string; fetchExample: string };

/** Copy-paste snippets that show this page's current status on another site. */
export function buildEmbedSnippets(pageUrl: string): EmbedSnippets {
  const base = pageUrl.replace(/\/+$/, "");
  return {
    widget: `<span id="status-widget"></span>\n<script src="${base}/embed/status.js" data-target="#status-widget" async></script>`,
    badge: `<a href="${base}/"><img src="${base}/badge.svg" alt="Current status" height="20"></a>`,
    fetchExample: `fetch("${base}/api/v2/status.json")\n  .then((response) => response.json())\n  .then(({ status }) => console.log(status.indicator, status.description));`,
  };
}

function Snippet({ title, description, code }: { title: string; description: string; code: string }) {
  return (
    <section className="space-y-2">
      <div className="flex items-end justify-between gap-3">
        <div className="space-y-1">
          <h3 className="font-semibold">{title}</h3>
          <p className="text-sm text-zinc-700 dark:text-zinc-300">{description}</p>
        </div>
        <CopyButton text={code} label={`Copy the ${title.toLowerCase()} code`} />
      </div>
      <pre
        tabIndex={0}
        aria-label={`${title} code`}
        className="whitespace-pre-wrap break-all rounded-md border border-zinc-200 bg-zinc-50 p-3 text-sm focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-zinc-800 dark:bg-zinc-900"
      >
        <code>{code}</code>
      </pre>
    </section>
  );
}

export function EmbedSnippet({ pageUrl }: { pageUrl: string }) {
  const snippets = buildEmbedSnippets(pageUrl);
  return (
    <div className="space-y-6">
      <Snippet
        title="Status widget"
        description="Shows the overall status as a coloured dot and text, linking to this page. It reads the public JSON API, which allows requests from any site."
        code={snippets.widget}
      />
      <Snippet
        title="Badge"
        description="A shields-style SVG image; works in READMEs and anywhere images are allowed."
        code={snippets.badge}
      />
      <Snippet
        title="Your own code"
        description="Read the Statuspage-compatible JSON API directly."
        code={snippets.fetchExample}
      />
    </div>
  );
}
