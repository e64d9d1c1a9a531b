/**
 * Keeps dockerfile-ast linear on long instructions.
 *
 * The library recomputes an instruction's argument list (a character-by-
 * character scan that allocates a Range per word) every time it is asked,
 * and its constructors ask several times: a RUN of 100,000 continuation lines
 * is scanned nine times while parsing (about ten seconds). And it drops an
 * instruction's flags from that list with one `Array.shift()` per flag, which
 * is quadratic in the number of flags (`RUN --mount=... --mount=...`).
 *
 * Both are fixed here, once, on the library's prototypes, without changing
 * what any method returns: the scan is cached per instruction (an
 * instruction's text never changes; each caller gets its own copy of the
 * list, as before), and the flags are dropped with one `slice`.
 * parse/dockerfile.ts imports this module before it parses anything.
 */
// The library's entry first: its modules import each other in cycles that only resolve in that order.
import 'dockerfile-ast';
import { Instruction } from 'dockerfile-ast/lib/instruction';
import { ModifiableInstruction } from 'dockerfile-ast/lib/modifiableInstruction';
import type { Argument } from 'dockerfile-ast';

type RawArguments = (this: Instruction) => Argument[];

const PATCHED = Symbol.for('shipshape.dockerfile-ast-perf');

/** How many times an instruction's arguments were scanned (for tests: once per instruction asked). */
export const argumentScans = { count: 0 };

function patch(): void {
  const proto = Instruction.prototype as unknown as Record<string | symbol, unknown>;
  if (proto[PATCHED]) return;
  const raw = proto.getRawArguments as RawArguments | undefined;
  // A library version without these methods keeps its own behaviour.
  if (typeof raw !== 'function' || typeof ModifiableInstruction.prototype.getFlags !== 'function') return;
  const cache = new WeakMap<Instruction, Argument[]>();
  proto.getRawArguments = function (this: Instruction): Argument[] {
    let args = cache.get(this);
    if (!args) {
      argumentScans.count++;
      args = raw.call(this);
      cache.set(this, args);
    }
    return args.slice();
  };
  const instructionGetArguments = Instruction.prototype.getArguments;
  ModifiableInstruction.prototype.getArguments = function (this: ModifiableInstruction): Argument[] {
    const args = instructionGetArguments.call(this);
    // While getFlags() computes the flags it sees an empty list here, as with the original.
    const flags = this.getFlags();
    return flags.length === 0 ? args : args.slice(flags.length);
  };
  proto[PATCHED] = true;
}

patch();
