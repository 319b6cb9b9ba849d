/**
 * The one answer to "is this ours?" (DESIGN.md "One pass per event": one rule, on the session).
 * Before this module the app had seven answers for actors and three for "which checks are ours",
 * and they disagreed at the edges (a slug-less app, Actions' `github-actions[bot]`).
 *
 * Rules:
 * - an actor is ours when it is this app's bot account `<slug>[bot]` (case-insensitive); when the
 *   slug is unknown, any Bot other than Actions' `github-actions[bot]` (what workers push and
 *   report as) is taken for ours;
 * - any Bot (ours, workers, other apps) never gives commands and never drives triage (`isBot`);
 * - a check run is ours when its name starts with `orchestrator/` and, when our slug is known,
 *   the app that created it is us (another app may name a check `orchestrator/...`);
 * - a check suite is ours when its app is us (only decidable with a known slug).
 */

/** Who acted (GitHub's `sender`, a comment's `user`, a push's pusher). */
export interface OwnershipActor {
  login: string;
  /** GitHub's account type: "User", "Bot", "Organization". */
  type: string;
}

/** Prefix of every check run this app writes (review, scope, config). */
export const OWN_CHECK_PREFIX = "orchestrator/";

/** Actions' token identity: workers push and report as this account, never "us". */
const ACTIONS_BOT = "github-actions[bot]";

/** The "is this ours" answers of one app (see the module comment for the rules). */
export interface Ownership {
  /** This app's slug, when known (production reads it from the installation; tests set it). */
  readonly appSlug: string | undefined;
  /** The actor is this app itself. */
  actor(actor: OwnershipActor | null | undefined): boolean;
  /** The actor is a bot (ours or not): bots never command and never drive decisions. */
  isBot(actor: OwnershipActor | null | undefined): boolean;
  /** The check run (name, creating app's slug) is one of ours; never a test of the pull request. */
  checkRun(run: { name: string; appSlug?: string | null }): boolean;
  /** The check suite (creating app's slug) is ours. */
  checkSuite(suite: { appSlug?: string | null }): boolean;
}

/** Case-insensitive login comparison (GitHub logins are case-insensitive). */
export function sameLogin(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The ownership rules for an app with `appSlug` (undefined: unknown slug, see module comment). */
export function ownership(appSlug?: string): Ownership {
  const botName = appSlug === undefined ? undefined : `${appSlug}[bot]`;
  const isBot = (actor: OwnershipActor | null | undefined): boolean => !!actor && (actor.type === "Bot" || /\[bot\]$/i.test(actor.login));
  return {
    appSlug,
    isBot,
    actor(actor) {
      if (!actor) return false;
      if (botName !== undefined) return sameLogin(actor.login, botName);
      return actor.type === "Bot" && !sameLogin(actor.login, ACTIONS_BOT);
    },
    checkRun(run) {
      if (!run.name.startsWith(OWN_CHECK_PREFIX)) return false;
      return appSlug === undefined || run.appSlug === appSlug;
    },
    checkSuite(suite) {
      return appSlug !== undefined && suite.appSlug === appSlug;
    },
  };
}
