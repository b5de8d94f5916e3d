import { ensurePage } from "@/tests/support/factories";

/** ensurePage, tolerating another test file creating the singleton page at the same moment. */
export async function ensurePageOnce() {
  try {
    return await ensurePage();
  } catch {
    return ensurePage();
  }
}
