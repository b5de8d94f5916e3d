// Bounds the rendering a stream of cache misses can cause. Renders run on the event loop that also answers
// every cache hit, so they get a few slots at once (a render beyond them waits briefly in a queue or is refused),
// and renders that produce nothing worth keeping (a page that does not exist, an error) get a share of its time:
// a token bucket charged with their duration. Real pages are stored and never drain it, so a cold start or a burst
// of changes is never refused, while a flood of junk addresses is.

export class RenderRefused extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "RenderRefused";
  }
}

export type RenderLimits = {
  maxConcurrent?: number;
  maxQueued?: number;
  queueTimeoutMs?: number;
  /** Share of each second that wasted renders may take. */
  budgetShare?: number;
  /** How much of that time may be borrowed at once. */
  burstMs?: number;
  now?: () => number;
};

export function createRenderLimiter({
  maxConcurrent = 2,
  maxQueued = 32,
  queueTimeoutMs = 5_000,
  budgetShare = 0.2,
  burstMs = 2_000,
  now = () => performance.now(),
}: RenderLimits = {}) {
  let running = 0;
  const queue: (() => void)[] = [];
  let tokens = burstMs;
  let refilledAt = now();
  let refused = 0;

  function refill() {
    const at = now();
    tokens = Math.min(burstMs, tokens + (at - refilledAt) * budgetShare);
    refilledAt = at;
  }

  function release(startedAt: number, wasted: boolean) {
    refill();
    if (wasted) tokens -= now() - startedAt;
    running--;
    const next = queue.shift();
    if (next) next();
  }

  /**
   * Runs `render` when a slot is free. `known` renders (a page already cached, rendered again after a change) are
   * bounded by the slots only, so a flood cannot keep real changes from showing; unknown ones also need budget,
   * which only renders whose result `wasted` judges worthless spend.
   */
  async function run<T>(
    render: () => Promise<T>,
    {
      known = false,
      wasted = (result: T | undefined) => !result,
    }: { known?: boolean; wasted?: (result: T | undefined) => boolean } = {},
  ): Promise<T> {
    refill();
    // An idle server renders anything: the budget only decides who else may render beside what is running.
    if (!known && tokens <= 0 && running > 0) {
      refused++;
      throw new RenderRefused("render budget spent");
    }
    if (running >= maxConcurrent) {
      if (queue.length >= maxQueued) {
        refused++;
        throw new RenderRefused("render queue full");
      }
      await new Promise<void>((resolve, reject) => {
        const waiter = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          const index = queue.indexOf(waiter);
          if (index >= 0) queue.splice(index, 1);
          refused++;
          reject(new RenderRefused("waited too long for a render slot"));
        }, queueTimeoutMs);
        queue.push(waiter);
      });
    }
    running++;
    const startedAt = now();
    let result: T | undefined;
    try {
      result = await render();
      return result;
    } finally {
      release(startedAt, wasted(result));
    }
  }

  return { run, stats: () => ({ running, queued: queue.length, refused, tokens: Math.round(tokens) }) };
}
