/**
 * Shipshape's own notifications between the VS Code client and the language
 * server. Types and names only: both sides import this file.
 */

/** A position as LSP counts it (0-based line, UTF-16 character). */
export interface VisiblePosition {
  line: number;
  character: number;
}

/**
 * Client -> server: the ranges of a document the editors show (sent on open,
 * scroll and editor switch, debounced; an empty list when no editor shows it).
 * The server lints the YAML documents these ranges touch first and publishes
 * their findings at once, then the rest of the file.
 */
export const VISIBLE_RANGES_NOTIFICATION = 'shipshape/visibleRanges';

export interface VisibleRangesParams {
  uri: string;
  ranges: Array<{ start: VisiblePosition; end: VisiblePosition }>;
}
