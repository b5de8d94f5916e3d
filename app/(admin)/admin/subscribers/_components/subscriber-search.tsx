import { inputClass } from "@/app/(admin)/admin/_components/form-bits";

export function SubscriberSearch({ query }: { query: string }) {
  return (
    <form action="/admin/subscribers" role="search" className="flex max-w-lg gap-2">
      <label htmlFor="subscriber-search" className="sr-only">
        Search subscribers
      </label>
      <input
        id="subscriber-search"
        name="q"
        type="search"
        defaultValue={query}
        placeholder="Email address or URL"
        className={inputClass}
      />
      <button
        type="submit"
        className="inline-flex min-h-10 items-center rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800"
      >
        Search
      </button>
    </form>
  );
}
