/**
 * YAML documents parsed once for two readers in one project lint (project/lint-project.ts): the project index parses
 * a plain file's documents for their objects (project/index.ts), and the file's own lint takes those parses instead
 * of parsing the same text again (lint.ts). The parse is the same function either way (parse/yaml.ts's parseChunk);
 * neither reader changes what it was given (the index keeps nodes and records their origins in maps of its own).
 *
 * A parse is taken once, by the chunk's exact text: a lint that needs a document again (to build a finding's fixes)
 * or a text that changed meanwhile parses afresh. Owned by one project lint and dropped with it.
 */
import type { ParsedChunk } from './parse/yaml';

export class ParsedChunks {
  private readonly byText = new Map<string, ParsedChunk>();

  put(text: string, parsed: ParsedChunk): void {
    this.byText.set(text, parsed);
  }

  /** The parse of `text`, once; undefined when there is none (left). */
  take(text: string): ParsedChunk | undefined {
    const parsed = this.byText.get(text);
    if (parsed) this.byText.delete(text);
    return parsed;
  }
}
