/**
 * Parser for Go's text/template (the grammar of text/template/parse): actions, pipelines with declarations and
 * assignments, if/else if/range/with/else with/define/template/block/break/continue. Like Go, it checks at parse
 * time that functions exist and variables are declared. Errors carry Go's message and the template position.
 */
import { lex, type Token } from './lex';
import { argString, type Arg, type Command, type Pipe, type TNode } from './ast';
import { unquoteGo } from './gostrings';

export interface ParsedTemplate {
  name: string;
  /** The file it was parsed from (Go's ParseName). */
  file: string;
  /** The text of the file the tree came from (for line:col in messages). */
  text: string;
  root: TNode[];
}

export class TemplateParseError extends Error {
  constructor(
    readonly template: string,
    readonly offset: number,
    readonly line: number,
    readonly detail: string,
  ) {
    super(`template: ${template}:${line}: ${detail}`);
  }
}

export interface ParseResult {
  /** The file's own tree (named by the file) and the trees it defines. */
  trees: Map<string, ParsedTemplate>;
}

/** Parses one file. `hasFunc` says whether a function name is defined (Go checks at parse time). */
export function parseTemplate(name: string, text: string, hasFunc: (n: string) => boolean): ParseResult {
  return new Parser(name, text, hasFunc).run();
}

class Parser {
  private toks: Token[];
  private i = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private trees = new Map<string, ParsedTemplate>();

  constructor(
    private name: string,
    private text: string,
    private hasFunc: (n: string) => boolean,
  ) {
    this.toks = lex(text);
  }

  run(): ParseResult {
    const root = this.itemList(true);
    this.trees.set(this.name, { name: this.name, file: this.name, text: this.text, root });
    return { trees: this.trees };
  }

  private fail(msg: string, pos: number): never {
    const line = 1 + countNewlines(this.text, pos);
    throw new TemplateParseError(this.name, pos, line, msg);
  }
  private peek(): Token {
    const t = this.toks[this.i]!;
    if (t.kind === 'error') this.lexFail(t);
    return t;
  }
  private next(): Token {
    const t = this.toks[this.i]!;
    if (t.kind === 'error') this.lexFail(t);
    if (t.kind !== 'eof') this.i++;
    return t;
  }
  /** A lexer error, with Go's wording (an unclosed action spanning lines is reported at the end, naming its start). */
  private lexFail(t: Token): never {
    if (t.val === 'unclosed action' && this.text.includes('\n', t.pos)) this.fail(`unclosed action started at ${this.name}:${1 + countNewlines(this.text, t.pos)}`, this.text.length);
    this.fail(t.val, t.pos);
  }
  private nextNonSpace(): Token {
    let t = this.next();
    while (t.kind === 'space') t = this.next();
    return t;
  }
  private peekNonSpace(): Token {
    const save = this.i;
    const t = this.nextNonSpace();
    this.i = save;
    return t;
  }
  private expectRight(context: string): void {
    const t = this.nextNonSpace();
    if (t.kind !== 'right') this.fail(`unexpected ${desc(t)} in ${context}`, t.pos);
  }

