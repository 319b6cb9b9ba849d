import { GEMINI } from "./real-cli.js";
import { realCliSuite } from "./suite.js";

// Gemini prints tokens, no cost; its turn limit is the settings key model.maxSessionTurns.
realCliSuite(GEMINI, { webTools: ["web_fetch", "google_web_search"] });
