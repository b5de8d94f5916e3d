declare module "async-exit-hook" {
  /** Runs `hook` on SIGINT, SIGTERM and exit; an asynchronous hook calls `done` when finished. */
  export default function exitHook(hook: (done: () => void) => void): void;
}
