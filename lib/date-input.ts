import { z } from "zod";

// JS Date and PostgreSQL's timestamptz reach far wider, but to different ends (year -271821 parses and cannot be
// stored; year 0 is stored and formats oddly). Nothing on a status page happened before 1970.
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export const DATE_RANGE_TEXT = "between 1970-01-01 and 9999-12-31";

export function isStorableDate(date: Date): boolean {
  const time = date.getTime();
  return time >= EARLIEST && time <= LATEST;
}

/**
 * The one date every input goes through: a Date, or anything `new Date()` reads (ISO 8601 strings, form values),
 * refused with `invalid` when unreadable and with `outOfRange` outside what the page can store and show.
 */
export function dateInput<Input = unknown>({ invalid, outOfRange }: { invalid: string; outOfRange: string }) {
  return z.coerce.date<Input>({ error: invalid }).refine(isStorableDate, outOfRange);
}
