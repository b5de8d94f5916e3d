import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../server/db/generated/client";
import { seedDemo } from "./seed-demo";

const connectionString = process.env.DATABASE_URL;
if (!connectionString) {
  console.error(
    "DATABASE_URL is not set. Run the seed with DATABASE_URL=postgresql://… npm run db:seed (npm start seeds the embedded database by itself).",
  );
  process.exit(1);
}

const db = new PrismaClient({ adapter: new PrismaPg({ connectionString }) });

/** `--empty`: the page `npm start` begins with, unnamed (or named PAGE_NAME) until the owner names it. */
async function createEmptyPage(): Promise<{ seeded: boolean }> {
  if ((await db.pageSettings.count()) > 0) return { seeded: false };
  await db.pageSettings.create({ data: { name: process.env.PAGE_NAME?.trim() ?? "", url: "" } });
  return { seeded: true };
}

const empty = process.argv.includes("--empty");
(empty ? createEmptyPage() : seedDemo(db))
  .then((result) => {
    if (!result.seeded) console.log("The database already has a status page; nothing seeded.");
    else console.log(empty ? "Created an empty status page." : "Seeded the demo status page.");
  })
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
