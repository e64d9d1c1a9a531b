/**
 * The Docker daemon's configuration file (`daemon.json`, e.g.
 * /etc/docker/daemon.json): its top-level settings with their spans, and the
 * defaults dockerd applies to a setting that is absent (the CIS Docker
 * Benchmark checks several settings whose default is the unsafe value).
 */
import { jsonEntrySpan, jsonMember, type JsonEntry, type JsonNode, type JsonObject } from '../parse/json-tree';
import type { Span, TextEdit } from '../types';

/** A top-level setting as written. */
export interface DaemonSetting {
  readonly key: string;
  readonly value: JsonNode;
  readonly entry: JsonEntry;
  /** `"key": value` when on one line, else the key. */
  readonly span: Span;
}

export class DockerDaemonView {
  constructor(
    readonly text: string,
    readonly root: JsonObject,
  ) {}

  /** The setting `key` when written (the last one, as dockerd reads duplicate keys). */
  setting(key: string): DaemonSetting | undefined {
    const entry = jsonMember(this.root, key);
    return entry && { key, value: entry.value, entry, span: jsonEntrySpan(this.text, entry) };
  }

  /** A boolean setting's value: as written when it is a boolean, else the daemon's default. */
  flag(key: string, byDefault: boolean): { value: boolean; setting?: DaemonSetting } {
    const s = this.setting(key);
    if (s?.value.type === 'boolean') return { value: s.value.value, setting: s };
    return s ? { value: byDefault, setting: s } : { value: byDefault };
  }

  /** Where a finding about a missing setting goes: the opening brace. */
  get anchorSpan(): Span {
    return { start: this.root.span.start, end: this.root.span.start + 1 };
  }

  /** An edit adding `"key": value` (value as JSON text) as the first setting, indented like the others. */
  insertEdit(key: string, json: string): TextEdit {
    const at = this.root.span.start + 1;
    const first = this.root.entries[0];
    const member = `${JSON.stringify(key)}: ${json}`;
    if (!first) return { start: at, end: this.root.span.end - 1, text: ` ${member} ` };
    const between = this.text.slice(at, first.keySpan.start);
    const nl = between.lastIndexOf('\n');
    if (nl < 0) return { start: at, end: at, text: ` ${member},` };
    const eol = between[nl - 1] === '\r' ? '\r\n' : '\n';
    return { start: at, end: at, text: `${eol}${between.slice(nl + 1)}${member},` };
  }

  /** An edit replacing a setting's value (JSON text). */
  replaceEdit(setting: DaemonSetting, json: string): TextEdit {
    return { start: setting.value.span.start, end: setting.value.span.end, text: json };
  }
}
