/** Masterminds/semver v3 constraints as sprig's semverCompare uses them (ranges, ~, ^, x, ||, prereleases). */
import { FuncError } from './funcs-types';

interface Ver {
  major: number;
  minor: number;
  patch: number;
  pre: string;
}

const VERSION = /^v?([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

function parseVersion(s: string): Ver | undefined {
  const m = VERSION.exec(s.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2] ?? 0), patch: Number(m[3] ?? 0), pre: m[4] ?? '' };
}

/** Whether Helm's chart validation accepts a version (Masterminds/semver v3's lenient NewVersion). */
export function validSemver(s: string): boolean {
  return parseVersion(s) !== undefined;
}

function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const xn = /^[0-9]+$/.test(x);
    const yn = /^[0-9]+$/.test(y);
    if (xn && yn) return Number(x) < Number(y) ? -1 : 1;
    if (xn) return -1;
    if (yn) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

function cmp(a: Ver, b: Ver): number {
  for (const k of ['major', 'minor', 'patch'] as const) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  return comparePre(a.pre, b.pre);
}

interface Constraint {
  op: string;
  v: Ver;
  /** Which parts were wildcards or missing: 0 = none, 1 = minor on, 2 = patch on. */
  dirty: number;
}

const CONSTRAINT = /^(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)?\s*v?(x|X|\*|[0-9]+)(?:\.(x|X|\*|[0-9]+))?(?:\.(x|X|\*|[0-9]+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

function parseConstraint(s: string): Constraint {
  const m = CONSTRAINT.exec(s.trim());
  if (!m) throw new FuncError(`improper constraint: ${s}`);
  const wild = (x: string | undefined): boolean => x === undefined || x === 'x' || x === 'X' || x === '*';
  const dirty = wild(m[2]) ? 3 : wild(m[3]) ? 2 : wild(m[4]) ? 1 : 0;
  const num = (x: string | undefined): number => (wild(x) ? 0 : Number(x));
  return { op: m[1] ?? '', v: { major: num(m[2]), minor: num(m[3]), patch: num(m[4]), pre: m[5] ?? '' }, dirty };
}

function bump(v: Ver, part: 'major' | 'minor' | 'patch'): Ver {
  if (part === 'major') return { major: v.major + 1, minor: 0, patch: 0, pre: '' };
  if (part === 'minor') return { major: v.major, minor: v.minor + 1, patch: 0, pre: '' };
  return { major: v.major, minor: v.minor, patch: v.patch + 1, pre: '' };
}

function check(c: Constraint, v: Ver): boolean {
  // A prerelease version only satisfies constraints that carry a prerelease themselves.
  if (v.pre !== '' && c.v.pre === '') return false;
  const { op, v: cv, dirty } = c;
  switch (op) {
    case '':
    case '=':
      if (dirty === 3) return true;
      if (dirty === 0) return cmp(v, cv) === 0;
      return cmp(v, cv) >= 0 && cmp(v, bump(cv, dirty === 2 ? 'major' : 'minor')) < 0;
    case '!=':
      if (dirty === 0) return cmp(v, cv) !== 0;
      return !(cmp(v, cv) >= 0 && cmp(v, bump(cv, dirty === 2 ? 'major' : 'minor')) < 0);
    case '>':
      if (dirty === 0) return cmp(v, cv) > 0;
      return cmp(v, bump(cv, dirty === 2 ? 'major' : 'minor')) >= 0;
    case '>=':
    case '=>':
      return cmp(v, cv) >= 0;
    case '<':
      return cmp(v, cv) < 0;
    case '<=':
    case '=<':
      if (dirty === 0) return cmp(v, cv) <= 0;
      return cmp(v, bump(cv, dirty === 2 ? 'major' : 'minor')) < 0;
    case '~':
    case '~>':
      if (cmp(v, cv) < 0) return false;
      return cmp(v, bump(cv, dirty >= 2 ? 'major' : 'minor')) < 0;
    case '^':
      if (cmp(v, cv) < 0) return false;
      if (cv.major > 0 || dirty >= 2) return cmp(v, bump(cv, 'major')) < 0;
      if (cv.minor > 0 || dirty === 1) return cmp(v, bump(cv, 'minor')) < 0;
      return cmp(v, bump(cv, 'patch')) < 0;
  }
  return false;
}

/** sprig's semverCompare: errors for an unparsable constraint or version, as Helm reports them. */
export function semverCompare(constraint: string, version: string): boolean {
  const v = parseVersion(version);
  if (!v) throw new FuncError('Invalid Semantic Version');
  return constraint.split('||').some((alt) => {
    const hyphen = /^\s*(\S+)\s+-\s+(\S+)\s*$/.exec(alt);
    const parts = hyphen ? [`>=${hyphen[1]}`, `<=${hyphen[2]}`] : splitAnd(alt);
    if (parts.length === 0) throw new FuncError(`improper constraint: ${constraint}`);
    return parts.map(parseConstraint).every((c) => check(c, v));
  });
}

/** Splits an AND group ("a, b" or "a b"), keeping an operator written apart from its version (">= 1.2"). */
function splitAnd(alt: string): string[] {
  const out: string[] = [];
  for (const tok of alt.split(',').flatMap((p) => p.split(' ')).map((t) => t.trim())) {
    if (tok === '') continue;
    const prev = out[out.length - 1];
    if (prev !== undefined && /^(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)$/.test(prev)) out[out.length - 1] = prev + tok;
    else out.push(tok);
  }
  return out;
}
