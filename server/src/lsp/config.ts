/**
 * `.shipshape.yaml` for the language server: which config applies to an open
 * document, with the editor's unsaved text of an open config file taking
 * precedence over the disk. Config problems are logged and shown once per
 * config text, and reported as diagnostics in the config file itself.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { EngineSettings } from '../engine';
import { ConfigLoader, isConfigFile, isInside, readIfExists, type LoadedConfig, type ReadText } from '../io/config-loader';

export interface ConfigResolution {
  settings: EngineSettings;
  /** The file is under the config's `ignorePaths`. */
  ignored: boolean;
  /** The applicable config is invalid (and was not applied). */
  invalid?: LoadedConfig;
  /** The path of the `.shipshape.yaml` applied, when one was. */
  config?: string;
}

/** The file-system path of a `file:` URI, else undefined. */
export function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export class ConfigResolver {
  private readonly loader: ConfigLoader;
  private workspaceFolders: string[] = [];
  /** In an untrusted workspace, config files are not applied (they could silence every rule). */
  trusted = true;

  /** `read`: a config file that is not open (the server host's; default: the disk). */
  constructor(openText: (uri: string) => string | undefined, read: ReadText = readIfExists) {
    this.loader = new ConfigLoader((path) => openText(pathToFileURL(path).href) ?? read(path));
  }

  setWorkspaceFolders(uris: readonly string[]): void {
    this.workspaceFolders = uris.flatMap((u) => filePathOf(u) ?? []).sort((a, b) => b.length - a.length);
    this.loader.invalidate();
  }

  /** A config file was created, changed, saved, edited in the editor or deleted. */
  invalidate(): void {
    this.loader.invalidate();
  }

  isConfigDocument(uri: string): boolean {
    return isConfigFile(filePathOf(uri) ?? uri);
  }

  /**
   * Where a "trust this registry" fix writes for a document: the config that
   * applies to it (with the text the fix edits: the editor's, if open), or
   * the `.shipshape.yaml` to create at the workspace folder's root (the
   * document's folder outside a workspace). Undefined in untrusted workspaces
   * (configs are not applied there) and for non-file documents.
   */
  trustTarget(uri: string): { uri: string; text: string } | { create: string } | undefined {
    const path = filePathOf(uri);
    if (path === undefined || !this.trusted) return undefined;
    const stopDir = this.workspaceFolders.find((w) => isInside(path, w));
    const config = this.loader.find(path, stopDir);
    if (config) return config.parsed.config ? { uri: pathToFileURL(config.path).href, text: config.text } : undefined;
    return { create: pathToFileURL(join(stopDir ?? dirname(path), '.shipshape.yaml')).href };
  }

  /** Settings for a document: editor settings with the nearest config applied. */
  resolve(uri: string, editor: EngineSettings): ConfigResolution {
    const path = filePathOf(uri);
    if (path === undefined || !this.trusted) return { settings: editor, ignored: false };
    const stopDir = this.workspaceFolders.find((w) => isInside(path, w));
    const r = this.loader.settingsFor(path, editor, stopDir !== undefined ? { stopDir } : {});
    if (r.config && !r.config.parsed.config) return { settings: editor, ignored: false, invalid: r.config };
    return { settings: r.settings, ignored: r.ignored, ...(r.config ? { config: r.config.path } : {}) };
  }
}
