import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/server/db/generated/client";
import { hashPassword } from "@/server/auth/password";
import { E2E_USERS } from "./users";

// Run by global-setup.ts in a process of its own, where `server-only` resolves as on the server.
async function createUsers() {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: run the e2e tests with `npx playwright test`.");
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
    // Readers are offered email only once a mail server is set; the specs fill in the email forms, never deliver.
    await db.mailSettings.upsert({
      where: { singleton: true },
      update: {},
      create: { smtpUrl: "smtp://127.0.0.1:9", mailFrom: "Status <status@e2e.test>" },
    });
  } finally {
    await db.$disconnect();
  }
}

createUsers().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
