/** Helpers the Dockerfile rules share. */
import type { DockerInstruction } from '../../parse/dockerfile';
import type { ShellCommand, ShellPipeline } from '../../parse/shell';
import type { Span } from '../../types';
import { onbuildTrigger, type DockerfileView } from '../../views/dockerfile';
import { runPipelines } from '../../views/dockerfile-run';

/** Every pipeline of every RUN instruction (all stages, `ONBUILD RUN` included), with its instruction. */
export function* runPipelinesOf(df: DockerfileView): Generator<{ ins: DockerInstruction; pipeline: ShellPipeline }> {
  for (const instruction of df.instructions) {
    const ins = onbuildTrigger(instruction) ?? instruction;
    if (ins.keyword !== 'RUN') continue;
    for (const pipeline of runPipelines(ins)) yield { ins, pipeline };
  }
}

/** Every simple command of every RUN instruction. */
export function* runCommandsOf(df: DockerfileView): Generator<{ ins: DockerInstruction; command: ShellCommand }> {
  for (const { ins, pipeline } of runPipelinesOf(df)) for (const command of pipeline) yield { ins, command };
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
