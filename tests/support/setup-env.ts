import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret";
process.env.STATUSPAGE_DISABLE_SCHEDULER = "1";
process.env.STATUSPAGE_DISABLE_CACHE_BUS ??= "1";
