/**
 * Adversarial inputs for a regular expression, built from its own syntax:
 * for every quantifier that can repeat many times, a string that pumps what
 * it repeats (a character of its class, a branch of its alternation, a
 * literal it loops on) tens of thousands of times, after a prefix that
 * leads the match there and before a suffix that makes it fail. A
 * backtracking engine spends quadratic or exponential time on such strings
 * when the expression is ambiguous (`/a+b/` unanchored, `/\s*x?\s*$/`,
 * `/(a|ab)*c/`); a linear-time expression scans them in a few milliseconds.
 *
 * The parser understands the JavaScript syntax the engine's expressions use
 * (classes, escapes, groups, lookarounds, quantifiers, backreferences); what
 * it does not understand makes `attacks` throw, so a new construct is noticed
 * rather than silently untested.
 */

type Range = [number, number];

export type RxNode =
  | { t: 'seq'; items: RxNode[] }
  | { t: 'alt'; alts: RxNode[] }
  | { t: 'group'; body: RxNode; look?: 'ahead' | 'behind'; negative?: boolean }
  | { t: 'quant'; body: RxNode; min: number; max: number; lazy: boolean }
  | { t: 'set'; ranges: Range[]; negated: boolean }
  | { t: 'assert'; kind: '^' | '$' | 'b' | 'B' }
  | { t: 'backref' };

const DIGIT: Range[] = [[48, 57]];
const WORD: Range[] = [[48, 57], [65, 90], [95, 95], [97, 122]];
const SPACE: Range[] = [[9, 13], [32, 32], [160, 160], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff]];
const LINE_TERMINATORS: Range[] = [[10, 10], [13, 13], [0x2028, 0x2029]];

function complement(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= 0xffff) out.push([next, 0xffff]);
  return out;
}

class Parser {
  i = 0;
  constructor(
    private readonly src: string,
    private readonly flags: string,
  ) {}

  parse(): RxNode {
    const node = this.alternation();
    if (this.i < this.src.length) throw new Error(`unexpected ${this.src[this.i]} at ${this.i} in /${this.src}/`);
    return node;
  }

  private peek(): string | undefined {
    return this.src[this.i];
  }

  private alternation(): RxNode {
    const alts: RxNode[] = [this.sequence()];
    while (this.peek() === '|') {
      this.i++;
      alts.push(this.sequence());
    }
    return alts.length === 1 ? alts[0]! : { t: 'alt', alts };
  }

  private sequence(): RxNode {
    const items: RxNode[] = [];
    while (this.i < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.atom();
      items.push(this.quantified(atom));
    }
    return { t: 'seq', items };
  }