  /** Items until {{end}}/{{else}} (returned through `stop`) or EOF at top level. */
  private itemList(top: boolean): TNode[] {
    const out: TNode[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof') {
        if (!top) this.fail('unexpected EOF', t.pos);
        return out;
      }
      if (t.kind === 'error') this.next();
      if (t.kind === 'text') {
        this.next();
        out.push({ t: 'text', pos: t.pos, text: t.val });
        continue;
      }
      // left delim
      const save = this.i;
      this.next();
      const kw = this.peekNonSpace();
      if (kw.kind === 'keyword' && (kw.val === 'end' || kw.val === 'else')) {
        if (top) this.fail(`unexpected {{${kw.val}}}`, kw.pos);
        this.i = save;
        return out;
      }
      const node = this.action();
      if (node) out.push(node);
    }
  }

  private action(): TNode | undefined {
    const t = this.peekNonSpace();
    if (t.kind === 'keyword') {
      this.nextNonSpace();
      switch (t.val) {
        case 'block':
          return this.templateControl(true);
        case 'break':
        case 'continue':
          if (this.rangeDepth === 0) this.fail(`{{${t.val}}} outside {{range}}`, t.pos);
          this.expectRight(t.val);
          return { t: t.val, pos: t.pos };
        case 'define':
          this.define(t);
          return undefined;
        case 'if':
        case 'with':
          return this.control(t.val, t.pos);
        case 'range':
          return this.control('range', t.pos);
        case 'template':
          return this.templateControl(false);
      }
    }
    const pipe = this.pipeline('command', 'right');
    return { t: 'action', pos: t.pos, pipe };
  }

  private control(kind: 'if' | 'with' | 'range', pos: number): TNode {
    const varsBefore = this.vars.length;
    const pipe = this.pipeline(kind, 'right');
    if (kind === 'range') this.rangeDepth++;
    const list = this.itemList(false);
    if (kind === 'range') this.rangeDepth--;
    let elseList: TNode[] | undefined;
    // At {{end}} or {{else}}.
    this.next(); // left
    const kw = this.nextNonSpace();
    if (kw.val === 'else') {
      const after = this.peekNonSpace();
      if ((kind === 'if' && after.kind === 'keyword' && after.val === 'if') || (kind === 'with' && after.kind === 'keyword' && after.val === 'with')) {
        // {{else if ...}}: a nested control sharing this {{end}}.
        // Go pops a control's variables only at its {{end}}: those declared in the list stay visible after {{else}}.
        this.nextNonSpace();
        elseList = [this.control(kind, after.pos)];
        this.vars.length = varsBefore;
        return { t: kind, pos, pipe, list, elseList };
      }
      this.expectRight('else');
      elseList = this.itemList(false);
      this.next();
      const end = this.nextNonSpace();
      if (end.val !== 'end') this.fail(`expected end; found ${desc(end)}`, end.pos);
    }
    this.expectRight('end');
    this.vars.length = varsBefore;
    return kind === 'range' ? { t: 'range', pos, pipe, list, elseList } : { t: kind, pos, pipe, list, elseList };
  }

  private templateName(context: string): { name: string; pos: number } {
    const t = this.nextNonSpace();
    if (t.kind === 'string' || t.kind === 'rawString') return { name: unquoteOr(t, (m) => this.fail(m, t.pos)), pos: t.pos };
    this.fail(`unexpected ${desc(t)} in ${context} clause`, t.pos);
  }

  private templateControl(block: boolean): TNode {
    const context = block ? 'block' : 'template';
    const { name, pos: namePos } = this.templateName(context);
    let pipe: Pipe | undefined;
    if (this.peekNonSpace().kind !== 'right') pipe = this.pipeline(context, 'right');
    else this.nextNonSpace();
    if (block) {
      const savedVars = this.vars;
      this.vars = ['$'];
      const list = this.itemList(false);
      this.next();
      const end = this.nextNonSpace();
      if (end.val !== 'end') this.fail(`unexpected ${desc(end)} in block`, end.pos);
      this.expectRight('end');
      this.vars = savedVars;
      this.trees.set(name, { name, file: this.name, text: this.text, root: list });
    }
    return { t: 'template', pos: namePos, name, pipe };
  }

  private define(t: Token): void {
    const { name } = this.templateName('define');
    this.expectRight('define');
    const savedVars = this.vars;
    const savedRange = this.rangeDepth;
    this.vars = ['$'];
    this.rangeDepth = 0;
    const list = this.itemList(false);
    this.next();
    const end = this.nextNonSpace();
    if (end.val !== 'end') this.fail(`unexpected ${desc(end)} in define clause`, end.pos);
    this.expectRight('end');
    this.vars = savedVars;
    this.rangeDepth = savedRange;
    void t;
    this.trees.set(name, { name, file: this.name, text: this.text, root: list });
  }

  private pipeline(context: string, end: 'right' | 'rightParen'): Pipe {
    const start = this.peekNonSpace();
    const pipe: Pipe = { pos: start.pos, decl: [], isAssign: false, cmds: [] };
    // Declarations: $x := / $x = / $i, $v :=
    if (start.kind === 'variable') {
      const save = this.i;
      this.nextNonSpace();
      const op = this.peekNonSpace();
      if (op.kind === 'declare' || op.kind === 'assign') {
        this.nextNonSpace();
        pipe.decl.push(start.val);
        pipe.isAssign = op.kind === 'assign';
        if (op.kind === 'declare') this.vars.push(start.val);
        else if (!this.vars.includes(start.val)) this.fail(`undefined variable "${start.val}"`, start.pos);
      } else if (op.kind === 'comma' && context === 'range') {
        this.nextNonSpace();
        const v2 = this.nextNonSpace();
        if (v2.kind !== 'variable') this.fail(`unexpected ${desc(v2)} in ${context}`, v2.pos);
        const op2 = this.nextNonSpace();
        if (op2.kind !== 'declare' && op2.kind !== 'assign') this.fail(`unexpected ${desc(op2)} in ${context}`, op2.pos);
        pipe.decl.push(start.val, v2.val);
        pipe.isAssign = op2.kind === 'assign';
        if (op2.kind === 'declare') this.vars.push(start.val, v2.val);
      } else {
        this.i = save;
      }
    }
    for (;;) {
      const t = this.peekNonSpace();
      if (t.kind === end) {
        this.nextNonSpace();
        if (pipe.cmds.length === 0) this.fail(`missing value for ${context}`, t.pos);
        return pipe;
      }
      if (t.kind === 'right' || t.kind === 'rightParen' || t.kind === 'eof') this.fail(`unexpected ${desc(t)} in ${context}`, t.pos);
      pipe.cmds.push(this.command(context));
      const after = this.peekNonSpace();
      if (after.kind === 'pipe') this.nextNonSpace();
    }
  }

  private command(context: string): Command {
    const cmd: Command = { pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      const t = this.peekNonSpace();
      if (t.kind === 'pipe' || t.kind === 'right' || t.kind === 'rightParen') {
        if (t.kind === 'pipe' && cmd.args.length === 0) this.fail('missing command', t.pos);
        if (cmd.args.length === 0) this.fail(`empty command`, t.pos);
        return cmd;
      }
      const op = this.operand(context);
      if (!op) this.fail(`unexpected ${desc(this.peekNonSpace())} in operand`, t.pos);
      cmd.args.push(op);
      // Operands must be separated by space.
      const n = this.peek();
      if (n.kind !== 'space' && n.kind !== 'pipe' && n.kind !== 'right' && n.kind !== 'rightParen') this.fail(`unexpected ${desc(n)} in operand`, n.pos);
    }
  }

  private operand(context: string): Arg | undefined {
    const term = this.term(context);
    if (!term) return undefined;
    if (this.peek().kind !== 'field') return term;
    const fields: string[] = [];
    // Go positions a chain (and a field or variable with several idents) at its first added field.
    const pos = this.peek().pos;
    while (this.peek().kind === 'field') fields.push(this.next().val.slice(1));
    if (term.t === 'field') return { t: 'field', pos, idents: [...term.idents, ...fields] };
    if (term.t === 'var') return { t: 'var', pos, name: term.name, idents: [...term.idents, ...fields] };
    if (term.t === 'bool' || term.t === 'string' || term.t === 'number' || term.t === 'nil' || term.t === 'dot')
      this.fail(`unexpected . after term ${JSON.stringify(argString(term))}`, term.pos);
    return { t: 'chain', pos, node: term, fields };
  }

  private term(context: string): Arg | undefined {
    const t = this.nextNonSpace();
    switch (t.kind) {
      case 'identifier':
        if (!this.hasFunc(t.val)) this.fail(`function ${JSON.stringify(t.val)} not defined`, t.pos);
        return { t: 'ident', pos: t.pos, name: t.val };
      case 'dot':
        return { t: 'dot', pos: t.pos };
      case 'nil':
        return { t: 'nil', pos: t.pos };
      case 'variable':
        if (!this.vars.includes(t.val)) this.fail(`undefined variable "${t.val}"`, t.pos);
        return { t: 'var', pos: t.pos, name: t.val, idents: [] };
      case 'field':
        return { t: 'field', pos: t.pos, idents: [t.val.slice(1)] };
      case 'bool':
        return { t: 'bool', pos: t.pos, v: t.val === 'true' };
      case 'char':
      case 'number':
        return this.number(t);
      case 'leftParen': {
        const pipe = this.pipeline('parenthesized pipeline', 'rightParen');
        return { t: 'pipe', pos: t.pos, pipe };
      }
      case 'string':
      case 'rawString':
        return { t: 'string', pos: t.pos, v: unquoteOr(t, (m) => this.fail(m, t.pos)), quoted: t.val };
    }
    void context;
    this.i--;
    return undefined;
  }

  private number(t: Token): Arg {
    const text = t.val;
    if (t.kind === 'char') {
      const s = unquoteOr({ ...t, val: `"${text.slice(1, -1).replaceAll('"', '\\"')}"` }, (m) => this.fail(m, t.pos));
      const cp = s.codePointAt(0) ?? 0;
      return { t: 'number', pos: t.pos, text, int: BigInt(cp), float: cp };
    }
    if (text.endsWith('i')) this.fail(`complex numbers are not supported: ${text}`, t.pos);
    const clean = text.replaceAll('_', '');
    const neg = clean.startsWith('-');
    const body = clean.replace(/^[+-]/, '');
    let int: bigint | undefined;
    let float: number | undefined;
    const isHex = /^0[xX]/.test(body);
    if (/^(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.test(body)) {
      const v = body.startsWith('0') && body.length > 1 && /^0[0-7]/.test(body) ? BigInt('0o' + body.slice(1)) : BigInt(body);
      int = neg ? -v : v;
      float = Number(int);
    } else if (!isHex || /[pP]/.test(body)) {
      float = isHex ? hexFloat(body) : Number(body);
      if (Number.isNaN(float)) this.fail(`bad number syntax: "${text}"`, t.pos);
      if (neg) float = -float;
      if (Number.isInteger(float) && Math.abs(float) < 2 ** 63) int = BigInt(float);
    } else {
      this.fail(`bad number syntax: "${text}"`, t.pos);
    }
    if (int !== undefined && (int > 2n ** 63n - 1n || int < -(2n ** 63n))) int = undefined;
    return { t: 'number', pos: t.pos, text, int, float };
  }
}

function unquoteOr(t: Token, fail: (m: string) => never): string {
  if (t.kind === 'rawString') return t.val.slice(1, -1);
  const r = unquoteGo(t.val);
  if (r === undefined) fail(`invalid syntax`);
  return r;
}

/** Go's item String(): keywords in angle brackets, other items quoted (cut at 10 characters). */
function desc(t: Token): string {
  switch (t.kind) {
    case 'eof':
      return 'EOF';
    case 'error':
      return t.val;
    case 'keyword':
    case 'nil':
    case 'dot':
      return `<${t.val}>`;
    default:
      return t.val.length > 10 ? `${JSON.stringify(t.val.slice(0, 10))}...` : JSON.stringify(t.val);
  }
}

export function countNewlines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** A Go hexadecimal floating-point literal (`0x1p60`, `0x1.8p-3`): NaN when malformed. */
function hexFloat(body: string): number {
  const m = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(body);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return NaN;
  const frac = m[2] ?? '';
  return Number(BigInt(`0x${m[1]}${frac}` === '0x' ? '0' : `0x${m[1]}${frac}`)) * 2 ** (Number(m[3]) - 4 * frac.length);
}
