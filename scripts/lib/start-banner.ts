// What `npm start` prints once the app is ready: where the page and the console are, and how to get in.
import pg from "pg";

/** True when the database already holds a user; false when unknown, so the first-run hint stays. */
export async function hasConsoleUser(databaseUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ present: boolean }>("select exists (select 1 from users) as present");
    return rows[0].present === true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export function startBanner({
  publicUrl,
  hasUser,
  ownerEmail,
  database,
}: {
  publicUrl: string;
  hasUser: boolean;
  ownerEmail?: string;
  database: string;
}): string {
  const console_ = hasUser
    ? `${publicUrl}/admin`
    : ownerEmail
      ? `${publicUrl}/admin  (sign in as ${ownerEmail}, created from OWNER_EMAIL)`
      : `${publicUrl}/admin  (first run: create the owner account at ${publicUrl}/admin/setup, or set OWNER_EMAIL and OWNER_PASSWORD)`;
  return `\n  Status page:  ${publicUrl}\n  Console:      ${console_}\n  Database:     ${database}\n`;
}