  private quantified(atom: RxNode): RxNode {
    let min: number;
    let max: number;
    const c = this.peek();
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return atom; // a literal `{`
      min = Number(m[1]);
      max = m[2] ? (m[3] ? Number(m[3]) : Infinity) : min;
      this.i += m[0].length - 1;
    } else return atom;
    this.i++;
    let lazy = false;
    if (this.peek() === '?') {
      lazy = true;
      this.i++;
    }
    return { t: 'quant', body: atom, min, max, lazy };
  }

  private atom(): RxNode {
    const c = this.src[this.i++]!;
    switch (c) {
      case '^':
        return { t: 'assert', kind: '^' };
      case '$':
        return { t: 'assert', kind: '$' };
      case '.':
        return { t: 'set', ranges: this.flags.includes('s') ? [[0, 0xffff]] : complement(LINE_TERMINATORS), negated: false };
      case '(':
        return this.group();
      case '[':
        return this.charClass();
      case '\\':
        return this.escape(false);
      default:
        return this.literal(c.charCodeAt(0));
    }
  }

  private literal(code: number): RxNode {
    const ranges: Range[] = [[code, code]];
    if (this.flags.includes('i')) {
      const ch = String.fromCharCode(code);
      for (const other of [ch.toLowerCase(), ch.toUpperCase()]) {
        const o = other.charCodeAt(0);
        if (other.length === 1 && o !== code) ranges.push([o, o]);
      }
    }
    return { t: 'set', ranges, negated: false };
  }

  private group(): RxNode {
    let look: 'ahead' | 'behind' | undefined;
    let negative = false;
    if (this.src.startsWith('?:', this.i)) this.i += 2;
    else if (this.src.startsWith('?=', this.i) || this.src.startsWith('?!', this.i)) {
      look = 'ahead';
      negative = this.src[this.i + 1] === '!';
      this.i += 2;
    } else if (this.src.startsWith('?<=', this.i) || this.src.startsWith('?<!', this.i)) {
      look = 'behind';
      negative = this.src[this.i + 2] === '!';
      this.i += 3;
    } else if (this.src.startsWith('?<', this.i)) {
      const end = this.src.indexOf('>', this.i);
      if (end < 0) throw new Error(`bad group name in /${this.src}/`);
      this.i = end + 1;
    } else if (this.peek() === '?') throw new Error(`unsupported group (${this.src.slice(this.i, this.i + 3)} in /${this.src}/`);
    const body = this.alternation();
    if (this.src[this.i++] !== ')') throw new Error(`unclosed group in /${this.src}/`);
    return { t: 'group', body, ...(look ? { look, negative } : {}) };
  }

  /** An escape; `inClass` inside `[...]` (where `\b` is a backspace). */
  private escape(inClass: boolean): RxNode {
    const c = this.src[this.i++];
    if (c === undefined) throw new Error(`trailing \\ in /${this.src}/`);
    const set = (ranges: Range[], negated = false): RxNode => ({ t: 'set', ranges, negated });
    switch (c) {
      case 'd':
        return set(DIGIT);
      case 'D':
        return set(DIGIT, true);
      case 'w':
        return set(WORD);
      case 'W':
        return set(WORD, true);
      case 's':
        return set(SPACE);
      case 'S':
        return set(SPACE, true);
      case 'n':
        return this.literal(10);
      case 'r':
        return this.literal(13);
      case 't':
        return this.literal(9);
      case 'f':
        return this.literal(12);
      case 'v':
        return this.literal(11);
      case '0':
        return this.literal(0);
      case 'b':
        return inClass ? this.literal(8) : { t: 'assert', kind: 'b' };
      case 'B':
        return { t: 'assert', kind: 'B' };
      case 'x': {
        const hex = this.src.slice(this.i, this.i + 2);
        this.i += 2;
        return this.literal(parseInt(hex, 16));
      }
      case 'u': {
        if (this.peek() === '{') {
          const end = this.src.indexOf('}', this.i);
          const code = parseInt(this.src.slice(this.i + 1, end), 16);
          this.i = end + 1;
          return this.literal(code > 0xffff ? 0xfffd : code);
        }
        const hex = this.src.slice(this.i, this.i + 4);
        this.i += 4;
        return this.literal(parseInt(hex, 16));
      }
      case 'k': {
        const end = this.src.indexOf('>', this.i);
        this.i = end + 1;
        return { t: 'backref' };
      }
      default:
        if (/[1-9]/.test(c) && !inClass) {
          while (/\d/.test(this.peek() ?? '')) this.i++;
          return { t: 'backref' };
        }
        return this.literal(c.charCodeAt(0));
    }
  }

  private charClass(): RxNode {
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.i++;
    }
    const ranges: Range[] = [];
    while (this.i < this.src.length && this.peek() !== ']') {
      const lo = this.classAtom();
      if (this.peek() === '-' && this.src[this.i + 1] !== ']' && this.i + 1 < this.src.length && lo.length === 1 && lo[0]![0] === lo[0]![1]) {
        this.i++;
        const hi = this.classAtom();
        if (hi.length !== 1 || hi[0]![0] !== hi[0]![1]) throw new Error(`bad class range in /${this.src}/`);
        ranges.push([lo[0]![0], hi[0]![0]]);
        if (this.flags.includes('i')) {
          for (let c = lo[0]![0]; c <= hi[0]![0] && c < 0x250; c++) ranges.push(...(this.literal(c) as { ranges: Range[] }).ranges);
        }
      } else ranges.push(...lo);
    }
    if (this.src[this.i++] !== ']') throw new Error(`unclosed class in /${this.src}/`);
    return { t: 'set', ranges, negated };
  }

  private classAtom(): Range[] {
    const c = this.src[this.i++]!;
    if (c !== '\\') return (this.literal(c.charCodeAt(0)) as { ranges: Range[] }).ranges;
    const node = this.escape(true);
    if (node.t !== 'set') throw new Error(`unsupported escape in a class in /${this.src}/`);
    return node.negated ? complement(node.ranges) : node.ranges;
  }
}

export function parseRegex(source: string, flags: string): RxNode {
  return new Parser(source, flags).parse();
}

function inRanges(ranges: Range[], code: number): boolean {
  return ranges.some(([lo, hi]) => code >= lo && code <= hi);
}

/** Characters worth trying first: common in manifests and in the engine's patterns. */
const PREFERRED = ' \ta0A_-./:#=@"\'`$*{}[]\\,!|>+%&?~\n\r';

