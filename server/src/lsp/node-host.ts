/** The language server's host in Node (dist/server.js): the disk, V8's memory flags, environment variables (see host.ts). */
import * as path from 'node:path';
import { ruleDocUri } from './diagnostics';
import { readIfExists } from '../io/config-loader';
import type { ServerHost } from './host';
import { exposeGc, limitHeapGrowth } from './memory';
import { diskFiles } from './project-index';

export function nodeHost(
  /** The folder holding package.json and docs/: dist/server.js lives in <extension>/dist. */
  extensionRoot = path.join(__dirname, '..'),
): ServerHost {
  return {
    runtime: `Node ${process.version}, ${process.platform}`,
    ruleDocUri: (ruleId) => ruleDocUri(extensionRoot, ruleId),
    readConfig: readIfExists,
    files: diskFiles(),
    env: (name) => process.env[name],
    memory: () => {
      limitHeapGrowth();
      return exposeGc();
    },
  };
}
