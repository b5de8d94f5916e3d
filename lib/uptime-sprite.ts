// The home page's uptime bars as one SVG image, one row per bar, so the page itself carries no per-day data
// and a long history costs it nothing. Each bar shows its row through background-position.

const DAY_COLOURS: Record<string, { light: string; dark: string }> = {
  o: { light: "#16a34a", dark: "#22c55e" },
  d: { light: "#eab308", dark: "#facc15" },
  p: { light: "#f97316", dark: "#f97316" },
  m: { light: "#dc2626", dark: "#ef4444" },
  u: { light: "#2563eb", dark: "#3b82f6" },
  n: { light: "#d4d4d8", dark: "#3f3f46" },
};

function styleSheet(): string {
  const codes = Object.entries(DAY_COLOURS);
  const light = codes.map(([code, colour]) => `.${code}{fill:${colour.light}}`).join("");
  const dark = codes.map(([code, colour]) => `.${code}{fill:${colour.dark}}`).join("");
  return `${light}@media (prefers-color-scheme:dark){${dark}}`;
}

/** Path data per day code: one rectangle per run of same-coded days. */
function runsByCode(rows: readonly string[]): Map<string, string> {
  const paths = new Map<string, string>();
  rows.forEach((row, y) => {
    let start = 0;
    for (let x = 1; x <= row.length; x++) {
      if (x < row.length && row[x] === row[start]) continue;
      const code = DAY_COLOURS[row[start]] ? row[start] : "n";
      paths.set(code, `${paths.get(code) ?? ""}M${start} ${y}h${x - start}v1h-${x - start}z`);
      start = x;
    }
  });
  return paths;
}

/** One row per bar, each `days` units wide and one unit high; stretched to the bar's box by the page's CSS. */
export function renderUptimeSprite(rows: readonly string[]): string {
  const width = Math.max(1, ...rows.map((row) => row.length));
  const height = Math.max(1, rows.length);
  const paths = [...runsByCode(rows)].map(([code, d]) => `<path class="${code}" d="${d}"/>`).join("");
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" preserveAspectRatio="none" shape-rendering="crispEdges">` +
    `<style>${styleSheet()}</style>${paths}</svg>`
  );
}
