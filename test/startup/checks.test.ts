/**
 * The server's startup checks: one clear line for a malformed key, a wrong APP_ID, APP_ID without
 * a key, a 401 from GitHub and a repository without its worker workflow; against the stand-in.
 */
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ProbotOctokit } from "probot";
import { checkEnvironment, checkGitHub } from "../../src/startup/checks.js";
import { startStandIn, type StandIn } from "../support/standin/index.js";
import { writeFiles } from "../support/app-harness.js";

const pair = () => generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } });
const KEY = pair();
const cwd = () => mkdtempSync(path.join(os.tmpdir(), "orchestrator-startup-"));
const Octokit = ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: { enabled: false }, throttle: { ...(o.throttle as object | undefined), enabled: false } }));

describe("environment checks", () => {
  it("nothing set: no error, Probot's setup page registers the App", () => {
    expect(checkEnvironment({}, cwd())).toEqual({ errors: [], warnings: [], credentials: null });
  });

  it("a truncated key is one line naming the problem", () => {
    const truncated = `${KEY.privateKey.slice(0, 400)}\n-----END PRIVATE KEY-----\n`;
    const { errors, credentials } = checkEnvironment({ APP_ID: "12", PRIVATE_KEY: truncated }, cwd());
    expect(credentials).toBeNull();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^the App's private key is malformed \(.+\): it is probably truncated/);
  });

  it("a key without its BEGIN/END lines is named", () => {
    const { errors } = checkEnvironment({ APP_ID: "12", PRIVATE_KEY: "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC" }, cwd());
    expect(errors[0]).toContain('The contents of "env.PRIVATE_KEY" could not be validated');
  });

  it.each([
    [{ APP_ID: "my-app", PRIVATE_KEY: KEY.privateKey }, 'APP_ID must be the App\'s numeric id (App settings > General > App ID), got "my-app"'],
    [{ APP_ID: "12" }, "APP_ID is set but no private key: set PRIVATE_KEY (the .pem contents) or PRIVATE_KEY_PATH (its file)"],
    [{ PRIVATE_KEY: KEY.privateKey }, "a private key is set but APP_ID is not: set APP_ID to the App's numeric id"],
    [{ APP_ID: "12", PRIVATE_KEY_PATH: "/nonexistent/key.pem" }, 'Private key does not exists at path: "/nonexistent/key.pem"'],
  ])("%j -> one line", (env, line) => {
    const { errors } = checkEnvironment(env, cwd());
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(line);
  });

  it("a good key and id give the credentials, with GHE_HOST's API URL", () => {
    const { errors, credentials } = checkEnvironment({ APP_ID: "12", PRIVATE_KEY: KEY.privateKey, GHE_HOST: "ghe.example", GHE_PROTOCOL: "http" }, cwd());
    expect(errors).toEqual([]);
    expect(credentials).toMatchObject({ appId: 12, baseUrl: "http://ghe.example/api/v3" });
  });
});

describe("GitHub checks (against the stand-in)", { timeout: 60_000 }, () => {
  let gh: StandIn | undefined;
  afterEach(async () => {
    const violations = [...(gh?.violations ?? [])];
    await gh?.close();
    gh = undefined;
    expect(violations).toEqual([]);
  });
  const start = async (files: Record<string, string>) => {
    gh = await startStandIn({ owner: "acme", repo: "widgets", users: [], seed: (dir) => writeFiles(dir, files), app: { id: 4242, slug: "orchestrator", installationId: 777, webhookSecret: "s", publicKeyPem: KEY.publicKey } });
    return gh;
  };

  it("the right App: no error; a repository without its worker workflow is a warning naming it", async () => {
    const standIn = await start({ "README.md": "# w\n" });
    const report = await checkGitHub({ appId: 4242, privateKey: KEY.privateKey, baseUrl: standIn.apiUrl }, Octokit);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([expect.stringContaining("acme/widgets: .github/workflows/orchestrator-worker.yml is missing")]);
  });

  it("with the workflow (the configured name) there is nothing to say", async () => {
    const standIn = await start({ ".github/orchestrator.yml": "worker:\n  workflow: agents.yml\n", ".github/workflows/agents.yml": "on: workflow_dispatch\njobs: {}\n" });
    expect(await checkGitHub({ appId: 4242, privateKey: KEY.privateKey, baseUrl: standIn.apiUrl }, Octokit)).toEqual({ errors: [], warnings: [] });
  });

  it("a key of another App: GitHub's 401 is one line", async () => {
    const standIn = await start({ "README.md": "# w\n" });
    const report = await checkGitHub({ appId: 4242, privateKey: pair().privateKey, baseUrl: standIn.apiUrl }, Octokit);
    expect(report.errors).toEqual([expect.stringMatching(/^GitHub answered 401 to the App's JWT \(GET \/app\): APP_ID 4242 and the private key do not belong together/)]);
  });
});
