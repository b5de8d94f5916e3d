export const mutedClass = "text-sm text-zinc-600 dark:text-zinc-400";
export const noteClass = "text-xs text-zinc-600 dark:text-zinc-400";
export const linkClass = "font-medium text-blue-800 underline-offset-2 hover:underline dark:text-blue-300";
export const listClass =
  "divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800";
export const primaryButtonClass =
  "inline-flex min-h-10 items-center rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700";
export const secondaryButtonClass =
  "inline-flex min-h-10 items-center rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm font-medium hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800";
