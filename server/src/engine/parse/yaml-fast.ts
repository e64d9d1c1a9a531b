/**
 * A fast path for parsing one YAML document chunk (see yaml.ts), for the
 * block-style YAML that Kubernetes manifests are written in.
 *
 * The `yaml` library turns text into tokens, tokens into a concrete syntax
 * tree, and that tree into nodes; on a large manifest the first two steps
 * take about 60% of its time. This parser reads the common shapes straight
 * from the text into the library's own node classes (Document, YAMLMap,
 * YAMLSeq, Pair, Scalar), with the same ranges, values, scalar types and
 * formats (plain scalars are resolved by the document's own schema tags),
 * `spaceBefore` flags and leading comments as the library gives, so nothing
 * downstream can tell which path parsed a document. On the 1,000-document
 * bench manifest it parses about 7x faster than the library.
 *
 * Read here: block maps and sequences (a sequence may sit at its parent
 * key's column), plain scalars (also over several lines), single- and
 * double-quoted scalars (also over several lines, with every escape),
 * literal and folded block scalars with clip or strip chomping, one-line
 * flow sequences and maps of scalars, blank lines, a `---` line and comment
 * lines before the content.
 *
 * Anything else makes it give up (`undefined`), and the caller parses the
 * chunk with the library: comments after the content starts, anchors,
 * aliases, tags, explicit keys, nested flow collections, keep chomping or
 * indentation indicators, empty values, tabs, CRs, directives, a BOM, and
 * any text the library would report an error or a warning for.
 *
 * Tests: test/unit/engine/yaml-fast.test.ts compares the two parsers field
 * for field on every YAML file of the repository, on shape tables and on
 * seeded mutations (`npm run fuzz` runs many more).
 */
