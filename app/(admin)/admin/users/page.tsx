import type { Metadata } from "next";
import { listAdminUsers } from "@/server/queries/admin-settings";
import { formatUtcDateTime } from "@/lib/format";
import { roleAtLeast } from "@/lib/status";
import { pageActor } from "@/app/(admin)/admin/_lib/page-actor";
import { NotAllowed } from "@/app/(admin)/admin/_components/not-allowed";
import { Card } from "@/app/(admin)/admin/_components/card";
import { CreateUserForm } from "@/app/(admin)/admin/users/_components/create-user-form";
import { UserRowForms } from "@/app/(admin)/admin/users/_components/user-row-forms";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await pageActor();
  if (!roleAtLeast(actor.role, "owner")) return <NotAllowed role="owner" />;
  const users = await listAdminUsers({ ctx: { actor } });
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Users</h1>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
          {users.map((user) => (
            <li key={user.id} className="space-y-2 p-3">
              <div>
                <p className="font-medium">
                  {user.name}{" "}
                  {user.deactivatedAt ? (
                    <span className="rounded bg-zinc-200 px-1.5 text-xs dark:bg-zinc-700">Deactivated</span>
                  ) : null}
                </p>
                <p className="text-sm text-zinc-600 dark:text-zinc-400">
                  {user.email} · <span className="capitalize">{user.role}</span> ·{" "}
                  {user.lastSignInAt ? `last sign-in ${formatUtcDateTime(user.lastSignInAt)}` : "never signed in"}
                </p>
              </div>
              <UserRowForms
                user={{ id: user.id, name: user.name, role: user.role, deactivated: Boolean(user.deactivatedAt) }}
                isSelf={user.id === actor.userId}
              />
            </li>
          ))}
        </ul>
        <Card id="add-user" title="Add user">
          <CreateUserForm />
        </Card>
      </div>
    </div>
  );
}
