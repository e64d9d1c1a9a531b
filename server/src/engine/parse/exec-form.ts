import type { LogicalText } from './dockerfile';
import type { ShellWord } from './shell';

/**
 * The exec form of RUN/CMD/ENTRYPOINT/ADD/COPY: a JSON array of strings.
 * Undefined when the text is not exactly that (Docker then uses the shell
 * form). Each string becomes a word whose characters know their offsets.
 */
export function parseExecForm(input: LogicalText): ShellWord[] | undefined {
  const s = input.text;
  let i = 0;
  const ws = () => {
    while (i < s.length && /\s/.test(s[i]!)) i++;
  };
  ws();
  if (s[i] !== '[') return undefined;
  i++;
  const words: ShellWord[] = [];
  ws();
  if (s[i] === ']') {
    i++;
    ws();
    return i === s.length ? words : undefined;
  }
  for (;;) {
    ws();
    if (s[i] !== '"') return undefined;
    const start = i;
    i++;
    let value = '';
    const offsets: number[] = [];
    while (i < s.length && s[i] !== '"') {
      const at = input.offsets[i]!;
      if (s[i] === '\\') {
        const e = s[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && simple[e] !== undefined) {
          value += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) {
          value += String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16));
          i += 6;
        } else return undefined;
      } else {
        value += s[i];
        i++;
      }
      offsets.push(at);
    }
    if (i >= s.length) return undefined;
    i++;
    words.push({ value, offsets, span: { start: input.offsets[start]!, end: input.offsets[i - 1]! + 1 }, substitutions: [] });
    ws();
    if (s[i] === ',') {
      i++;
      continue;
    }
    if (s[i] !== ']') return undefined;
    i++;
    ws();
    return i === s.length ? words : undefined;
  }
}
