import { parseExecForm } from '../../parse/shell';
import { defineRule } from '../../rule';
import { onbuildTrigger, splitArgs } from '../../views/dockerfile';

/** Archive formats ADD extracts from a local source (tar, optionally gzip, bzip2, xz or zstd compressed). */
const ARCHIVE = /\.(?:tar|tgz|taz|tbz|tbz2|tb2|txz|tzst|tar\.(?:gz|z|bz2|xz|zst|zstd|lz|lzma))$/i;
const REMOTE = /^https?:\/\//i;
/** Git sources (BuildKit): `git@host:repo`, `git://`, `ssh://`, or an http(s) URL of a `.git` repository. */
const GIT = /^(?:git@|git:\/\/|ssh:\/\/)|^https?:\/\/[^#]*\.git(?:#|$)/i;

/** Flags COPY does not accept. */
const ADD_ONLY_FLAGS = new Set(['checksum', 'keep-git-dir', 'unpack']);

export type AddSource = 'remote' | 'git' | 'archive' | 'heredoc' | 'local';

export function classifyAddSource(src: string): AddSource {
  if (GIT.test(src)) return 'git';
  if (REMOTE.test(src)) return 'remote';
  if (src.startsWith('<<')) return 'heredoc';
  if (ARCHIVE.test(src)) return 'archive';
  return 'local';
}

/**
 * ADD where COPY would do. One finding per ADD, at the keyword:
 * - a local file, directory or heredoc: COPY does the same (warning);
 * - a remote URL without `--checksum`: an unverified download (warning);
 * - a local tar archive: ADD extracts it implicitly (info: often intended);
 * - not reported: a git repository (COPY cannot fetch one) and a remote URL
 *   pinned with `--checksum`.
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
          const { flags, words, rest } = splitArgs(ins);
          const exec = parseExecForm(rest);
          const args = exec ? exec.map((w) => w.value) : words.map((w) => w.value);
          // All but the last argument are sources; a heredoc source may be the only argument.
          const sources = args.length > 1 ? args.slice(0, -1) : args.filter((a) => a.startsWith('<<'));
          const pinned = flags.some((f) => f.name === 'checksum' && f.value !== undefined && f.value !== '');
          const kinds = sources.map((src) => ({ src, kind: classifyAddSource(src) }));
          const remote = pinned ? undefined : kinds.find((k) => k.kind === 'remote');
          const local = kinds.find((k) => k.kind === 'local' || k.kind === 'heredoc');
          const archive = kinds.find((k) => k.kind === 'archive');
          if (remote) ctx.report({ messageId: 'remote', data: { src: remote.src }, at: ins.keywordSpan });
          else if (local) {
            // COPY does the same only when every source is a plain local file or heredoc
            // (an archive next to it would no longer be extracted) and no ADD-only flag is used.
            const safe = kinds.every((k) => k.kind === 'local' || k.kind === 'heredoc') && flags.every((f) => !ADD_ONLY_FLAGS.has(f.name));
            const fixes = safe ? [{ title: 'Replace ADD with COPY', kind: 'fix' as const, edits: [{ ...ins.keywordSpan, text: 'COPY' }] }] : [];
            ctx.report({ messageId: 'local', data: { src: local.src }, at: ins.keywordSpan, ...(fixes.length ? { fixes } : {}) });
          }
          else if (archive) ctx.report({ messageId: 'archive', data: { src: archive.src }, at: ins.keywordSpan, severity: 'info' });
        }
      },
    };
  },
});
