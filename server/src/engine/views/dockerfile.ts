/**
 * The view Dockerfile rules see: build stages (named or not, with their base
 * image or parent stage), the instructions of each, variable resolution as
 * Docker does it (global ARG defaults for FROM; the stage's ARG and ENV
 * values for other instructions), and the format-neutral ImageView and
 * EnvVarView that the image and secret rules share with Kubernetes files.
 */
import { isSpaceAt, sliceLogical, sourceSpan, trimLogical, type DockerInstruction, type LogicalText, type ParsedDockerfile, type ParserDirective } from '../parse/dockerfile';
import type { Span } from '../types';
import { expandVariables, type Lookup } from './dockerfile-vars';
import type { EnvVarView, ImageView } from './values';

/** A whitespace-separated argument of an instruction. */
export interface ArgWord {
  value: string;
  span: Span;
}

/** A `--name=value` (or `--name`) flag at the start of an instruction's arguments. */
export interface InstructionFlag {
  name: string;
  value?: string;
  span: Span;
  /** The characters of `value` with their file offsets (for spans inside the value). */
  valueText?: LogicalText;
}

type SplitArgs = { flags: InstructionFlag[]; words: ArgWord[]; rest: LogicalText };

/**
 * The instruction's arguments split at blanks: flags first, then the rest (no shell quoting).
 * Computed on each call: `DockerfileView.args` computes it once per instruction of a file.
 */
export function splitArgs(ins: DockerInstruction): { readonly flags: readonly InstructionFlag[]; readonly words: readonly ArgWord[]; readonly rest: LogicalText } {
  return computeSplitArgs(ins);
}

/** `splitArgs(ins).rest` (the arguments after the flags), without splitting the rest into words. */
export function argsAfterFlags(ins: DockerInstruction): LogicalText {
  const t = ins.args;
  const s = t.text;
  let i = 0;
  let restStart = -1;
  while (i < s.length) {
    while (i < s.length && isSpaceAt(s, i)) i++;
    if (i >= s.length) break;
    const start = i;
    while (i < s.length && !isSpaceAt(s, i)) i++;
    if (!(i - start > 2 && s.startsWith('--', start))) {
      restStart = start;
      break;
    }
  }
  return restStart < 0 ? sliceLogical(t, s.length, s.length) : sliceLogical(t, restStart, s.length);
}

function computeSplitArgs(ins: DockerInstruction): SplitArgs {
  const t = ins.args;
  const s = t.text;
  const flags: InstructionFlag[] = [];
  const words: ArgWord[] = [];
  let restStart = -1;
  let i = 0;
  while (i < s.length) {
    while (i < s.length && isSpaceAt(s, i)) i++;
    if (i >= s.length) break;
    const start = i;
    while (i < s.length && !isSpaceAt(s, i)) i++;
    const value = s.slice(start, i);
    const span = sourceSpan(t, start, i);
    if (restStart < 0 && value.length > 2 && value.startsWith('--')) {
      const eq = value.indexOf('=');
      flags.push(
        eq < 0
          ? { name: value.slice(2), span }
          : { name: value.slice(2, eq), value: value.slice(eq + 1), span, valueText: sliceLogical(t, start + eq + 1, i) },
      );
      continue;
    }
    if (restStart < 0) restStart = start;
    words.push({ value, span });
  }
  const rest = restStart < 0 ? sliceLogical(t, s.length, s.length) : sliceLogical(t, restStart, s.length);
  return { flags, words, rest };
}

/**
 * The instruction an `ONBUILD` registers for child builds (`ONBUILD RUN x`
 * gives a RUN instruction with arguments `x`); undefined for anything else.
 * A new object on each call: `DockerfileView.trigger` makes one per instruction of a file.
 */
export function onbuildTrigger(ins: DockerInstruction): DockerInstruction | undefined {
  if (ins.keyword !== 'ONBUILD') return undefined;
  const m = /^(\S+)\s/.exec(ins.args.text);
  return m
    ? {
        keyword: m[1]!.toUpperCase(),
        keywordSpan: sourceSpan(ins.args, 0, m[1]!.length),
        span: ins.span,
        line: ins.line,
        args: trimLogical(sliceLogical(ins.args, m[1]!.length, ins.args.text.length)),
        heredocs: [],
        properties: [],
      }
    : undefined;
}

export interface StageView {
  /** 0-based, as in `COPY --from=0`. */
  index: number;
  /** `AS` name as written. */
  name?: string;
  nameSpan?: Span;
  from: DockerInstruction;
  /** The base image token of FROM (absent when FROM has no argument). */
  base?: {
    /** As written (`${BASE}`). */
    written: string;
    /** With ARG defaults substituted; undefined when a variable has no default. */
    value?: string;
    span: Span;
  };
  /** An earlier stage this one builds on (`FROM build`). */
  parent?: StageView;
  /** The base is `scratch`. */
  scratch: boolean;
  platform?: string;
  /** The instructions after FROM, up to the next FROM. */
  instructions: DockerInstruction[];
  /** `stage "build"` or `stage 0`: for messages. */
  label: string;
}

