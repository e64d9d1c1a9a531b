/**
 * The line reading under the fast YAML path (yaml-fast.ts): the position in the text, line ends, indentation, the
 * blank and comment lines between nodes (and where the `yaml` library puts them), a line's rest after a node, and
 * the checks on plain scalars' text. FastParser builds the nodes on top of it.
 */
import { Pair, type Document, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { C_COLON, C_DASH, C_HASH, C_LF, C_SPACE, eol, giveUp, isIndicator, next } from './yaml-fast-scalars';

export class LineReader {
  protected pos = 0;
  /** Blank lines were skipped since the last node: the next key or item gets `spaceBefore`. */
  protected blank = false;
  /** The comment after the node lineRest last read, if any. */
  protected trail: string | undefined;
  /**
   * Comment lines skipped since the last node (each one's text after `#`, `null` for an empty line after the first
   * comment), and the largest column of those comments; they go where the library puts them (see takeRun).
   */
  protected comments: Array<string | null> | undefined;
  protected commentCol = -1;
  /** Those comments have not been seen by a collection's end yet (see FastParser.trailing). */
  protected fresh = false;

  constructor(protected readonly text: string) {}

  protected eol(p: number): number {
    return eol(this.text, p);
  }

  protected next(e: number): number {
    return next(this.text, e);
  }

  /**
   * From the line start `this.pos`, skip blank and comment lines (noting them in `blank` and `comments`) and return
   * the indentation of the next content line, or -1 at the end of the text.
   */
  protected peekIndent(): number {
    const t = this.text;
    for (;;) {
      let p = this.pos;
      while (t.charCodeAt(p) === C_SPACE) p++;
      if (p >= t.length) {
        if (p > this.pos) giveUp(); // trailing spaces without a line break
        return -1;
      }
      const c = t.charCodeAt(p);
      if (c === C_LF) {
        // A line of spaces before the next content: the library keeps it out of the node before, as here.
        if (this.comments) this.comments.push(null);
        else this.blank = true;
        this.pos = p + 1;
        continue;
      }
      if (c === C_HASH) {
        const e = this.eol(p);
        (this.comments ??= []).push(t.slice(p + 1, e) || ' ');
        this.commentCol = Math.max(this.commentCol, p - this.pos);
        this.fresh = true;
        this.pos = this.next(e);
        continue;
      }
      // A `---` or `...` marker line: another document (parseChunk never passes one).
      if (p === this.pos && (t.startsWith('---', p) || t.startsWith('...', p))) {
        const m = t.charCodeAt(p + 3);
        if (m === C_SPACE || m === C_LF || p + 3 === t.length) giveUp();
      }
      return p - this.pos;
    }
  }

  /**
   * After a node ending at `end`: only spaces to the line's end, or spaces and a comment (its text in `trail`).
   * Returns the offset past the line break.
   */
  protected lineRest(end: number): number {
    const t = this.text;
    let p = end;
    while (t.charCodeAt(p) === C_SPACE) p++;
    this.trail = undefined;
    if (p < t.length && t.charCodeAt(p) !== C_LF) {
      // A comment after the node (a space before it): the library makes it the node's comment.
      if (t.charCodeAt(p) !== C_HASH || p === end) giveUp();
      const e = this.eol(p);
      this.trail = t.slice(p + 1, e) || ' ';
      p = e;
    }
    return this.next(p);
  }

  /** True when a plain scalar can start at `p` (not an indicator, except `-` before a non-space). */
  protected plainStart(p: number): boolean {
    const t = this.text;
    const c = t.charCodeAt(p);
    if (isIndicator(c)) {
      if (c !== C_DASH) return false;
      const n = t.charCodeAt(p + 1);
      return n !== C_SPACE && n !== C_LF && p + 1 < t.length && !(isIndicator(n) && n !== C_DASH);
    }
    return true;
  }

  /** The text of a plain scalar's line from `p` to `e` without trailing spaces, checked: a comment or `: ` gives up. */
  protected plainLine(p: number, e: number): number {
    const t = this.text;
    let end = e;
    while (t.charCodeAt(end - 1) === C_SPACE) end--;
    // A comment (` #`) or a `: ` or a `:` at the end would make it something else.
    for (let i = p; i < end; i++) {
      const c = t.charCodeAt(i);
      if (c === C_HASH ? t.charCodeAt(i - 1) === C_SPACE : c === C_COLON && (i + 1 === end || t.charCodeAt(i + 1) === C_SPACE)) giveUp();
    }
    return end;
  }

  /** Offset of the start of the line holding `p`. */
  protected lineStart(p: number): number {
    return this.text.lastIndexOf('\n', p - 1) + 1;
  }

  /** After a one-line scalar in a collection at `indent`: a more indented next line would continue it. */
  protected continuation(indent: number): void {
    const save = this.pos;
    const blank = this.blank;
    const next = this.peekIndent();
    this.pos = save;
    this.blank = blank;
    this.comments = undefined;
    this.commentCol = -1;
    this.fresh = false;
    if (next > indent) giveUp();
  }

  protected isDash(p: number): boolean {
    const n = this.text.charCodeAt(p + 1);
    return n === C_SPACE || n === C_LF || p + 1 === this.text.length;
  }

  /**
   * The blank and comment lines skipped before a node at column `col`, taken: whether an empty line came before any
   * comment, and the comments as the library joins them before a node (a line feed between two comments, and one
   * more for each empty line after the first comment). A comment more indented than the node would belong to the
   * node before it in the library: not read here.
   */
  protected takeRun(col: number): Run {
    if (!this.blank && !this.comments) return NO_RUN;
    let commentBefore: string | undefined;
    if (this.comments) {
      if (this.commentCol > col) giveUp();
      commentBefore = '';
      for (const c of this.comments) {
        if (c === null) commentBefore += '\n';
        else commentBefore += commentBefore === '' ? c : '\n' + c;
      }
    }
    const run = { spaceBefore: this.blank, commentBefore };
    this.blank = false;
    this.comments = undefined;
    this.commentCol = -1;
    this.fresh = false;
    return run;
  }
}

/** Blank and comment lines before a node: what the library records on it. */
export interface Run {
  readonly spaceBefore: boolean;
  readonly commentBefore: string | undefined;
}

export const NO_RUN: Run = Object.freeze({ spaceBefore: false, commentBefore: undefined });

export function applyRun(node: Node, run: Run): void {
  if (run.spaceBefore) node.spaceBefore = true;
  if (run.commentBefore !== undefined) node.commentBefore = run.commentBefore;
}

/** Comments at a document's end, as the library joins them: a line feed for each line break between two. */
export function joinComments(comments: ReadonlyArray<string | null>): string {
  let comment = '';
  let sep = '';
  for (const c of comments) {
    if (c === null) sep += '\n';
    else {
      comment += comment === '' ? c : sep + '\n' + c;
      sep = '';
    }
  }
  return comment;
}

/**
 * Comment lines at the text's start (no `---`): the library joins them (an empty line between two makes an empty
 * line), and puts them on the document when an empty line follows the last one, else on the first key or item.
 */
export function applyPrelude(doc: Document.Parsed, contents: YAMLMap | YAMLSeq, comments: ReadonlyArray<string | null>): void {
  let comment = '';
  let empty = false;
  for (const c of comments) {
    if (c === null) empty = true;
    else {
      comment += comment === '' ? c : (empty ? '\n\n' : '\n') + c;
      empty = false;
    }
  }
  if (empty) {
    doc.commentBefore = comment;
    return;
  }
  const first = contents.items[0];
  const node = (first instanceof Pair ? first.key : first) as Node;
  node.commentBefore = node.commentBefore ? `${comment}\n${node.commentBefore}` : comment;
}
