import type { Probot } from "probot";
import { registerEvents } from "./app/events.js";
import { startSweeps } from "./app/periodic.js";
import type { AppOptions } from "./app/route.js";

export type { AppOptions } from "./app/route.js";

/**
 * The orchestrator GitHub App (Probot): one registration per webhook event name (app/events.ts),
 * each event handled in one pass (app/pipeline.ts), plus the periodic sweep outside tests.
 * `npm start` runs this with `probot run ./lib/index.js`.
 *
 * @param options for tests and the demo (fixed clock, app slug); production passes none.
 */
export function createApp(options: AppOptions = {}) {
  return (app: Probot): void => {
    registerEvents(app, options);
    startSweeps(app, options);
  };
}

/** Probot's entry point (`probot run ./lib/index.js`). */
export default createApp();
