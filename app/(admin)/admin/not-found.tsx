import Link from "next/link";

export default function ConsoleNotFound() {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="text-sm">It may have been deleted.</p>
      <Link href="/admin/incidents" className="text-blue-700 underline dark:text-blue-300">
        Back to incidents
      </Link>
    </div>
  );
}
