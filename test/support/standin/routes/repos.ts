/**
 * Repository and git data backed by the real bare repository: repo, contents, branches, refs,
 * commits, compare.
 */
import type { StandInContext } from "../context.js";
import type { CommitInfo } from "../git-backend.js";
import { noreplyEmail, ZERO_SHA } from "../git-backend.js";
import { requireRole } from "../mutations.js";
import { HttpError, notFound, paginate, unprocessable, type Routes } from "../routing.js";
import { nodeId, repoApi, repoHtml, repositoryJson, userJsonByLogin } from "../shapes.js";

/** Login behind a commit author email written by the stand-in (`login@users.noreply...`), if any. */
function loginOf(ctx: StandInContext, email: string): string | null {
  const m = /^(.+)@users\.noreply\./.exec(email);
  return m && ctx.state.users.has(m[1]!) ? m[1]! : null;
}

export function commitJson(ctx: StandInContext, c: CommitInfo): Record<string, unknown> {
  const api = `${repoApi(ctx)}/commits/${c.sha}`;
  const author = loginOf(ctx, c.authorEmail);
  const committer = loginOf(ctx, c.committerEmail);
  return {
    sha: c.sha,
    node_id: nodeId("Commit", c.sha),
    commit: {
      author: { name: c.authorName, email: c.authorEmail, date: c.authorDate },
      committer: { name: c.committerName, email: c.committerEmail, date: c.committerDate },
      message: c.message,
      tree: { sha: c.tree, url: `${repoApi(ctx)}/git/trees/${c.tree}` },
      url: `${repoApi(ctx)}/git/commits/${c.sha}`,
      comment_count: 0,
      verification: { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null },
    },
    url: api,
    html_url: `${repoHtml(ctx)}/commit/${c.sha}`,
    comments_url: `${api}/comments`,
    author: author ? userJsonByLogin(ctx, author) : null,
    committer: committer ? userJsonByLogin(ctx, committer) : null,
    parents: c.parents.map((p) => ({ sha: p, url: `${repoApi(ctx)}/commits/${p}`, html_url: `${repoHtml(ctx)}/commit/${p}` })),
  };
}

async function mustResolve(ctx: StandInContext, ref: string): Promise<string> {
  const sha = await ctx.git.resolve(ref);
  if (!sha) throw new HttpError(422, `No commit found for SHA: ${ref}`);
  return sha;
}

function refJson(ctx: StandInContext, ref: string, sha: string) {
  return {
    ref,
    node_id: nodeId("Ref", ref),
    url: `${repoApi(ctx)}/git/${ref}`,
    object: { type: "commit", sha, url: `${repoApi(ctx)}/git/commits/${sha}` },
  };
}

async function branchJson(ctx: StandInContext, name: string, sha: string) {
  return {
    name,
    commit: commitJson(ctx, await ctx.git.commitInfo(sha)),
    _links: { self: `${repoApi(ctx)}/branches/${name}`, html: `${repoHtml(ctx)}/tree/${name}` },
    protected: false,
    protection: { enabled: false, required_status_checks: { enforcement_level: "off", contexts: [], checks: [] } },
    protection_url: `${repoApi(ctx)}/branches/${name}/protection`,
  };
}

function wantsRaw(accept: string | string[] | undefined): boolean {
  return /vnd\.github(\.v3)?\.raw/.test(String(accept ?? ""));
}