interface Definition {
  /** Index of the defining instruction in the file. */
  at: number;
  value: string | undefined;
  env: boolean;
}

export class DockerfileView {
  readonly text: string;
  readonly escapeChar: string;
  readonly directives: readonly ParserDirective[];
  readonly instructions: readonly DockerInstruction[];
  /** Instructions before the first FROM (global ARGs). */
  readonly preamble: readonly DockerInstruction[];
  readonly stages: readonly StageView[];
  private readonly globalArgs = new Map<string, string | undefined>();
  private readonly index = new Map<DockerInstruction, { position: number; stage?: StageView }>();
  private readonly definitions = new Map<StageView, Map<string, Definition[]>>();
  /** Per instruction of this file, read once for all the rules (and dropped with the view). */
  private readonly splits = new Map<DockerInstruction, SplitArgs>();
  private readonly triggers = new Map<DockerInstruction, DockerInstruction | null>();

  constructor(parsed: ParsedDockerfile) {
    this.text = parsed.text;
    this.escapeChar = parsed.escapeChar;
    this.directives = parsed.directives;
    this.instructions = parsed.instructions;
    const preamble: DockerInstruction[] = [];
    const stages: StageView[] = [];
    parsed.instructions.forEach((ins, position) => {
      if (ins.keyword === 'FROM') {
        stages.push(this.stage(ins, stages));
      } else if (stages.length === 0) {
        preamble.push(ins);
        if (ins.keyword === 'ARG') {
          for (const p of ins.properties) {
            this.globalArgs.set(p.name, p.value === undefined ? undefined : expandVariables(p.value, (n) => this.globalArgs.get(n), this.escapeChar));
          }
        }
      } else stages[stages.length - 1]!.instructions.push(ins);
      this.index.set(ins, { position, ...(stages.length ? { stage: stages[stages.length - 1]! } : {}) });
    });
    this.preamble = preamble;
    this.stages = stages;
  }

  /** The stage `docker build` builds without `--target`. */
  get finalStage(): StageView | undefined {
    return this.stages[this.stages.length - 1];
  }

  /** The stage and the earlier stages it builds on, nearest first (the image config it inherits). */
  lineage(stage: StageView): StageView[] {
    const out: StageView[] = [];
    for (let s: StageView | undefined = stage; s && !out.includes(s); s = s.parent) out.push(s);
    return out;
  }

  /** `The image` (one stage) or `The final stage (stage "app")`: the subject of messages about the built image. */
  get imageLabel(): string {
    const final = this.finalStage;
    return this.stages.length <= 1 || !final ? 'The image' : `The final stage (${final.label})`;
  }

