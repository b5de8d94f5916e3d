/** Characters PostgreSQL text or XML 1.0 cannot carry: NUL and other C0 controls but tab and newlines, U+FFFE/U+FFFF, lone surrogates. */
const UNSAFE_TEXT =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSAFE_TEXT_MESSAGE = "Contains a control character that cannot be stored. Remove it and try again.";

export function hasUnsafeText(value: string): boolean {
  return UNSAFE_TEXT.test(value);
}

/** Dotted paths of every string (or object key) in `input` that holds an unsafe character. */
export function findUnsafeText(input: unknown, path: string[] = [], found: string[] = [], depth = 0): string[] {
  if (typeof input === "string") {
    if (hasUnsafeText(input)) found.push(path.join(".") || "form");
  } else if (input && typeof input === "object" && depth < 32) {
    const entries = input instanceof Map ? [...input.entries()] : Object.entries(input);
    for (const [key, value] of entries) {
      const name = String(key);
      if (hasUnsafeText(name)) found.push([...path, name.replace(UNSAFE_TEXT_GLOBAL, "?")].join("."));
      else findUnsafeText(value, [...path, name], found, depth + 1);
    }
  }
  return found;
}

const UNSAFE_TEXT_GLOBAL = new RegExp(UNSAFE_TEXT.source, "g");

// Embedding, override and isolate controls (LRE RLE PDF LRO RLO, LRI RLI FSI PDI). Plain direction marks stay.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** Removes bidi controls that would reorder the text around a name where it is shown; RTL text needs none of them. */
export function stripBidiControls(value: string): string {
  return value.replace(BIDI_CONTROLS, "");
}
