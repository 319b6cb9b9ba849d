import { z } from "zod";
import type { CheckRunSnapshot, CommitStatusSnapshot } from "../port.js";
import type { PortContext } from "./types.js";
import { rememberRepositoryId } from "./repository-id.js";

/**
 * A commit's checks in one GraphQL request (issue #9 "A request budget"): its check runs, grouped
 * by GitHub in check suites (one per app and workflow), and its commit statuses. The REST reads
 * this replaces are `GET /commits/{ref}/check-runs` (latest run per name) and
 * `GET /commits/{ref}/status` (latest status per context): two charged requests on every use.
 *
 * Mapping, so that callers see what the REST reads gave them:
 * - GraphQL enums are REST's values upper-cased (`CheckStatusState`, `CheckConclusionState`,
 *   `StatusState`): they are lower-cased back (`IN_PROGRESS` -> "in_progress");
 * - a run's id is its `databaseId` (the REST id), its `htmlUrl` the run's `url`
 *   (`https://github.com/{owner}/{repo}/runs/{id}`), its app the suite's `app.slug`;
 * - `checkRuns(filterBy: {checkType: LATEST})` keeps the latest run per name within a suite; REST's
 *   `filter=latest` keeps the latest per name and app across suites, so the newest (highest id)
 *   per app and name is kept here too;
 * - `status` is null when the commit has no statuses; `contexts` is the latest status per context.
 * Reference: https://docs.github.com/en/graphql/reference/objects#checksuite and #status.
 */

/** Suites per page; a commit has one suite per app (per workflow for GitHub Actions). */
const SUITES_PER_PAGE = 50;
/** Check runs per page, GitHub's maximum for a connection. */
const RUNS_PER_PAGE = 100;

const RUN_FIELDS = "id databaseId name status conclusion detailsUrl url";
const PAGE_INFO = "pageInfo { hasNextPage endCursor }";

const COMMIT_CHECKS = `query CommitChecks($owner: String!, $name: String!, $sha: GitObjectID!, $after: String) {
  repository(owner: $owner, name: $name) {
    id
    object(oid: $sha) {
      __typename
      ... on Commit {
        checkSuites(first: ${SUITES_PER_PAGE}, after: $after) {
          nodes { id app { slug } checkRuns(first: ${RUNS_PER_PAGE}, filterBy: { checkType: LATEST }) { nodes { ${RUN_FIELDS} } ${PAGE_INFO} } }
          ${PAGE_INFO}
        }
        status { contexts { context state targetUrl } }
      }
    }
  }
}`;

/** The rest of one suite's runs, when its first page was full. */
const SUITE_RUNS = `query SuiteRuns($suite: ID!, $after: String) {
  node(id: $suite) {
    ... on CheckSuite { checkRuns(first: ${RUNS_PER_PAGE}, after: $after, filterBy: { checkType: LATEST }) { nodes { ${RUN_FIELDS} } ${PAGE_INFO} } }
  }
}`;

const pageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });
const runNode = z.object({
  id: z.string().optional(),
  databaseId: z.number().int(),
  name: z.string(),
  status: z.string(),
  conclusion: z.string().nullable(),
  detailsUrl: z.string().nullable(),
  url: z.string().nullable(),
});
const runConnection = z.object({ nodes: z.array(runNode.nullable()), pageInfo });
const suiteNode = z.object({ id: z.string(), app: z.object({ slug: z.string() }).nullable(), checkRuns: runConnection.nullable() });
const commitAnswer = z.object({
  repository: z
    .object({
      id: z.string().optional(),
      object: z
        .object({
          __typename: z.string(),
          checkSuites: z.object({ nodes: z.array(suiteNode.nullable()), pageInfo }).nullish(),
          status: z.object({ contexts: z.array(z.object({ context: z.string(), state: z.string(), targetUrl: z.string().nullable() })) }).nullish(),
        })
        .nullable(),
    })
    .nullable(),
});
const suiteAnswer = z.object({ node: z.object({ checkRuns: runConnection.nullable() }).nullable() });

type RunNode = z.infer<typeof runNode>;

function toRun(node: RunNode, sha: string, appSlug: string | null): CheckRunSnapshot {
  return {
    id: node.databaseId,
    name: node.name,
    headSha: sha,
    status: node.status.toLowerCase(),
    conclusion: node.conclusion === null ? null : node.conclusion.toLowerCase(),
    htmlUrl: node.url,
    detailsUrl: node.detailsUrl,
    appSlug,
    ...(node.id ? { nodeId: node.id } : {}),
  };
}

/** The newest run (highest id) per app and name, newest first, as REST's `filter=latest` lists them. */
function latestPerAppAndName(runs: CheckRunSnapshot[]): CheckRunSnapshot[] {
  const latest = new Map<string, CheckRunSnapshot>();
  for (const run of [...runs].sort((a, b) => b.id - a.id)) {
    const key = `${run.appSlug ?? ""}\u0000${run.name}`;
    if (!latest.has(key)) latest.set(key, run);
  }
  return [...latest.values()];
}

/**
 * Reads commit `sha`'s check runs (every app's) and commit statuses: one request, plus one per
 * further page of 50 suites or of 100 runs in a suite. A commit GitHub does not know (or a sha
 * naming another kind of object) has neither: empty lists. Transport errors and GraphQL errors
 * reject (Octokit's RequestError / GraphqlResponseError).
 */
export async function readCommitChecks(ctx: PortContext, sha: string): Promise<{ runs: CheckRunSnapshot[]; statuses: CommitStatusSnapshot[] }> {
  const { octokit, repo } = ctx;
  const runs: CheckRunSnapshot[] = [];
  let statuses: CommitStatusSnapshot[] = [];
  for (let after: string | null = null, first = true; first || after !== null; first = false) {
    const answer = commitAnswer.parse(await octokit.graphql(COMMIT_CHECKS, { owner: repo.owner, name: repo.repo, sha, after }));
    rememberRepositoryId(ctx, answer.repository?.id);
    const commit = answer.repository?.object;
    if (!commit || commit.__typename !== "Commit") return { runs: [], statuses: [] };
    if (first) statuses = (commit.status?.contexts ?? []).map((s) => ({ context: s.context, state: s.state.toLowerCase(), targetUrl: s.targetUrl }));
    for (const suite of commit.checkSuites?.nodes ?? []) {
      if (!suite?.checkRuns) continue;
      const slug = suite.app?.slug ?? null;
      let page = suite.checkRuns;
      for (;;) {
        for (const node of page.nodes) if (node) runs.push(toRun(node, sha, slug));
        if (!page.pageInfo.hasNextPage || page.pageInfo.endCursor === null) break;
        const more = suiteAnswer.parse(await octokit.graphql(SUITE_RUNS, { suite: suite.id, after: page.pageInfo.endCursor })).node?.checkRuns;
        if (!more) break;
        page = more;
      }
    }
    const info = commit.checkSuites?.pageInfo;
    after = info?.hasNextPage && info.endCursor !== null ? info.endCursor : null;
  }
  return { runs: latestPerAppAndName(runs), statuses };
}
