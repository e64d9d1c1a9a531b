/**
 * Finding and loading `.shipshape.yaml` files for the CLI and the language
 * server (the engine itself never touches the file system).
 *
 * The nearest config file above a file applies: its folder, then each parent
 * up to `stopDir` (the workspace folder for the language server) or, for the
 * CLI, up to the repository root (the first folder holding `.git`), else the
 * file-system root. Parsed configs and folder
 * lookups are cached until `invalidate()`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { applyConfig, parseConfig, type AppliedConfig, type ParsedConfig } from '../engine/config/config-file';
import { CONFIG_FILE_NAMES } from '../engine/config/config-schema';
import type { EngineSettings } from '../engine/config/settings';
import { describeEncodingProblem } from '../engine/encoding';
import { decodeText } from './text-encoding';

export interface LoadedConfig {
  /** Absolute path of the config file. */
  path: string;
  /** Its folder: paths in the config are relative to it. */
  dir: string;
  text: string;
  parsed: ParsedConfig;
}

export interface ResolvedFileSettings extends AppliedConfig {
  /** The config that applies, if any (valid or not). */
  config?: LoadedConfig;
}

/** Reads a file's text; `undefined` when it does not exist. Other failures throw. */
export type ReadText = (path: string) => string | undefined;

/** A file's text, decoded as manifests are (a byte-order mark decides UTF-8 or UTF-16); throws when it does not decode cleanly. */
export function readIfExists(path: string): string | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw e;
  }
  const { text, problem } = decodeText(bytes);
  if (problem) throw new Error(`${describeEncodingProblem(problem)}; save it as UTF-8`);
  return text;
}

/** True for `.shipshape.yaml` / `.shipshape.yml` (a base name or a path). */
export function isConfigFile(path: string): boolean {
  const base = path.split(/[\\/]/).pop() ?? path;
  return (CONFIG_FILE_NAMES as readonly string[]).includes(base);
}

export class ConfigLoader {
  private readonly configs = new Map<string, LoadedConfig | null>();
  private readonly dirs = new Map<string, string | null>();

  constructor(private readonly read: ReadText = readIfExists) {}

  /** Forget everything (a config file was created, changed or deleted). */
  invalidate(): void {
    this.configs.clear();
    this.dirs.clear();
  }

  /** Load one config file by path (cached). Unreadable files become a config with a problem. */
  load(path: string): LoadedConfig | undefined {
    const cached = this.configs.get(path);
    if (cached !== undefined) return cached ?? undefined;
    let loaded: LoadedConfig | null = null;
    try {
      const text = this.read(path);
      if (text !== undefined) loaded = { path, dir: dirname(path), text, parsed: parseConfig(text) };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
      loaded = { path, dir: dirname(path), text: '', parsed: { problems: [{ message: `cannot read the configuration: ${reason}`, span: { start: 0, end: 0 } }] } };
    }
    this.configs.set(path, loaded);
    return loaded ?? undefined;
  }

  /** The config file nearest above `filePath` (its own folder first), up to `stopDir` inclusive. */
  find(filePath: string, stopDir?: string): LoadedConfig | undefined {
    const stopAtRepositoryRoot = stopDir === undefined;
    const visited: string[] = [];
    let dir = dirname(filePath);
    let found: string | null = null;
    // Where a search ends depends on stopDir, so lookups are cached per stopDir.
    const cacheKey = (d: string): string => `${stopDir ?? ''}\u0000${d}`;
    for (;;) {
      const known = this.dirs.get(cacheKey(dir));
      if (known !== undefined) {
        found = known;
        break;
      }
      visited.push(dir);
      const hit = CONFIG_FILE_NAMES.map((n) => join(dir, n)).find((p) => this.load(p) !== undefined);
      if (hit) {
        found = hit;
        break;
      }
      const parent = dirname(dir);
      if (parent === dir || (stopDir !== undefined && (!isInside(dir, stopDir) || samePath(dir, stopDir)))) break;
      if (stopAtRepositoryRoot && existsSync(join(dir, '.git'))) break;
      dir = parent;
    }
    for (const d of visited) this.dirs.set(cacheKey(d), found);
    return found ? this.load(found) : undefined;
  }

  /**
   * Settings for a file: `base` with the applicable config applied (when it
   * is valid). `explicit` is a config file to use instead of the nearest one.
   */
  settingsFor(filePath: string, base: EngineSettings, options: { stopDir?: string; explicit?: string } = {}): ResolvedFileSettings {
    const config = options.explicit !== undefined ? this.load(options.explicit) : this.find(filePath, options.stopDir);
    if (!config || !config.parsed.config) return { settings: base, ignored: false, ...(config ? { config } : {}) };
    return { ...applyConfig(base, config.parsed.config, relativePosix(config.dir, filePath)), config };
  }
}

function samePath(a: string, b: string): boolean {
  return relative(a, b) === '';
}

/** `child` is `parent` or below it. */
export function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** `file` relative to `dir` with `/` separators (what globs in a config are matched against). */
export function relativePosix(dir: string, file: string): string {
  const rel = relative(dir, file);
  return sep === '/' ? rel : rel.split(sep).join('/');
}
