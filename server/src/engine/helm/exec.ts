/**
 * Executes parsed Go templates with Go's semantics (text/template/exec.go), Helm's options (missingkey=zero) and
 * bounds: a step budget, an output size limit and a nesting depth limit, so untrusted templates (`until 1000000000`,
 * recursive `include`) end in a clear error, never a hang. Go allows 100000 nested template calls; this engine
 * allows `maxDepth` (limits.ts; default 250: each level costs several JavaScript frames and the language server
 * must keep stack to spare; Helm itself stops one `include` name at 1000 levels).
 */
import { argString, commandString, pipeString, type Arg, type Command, type Pipe, type TNode } from './ast';
import { countNewlines, type ParsedTemplate } from './parse';
import { FuncError, FuncPanic, goTypeOfParam, validateArg, type CallContext, type FuncDef, type FuncMap, type ParamType } from './funcs-types';
import { formatV } from './gofmt';
import { byteLength } from './gostrings';
import { GoStruct, mapMethods, typeName, type GoValue } from './values';
import { constantArg, idealNumber } from './exec-constants';
import { BREAK, CONTINUE, isTrue, TemplateExecError, type Budget, type ErrorSite, type OutputSegment } from './limits';

export interface TemplateLookup {
  get(name: string): ParsedTemplate | undefined;
}

export class Executor {
  private out: string[] = [];
  private outLen = 0;
  /** Where each piece of output came from: output offset -> template file and offset (text copied, or an action). */
  readonly segments: OutputSegment[] = [];
  private vars: { name: string; value: GoValue }[] = [];
  private tree!: ParsedTemplate;
  private atPos = 0;
  private atText = '';
  /** Whether the last field step read a map (its value's static type is then interface {}). */
  private lastWasMap = false;

  constructor(
    private readonly templates: TemplateLookup,
    private readonly funcs: FuncMap,
    private readonly budget: Budget,
    private readonly ctx: CallContext,
  ) {}

  /** Executes the named template; throws TemplateExecError. */
  run(name: string, data: GoValue): string {
    const tree = this.templates.get(name);
    if (!tree) throw new TemplateExecError(`template: no template ${JSON.stringify(name)} associated with template "gotpl"`, undefined);
    this.tree = tree;
    const dot = data === null ? undefined : data;
    this.vars = [{ name: '$', value: dot }];
    this.enter();
    try {
      this.list(tree.root, dot);
    } catch (e) {
      if (e === BREAK || e === CONTINUE) throw this.fail('break or continue outside range');
      throw e;
    } finally {
      this.budget.depth--;
    }
    return this.out.join('');
  }

  private enter(): void {
    if (++this.budget.depth > this.budget.limits.maxDepth) {
      this.budget.depth--;
      throw this.fail(`exceeded maximum template depth (${this.budget.limits.maxDepth})`, 'budget');
    }
  }

  private step(n = 1): void {
    this.budget.steps += n;
    if (this.budget.steps > this.budget.limits.maxSteps) throw this.fail(`template execution exceeded ${this.budget.limits.maxSteps} steps`, 'budget');
  }

  private write(s: string, src?: number): void {
    if (src !== undefined && s.length > 0) this.segments.push({ out: this.outLen, file: this.tree.file, src });
    this.outLen += s.length;
    if (this.outLen > this.budget.limits.maxOutput) throw this.fail(`template output exceeded ${this.budget.limits.maxOutput} characters`, 'budget');
    this.out.push(s);
  }

  private at(pos: number, text: string): void {
    this.atPos = pos;
    this.atText = text;
  }

  /** Go's error with `template: file:line:col: executing "name" at <node>: msg`. */
  fail(msg: string, kind: 'exec' | 'budget' = 'exec'): TemplateExecError {
    const t = this.tree;
    if (!t) return new TemplateExecError(msg, undefined, kind);
    const before = t.text.slice(0, this.atPos);
    const line = 1 + countNewlines(t.text, this.atPos);
    const col = byteLength(before.slice(before.lastIndexOf('\n') + 1));
    const site: ErrorSite = { template: t.name, file: t.file, offset: this.atPos, line, col };
    return new TemplateExecError(`template: ${t.file}:${line}:${col}: executing ${JSON.stringify(t.name)} at <${this.atText}>: ${msg}`, site, kind);
  }

  private list(nodes: TNode[], dot: GoValue): void {
    for (const n of nodes) this.node(n, dot);
  }

