/**
 * One parsed YAML document and what the engine derives from it, owned
 * together: the table of its aliases (parse/yaml-aliases.ts), the written
 * entries of the maps whose merge keys were expanded (parse/yaml-merge.ts),
 * and values other layers derive once per document (the fix builders'
 * YamlEditor). Whoever holds the document (a lint's views, a FixScope's fix
 * builders) holds these with it, and they go with it: there are no
 * module-level tables keyed by documents or nodes.
 *
 * The views and builders read a document through this object; the `yaml`
 * library's own Document is `yaml`, for the library's functions.
 */
import { isAlias, isMap, isPair, isSeq, Scalar, type Alias, type Document, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { aliasTable, type AliasTable } from './yaml-aliases';

/** What the builders need to know about a map whose `<<` entries were expanded. */
export interface MergeRecord {
  /** The entries as written (the `<<` pairs included), in order. */
  readonly items: readonly unknown[];
  /** Keys whose value comes from a merge (a written entry of that key, if any, is overridden). */
  readonly merged: ReadonlySet<string>;
  /** Keys some merge source provides, whoever wins. */
  readonly provided: ReadonlySet<string>;
}

export class YamlDocument {
  private aliases: AliasTable | undefined;
  /** Created when needed: most documents merge nothing, and many are never edited. */
  private merges: Map<YAMLMap, MergeRecord> | undefined;
  private derived: Map<object, unknown> | undefined;

  constructor(readonly yaml: Document.Parsed | Document) {}

  get contents(): Document['contents'] {
    return this.yaml.contents;
  }

  get errors(): Document['errors'] {
    return this.yaml.errors;
  }

  /** The alias table, when whoever parsed the document already walked it (see checkParsedDocuments). */
  adoptAliases(table: AliasTable): void {
    this.aliases = table;
  }

  /**
   * The node an alias names in this document (the last node with its anchor
   * before it), or undefined. Linear in the document once, then constant per alias.
   */
  resolveAlias(alias: Alias): Node | undefined {
    const table = (this.aliases ??= aliasTable(this.yaml));
    if (table.targets.has(alias)) return table.targets.get(alias);
    // An alias that is not in the document (or a document changed after the
    // table was built): ask the library, which walks the document.
    try {
      return (alias.resolve(this.yaml as Document) ?? undefined) as Node | undefined;
    } catch {
      return undefined;
    }
  }

  /** `map`'s merge keys were expanded (see expandMerges): what the builders need to know of it. */
  recordMerge(map: YAMLMap, record: MergeRecord): void {
    (this.merges ??= new Map()).set(map, record);
  }

  /** The record of a map of this document whose merge keys were expanded, or undefined. */
  mergeRecord(map: unknown): MergeRecord | undefined {
    return map && typeof map === 'object' ? this.merges?.get(map as YAMLMap) : undefined;
  }

  /** The entries of a map or sequence as written in the text (a merging map's `<<` pairs included, its merged copies not). */
  writtenItems(node: YAMLMap | YAMLSeq): readonly unknown[] {
    return this.merges?.get(node as YAMLMap)?.items ?? node.items;
  }

  /**
   * A value derived from this document by another layer, built once per
   * `key` (a class or function of that layer) while the document lives;
   * `fresh(value)` false builds it again (e.g. for another text).
   */
  derive<V>(key: object, build: () => V, fresh: (value: V) => boolean = () => true): V {
    const derived = (this.derived ??= new Map());
    const known = derived.get(key) as V | undefined;
    if (known !== undefined && fresh(known)) return known;
    const value = build();
    derived.set(key, value);
    return value;
  }
}

/**
 * Aliases replaced, in place, by copies of the nodes they name (their ranges: the anchor's); an alias that
 * names nothing becomes null. The parse (parseChunk) has bounded the expansion. For readers that copy
 * nodes out of a document (kustomize resources and patches).
 */
export
function expandAliases(node: unknown, doc: YamlDocument): unknown {
  if (isAlias(node)) {
    const target = doc.resolveAlias(node);
    return target ? expandAliases(target.clone(), doc) : new Scalar(null);
  }
  const items = isMap(node) || isSeq(node) ? (node.items as unknown[]) : [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (isPair(item)) {
      item.key = expandAliases(item.key, doc);
      item.value = expandAliases(item.value, doc);
    } else items[i] = expandAliases(item, doc);
  }
  return node;
}
