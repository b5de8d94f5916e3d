// Regular expressions compiled to a Thompson automaton and run in one pass over the text, so matching time is linear
// in the text whatever the pattern: nothing can backtrack. The syntax is JavaScript's (with the u flag) minus what
// needs backtracking (back-references, lookarounds, word boundaries); a match always spans the whole text.

export class RegexSyntaxError extends Error {}

export type LinearRegex = { readonly size: number; test(text: string): boolean };

/** Instructions a compiled pattern may hold; repetition counts are written out, so `x{1000}` costs 1000. */
export const REGEX_PROGRAM_MAX = 2000;

type CharTest = (codePoint: number) => boolean;
type Node =
  | { type: "char"; test: CharTest }
  | { type: "assert"; at: "start" | "end" }
  | { type: "concat"; items: Node[] }
  | { type: "alt"; options: Node[] }
  | { type: "repeat"; node: Node; min: number; max: number };
type Instruction =
  | { op: "char"; test: CharTest; next: number }
  | { op: "split"; next: number; alt: number }
  | { op: "jump"; next: number }
  | { op: "assert"; at: "start" | "end"; next: number }
  | { op: "match" };

const REPEAT_MAX = 1000;
const SYNTAX_CHARS = "^$\\.*+?()[]{}|/";
const inRange =
  (lo: number, hi: number): CharTest =>
  (c) =>
    c >= lo && c <= hi;
const DIGIT: CharTest = inRange(0x30, 0x39);
const WORD: CharTest = (c) => DIGIT(c) || inRange(0x41, 0x5a)(c) || inRange(0x61, 0x7a)(c) || c === 0x5f;
const SPACE_POINTS = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);
const SPACE: CharTest = (c) => SPACE_POINTS.has(c) || inRange(0x2000, 0x200a)(c) || c === 0xfeff;
const LINE_TERMINATORS = new Set([0x0a, 0x0d, 0x2028, 0x2029]);
const ANY_BUT_LINE_TERMINATOR: CharTest = (c) => !LINE_TERMINATORS.has(c);
const CONTROL_ESCAPES: Record<string, number> = { t: 0x09, n: 0x0a, v: 0x0b, f: 0x0c, r: 0x0d };

function classEscape(letter: string): CharTest | null {
  const base = { d: DIGIT, w: WORD, s: SPACE }[letter.toLowerCase()];
  if (!base) return null;
  return letter === letter.toLowerCase() ? base : (c) => !base(c);
}

class Parser {
  private readonly chars: string[];
  private pos = 0;

  constructor(pattern: string) {
    this.chars = Array.from(pattern);
  }

  parse(): Node {
    const node = this.alternation();
    if (this.pos < this.chars.length) throw new RegexSyntaxError("is not a valid regular expression: unmatched )");
    return node;
  }

  private peek(offset = 0): string | undefined {
    return this.chars[this.pos + offset];
  }

  private fail(reason: string): never {
    throw new RegexSyntaxError(`is not a valid regular expression: ${reason}`);
  }

  private unsupported(what: string): never {
    throw new RegexSyntaxError(
      `uses ${what}, which is not supported: expressions may not need backtracking, so that matching stays fast`,
    );
  }

  private alternation(): Node {
    const options = [this.concatenation()];
    while (this.peek() === "|") {
      this.pos += 1;
      options.push(this.concatenation());
    }
    return options.length === 1 ? options[0] : { type: "alt", options };
  }

  private concatenation(): Node {
    const items: Node[] = [];
    while (this.pos < this.chars.length && this.peek() !== "|" && this.peek() !== ")") items.push(this.repetition());
    return { type: "concat", items };
  }

  private repetition(): Node {
    const atom = this.atom();
    const bounds = this.quantifier();
    if (!bounds) return atom;
    if (atom.type === "assert") this.fail("^ and $ cannot be repeated");
    if (this.quantifierAhead()) this.fail("a repetition cannot be repeated again; wrap it in (?: ) first");
    return { type: "repeat", node: atom, ...bounds };
  }

  private quantifierAhead(): boolean {
    const saved = this.pos;
    const found = this.quantifier() !== null;
    this.pos = saved;
    return found;
  }

  private quantifier(): { min: number; max: number } | null {
    const c = this.peek();
    let bounds: { min: number; max: number } | null = null;
    if (c === "*") bounds = { min: 0, max: Infinity };
    else if (c === "+") bounds = { min: 1, max: Infinity };
    else if (c === "?") bounds = { min: 0, max: 1 };
    if (bounds) this.pos += 1;
    else if (c === "{") {
      const rest = this.chars.slice(this.pos, this.pos + 16).join("");
      const counted = /^\{(\d+)(,(\d*))?\}/.exec(rest);
      if (!counted) return null;
      const min = Number(counted[1]);
      const max = counted[2] === undefined ? min : counted[3] === "" ? Infinity : Number(counted[3]);
      if (min > REPEAT_MAX || (max !== Infinity && max > REPEAT_MAX))
        this.fail(`repetition counts must be at most ${REPEAT_MAX}`);
      if (min > max) this.fail(`${counted[0]} counts down`);
      this.pos += counted[0].length;
      bounds = { min, max };
    }
    if (bounds && this.peek() === "?") this.pos += 1;
    return bounds;
  }

