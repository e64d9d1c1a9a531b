/** Help text, generated from the option and command tables so it cannot drift from the parser. */
import { COMMANDS, KUBECONFIG_SUBCOMMANDS, OPTIONS, type CommandName } from './args';
import { TOOL_VERSION } from './package-info';

const WIDTH = 80;

/** Greedy word wrap of `text` into lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines;
}

/** Option lines: every option, or those valid for one command (and the global ones). */
function optionLines(topic?: CommandName): string[] {
  const rows = OPTIONS.filter((o) => topic === undefined || o.scope === 'global' || o.scope.includes(topic)).map((o) => {
    const value = o.type === 'string' ? ` ${o.values ? `<${o.values.join('|')}>` : o.placeholder ?? '<value>'}` : '';
    const left = `${o.short ? `-${o.short}, ` : '    '}--${o.long}${value}`;
    const right = `${o.help}${o.default !== undefined ? ` (default: ${o.default})` : ''}`;
    return [left, right] as const;
  });
  const width = Math.max(...rows.map(([l]) => l.length));
  const pad = ' '.repeat(2 + width + 2);
  return rows.flatMap(([l, r]) => wrap(r, Math.max(30, WIDTH - pad.length)).map((text, i) => (i === 0 ? `  ${l.padEnd(width)}  ${text}` : `${pad}${text}`)));
}

const SCAN_DETAILS = `Paths are files or folders (default: the current folder). Folders are searched
recursively for *.yaml, *.yml, Dockerfile[.*], Containerfile[.*], *.Dockerfile,
kubeconfig files, *.json files that hold Kubernetes objects (a top-level
apiVersion and kind, or a List; other JSON is left alone), the Docker daemon's
daemon.json, and ABAC policy files (*.abac, or *.jsonl / *.json whose first
line is an ABAC Policy); node_modules and
version-control folders (.git, .hg, .svn, .bzr, .jj, _darcs, CVS) are skipped,
and symbolic links to folders found inside a folder are not followed (links to
files are). A file named on the command line is always checked whatever its
name: as a Dockerfile when its name says so or its first instruction is FROM or
ARG, otherwise as YAML (JSON included).

Kustomize: the kustomizations under the paths (kustomization.yaml, .yml,
Kustomization) are built as kubectl kustomize builds them, in process, and
their output is linted; each finding is reported at the base or patch line
that wrote the value, naming the overlays. Patch files are not linted as
whole objects. --no-kustomize lints every file as it is.

Helm: the charts under the paths (a folder with Chart.yaml) are rendered as
helm template renders them, in process (no helm binary, no network), with
values.yaml and the --helm-values files, and their output is linted; each
finding is reported at the values line that set the value, else at the
template line. Templates are not linted as plain YAML; a template that does
not render is a helm-render finding at its line. --no-helm skips rendering.

Benchmarks: --benchmark cis-kubernetes or cis-docker reports the files against
each item of the CIS Kubernetes Benchmark v1.10.0 or the CIS Docker Benchmark
v1.7.0, as kube-bench and Docker Bench report a host: PASS, FAIL (with the
findings), N/A (no scanned file holds what the item is about), MANUAL or
HOST-ONLY (cannot be judged from files), then totals; text, json or sarif.

Standard input: the path '-' reads it (helm template . | shipshape scan -).
It is reported as <stdin>, or under --stdin-filename <name>, which also picks
the file kind (a Dockerfile, compose or kubeconfig name) and the .shipshape.yaml
that applies, as for a file of that name in the current folder. --fix cannot
write back to it (exit 2); --fix-dry-run prints its fixes as a diff.

Threads: --jobs <n> lints files (and parts of YAML files over 1 MB) on <n>
threads, this one counted: it lints its share between the steps of the
project pass. --jobs 1 lints in this thread only. The report is the same as
with --jobs 1, in the same order. Without --jobs: one thread per core, for
inputs of 32 MB or more (on 2 cores a smaller scan is not faster on two).
Inputs under 1 MB, standard input and --fix / --fix-dry-run stay in this
thread; kustomize builds and relation rules run in it too. A file a worker
fails on (it crashes or takes too long) is reported as an internal-error
finding and the exit status is 2. Workers load their code through a V8 code
cache in $XDG_CACHE_HOME/shipshape (else ~/.cache/shipshape);
SHIPSHAPE_CODE_CACHE_DIR=<folder> moves it, SHIPSHAPE_CODE_CACHE_DIR=off
turns it off.

Encodings: as kubectl reads them, a byte-order mark selects UTF-8, UTF-16 LE
or UTF-16 BE, otherwise files are UTF-8; --fix writes a file back in its own
encoding. Bytes that are not valid UTF-8, UTF-16 without a byte-order mark and
invalid UTF-16 are reported (file-encoding, an error) and the rest is checked;
content that is not text is reported once (binary-file) and not checked.

Formats:
  text   file:line:col severity rule-id message, grouped by file, then a
         summary line.
         Lines and columns are 1-based; columns count UTF-16 code units (as in
         VS Code). Colour only when writing to a terminal; NO_COLOR turns it
         off, FORCE_COLOR turns it on (FORCE_COLOR wins, as in Node.js).
  json   a stable report described by schemas/shipshape-report.schema.json:
         version, tool, profile, files, summary and findings with file, ruleId,
         severity, message, 1-based start/end line and column (end exclusive)
         and 0-based UTF-16 offsets.
  sarif  SARIF 2.1.0 (e.g. for GitHub code scanning). driver.rules lists the
         rules enabled for the run, with their help text; helpUri only with
         --doc-url-base (never a path on this machine). Each result has
         partialFingerprints that stay when lines are added or removed
         elsewhere in the file. Locations are relative to %SRCROOT% (the
         current folder) with columnKind utf16CodeUnits.
  junit  JUnit XML: a test suite per file and in it a test case per enabled
         rule; a rule fails when it reports at or above --fail-on there (the
         failure lists file:line:col severity message), lower findings go to
         the test case's system-out.
  gitlab GitLab Code Quality JSON (artifacts:reports:codequality): check_name
         (rule id), description, severity (error: critical, warning: major,
         info: info), location.path and lines, and a fingerprint that stays
         when lines are added or removed elsewhere in the file.

Exit status:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on
  2  usage error (unknown command or option, bad value, unknown rule id),
     unreadable input (missing path, permission denied), unwritable output,
     or a file a lint worker failed on`;

