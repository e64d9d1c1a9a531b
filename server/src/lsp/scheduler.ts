/**
 * Per-URI debounce with cancellation of superseded work. Scheduling a URI
 * again cancels its pending timer and marks any run still in flight as
 * cancelled; the run checks its token after every await (and the caller
 * checks the document version before publishing), so results for a
 * superseded or stale version are never published.
 */

export interface CancelToken {
  readonly cancelled: boolean;
}

export type Job = (uri: string, token: CancelToken) => Promise<void> | void;

interface Entry {
  token: { cancelled: boolean };
  timer: ReturnType<typeof setTimeout> | undefined;
}

export class Scheduler {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly job: Job,
    private readonly onError: (uri: string, error: unknown) => void,
  ) {}

  /** Run the job for `uri` after `delayMs`, replacing anything scheduled or running for it. */
  schedule(uri: string, delayMs: number): void {
    this.cancel(uri);
    const entry: Entry = { token: { cancelled: false }, timer: undefined };
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      void this.run(uri, entry);
    }, Math.max(0, delayMs));
    this.entries.set(uri, entry);
  }

  /** Cancel the pending or running job for `uri`. */
  cancel(uri: string): void {
    const entry = this.entries.get(uri);
    if (!entry) return;
    entry.token.cancelled = true;
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    this.entries.delete(uri);
  }

  /** Whether a job is scheduled or running for `uri`. */
  isPending(uri: string): boolean {
    return this.entries.has(uri);
  }

  /** Whether any job is scheduled or running. */
  get busy(): boolean {
    return this.entries.size > 0;
  }

  dispose(): void {
    for (const uri of [...this.entries.keys()]) this.cancel(uri);
  }

  private async run(uri: string, entry: Entry): Promise<void> {
    try {
      await this.job(uri, entry.token);
    } catch (e) {
      this.onError(uri, e);
    } finally {
      if (this.entries.get(uri) === entry) this.entries.delete(uri);
    }
  }
}
