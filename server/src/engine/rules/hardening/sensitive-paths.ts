/**
 * Host paths that hand a container the node: the table and the matcher used
 * by the `sensitive-host-path` rule. Kept apart from the rule so the list is
 * easy to review (docs/rules/sensitive-host-path.md explains each choice).
 */

export interface SensitivePath {
  path: string;
  /** Also everything below `path` (minus `except`). */
  subtree: boolean;
  /** What the path gives away, for messages. */
  what: string;
  /** Harmless files below a subtree entry. */
  except?: readonly string[];
}

const RUNTIME_CONTROL = 'control of every container on the node';

export const SENSITIVE_PATHS: readonly SensitivePath[] = [
  { path: '/', subtree: false, what: "the node's whole filesystem" },
  { path: '/etc', subtree: true, what: 'node configuration and credentials', except: ['/etc/localtime', '/etc/timezone'] },
  { path: '/proc', subtree: true, what: "the node's process and kernel interface" },
  { path: '/sys', subtree: true, what: "the node's kernel and device interface" },
  { path: '/dev', subtree: true, what: "the node's devices" },
  { path: '/boot', subtree: true, what: "the node's kernel and boot loader" },
  { path: '/lib', subtree: false, what: "the node's system libraries and kernel modules" },
  { path: '/usr', subtree: false, what: "the node's system programs and libraries" },
  { path: '/var/run/docker.sock', subtree: false, what: `the Docker daemon socket: ${RUNTIME_CONTROL}` },
  { path: '/run/docker.sock', subtree: false, what: `the Docker daemon socket: ${RUNTIME_CONTROL}` },
  { path: '/var/run/cri-dockerd.sock', subtree: false, what: `the cri-dockerd socket: ${RUNTIME_CONTROL}` },
  { path: '/run/cri-dockerd.sock', subtree: false, what: `the cri-dockerd socket: ${RUNTIME_CONTROL}` },
  { path: '/run/containerd', subtree: true, what: `the containerd socket directory: ${RUNTIME_CONTROL}` },
  { path: '/var/run/containerd', subtree: true, what: `the containerd socket directory: ${RUNTIME_CONTROL}` },
  { path: '/run/crio', subtree: true, what: `the CRI-O socket directory: ${RUNTIME_CONTROL}` },
  { path: '/var/run/crio', subtree: true, what: `the CRI-O socket directory: ${RUNTIME_CONTROL}` },
];

/**
 * Normalise an absolute POSIX path: collapse `//`, drop `.` segments,
 * resolve `..` (the API server rejects `..` in hostPath, but a linter should
 * not be fooled by it) and trailing slashes. Relative or non-POSIX paths
 * (e.g. Windows `C:\`) return undefined.
 */
export function normalizeHostPath(raw: string): string | undefined {
  const trimmed = raw.trim();
  if (!trimmed.startsWith('/')) return undefined;
  const out: string[] = [];
  for (const seg of trimmed.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return '/' + out.join('/');
}

const isUnder = (path: string, dir: string): boolean => (dir === '/' ? path !== '/' : path.startsWith(dir + '/'));

export interface SensitiveMatch {
  entry: SensitivePath;
  /** exact: the path itself; inside: below a subtree entry; contains: a parent directory of an entry. */
  how: 'exact' | 'inside' | 'contains';
}

/** Why a (normalised) host path is sensitive, or undefined when it is not. */
export function matchSensitivePath(path: string): SensitiveMatch | undefined {
  const exact = SENSITIVE_PATHS.find((e) => e.path === path);
  if (exact) return { entry: exact, how: 'exact' };
  const inside = SENSITIVE_PATHS.find((e) => e.subtree && isUnder(path, e.path) && !(e.except ?? []).includes(path));
  if (inside) return { entry: inside, how: 'inside' };
  // A parent directory (e.g. /run, /var/run, /var) exposes what it contains.
  const contains = SENSITIVE_PATHS.find((e) => isUnder(e.path, path));
  if (contains) return { entry: contains, how: 'contains' };
  return undefined;
}

/** A container runtime's control socket (CIS Docker 5.32 for the Docker socket), rather than a host directory. */
export function isRuntimeSocket(m: SensitiveMatch): boolean {
  return m.entry.what.includes(RUNTIME_CONTROL);
}

/** Message detail for a match, e.g. "inside /etc: node configuration and credentials". */
export function describeMatch(m: SensitiveMatch): string {
  switch (m.how) {
    case 'exact':
      return m.entry.what;
    case 'inside':
      return `inside ${m.entry.path}: ${m.entry.what}`;
    case 'contains':
      return `it contains ${m.entry.path}, ${m.entry.what}`;
  }
}
