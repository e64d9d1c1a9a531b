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

/**
 * Client -> server request, right before a document's didOpen: the text of
 * the YAML documents around what the editor will show (the restored scroll
 * position, else the first screen), so that their diagnostics come before the
 * whole text has crossed the connection (a 14 MB didOpen costs more to
 * serialize, send and read than the lint of a screen). `text` is the file's
 * lines from `line` on: it starts at `offset` (UTF-16) and the file is
 * `length` long. The server lints only the documents it sees whole (a
 * window's first and last documents may be cut unless the window reaches the
 * file's start or end), publishes their findings in file coordinates for
 * `textDocument.version`, takes `ranges` as the document's visible ranges,
 * and answers null after that publication. `settings`: the `shipshape`
 * section the client would answer to workspace/configuration for this
 * document. The client sends the didOpen once answered (or after
 * PREVIEW_WAIT_MS): it reads the diagnostics before it serializes the large
 * didOpen. The didOpen's lint replaces them. Built by shared/lsp/open-preview.ts
 * (the VS Code client and the bench alike).
 */
export const OPEN_PREVIEW_REQUEST = 'shipshape/openPreview';

export interface OpenPreviewParams {
  textDocument: { uri: string; languageId: string; version: number };
  offset: number;
  line: number;
  text: string;
  length: number;
  ranges: VisibleRangesParams['ranges'];
  settings?: unknown;
}
