/**
 * In-file suppression comments:
 *
 *   # shipshape-disable-next-line <rule-id>[, <rule-id>...] [-- reason]
 *   # shipshape-disable <rule-id>[, <rule-id>...] [-- reason]
 *
 * `disable-next-line` covers the next line that is not blank or a comment (in
 * a Dockerfile: the whole next instruction, continuation lines included).
 * `disable` covers the whole YAML document, or the whole Dockerfile, and
 * belongs in the comments at its top; anywhere else it is misplaced and has
 * no effect (reported as unused-suppression).
 *
 * Only whole-line comments count, and never inside a scalar (a `# ...` line
 * in a block scalar is text, not a comment) or inside a Dockerfile
 * instruction (heredoc bodies, continuation lines).
 */
import type { Span } from '../types';

export type DirectiveScope = 'next-line' | 'document';

export interface DirectiveRuleRef {
  /** As written. */
  id: string;
  span: Span;
}

export interface SuppressionDirective {
  scope: DirectiveScope;
  /** The comment, from `#` to the end of the line (line break excluded). */
  span: Span;
  /** The directive word (`shipshape-disable-next-line`), for findings about the comment as a whole. */
  keywordSpan: Span;
  rules: DirectiveRuleRef[];
  /** Rule ids named beyond the first MAX_RULE_REFS (not read): how many, and where the first of them is. */
  overflow?: { count: number; span: Span };
  /** Text after ` -- `, trimmed; undefined when none was given. */
  reason?: string;
  /** Offsets the directive covers (half-open). Empty (start === end) when it covers nothing. */
  covers: Span;
  /** A `shipshape-disable` that is not at the top of its document or file. */
  misplaced?: boolean;
}

const MARK = 'shipshape-disable';
/** `#`, the directive word, then the rest of the line. Anchored, no nested quantifiers: linear. */
const DIRECTIVE = /^([ \t]*)#[ \t]*(shipshape-disable(?:-next-line)?)(?=[ \t,]|$)([^\r\n]*)$/;

interface Line {
  start: number;
  /** End of the content (line break excluded). */
  end: number;
}

function lines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) {
      out.push({ start, end: text.length });
      return out;
    }
    out.push({ start, end: nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl });
    start = nl + 1;
  }
}

/**
 * Most rule ids one directive is read for (more than there are rules): a comment naming a million
 * unknown ids must not turn into a million findings.
 */
export const MAX_RULE_REFS = 100;

/** Parse the part after the directive word: rule ids (comma or space separated), then `-- reason`. */
function parseTail(tail: string, tailStart: number): { rules: DirectiveRuleRef[]; reason?: string; overflow?: { count: number; span: Span } } {
  let idsPart = tail;
  let reason: string | undefined;
  const sep = /(?:^|[ \t])--(?:[ \t]|$)/.exec(tail);
  if (sep) {
    idsPart = tail.slice(0, sep.index);
    reason = tail.slice(sep.index + sep[0].length).trim();
  }
  const rules: DirectiveRuleRef[] = [];
  const seen = new Set<string>();
  let overflow: { count: number; span: Span } | undefined;
  const token = /[^\s,]+/g;
  for (let m = token.exec(idsPart); m; m = token.exec(idsPart)) {
    // A rule named twice counts once (and is reported once: `a a a ...` must not flood the file with findings).
    if (seen.has(m[0])) continue;
    const span = { start: tailStart + m.index, end: tailStart + m.index + m[0].length };
    if (rules.length >= MAX_RULE_REFS) {
      if (overflow) overflow.count++;
      else overflow = { count: 1, span };
      continue;
    }
    seen.add(m[0]);
    rules.push({ id: m[0], span });
  }
  return { rules, ...(reason !== undefined ? { reason } : {}), ...(overflow ? { overflow } : {}) };
}

export interface DirectiveScanOptions {
  /** Ranges whose lines are not comments (YAML scalars spanning lines, Dockerfile instructions). */
  exclude?: readonly Span[];
  /**
   * Ranges of whole units a `disable-next-line` covers when the next line
   * starts one (Dockerfile instructions), in text order; otherwise it covers
   * that one line.
   */
  units?: readonly Span[];
  /**
   * End of the "top" of the text: `shipshape-disable` comments before this
   * offset apply to the whole text; later ones are misplaced.
   */
  topEnd: number;
}

