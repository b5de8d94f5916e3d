import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";
import tseslint from "typescript-eslint";

// The layers (docs/architecture.md, "Layers"), lowest first. Each may import the layers below it, never those above.
const layer = {
  prisma: ["@/server/db", "@/server/db/**", "@prisma/client", "@prisma/client/**", "@prisma/adapter-pg"],
  infrastructure: ["@/server/auth/**", "@/server/notifications/**", "@/server/cache/**", "@/server/http/**"],
  queries: ["@/server/queries/**"],
  services: ["@/server/services/**", "@/server/importer/**", "@/server/metrics/**"],
  routeHelpers: ["@/server/api/**", "@/server/feeds/**", "@/server/live/**", "@/server/mirror/**"],
  routes: ["@/app/**", "@/components/**", "@/proxy", "@/instrumentation"],
  // The production server's processes: they start the app, and nothing in it imports them.
  processes: ["@/server/process/**", "@/server/front/**"],
};
// Command-line tools, tests and e2e helpers, by alias or by a relative path that climbs to them.
const TOOLS_AND_TESTS = String.raw`^(@/|(\.\./)+)(scripts|tests|e2e)(/|$)`;
const ROUTES_BY_ANY_PATH = String.raw`^(@/|(\.\./)+)(app|components|proxy|instrumentation)(/|$)`;

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

// Each rule is [globs, message], or [regular expression, message] to catch relative paths as well.
function forbid(files, rules, paths = ONE_INVALIDATION_PATH) {
  const patterns = rules.map(([match, message]) =>
    typeof match === "string" ? { regex: match, message } : { group: match, message },
  );
  return { files, rules: { "no-restricted-imports": ["error", { patterns, paths }] } };
}

const NO_PRISMA = [
  [...layer.prisma, "pg"],
  "Routes reach the database through server/queries (reads) and server/services (writes).",
];
const NO_ROUTES = [
  [...layer.routes, ...layer.processes],
  "Lower layers never import routes, UI or the server's processes: pass what they need as arguments.",
];
const NO_PROCESSES = [
  layer.processes,
  "The server's processes (server/process, server/front) start the app, not the reverse.",
];
const NO_TEST_CODE = [
  TOOLS_AND_TESTS,
  "Application code never imports command-line tools (scripts/), tests or e2e helpers.",
];
const NO_UI_IN_PROCESSES = [layer.routes, "The server's processes never import routes or UI: Next loads them."];
const APP_LAYERS = [...layer.infrastructure, ...layer.queries, ...layer.services, ...layer.routeHelpers];

// Temporary exceptions to the guard-rails below, each over its limit when the limit came in.
const OVER_SIZE_LIMIT = [
  "scripts/bench.ts",
  "server/api/management/subscribers.ts",
  "server/config/variables.ts",
  "server/front/response-cache.ts",
  "tests/integrations/alert-integrations.test.ts",
];
const OVER_COMPLEXITY_LIMIT = [
  "app/(admin)/admin/chat-channels/_components/chat-channel-form.tsx",
  String.raw`app/(admin)/admin/incidents/\[incidentId\]/page.tsx`,
  "app/(public)/subscribe/_components/subscribe-form.tsx",
  "components/uptime-bar.tsx",
  "scripts/bench.ts",
  "server/importer/source-client.ts",
  "server/services/imports/import-incident.ts",
  "server/services/imports/import-template-and-subscriber.ts",
  "server/services/incidents/change-incident.ts",
  "server/services/integrations/evaluate-component.ts",
  "tests/importer/fake-statuspage.ts",
];

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
  forbid(["app/**", "proxy.ts", "instrumentation.ts"], [NO_PRISMA, NO_PROCESSES, NO_TEST_CODE]),
  forbid(["app/(public)/**"], [NO_PRISMA, NO_PROCESSES, NO_TEST_CODE], PUBLIC_LINKS),
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
    ["server/services/**", "server/importer/**", "server/metrics/**"],
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
  // server/alerts only translates alert payloads into the domain's words; the integration services decide.
  forbid(
    ["server/*.ts", "server/config/**", "server/alerts/**"],
    [
      [
        [...APP_LAYERS, ...layer.prisma, "pg"],
        "server/*.ts (errors, environment, page address), server/config and server/alerts sit under every layer.",
      ],
      NO_ROUTES,
      NO_TEST_CODE,
    ],
  ),
  // The production server's processes: fronts answer from their cache and pass the rest to the app process, so they
  // never load Next, Prisma or the app's layers; the primary and the app and worker processes start everything.
  forbid(
    ["server/front/**"],
    [
      [
        ["next", "next/**", ...layer.prisma, "pg", ...APP_LAYERS.filter((glob) => glob !== "@/server/live/**")],
        "A front never loads the app: it answers from its cache and passes the rest to the app process.",
      ],
      NO_UI_IN_PROCESSES,
      NO_TEST_CODE,
    ],
  ),
  forbid(["server/process/**"], [NO_UI_IN_PROCESSES, NO_TEST_CODE]),
  // Command-line tools may use any layer below the routes; nothing in the app imports them (NO_TEST_CODE above).
  forbid(
    ["scripts/**", "prisma/**"],
    [[ROUTES_BY_ANY_PATH, "Command-line tools reach the app through services and queries, or over HTTP."]],
    [],
  ),
  forbid(
    ["lib/**"],
    [[["@/server/**", ...layer.routes, ...layer.prisma, "pg"], "lib/ is isomorphic and ORM-free."], NO_TEST_CODE],
  ),

  // Guard-rails: files and functions small enough to read, no import cycles, a switch over a union names every member.
  {
    // Packages and generated code cannot close a cycle, and parsing them was most of import/no-cycle's time.
    settings: { "import/ignore": ["node_modules", "server/db/generated"] },
    rules: {
      "max-lines": ["error", { max: 400, skipBlankLines: true, skipComments: true }],
      complexity: ["error", 20],
      "import/no-cycle": ["error", { ignoreExternal: true }],
    },
  },
  {
    files: ["tests/**", "e2e/**"],
    rules: { "max-lines": ["error", { max: 500, skipBlankLines: true, skipComments: true }] },
  },
  { files: ["**/*.ts", "**/*.tsx"], rules: { "@typescript-eslint/switch-exhaustiveness-check": "error" } },
  // The temporary exceptions listed at the top: split a file, then take it off its list.
  { files: OVER_SIZE_LIMIT, rules: { "max-lines": "off" } },
  { files: OVER_COMPLEXITY_LIMIT, rules: { complexity: "off" } },

  // Configuration is read through server/config (one schema, validated at start), never process.env directly.
  // NODE_ENV and NEXT_RUNTIME stay: the bundler inlines them, and Next needs NEXT_RUNTIME literal to split runtimes.
  {
    files: ["**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}"],
    ignores: [
      "server/config/**",
      "scripts/**",
      "tests/**",
      "e2e/**",
      "prisma/**",
      "next.config.js",
      "playwright.config.ts",
      "vitest.config.mts",
    ],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            ":matches(MemberExpression[object.name='process'], MemberExpression[object.property.name='process'])[property.name='env']:not(MemberExpression[property.name=/^(NODE_ENV|NEXT_RUNTIME)$/] > MemberExpression.object)",
          message: "Read configuration with readConfig() from @/server/config: one schema, validated at start.",
        },
      ],
    },
  },

  prettier,
]);