  private node(n: TNode, dot: GoValue): void {
    this.step();
    switch (n.t) {
      case 'text':
        this.write(n.text, n.pos);
        return;
      case 'action': {
        const reads = this.budget.reads;
        const mark = reads?.length ?? 0;
        const segs = this.segments.length;
        const v = this.pipeline(dot, n.pipe);
        if (n.pipe.decl.length === 0) {
          this.at(n.pipe.pos, '');
          this.print(v, n.pipe);
          if (reads && this.segments.length > segs) this.segments[this.segments.length - 1]!.reads = reads.slice(mark);
        }
        return;
      }
      case 'if':
      case 'with': {
        const mark = this.vars.length;
        const v = this.pipeline(dot, n.pipe);
        const truth = isTrue(v);
        if (truth) this.list(n.list, n.t === 'with' ? v : dot);
        else if (n.elseList) this.list(n.elseList, dot);
        this.vars.length = mark;
        return;
      }
      case 'range':
        this.range(n, dot);
        return;
      case 'template': {
        const data = n.pipe ? this.pipeline(dot, n.pipe) : undefined;
        this.at(n.pos, `{{template ${JSON.stringify(n.name)}${n.pipe ? ` ${pipeString(n.pipe)}` : ''}}}`);
        const tree = this.templates.get(n.name);
        if (!tree) throw this.fail(`template ${JSON.stringify(n.name)} not defined`);
        const saved = { tree: this.tree, vars: this.vars };
        this.enter();
        try {
          this.tree = tree;
          const d = data === null ? undefined : data;
          this.vars = [{ name: '$', value: d }];
          this.list(tree.root, d);
        } finally {
          this.budget.depth--;
          this.tree = saved.tree;
          this.vars = saved.vars;
        }
        return;
      }
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
    }
  }

  private print(v: GoValue, pipe: Pipe): void {
    this.at(pipe.pos, pipeString(pipe));
    if (v === undefined || v === null) this.write('<no value>', pipe.pos);
    else if (typeof v === 'string') this.write(v, pipe.pos);
    else if (typeof v === 'object' && 'kind' in v && !(v instanceof Map) && !Array.isArray(v)) throw this.fail(`can't print ${pipeString(pipe)} of type func`);
    else this.write(v instanceof GoStruct ? (v.str ?? v.print?.addrStr ?? formatV(v).replace(/^&/, '')) : formatV(v), pipe.pos); // a struct through its pointer
  }

