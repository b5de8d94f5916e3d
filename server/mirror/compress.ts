import { promisify } from "node:util";
import zlib from "node:zlib";

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

const MIN_BYTES = 256;
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|rss\+xml|atom\+xml|xml)|image\/svg\+xml)/;

/** Brotli and gzip copies for a web server's precompressed serving (nginx gzip_static, Caddy precompressed), on libuv's thread pool. */
export async function precompress(body: Buffer, contentType: string): Promise<{ br: Buffer; gzip: Buffer } | null> {
  if (body.length < MIN_BYTES || !COMPRESSIBLE.test(contentType)) return null;
  const { BROTLI_PARAM_QUALITY, BROTLI_PARAM_LGWIN, BROTLI_PARAM_SIZE_HINT } = zlib.constants;
  const [br, gz] = await Promise.all([
    brotli(body, {
      params: { [BROTLI_PARAM_QUALITY]: 10, [BROTLI_PARAM_LGWIN]: 22, [BROTLI_PARAM_SIZE_HINT]: body.length },
    }),
    gzip(body, { level: 9 }),
  ]);
  return { br, gzip: gz };
}

/** Runs `work` over `items` with at most `limit` at once, keeping their order in the result. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  });
  await Promise.all(runners);
  return results;
}
