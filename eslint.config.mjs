import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";
import tseslint from "typescript-eslint";

// The layers (README, "Architecture"), lowest first. Each may import the layers below it, never those above.
const layer = {
  prisma: ["@/server/db", "@/server/db/**", "@prisma/client", "@prisma/client/**", "@prisma/adapter-pg"],
  infrastructure: ["@/server/auth/**", "@/server/notifications/**", "@/server/cache/**", "@/server/http/**"],
  queries: ["@/server/queries/**"],
  services: ["@/server/services/**", "@/server/importer/**"],
  routeHelpers: ["@/server/api/**", "@/server/feeds/**", "@/server/live/**", "@/server/mirror/**"],
  routes: ["@/app/**", "@/components/**", "@/proxy", "@/instrumentation"],
  // scripts/lib holds the production server's modules that the app shares (client address, forwarding headers).
  testsAndScripts: ["@/scripts/**", "!@/scripts/lib", "!@/scripts/lib/**", "@/e2e/**", "@/tests/**"],
};

// A change to public data reaches the caches only through the transaction that made it (server/cache/commit-mutation).
const ONE_INVALIDATION_PATH = [
  {
    name: "@/server/cache/tagged-cache",
    importNames: ["invalidateTags", "applyCommittedInvalidation"],
    message: "Return the touched tags from the service's transaction; inTransaction publishes them as it commits.",
  },
  {
    name: "@/server/cache/invalidation-bus",
    importNames: ["publishInvalidation", "notifyInvalidationAtCommit"],
    message: "Return the touched tags from the service's transaction; inTransaction publishes them as it commits.",
  },
];

// Public pages link with components/public-link, which never prefetches (see why there).
const PUBLIC_LINKS = [
  ...ONE_INVALIDATION_PATH,
  { name: "next/link", message: "Public pages use PublicLink from @/components/public-link: it never prefetches." },
];

function forbid(files, rules, paths = ONE_INVALIDATION_PATH) {
  const patterns = rules.map(([group, message]) => ({ group, message }));
  return { files, rules: { "no-restricted-imports": ["error", { patterns, paths }] } };
}

const NO_PRISMA = [
  [...layer.prisma, "pg"],
  "Routes reach the database through server/queries (reads) and server/services (writes).",
];
const NO_ROUTES = [layer.routes, "Lower layers never import routes or UI: pass what they need as arguments."];
const NO_TEST_CODE = [layer.testsAndScripts, "Application code never imports scripts, tests or e2e helpers."];
const APP_LAYERS = [...layer.infrastructure, ...layer.queries, ...layer.services, ...layer.routeHelpers];

export default defineConfig([
  globalIgnores([
    ".next/**",
    ".next-*/**",
    "node_modules/**",
    "server/db/generated/**",
    "next-env.d.ts",
    "test-results/**",
    "playwright-report/**",
    "bench-results/**",
    ".data/**",
  ]),
  ...nextVitals,
  ...nextTypescript,
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Type-aware checks that catch real bugs: a forgotten await, a promise where a boolean or callback is expected.
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": [
        "error",
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/no-unnecessary-type-assertion": "error",
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { fixStyle: "inline-type-imports", disallowTypeAnnotations: false },
      ],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
    },
  },
  { files: ["**/*.mjs", "**/*.js", "**/*.mts"], ...tseslint.configs.disableTypeChecked },
  // Effects that read browser-only state after hydration (the reader's time zone, the clock, tab visibility) set
  // state by design; this rule targets the React Compiler, which this app does not use.
  { rules: { "react-hooks/set-state-in-effect": "off" } },
  // Playwright's fixtures receive a function named `use`; it is no React hook.
  { files: ["e2e/**"], rules: { "react-hooks/rules-of-hooks": "off" } },

  // Routes: pages, layouts, server actions, route handlers, and the helpers only route handlers use.
  forbid(["app/**", "proxy.ts", "instrumentation.ts"], [NO_PRISMA, NO_TEST_CODE]),
  forbid(["app/(public)/**"], [NO_PRISMA, NO_TEST_CODE], PUBLIC_LINKS),
  forbid(
    ["components/**"],
    [[["@/server/**", "@/app/**"], "Shared UI gets data and actions from its route as props."], NO_TEST_CODE],
    PUBLIC_LINKS,
  ),
  forbid(
    ["components/public-link.tsx"],
    [[["@/server/**", "@/app/**"], "Shared UI gets data and actions from its route as props."], NO_TEST_CODE],
  ),
  forbid(["server/api/**", "server/feeds/**", "server/live/**"], [NO_PRISMA, NO_ROUTES, NO_TEST_CODE]),
  // The mirror publisher holds a PostgreSQL advisory lock on a connection of its own (pg), and reads through queries.
  forbid(["server/mirror/**"], [[layer.prisma, NO_PRISMA[1]], NO_ROUTES, NO_TEST_CODE]),
  // Services write (and read what a write needs, directly or through queries); queries only read.
  forbid(
    ["server/services/**", "server/importer/**"],
    [[layer.routeHelpers, "Services never call route helpers."], NO_ROUTES, NO_TEST_CODE],
  ),
  forbid(
    ["server/queries/**"],
    [
      [
        [...layer.services, ...layer.routeHelpers],
        "Queries never call services or route helpers: move shared code down a layer.",
      ],
      NO_ROUTES,
      NO_TEST_CODE,
    ],
  ),
  // Infrastructure (auth's identity store, the notification outbox, the caches, client addresses) sits on Prisma, under queries and services.
  forbid(
    ["server/auth/**", "server/notifications/**", "server/cache/**", "server/http/**"],
    [
      [
        [...layer.queries, ...layer.services, ...layer.routeHelpers],
        "Infrastructure never calls queries, services or route helpers.",
      ],
      NO_ROUTES,
      NO_TEST_CODE,
    ],
  ),
  forbid(
    ["server/cache/**"],
    [
      [
        [...layer.queries, ...layer.services, ...layer.routeHelpers],
        "Infrastructure never calls queries, services or route helpers.",
      ],
      NO_ROUTES,
      NO_TEST_CODE,
    ],
    [],
  ),
  forbid(["server/db/**"], [[APP_LAYERS, "server/db is the bottom layer."], NO_ROUTES, NO_TEST_CODE]),
  forbid(
    ["server/*.ts"],
    [
      [[...APP_LAYERS, ...layer.prisma], "server/*.ts (errors, environment, page address) sit under every layer."],
      NO_ROUTES,
      NO_TEST_CODE,
    ],
  ),
  forbid(
    ["lib/**"],
    [[["@/server/**", ...layer.routes, ...layer.prisma, "pg"], "lib/ is isomorphic and ORM-free."], NO_TEST_CODE],
  ),

  prettier,
]);