  private range(n: Extract<TNode, { t: 'range' }>, dot: GoValue): void {
    const mark = this.vars.length;
    const val = this.pipeline(dot, { ...n.pipe, decl: [] });
    const decl = n.pipe.decl;
    const assign = n.pipe.isAssign;
    const setVar = (i: number, v: GoValue): void => {
      const name = decl[i]!;
      if (assign) this.assignVar(name, v);
      else this.vars.push({ name, value: v });
    };
    const one = (key: GoValue, elem: GoValue): boolean => {
      this.step();
      const inner = this.vars.length;
      if (decl.length > 0) setVar(decl.length === 1 ? 0 : 1, elem);
      if (decl.length > 1) setVar(0, key);
      try {
        this.list(n.list, elem);
      } catch (e) {
        if (e === BREAK) return false;
        if (e !== CONTINUE) throw e;
      } finally {
        this.vars.length = inner;
      }
      return true;
    };
    let iterated = false;
    if (Array.isArray(val)) {
      for (let i = 0; i < val.length; i++) {
        iterated = true;
        if (!one(BigInt(i), val[i])) break;
      }
    } else if (val instanceof Map) {
      const keys = [...val.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      for (const k of keys) {
        iterated = true;
        if (!one(k, val.get(k))) break;
      }
    } else if (typeof val === 'bigint') {
      if (decl.length > 1) {
        this.at(n.pipe.pos, pipeString(n.pipe));
        throw this.fail(`can't use ${val} to iterate over more than one variable`);
      }
      for (let i = 0n; i < val; i++) {
        iterated = true;
        if (!one(i, i)) break;
      }
    } else if (typeof val === 'number') {
      // Observed with Helm 4.1 (Go 1.25): ranging over a float64 runs no iteration and is no error.
    } else if (val !== undefined && val !== null) {
      this.at(n.pipe.pos, pipeString(n.pipe));
      throw this.fail(`range can't iterate over ${formatV(val)}`);
    }
    this.vars.length = mark;
    if (!iterated && n.elseList) this.list(n.elseList, dot);
    this.vars.length = mark;
  }

  private assignVar(name: string, v: GoValue): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.value = v;
        return;
      }
    }
    throw this.fail(`undefined variable: ${name}`);
  }

  private varValue(name: string): GoValue {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]!.name === name) return this.vars[i]!.value;
    throw this.fail(`undefined variable: ${name}`);
  }

  pipeline(dot: GoValue, pipe: Pipe): GoValue {
    let value: GoValue | typeof MISSING = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.command(dot, cmd, value);
      if (value === null) value = undefined; // an empty interface: dig down to what is inside (nothing)
    }
    const v = value === MISSING ? undefined : value;
    if (pipe.decl.length > 0) {
      if (pipe.isAssign) this.assignVar(pipe.decl[0]!, v);
      else this.vars.push({ name: pipe.decl[0]!, value: v });
    }
    return v;
  }

  private command(dot: GoValue, cmd: Command, final: GoValue | typeof MISSING): GoValue {
    this.step();
    const first = cmd.args[0]!;
    switch (first.t) {
      case 'field':
        this.at(first.pos, argString(first));
        return this.fieldChain(dot, dot, first.idents, cmd, final);
      case 'chain': {
        this.at(first.pos, argString(first));
        if (first.node.t === 'nil') throw this.fail(`indirection through explicit nil in ${argString(first)}`);
        return this.fieldChain(dot, this.chainReceiver(dot, first.node), first.fields, cmd, final);
      }
      case 'var': {
        this.at(first.pos, argString(first));
        const v = this.varValue(first.name);
        if (first.idents.length === 0) {
          this.notAFunction(cmd, final);
          return v;
        }
        return this.fieldChain(dot, v, first.idents, cmd, final);
      }
      case 'ident':
        return this.call(dot, first.name, cmd, final);
      case 'pipe':
        this.notAFunction(cmd, final);
        return this.pipeline(dot, first.pipe);
    }
    this.at(first.pos, argString(first));
    this.notAFunction(cmd, final);
    switch (first.t) {
      case 'bool':
        return first.v;
      case 'dot':
        return dot;
      case 'nil':
        throw this.fail('nil is not a command');
      case 'number':
        return this.ideal(first);
      case 'string':
        return first.v;
    }
  }

  /** `(pipeline).field`'s receiver, evaluated untyped as Go does: a nil result is no value (no nil pointer error). */
  private chainReceiver(dot: GoValue, node: Arg): GoValue {
    return node.t === 'pipe' ? this.pipeline(dot, node.pipe) : this.arg(dot, node, 'any');
  }

  private notAFunction(cmd: Command, final: GoValue | typeof MISSING): void {
    if (cmd.args.length > 1 || final !== MISSING) throw this.fail(`can't give argument to non-function ${argString(cmd.args[0]!)}`);
  }

  private ideal(n: Extract<Arg, { t: 'number' }>): GoValue {
    return this.constant(idealNumber(n));
  }

  private constant(r: { value: GoValue } | { error: string }): GoValue {
    if ('error' in r) throw this.fail(r.error);
    return r.value;
  }

  /** Walks `.a.b.c` from receiver; the last field may be a method taking the command's other args. */
  private fieldChain(dot: GoValue, recv: GoValue, idents: string[], cmd: Command, final: GoValue | typeof MISSING): GoValue {
    let r = recv;
    for (let i = 0; i < idents.length; i++) {
      const last = i === idents.length - 1;
      const viaMap = i > 0 && idents.length > 1 && this.lastWasMap;
      r = this.field(dot, idents[i]!, r, last ? cmd : undefined, last ? final : MISSING, viaMap);
    }
    return r;
  }

  private field(dot: GoValue, name: string, recv: GoValue, cmd: Command | undefined, final: GoValue | typeof MISSING, viaMap: boolean): GoValue {
    this.lastWasMap = recv instanceof Map;
    if (recv === undefined) return undefined;
    if (recv === null) throw this.fail(`nil pointer evaluating interface {}.${name}`);
    const hasArgs = (cmd !== undefined && cmd.args.length > 1) || final !== MISSING;
    const m = recv instanceof GoStruct ? recv.methods.get(name) : recv instanceof Map ? mapMethods.get(recv)?.get(name) : undefined;
    if (m) {
      const args = cmd ? cmd.args.slice(1).map((a) => this.arg(dot, a, 'any')) : [];
      if (final !== MISSING) args.push(final);
      try {
        return m.call(args);
      } catch (e) {
        if (e instanceof FuncError) throw this.fail(`error calling ${name}: ${e.message}`);
        throw e;
      }
    }
    if (recv instanceof GoStruct) {
      if (recv.fields.has(name)) {
        if (hasArgs) throw this.fail(`${name} has arguments but cannot be invoked as function`);
        return recv.fields.get(name);
      }
    } else if (recv instanceof Map) {
      if (hasArgs) throw this.fail(`${name} is not a method but has arguments`);
      const v = recv.get(name);
      this.budget.reads?.push({ map: recv, key: name });
      return v === undefined ? null : v;
    }
    throw this.fail(`can't evaluate field ${name} in type ${viaMap ? 'interface {}' : typeName(recv)}`);
  }

  private call(dot: GoValue, name: string, cmd: Command, final: GoValue | typeof MISSING): GoValue {
    const f = this.funcs.get(name);
    this.at(cmd.args[0]!.pos, name);
    if (!f) throw this.fail(`${JSON.stringify(name)} is not a defined function`);
    const argNodes = cmd.args.slice(1);
    if (name === 'and' || name === 'or') return this.andOr(dot, name, argNodes, final);
    const numIn = argNodes.length + (final !== MISSING ? 1 : 0);
    if (f.variadic !== undefined) {
      if (numIn < f.params.length) throw this.fail(`wrong number of args for ${name}: want at least ${f.params.length} got ${argNodes.length}`);
    } else if (numIn !== f.params.length) {
      throw this.fail(`wrong number of args for ${name}: want ${f.params.length} got ${numIn}`);
    }
    const args: GoValue[] = [];
    const typeAt = (i: number): ParamType => (i < f.params.length ? f.params[i]! : f.variadic!);
    for (let i = 0; i < argNodes.length; i++) args.push(this.arg(dot, argNodes[i]!, typeAt(i)));
    if (final !== MISSING) args.push(this.validate(final, typeAt(args.length), true));
    this.at(cmd.args[0]!.pos, commandString(cmd));
    return this.invoke(name, f, args);
  }

  private invoke(name: string, f: FuncDef, args: GoValue[]): GoValue {
    try {
      return f.fn(args, this.ctx);
    } catch (e) {
      if (e instanceof FuncError) throw this.fail(`error calling ${name}: ${e.message}`);
      if (e instanceof FuncPanic) throw this.fail(`error calling ${name}: ${e.message}`);
      if (e instanceof TemplateExecError) {
        if (e.kind === 'budget') throw e;
        const outer = this.fail(`error calling ${name}: ${e.message}`);
        throw new TemplateExecError(outer.message, outer.site ?? e.site, 'exec', e.inner ?? e.site);
      }
      if (e instanceof RangeError) throw this.fail(`error calling ${name}: ${e.message}`, 'budget');
      throw e;
    }
  }

  private andOr(dot: GoValue, name: string, argNodes: Arg[], final: GoValue | typeof MISSING): GoValue {
    const all: (Arg | { v: GoValue })[] = [...argNodes];
    if (final !== MISSING) all.push({ v: final });
    if (all.length < 1) throw this.fail(`wrong number of args for ${name}: want at least 1 got 0`);
    let v: GoValue = undefined;
    for (let i = 0; i < all.length; i++) {
      const a = all[i]!;
      v = 'v' in a ? a.v : this.arg(dot, a, 'any');
      if (v === null) v = undefined;
      const t = isTrue(v);
      if (name === 'and' ? !t : t) return v;
    }
    return v;
  }

  /** Evaluates an argument for a parameter of the given type (Go's evalArg). */
  private arg(dot: GoValue, a: Arg, typ: ParamType): GoValue {
    this.at(a.pos, argString(a));
    switch (a.t) {
      case 'dot':
        return this.validate(dot, typ, false);
      case 'nil':
        if (typ === 'any' || typ === 'map' || typ === 'list' || typ === 'strings') return null;
        throw this.fail(`cannot assign nil to ${goTypeOfParam(typ)}`);
      case 'field':
        return this.validate(this.fieldChain(dot, dot, a.idents, { pos: a.pos, args: [a] }, MISSING), typ, false);
      case 'var': {
        const v = this.varValue(a.name);
        return this.validate(a.idents.length === 0 ? v : this.fieldChain(dot, v, a.idents, { pos: a.pos, args: [a] }, MISSING), typ, false);
      }
      case 'pipe': {
        const v = this.pipeline(dot, a.pipe);
        this.at(a.pos, argString(a));
        return this.validate(v, typ, true);
      }
      case 'ident':
        return this.validate(this.call(dot, a.name, { pos: a.pos, args: [a] }, MISSING), typ, true);
      case 'chain': {
        if (a.node.t === 'nil') throw this.fail(`indirection through explicit nil in ${argString(a)}`);
        return this.validate(this.fieldChain(dot, this.chainReceiver(dot, a.node), a.fields, { pos: a.pos, args: [a] }, MISSING), typ, false);
      }
    }
    return this.constant(constantArg(a, typ));
  }

  private validate(v: GoValue, typ: ParamType, fromPipe: boolean): GoValue {
    const r = validateArg(v, typ, fromPipe);
    if ('error' in r) throw this.fail(r.error);
    return r.value;
  }
}

const MISSING = Symbol('missing');
