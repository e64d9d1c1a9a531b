/** Helpers the Dockerfile rules share. */
import type { DockerInstruction } from '../../parse/dockerfile';
import type { ShellCommand, ShellPipeline, ShellWord } from '../../parse/shell';
import type { Span } from '../../types';
import type { DockerfileView } from '../../views/dockerfile';
import { programChain, runPipelines } from '../../views/dockerfile-run';
import type { DocumentViews } from '../../views/view-set';

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

type Runs = { pipelines: RunPipeline[]; commands: RunCommand[] };

/** The RUN pipelines and commands of a view, listed once (per document, in `views`) for all the rules that read them. */
function runs(df: DockerfileView, views: DocumentViews): Runs {
  return views.memo(df, 'runs', () => {
    const known: Runs = { pipelines: [], commands: [] };
    for (const instruction of df.instructions) {
      const ins = df.trigger(instruction) ?? instruction;
      if (ins.keyword !== 'RUN') continue;
      for (const pipeline of runPipelines(ins)) {
        const chains = pipeline.map((command) => programChain(command));
        known.pipelines.push({ ins, pipeline, chains });
        for (let i = 0; i < pipeline.length; i++) known.commands.push({ ins, command: pipeline[i]!, chain: chains[i]! });
      }
    }
    return known;
  });
}

/** Every pipeline of every RUN instruction (all stages, `ONBUILD RUN` included), with its instruction. */
export function runPipelinesOf(df: DockerfileView, views: DocumentViews): readonly RunPipeline[] {
  return runs(df, views).pipelines;
}

/** Every simple command of every RUN instruction. */
export function runCommandsOf(df: DockerfileView, views: DocumentViews): readonly RunCommand[] {
  return runs(df, views).commands;
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