const KUBECONFIG_DETAILS = `Files: --kubeconfig <file>, else the KUBECONFIG list (':'-separated, ';' on
Windows; missing files skipped), else ~/.kube/config. Files are merged like
kubectl: the first file defining a cluster, context or user wins it, the
first non-empty current-context wins.

Writes: use-context writes current-context to kubectl's default file (the
--kubeconfig file, the only or first existing KUBECONFIG file, or
~/.kube/config); set-namespace writes to the file defining the context. Only
that one value changes (comments and formatting are kept; a new key goes in
sorted place when the keys are sorted, as kubectl writes them); the write is
atomic, keeps the file's permissions and is refused if the file changed on
disk since it was read. Secret values are never printed.

Exit status:
  0  done (lint: no finding at or above warning)
  1  lint: findings at or above warning
  2  usage error, unknown context, unreadable file or refused write`;

const INIT_DETAILS = `Writes .shipshape.yaml in the current folder with the profile, after a first
scan of the files below it (found as 'shipshape scan' finds them):
  - the registries the images come from that are not trusted by default
    (untrusted-registry), listed under trustedRegistries commented out:
    trusting one is your decision, made by uncommenting it;
  - the rules that report most, with their severity, commented out under
    rules, to tune before the first real scan.
Then it prints what to do next. An existing .shipshape.yaml (or .yml) is left
alone unless --force is given.

Exit status:
  0  written
  2  a config file exists (without --force), bad option or unwritable file`;

/** The help for the whole tool or for one command. */
export function helpText(topic?: CommandName): string {
  if (topic === 'init') {
    return ['Usage: shipshape init [--profile baseline|restricted] [--force]', '', 'Start a configuration for this repository.', '', 'Options:', ...optionLines('init'), '', INIT_DETAILS, ''].join('\n');
  }
  if (topic === 'scan') {
    return [
      'Usage: shipshape scan [options] [paths...]',
      '',
      'Lint Kubernetes manifests for security problems (Pod Security Standards, ...).',
      '',
      'Options:',
      ...optionLines('scan'),
      '',
      SCAN_DETAILS,
      '',
    ].join('\n');
  }
  if (topic === 'kubeconfig') {
    return [
      'Usage: shipshape kubeconfig <subcommand> [options]',
      '',
      'Read, switch and lint the kubeconfig kubectl uses, without kubectl.',
      '',
      'Subcommands:',
      ...KUBECONFIG_SUBCOMMANDS.flatMap((c) => [`  ${c.usage}`, `      ${c.summary}`]),
      '',
      'Options:',
      ...optionLines('kubeconfig'),
      '',
      KUBECONFIG_DETAILS,
      '',
    ].join('\n');
  }
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `shipshape ${TOOL_VERSION}: Kubernetes and Docker security linter`,
    '',
    'Usage: shipshape <command> [options]',
    '       shipshape --list-rules [--format text|json] [--profile <level>]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    `  ${'help'.padEnd(width)}  show help for a command ('shipshape help scan')`,
    '',
    'Options:',
    ...optionLines(),
    '',
    "Run 'shipshape scan --help' for paths, formats and exit status.",
    '',
  ].join('\n');
}
