import type { ProbotOctokit } from "probot";
import type { RepoRef } from "../port.js";

/** The Octokit the port needs: Probot's (REST endpoint methods + paginate), app or token auth. */
export type Octokit = InstanceType<typeof ProbotOctokit>;

/** What every resource module receives: the client and the repository it acts on. */
export interface PortContext {
  octokit: Octokit;
  repo: RepoRef;
}

/** HTTP status of an Octokit RequestError, or undefined for other errors. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error === "object" && error !== null && "status" in error) {
    const status = (error as { status: unknown }).status;
    return typeof status === "number" ? status : undefined;
  }
  return undefined;
}

/** Runs `call` and maps a 404 to `fallback`; every other error propagates. */
export async function orNotFound<T, F>(call: () => Promise<T>, fallback: F): Promise<T | F> {
  try {
    return await call();
  } catch (error) {
    if (statusOf(error) === 404) return fallback;
    throw error;
  }
}

/** The message of an Octokit RequestError (GitHub's `message`), for guarded-result failures. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
