import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret";
process.env.STATUSPAGE_DISABLE_SCHEDULER = "1";
process.env.STATUSPAGE_DISABLE_CACHE_BUS ??= "1";
// Services under test run on a machine busy with parallel test files; tests of the deadlines pass their own.
process.env.DATABASE_WRITE_START_TIMEOUT_MS ??= "60000";
process.env.DATABASE_WRITE_TIMEOUT_MS ??= "30000";
