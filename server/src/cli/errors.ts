/** A failure the CLI reports as one line on stderr (`shipshape: <message>`), with an exit status. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Exit statuses of the CLI. */
export const EXIT = {
  /** Nothing at or above --fail-on. */
  ok: 0,
  /** Findings at or above --fail-on. */
  findings: 1,
  /** Usage error, unreadable input, unwritable output or an internal error. */
  usage: 2,
} as const;

// One home for file-system error wording, shared with the VS Code client's kubeconfig explorer.
export { firstLine, fsReason } from '../../../shared/io/fs-reason';
