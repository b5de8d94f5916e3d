export function NotAllowed({ role }: { role: string }) {
  return (
    <div
      role="alert"
      className="rounded-md bg-amber-50 p-4 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200"
    >
      This page needs the {role} role.
    </div>
  );
}
