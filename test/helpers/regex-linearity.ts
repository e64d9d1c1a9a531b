/**
 * A structural linear-time check for regular expressions (the secret
 * detectors run on untrusted, possibly huge values). Timing a regex proves
 * nothing and is not allowed in tests; instead a regex is parsed and
 * rejected when it has a shape that can backtrack super-linearly:
 *
 * 1. a backreference (`\1`, `\k<name>`);
 * 2. a repeated group (`*`, `+`, `{n,m}` with m > 1) that contains a
 *    quantifier or an alternation: `(a+)+`, `(a*)*`, `(a|a)*`, `(?:ab|a){2,}`;
 * 3. two unbounded quantifiers next to each other in a sequence: `\w+\d*`;
 * 4. an unbounded quantifier in a regex that is neither anchored at `^`
 *    (without the `m` flag) nor starts with a lookbehind: an unanchored
 *    search restarts at every position, so `ab+` on `abbb...` is quadratic;
 * 5. the stateful `g` / `y` flags (a shared `.test()` that depends on lastIndex).
 */

interface Quant {
  min: number;
  max: number; // Infinity when unbounded
}

type Node =
  | { type: 'atom'; quant?: Quant }
  | { type: 'group'; kind: 'plain' | 'lookahead' | 'lookbehind'; alts: Node[][]; quant?: Quant };

class Parser {
  i = 0;
  problems: string[] = [];
  constructor(readonly src: string) {}

  parseAlts(): Node[][] {
    const alts: Node[][] = [[]];
    while (this.i < this.src.length) {
      const c = this.src[this.i]!;
      if (c === ')') break;
      if (c === '|') {
        this.i++;
        alts.push([]);
        continue;
      }
      const node = this.parseAtom();
      node.quant = this.parseQuant();
      alts[alts.length - 1]!.push(node);
    }
    return alts;
  }

  parseAtom(): Node {
    const c = this.src[this.i]!;
    if (c === '\\') {
      const n = this.src[this.i + 1] ?? '';
      if (/[1-9]/.test(n) || (n === 'k' && this.src[this.i + 2] === '<')) this.problems.push(`backreference at ${this.i}`);
      this.i += n === 'u' && this.src[this.i + 2] === '{' ? this.src.indexOf('}', this.i) + 1 - this.i : n === 'u' ? 6 : n === 'x' ? 4 : 2;
      return { type: 'atom' };
    }
    if (c === '[') {
      this.i++;
      if (this.src[this.i] === '^') this.i++;
      if (this.src[this.i] === ']') this.i++;
      while (this.i < this.src.length && this.src[this.i] !== ']') this.i += this.src[this.i] === '\\' ? 2 : 1;
      this.i++;
      return { type: 'atom' };
    }
    if (c === '(') {
      let kind: 'plain' | 'lookahead' | 'lookbehind' = 'plain';
      this.i++;
      if (this.src.startsWith('?<=', this.i) || this.src.startsWith('?<!', this.i)) {
        kind = 'lookbehind';
        this.i += 3;
      } else if (this.src.startsWith('?=', this.i) || this.src.startsWith('?!', this.i)) {
        kind = 'lookahead';
        this.i += 2;
      } else if (this.src.startsWith('?:', this.i)) this.i += 2;
      else if (this.src.startsWith('?<', this.i)) this.i = this.src.indexOf('>', this.i) + 1;
      const alts = this.parseAlts();
      this.i++; // ')'
      return { type: 'group', kind, alts };
    }
    this.i++;
    return { type: 'atom' };
  }

  parseQuant(): Quant | undefined {
    const c = this.src[this.i];
    let q: Quant | undefined;
    if (c === '*') q = { min: 0, max: Infinity };
    else if (c === '+') q = { min: 1, max: Infinity };
    else if (c === '?') q = { min: 0, max: 1 };
    if (q) this.i++;
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (m) {
        q = { min: Number(m[1]), max: m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]) };
        this.i += m[0].length;
      }
    }
    if (q && this.src[this.i] === '?') this.i++; // lazy
    return q;
  }
}

const unbounded = (n: Node): boolean => n.quant !== undefined && n.quant.max === Infinity;
const repeats = (n: Node): boolean => n.quant !== undefined && n.quant.max > 1;

function containsQuantOrAlt(alts: Node[][]): boolean {
  if (alts.length > 1) return true;
  return alts.some((seq) => seq.some((n) => n.quant !== undefined || (n.type === 'group' && containsQuantOrAlt(n.alts))));
}

function walk(alts: Node[][], problems: string[], found: { unbounded: boolean }): void {
  for (const seq of alts) {
    seq.forEach((n, i) => {
      if (unbounded(n)) found.unbounded = true;
      if (n.type === 'group') {
        if (repeats(n) && containsQuantOrAlt(n.alts)) problems.push('a repeated group contains a quantifier or an alternation (nested quantifiers)');
        walk(n.alts, problems, found);
      }
      const next = seq[i + 1];
      if (next && unbounded(n) && unbounded(next)) problems.push('two unbounded quantifiers next to each other');
    });
  }
}

/** Problems that make `re` possibly super-linear; empty when it passes every check. */
export function linearityProblems(re: RegExp): string[] {
  const p = new Parser(re.source);
  const alts = p.parseAlts();
  const problems = [...p.problems];
  if (p.i < re.source.length) problems.push(`unbalanced ")" at ${p.i}`);
  const found = { unbounded: false };
  walk(alts, problems, found);
  if (re.flags.includes('g') || re.flags.includes('y')) problems.push(`stateful flag in /${re.flags}/`);
  const first = alts.length === 1 ? alts[0]![0] : undefined;
  const anchored = re.source.startsWith('^') && !re.flags.includes('m');
  const lookbehind = first?.type === 'group' && first.kind === 'lookbehind';
  if (found.unbounded && !anchored && !lookbehind) problems.push('an unbounded quantifier in an unanchored regex (quadratic search)');
  return problems;
}

/**
 * Every regular expression written in the TypeScript files of `dirs`: the
 * literals (with file and line), and the places that build one at run time
 * (`RegExp(...)`, `new RegExp(...)`), which cannot be checked and so are
 * reported as problems by the caller.
 */
export function regexesInSources(files: readonly string[], read: (file: string) => string): { literals: Array<{ where: string; re: RegExp }>; dynamic: string[] } {
  // typescript is a dev dependency (tsc); loaded lazily so the helper costs nothing elsewhere.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof import('typescript');
  const literals: Array<{ where: string; re: RegExp }> = [];
  const dynamic: string[] = [];
  for (const file of files) {
    const sf = ts.createSourceFile(file, read(file), ts.ScriptTarget.ES2022, true);
    const where = (n: import('typescript').Node) => `${file}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;
    const visit = (n: import('typescript').Node): void => {
      if (ts.isRegularExpressionLiteral(n)) {
        const text = n.text;
        const slash = text.lastIndexOf('/');
        literals.push({ where: where(n), re: new RegExp(text.slice(1, slash), text.slice(slash + 1)) });
      } else if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === 'RegExp') {
        dynamic.push(where(n));
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return { literals, dynamic };
}
