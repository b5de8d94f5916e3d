// npm run db:migrate            apply pending migrations to DATABASE_URL (prisma migrate deploy)
// npm run db:migration -- NAME  write the next migration from the change in prisma/schema.prisma
// npm run db:reset              drop everything in DATABASE_URL's database and migrate again (refused while
//                               another connection, such as the running app, uses it; --force overrides)
import pg from "pg";
import { applyMigrations, createMigration } from "./lib/schema-engine";
import { readDatabaseUrl } from "./lib/database-url";
import { describeFailure } from "./lib/describe-failure";

const [command, ...args] = process.argv.slice(2);

async function main() {
  const url = await readDatabaseUrl();
  if (command === "deploy") {
    const applied = await applyMigrations(url);
    console.log(
      applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.",
    );
  } else if (command === "create") {
    const name = args.join(" ").trim();
    if (!name) throw new Error("Give the migration a name: npm run db:migration -- add_subscribers");
    const dir = await createMigration(url, name);
    console.log(dir ? `Wrote ${dir}/migration.sql` : "schema.prisma has no change since the last migration.");
  } else if (command === "reset") {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ others: number }>(
        "select count(*)::int as others from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()",
      );
      if (rows[0].others > 0 && !args.includes("--force"))
        throw new Error(
          `${rows[0].others} other connection(s) use this database: a running app would answer errors until restarted. Stop it first (Ctrl+C on npm start), or pass --force: npm run db:reset -- --force`,
        );
      await client.query("drop schema if exists public cascade; create schema public;");
    } finally {
      await client.end();
    }
    const applied = await applyMigrations(url);
    console.log(`Reset the database and applied ${applied.length} migration(s).`);
  } else {
    throw new Error("Usage: node --import tsx scripts/migrate.ts deploy | create <name> | reset");
  }
}

main().catch((error: unknown) => {
  console.error(`\n✖ ${describeFailure(error)}\n`);
  process.exit(1);
});
