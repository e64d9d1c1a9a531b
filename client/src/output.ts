/**
 * The "Shipshape" output channel, remembering what was written to it: the
 * language client writes the server's log (version, settings in effect, slow
 * lints, errors) and the extension its own lines. VS Code offers no way to
 * read a channel back, so the kept lines are what the extension's API shows
 * its integration suite. The first lines (versions) are kept for the session,
 * then the latest ones.
 */
import type * as vscode from 'vscode';

const HEAD = 20;
const TAIL = 500;

export class RecordingOutputChannel implements vscode.OutputChannel {
  private readonly head: string[] = [];
  private readonly tail: string[] = [];
  private partial = '';

  constructor(private readonly channel: vscode.OutputChannel) {}

  get name(): string {
    return this.channel.name;
  }

  append(value: string): void {
    this.channel.append(value);
    this.record(value);
  }

  appendLine(value: string): void {
    this.channel.appendLine(value);
    this.record(`${value}\n`);
  }

  replace(value: string): void {
    this.channel.replace(value);
    this.forget();
    this.record(value);
  }

  clear(): void {
    this.channel.clear();
    this.forget();
  }

  show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    if (typeof columnOrPreserveFocus === 'boolean' || columnOrPreserveFocus === undefined) this.channel.show(columnOrPreserveFocus);
    else this.channel.show(columnOrPreserveFocus, preserveFocus);
  }

  hide(): void {
    this.channel.hide();
  }

  dispose(): void {
    this.channel.dispose();
  }

  /** The lines written (the first ones and the latest ones), the unfinished last line included. */
  lines(): string[] {
    return [...this.head, ...this.tail, ...(this.partial ? [this.partial] : [])];
  }

  private record(text: string): void {
    const parts = (this.partial + text).split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    for (const line of parts) {
      if (this.head.length < HEAD) this.head.push(line);
      else {
        this.tail.push(line);
        if (this.tail.length > TAIL) this.tail.shift();
      }
    }
  }

  private forget(): void {
    this.head.length = 0;
    this.tail.length = 0;
    this.partial = '';
  }
}