/** Up to `n` characters a set matches, preferring common ones. */
function setChars(node: { ranges: Range[]; negated: boolean }, n: number): string[] {
  const matches = (code: number): boolean => inRanges(node.ranges, code) !== node.negated;
  const out: string[] = [];
  for (const ch of PREFERRED) if (out.length < n && matches(ch.charCodeAt(0))) out.push(ch);
  if (out.length < n) {
    const candidates = node.negated ? [0x21, 0x30, 0x41, 0x61, 0xe9, 0x3b1, 0x4e00] : node.ranges.flatMap(([lo, hi]) => [lo, hi, (lo + hi) >> 1]);
    for (const code of candidates) {
      const ch = String.fromCharCode(code);
      if (out.length < n && matches(code) && !out.includes(ch)) out.push(ch);
    }
  }
  return out;
}

const MAX_REPS = 4;

/** A few short strings `node` matches (the first one shortest-ish), for prefixes and pumps. */
function reps(node: RxNode): string[] {
  switch (node.t) {
    case 'set':
      return setChars(node, MAX_REPS);
    case 'assert':
    case 'backref':
      return [''];
    case 'group':
      return node.look ? [''] : reps(node.body);
    case 'alt':
      return [...new Set(node.alts.flatMap((a) => reps(a).slice(0, 2)))].slice(0, MAX_REPS + 2);
    case 'quant': {
      const body = reps(node.body);
      const times = Math.min(node.min, 3);
      return [...new Set(body.map((r) => r.repeat(times)))];
    }
    case 'seq': {
      let out = [''];
      for (const item of node.items) {
        const r = reps(item);
        // Vary one item at a time: the first item's choices, then the others' first choice.
        out = out.length === 1 ? r.map((x) => out[0] + x) : out.map((x) => x + r[0]!);
      }
      return [...new Set(out)].slice(0, MAX_REPS);
    }
  }
}

/** Strings that make a match fail after a pumped run (or that end the text). */
const SUFFIXES = ['', '\u0000', '!', 'x', '\n', ' ', '#', ':'];

/**
 * Adversarial strings of about `n` characters for `/source/flags`.
 * Deterministic, deduplicated.
 */
export function attacks(source: string, flags: string, n: number): string[] {
  const root = parseRegex(source, flags);
  const out = new Set<string>();
  const pump = (unit: string, prefix: string): void => {
    if (unit === '') return;
    const run = unit.repeat(Math.ceil(n / unit.length));
    for (const suffix of SUFFIXES) {
      out.add(prefix + run + suffix);
      // Also where no match can start (an unanchored search retries at every position of the run).
      out.add('\u0000' + run + suffix);
      if (prefix) out.add(run + suffix);
    }
  };
  // Walk the tree keeping a prefix that leads a match to the current node.
  const walk = (node: RxNode, prefix: string): void => {
    switch (node.t) {
      case 'seq': {
        let p = prefix;
        for (const item of node.items) {
          walk(item, p);
          p += reps(item)[0] ?? '';
        }
        return;
      }
      case 'alt':
        for (const a of node.alts) walk(a, prefix);
        return;
      case 'group':
        walk(node.body, prefix);
        return;
      case 'quant': {
        if (node.max >= 16) {
          for (const unit of reps(node.body)) pump(unit, prefix);
          // A repeated alternation: pump its branches in turn too (`(a|ab)*`).
          const inner = node.body.t === 'group' ? node.body.body : node.body;
          if (inner.t === 'alt') pump(inner.alts.map((a) => reps(a)[0] ?? '').join(''), prefix);
        }
        walk(node.body, prefix);
        return;
      }
      default:
        return;
    }
  };
  walk(root, '');
  // Every character the expression mentions, repeated: catches loops the walk's samples miss.
  const chars = new Set<string>();
  const collect = (node: RxNode): void => {
    if (node.t === 'set') for (const c of setChars(node, 2)) chars.add(c);
    else if (node.t === 'seq') node.items.forEach(collect);
    else if (node.t === 'alt') node.alts.forEach(collect);
    else if (node.t === 'group' || node.t === 'quant') collect(node.body);
  };
  collect(root);
  for (const c of chars) {
    out.add(c.repeat(n) + '\u0000');
    out.add(c.repeat(n));
  }
  return [...out];
}

/**
 * Apply `re` to `text` the way the engine may: a search, a split (which tries
 * every position) and, for a global expression, every match in turn.
 */
export function exercise(re: RegExp, text: string): number {
  let work = 0;
  const copy = new RegExp(re.source, re.flags);
  copy.lastIndex = 0;
  if (copy.test(text)) work++;
  if (copy.global || copy.sticky) {
    copy.lastIndex = 0;
    for (let m = copy.exec(text); m; m = copy.exec(text)) {
      work++;
      if (m[0] === '') copy.lastIndex++;
      if (!copy.global) break;
    }
  } else {
    work += text.split(copy).length;
  }
  return work;
}
