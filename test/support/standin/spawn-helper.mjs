// Written for the GitHub stand-in (spawner.ts): a small Node process that starts the stand-in's
// git and CI processes on behalf of the test process. Starting a process copies the parent's page
// tables, so a start costs tens of milliseconds in a large process (the vitest worker holding the
// app, the stand-in and GitHub's OpenAPI description) and about one here; the test process only
// sends a message. Protocol (IPC, advanced serialization):
//   in:  { id, file, args, cwd, env, input?: string, all?: boolean }
//   out: { id, exitCode: number | null, signal: string | null, stdout: Uint8Array, stderr: Uint8Array, all?: Uint8Array }
//        or { id, error: string } when the process could not be started.
import { spawn } from "node:child_process";
import { appendFileSync } from "node:fs";

process.on("message", (m) => {
  let done = false;
  const t0 = performance.now();
  const reply = (answer) => {
    if (done) return;
    done = true;
    // A measuring aid (test/support/standin/README.md): one line per process, "<ms>\t<command>\t<start, ms since the epoch>".
    if (process.env.STANDIN_SPAWN_LOG) appendFileSync(process.env.STANDIN_SPAWN_LOG, `${(performance.now() - t0).toFixed(1)}\t${m.file} ${m.args.slice(0, 3).join(" ")}\t${(performance.timeOrigin + t0).toFixed(1)}\n`);
    process.send({ id: m.id, ...answer });
  };
  let child;
  try {
    child = spawn(m.file, m.args, { cwd: m.cwd, env: m.env, stdio: ["pipe", "pipe", "pipe"] });
  } catch (e) {
    reply({ error: String(e) });
    return;
  }
  const out = [];
  const err = [];
  const all = [];
  child.stdout.on("data", (d) => {
    out.push(d);
    if (m.all) all.push(d);
  });
  child.stderr.on("data", (d) => {
    err.push(d);
    if (m.all) all.push(d);
  });
  child.on("error", (e) => reply({ error: String(e) }));
  child.on("close", (exitCode, signal) =>
    reply({ exitCode, signal, stdout: Buffer.concat(out), stderr: Buffer.concat(err), ...(m.all ? { all: Buffer.concat(all) } : {}) }),
  );
  child.stdin.on("error", () => undefined);
  child.stdin.end(m.input ?? "");
});
// The test process went away: nothing left to serve.
process.on("disconnect", () => process.exit(0));
