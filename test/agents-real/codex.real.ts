import { CODEX } from "./real-cli.js";
import { realCliSuite } from "./suite.js";

// Codex prints tokens, no cost; it has no turn-limit flag, so the worker counts its tool items.
realCliSuite(CODEX, { webTools: ["web_search"] });
