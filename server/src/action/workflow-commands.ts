/**
 * The GitHub Actions runner's side of the protocol a JavaScript action speaks
 * (what @actions/core does, without the dependency): inputs from `INPUT_*`
 * variables, workflow commands on stdout (`::error file=...::message`), and
 * outputs and the step summary appended to the files GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY name.
 */
import { appendFileSync } from 'node:fs';
import { EOL } from 'node:os';

export type Env = Readonly<Record<string, string | undefined>>;

/** An input as the runner passes it: `INPUT_<NAME>` with spaces as `_`, upper-cased (hyphens stay), trimmed. */
export function getInput(env: Env, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** A workflow command's message: `%`, CR and LF escaped. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: as data, plus `:` and `,`. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface AnnotationProps {
  file?: string;
  line?: number;
  endLine?: number;
  col?: number;
  endColumn?: number;
  title?: string;
}

/** `::error file=a.yaml,line=3,col=5,title=rule::message` (properties in that order, only those given). */
export function annotation(level: AnnotationLevel, message: string, props: AnnotationProps = {}): string {
  const parts = Object.entries(props)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`);
  return `::${level}${parts.length ? ` ${parts.join(',')}` : ''}::${escapeData(message)}${EOL}`;
}

/** Append `name=value` lines to the GITHUB_OUTPUT file (values here are one line; a no-op outside a runner). */
export function setOutputs(env: Env, outputs: Record<string, string | number>): void {
  const file = env.GITHUB_OUTPUT;
  if (!file) return;
  appendFileSync(file, Object.entries(outputs).map(([k, v]) => `${k}=${String(v).replace(/[\r\n]+/g, ' ')}${EOL}`).join(''));
}

/** Append Markdown to the GITHUB_STEP_SUMMARY file (a no-op outside a runner). */
export function appendSummary(env: Env, markdown: string): void {
  const file = env.GITHUB_STEP_SUMMARY;
  if (file) appendFileSync(file, markdown);
}
