/**
 * Glob matching for configuration (exemptions, ignorePaths, trusted
 * registries' globs elsewhere): picomatch with dot files matched, so
 * `vendor/**` covers `vendor/.hidden/x.yaml` as users expect.
 */
import picomatch from 'picomatch';

export function globMatcher(glob: string | readonly string[]): (value: string) => boolean {
  const globs = typeof glob === 'string' ? [glob] : [...glob];
  if (globs.length === 0) return () => false;
  return picomatch(globs, { dot: true });
}

/**
 * Why a configured glob cannot mean what its author wants, or undefined.
 * picomatch compiles almost anything (an unclosed `[` or `{` becomes a
 * literal), so the mistakes users make are checked here: empty globs,
 * unbalanced brackets and braces, and for `paths`/`ignorePaths` the forms
 * that never match a path relative to the config file's folder (absolute
 * paths, `..` segments, Windows `\` separators).
 */
export function globProblem(glob: string, kind: 'path' | 'name' = 'name'): string | undefined {
  if (glob.trim() === '') return 'is empty';
  const unbalanced = firstUnbalanced(glob);
  if (unbalanced) return unbalanced;
  if (kind === 'path') {
    if (/^(?:[A-Za-z]:)?[\\/]/.test(glob)) return 'is absolute: paths are relative to the folder of the configuration file';
    if (/(?:^|\/)\.\.(?:\/|$)/.test(glob)) return 'has a ".." segment: paths are relative to the folder of the configuration file and cannot leave it';
    if (/\\(?![*?[\]{}()!+@\\])/.test(glob)) return 'uses "\\" as a separator: write paths with "/"';
  }
  try {
    picomatch.makeRe(glob, { dot: true, strictBrackets: true });
  } catch (e) {
    return `cannot be compiled (${(e as Error).message.split('\n')[0]})`;
  }
  return undefined;
}

/** The first unclosed or unopened `[`, `{` or `(`, skipping escaped characters. */
function firstUnbalanced(glob: string): string | undefined {
  const stack: string[] = [];
  const pairs: Record<string, string> = { ']': '[', '}': '{', ')': '(' };
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (stack[stack.length - 1] === '[') {
      // Inside a character class only `]` matters (a leading `]` or `!]`/`^]` is literal).
      const start = glob.lastIndexOf('[', i - 1);
      const literal = i === start + 1 || (i === start + 2 && (glob[start + 1] === '!' || glob[start + 1] === '^'));
      if (c === ']' && !literal) stack.pop();
      continue;
    }
    if (c === '[' || c === '{' || c === '(') stack.push(c);
    else if (c in pairs) {
      if (c === ']') continue; // a lone `]` is a literal in globs
      if (stack[stack.length - 1] !== pairs[c]) return `has an unmatched "${c}" at position ${i + 1}`;
      stack.pop();
    }
  }
  return stack.length > 0 ? `has an unclosed "${stack[stack.length - 1]}"` : undefined;
}
