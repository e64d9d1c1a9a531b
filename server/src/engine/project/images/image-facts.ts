/**
 * What a Dockerfile says about the image it builds, as the kubelet and the
 * container runtime will see it (see docs/relations.md, "Will it start?"):
 * the user the final stage runs as, the ports it EXPOSEs, and the paths its
 * start command writes to. Read from the final stage and the stages it builds
 * on; anything that depends on the base image (a USER the Dockerfile does not
 * set) or on build arguments without a default is "unknown", never a guess.
 *
 * Pure; spans are offsets into the Dockerfile.
 */
import type { DockerInstruction } from '../../parse/dockerfile';
import type { ShellWord } from '../../parse/shell';
import type { Span } from '../../types';
import type { DockerfileView, StageView } from '../../views/dockerfile';
import { programChain, programName, runPipelines } from '../../views/dockerfile-run';
import { imageName } from './image-match';

/**
 * The image's user as the runtime reports it to the kubelet (containerd's
 * `getUserFromImage`: the part before `:`; a number is a UID, anything else a
 * user name). `root`: UID 0, or no user at all (a `scratch` image; the kubelet
 * treats an image without a user as root). Undefined: the base image decides
 * (no USER in the Dockerfile), or a variable has no value.
 */
export type ImageUser = { kind: 'uid'; uid: number; written: string; at: Span } | { kind: 'name'; name: string; written: string; at: Span } | { kind: 'none'; at: Span };

export function imageUser(df: DockerfileView): ImageUser | undefined {
  const final = df.finalStage;
  if (!final) return undefined;
  const lineage = df.lineage(final);
  for (const stage of lineage) {
    const last = [...stage.instructions].reverse().find((i) => i.keyword === 'USER');
    if (!last) continue;
    const written = df.resolve(last.args.text, last)?.trim();
    const user = written?.split(':')[0]?.trim();
    if (!written || !user) return undefined;
    if (/^[0-9]+$/.test(user)) return { kind: 'uid', uid: Number(user), written, at: last.span };
    return { kind: 'name', name: user, written, at: last.span };
  }
  const root = lineage[lineage.length - 1]!;
  return root.scratch ? { kind: 'none', at: root.from.span } : undefined;
}

export interface ExposedPort {
  from: number;
  to: number;
  protocol: string;
  span: Span;
}

/** The ports the image EXPOSEs (`8080`, `8080/tcp`, `53/udp`, ranges), or undefined when one cannot be read (a variable without a value). */
export function exposedPorts(df: DockerfileView): ExposedPort[] | undefined {
  const out: ExposedPort[] = [];
  for (const p of df.exposedPorts()) {
    const m = p.value === undefined ? null : /^([0-9]{1,5})(?:-([0-9]{1,5}))?(?:\/(tcp|udp|sctp))?$/i.exec(p.value);
    if (!m) return undefined;
    const from = Number(m[1]);
    out.push({ from, to: m[2] ? Number(m[2]) : from, protocol: (m[3] ?? 'tcp').toUpperCase(), span: p.span });
  }
  return out;
}

/** How EXPOSEd ports are listed in messages: `8080/tcp, 9000-9001/udp`. */
export function describePorts(ports: readonly ExposedPort[]): string {
  return ports.map((p) => `${p.from === p.to ? p.from : `${p.from}-${p.to}`}/${p.protocol.toLowerCase()}`).join(', ');
}

/** What the container's spec replaces of the image's start command (`command` replaces ENTRYPOINT and CMD, `args` CMD). */
export interface StartOverrides {
  command: boolean;
  args: boolean;
}

export interface WritePath {
  path: string;
  /** Why it is written: `the start command writes to it`, `the nginx base image writes there`, ... */
  reason: string;
  /** The Dockerfile line that shows it. */
  at: Span;
  /** Where a volume would make it writable: the folder of a file, the folder itself, /tmp. */
  mount: string;
}

