/** How deep any input may nest: far beyond what a form or an API body needs, far below what recursion survives. */
export const MAX_INPUT_DEPTH = 32;

export const TOO_DEEP_MESSAGE = `Nested deeper than ${MAX_INPUT_DEPTH} levels. Send a flatter value.`;

/**
 * The key path to the first object or array nested deeper than `maxDepth` levels (the value itself is level 1),
 * or null. Walks without recursion and stops at the first find, so a body of 100,000 brackets costs one pass.
 */
export function findTooDeep(value: unknown, maxDepth: number): string[] | null {
  type Frame = { value: unknown; depth: number; key: string; parent: Frame | null };
  const stack: Frame[] = [{ value, depth: 1, key: "", parent: null }];
  while (stack.length) {
    const frame = stack.pop()!;
    if (!frame.value || typeof frame.value !== "object") continue;
    if (frame.depth > maxDepth) {
      const path: string[] = [];
      for (let at: Frame | null = frame; at?.parent; at = at.parent) path.push(at.key);
      return path.reverse();
    }
    for (const [key, child] of Object.entries(frame.value))
      stack.push({ value: child, depth: frame.depth + 1, key, parent: frame });
  }
  return null;
}
