import "server-only";
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from "node:crypto";

const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 64;
// scrypt needs 128 * N * r bytes; Node's default maxmem (32 MiB) is exactly that, so leave headroom.
const MAXMEM = 128 * N * R * 2;

function scrypt(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(password, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** Hashes a password as `scrypt$N$r$p$salt$hash` (base64), so parameters can change without breaking old hashes. */
export async function hashPassword(plain: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(plain.normalize("NFKC"), salt, KEY_LENGTH, { N, r: R, p: P, maxmem: MAXMEM });
  return ["scrypt", N, R, P, salt.toString("base64"), key.toString("base64")].join("$");
}

const checks = { started: 0, running: 0, mostAtOnce: 0 };

/** The password checks this process has run: in all, now, and the most at once (read by tests and diagnostics). */
export function passwordCheckCounts(): Readonly<typeof checks> {
  return { ...checks };
}

export async function verifyPassword(plain: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [, n, r, p, saltB64, keyB64] = parts;
  const cost = Number(n);
  const blockSize = Number(r);
  const parallel = Number(p);
  if (![cost, blockSize, parallel].every((v) => Number.isInteger(v) && v > 0)) return false;
  const expected = Buffer.from(keyB64, "base64");
  checks.started++;
  checks.mostAtOnce = Math.max(checks.mostAtOnce, ++checks.running);
  const actual = await scrypt(plain.normalize("NFKC"), Buffer.from(saltB64, "base64"), expected.length, {
    N: cost,
    r: blockSize,
    p: parallel,
    maxmem: 128 * cost * blockSize * 2,
  }).finally(() => checks.running--);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

let dummyHash: Promise<string> | undefined;

/** Spends the same time as a real check, so a missing account cannot be told apart by timing. */
export async function verifyAgainstDummy(plain: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(12).toString("hex"));
  await verifyPassword(plain, await dummyHash);
  return false;
}
