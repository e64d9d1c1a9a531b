import { parseExecForm } from '../../parse/exec-form';
import type { DockerInstruction } from '../../parse/dockerfile';
import { defineRule } from '../../rule';
import { onbuildTrigger, splitArgs, type DockerfileView } from '../../views/dockerfile';
import { unquoteWord } from '../../views/dockerfile-vars';

/**
 * File names of the archives ADD extracts from a local source: a tar, plain or
 * compressed with one of the formats Docker detects (gzip, bzip2, xz, zstd),
 * and single compressed files, which may hold a tar (Docker decides by the
 * content, not the name). lzip, lzma and compress (`.lz`, `.lzma`, `.Z`) are
 * not decompressed by ADD: such files are copied as they are.
 */
const ARCHIVE_EXTENSIONS: readonly string[] = ['.tar', '.gz', '.tgz', '.bz2', '.tbz', '.tbz2', '.tb2', '.xz', '.txz', '.zst', '.zstd', '.tzst'];

/** Flags COPY does not accept. */
const ADD_ONLY_FLAGS = new Set(['checksum', 'keep-git-dir', 'unpack']);

/** `unknown`: a variable without a value, so what the source is cannot be told. */
export type AddSource = 'remote' | 'git' | 'archive' | 'heredoc' | 'local' | 'unknown';

const isAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** `user@host:path` (user of `[A-Za-z0-9_-]`, host of `[A-Za-z0-9.-]`): the scp-like form BuildKit takes as a git source over SSH. */
function scpLike(src: string): boolean {
  const at = src.indexOf('@');
  const colon = at < 0 ? -1 : src.indexOf(':', at + 1);
  if (at <= 0 || colon <= at + 1) return false;
  for (let i = 0; i < at; i++) {
    const c = src.charCodeAt(i);
    if (!isAlnum(c) && c !== 95 /* _ */ && c !== 45 /* - */) return false;
  }
  for (let i = at + 1; i < colon; i++) {
    const c = src.charCodeAt(i);
    if (!isAlnum(c) && c !== 46 /* . */ && c !== 45 /* - */) return false;
  }
  return true;
}

/**
 * Git sources as BuildKit recognises them (`dfgitutil.ParseGitRef`):
 * `git://` and `ssh://` URLs, the scp-like `git@github.com:org/repo.git`, and
 * `http(s)://` URLs whose path (before `?` and `#`) ends in `.git`, such as
 * `https://github.com/org/repo.git#v1.2` or `...repo.git?ref=v1.2&subdir=docs`.
 */
function isGitSource(src: string): boolean {
  const lower = src.toLowerCase();
  if (lower.startsWith('git://') || lower.startsWith('ssh://')) return true;
  if (lower.startsWith('http://') || lower.startsWith('https://')) {
    let end = lower.length;
    const q = lower.indexOf('?');
    const h = lower.indexOf('#');
    if (q >= 0) end = q;
    if (h >= 0 && h < end) end = h;
    return lower.slice(0, end).endsWith('.git');
  }
  return !lower.includes('://') && scpLike(src);
}

/** What an ADD source is, from its value with variables resolved and quotes removed. */
export function classifyAddSource(src: string): AddSource {
  if (isGitSource(src)) return 'git';
  const lower = src.toLowerCase();
  if (lower.startsWith('http://') || lower.startsWith('https://')) return 'remote';
  if (src.startsWith('<<')) return 'heredoc';
  if (ARCHIVE_EXTENSIONS.some((ext) => lower.length > ext.length && lower.endsWith(ext))) return 'archive';
  return 'local';
}

interface Source {
  /** As Docker reads it: variables resolved, quotes removed (variables as written when one has no value). */
  src: string;
  kind: AddSource;
  /** False when a variable has no value: the kind then comes from the literal text around it. */
  resolved: boolean;
}

/** The sources of an ADD (all arguments but the destination; a heredoc may be the only argument). */
function sourcesOf(df: DockerfileView, ins: DockerInstruction, declaring: DockerInstruction): Source[] {
  const { words, rest } = splitArgs(ins);
  const exec = parseExecForm(rest);
  const args = exec ? exec.map((w) => w.value) : words.map((w) => w.value);
  const written = args.length > 1 ? args.slice(0, -1) : args.filter((a) => a.startsWith('<<'));
  return written.map((w): Source => {
    if (w.startsWith('<<')) return { src: w, kind: 'heredoc', resolved: true };
    // Variables as the stage sees them (`ONBUILD ADD` is judged with the values where it is declared).
    const resolved = w.includes('$') ? df.resolve(w, declaring) : w;
    if (resolved !== undefined) {
      const src = exec ? resolved : unquoteWord(resolved, df.escapeChar);
      return { src, kind: classifyAddSource(src), resolved: true };
    }
    // `https://host/v$VERSION/tool.jar` is still a download and `app-$V.tar.gz` an archive; `$SRC` may be anything.
    const text = exec ? w : unquoteWord(w, df.escapeChar);
    return { src: text, kind: text.startsWith('$') ? 'unknown' : classifyAddSource(text), resolved: false };
  });
}