/** Every suppression directive in `text`. Cheap when the text has none. */
export function scanDirectives(text: string, options: DirectiveScanOptions): SuppressionDirective[] {
  if (!text.includes(MARK)) return [];
  const all = lines(text);
  const exclude = [...(options.exclude ?? [])].sort((a, b) => a.start - b.start);
  const inExcluded = (offset: number): boolean => {
    // Binary search for the last range starting at or before offset.
    let lo = 0;
    let hi = exclude.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (exclude[mid]!.start <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    // Ranges may nest; scan back over the few that start before offset but could still contain it.
    for (let i = found; i >= 0 && i > found - 8; i--) if (offset > exclude[i]!.start && offset < exclude[i]!.end) return true;
    return false;
  };
  // For each line, the index of the next line that is neither blank nor a comment (computed on first need, in one
  // backward pass: scanning forward from every directive is quadratic in a run of comment lines).
  let nextContent: Int32Array | undefined;
  const nextContentLine = (i: number): number => {
    if (!nextContent) {
      nextContent = new Int32Array(all.length + 1);
      nextContent[all.length] = -1;
      for (let j = all.length - 1; j >= 0; j--) {
        const next = all[j]!;
        const raw = text.slice(next.start, next.end);
        const t = raw.trim();
        const skip = t === '' || (t.startsWith('#') && !inExcluded(next.start + raw.indexOf('#')));
        nextContent[j] = skip ? nextContent[j + 1]! : j;
      }
    }
    return i + 1 < all.length ? nextContent[i + 1]! : -1;
  };
  const units = options.units ?? [];
  /** The first unit starting within [from, to] (units are in text order). */
  const unitAt = (from: number, to: number): Span | undefined => {
    let lo = 0;
    let hi = units.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (units[mid]!.start < from) lo = mid + 1;
      else hi = mid;
    }
    const u = units[lo];
    return u && u.start <= to ? u : undefined;
  };
  const out: SuppressionDirective[] = [];
  for (let i = 0; i < all.length; i++) {
    const line = all[i]!;
    const content = text.slice(line.start, line.end);
    if (!content.includes(MARK)) continue;
    const m = DIRECTIVE.exec(content);
    if (!m) continue;
    const hash = line.start + m[1]!.length;
    if (inExcluded(hash)) continue;
    const word = m[2]!;
    const wordStart = line.start + content.indexOf(word, m[1]!.length);
    const tailStart = wordStart + word.length;
    const { rules, reason, overflow } = parseTail(m[3]!, tailStart);
    const span = { start: hash, end: line.end };
    const keywordSpan = { start: wordStart, end: tailStart };
    if (word === 'shipshape-disable') {
      const misplaced = hash >= options.topEnd;
      out.push({
        scope: 'document',
        span,
        keywordSpan,
        rules,
        ...(overflow ? { overflow } : {}),
        ...(reason !== undefined ? { reason } : {}),
        covers: misplaced ? { start: 0, end: 0 } : { start: 0, end: text.length },
        ...(misplaced ? { misplaced } : {}),
      });
      continue;
    }
    // The next line that is neither blank nor a comment.
    let covers: Span = { start: line.end, end: line.end };
    const j = nextContentLine(i);
    if (j >= 0) {
      const next = all[j]!;
      const unit = unitAt(next.start, next.end);
      covers = unit ? { start: next.start, end: Math.max(unit.end, next.end) } : { start: next.start, end: next.end };
    }
    out.push({ scope: 'next-line', span, keywordSpan, rules, ...(overflow ? { overflow } : {}), ...(reason !== undefined ? { reason } : {}), covers });
  }
  return out;
}

/**
 * End of the leading comment block of a YAML document chunk: blank lines,
 * comments, `%` directives and a bare `---` marker (optionally followed by a
 * comment) are the top; the first other line ends it.
 */
export function yamlTopEnd(text: string): number {
  for (const line of lines(text)) {
    const t = text.slice(line.start, line.end).trim();
    if (t === '' || t.startsWith('#') || t.startsWith('%')) continue;
    if (t === '---' || /^---[ \t]+#/.test(t)) continue;
    return line.start;
  }
  return text.length;
}
