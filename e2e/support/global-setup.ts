import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/server/db/generated/client";
import { hashPassword } from "@/server/auth/password";
import { E2E_USERS } from "./users";

// The harness (scripts/run-e2e.mjs) gives this process the app's DATABASE_URL.
export default async function globalSetup() {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("Run the e2e tests with `npm run test:e2e`: it starts the app and sets DATABASE_URL.");
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
  try {
    for (const user of Object.values(E2E_USERS)) {
      const passwordHash = await hashPassword(user.password);
      await db.user.upsert({
        where: { email: user.email },
        update: { passwordHash, role: user.role, deactivatedAt: null },
        create: { email: user.email, name: user.name, role: user.role, passwordHash },
      });
    }
  } finally {
    await db.$disconnect();
  }
}
