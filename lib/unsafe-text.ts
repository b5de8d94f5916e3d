/** Characters PostgreSQL text or XML 1.0 cannot carry: NUL and other C0 controls but tab and newlines, U+FFFE/U+FFFF, lone surrogates. */
const UNSAFE_TEXT =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSAFE_TEXT_MESSAGE = "Contains a control character that cannot be stored. Remove it and try again.";

export function hasUnsafeText(value: string): boolean {
  return UNSAFE_TEXT.test(value);
}

/** Dotted paths of every string (or object key) in `input` that holds an unsafe character, however deep. */
export function findUnsafeText(input: unknown): string[] {
  type Frame = { value: unknown; key: string; parent: Frame | null };
  const dotted = (frame: Frame, last?: string) => {
    const path = last === undefined ? [] : [last];
    for (let at: Frame | null = frame; at?.parent; at = at.parent) path.push(at.key);
    return path.reverse().join(".") || "form";
  };
  const found: string[] = [];
  const stack: Frame[] = [{ value: input, key: "", parent: null }];
  while (stack.length) {
    const frame = stack.pop()!;
    const { value } = frame;
    if (typeof value === "string") {
      if (hasUnsafeText(value)) found.push(dotted(frame));
    } else if (value && typeof value === "object") {
      const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
      for (const [key, child] of entries.reverse()) {
        const name = String(key);
        if (hasUnsafeText(name)) found.push(dotted(frame, name.replace(UNSAFE_TEXT_GLOBAL, "?")));
        else stack.push({ value: child, key: name, parent: frame });
      }
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

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== "object") return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * A copy of `input` with bidi controls removed from every string in plain objects and arrays, except the values of
 * `verbatimKeys` (secrets compared later with what is typed, never shown). Own `__proto__` keys stay own keys.
 */
export function stripBidiControlsDeep(input: unknown, verbatimKeys: ReadonlySet<string> = new Set()): unknown {
  if (typeof input === "string") return stripBidiControls(input);
  if (Array.isArray(input)) return input.map((item) => stripBidiControlsDeep(item, verbatimKeys));
  if (!isPlainObject(input)) return input;
  return Object.fromEntries(
    Object.entries(input).map(([key, value]) => [
      key,
      verbatimKeys.has(key) ? value : stripBidiControlsDeep(value, verbatimKeys),
    ]),
  );
}
