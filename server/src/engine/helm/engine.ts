/**
 * A set of parsed templates (one chart's files and their `define`s) that executes them with Helm's options and a
 * shared budget. `include` and `tpl` run inside the same budget; `tpl` parses its text into a copy of the set (named
 * "gotpl", as Helm names it), so its defines stay local to the call.
 */
import { Executor } from './exec';
import { newBudget, TemplateExecError, type Budget, type Limits, type OutputSegment } from './limits';
import { helmFuncs } from './funcs';
import { FuncError, type CallContext, type FuncMap } from './funcs-types';
import { parseTemplate, TemplateParseError, type ParsedTemplate } from './parse';
import type { GoValue } from './values';

export class TemplateSet {
  readonly trees: Map<string, ParsedTemplate>;

  constructor(
    readonly funcs: FuncMap = helmFuncs,
    trees?: Map<string, ParsedTemplate>,
  ) {
    this.trees = trees ?? new Map();
  }

  /** Parses a file and adds its trees (later definitions replace earlier ones, as in Go). */
  addFile(name: string, text: string): TemplateParseError | undefined {
    try {
      const { trees } = parseTemplate(name, text, (f) => this.funcs.has(f));
      for (const [k, t] of trees) this.trees.set(k, t);
      return undefined;
    } catch (e) {
      if (e instanceof TemplateParseError) return e;
      // Hostile nesting (thousands of parentheses) exhausts the parser's stack: a parse error, not a crash.
      if (e instanceof RangeError) return new TemplateParseError(name, 0, 1, 'template nested too deeply');
      throw e;
    }
  }

  /** Executes a template; Helm's `<no value>` replacement is the caller's (renderTemplate). Throws TemplateExecError. */
  execute(name: string, data: GoValue, budget: Budget = newBudget()): string {
    return this.executeTraced(name, data, budget).output;
  }

  /** Executes a template and says where each piece of its output came from. Throws TemplateExecError. */
  executeTraced(name: string, data: GoValue, budget: Budget = newBudget()): { output: string; segments: OutputSegment[] } {
    const ctx: CallContext = {
      include: (n, d) => this.execute(n, d, budget),
      tpl: (text, d) => this.tpl(text, d, budget),
      spend: (n) => {
        budget.steps += n;
        if (budget.steps > budget.limits.maxSteps) throw new TemplateExecError(`template execution exceeded ${budget.limits.maxSteps} steps`, undefined, 'budget');
      },
    };
    const ex = new Executor(this.trees, this.funcs, budget, ctx);
    const output = ex.run(name, data);
    return { output, segments: ex.segments };
  }

  private tpl(text: string, data: GoValue, budget: Budget): string {
    const copy = new TemplateSet(this.funcs, new Map(this.trees));
    const err = copy.addFile('gotpl', text);
    if (err) throw new FuncError(`cannot parse template ${JSON.stringify(text)}: ${err.message}`);
    try {
      return copy.execute('gotpl', data, budget).replaceAll('<no value>', '');
    } catch (e) {
      if (e instanceof TemplateExecError && e.kind !== 'budget') throw new FuncError(`error during tpl function execution for ${JSON.stringify(text)}: ${e.message}`);
      throw e;
    }
  }
}

/**
 * Helm's final step: every `<no value>` in a rendered template is removed. Segments shift with the text they index.
 */
export function dropNoValue(output: string, segments: readonly OutputSegment[]): { output: string; segments: OutputSegment[] } {
  const NO = '<no value>';
  if (!output.includes(NO)) return { output, segments: [...segments] };
  const cuts: number[] = [];
  for (let i = output.indexOf(NO); i >= 0; i = output.indexOf(NO, i + NO.length)) cuts.push(i);
  const shift = (o: number): number => {
    let removed = 0;
    for (const c of cuts) {
      if (c >= o) break;
      removed += Math.min(NO.length, o - c);
    }
    return o - removed;
  };
  return { output: output.replaceAll(NO, ''), segments: segments.map((g) => ({ ...g, out: shift(g.out) })) };
}

/** Renders one template as Helm does (missing values print nothing). */
export function renderTemplate(set: TemplateSet, name: string, data: GoValue, limits?: Partial<Limits>, budget = newBudget(limits)): string {
  return set.execute(name, data, budget).replaceAll('<no value>', '');
}
