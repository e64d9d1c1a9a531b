/**
 * Images a Dockerfile pulls besides its FROM bases: `COPY --from=<image>`
 * and `RUN --mount=...,from=<image>`. BuildKit takes the `from` value as a
 * stage when a stage has that name (case-insensitive; for COPY also a stage
 * index), and as an image otherwise, unless a named build context of that
 * name is given on the command line (`--build-context NAME=...`), which the
 * Dockerfile alone cannot show.
 *
 * So a value is an image here only when it cannot be a stage and does not
 * read like a context name: it has a registry or path (`/`), a tag (`:`) or a
 * digest (`@`). A bare `deps` or `busybox` is left alone (a bare name is a
 * Docker Hub official image, which the default trusted list trusts anyway).
 *
 * Variables: BuildKit rejects them in `--from` (Podman expands them with the
 * stage's ARG and ENV values); they are resolved here the way the stage
 * would see them, and a value that does not resolve is not judged.
 */
import { sliceLogical, sourceSpan, type DockerInstruction, type LogicalText } from '../parse/dockerfile';
import type { Span } from '../types';
import type { DockerfileView, InstructionFlag } from './dockerfile';
import type { ImageView } from './values';

/** A `from` value as written, with its span. */
interface SourceRef {
  written: string;
  span: Span;
  /** `COPY --from` accepts a stage index; `RUN --mount` does not. */
  allowIndex: boolean;
  via: 'COPY --from' | 'RUN --mount';
}

/** Whether a (resolved) `from` value reads as an image reference rather than a stage or context name. */
function readsAsImage(value: string): boolean {
  return value.includes('/') || value.includes(':') || value.includes('@');
}

/** The `from=` field of one `--mount` value (BuildKit reads it as CSV: `,` separated, `"` quoted). */
function mountFrom(text: LogicalText): { value: string; span: Span } | undefined {
  const s = text.text;
  let i = 0;
  while (i <= s.length) {
    let start = i;
    let end: number;
    let next: number;
    if (s[i] === '"') {
      // A quoted field: up to the closing quote (a doubled quote stays in the field; its span is approximate).
      start = i + 1;
      let j = start;
      for (;;) {
        const q = s.indexOf('"', j);
        if (q < 0) {
          j = s.length;
          break;
        }
        if (s[q + 1] === '"') {
          j = q + 2;
          continue;
        }
        j = q;
        break;
      }
      end = j;
      const comma = s.indexOf(',', end);
      next = comma < 0 ? s.length + 1 : comma + 1;
    } else {
      const comma = s.indexOf(',', i);
      end = comma < 0 ? s.length : comma;
      next = end + 1;
    }
    const field = s.slice(start, end);
    const eq = field.indexOf('=');
    if (eq > 0 && field.slice(0, eq).trim().toLowerCase() === 'from') {
      const value = field.slice(eq + 1);
      return value === '' ? undefined : { value, span: sourceSpan(text, start + eq + 1, end) };
    }
    i = next;
  }
  return undefined;
}

/** A flag value without the quotes around it (BuildKit removes them: `--mount="type=bind,from=x"`). */
function unquoted(text: LogicalText): LogicalText {
  const s = text.text;
  const q = s[0];
  return s.length >= 2 && (q === '"' || q === "'") && s[s.length - 1] === q ? sliceLogical(text, 1, s.length - 1) : text;
}

function refsOf(df: DockerfileView, ins: DockerInstruction): SourceRef[] {
  const flags: readonly InstructionFlag[] = df.args(ins).flags;
  const out: SourceRef[] = [];
  if (ins.keyword === 'COPY') {
    const from = flags.find((f) => f.name.toLowerCase() === 'from')?.valueText;
    const value = from ? unquoted(from) : undefined;
    if (value && value.text !== '') out.push({ written: value.text, span: sourceSpan(value, 0, value.text.length), allowIndex: true, via: 'COPY --from' });
  } else if (ins.keyword === 'RUN') {
    for (const f of flags) {
      if (f.name.toLowerCase() !== 'mount' || !f.valueText) continue;
      const from = mountFrom(unquoted(f.valueText));
      if (from) out.push({ written: from.value, span: from.span, allowIndex: false, via: 'RUN --mount' });
    }
  }
  return out;
}

/** Every image that a `COPY --from` or `RUN --mount from=` of a stage pulls (not ONBUILD triggers: they run in child builds). */
export function sourceImages(df: DockerfileView): ImageView[] {
  const out: ImageView[] = [];
  for (const stage of df.stages) {
    for (const ins of stage.instructions) {
      for (const ref of refsOf(df, ins)) {
        const value = df.resolve(ref.written, ins)?.trim();
        if (!value || value.toLowerCase() === 'scratch') continue;
        if (df.stageNamed(value, ref.allowIndex) || /^[0-9]+$/.test(value) || !readsAsImage(value)) continue;
        out.push({ value, span: ref.span, owner: `${ref.via} in ${stage.label}` });
      }
    }
  }
  return out;
}
