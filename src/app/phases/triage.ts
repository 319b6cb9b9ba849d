import { labelCatalog } from "../../domain/labels.js";
import type { Effect } from "../effects.js";
import { retriage, triageIssue } from "../intake.js";
import { refineItem } from "../pm-refine.js";
import { advancePlan } from "../pm-plan.js";
import type { RepoSession } from "../session.js";

/**
 * The triage phase: triages each issue named by a `triage` follow-up once (issues opened, edited,
 * labeled, relations changed, commands that rescore), then the peers on a dependency cycle with
 * it (so each reports the cycle), or every open issue after an installation (labels created
 * first). An item left at `needs-info` then goes through the PM agent's refine step
 * (app/pm-refine.ts; only with `pm.agent`). Then, with a PM agent, the plan of each epic triaged or named by
 * a `plan` follow-up is advanced (src/app/pm-plan.ts). Returns `schedule` when something was
 * triaged, and the PM runs the refine and plan steps ask for.
 */
export async function triagePhase(session: RepoSession, inbox: readonly Effect[]): Promise<Effect[]> {
  if (inbox.some((e) => e.kind === "triage-all")) {
    await session.port.ensureLabels(labelCatalog(session.config));
    for (const issue of await session.port.listOpenIssues()) await triageIssue(session, issue);
    return [{ kind: "schedule" }];
  }
  const requests = inbox.flatMap((e) => (e.kind === "triage" ? [e] : []));
  const numbers = [...new Set(requests.map((e) => e.issue))];
  const done = new Set<number>();
  const out: Effect[] = [];
  for (const number of numbers) {
    if (done.has(number)) continue;
    done.add(number);
    // A relation event names an issue that may be closed: only open ones are triaged for it.
    const openOnly = requests.every((e) => e.issue !== number || e.openOnly === true);
    const result = await retriage(session, number, { openOnly });
    // issue #13: an item left at needs-info is refined by the PM agent (when `pm.agent` is set).
    if (result?.status === "needs-info" && session.config.pm.agent !== null) out.push(...(await refineItem(session, number)));
    for (const peer of result?.cyclePeers ?? []) {
      if (done.has(peer)) continue;
      done.add(peer);
      await retriage(session, peer);
    }
  }
  if (numbers.length > 0) out.push({ kind: "schedule" });
  if (session.config.pm.agent !== null) {
    const plans = inbox.flatMap((e) => (e.kind === "plan" ? [e] : []));
    const epics = new Set([...done, ...plans.map((e) => e.issue)]);
    for (const number of epics) {
      const ended = plans.flatMap((e) => (e.issue === number && e.runEnded ? [e.runEnded] : []));
      out.push(...(await advancePlan(session, number, ended)));
    }
  }
  return out;
}
