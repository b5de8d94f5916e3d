import Link from "next/link";

export default function ConsoleNotFound() {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="text-sm">Nothing in the console is at this address: it may have been mistyped, or deleted.</p>
      <p className="flex flex-wrap gap-x-4 gap-y-2 text-sm">
        <Link href="/admin" className="text-blue-700 underline dark:text-blue-300">
          Back to the overview
        </Link>
        <Link href="/admin/incidents" className="text-blue-700 underline dark:text-blue-300">
          Incidents
        </Link>
      </p>
    </div>
  );
}
