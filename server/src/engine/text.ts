/** Offset <-> line/column conversion over UTF-16 offsets (0-based lines and columns). */
export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): { line: number; character: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo]! };
  }

  offset(line: number, character: number): number {
    if (line < 0) return 0;
    if (line >= this.starts.length) return this.text.length;
    return Math.min(this.starts[line]! + Math.max(0, character), this.lineEnd(line));
  }

  /** Offset of the end of a line, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1]! : this.text.length;
    let end = next;
    if (end > this.starts[line]! && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.starts[line]! && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }
}

/** Cut a span at the first line break after its start so a finding underlines one line. */
export function clampToLine(text: string, start: number, end: number): { start: number; end: number } {
  const s = Math.max(0, Math.min(start, text.length));
  let e = Math.max(s, Math.min(end, text.length));
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      e = i;
      break;
    }
  }
  if (e === s && s < text.length) {
    // Zero-width: widen to the rest of the token so editors show something.
    let i = s;
    while (i < text.length && !/[\s:]/.test(text[i]!)) i++;
    e = i > s ? i : s;
  }
  return { start: s, end: e };
}