  /**
   * Ports the built image declares with EXPOSE (in the final stage or the
   * stages it builds on), each with its resolved value (undefined when a
   * variable has no value).
   */
  exposedPorts(): { written: string; value?: string; span: Span }[] {
    const final = this.finalStage;
    if (!final) return [];
    const out: { written: string; value?: string; span: Span }[] = [];
    for (const stage of this.lineage(final).reverse()) {
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'EXPOSE') continue;
        for (const w of this.args(ins).words) {
          const value = this.resolve(w.value, ins);
          out.push({ written: w.value, span: w.span, ...(value !== undefined ? { value } : {}) });
        }
      }
    }
    return out;
  }

  stageOf(ins: DockerInstruction): StageView | undefined {
    return this.index.get(ins)?.stage;
  }

  /**
   * `value` with `$VAR` / `${VAR}` / `${VAR:-default}` expanded as Docker
   * would when building `ins` with no `--build-arg`: for FROM, the ARGs
   * before the first FROM; otherwise ARG defaults and ENV values defined
   * before it in its stage (`ARG NAME` re-imports a global default) and ENV
   * inherited from a parent stage. Undefined when a variable has no value.
   */
  resolve(value: string, ins: DockerInstruction): string | undefined {
    const entry = this.index.get(ins);
    if (!entry?.stage || ins.keyword === 'FROM') return expandVariables(value, (n) => this.globalArgs.get(n), this.escapeChar);
    const stage = entry.stage;
    return expandVariables(value, (n) => this.lookup(stage, n, entry.position, false), this.escapeChar);
  }

  private lookup(stage: StageView, name: string, before: number, envOnly: boolean): string | undefined {
    const defs = this.definitionsOf(stage).get(name) ?? [];
    for (let i = defs.length - 1; i >= 0; i--) {
      const d = defs[i]!;
      if (d.at < before && (d.env || !envOnly)) return d.value;
    }
    return stage.parent && stage.parent !== stage ? this.lookup(stage.parent, name, Infinity, true) : undefined;
  }

  /** ARG and ENV definitions of a stage by name, in file order, values already expanded. */
  private definitionsOf(stage: StageView): Map<string, Definition[]> {
    let defs = this.definitions.get(stage);
    if (defs) return defs;
    defs = new Map();
    this.definitions.set(stage, defs);
    for (const ins of stage.instructions) {
      if (ins.keyword !== 'ARG' && ins.keyword !== 'ENV') continue;
      const at = this.index.get(ins)!.position;
      for (const p of ins.properties) {
        const lookup: Lookup = (n) => this.lookup(stage, n, at, false);
        let value: string | undefined;
        if (p.value !== undefined) value = expandVariables(p.value, lookup, this.escapeChar);
        else if (ins.keyword === 'ARG') value = this.globalArgs.get(p.name); // `ARG NAME` re-imports a global default
        const list = defs.get(p.name) ?? [];
        list.push({ at, value, env: ins.keyword === 'ENV' });
        defs.set(p.name, list);
      }
    }
    return defs;
  }

  /** `splitArgs(ins)` of an instruction of this file, computed once; callers must not modify what it returns. */
  args(ins: DockerInstruction): ReturnType<typeof splitArgs> {
    let split = this.splits.get(ins);
    if (!split) this.splits.set(ins, (split = computeSplitArgs(ins)));
    return split;
  }

  /** `onbuildTrigger(ins)` of an instruction of this file: the same object on every call. */
  trigger(ins: DockerInstruction): DockerInstruction | undefined {
    let known = this.triggers.get(ins);
    if (known === undefined) this.triggers.set(ins, (known = onbuildTrigger(ins) ?? null));
    return known ?? undefined;
  }

  private stage(from: DockerInstruction, earlier: readonly StageView[]): StageView {
    const index = earlier.length;
    const { flags, words } = this.args(from);
    const image = words[0];
    const asName = words[1]?.value.toLowerCase() === 'as' ? words[2] : undefined;
    const label = asName ? `stage "${asName.value}"` : `stage ${index}`;
    const stage: StageView = { index, from, scratch: false, instructions: [], label };
    if (asName) {
      stage.name = asName.value;
      stage.nameSpan = asName.span;
    }
    const platform = flags.find((f) => f.name === 'platform')?.value;
    if (platform !== undefined) stage.platform = platform;
    if (image) {
      const value = expandVariables(image.value, (n) => this.globalArgs.get(n), this.escapeChar);
      stage.base = { written: image.value, span: image.span, ...(value !== undefined && value !== '' ? { value } : {}) };
      const key = value?.toLowerCase();
      if (key === 'scratch') stage.scratch = true;
      else if (key !== undefined) {
        const parent = [...earlier].reverse().find((s) => s.name?.toLowerCase() === key);
        if (parent) stage.parent = parent;
      }
    }
    return stage;
  }

  /** Every base image pulled by a FROM: not scratch, not an earlier stage, variables resolved. */
  images(): ImageView[] {
    const out: ImageView[] = [];
    for (const s of this.stages) {
      if (!s.base?.value || s.scratch || s.parent) continue;
      out.push({ value: s.base.value, span: s.base.span, owner: capitalize(s.label) });
    }
    return out;
  }

  /**
   * The stage `ref` names (`COPY --from=build`, case-insensitive as in
   * BuildKit; with `allowIndex`, also `--from=0`), or undefined when it
   * names no stage.
   */
  stageNamed(ref: string, allowIndex: boolean): StageView | undefined {
    if (allowIndex && /^[0-9]{1,9}$/.test(ref)) return this.stages[Number(ref)];
    const key = ref.toLowerCase();
    return this.stages.find((s) => s.name?.toLowerCase() === key);
  }

  /** Every ENV and ARG variable, with its literal value when it has one. */
  envVars(): EnvVarView[] {
    const out: EnvVarView[] = [];
    for (const ins of this.instructions) {
      if (ins.keyword !== 'ENV' && ins.keyword !== 'ARG') continue;
      const stage = this.stageOf(ins);
      const owner = stage ? `${ins.keyword} in ${stage.label}` : `${ins.keyword} before the first FROM`;
      for (const p of ins.properties) {
        out.push({
          name: p.name,
          nameSpan: p.nameSpan,
          ...(p.value !== undefined ? { value: p.value } : {}),
          ...(p.valueSpan ? { valueSpan: p.valueSpan } : {}),
          owner,
        });
      }
    }
    return out;
  }
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
