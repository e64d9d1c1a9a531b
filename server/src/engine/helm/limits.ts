/**
 * Bounds of template execution (a step budget, an output limit, a nesting depth limit shared by one render), the
 * error every execution failure becomes, and Go's truth rule.
 */
import type { GoValue } from './values';

export interface Limits {
  /** Evaluation steps (actions, commands, iterations, function work) for the whole render. */
  maxSteps: number;
  /** Characters of output per executed template. */
  maxOutput: number;
  /** Nested template / include / tpl calls. */
  maxDepth: number;
}
export const DEFAULT_LIMITS: Limits = { maxSteps: 5_000_000, maxOutput: 20_000_000, maxDepth: 250 };

/** Where an execution error happened. */
export interface ErrorSite {
  template: string;
  file: string;
  offset: number;
  line: number;
  col: number;
}

export class TemplateExecError extends Error {
  constructor(
    message: string,
    readonly site: ErrorSite | undefined,
    /** A budget error (steps, output, depth) or any other execution error. */
    readonly kind: 'exec' | 'budget' = 'exec',
    /** Where the error happened inside an `include`d template (`site` is the outermost call, where Helm reports it). */
    readonly inner?: ErrorSite,
  ) {
    super(message);
  }
}

/** A run of output starting at `out` that a template wrote at `src` in `file` (text: offset by offset; action: whole). */
export interface OutputSegment {
  out: number;
  file: string;
  src: number;
  /** For an action, when the budget records reads: the map entries its pipeline read (include and tpl calls included). */
  reads?: FieldRead[];
}

/** A map entry a template read (`.Values.a.b` reads `b` of the map at `.Values.a`): provenance looks up its position. */
export interface FieldRead {
  map: Map<string, GoValue>;
  key: string;
}

class BreakSignal {}
class ContinueSignal {}
/** Thrown by {{break}} / {{continue}} to the enclosing range. */
export const BREAK = new BreakSignal();
export const CONTINUE = new ContinueSignal();

/** Mutable budget shared by every execution of one render. */
export interface Budget {
  steps: number;
  depth: number;
  limits: Limits;
  /** When set, every map entry a field chain reads is appended (helm/provenance.ts); actions' segments take theirs. */
  reads?: FieldRead[];
}

export function newBudget(limits: Partial<Limits> = {}): Budget {
  return { steps: 0, depth: 0, limits: { ...DEFAULT_LIMITS, ...limits } };
}

/** Go's truth: false, 0, nil, empty strings, slices and maps are false. */
export function isTrue(v: GoValue): boolean {
  if (v === undefined || v === null) return false;
  switch (typeof v) {
    case 'string':
      return v.length > 0;
    case 'number':
      return v !== 0;
    case 'bigint':
      return v !== 0n;
    case 'boolean':
      return v;
  }
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Map) return v.size > 0;
  return true;
}
