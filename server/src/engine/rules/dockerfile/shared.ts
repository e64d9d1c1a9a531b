/** Helpers the Dockerfile rules share. */
import type { DockerInstruction } from '../../parse/dockerfile';
import type { ShellCommand, ShellPipeline, ShellWord } from '../../parse/shell';
import type { Span } from '../../types';
import { onbuildTrigger, type DockerfileView } from '../../views/dockerfile';
import { programChain, runPipelines } from '../../views/dockerfile-run';

export interface RunPipeline {
  ins: DockerInstruction;
  pipeline: ShellPipeline;
  /** `programChain` of each command of the pipeline. */
  chains: readonly ShellWord[][];
}

export interface RunCommand {
  ins: DockerInstruction;
  command: ShellCommand;
  /** `programChain(command)`. */
  chain: readonly ShellWord[];
}

/** The RUN pipelines and commands of a view, listed once for all the rules that read them. */
const runsOf = new WeakMap<DockerfileView, { pipelines: RunPipeline[]; commands: RunCommand[] }>();

function runs(df: DockerfileView): { pipelines: RunPipeline[]; commands: RunCommand[] } {
  let known = runsOf.get(df);
  if (known) return known;
  known = { pipelines: [], commands: [] };
  for (const instruction of df.instructions) {
    const ins = onbuildTrigger(instruction) ?? instruction;
    if (ins.keyword !== 'RUN') continue;
    for (const pipeline of runPipelines(ins)) {
      const chains = pipeline.map((command) => programChain(command));
      known.pipelines.push({ ins, pipeline, chains });
      for (let i = 0; i < pipeline.length; i++) known.commands.push({ ins, command: pipeline[i]!, chain: chains[i]! });
    }
  }
  runsOf.set(df, known);
  return known;
}

/** Every pipeline of every RUN instruction (all stages, `ONBUILD RUN` included), with its instruction. */
export function runPipelinesOf(df: DockerfileView): readonly RunPipeline[] {
  return runs(df).pipelines;
}

/** Every simple command of every RUN instruction. */
export function runCommandsOf(df: DockerfileView): readonly RunCommand[] {
  return runs(df).commands;
}

/** From the start of `a` to the end of `b` when both are on one line of the file; otherwise `b`. */
export function joinOnLine(text: string, a: Span, b: Span): Span {
  if (b.start < a.start) return b;
  for (let i = a.start; i < b.end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return b;
  }
  return { start: a.start, end: b.end };
}

/** Tag of a base image says it runs as a non-root user (distroless `nonroot`, `debug-nonroot`, `nonroot-arm64`). */
export function nonRootTag(tag: string | undefined): boolean {
  return tag !== undefined && /(?:^|-)nonroot(?:$|-)/.test(tag);
}
