/**
 * The label catalog in one request (src/github/octokit/labels.ts `ensureLabels`): labels the
 * repository lacks are created and labels with another colour or description fixed by one GraphQL
 * mutation document (`createLabel`, `updateLabel`), after one listing and one query for the
 * repository's node id (once per process), against the stand-in's slice of GitHub's GraphQL schema (issue #9, request
 * budget: an installation's label setup was one request per label). A label that appears between
 * the listing and the mutation goes through REST, as before.
 */
import { describe, expect, it } from "vitest";
import type { LabelSpec } from "../../src/github/port.js";
import { useRepoStandIn } from "../support/repo-stand-in.js";

describe("ensureLabels: a label catalog in one GraphQL request", { timeout: 60_000 }, () => {
  /** Called before each request of the port (the race below). */
  let before: (request: { method: string; url: string; params: Record<string, unknown> }) => Promise<void> = async () => {};
  const repo = useRepoStandIn("labels", (request) => before(request));
  const port = () => repo.port();
  const sent = () => repo.gh.requests.entries.map((e) => e.route.replace("/repos/{owner}/{repo}", ""));
  const catalog = (prefix: string): LabelSpec[] =>
    ["ready", "in-progress", "in-review", "blocked", "done"].map((name, i) => ({ name: `${prefix}/${name}`, color: `00000${i}`, description: `${prefix} ${name}` }));
  const look = (name: string) => {
    const label = repo.gh.state.label(name);
    return label ? { color: label.color, description: label.description } : null;
  };

  it("creates the missing labels and fixes a wrong colour with one listing, one query and one mutation", async () => {
    const specs = catalog("one");
    // A person's label of the catalog's name with another colour: fixed, not created again.
    await repo.gh.as("alice").openIssue({ title: "labelled", labels: ["one/blocked"] });
    expect(look("one/blocked")?.color).not.toBe("000003");
    const deliveries = repo.gh.deliveries.length;
    repo.gh.requests.reset();
    await port().ensureLabels(specs);
    expect(sent()).toEqual(["GET /labels", "POST /graphql", "POST /graphql"]);
    for (const [i, spec] of specs.entries()) expect(look(spec.name), spec.name).toEqual({ color: `00000${i}`, description: spec.description });
    const events = repo.gh.deliveries.slice(deliveries).map((d) => `${d.event}.${d.action}`);
    expect(events.filter((e) => e === "label.created")).toHaveLength(4);
    expect(events.filter((e) => e === "label.edited")).toHaveLength(1);

    // Everything as it should be: the listing alone.
    repo.gh.requests.reset();
    await port().ensureLabels(specs);
    expect(sent()).toEqual(["GET /labels"]);
  });

  it("a label created between the listing and the mutation goes through REST; the others are created", async () => {
    const specs = catalog("race");
    before = async (request) => {
      const query = String(request.params.query ?? "");
      if (request.method === "POST" && query.includes("CatalogLabels")) {
        before = async () => {};
        await repo.gh.as("alice").openIssue({ title: "racing", labels: ["race/done"] });
      }
    };
    repo.gh.requests.reset();
    await port().ensureLabels(specs);
    // The repository's node id was learnt by the first catalog (repository-id.ts): no query for it.
    expect(sent()).toEqual(["GET /labels", "POST /graphql", "POST /labels"]);
    for (const spec of specs) expect(look(spec.name), spec.name).not.toBeNull();
    for (const spec of specs.slice(0, 4)) expect(look(spec.name)?.description).toBe(spec.description);
  });
});
