/** After a delete redirects to the list: what happened, where a screen reader hears it. */
export function DeletedNotice({ deleted }: { deleted: string | string[] | undefined }) {
  if (deleted !== "incident" && deleted !== "maintenance") return null;
  return (
    <p
      role="status"
      className="rounded-md border border-green-300 bg-green-50 px-4 py-3 text-sm text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100"
    >
      The {deleted} was deleted. It is gone from the public page, its history, the feeds and the API.
    </p>
  );
}