  private atom(): Node {
    const c = this.chars[this.pos++];
    switch (c) {
      case "(":
        return this.group();
      case "[":
        return this.characterClass();
      case ".":
        return { type: "char", test: ANY_BUT_LINE_TERMINATOR };
      case "^":
        return { type: "assert", at: "start" };
      case "$":
        return { type: "assert", at: "end" };
      case "\\":
        return { type: "char", test: this.escape(false) };
      case "*":
      case "+":
      case "?":
        return this.fail(`nothing to repeat before ${c}`);
      case "{":
      case "}":
      case "]":
        return this.fail(`write \\${c} for a literal ${c}`);
      default: {
        const codePoint = c.codePointAt(0)!;
        return { type: "char", test: (x) => x === codePoint };
      }
    }
  }

  private group(): Node {
    if (this.peek() === "?") {
      const head = this.chars.slice(this.pos, this.pos + 3).join("");
      if (head.startsWith("?:")) this.pos += 2;
      else if (/^\?(=|!|<=|<!)/.test(head)) this.unsupported("a lookaround such as (?=…) or (?!…)");
      else if (head.startsWith("?<") || head.startsWith("?P<")) this.groupName();
      else this.unsupported("inline flags such as (?i)");
    }
    const inner = this.alternation();
    if (this.peek() !== ")") this.fail("missing )");
    this.pos += 1;
    return inner;
  }

  private groupName() {
    this.pos += this.peek(1) === "P" ? 3 : 2;
    const start = this.pos;
    while (this.pos < this.chars.length && this.peek() !== ">") this.pos += 1;
    if (!/^[A-Za-z_$][\w$]*$/.test(this.chars.slice(start, this.pos).join(""))) this.fail("invalid group name");
    this.pos += 1;
  }

  private characterClass(): Node {
    const negated = this.peek() === "^";
    if (negated) this.pos += 1;
    const tests: CharTest[] = [];
    while (this.peek() !== "]") {
      if (this.pos >= this.chars.length) this.fail("missing ]");
      const from = this.classAtom();
      if (this.peek() === "-" && this.peek(1) !== "]" && this.peek(1) !== undefined) {
        this.pos += 1;
        const to = this.classAtom();
        if (typeof from !== "number" || typeof to !== "number")
          this.fail("a range cannot start or end at \\d, \\w or \\s");
        if (from > to) this.fail("a range in [ ] is out of order");
        tests.push(inRange(from, to));
      } else tests.push(typeof from === "number" ? (x) => x === from : from);
    }
    this.pos += 1;
    return { type: "char", test: (c) => tests.some((t) => t(c)) !== negated };
  }

  private classAtom(): number | CharTest {
    const c = this.chars[this.pos++];
    if (c !== "\\") return c.codePointAt(0)!;
    const next = this.peek();
    if (next === "b") {
      this.pos += 1;
      return 0x08;
    }
    if (next === "-") {
      this.pos += 1;
      return 0x2d;
    }
    const test = this.escape(true);
    return (test as CharTest & { codePoint?: number }).codePoint ?? test;
  }

  /** Reads what follows a backslash; a single character comes back as a test that also carries its `codePoint`. */
  private escape(inClass: boolean): CharTest {
    const c = this.chars[this.pos++];
    if (c === undefined) this.fail("it ends with a lone \\");
    const set = classEscape(c);
    if (set) return set;
    const single = (codePoint: number): CharTest => Object.assign((x: number) => x === codePoint, { codePoint });
    if (c in CONTROL_ESCAPES) return single(CONTROL_ESCAPES[c]);
    if (SYNTAX_CHARS.includes(c)) return single(c.codePointAt(0)!);
    if (/[1-9]/.test(c) || (c === "k" && this.peek() === "<")) this.unsupported(`a back-reference (\\${c})`);
    if (c === "b" || c === "B") this.unsupported(`a word boundary (\\${c})`);
    if (c === "p" || c === "P") this.unsupported(`a Unicode property (\\${c}{…})`);
    if (c === "0" && !/[0-9]/.test(this.peek() ?? "")) return single(0);
    if (c === "c" && /[A-Za-z]/.test(this.peek() ?? "")) return single(this.chars[this.pos++].charCodeAt(0) % 32);
    if (c === "x") return single(this.hex(2));
    if (c === "u") return single(this.unicodeEscape());
    return this.fail(`\\${c} is not a known escape${inClass ? " inside [ ]" : ""}`);
  }

  private hex(length: number): number {
    const digits = this.chars.slice(this.pos, this.pos + length).join("");
    if (!new RegExp(`^[0-9A-Fa-f]{${length}}$`).test(digits)) this.fail("a \\x or \\u escape needs hexadecimal digits");
    this.pos += length;
    return parseInt(digits, 16);
  }

