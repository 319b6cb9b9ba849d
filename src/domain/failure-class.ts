import type { BlockerKind } from "./worker-report.js";

/**
 * Which failures are the infrastructure's and which are the agent's (issue 12, "Circuit
 * breaker"): the provider's 5xx, 429 or auth errors, a crashed CLI or worker, a lost runner trip
 * the breaker and can dead-letter an item; an agent that could not do the work (tests still
 * failing, out of scope, budget spent) stays a blocker report and never trips it. Pure.
 */
export type FailureClass = "infrastructure" | "agent" | "item";

/** What is known about how an attempt ended. */
export interface AttemptEnd {
  /** The worker's blocker kind; absent when no report came back (lost or cancelled runner). */
  blocker?: BlockerKind;
  /** The run ended without a worker report (the runner died, was cancelled or never started). */
  noReport?: boolean;
  /** Tail of the agent's output of the last iteration, where the worker kept one. */
  agentOutputTail?: string;
}

/**
 * Provider errors as the CLIs print them: an HTTP status 429, 5xx, 401 or 403 next to "status",
 * "HTTP", "API Error" or "error code", or the providers' words for them.
 */
const PROVIDER_ERROR =
  /(?:\bstatus(?: code)?|\bHTTP(?:\/\d(?:\.\d)?)?|\bAPI Error:?|\berror code:?)\s*[:=]?\s*(?:429|5\d\d|401|403)\b|\brate[ _-]?limit(?:ed)?\b|\boverloaded_error\b|\binvalid (?:x-)?api[ _-]?key\b|\bauthentication_error\b|\binsufficient_quota\b/i;

/** gRPC status names (Gemini), matched in capitals only: "unavailable" is an ordinary word. */
const GRPC_ERROR = /\b(?:RESOURCE_EXHAUSTED|UNAVAILABLE|UNAUTHENTICATED)\b/;

/** Whether the agent's output shows its model provider failing (not the agent failing the task). */
export function isProviderError(output: string): boolean {
  return PROVIDER_ERROR.test(output) || GRPC_ERROR.test(output);
}

/**
 * The class of an attempt's failure:
 * - no report (lost, cancelled or crashed runner), `error` (the worker itself failed: git,
 *   GitHub), `agent-missing` (the CLI is not installed), or a provider error in the agent's
 *   output: infrastructure;
 * - `bad-input` (the issue or config is unusable): item, which a person must fix;
 * - anything else (`exhausted`, `out-of-scope`, budgets): agent.
 */
export function failureClass(end: AttemptEnd): FailureClass {
  if (end.noReport === true) return "infrastructure";
  if (end.blocker === "error" || end.blocker === "agent-missing") return "infrastructure";
  if (end.blocker === "bad-input") return "item";
  if (end.agentOutputTail !== undefined && isProviderError(end.agentOutputTail)) return "infrastructure";
  return "agent";
}
