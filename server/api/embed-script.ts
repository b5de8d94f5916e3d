import { INDICATOR_BADGE } from "@/server/api/badge";

export const JAVASCRIPT_CONTENT_TYPE = "text/javascript; charset=utf-8";

const COLORS = Object.fromEntries(
  Object.entries(INDICATOR_BADGE).map(([indicator, badge]) => [indicator, badge.color]),
);

/**
 * The widget other sites embed with one <script> tag. It reads the page's origin from its own src,
 * fetches /api/v2/status.json cross-origin and renders a link with a coloured dot; text goes in via textContent.
 */
export function embedScript(): string {
  return `(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) return;
  var base = script.src.replace(/\\/embed\\/status\\.js(?:[?#].*)?$/, "");
  var colors = ${JSON.stringify(COLORS)};
  var selector = script.getAttribute("data-target");
  var host = selector ? document.querySelector(selector) : null;
  if (!host) {
    host = document.createElement("span");
    script.parentNode.insertBefore(host, script.nextSibling);
  }
  var link = document.createElement("a");
  link.href = base + "/";
  link.target = "_blank";
  link.rel = "noopener";
  link.setAttribute("data-statuspage-widget", "loading");
  link.style.cssText = "display:inline-flex;align-items:center;gap:8px;font:14px/1.4 system-ui,sans-serif;color:inherit;text-decoration:none";
  var dot = document.createElement("span");
  dot.setAttribute("aria-hidden", "true");
  dot.style.cssText = "display:inline-block;width:10px;height:10px;border-radius:50%;background:#9ca3af";
  var text = document.createElement("span");
  text.textContent = "Loading status\\u2026";
  link.appendChild(dot);
  link.appendChild(text);
  host.appendChild(link);
  fetch(base + "/api/v2/status.json", { headers: { Accept: "application/json" } })
    .then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    })
    .then(function (data) {
      text.textContent = data.status.description;
      dot.style.background = colors[data.status.indicator] || "#9ca3af";
      if (data.page && /^https?:\\/\\//.test(data.page.url)) link.href = data.page.url;
      link.setAttribute("data-statuspage-widget", data.status.indicator);
    })
    .catch(function () {
      text.textContent = "Status unavailable";
      link.setAttribute("data-statuspage-widget", "error");
    });
})();
`;
}