/**
 * ADD where COPY would do. One finding per ADD, at the keyword:
 * - a local file, directory or heredoc: COPY does the same (warning);
 * - a remote URL without `--checksum`: an unverified download (warning);
 * - a local tar archive or compressed file: ADD extracts it (info: often intended);
 * - not reported: a git repository (COPY cannot fetch one), a remote URL
 *   pinned with `--checksum`, and a source that is only a variable without a value.
 * The fix (ADD -> COPY) needs every source known to be a local file or heredoc.
 */
export default defineRule({
  meta: {
    id: 'dockerfile-add',
    title: 'ADD instead of COPY',
    description:
      'ADD copies like COPY but also downloads URLs and extracts local tar archives, implicitly. Use COPY for files and directories; download remote files with a verified checksum.',
    defaultSeverity: 'warning',
    category: 'dockerfile',
    fixable: 'fix',
    messages: {
      local: 'Use COPY instead of ADD for "{{src}}": COPY only copies, ADD also downloads URLs and extracts archives.',
      remote:
        'ADD downloads "{{src}}" at build time without verifying it; pin it with ADD --checksum=sha256:..., or download it with curl or wget and check its checksum.',
      archive: 'ADD extracts the local archive "{{src}}" implicitly; keep ADD only if the extraction is intended (or COPY it and extract it with RUN tar).',
    },
    references: {
      cisDocker: ['4.9'],
      hadolint: ['DL3020'],
      checkov: ['CKV_DOCKER_4'],
      trivy: ['DS005'],
      urls: [
        'https://docs.docker.com/reference/dockerfile/#add',
        'https://docs.docker.com/build/building/best-practices/#add-or-copy',
      ],
    },
  },
  create(ctx) {
    return {
      dockerfile(df) {
        for (const instruction of df.instructions) {
          const ins = onbuildTrigger(instruction) ?? instruction; // `ONBUILD ADD` adds in child builds
          if (ins.keyword !== 'ADD') continue;
          const { flags } = splitArgs(ins);
          const pinned = flags.some((f) => f.name === 'checksum' && f.value !== undefined && f.value !== '');
          // `--unpack=false` keeps local archives as they are (and `--unpack` is ADD-only: no fix either way).
          const unpack = flags.find((f) => f.name === 'unpack');
          const noUnpack = unpack !== undefined && unpack.value !== undefined && unquoteWord(unpack.value).toLowerCase() === 'false';
          const kinds = sourcesOf(df, ins, instruction).map((s) => (noUnpack && s.kind === 'archive' ? { ...s, kind: 'local' as const } : s));
          const remote = pinned ? undefined : kinds.find((k) => k.kind === 'remote');
          const local = kinds.find((k) => k.kind === 'local' || k.kind === 'heredoc');
          const archive = kinds.find((k) => k.kind === 'archive');
          if (remote) ctx.report({ messageId: 'remote', data: { src: remote.src }, at: ins.keywordSpan });
          else if (local) {
            // COPY does the same only when every source is a plain local file or heredoc
            // (an archive next to it would no longer be extracted; an unresolved variable may be
            // a URL) and no ADD-only flag is used.
            const safe = kinds.every((k) => k.resolved && (k.kind === 'local' || k.kind === 'heredoc')) && flags.every((f) => !ADD_ONLY_FLAGS.has(f.name));
            const fixes = safe ? [{ title: 'Replace ADD with COPY', kind: 'fix' as const, edits: [{ ...ins.keywordSpan, text: 'COPY' }] }] : [];
            ctx.report({ messageId: 'local', data: { src: local.src }, at: ins.keywordSpan, ...(fixes.length ? { fixes } : {}) });
          } else if (archive) ctx.report({ messageId: 'archive', data: { src: archive.src }, at: ins.keywordSpan, severity: 'info' });
        }
      },
    };
  },
});