import { Composer, Document, isScalar, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import { C_COLON, C_DASH, C_HASH, C_LF, C_SPACE, giveUp, readBlockScalar, readQuoted } from './yaml-fast-scalars';
import { applyPrelude, applyRun, joinComments, LineReader, NO_RUN, type Run } from './yaml-fast-lines';

/** The options parseChunk parses with: the only ones this fast path produces documents for. */
export const FAST_OPTIONS = Object.freeze({ prettyErrors: false, keepSourceTokens: false, uniqueKeys: false });

/** Scalar tags that resolve plain scalars by a test, in the schema's order (the library's findScalarTagByTest). */
interface TestTag {
  readonly test: RegExp;
  readonly format?: string;
  resolve(value: string, onError: (message: string) => void, options: object): unknown;
}

class FastParser extends LineReader {
  private readonly tags: TestTag[];
  private readonly strTag: TestTag;
  private readonly options: object;

  constructor(
    text: string,
    private readonly doc: Document.Parsed,
  ) {
    super(text);
    const schema = doc.schema as unknown as { tags: Array<Partial<TestTag> & { default?: unknown }>; compat?: unknown };
    // Tags a key would also match (default 'key') are not handled: none in the core schema.
    if (schema.tags.some((t) => t.default === 'key') || schema.compat) giveUp();
    this.tags = schema.tags.filter((t) => t.default === true && t.test instanceof RegExp) as TestTag[];
    this.strTag = (schema as unknown as Record<symbol, TestTag>)[Symbol.for('yaml.scalar')] ?? giveUp();
    this.options = doc.options;
  }

  /** A plain scalar's node from its text at [start, end) and the end of what follows it on its line (`after`). */
  private plain(value: string, start: number, end: number, after: number): Scalar {
    let tag: TestTag = this.strTag;
    for (const t of this.tags) {
      if (t.test.test(value)) {
        tag = t;
        break;
      }
    }
    const res = tag.resolve(value, giveUp, this.options);
    const node = (isScalar(res) ? res : new Scalar(res)) as Scalar;
    node.range = [start, end, after];
    node.source = value;
    node.type = 'PLAIN';
    if (tag.format) node.format = tag.format;
    return node;
  }

  private str(value: string, type: Scalar.Type, start: number, end: number, after: number): Scalar {
    const node = this.strTag.resolve(value, giveUp, this.options);
    const scalar = (isScalar(node) ? node : new Scalar(node)) as Scalar;
    scalar.range = [start, end, after];
    scalar.source = value;
    scalar.type = type;
    return scalar;
  }

  /** A quoted scalar at `start` (see readQuoted). Returns the node and the offset past its closing quote. */
  private quoted(start: number, indent: number): [Scalar, number] {
    const [value, end] = readQuoted(this.text, start, indent);
    return [this.str(value, this.text.charCodeAt(start) === 39 ? 'QUOTE_SINGLE' : 'QUOTE_DOUBLE', start, end, end), end];
  }

  /**
   * The key of a map entry at `p` (a plain or quoted scalar followed by `:` and a space or the line's end). Returns
   * the key node and the offset past its `:`, or undefined when the line is not a map entry.
   */
  private key(p: number): [Scalar, number] | undefined {
    const t = this.text;
    const c = t.charCodeAt(p);
    if (c === 34 || c === 39) {
      const [node, end] = this.quoted(p, -1);
      if (t.charCodeAt(end) !== C_COLON) return undefined;
      const after = t.charCodeAt(end + 1);
      if (after !== C_SPACE && after !== C_LF && end + 1 < t.length) giveUp();
      node.range = [p, end, end];
      return [node, end + 1];
    }
    if (!this.plainStart(p)) return undefined;
    for (let i = p; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === C_LF) return undefined;
      if (c === C_HASH && t.charCodeAt(i - 1) === C_SPACE) giveUp(); // a comment
      if (c !== C_COLON) continue;
      const after = t.charCodeAt(i + 1);
      if (after === C_SPACE || after === C_LF || i + 1 === t.length) {
        if (t.charCodeAt(i - 1) === C_SPACE || i - p > 1024) giveUp();
        return [this.plain(t.slice(p, i), p, i, i), i + 1];
      }
    }
    return undefined;
  }

  /** The value of a map entry or sequence item whose indicator ends before `p`, in a collection at `indent`. */
  private value(p: number, indent: number, inSeq: boolean): Node {
    const t = this.text;
    while (t.charCodeAt(p) === C_SPACE) p++;
    const c = t.charCodeAt(p);
    if (p >= t.length || c === C_LF) return this.below(p, p, indent, inSeq);
    // `key: # comment` and its block on the lines below.
    if (c === C_HASH) {
      const e = this.eol(p);
      this.comments = [t.slice(p + 1, e) || ' '];
      return this.below(p, e, indent, inSeq);
    }
    if (c === 34 || c === 39) {
      const [node, end] = this.quoted(p, indent);
      this.pos = this.lineRest(end);
      node.range![2] = this.pos;
      if (this.trail !== undefined) node.comment = this.trail;
      this.continuation(indent);
      return node;
    }
    if (c === 124 /* | */ || c === 62 /* > */) return this.blockScalar(p, indent);
    if (c === 91 /* [ */ || c === 123 /* { */) return this.flow(p);
    if (inSeq) {
      const entry = this.key(p);
      if (entry) return this.map(p - this.lineStart(p), p, entry);
    }
    if (!this.plainStart(p)) giveUp();
    return this.plainValue(p, indent);
  }

  /**
   * A plain scalar value at `p` in a collection at `indent`, with its continuation lines (more indented than the
   * collection), folded as the library folds them: a line break is a space, each further empty line a line feed.
   */
  private plainValue(p: number, indent: number): Scalar {
    const t = this.text;
    const e = this.eol(p);
    // A comment on the first line ends the scalar there, and is its comment (searched on this line only).
    let hash = p;
    while (hash < e && !(t.charCodeAt(hash) === C_HASH && t.charCodeAt(hash - 1) === C_SPACE)) hash++;
    if (hash < e) {
      const end = this.plainLine(p, hash);
      this.pos = this.next(e);
      const node = this.plain(t.slice(p, end), p, end, this.pos);
      node.comment = t.slice(hash + 1, e) || ' ';
      this.continuation(indent);
      return node;
    }
    let end = this.plainLine(p, e);
    let value = t.slice(p, end);
    let after = this.next(e);
    // Continuation lines.
    let line = after;
    let empty = 0;
    while (line < t.length) {
      let s = line;
      while (t.charCodeAt(s) === C_SPACE) s++;
      const c = t.charCodeAt(s);
      if (c === C_LF) {
        empty++;
        line = s + 1;
        continue;
      }
      if (s >= t.length || s - line <= indent) break;
      if (c === C_HASH) giveUp(); // a comment ends the scalar
      const le = this.eol(s);
      const lend = this.plainLine(s, le);
      value += (empty > 0 ? '\n'.repeat(empty) : ' ') + t.slice(s, lend);
      empty = 0;
      end = lend;
      after = this.next(le);
      line = after;
    }
    this.pos = after;
    return this.plain(value, p, end, after);
  }

  /**
   * A value on the lines below its `key:` or `-`: `p` is where its line's text ends (past the indicator and spaces),
   * `e` the line's end (past a comment, which `comments` holds).
   */
  private below(p: number, e: number, indent: number, inSeq: boolean): Node {
    this.pos = this.next(e);
    this.blank = false;
    const next = this.peekIndent();
    // Blank and comment lines between `key:` and its block: the library puts them on the block (not after a `-`).
    const run = this.takeRun(next);
    if (inSeq && run.commentBefore !== undefined) giveUp();
    const at = this.pos + next;
    const dash = next >= 0 && this.text.charCodeAt(at) === C_DASH && this.isDash(at);
    let node: Node;
    if (next > indent) node = dash ? this.seq(next, at) : this.mapAt(next, at);
    else if (next === indent && dash && !inSeq) node = this.seq(next, at);
    else if (run === NO_RUN && !inSeq) {
      // An empty value, right before the next line: a null at the end of its `key:` line (after its spaces).
      return this.plain('', p, p, p);
    } else return giveUp(); // an empty value with lines after it (the library places them subtly), or after a `-`
    if (!inSeq) applyRun(node, run);
    return node;
  }

  /** A block map whose first key is at `at` (column `indent`). */
  private mapAt(indent: number, at: number): YAMLMap {
    const entry = this.key(at);
    if (!entry) giveUp();
    return this.map(indent, at, entry);
  }

  /** A block map at column `indent` whose first entry's key (at `at`) is read already. */
  private map(indent: number, at: number, first: [Scalar, number]): YAMLMap {
    const map = new YAMLMap(this.doc.schema);
    let entry: [Scalar, number] | undefined = first;
    let end = at;
    for (;;) {
      const [key, colon] = entry;
      const value = this.value(colon, indent, false);
      map.items.push(new Pair(key, value));
      end = value.range![2];
      const next = this.peekIndent();
      if (next < indent) break;
      if (next > indent) giveUp();
      const p = this.pos + next;
      entry = this.key(p);
      if (!entry) giveUp(); // a `-` at a map's column (an error), or a line that is no entry
      applyRun(entry[0], this.takeRun(next));
    }
    map.range = [at, end, this.trailing(map, indent) ?? end];
    return map;
  }

  /** A block sequence whose first `-` is at `at` (column `indent`). */
  private seq(indent: number, at: number): YAMLSeq {
    const seq = new YAMLSeq(this.doc.schema);
    let p = at;
    let end = at;
    let run: Run = NO_RUN;
    for (;;) {
      if (run.commentBefore !== undefined) {
        // A comment before a `-` whose value is on the lines below: the library adds that line's break to it.
        let q = p + 1;
        while (this.text.charCodeAt(q) === C_SPACE) q++;
        const c = this.text.charCodeAt(q);
        if (q >= this.text.length || c === C_LF || c === C_HASH) giveUp();
      }
      const item = this.value(p + 1, indent, true);
      // Blank and comment lines before the `-`: the library puts them on the item.
      applyRun(item, run);
      seq.items.push(item);
      end = item.range![2];
      const next = this.peekIndent();
      if (next < indent) break;
      if (next > indent) giveUp();
      p = this.pos + next;
      if (this.text.charCodeAt(p) !== C_DASH || !this.isDash(p)) break; // the parent map's next key
      run = this.takeRun(next);
    }
    seq.range = [at, end, this.trailing(seq, indent) ?? end];
    return seq;
  }

  /**
   * A collection at `indent` ends: when a comment skipped after its last node is at its column or deeper (not 0),
   * the library keeps them all as the collection's comment, its range then reaching the next line's text (or the
   * text's end). Returns that end, or undefined when the comments go on (to the next node or the document).
   */
  private trailing(coll: YAMLMap | YAMLSeq, indent: number): number | undefined {
    if (!this.comments) return undefined;
    // The first collection to end after the comments is the one they came after: one more indented than it would
    // belong to its last node in the library (not read here). Further up they only move or stay.
    if (this.fresh && this.commentCol > indent) giveUp();
    this.fresh = false;
    if (indent === 0 || this.commentCol < indent) return undefined;
    const t = this.text;
    let end = this.pos;
    while (t.charCodeAt(end) === C_SPACE) end++;
    coll.comment = this.takeRun(Infinity).commentBefore!;
    return end;
  }

  /**
   * A flow collection at `p` on one line: `[...]` of plain or quoted scalars, or `{...}` of `key: value` pairs of
   * them (no nested collections, no `:` inside a plain scalar, no empty values, no trailing comma).
   */
  private flow(p: number): Node {
    const t = this.text;
    const open = t.charCodeAt(p);
    const close = open === 91 ? 93 : 125;
    const coll = open === 91 ? new YAMLSeq(this.doc.schema) : new YAMLMap(this.doc.schema);
    coll.flow = true;
    let q = p + 1;
    while (t.charCodeAt(q) === C_SPACE) q++;
    if (t.charCodeAt(q) !== close) {
      for (;;) {
        let item: Scalar;
        [item, q] = this.flowScalar(q, close);
        if (open === 123) {
          // A key: its `:` right after it, then a space; its value's range takes the spaces after it.
          if (t.charCodeAt(q) !== C_COLON || t.charCodeAt(q + 1) !== C_SPACE) giveUp();
          q += 2;
          while (t.charCodeAt(q) === C_SPACE) q++;
          const [value, after] = this.flowScalar(q, close);
          q = after;
          while (t.charCodeAt(q) === C_SPACE) q++;
          value.range![2] = q;
          (coll.items as unknown[]).push(new Pair(item, value));
        } else {
          while (t.charCodeAt(q) === C_SPACE) q++;
          item.range![2] = q;
          (coll.items as unknown[]).push(item);
        }
        const d = t.charCodeAt(q);
        if (d === close) break;
        if (d !== 44) giveUp();
        q++;
        while (t.charCodeAt(q) === C_SPACE) q++;
        if (t.charCodeAt(q) === close) giveUp(); // a trailing comma
      }
    }
    const end = q + 1;
    this.pos = this.lineRest(end);
    coll.range = [p, end, this.pos];
    if (this.trail !== undefined) coll.comment = this.trail;
    return coll;
  }

  /** A quoted or plain scalar in a flow collection closed by `close`, at `q`: the node and the offset past it. */
  private flowScalar(q: number, close: number): [Scalar, number] {
    const t = this.text;
    const c = t.charCodeAt(q);
    if (c === 34 || c === 39) return this.quoted(q, -1);
    if (!this.plainStart(q)) giveUp();
    let e = q;
    for (let d = t.charCodeAt(e); e < t.length && d !== 44 && d !== close && d !== C_LF; d = t.charCodeAt(++e)) {
      if (d === 91 || d === 93 || d === 123 || d === 125 || d === C_HASH) giveUp();
      // A `:` ends a key before a space; inside a plain scalar it is left to the library.
      if (d === C_COLON) {
        if (close === 125 && t.charCodeAt(e + 1) === C_SPACE) break;
        giveUp();
      }
    }
    let end = e;
    while (t.charCodeAt(end - 1) === C_SPACE) end--;
    if (end === q) giveUp();
    return [this.plain(t.slice(q, end), q, end, end), end];
  }

  /** A block scalar whose header is at `p`, in a collection at `indent` (see readBlockScalar). */
  private blockScalar(p: number, indent: number): Scalar {
    const [value, end] = readBlockScalar(this.text, p, indent);
    this.pos = end;
    return this.str(value, this.text.charCodeAt(p) === 62 ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL', p, end, end);
  }

  /**
   * The document: an optional `---` line, comment lines, then a block map or sequence at column 0, then blank lines.
   * Comments before the content go where the library puts them: after a `---`, on the content; at the text's start
   * (the stream's prelude), on the first key or item.
   */
  parse(): Document.Parsed {
    const t = this.text;
    const doc = this.doc;
    const docStart = t.startsWith('---');
    if (docStart) {
      const e = this.eol(3);
      for (let i = 3; i < e; i++) if (t.charCodeAt(i) !== C_SPACE) giveUp();
      doc.directives!.docStart = true;
      this.pos = this.next(e);
    }
    if (this.peekIndent() !== 0) giveUp();
    // Before the content: after a `---`, the lines go on the content as before any node; at the text's start, they
    // are the stream's prelude (see applyPrelude).
    const comments = this.comments;
    const commentCol = this.commentCol;
    const run = docStart ? this.takeRun(Infinity) : NO_RUN;
    this.blank = false;
    this.comments = undefined;
    this.commentCol = -1;
    this.fresh = false;
    const at = this.pos;
    const contents = t.charCodeAt(at) === C_DASH && this.isDash(at) ? this.seq(0, at) : this.mapAt(0, at);
    if (docStart) applyRun(contents, run);
    else if (comments) {
      if (commentCol !== 0) giveUp();
      applyPrelude(doc, contents, comments);
    }
    // After the content: blank lines, and comments (not kept by a collection), the document's comment.
    if (this.peekIndent() !== -1) giveUp();
    if (this.comments) doc.comment = joinComments(this.comments);
    doc.contents = contents as never;
    const contentEnd = contents.range![2];
    // What follows the content is the document's, unless the content ends in an empty value: its `key:` line's
    // break is then the value's (nothing follows, see below()).
    const swallowed = contentEnd < t.length && t.charCodeAt(contentEnd - 1) !== C_LF;
    doc.range = [docStart ? 0 : at, contentEnd, swallowed ? contentEnd : t.length];
    return doc;
  }

}

/**
 * The document in `text` (one chunk), parsed as `parseAllDocuments(text, FAST_OPTIONS)[0]` would parse it, or
 * undefined when `text` is outside the fast path (then parse it with the library).
 */
export function parseFastDocument(text: string): Document.Parsed | undefined {
  if (text.includes('\r') || text.includes('\t') || text.charCodeAt(0) === 0xfeff || text.length === 0) return undefined;
  const composer = new Composer(FAST_OPTIONS);
  const doc = new Document(undefined, { _directives: (composer as unknown as { directives: unknown }).directives, ...FAST_OPTIONS } as never) as Document.Parsed;
  try {
    return new FastParser(text, doc).parse();
  } catch {
    // Outside the fast path (GIVE_UP), or nested too deeply for it: the library reads the text. Any other error
    // would be a bug here, and the library still gives the right answer (the tests' shape tables catch it).
    return undefined;
  }
}