  private unicodeEscape(): number {
    if (this.peek() === "{") {
      const end = this.chars.indexOf("}", this.pos);
      const digits = end < 0 ? "" : this.chars.slice(this.pos + 1, end).join("");
      if (!/^[0-9A-Fa-f]{1,6}$/.test(digits) || parseInt(digits, 16) > 0x10ffff) this.fail("invalid \\u{…} escape");
      this.pos = end + 1;
      return parseInt(digits, 16);
    }
    const unit = this.hex(4);
    if (unit >= 0xd800 && unit <= 0xdbff && this.peek() === "\\" && this.peek(1) === "u") {
      const saved = this.pos;
      this.pos += 2;
      const low = /^[0-9A-Fa-f]{4}$/.test(this.chars.slice(this.pos, this.pos + 4).join("")) ? this.hex(4) : -1;
      if (low >= 0xdc00 && low <= 0xdfff) return (unit - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
      this.pos = saved;
    }
    return unit;
  }
}

class Compiler {
  readonly program: Instruction[] = [];

  compile(node: Node): Instruction[] {
    this.emit(node);
    this.push({ op: "match" });
    return this.program;
  }

  private push(instruction: Instruction): number {
    if (this.program.length >= REGEX_PROGRAM_MAX)
      throw new RegexSyntaxError(
        `is too large once its repetitions are written out (at most ${REGEX_PROGRAM_MAX} steps); use smaller counts`,
      );
    this.program.push(instruction);
    return this.program.length - 1;
  }

  private emit(node: Node): void {
    switch (node.type) {
      case "char":
        this.push({ op: "char", test: node.test, next: this.program.length + 1 });
        return;
      case "assert":
        this.push({ op: "assert", at: node.at, next: this.program.length + 1 });
        return;
      case "concat":
        node.items.forEach((item) => this.emit(item));
        return;
      case "alt": {
        const jumps: number[] = [];
        node.options.forEach((option, index) => {
          const last = index === node.options.length - 1;
          const split = last ? -1 : this.push({ op: "split", next: this.program.length + 1, alt: -1 });
          this.emit(option);
          if (!last) {
            jumps.push(this.push({ op: "jump", next: -1 }));
            (this.program[split] as { alt: number }).alt = this.program.length;
          }
        });
        jumps.forEach((at) => ((this.program[at] as { next: number }).next = this.program.length));
        return;
      }
      case "repeat":
        this.emitRepeat(node.node, node.min, node.max);
    }
  }

  private emitRepeat(node: Node, min: number, max: number): void {
    for (let i = 0; i < min - (max === Infinity && min > 0 ? 1 : 0); i += 1) this.emit(node);
    if (max === Infinity) {
      if (min > 0) {
        const start = this.program.length;
        this.emit(node);
        this.push({ op: "split", next: start, alt: this.program.length + 1 });
      } else {
        const split = this.push({ op: "split", next: this.program.length + 1, alt: -1 });
        this.emit(node);
        this.push({ op: "jump", next: split });
        (this.program[split] as { alt: number }).alt = this.program.length;
      }
      return;
    }
    for (let i = min; i < max; i += 1) {
      const split = this.push({ op: "split", next: this.program.length + 1, alt: -1 });
      this.emit(node);
      (this.program[split] as { alt: number }).alt = this.program.length;
    }
  }
}

function run(program: Instruction[], text: string): boolean {
  const input = Array.from(text, (c) => c.codePointAt(0)!);
  const seenAt = new Int32Array(program.length).fill(-1);
  const stack: number[] = [];
  // Adds every instruction reachable from `start` without reading a character; each at most once per position.
  const addClosure = (list: number[], start: number, position: number) => {
    stack.push(start);
    while (stack.length) {
      const pc = stack.pop()!;
      if (seenAt[pc] === position) continue;
      seenAt[pc] = position;
      const instruction = program[pc];
      if (instruction.op === "jump") stack.push(instruction.next);
      else if (instruction.op === "split") stack.push(instruction.alt, instruction.next);
      else if (instruction.op === "assert") {
        if (instruction.at === "start" ? position === 0 : position === input.length) stack.push(instruction.next);
      } else list.push(pc);
    }
  };
  let current: number[] = [];
  addClosure(current, 0, 0);
  for (let i = 0; i < input.length && current.length; i += 1) {
    const next: number[] = [];
    for (const pc of current) {
      const instruction = program[pc];
      if (instruction.op === "char" && instruction.test(input[i])) addClosure(next, instruction.next, i + 1);
    }
    current = next;
  }
  return current.some((pc) => program[pc].op === "match");
}

/** Compiles `pattern` to match whole texts only; throws RegexSyntaxError with a reason that follows the pattern. */
export function compileLinearRegex(pattern: string): LinearRegex {
  const program = new Compiler().compile(new Parser(pattern).parse());
  return { size: program.length, test: (text) => run(program, text) };
}
