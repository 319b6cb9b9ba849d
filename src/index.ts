import type { Probot } from "probot";
import type { AppOptions } from "./app/route.js";
import { registerIntake } from "./app/routes/intake.js";
import { registerMonitor } from "./app/routes/monitor.js";
import { registerQueue } from "./app/routes/queue.js";
import { registerCommands } from "./app/routes/commands.js";
import { registerReview } from "./app/routes/review.js";
import { registerDashboard } from "./app/dashboard.js";

export type { AppOptions } from "./app/route.js";

/**
 * The orchestrator GitHub App (Probot). Each concern registers its own webhook handlers:
 * intake (issues -> triaged work items), monitor (worker reports, workflow runs), commands,
 * review, the merge queue and the dashboard issue's checkboxes. `npm start` runs this with `probot run ./lib/index.js`.
 *
 * @param options for tests and the demo (fixed clock); production passes none.
 */
export function createApp(options: AppOptions = {}) {
  return (app: Probot): void => {
    registerIntake(app, options);
    registerMonitor(app, options);
    registerQueue(app, options);
    registerCommands(app, options);
    registerReview(app, options);
    registerDashboard(app, options);
  };
}

/** Probot's entry point (`probot run ./lib/index.js`). */
export default createApp();
