/** Reading a project node as plain data (shared by the relation rules and crd-workloads.ts). */
import { Document, type Node } from 'yaml';

/** A node as plain data (aliases resolved), or undefined when it cannot be read. */
export function plainOf(node: Node | undefined): unknown {
  if (node === undefined) return undefined;
  try {
    const doc = new Document();
    doc.contents = node;
    return doc.toJS({ maxAliasCount: 1000 });
  } catch {
    return undefined;
  }
}