/** The instruction of this kind that is in effect for the final stage (the last one in it or the stages it builds on). */
function inEffect(lineage: readonly StageView[], keyword: string): DockerInstruction | undefined {
  for (const stage of lineage) {
    const found = [...stage.instructions].reverse().find((i) => i.keyword === keyword);
    if (found) return found;
  }
  return undefined;
}

const SYSTEM = /^\/(?:dev|proc|sys)(?:\/|$)/;
const TEMP = /^\/(?:var\/)?tmp(?:\/|$)/;
const OUTPUT_OPS = new Set(['>', '>>', '>|', '&>', '&>>']);

/** Absolute, literal paths (no variables, no globs) outside /dev, /proc and /sys. */
const isWritablePath = (p: string): boolean => p.startsWith('/') && !/[$*?`[]/.test(p) && !SYSTEM.test(p);

/** The paths a start instruction (CMD, ENTRYPOINT) visibly writes: redirections, `tee` and `touch` targets, and paths under /tmp it names. */
function startWrites(ins: DockerInstruction): WritePath[] {
  const out: WritePath[] = [];
  const add = (w: ShellWord | undefined, path: string, reason: string, mount: string) => {
    if (w && isWritablePath(path) && !out.some((o) => o.path === path)) out.push({ path, reason, at: ins.span, mount });
  };
  const folder = (p: string): string => p.slice(0, p.lastIndexOf('/')) || '/';
  for (const pipeline of runPipelines(ins)) {
    for (const cmd of pipeline) {
      for (const r of cmd.redirects) if (OUTPUT_OPS.has(r.op) && r.target) add(r.target, r.target.value, `its ${ins.keyword} redirects output there`, folder(r.target.value));
      const program = programName(programChain(cmd).at(-1));
      const args = cmd.argv.slice(1);
      if (program === 'tee' || program === 'touch' || program === 'mkdir') {
        for (const a of args) if (!a.value.startsWith('-')) add(a, a.value, `its ${ins.keyword} runs ${program} on it`, program === 'mkdir' ? a.value : folder(a.value));
      }
      for (const a of args) {
        const value = a.value.includes('=') && a.value.startsWith('-') ? a.value.slice(a.value.indexOf('=') + 1) : a.value;
        if (TEMP.test(value)) add(a, value, `its ${ins.keyword} uses it`, /^\/var\/tmp(?:\/|$)/.test(value) ? '/var/tmp' : '/tmp');
      }
    }
  }
  return out;
}

/**
 * Base images known to write to their file system when they start, and where (with their default start command).
 * `main`: the paths only the main configuration file can move (nginx's `pid`); the others (temp paths) can also be
 * moved by the files beside it (`conf.d/`).
 */
const WRITING_BASES: ReadonlyArray<{ path: string; program: string; writes: readonly string[]; main: readonly string[]; what: string; config: string }> = [
  { path: 'nginx', program: 'nginx', writes: ['/var/cache/nginx', '/var/run'], main: ['/var/run'], what: 'nginx creates its temp folders in /var/cache/nginx and its pid file in /var/run', config: '/etc/nginx' },
  { path: 'nginxinc/nginx-unprivileged', program: 'nginx', writes: ['/tmp'], main: ['/tmp'], what: 'nginx (unprivileged image) writes its pid file and temp folders in /tmp', config: '/etc/nginx' },
];

/**
 * How the Dockerfile changes a base image's configuration folder: not at all; only files beside the main file
 * (`COPY default.conf /etc/nginx/conf.d/`); or possibly the main file (copied over, the whole folder, or a RUN that
 * names the folder, such as a `sed -i` on it).
 */
function configChange(df: DockerfileView, lineage: readonly StageView[], folder: string): 'none' | 'beside' | 'main' {
  let change: 'none' | 'beside' | 'main' = 'none';
  for (const stage of lineage) {
    for (const ins of stage.instructions) {
      if (ins.keyword === 'RUN' && ins.args.text.includes(folder)) return 'main';
      if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
      const words = df.args(ins).words;
      const exec = words.length > 0 && words[0]!.value.startsWith('[');
      const dest = exec ? (safeJson(df.args(ins).rest.text).at(-1) as unknown) : words.at(-1)?.value;
      if (typeof dest !== 'string' || !(dest === folder || dest.startsWith(`${folder}/`))) continue;
      const rest = dest.slice(folder.length).replace(/^\/+/, '');
      if (!/^(?:conf\.d|templates)(?:\/|$)/.test(rest)) return 'main';
      change = 'beside';
    }
  }
  return change;
}

/**
 * The paths the image's start command writes to at run time, where the
 * Dockerfile shows it (see the module comment; conservative: a path is listed
 * only when the command or a known base image visibly writes it).
 * `overrides`: what the container's `command` and `args` replace.
 */
export function writePaths(df: DockerfileView, overrides: StartOverrides): WritePath[] {
  const final = df.finalStage;
  if (!final) return [];
  const lineage = df.lineage(final);
  const entrypoint = overrides.command ? undefined : inEffect(lineage, 'ENTRYPOINT');
  const cmd = overrides.command || overrides.args ? undefined : inEffect(lineage, 'CMD');
  const out: WritePath[] = [];
  for (const ins of [entrypoint, cmd]) if (ins) for (const w of startWrites(ins)) if (!out.some((o) => o.path === w.path)) out.push(w);
  // A known base image whose own start command (not replaced here) writes to its file system.
  const root = lineage[lineage.length - 1]!;
  const base = root.base?.value !== undefined && !root.scratch ? imageName(root.base.value) : undefined;
  const known = base && (base.registry === undefined || base.registry === 'docker.io') ? WRITING_BASES.find((b) => b.path === base.path) : undefined;
  const replaced = overrides.command || overrides.args || entrypoint !== undefined || (cmd !== undefined && !startsWith(cmd, known?.program));
  const config = known && !replaced ? configChange(df, lineage, known.config) : 'main';
  if (known && config !== 'main') {
    const writes = config === 'beside' ? known.main : known.writes;
    for (const path of writes) if (!out.some((o) => o.path === path)) out.push({ path, reason: known.what, at: root.from.span, mount: path });
  }
  return out;
}

/** Whether a start instruction runs `program` (`CMD ["nginx", "-g", "daemon off;"]`). */
function startsWith(ins: DockerInstruction, program: string | undefined): boolean {
  const first = runPipelines(ins)[0]?.[0];
  return program !== undefined && first !== undefined && programName(programChain(first).at(-1)) === program;
}

/** Whether `mount` (a mount path or VOLUME) covers `path` (the same folder or a parent); `/var/run` and `/run` are one folder (a symlink in Debian and Alpine). */
export function covers(mount: string, path: string): boolean {
  const norm = (p: string): string => {
    let end = p.length;
    while (end > 0 && p.charCodeAt(end - 1) === 47 /* / */) end--;
    const trimmed = p.slice(0, end) || '/';
    return trimmed === '/var/run' || trimmed.startsWith('/var/run/') ? trimmed.slice('/var'.length) : trimmed;
  };
  const m = norm(mount);
  const p = norm(path);
  return m === '/' || p === m || p.startsWith(`${m}/`);
}

/** The VOLUME paths of the final stage and the stages it builds on (the runtime mounts a writable volume there). */
export function volumes(df: DockerfileView): string[] {
  const final = df.finalStage;
  if (!final) return [];
  const out: string[] = [];
  for (const stage of df.lineage(final)) {
    for (const ins of stage.instructions) {
      if (ins.keyword !== 'VOLUME') continue;
      const raw = df.resolve(ins.args.text, ins) ?? '';
      const list = raw.trim().startsWith('[') ? safeJson(raw) : raw.split(/\s+/);
      for (const v of list) if (typeof v === 'string' && v.startsWith('/')) out.push(v);
    }
  }
  return out;
}

function safeJson(raw: string): unknown[] {
  try {
    const v: unknown = JSON.parse(raw);
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}
