/**
 * One configuration loader for the app and the worker (issue #9 item 1): the worker's checkout
 * source goes through the app's `loadConfig`, so the same file gives the same result both ways.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { checkoutConfigSource, loadConfig } from "../../src/config/load.js";
import { loadConfigFile } from "../../src/worker/config-file.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "config-checkout-"));
  await mkdir(path.join(dir, ".github"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const put = (text: string) => writeFile(path.join(dir, ".github", "orchestrator.yml"), text);
/** The app's source as Probot gives it: the parsed file (a stand-in for the config plugin). */
const appSource = (text: string) => ({ config: async () => parse(text) as unknown });

describe("the worker's configuration comes from the app's loader", () => {
  it("a valid file and an invalid one give the same result as the app's reader", async () => {
    for (const text of ["worker:\n  max_iterations: 3\n", "worker:\n  max_iterationz: 3\n", "merge:\n  method: yolo\n"]) {
      await put(text);
      expect(await loadConfig(checkoutConfigSource(dir))).toEqual(await loadConfig(appSource(text)));
    }
  });

  it("no file gives the defaults; bad YAML and an alias bomb are broken configurations, never a throw", async () => {
    const none = await loadConfigFile(dir);
    expect(none.ok && none.config.worker.max_iterations).toBeGreaterThan(0);
    await put("worker: [unclosed\n");
    const bad = await loadConfigFile(dir);
    expect(bad).toMatchObject({ ok: false });
    expect(!bad.ok && bad.error).toMatch(/^\.github\/orchestrator\.yml is invalid: \(file\): not valid YAML/);
    await put("a: &a [*a]\n");
    const bomb = await loadConfigFile(dir);
    expect(!bomb.ok && bomb.error).toContain("refers to itself");
  });

  it("a file with _extends is read through the app's API reader; without one it says why", async () => {
    await put("_extends: acme/.github\nworker:\n  max_iterations: 2\n");
    const asked: string[] = [];
    const remote = async (fileName: string) => {
      asked.push(fileName);
      return { worker: { max_iterations: 7 } };
    };
    const viaRemote = await loadConfigFile(dir, remote);
    expect(asked).toEqual(["orchestrator.yml"]);
    expect(viaRemote.ok && viaRemote.config.worker.max_iterations).toBe(7);
    const offline = await loadConfigFile(dir);
    expect(!offline.ok && offline.error).toContain("`_extends` can only be followed with the GitHub API");
  });
});
