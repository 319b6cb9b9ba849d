import type { JobSize, OrchestratorConfig } from "../config/schema.js";

/**
 * Weighted Shortest Job First, per SAFe:
 *   WSJF = cost of delay / job size
 *        = (business value + time criticality + risk reduction/opportunity enablement) / job size
 * Each cost-of-delay input is an integer 1..5; the job size is a named bucket (XS..XL) mapped to a
 * divisor by `config.wsjf.sizes` (SAFe's modified Fibonacci by default: XS=1, S=2, M=3, L=5, XL=8).
 * The score is rounded to two decimals. Reference: value 3, urgency 2, risk 2, size S -> 7/2 = 3.5.
 */

/** The four WSJF inputs in the order we ask for them. `value`, `urgency`, `risk` are 1..5. */
export interface WsjfInputs {
  /** Business value, 1..5. */
  value?: number;
  /** Time criticality, 1..5. */
  urgency?: number;
  /** Risk reduction / opportunity enablement, 1..5. */
  risk?: number;
  /** Job size bucket. */
  size?: JobSize;
}

/** Name of one WSJF input, as used in {@link WsjfResult.missing}. */
export type WsjfInputName = keyof WsjfInputs;

/** The inputs in a fixed order (value, urgency, risk, size), so `missing` is deterministic. */
export const WSJF_INPUT_NAMES: readonly WsjfInputName[] = ["value", "urgency", "risk", "size"];

/** The size map of the configuration: job size -> positive divisor. */
export type WsjfSizes = OrchestratorConfig["wsjf"]["sizes"];

/** Result of {@link computeWsjf}: the score, or null with the names of the inputs that are missing. */
export interface WsjfResult {
  /** WSJF rounded to two decimals, or null when any input is missing or invalid. */
  score: number | null;
  /** Inputs that are absent or invalid, in the order value, urgency, risk, size. */
  missing: WsjfInputName[];
}

/** True for an integer in 1..5, the SAFe relative scale we use for the cost-of-delay inputs. */
export function isWsjfRating(n: unknown): n is number {
  return typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= 5;
}

/** Rounds to two decimals, half away from zero (scores are positive). */
export function roundWsjf(x: number): number {
  return Math.round((x + Number.EPSILON) * 100) / 100;
}

/**
 * Computes WSJF = (value + urgency + risk) / sizes[size], rounded to two decimals.
 * An input outside 1..5 (or not an integer) counts as missing rather than throwing: the inputs come
 * from people's labels and form answers, and triage asks for them again.
 * With the default sizes the score lies in [3/8 rounded = 0.38, 15].
 */
export function computeWsjf(inputs: WsjfInputs, sizes: WsjfSizes): WsjfResult {
  const missing: WsjfInputName[] = [];
  if (!isWsjfRating(inputs.value)) missing.push("value");
  if (!isWsjfRating(inputs.urgency)) missing.push("urgency");
  if (!isWsjfRating(inputs.risk)) missing.push("risk");
  const divisor = inputs.size === undefined ? undefined : sizes[inputs.size];
  if (divisor === undefined || !(divisor > 0)) missing.push("size");
  if (missing.length > 0 || divisor === undefined) return { score: null, missing };
  const costOfDelay = (inputs.value ?? 0) + (inputs.urgency ?? 0) + (inputs.risk ?? 0);
  return { score: roundWsjf(costOfDelay / divisor), missing };
}
