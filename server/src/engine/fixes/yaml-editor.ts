/**
 * The per-document state the YAML edit builders share: parents of nodes and
 * the file's style. Owned by the YamlDocument it edits (editorFor), so it
 * lives as long as the document its fixes are built from.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { YamlDocument } from '../parse/yaml-document';
import type { MergeRecord } from '../parse/yaml-document';
import { detectStyle } from './yaml-style';

export type AnyDoc = YamlDocument;
type Parent = Node | Pair;

/** Per-document facts the builders need: parents of nodes, style of the file. */
export class YamlEditor {
  private parents: Map<unknown, Parent | undefined> | undefined;
  private style: { unit: number; indentSeq: boolean } | undefined;
  readonly eol: string;

  constructor(
    readonly doc: AnyDoc,
    readonly text: string,
  ) {
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
  }

  /** Indentation unit and sequence style of the file (computed once). */
  get unit(): number {
    return (this.style ??= detectStyle(this.text)).unit;
  }

  get indentSeq(): boolean {
    return (this.style ??= detectStyle(this.text)).indentSeq;
  }

  parentOf(node: unknown): Parent | undefined {
    if (!this.parents) {
      const parents = new Map<unknown, Parent | undefined>();
      const walk = (n: unknown, parent: Parent | undefined, depth: number): void => {
        if (!n || typeof n !== 'object' || depth > 200) return;
        parents.set(n, parent);
        // The entries as written: merged copies (parse/yaml-merge.ts) are not in the text and have no parent here.
        if (isMap(n) || isSeq(n)) for (const item of this.writtenItems(n)) walk(item, n, depth + 1);
        else if (isPair(n)) {
          walk(n.key, n, depth + 1);
          walk(n.value, n, depth + 1);
        }
      };
      walk(this.doc.contents, undefined, 0);
      this.parents = parents;
    }
    return this.parents.get(node);
  }

  /** The entries of a map or sequence as written in the text (see YamlDocument.writtenItems). */
  writtenItems(node: YAMLMap | YAMLSeq): readonly unknown[] {
    return this.doc.writtenItems(node);
  }

  /** What the lint's merge-key expansion recorded of `map`, if it merged anything (see YamlDocument.mergeRecord). */
  mergeRecord(map: unknown): MergeRecord | undefined {
    return this.doc.mergeRecord(map);
  }

  /** The node and everything above it is free of anchors, and it is part of this document. */
  unanchoredChain(node: unknown): boolean {
    if (!this.parentOf(node) && node !== this.doc.contents) return false;
    for (let cur: unknown = node; cur; cur = this.parentOf(cur)) {
      if (isAlias(cur)) return false;
      if ((isMap(cur) || isSeq(cur) || isScalar(cur)) && cur.anchor) return false;
    }
    return true;
  }
}

/** The editor of `doc` (parsed from `text`), built once and kept by the document. */
export function editorFor(doc: AnyDoc, text: string): YamlEditor {
  return doc.derive(YamlEditor, () => new YamlEditor(doc, text), (e) => e.text === text);
}
