/**
 * Strategic-merge patch directives: keys that `kubectl apply`, `kubectl patch`
 * and kustomize patches read as instructions, not as fields of the object
 * (https://github.com/kubernetes/community/blob/master/contributors/devel/sig-api-machinery/strategic-merge-patch.md):
 *
 *   $patch: replace | merge | delete        on any map, or as a list item
 *   $retainKeys: [field, ...]               the fields of the map to keep
 *   $setElementOrder/<field>: [...]         the order of the list <field>
 *   $deleteFromPrimitiveList/<field>: [...] values to remove from the list <field>
 *
 * They may appear in any map, so they are taken out of the plain value before
 * schema validation (they are not unknown fields) and checked here for the
 * shape the API server accepts. A map that says `$patch: delete`, and a list
 * item that holds `$patch` (a marker such as `- $patch: replace`, or the merge
 * key of an item to delete), is not a whole object: no field is required in it.
 */
import { closestMatch } from '../suggest';

/** A directive with a value the API server rejects. `pointer` is a JSON pointer, as in ajv errors. */
export interface DirectiveIssue {
  pointer: string;
  expected: string;
  actual: string;
}

export interface Directives {
  issues: DirectiveIssue[];
  /** JSON pointers of the maps where missing required fields are not reported (they and everything below). */
  exempt: string[];
}

const PATCH_VALUES = ['replace', 'merge', 'delete'];
/** The directives without a field name (for "did you mean" on a misspelt one). */
export const DIRECTIVE_NAMES: readonly string[] = ['$patch', '$retainKeys'];
const SET_ELEMENT_ORDER = '$setElementOrder/';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList/';

/** How a value is named in messages: `a list`, `a map`, `a string`, ... */
export function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  // .inf and .nan (YAML 1.1 floats, as kubectl reads them): JSON has no such number, so kubectl refuses the file.
  if (typeof value === 'number') return !Number.isFinite(value) ? `${value > 0 ? '.inf' : value < 0 ? '-.inf' : '.nan'} (kubectl refuses it)` : Number.isInteger(value) ? 'an integer' : 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return 'a string';
}

function isDirective(key: string): boolean {
  if (key === '$patch' || key === '$retainKeys') return true;
  // A directive names the field it applies to: `$setElementOrder/` alone is not one (it stays an unknown field).
  if (key.startsWith(SET_ELEMENT_ORDER)) return key.length > SET_ELEMENT_ORDER.length;
  return key.startsWith(DELETE_FROM_PRIMITIVE_LIST) && key.length > DELETE_FROM_PRIMITIVE_LIST.length;
}

function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function check(key: string, value: unknown, pointer: string, issues: DirectiveIssue[]): void {
  // null is "unset" here as everywhere in the schema checks.
  if (value === null || value === undefined) return;
  const at = `${pointer}/${escape(key)}`;
  if (key === '$patch') {
    if (typeof value === 'string' && PATCH_VALUES.includes(value)) return;
    // The value is shown only when it is a misspelling of a valid one: a `$patch` key in a Secret's data holds a secret.
    const misspelt = typeof value === 'string' && closestMatch(value, PATCH_VALUES) !== undefined;
    const actual = misspelt ? `"${value}"` : typeof value === 'string' ? 'another string' : kindOf(value);
    issues.push({ pointer: at, expected: 'one of "replace", "merge" or "delete"', actual });
    return;
  }
  if (!Array.isArray(value)) {
    issues.push({ pointer: at, expected: key === '$retainKeys' ? 'a list of field names' : 'a list', actual: kindOf(value) });
    return;
  }
  const itemsMust = key === '$retainKeys' ? 'string' : key.startsWith(DELETE_FROM_PRIMITIVE_LIST) ? 'primitive' : undefined;
  if (!itemsMust) return;
  value.forEach((item, i) => {
    if (item === null || item === undefined) return;
    const ok = itemsMust === 'string' ? typeof item === 'string' : typeof item !== 'object';
    if (!ok) issues.push({ pointer: `${at}/${i}`, expected: itemsMust === 'string' ? 'a string (a field name)' : 'a string, number or boolean', actual: kindOf(item) });
  });
}

/**
 * The value without its directives, and what they say. Maps and lists that
 * hold a directive are copied, not changed: a map shared through YAML aliases
 * is judged at each place it is used.
 */
export function takeDirectives(value: unknown): { value: unknown; directives: Directives } {
  const directives: Directives = { issues: [], exempt: [] };
  const walk = (node: unknown, pointer: string, listItem: boolean): unknown => {
    if (Array.isArray(node)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < node.length; i++) {
        const item = walk(node[i], `${pointer}/${i}`, true);
        if (item !== node[i]) (out ??= node.slice())[i] = item;
      }
      return out ?? node;
    }
    if (!node || typeof node !== 'object') return node;
    const map = node as Record<string, unknown>;
    let out: Record<string, unknown> | undefined;
    for (const key of Object.keys(map)) {
      const v = map[key];
      if (key.charCodeAt(0) === 36 /* $ */ && isDirective(key)) {
        out ??= { ...map };
        delete out[key];
        check(key, v, pointer, directives.issues);
        if (key === '$patch' && (v === 'delete' || listItem)) directives.exempt.push(pointer);
        continue;
      }
      const w = walk(v, `${pointer}/${escape(key)}`, false);
      if (w === v) continue;
      out ??= { ...map };
      // `__proto__` stays an own key (the spread above copies it as one).
      Object.defineProperty(out, key, { value: w, writable: true, enumerable: true, configurable: true });
    }
    return out ?? node;
  };
  return { value: walk(value, '', false), directives };
}

/** Whether a missing field at `instancePath` is in a map that `$patch` exempts. */
export function exempted(instancePath: string, exempt: readonly string[]): boolean {
  return exempt.some((p) => instancePath === p || instancePath.startsWith(`${p}/`));
}
