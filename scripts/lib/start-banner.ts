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

/** Where subscriber email goes: SMTP_URL, the console's email settings, or nowhere yet. */
export type MailSetup = "environment" | "console" | "none";

/** True when an owner saved an SMTP server in the console; false when none is saved or it is unknown. */
export async function hasConsoleMail(databaseUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ present: boolean }>(
      "select exists (select 1 from mail_settings where smtp_url is not null) as present",
    );
    return rows[0].present === true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export function mailSetup(smtpUrl: string | undefined, consoleMail: boolean): MailSetup {
  return smtpUrl?.trim() ? "environment" : consoleMail ? "console" : "none";
}

function emailLine(publicUrl: string, mail: MailSetup): string {
  if (mail === "environment") return "sent through SMTP_URL";
  if (mail === "console") return `sent through the server set at ${publicUrl}/admin/settings/email`;
  return [
    "not configured, so readers are offered webhooks and feeds only.",
    `                Set SMTP_URL and MAIL_FROM, or configure it at ${publicUrl}/admin/settings/email.`,
    "                To try it locally: npx maildev@3 --ip 127.0.0.1 --web-ip 127.0.0.1, then SMTP_URL=smtp://127.0.0.1:1025",
  ].join("\n");
}

export function startBanner({
  publicUrl,
  hasUser,
  ownerEmail,
  database,
  mail,
}: {
  publicUrl: string;
  hasUser: boolean;
  ownerEmail?: string;
  database: string;
  /** Left out, the banner says nothing about email. */
  mail?: MailSetup;
}): string {
  const console_ = hasUser
    ? `${publicUrl}/admin`
    : ownerEmail
      ? `${publicUrl}/admin  (sign in as ${ownerEmail}, created from OWNER_EMAIL)`
      : `${publicUrl}/admin  (first run: create the owner account at ${publicUrl}/admin/setup, or set OWNER_EMAIL and OWNER_PASSWORD)`;
  const email = mail ? `  Email:        ${emailLine(publicUrl, mail)}\n` : "";
  return `\n  Status page:  ${publicUrl}\n  Console:      ${console_}\n  Database:     ${database}\n${email}`;
}