export function repoRoutes(routes: Routes): void {
  routes.add("GET", "/repos/{owner}/{repo}", async (_req, ctx) => ({ status: 200, body: repositoryJson(ctx) }));

  routes.add("GET", "/repos/{owner}/{repo}/contents/{path}", async (req, ctx) => {
    const ref = req.query.get("ref") ?? "main";
    const found = await ctx.git.content(ref, req.params.path!);
    if (!found) throw notFound();
    const api = (p: string) => `${repoApi(ctx)}/contents/${p}?ref=${encodeURIComponent(ref)}`;
    if (found.type === "file") {
      if (wantsRaw(req.headers.accept)) return { status: 200, raw: { data: found.content, contentType: "application/vnd.github.raw; charset=utf-8" } };
      const name = found.path.split("/").pop()!;
      return {
        status: 200,
        body: {
          type: "file",
          encoding: "base64",
          size: found.content.length,
          name,
          path: found.path,
          content: (found.content.toString("base64").match(/.{1,60}/g) ?? [""]).join("\n") + "\n",
          sha: found.sha,
          url: api(found.path),
          git_url: `${repoApi(ctx)}/git/blobs/${found.sha}`,
          html_url: `${repoHtml(ctx)}/blob/${ref}/${found.path}`,
          download_url: `${ctx.baseUrl}/raw/${ctx.owner}/${ctx.repo}/${ref}/${found.path}`,
          _links: { self: api(found.path), git: `${repoApi(ctx)}/git/blobs/${found.sha}`, html: `${repoHtml(ctx)}/blob/${ref}/${found.path}` },
        },
      };
    }
    return {
      status: 200,
      body: found.entries.map((e) => ({
        type: e.type,
        size: e.size,
        name: e.name,
        path: e.path,
        sha: e.sha,
        url: api(e.path),
        git_url: `${repoApi(ctx)}/git/${e.type === "dir" ? "trees" : "blobs"}/${e.sha}`,
        html_url: `${repoHtml(ctx)}/${e.type === "dir" ? "tree" : "blob"}/${ref}/${e.path}`,
        download_url: e.type === "file" ? `${ctx.baseUrl}/raw/${ctx.owner}/${ctx.repo}/${ref}/${e.path}` : null,
        _links: { self: api(e.path), git: `${repoApi(ctx)}/git/blobs/${e.sha}`, html: `${repoHtml(ctx)}/blob/${ref}/${e.path}` },
      })),
    };
  });

  routes.add("GET", "/repos/{owner}/{repo}/branches", async (req, ctx) => {
    const list = await ctx.git.branches();
    return paginate(
      req,
      list.map((b) => ({ name: b.name, commit: { sha: b.sha, url: `${repoApi(ctx)}/commits/${b.sha}` }, protected: false })),
    );
  });

  routes.add("GET", "/repos/{owner}/{repo}/branches/{branch}", async (req, ctx) => {
    const sha = await ctx.git.branchSha(req.params.branch!);
    if (!sha) throw notFound("Branch not found");
    return { status: 200, body: await branchJson(ctx, req.params.branch!, sha) };
  });

  routes.add("GET", "/repos/{owner}/{repo}/git/ref/{ref}", async (req, ctx) => {
    const ref = `refs/${req.params.ref!}`;
    const sha = await ctx.git.refTarget(ref);
    if (!sha) throw notFound();
    return { status: 200, body: refJson(ctx, ref, sha) };
  });

  routes.add("GET", "/repos/{owner}/{repo}/git/matching-refs/{ref}", async (req, ctx) => {
    const prefix = `refs/${req.params.ref!}`;
    const out = (await ctx.git.refsUnder("refs/")).filter(({ ref }) => ref.startsWith(prefix)).map(({ ref, sha }) => refJson(ctx, ref, sha));
    return { status: 200, body: out };
  });

  routes.add("POST", "/repos/{owner}/{repo}/git/refs", async (req, ctx) => {
    requireRole(ctx, req.caller, "write");
    const b = req.body as { ref: string; sha: string };
    if (!/^refs\/.+\/.+/.test(b.ref)) throw unprocessable("Reference name must start with 'refs/' and have at least two slashes.");
    const sha = await ctx.git.resolve(b.sha);
    if (!sha) throw unprocessable("Object does not exist");
    if (!(await ctx.git.updateRef(b.ref, sha, null))) throw unprocessable("Reference already exists");
    await ctx.onPush([{ ref: b.ref, before: ZERO_SHA, after: sha }], req.caller);
    return { status: 201, body: refJson(ctx, b.ref, sha) };
  });

  routes.add("PATCH", "/repos/{owner}/{repo}/git/refs/{ref}", async (req, ctx) => {
    requireRole(ctx, req.caller, "write");
    const ref = `refs/${req.params.ref!}`;
    const b = req.body as { sha: string; force?: boolean };
    const before = await ctx.git.resolve(ref);
    if (!before) throw unprocessable("Reference does not exist");
    const sha = await ctx.git.resolve(b.sha);
    if (!sha) throw unprocessable("Object does not exist");
    if (!b.force && !(await ctx.git.isAncestor(before, sha))) throw unprocessable("Update is not a fast forward");
    if (!(await ctx.git.updateRef(ref, sha, before))) throw new HttpError(409, "Reference update failed: the ref moved");
    await ctx.onPush([{ ref, before, after: sha }], req.caller);
    return { status: 200, body: refJson(ctx, ref, sha) };
  });

  routes.add("DELETE", "/repos/{owner}/{repo}/git/refs/{ref}", async (req, ctx) => {
    requireRole(ctx, req.caller, "write");
    const ref = `refs/${req.params.ref!}`;
    const before = await ctx.git.resolve(ref);
    if (!before) throw unprocessable("Reference does not exist");
    await ctx.git.deleteRef(ref);
    await ctx.onPush([{ ref, before, after: ZERO_SHA }], req.caller);
    return { status: 204 };
  });

  routes.add("GET", "/repos/{owner}/{repo}/git/commits/{commit_sha}", async (req, ctx) => {
    const sha = await ctx.git.resolve(req.params.commit_sha!);
    if (!sha || sha !== req.params.commit_sha) throw notFound();
    const c = await ctx.git.commitInfo(sha);
    return {
      status: 200,
      body: {
        sha,
        node_id: nodeId("Commit", sha),
        url: `${repoApi(ctx)}/git/commits/${sha}`,
        html_url: `${repoHtml(ctx)}/commit/${sha}`,
        author: { name: c.authorName, email: c.authorEmail, date: c.authorDate },
        committer: { name: c.committerName, email: c.committerEmail, date: c.committerDate },
        message: c.message,
        tree: { sha: c.tree, url: `${repoApi(ctx)}/git/trees/${c.tree}` },
        parents: c.parents.map((p) => ({ sha: p, url: `${repoApi(ctx)}/git/commits/${p}`, html_url: `${repoHtml(ctx)}/commit/${p}` })),
        verification: { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null },
      },
    };
  });

  // Merge a head into a branch (GitHub's "merge a branch"): 201 with the merge commit, 204 when
  // the head is already in the branch, 409 on a conflict, 404 for a missing base or head.
  routes.add("POST", "/repos/{owner}/{repo}/merges", async (req, ctx) => {
    requireRole(ctx, req.caller, "write");
    const b = req.body as { base: string; head: string; commit_message?: string };
    const baseSha = await ctx.git.branchSha(b.base);
    const headSha = await ctx.git.resolve(b.head);
    if (!baseSha) throw notFound("Base does not exist");
    if (!headSha) throw notFound("Head does not exist");
    if (await ctx.git.isAncestor(headSha, baseSha)) return { status: 204 };
    const merged = await ctx.git.mergeTree(baseSha, headSha);
    if (!merged.clean) throw new HttpError(409, "Merge conflict");
    const message = b.commit_message ?? `Merge ${b.head} into ${b.base}`;
    const sha = await ctx.git.commitTree(merged.tree, [baseSha, headSha], message, { name: req.caller, email: noreplyEmail(req.caller) });
    if (!(await ctx.git.updateRef(`refs/heads/${b.base}`, sha, baseSha))) throw new HttpError(409, "Reference update failed: the branch moved");
    await ctx.onPush([{ ref: `refs/heads/${b.base}`, before: baseSha, after: sha }], req.caller);
    return { status: 201, body: commitJson(ctx, await ctx.git.commitInfo(sha)) };
  });

  routes.add("GET", "/repos/{owner}/{repo}/commits/{ref}", async (req, ctx) => {
    const sha = await mustResolve(ctx, req.params.ref!);
    const info = await ctx.git.commitInfo(sha);
    const files = info.parents[0] ? await ctx.git.diffFiles(info.parents[0], sha) : [];
    const additions = files.reduce((s, f) => s + f.additions, 0);
    const deletions = files.reduce((s, f) => s + f.deletions, 0);
    return { status: 200, body: { ...commitJson(ctx, info), stats: { total: additions + deletions, additions, deletions }, files: files.map((f) => fileJson(ctx, sha, f)) } };
  });

  routes.add("GET", "/repos/{owner}/{repo}/compare/{basehead}", async (req, ctx) => {
    const m = /^(.+?)\.\.\.?(.+)$/.exec(req.params.basehead!);
    if (!m) throw notFound();
    const base = await ctx.git.resolve(m[1]!);
    const head = await ctx.git.resolve(m[2]!);
    if (!base || !head) throw notFound();
    const mergeBase = (await ctx.git.mergeBase(base, head)) ?? base;
    const ahead = await ctx.git.commitsBetween(base, head);
    const behind = await ctx.git.commitsBetween(head, base);
    const status = ahead.length && behind.length ? "diverged" : ahead.length ? "ahead" : behind.length ? "behind" : "identical";
    const files = await ctx.git.diffFiles(mergeBase, head);
    const commits = [];
    for (const c of ahead) commits.push(commitJson(ctx, await ctx.git.commitInfo(c)));
    return {
      status: 200,
      body: {
        url: `${repoApi(ctx)}/compare/${req.params.basehead}`,
        html_url: `${repoHtml(ctx)}/compare/${req.params.basehead}`,
        permalink_url: `${repoHtml(ctx)}/compare/${base}...${head}`,
        diff_url: `${repoHtml(ctx)}/compare/${req.params.basehead}.diff`,
        patch_url: `${repoHtml(ctx)}/compare/${req.params.basehead}.patch`,
        base_commit: commitJson(ctx, await ctx.git.commitInfo(base)),
        merge_base_commit: commitJson(ctx, await ctx.git.commitInfo(mergeBase)),
        status,
        ahead_by: ahead.length,
        behind_by: behind.length,
        total_commits: ahead.length,
        commits,
        files: files.map((f) => fileJson(ctx, head, f)),
      },
    };
  });
}

export function fileJson(ctx: StandInContext, ref: string, f: import("../git-backend.js").ChangedFile): Record<string, unknown> {
  return {
    sha: f.sha ?? ZERO_SHA,
    filename: f.filename,
    status: f.status,
    additions: f.additions,
    deletions: f.deletions,
    changes: f.changes,
    blob_url: `${repoHtml(ctx)}/blob/${ref}/${f.filename}`,
    raw_url: `${repoHtml(ctx)}/raw/${ref}/${f.filename}`,
    contents_url: `${repoApi(ctx)}/contents/${f.filename}?ref=${ref}`,
    ...(f.patch !== undefined ? { patch: f.patch } : {}),
    ...(f.previous_filename ? { previous_filename: f.previous_filename } : {}),
  };
}
