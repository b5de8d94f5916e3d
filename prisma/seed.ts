import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../server/db/generated/client";
import { seedDemo } from "./seed-demo";

const connectionString = process.env.DATABASE_URL;
if (!connectionString) {
  console.error("DATABASE_URL is not set. Run the seed with DATABASE_URL=postgresql://… npm run db:seed (npm start seeds the embedded database by itself).");
  process.exit(1);
}

const db = new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
seedDemo(db)
  .then((result) => console.log(result.seeded ? "Seeded the demo status page." : "The database already has a status page; nothing seeded."))
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
