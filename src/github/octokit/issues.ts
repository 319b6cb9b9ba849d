import type { IssueLink, IssueSnapshot, RelationResult } from "../port.js";
import { toIssue, type RawIssue } from "./map.js";
import type { PortContext } from "./types.js";
import { messageOf, orNotFound, statusOf } from "./types.js";
import { createOnce, NO_BLIND_RETRY } from "./create-once.js";
import { policyOf } from "../retry-policy.js";

interface RawLinkedIssue {
  number: number;
  state: string;
  title: string;
  repository_url?: string;
  html_url?: string;
}

/** `owner/repo` of a linked issue, from its repository_url (…/repos/owner/repo) or html_url. */
function repositoryOf(raw: RawLinkedIssue, fallback: string): string {
  const fromApi = raw.repository_url?.match(/\/repos\/([^/]+\/[^/]+)$/)?.[1];
  if (fromApi) return fromApi;
  const fromHtml = raw.html_url?.match(/^https?:\/\/[^/]+\/([^/]+\/[^/]+)\/(issues|pull)\//)?.[1];
  return fromHtml ?? fallback;
}

function toLink(raw: RawLinkedIssue, fallback: string): IssueLink {
  return {
    number: raw.number,
    repository: repositoryOf(raw, fallback),
    state: raw.state === "closed" ? "closed" : "open",
    title: raw.title,
  };
}

/** Issue reads and state changes. */
export function issueOps({ octokit, repo }: PortContext) {
  const fullName = `${repo.owner}/${repo.repo}`;
  /** Relation writes carry the other issue's id (not its number), as GitHub's API wants; 422 is GitHub's refusal. */
  const relate = async (write: (id: number) => Promise<unknown>, other: number): Promise<RelationResult> => {
    const { data } = await octokit.rest.issues.get({ ...repo, issue_number: other });
    try {
      await write(data.id);
      return { ok: true };
    } catch (error) {
      if (statusOf(error) === 422) return { ok: false, status: 422, message: messageOf(error) };
      throw error;
    }
  };
  async function listOpenIssues(labels?: string[], options: { since?: string } = {}): Promise<IssueSnapshot[]> {
    const raw = await octokit.paginate(octokit.rest.issues.listForRepo, {
      ...repo,
      state: "open",
      per_page: 100,
      ...(labels && labels.length > 0 ? { labels: labels.join(",") } : {}),
      ...(options.since !== undefined ? { since: options.since } : {}),
    });
    return (raw as RawIssue[]).map(toIssue).filter((issue) => !issue.isPullRequest);
  }
  return {
    async getIssue(number: number): Promise<IssueSnapshot | null> {
      return orNotFound(async () => {
        const { data } = await octokit.rest.issues.get({ ...repo, issue_number: number });
        return toIssue(data as RawIssue);
      }, null);
    },
    listOpenIssues,
    async listClosedIssues(labels: string[]): Promise<IssueSnapshot[]> {
      // One page: the sweep looks for the few issues closed since a landing's record was lost.
      const { data } = await octokit.rest.issues.listForRepo({ ...repo, state: "closed", labels: labels.join(","), sort: "updated", direction: "desc", per_page: 100 });
      return (data as RawIssue[]).map(toIssue).filter((issue) => !issue.isPullRequest);
    },
    async listSubIssues(number: number): Promise<IssueLink[]> {
      return orNotFound(async () => {
        const raw = await octokit.paginate(octokit.rest.issues.listSubIssues, {
          ...repo,
          issue_number: number,
          per_page: 100,
        });
        return (raw as RawLinkedIssue[]).map((r) => toLink(r, fullName));
      }, []);
    },
    async listBlockedBy(number: number): Promise<IssueLink[]> {
      return orNotFound(async () => {
        const raw = await octokit.paginate(octokit.rest.issues.listDependenciesBlockedBy, {
          ...repo,
          issue_number: number,
          per_page: 100,
        });
        return (raw as RawLinkedIssue[]).map((r) => toLink(r, fullName));
      }, []);
    },
    async addSubIssue(parent: number, child: number): Promise<RelationResult> {
      return relate((id) => octokit.rest.issues.addSubIssue({ ...repo, issue_number: parent, sub_issue_id: id }), child);
    },
    async addBlockedBy(number: number, blocking: number): Promise<RelationResult> {
      return relate((id) => octokit.rest.issues.addBlockedByDependency({ ...repo, issue_number: number, issue_id: id }), blocking);
    },
    async closeIssue(number: number, reason: "completed" | "not_planned"): Promise<void> {
      const { data } = await octokit.rest.issues.get({ ...repo, issue_number: number });
      if (data.state === "closed") return;
      await octokit.rest.issues.update({ ...repo, issue_number: number, state: "closed", state_reason: reason });
    },
    async reopenIssue(number: number): Promise<void> {
      const { data } = await octokit.rest.issues.get({ ...repo, issue_number: number });
      if (data.state === "open") return;
      await octokit.rest.issues.update({ ...repo, issue_number: number, state: "open" });
    },
    async createIssue(spec: { title: string; body: string; labels: string[]; marker?: string }): Promise<IssueSnapshot> {
      const send = async (options: object) => {
        const { data } = await octokit.rest.issues.create({ ...repo, title: spec.title, body: spec.body, labels: spec.labels, ...options });
        return toIssue(data as RawIssue);
      };
      const { marker } = spec;
      if (marker === undefined) return send({});
      // Exactly once: a create whose answer was lost is looked for by its marker, not sent again blindly.
      return createOnce(policyOf(octokit), () => send(NO_BLIND_RETRY), async () => {
        const open = await listOpenIssues();
        return open.find((issue) => issue.author.type === "Bot" && issue.body.includes(marker)) ?? null;
      });
    },
    async updateIssueBody(number: number, body: string): Promise<void> {
      await octokit.rest.issues.update({ ...repo, issue_number: number, body });
    },
  };
}
