import { createRequire as __orchestratorCreateRequire } from "node:module";
const require = __orchestratorCreateRequire(import.meta.url);
import {
  FORM_FIELD_LABELS,
  JOB_SIZES,
  Probot,
  ProbotOctokit,
  REVIEWER_VERDICT_TAG,
  STATUSES,
  STATUS_MARKER,
  TRACKS,
  __commonJS,
  __toESM,
  checkScope,
  closingRefs,
  compareRefs,
  configSchema,
  createOctokitPort,
  cyclesThrough,
  decodeReviewerVerdictBlock,
  decodeStateBlock,
  decodeWorkerReport,
  emptyItemState,
  encodeStateBlock,
  evidenceFromBody,
  external_exports,
  findCycles,
  formatCycle,
  issueOfBranch,
  itemStateSchema,
  labelCatalog,
  main,
  normalizeRef,
  parseIssue,
  parseRef,
  reportMarker,
  reviewerVerdictMarker,
  reviewerVerdictSchema,
  statusFromLabels,
  statusLabel,
  toComment,
  trackLabelsPresent
} from "./chunk-7CODM6SZ.js";

// node_modules/eventemitter3/index.js
var require_eventemitter3 = __commonJS({
  "node_modules/eventemitter3/index.js"(exports, module) {
    "use strict";
    var has = Object.prototype.hasOwnProperty;
    var prefix = "~";
    function Events() {
    }
    if (Object.create) {
      Events.prototype = /* @__PURE__ */ Object.create(null);
      if (!new Events().__proto__) prefix = false;
    }
    function EE(fn, context, once) {
      this.fn = fn;
      this.context = context;
      this.once = once || false;
    }
    function addListener(emitter, event, fn, context, once) {
      if (typeof fn !== "function") {
        throw new TypeError("The listener must be a function");
      }
      var listener = new EE(fn, context || emitter, once), evt = prefix ? prefix + event : event;
      if (!emitter._events[evt]) emitter._events[evt] = listener, emitter._eventsCount++;
      else if (!emitter._events[evt].fn) emitter._events[evt].push(listener);
      else emitter._events[evt] = [emitter._events[evt], listener];
      return emitter;
    }
    function clearEvent(emitter, evt) {
      if (--emitter._eventsCount === 0) emitter._events = new Events();
      else delete emitter._events[evt];
    }
    function EventEmitter2() {
      this._events = new Events();
      this._eventsCount = 0;
    }
    EventEmitter2.prototype.eventNames = function eventNames() {
      var names = [], events, name;
      if (this._eventsCount === 0) return names;
      for (name in events = this._events) {
        if (has.call(events, name)) names.push(prefix ? name.slice(1) : name);
      }
      if (Object.getOwnPropertySymbols) {
        return names.concat(Object.getOwnPropertySymbols(events));
      }
      return names;
    };
    EventEmitter2.prototype.listeners = function listeners(event) {
      var evt = prefix ? prefix + event : event, handlers = this._events[evt];
      if (!handlers) return [];
      if (handlers.fn) return [handlers.fn];
      for (var i = 0, l = handlers.length, ee = new Array(l); i < l; i++) {
        ee[i] = handlers[i].fn;
      }
      return ee;
    };
    EventEmitter2.prototype.listenerCount = function listenerCount(event) {
      var evt = prefix ? prefix + event : event, listeners = this._events[evt];
      if (!listeners) return 0;
      if (listeners.fn) return 1;
      return listeners.length;
    };
    EventEmitter2.prototype.emit = function emit(event, a1, a2, a3, a4, a5) {
      var evt = prefix ? prefix + event : event;
      if (!this._events[evt]) return false;
      var listeners = this._events[evt], len = arguments.length, args, i;
      if (listeners.fn) {
        if (listeners.once) this.removeListener(event, listeners.fn, void 0, true);
        switch (len) {
          case 1:
            return listeners.fn.call(listeners.context), true;
          case 2:
            return listeners.fn.call(listeners.context, a1), true;
          case 3:
            return listeners.fn.call(listeners.context, a1, a2), true;
          case 4:
            return listeners.fn.call(listeners.context, a1, a2, a3), true;
          case 5:
            return listeners.fn.call(listeners.context, a1, a2, a3, a4), true;
          case 6:
            return listeners.fn.call(listeners.context, a1, a2, a3, a4, a5), true;
        }
        for (i = 1, args = new Array(len - 1); i < len; i++) {
          args[i - 1] = arguments[i];
        }
        listeners.fn.apply(listeners.context, args);
      } else {
        var length = listeners.length, j;
        for (i = 0; i < length; i++) {
          if (listeners[i].once) this.removeListener(event, listeners[i].fn, void 0, true);
          switch (len) {
            case 1:
              listeners[i].fn.call(listeners[i].context);
              break;
            case 2:
              listeners[i].fn.call(listeners[i].context, a1);
              break;
            case 3:
              listeners[i].fn.call(listeners[i].context, a1, a2);
              break;
            case 4:
              listeners[i].fn.call(listeners[i].context, a1, a2, a3);
              break;
            default:
              if (!args) for (j = 1, args = new Array(len - 1); j < len; j++) {
                args[j - 1] = arguments[j];
              }
              listeners[i].fn.apply(listeners[i].context, args);
          }
        }
      }
      return true;
    };
    EventEmitter2.prototype.on = function on(event, fn, context) {
      return addListener(this, event, fn, context, false);
    };
    EventEmitter2.prototype.once = function once(event, fn, context) {
      return addListener(this, event, fn, context, true);
    };
    EventEmitter2.prototype.removeListener = function removeListener(event, fn, context, once) {
      var evt = prefix ? prefix + event : event;
      if (!this._events[evt]) return this;
      if (!fn) {
        clearEvent(this, evt);
        return this;
      }
      var listeners = this._events[evt];
      if (listeners.fn) {
        if (listeners.fn === fn && (!once || listeners.once) && (!context || listeners.context === context)) {
          clearEvent(this, evt);
        }
      } else {
        for (var i = 0, events = [], length = listeners.length; i < length; i++) {
          if (listeners[i].fn !== fn || once && !listeners[i].once || context && listeners[i].context !== context) {
            events.push(listeners[i]);
          }
        }
        if (events.length) this._events[evt] = events.length === 1 ? events[0] : events;
        else clearEvent(this, evt);
      }
      return this;
    };
    EventEmitter2.prototype.removeAllListeners = function removeAllListeners(event) {
      var evt;
      if (event) {
        evt = prefix ? prefix + event : event;
        if (this._events[evt]) clearEvent(this, evt);
      } else {
        this._events = new Events();
        this._eventsCount = 0;
      }
      return this;
    };
    EventEmitter2.prototype.off = EventEmitter2.prototype.removeListener;
    EventEmitter2.prototype.addListener = EventEmitter2.prototype.on;
    EventEmitter2.prefixed = prefix;
    EventEmitter2.EventEmitter = EventEmitter2;
    if ("undefined" !== typeof module) {
      module.exports = EventEmitter2;
    }
  }
});

// src/action/inputs.ts
var ACTION_MODES = ["worker", "review", "app"];
var positiveInt = external_exports.string().regex(/^[1-9]\d*$/, "must be a positive integer");
var actionInputsSchema = external_exports.object({
  mode: external_exports.enum(ACTION_MODES, { error: () => `mode must be one of ${ACTION_MODES.join(", ")}` }),
  "github-token": external_exports.string().min(1, "github-token is empty (pass an App installation token, or github.token)"),
  issue: positiveInt.optional(),
  attempt: positiveInt.optional(),
  pr: positiveInt.optional(),
  head: external_exports.string().regex(/^[0-9a-f]{7,64}$/, "must be a commit sha").optional(),
  workspace: external_exports.string().min(1).optional(),
  "app-slug": external_exports.string().regex(/^[a-z0-9][a-z0-9-]*$/, "must be an app slug (create-github-app-token's app-slug output)").optional(),
  "log-level": external_exports.enum(["trace", "debug", "info", "warn", "error", "fatal"]).default("info")
});
var INPUT_NAMES = Object.keys(actionInputsSchema.shape);
function inputVariable(name) {
  return `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;
}
function readInputs(env) {
  const raw = {};
  for (const name of INPUT_NAMES) {
    const value = env[inputVariable(name)]?.trim();
    if (value !== void 0 && value !== "") raw[name] = value;
  }
  const parsed = actionInputsSchema.safeParse(raw);
  if (parsed.success) return { ok: true, inputs: parsed.data };
  const problems = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? "input");
    return issue.code === "invalid_type" && raw[key] === void 0 ? `input ${key} is required` : `input ${key}: ${issue.message}`;
  });
  return { ok: false, error: problems.join("; ") };
}

// src/action/app-mode.ts
import { readFile } from "node:fs/promises";

// src/domain/status-comment.ts
function escapeInline(text) {
  return text.replace(/&(?=[#A-Za-z0-9]+;)/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\s*\n\s*/g, " ").trim();
}
function describeCycles(cycles) {
  if (cycles.length === 0) return null;
  const named = cycles.map((c) => `\`${formatCycle(c)}\``);
  if (named.length === 1) {
    return `This item is in a dependency cycle: ${named[0]}. Remove one of these dependencies to break it.`;
  }
  return ["This item is in dependency cycles:", "", ...named.map((n) => `- ${n}`), "", "Remove one dependency of each cycle to break it."].join("\n");
}
function cell(value) {
  return value === void 0 ? "\u2014" : String(value);
}
function describeNextStep(state, facts) {
  const attempt = state.attempts.length;
  const pr = state.pr === void 0 ? "the pull request" : `pull request #${state.pr.number}`;
  switch (state.status) {
    case "needs-info":
      return "Add the missing information listed below by editing the issue (or adding labels); it is triaged again automatically.";
    case "needs-approval":
      return "A maintainer must comment `/approve` on this issue before coding agents may work on it.";
    case "waiting": {
      if (facts.inCycle === true) return "Break the dependency cycle below by removing one of its dependencies.";
      const open = [...facts.openDependencies].sort(compareRefs);
      if (open.length > 0) return `Waiting for ${open.join(", ")} to be closed.`;
      const children = [...facts.openChildren ?? []].sort((a, b) => a - b).map((n) => `#${n}`);
      if (children.length > 0) return `Waiting for the child issues ${children.join(", ")} to be closed.`;
      return "Waiting for dependencies to be closed.";
    }
    case "ready":
      if (facts.track === "project") return "All child issues are closed; close this epic once its goal is met.";
      return "Ready: a worker picks this item up when a slot is free (highest WSJF first).";
    case "in-progress":
      return `A worker is implementing this item (attempt ${attempt}).`;
    case "in-review":
      return `${pr[0]?.toUpperCase() ?? ""}${pr.slice(1)} is under review.`;
    case "approved":
      return `${pr[0]?.toUpperCase() ?? ""}${pr.slice(1)} is approved and waits for the merge queue.`;
    case "merging":
      return `The merge queue is testing ${pr} against the latest base before landing it.`;
    case "done":
      return state.merged === void 0 ? "Done." : `Done: merged as ${state.merged.sha.slice(0, 7)} via #${state.merged.pr}.`;
    case "blocked":
      return `Blocked${state.blockedReason === void 0 ? "" : `: ${escapeInline(state.blockedReason)}`}. A person is needed; comment \`/retry\` with guidance to try again.`;
  }
}
function renderStatusComment(state, view) {
  const w = state.wsjf;
  const out = [STATUS_MARKER];
  out.push(`### Work item #${state.issue}: ${escapeInline(view.title)}`, "");
  out.push(`**Status:** \`${state.status}\` \xB7 **Track:** ${view.track} \xB7 **WSJF:** ${cell(w.score)}`, "");
  out.push("| Business value | Time criticality | Risk reduction / opportunity enablement | Job size | WSJF |");
  out.push("| :-: | :-: | :-: | :-: | :-: |");
  out.push(`| ${cell(w.value)} | ${cell(w.urgency)} | ${cell(w.risk)} | ${cell(w.size)} | ${cell(w.score)} |`, "");
  out.push(`**Next step:** ${view.nextStep}`, "");
  out.push("#### Acceptance criteria");
  const mark = state.status === "done" ? "x" : " ";
  if (view.acceptanceCriteria.length === 0) out.push("_None given yet._");
  for (const criterion of view.acceptanceCriteria) out.push(`- [${mark}] ${escapeInline(criterion)}`);
  out.push("");
  out.push("#### Dependencies");
  const deps = [...view.dependencies].sort((a, b) => compareRefs(a.ref, b.ref));
  if (deps.length === 0) out.push("_None._");
  for (const d of deps) out.push(`- ${escapeInline(d.ref)}: ${d.state}${d.status === void 0 ? "" : ` (\`${d.status}\`)`}`);
  out.push("");
  const children = [...view.children ?? []].sort((a, b) => a.number - b.number);
  if (view.track === "project" || children.length > 0) {
    out.push("#### Child issues");
    if (children.length === 0) out.push("_None yet: add sub-issues to this epic._");
    for (const c of children) out.push(`- #${c.number}: ${c.state}`);
    out.push("");
  }
  if (view.cycleMessage !== void 0 && view.cycleMessage !== null) out.push("#### Dependency cycle", view.cycleMessage, "");
  if (state.missing.length > 0) {
    out.push("#### Missing");
    for (const m of state.missing) out.push(`- ${escapeInline(m)}`);
    out.push("");
  }
  if (view.queuePosition !== void 0 && view.queuePosition !== null) {
    const reason = state.queue?.reason === void 0 ? "" : ` (${escapeInline(state.queue.reason)})`;
    out.push(`**Merge queue:** position ${view.queuePosition}${reason}`, "");
  }
  out.push(encodeStateBlock(state));
  return out.join("\n");
}

// src/domain/wsjf.ts
var WSJF_INPUT_NAMES = ["value", "urgency", "risk", "size"];
function isWsjfRating(n) {
  return typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= 5;
}
function roundWsjf(x) {
  return Math.round((x + Number.EPSILON) * 100) / 100;
}
function computeWsjf(inputs, sizes) {
  const missing = [];
  if (!isWsjfRating(inputs.value)) missing.push("value");
  if (!isWsjfRating(inputs.urgency)) missing.push("urgency");
  if (!isWsjfRating(inputs.risk)) missing.push("risk");
  const divisor = inputs.size === void 0 ? void 0 : sizes[inputs.size];
  if (divisor === void 0 || !(divisor > 0)) missing.push("size");
  if (missing.length > 0 || divisor === void 0) return { score: null, missing };
  const costOfDelay = (inputs.value ?? 0) + (inputs.urgency ?? 0) + (inputs.risk ?? 0);
  return { score: roundWsjf(costOfDelay / divisor), missing };
}

// src/domain/track.ts
function explicitTrack(labels, config) {
  return trackLabelsPresent(labels, config)[0] ?? null;
}
function computedTrack(score2, size, config) {
  if (size !== void 0 && config.tracks.project_sizes.includes(size)) return "project";
  if (score2 !== null && score2 >= config.tracks.hotfix_threshold) return "hotfix";
  return "standard";
}
function describeWsjfInput(name, config) {
  const l = config.labels;
  switch (name) {
    case "value":
      return `business value (label ${l.value_prefix}1..${l.value_prefix}5 or the form's ${FORM_FIELD_LABELS.business_value} field)`;
    case "urgency":
      return `time criticality (label ${l.urgency_prefix}1..${l.urgency_prefix}5 or the form's ${FORM_FIELD_LABELS.time_criticality} field)`;
    case "risk":
      return `risk reduction / opportunity enablement (label ${l.risk_prefix}1..${l.risk_prefix}5 or the form's ${FORM_FIELD_LABELS.risk_reduction} field)`;
    case "size":
      return `job size (label ${l.size_prefix}XS..${l.size_prefix}XL or the form's ${FORM_FIELD_LABELS.job_size} field)`;
  }
}
var MISSING_PROBLEM = `a problem statement (the form's ${FORM_FIELD_LABELS.goal} field or a "## Problem" section)`;
var MISSING_GOAL = `a goal (the form's ${FORM_FIELD_LABELS.goal} field or a "## Goal" section)`;
var MISSING_CRITERIA = `acceptance criteria (the form's ${FORM_FIELD_LABELS.acceptance_criteria} field or an "## Acceptance criteria" section: one Given/When/Then per line)`;
var MISSING_CHILDREN = "child issues (add sub-issues to this project issue; it is an epic that tracks them)";
function trackRequirements(track2, parsed, children, config) {
  if (track2 === "hotfix") return parsed.goal === null ? [MISSING_PROBLEM] : [];
  if (track2 === "project") {
    const missing2 = [];
    if (parsed.goal === null) missing2.push(MISSING_GOAL);
    if (children.length === 0) missing2.push(MISSING_CHILDREN);
    return missing2;
  }
  const missing = [];
  if (parsed.acceptanceCriteria.length === 0) missing.push(MISSING_CRITERIA);
  for (const name of WSJF_INPUT_NAMES) {
    if (parsed.wsjf[name] === void 0) missing.push(describeWsjfInput(name, config));
  }
  return missing;
}

// src/domain/triage.ts
var STATUSES_PAST_READY = ["in-progress", "in-review", "approved", "merging", "done", "blocked"];
function appTrackLabel(labels, previous, config) {
  if (previous?.track === void 0) return null;
  if (!labels.includes(config.labels.tracks[previous.track])) return null;
  const before = computedTrack(previous.wsjf.score ?? null, previous.wsjf.size, config);
  return before === previous.track ? previous.track : null;
}
function baseStatus(input, missing, track2) {
  if (!input.authorTrusted && !input.itemApproved) return "needs-approval";
  if (missing.length > 0) return "needs-info";
  if (input.cycles.length > 0) return "waiting";
  if (input.dependencies.some((d) => d.state === "open")) return "waiting";
  if (track2 === "project" && input.children.some((c) => c.state === "open")) return "waiting";
  return "ready";
}
function nextStatus(input, base) {
  const previous = input.previous;
  if (input.issue.state === "closed") {
    if (previous?.merged !== void 0) return "done";
    return previous?.status ?? statusFromLabels(input.issue.labels, input.config) ?? base;
  }
  if (base === "needs-approval") return base;
  if (previous !== null && STATUSES_PAST_READY.includes(previous.status)) return previous.status;
  return base;
}
function renderQuestions(author, missing) {
  if (missing.length === 0) return null;
  const lines2 = [`@${author}, before work can start this item needs:`, "", ...missing.map((m) => `- ${m}`), ""];
  lines2.push("Edit the issue description (or add the labels) and it is triaged again.");
  return lines2.join("\n");
}
function withoutTime(state) {
  return JSON.stringify({ ...itemStateSchema.parse(state), updatedAt: void 0 });
}
function triage(input) {
  const { issue, config, previous } = input;
  const parsed = parseIssue({ title: issue.title, body: issue.body, labels: issue.labels }, config);
  const wsjf2 = computeWsjf(parsed.wsjf, config.wsjf.sizes);
  const base = previous ?? emptyItemState(issue.number);
  if (issue.labels.includes(config.labels.ignore)) {
    const status2 = previous?.status ?? statusFromLabels(issue.labels, config) ?? "needs-info";
    const track3 = previous?.track ?? computedTrack(wsjf2.score, parsed.size, config);
    return { ignored: true, status: status2, track: track3, wsjf: wsjf2, missing: [], labelsToAdd: [], labelsToRemove: [], state: base, questions: null, cycleMessage: null, parsed };
  }
  const appLabel = appTrackLabel(issue.labels, previous, config);
  const humanTracks = trackLabelsPresent(issue.labels, config).filter((t) => t !== appLabel);
  const track2 = humanTracks[0] ?? computedTrack(wsjf2.score, parsed.size, config);
  const missing = trackRequirements(track2, parsed, input.children, config);
  const status = nextStatus(input, baseStatus(input, missing, track2));
  const labelsToAdd = [];
  const labelsToRemove = [];
  const wantStatus = statusLabel(status, config);
  if (!issue.labels.includes(wantStatus)) labelsToAdd.push(wantStatus);
  for (const s of STATUSES) {
    const name = statusLabel(s, config);
    if (s !== status && issue.labels.includes(name)) labelsToRemove.push(name);
  }
  const wantTrack = config.labels.tracks[track2];
  if (!issue.labels.includes(wantTrack)) labelsToAdd.push(wantTrack);
  if (appLabel !== null && appLabel !== track2) labelsToRemove.push(config.labels.tracks[appLabel]);
  const parsedRefs = parsed.dependsOn.map((ref) => normalizeRef(ref, input.repository) ?? ref);
  const dependsOn = [.../* @__PURE__ */ new Set([...parsedRefs, ...input.dependencies.map((d) => d.ref)])].sort(compareRefs);
  const { value, urgency, risk, size } = parsed.wsjf;
  const candidate = itemStateSchema.parse({
    ...base,
    issue: issue.number,
    status,
    track: track2,
    wsjf: { value, urgency, risk, size, score: wsjf2.score ?? void 0 },
    dependsOn,
    dependencies: [...input.dependencies].sort((a, b) => compareRefs(a.ref, b.ref)).map((d) => ({ ref: d.ref, state: d.state, ...d.status === void 0 ? {} : { status: d.status } })),
    cycles: input.cycles.map((c) => [...c]),
    children: [...new Set(input.children.map((c) => c.number))].sort((a, b) => a - b),
    childStates: [...input.children].sort((a, b) => a.number - b.number).map((c) => ({ number: c.number, state: c.state })),
    missing,
    trusted: input.authorTrusted || input.itemApproved
  });
  const unchanged2 = previous !== null && withoutTime(candidate) === withoutTime(previous);
  const state = unchanged2 ? itemStateSchema.parse(previous) : { ...candidate, updatedAt: input.now };
  return {
    ignored: false,
    status,
    track: track2,
    wsjf: wsjf2,
    missing,
    labelsToAdd,
    labelsToRemove,
    state,
    questions: renderQuestions(issue.author, missing),
    cycleMessage: describeCycles(input.cycles),
    parsed
  };
}

// src/domain/status-view.ts
function buildStatusView(issue, state, config) {
  const parsed = parseIssue({ title: issue.title, body: issue.body, labels: issue.labels }, config);
  const track2 = state.track ?? computedTrack(state.wsjf.score ?? null, state.wsjf.size, config);
  const openDependencies = state.dependencies.filter((d) => d.state === "open").map((d) => d.ref);
  const openChildren = state.childStates.filter((c) => c.state === "open").map((c) => c.number);
  const nextStep = describeNextStep(state, { track: track2, openDependencies, openChildren, inCycle: state.cycles.length > 0 });
  return {
    title: issue.title,
    track: track2,
    dependencies: state.dependencies,
    acceptanceCriteria: parsed.acceptanceCriteria,
    nextStep,
    children: state.childStates,
    queuePosition: state.queue?.position ?? null,
    cycleMessage: describeCycles(state.cycles)
  };
}

// src/app/item-store.ts
async function loadItem(session, number) {
  const issue = await session.port.getIssue(number);
  if (!issue || issue.isPullRequest) return null;
  return loadItemFor(session, issue);
}
async function loadItemFor(session, issue) {
  const statusComment = await session.port.findComment(issue.number, STATUS_MARKER);
  if (!statusComment) return { issue, state: emptyItemState(issue.number), statusComment: null };
  const decoded = decodeStateBlock(statusComment.body);
  if (decoded.kind === "ok") return { issue, state: decoded.state, statusComment };
  const problem = decoded.kind === "invalid" ? decoded.reason : "status comment has no state block";
  session.log.warn({ issue: issue.number, problem }, "status comment state unreadable; starting from labels");
  return { issue, state: emptyItemState(issue.number), statusComment, problem };
}
function statusLabelChange(labels, status, session) {
  const want = statusLabel(status, session.config);
  const remove = STATUSES.filter((s) => s !== status).map((s) => statusLabel(s, session.config)).filter((name) => labels.includes(name));
  return { add: labels.includes(want) ? [] : [want], remove };
}
async function saveItem(session, item, next, extra = {}) {
  const state = itemStateSchema.parse(next);
  const body = renderStatusComment(state, buildStatusView(item.issue, state, session.config));
  const labelsNow = item.issue.labels;
  const status = statusLabelChange(labelsNow, state.status, session);
  const add = [...status.add, ...extra.add ?? []];
  const remove = [...status.remove, ...extra.remove ?? []].filter((name) => !add.includes(name));
  await session.port.applyLabels(item.issue.number, labelsNow, { add, remove }, session.catalog);
  const labels = [...labelsNow.filter((l) => !remove.includes(l)), ...add.filter((l) => !labelsNow.includes(l))];
  const unchanged2 = item.statusComment !== null && item.statusComment.body === body;
  const written = unchanged2 && item.statusComment ? { id: item.statusComment.id } : await session.port.upsertComment(item.issue.number, STATUS_MARKER, body);
  const statusComment = {
    id: written.id,
    body,
    author: item.statusComment?.author ?? { login: "", type: "Bot" },
    createdAt: item.statusComment?.createdAt ?? session.now(),
    updatedAt: session.now(),
    htmlUrl: item.statusComment?.htmlUrl ?? ""
  };
  return { issue: { ...item.issue, labels }, state, statusComment };
}

// src/app/trust.ts
var TRUSTED_PERMISSIONS = ["admin", "maintain", "write"];
async function isApprover(session, login) {
  const lower = login.toLowerCase();
  for (const entry of session.config.trust.approvers) {
    if (!entry.startsWith("@")) {
      if (entry.toLowerCase() === lower) return true;
      continue;
    }
    const [org, team] = entry.slice(1).split("/");
    if (org && team && await session.port.isTeamMember(org, team, login)) return true;
  }
  return false;
}
async function resolveTrust(session, login) {
  const permission = await session.port.getPermission(login);
  if (TRUSTED_PERMISSIONS.includes(permission)) return { trusted: true, permission, approver: false };
  const approver = await isApprover(session, login);
  return { trusted: approver, permission, approver };
}

// src/app/intake.ts
var MAX_GRAPH_NODES = 50;
async function triageIssue(session, issue) {
  if (issue.isPullRequest) return { issue: issue.number, status: null, changed: false, cyclePeers: [] };
  const item = await loadItemFor(session, issue);
  if (issue.labels.includes(session.config.labels.ignore)) {
    return { issue: issue.number, status: null, changed: false, cyclePeers: [] };
  }
  const fullName = `${session.port.repo.owner}/${session.port.repo.repo}`;
  const trust = await resolveTrust(session, issue.author.login);
  const parsed = parseIssue({ title: issue.title, body: issue.body, labels: issue.labels }, session.config);
  const blockedBy = await session.port.listBlockedBy(issue.number);
  const children = issue.state === "open" ? await session.port.listSubIssues(issue.number) : [];
  const dependencies = await resolveDependencies(session, parsed.dependsOn, blockedBy, fullName);
  const cycles = await findCyclesThrough(session, issue, dependencies, fullName);
  const decision = triage({
    issue: { number: issue.number, title: issue.title, body: issue.body, labels: issue.labels, author: issue.author.login, state: issue.state },
    authorTrusted: trust.trusted,
    itemApproved: item.state.itemApproval !== void 0,
    dependencies,
    children: children.map((c) => ({ number: c.number, state: c.state })),
    cycles,
    previous: item.statusComment ? item.state : null,
    config: session.config,
    now: session.now(),
    repository: fullName
  });
  if (decision.ignored) return { issue: issue.number, status: null, changed: false, cyclePeers: [] };
  const next = decision.state;
  const before = item.statusComment?.body;
  const saved = await saveItem(session, item, next, { add: decision.labelsToAdd, remove: decision.labelsToRemove });
  const previousCycles = item.statusComment ? item.state.cycles : [];
  const peers = [.../* @__PURE__ */ new Set([...cycles.flat(), ...previousCycles.flat()])].map((ref) => parseRef(ref)).filter((r) => r !== null && r.repo === null && r.number !== issue.number).map((r) => r.number);
  return {
    issue: issue.number,
    status: saved.state.status,
    changed: before !== saved.statusComment?.body,
    cyclePeers: peers
  };
}
async function resolveDependencies(session, parsedRefs, blockedBy, fullName) {
  const byRef = /* @__PURE__ */ new Map();
  for (const link of blockedBy) {
    const ref = normalizeRef(`${link.repository}#${link.number}`, fullName);
    if (ref) byRef.set(ref, { ref, state: link.state });
  }
  for (const raw of parsedRefs) {
    const ref = normalizeRef(raw, fullName);
    if (ref && !byRef.has(ref)) byRef.set(ref, { ref, state: "open" });
  }
  for (const [ref, dep] of byRef) {
    const parsed = parseRef(ref);
    if (!parsed || parsed.repo !== null) continue;
    const linked = await session.port.getIssue(parsed.number);
    if (!linked) continue;
    const status = statusFromLabels(linked.labels, session.config);
    byRef.set(ref, { ref, state: linked.state, ...status ? { status } : {} });
  }
  return [...byRef.values()];
}
async function findCyclesThrough(session, issue, dependencies, fullName) {
  const self = `#${issue.number}`;
  const edges = dependencies.filter((d) => d.state === "open").map((d) => ({ from: self, to: d.ref }));
  const seen = /* @__PURE__ */ new Set([self]);
  const frontier = edges.map((e) => e.to);
  while (frontier.length > 0 && seen.size < MAX_GRAPH_NODES) {
    const ref = frontier.shift();
    if (seen.has(ref)) continue;
    seen.add(ref);
    const parsed = parseRef(ref);
    if (!parsed || parsed.repo !== null) continue;
    const linked = await session.port.getIssue(parsed.number);
    if (!linked || linked.state === "closed" || linked.isPullRequest) continue;
    const refs = parseIssue({ title: linked.title, body: linked.body, labels: linked.labels }, session.config).dependsOn;
    for (const raw of refs) {
      const to = normalizeRef(raw, fullName);
      if (!to) continue;
      edges.push({ from: ref, to });
      if (!seen.has(to)) frontier.push(to);
    }
  }
  return cyclesThrough(self, findCycles(edges));
}
async function retriage(session, number) {
  const issue = await session.port.getIssue(number);
  if (!issue || issue.isPullRequest) return null;
  return triageIssue(session, issue);
}
async function retriageDependents(session, number) {
  const fullName = `${session.port.repo.owner}/${session.port.repo.repo}`;
  const target = `#${number}`;
  const open = await session.port.listOpenIssues();
  const results = [];
  for (const issue of open) {
    if (issue.number === number) continue;
    const refs = parseIssue({ title: issue.title, body: issue.body, labels: issue.labels }, session.config).dependsOn;
    const normalized = refs.map((r) => normalizeRef(r, fullName));
    const waiting = statusFromLabels(issue.labels, session.config) === "waiting";
    if (!normalized.includes(target) && !waiting) continue;
    results.push(await triageIssue(session, issue));
  }
  return results;
}

// src/domain/order.ts
function timeKey(iso) {
  if (!iso) return Number.POSITIVE_INFINITY;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}
function trackRank(track2) {
  return track2 === "hotfix" ? 0 : 1;
}
function scoreOf(score2) {
  return typeof score2 === "number" && Number.isFinite(score2) ? score2 : null;
}
function compareIds(a, b) {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}
function comparePriority(a, b) {
  const byTrack = trackRank(a.track) - trackRank(b.track);
  if (byTrack !== 0) return byTrack;
  const sa = scoreOf(a.score);
  const sb = scoreOf(b.score);
  if (sa !== sb) {
    if (sa === null) return 1;
    if (sb === null) return -1;
    return sb - sa;
  }
  if (a.at !== b.at) {
    if (a.at === Number.POSITIVE_INFINITY) return 1;
    if (b.at === Number.POSITIVE_INFINITY) return -1;
    return a.at - b.at;
  }
  return compareIds(a.id, b.id);
}
var BinaryHeap = class {
  constructor(compare) {
    this.compare = compare;
  }
  compare;
  items = [];
  get size() {
    return this.items.length;
  }
  push(item) {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = i - 1 >> 1;
      if (this.compare(items[i], items[parent]) >= 0) break;
      this.swap(i, parent);
      i = parent;
    }
  }
  /** Removes and returns the smallest item, or `undefined` when empty. */
  pop() {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === void 0) return top;
    items[0] = last;
    this.siftDown(0);
    return top;
  }
  siftDown(start) {
    const items = this.items;
    const n = items.length;
    let i = start;
    for (; ; ) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < n && this.compare(items[left], items[smallest]) < 0) smallest = left;
      if (right < n && this.compare(items[right], items[smallest]) < 0) smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }
  swap(i, j) {
    const items = this.items;
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
};
function landingOrder(items) {
  const nodes = [];
  const index = /* @__PURE__ */ new Map();
  for (const item of items) {
    if (index.has(item.id)) continue;
    index.set(item.id, nodes.length);
    nodes.push(item);
  }
  const n = nodes.length;
  const keys = nodes.map(
    (it) => ({ track: it.track, score: it.score, at: timeKey(it.approvedAt), id: it.id })
  );
  const deps = nodes.map((it) => [
    ...new Set(it.dependsOn.map((d) => index.get(d)).filter((d) => d !== void 0))
  ]);
  const dependents = Array.from({ length: n }, () => []);
  const indegree = new Int32Array(n);
  deps.forEach((ds, i) => {
    indegree[i] = ds.length;
    for (const d of ds) dependents[d]?.push(i);
  });
  const byPriority = (a, b) => comparePriority(keys[a], keys[b]);
  const heap = new BinaryHeap(byPriority);
  for (let i = 0; i < n; i++) if (indegree[i] === 0) heap.push(i);
  const order = [];
  const landed2 = new Uint8Array(n);
  for (let i = heap.pop(); i !== void 0; i = heap.pop()) {
    order.push(nodes[i].id);
    landed2[i] = 1;
    for (const d of dependents[i] ?? []) {
      indegree[d] = (indegree[d] ?? 0) - 1;
      if (indegree[d] === 0) heap.push(d);
    }
  }
  if (order.length === n) return { order, cycles: [], blocked: [] };
  const rest = [];
  for (let i = 0; i < n; i++) if (!landed2[i]) rest.push(i);
  const selfLoop = (c) => c.length === 1 && (deps[c[0]] ?? []).includes(c[0]);
  const cyclic = stronglyConnected(rest, deps, landed2).filter((c) => c.length > 1 || selfLoop(c));
  const inCycle = new Set(cyclic.flat());
  const idsOf = (group) => group.sort(byPriority).map((i) => nodes[i].id);
  const cycles = cyclic.map(idsOf).sort((a, b) => byPriority(index.get(a[0]) ?? 0, index.get(b[0]) ?? 0));
  return { order, cycles, blocked: idsOf(rest.filter((i) => !inCycle.has(i))) };
}
function stronglyConnected(nodes, deps, outside) {
  const n = deps.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = [];
  const components = [];
  let counter = 0;
  const visit = (v) => {
    index[v] = low[v] = counter++;
    stack.push(v);
    onStack[v] = 1;
  };
  for (const root of nodes) {
    if (index[root] !== -1) continue;
    visit(root);
    const frames = [{ v: root, next: 0 }];
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const v = frame.v;
      const out = deps[v] ?? [];
      if (frame.next < out.length) {
        const w = out[frame.next++];
        if (outside[w]) continue;
        if (index[w] === -1) {
          visit(w);
          frames.push({ v: w, next: 0 });
        } else if (onStack[w]) {
          low[v] = Math.min(low[v], index[w]);
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low[parent.v] = Math.min(low[parent.v], low[v]);
      if (low[v] !== index[v]) continue;
      const component = [];
      for (let w = stack.pop(); w !== void 0; w = stack.pop()) {
        onStack[w] = 0;
        component.push(w);
        if (w === v) break;
      }
      components.push(component);
    }
  }
  return components;
}

// src/domain/queue-membership.ts
var PASSING = /* @__PURE__ */ new Set(["success", "neutral", "skipped"]);
function latestByName(checks) {
  const latest = /* @__PURE__ */ new Map();
  for (const check of checks) {
    const seen = latest.get(check.name);
    if (seen && seen.id !== void 0 && check.id !== void 0 && seen.id > check.id) continue;
    latest.set(check.name, check);
  }
  return latest;
}
function evaluateRequiredChecks(checks, required, ignore = []) {
  const latest = latestByName(checks);
  const names = required.length > 0 ? [...new Set(required)] : [...latest.keys()].filter((n) => !ignore.includes(n));
  const failed = [];
  const pending = [];
  for (const name of names) {
    const check = latest.get(name);
    if (!check || check.status !== "completed") pending.push(name);
    else if (!PASSING.has(check.conclusion ?? "")) failed.push(name);
  }
  if (failed.length > 0) return { state: "failed", failed, pending };
  if (pending.length > 0 || names.length === 0) return { state: "pending", failed, pending };
  return { state: "passed", failed, pending };
}
var QUEUEABLE = /* @__PURE__ */ new Set(["in-review", "approved", "merging"]);
function shortSha(sha) {
  return sha.slice(0, 7);
}
function listNames(names, quote = "`") {
  const quoted = names.map((n) => `${quote}${n}${quote}`);
  if (quoted.length <= 1) return quoted.join("");
  return `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
}
function no(reason) {
  return { eligible: false, reason };
}
function isQueueUpdate(c, headSha) {
  return !!c.queueUpdate && c.queueUpdate.toSha === headSha && c.approval?.headSha === c.queueUpdate.fromSha;
}
function approvalProblem(c, headSha, config) {
  const waiting = `waiting for /approve on ${shortSha(headSha)}`;
  const approval = c.approval;
  if (!approval) return waiting;
  if (approval.headSha !== headSha && !isQueueUpdate(c, headSha)) {
    return `${waiting} (the approval was for ${shortSha(approval.headSha)})`;
  }
  const via = approval.via ?? "command";
  if (via === "review" && !config.merge.accept_github_reviews) {
    return `${waiting} (GitHub reviews are not accepted as approval here)`;
  }
  if (config.review.require_independent_approval && c.issueAuthor && approval.by === c.issueAuthor) {
    return `${waiting} by someone other than the issue's author @${c.issueAuthor}`;
  }
  if (c.pr && c.pr.gated.length > 0 && via !== "command") {
    return `touches gated paths (${listNames(c.pr.gated)}): ${waiting} from a trusted person`;
  }
  return null;
}
function queueEligibility(c, config) {
  const pr = c.pr;
  if (!pr) return no("no pull request yet");
  if (!pr.open) return no(`pull request #${pr.number} is closed`);
  if (pr.draft) return no(`pull request #${pr.number} is a draft`);
  if (c.hold) return no("held");
  if (pr.baseRef !== c.defaultBranch) {
    return no(`pull request #${pr.number} targets \`${pr.baseRef}\`, not the default branch \`${c.defaultBranch}\``);
  }
  if (!QUEUEABLE.has(c.status)) return no(`item is ${c.status}`);
  if (pr.outOfScope.length > 0) return no(`changes files outside its scope: ${listNames(pr.outOfScope)}`);
  const problem = approvalProblem(c, pr.headSha, config);
  if (problem) return no(problem);
  const checks = evaluateRequiredChecks(c.checks, config.merge.required_checks);
  if (checks.state === "failed" && !isQueueUpdate(c, pr.headSha)) {
    return no(`${checks.failed.length === 1 ? "check" : "checks"} ${listNames(checks.failed)} failed`);
  }
  return { eligible: true };
}

// src/domain/merge-plan.ts
function entryKey(e) {
  return { track: e.track, score: e.score, at: timeKey(e.approvedAt), id: e.issue };
}
function localIssue(ref) {
  const m = /^#(\d+)$/.exec(ref.trim());
  return m ? Number(m[1]) : null;
}
function unmergedOf(e, state, queued) {
  const refs = new Set(state.unmergedDependencies[e.issue] ?? []);
  for (const ref of e.dependsOn) {
    const n = localIssue(ref);
    if (n !== null && queued.has(n)) refs.add(`#${n}`);
  }
  return [...refs];
}
function headAction(e, baseSha) {
  if (e.conflict || e.mergeable === false) return { kind: "conflict", pr: e.pr };
  if (!e.upToDate) return { kind: "update-branch", pr: e.pr, expectedHeadSha: e.headSha };
  if (e.checks === "pending") return { kind: "wait-checks", pr: e.pr, headSha: e.headSha };
  if (e.checks === "passed") return { kind: "merge", pr: e.pr, sha: e.headSha };
  const failedChecks = [...e.failedChecks ?? []];
  const what = failedChecks.length === 0 ? "required checks" : `${failedChecks.length === 1 ? "check" : "checks"} ${listNames(failedChecks)}`;
  const reason = `${what} failed on ${shortSha(e.headSha)}, tested against base ${shortSha(baseSha)}`;
  return { kind: "eject", pr: e.pr, reason, failedChecks };
}
function waitsFor(refs) {
  return `waits for ${listNames(refs, "")} to land`;
}
function orderWaiting(waiting, unmerged) {
  const ids = new Set(waiting.map((e) => e.issue));
  const byIssue = new Map(waiting.map((e) => [e.issue, e]));
  const result = landingOrder(
    waiting.map((e) => ({
      id: e.issue,
      track: e.track,
      score: e.score,
      approvedAt: e.approvedAt,
      dependsOn: (unmerged.get(e.issue) ?? []).map(localIssue).filter((n) => n !== null && ids.has(n))
    }))
  );
  const pos = (issue, waitingFor) => ({
    issue,
    pr: byIssue.get(issue)?.pr ?? 0,
    position: 0,
    waitingFor
  });
  const out = [...result.order, ...result.blocked].map((i) => pos(i, waitsFor(unmerged.get(i) ?? [])));
  for (const cycle of result.cycles) {
    const refs = cycle.map((i) => `#${i}`);
    for (const i of cycle) {
      const others = refs.filter((r) => r !== `#${i}`);
      const why = others.length === 0 ? "it depends on itself" : `it and ${listNames(others, "")} depend on each other`;
      out.push(pos(i, `cannot land: ${why}; break the dependency cycle`));
    }
  }
  return out;
}
function planSerial(state) {
  const queued = new Set(state.entries.map((e) => e.issue));
  const unmerged = new Map(state.entries.map((e) => [e.issue, unmergedOf(e, state, queued)]));
  const free = state.entries.filter((e) => (unmerged.get(e.issue) ?? []).length === 0);
  const waiting = state.entries.filter((e) => (unmerged.get(e.issue) ?? []).length > 0);
  free.sort((a, b) => comparePriority(entryKey(a), entryKey(b)));
  const inFlight = free.findIndex((e) => e.pr === state.inFlight);
  if (inFlight > 0) free.unshift(...free.splice(inFlight, 1));
  const order = [
    ...free.map((e) => ({ issue: e.issue, pr: e.pr, position: 0, waitingFor: null })),
    ...orderWaiting(waiting, unmerged)
  ].map((p, i) => ({ ...p, position: i + 1 }));
  const head = free[0];
  const action = head ? headAction(head, state.baseSha) : { kind: "idle" };
  return { strategy: "serial", order, action };
}
var serialStrategy = { name: "serial", plan: planSerial };
var MERGE_STRATEGIES = {
  serial: serialStrategy
};
function planMergeQueue(state, strategy = serialStrategy) {
  return strategy.plan(state);
}

// src/domain/commands.ts
var COMMAND_USAGE = {
  approve: "/approve",
  "approve-cancel": "/approve cancel",
  retry: "/retry [guidance for the next attempt]",
  hold: "/hold [reason]",
  unhold: "/unhold",
  wsjf: `/wsjf value=1-5 urgency=1-5 risk=1-5 size=${JOB_SIZES.join("|")} (any subset)`,
  track: `/track ${TRACKS.join("|")}`,
  cancel: "/cancel",
  help: "/help"
};
var COMMAND_WORDS = ["approve", "retry", "hold", "unhold", "wsjf", "track", "cancel", "help"];
function isCommandError(result) {
  return result.kind === "error";
}
function parseCommands(body) {
  const results = [];
  for (const { text, line } of visibleLines(body)) {
    const result = parseLine(text, line);
    if (result) results.push(result);
  }
  return results;
}
function formatCommand(command) {
  switch (command.kind) {
    case "approve":
      return "/approve";
    case "approve-cancel":
      return "/approve cancel";
    case "retry":
      return command.guidance ? `/retry ${command.guidance}` : "/retry";
    case "hold":
      return command.reason ? `/hold ${command.reason}` : "/hold";
    case "unhold":
      return "/unhold";
    case "wsjf":
      return ["/wsjf", ...WSJF_KEYS.filter((k) => command[k] !== void 0).map((k) => `${k}=${command[k]}`)].join(" ");
    case "track":
      return `/track ${command.track}`;
    case "cancel":
      return "/cancel";
    case "help":
      return "/help";
  }
}
function* visibleLines(body) {
  const lines2 = body.split(/\r\n|\r|\n/);
  let fence = null;
  let inHtmlComment = false;
  for (let i = 0; i < lines2.length; i++) {
    const raw = lines2[i] ?? "";
    if (fence) {
      if (closesFence(raw, fence)) fence = null;
      continue;
    }
    if (inHtmlComment) {
      if (raw.includes("-->")) inHtmlComment = false;
      continue;
    }
    const opening = /^ {0,3}(`{3,}|~{3,})/.exec(raw);
    if (opening?.[1]) {
      fence = { char: opening[1][0] ?? "`", length: opening[1].length };
      continue;
    }
    if (/^ {0,3}<!--/.test(raw)) {
      if (!raw.slice(raw.indexOf("<!--") + 4).includes("-->")) inHtmlComment = true;
      continue;
    }
    if (/^( {4}|\t)/.test(raw) || /^ {0,3}>/.test(raw)) continue;
    yield { text: raw.trim(), line: i + 1 };
  }
}
function closesFence(raw, fence) {
  const match = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(raw);
  const marker = match?.[1];
  return marker !== void 0 && marker[0] === fence.char && marker.length >= fence.length;
}
function parseLine(text, line) {
  const match = /^\/([A-Za-z][A-Za-z_-]*)(.*)$/.exec(text);
  if (!match) return null;
  const word = (match[1] ?? "").toLowerCase();
  const tail = match[2] ?? "";
  const at = { line, source: text };
  const attached = tail !== "" && !/^\s/.test(tail);
  if (attached && tail.startsWith("/")) return null;
  if (isCommandWord(word)) {
    if (attached) return error(at, `\`${text}\` is not a command: put a space after \`/${word}\` or nothing. Use \`${usageOf(word)}\`.`);
    return parseCommand(word, tail.trim(), at);
  }
  if (attached) return null;
  const suggestion = nearestCommand(word);
  if (!suggestion) return null;
  return error(at, `Unknown command \`/${word}\`. Did you mean \`${suggestion}\`? Write \`/help\` for the list.`);
}
function usageOf(word) {
  return word === "approve" ? `${COMMAND_USAGE.approve}\` or \`${COMMAND_USAGE["approve-cancel"]}` : COMMAND_USAGE[word];
}
function isCommandWord(word) {
  return COMMAND_WORDS.includes(word);
}
function parseCommand(word, rest, at) {
  switch (word) {
    case "approve":
      if (rest === "") return { kind: "approve", ...at };
      if (rest.toLowerCase() === "cancel") return { kind: "approve-cancel", ...at };
      return error(at, `\`/approve\` takes no argument except \`cancel\` (got \`${rest}\`). Use \`/approve\` or \`/approve cancel\`.`);
    case "retry":
      return { kind: "retry", guidance: rest === "" ? null : rest, ...at };
    case "hold":
      return { kind: "hold", reason: rest === "" ? null : rest, ...at };
    case "unhold":
    case "cancel":
    case "help":
      if (rest === "" || word === "help") return { kind: word, ...at };
      return error(at, `\`/${word}\` takes no arguments (got \`${rest}\`). Use \`${COMMAND_USAGE[word]}\`.`);
    case "wsjf":
      return parseWsjf(rest, at);
    case "track":
      return parseTrack(rest, at);
  }
}
function parseTrack(rest, at) {
  const parsed = trackArgSchema.safeParse(rest.toLowerCase());
  if (parsed.success) return { kind: "track", track: parsed.data, ...at };
  const what = rest === "" ? "`/track` needs a track" : `Unknown track \`${rest}\``;
  return error(at, `${what}. Use \`${COMMAND_USAGE.track}\`.`);
}
var trackArgSchema = external_exports.enum(TRACKS);
var WSJF_KEYS = ["value", "urgency", "risk", "size"];
var score = (key) => external_exports.string().regex(/^[1-5]$/, { error: (issue) => `\`${key}=${String(issue.input)}\` must be a whole number from 1 to 5` }).transform(Number);
var wsjfArgsSchema = external_exports.strictObject({
  value: score("value").optional(),
  urgency: score("urgency").optional(),
  risk: score("risk").optional(),
  size: external_exports.string().transform((s) => s.toUpperCase()).pipe(external_exports.enum(JOB_SIZES, { error: (issue) => `\`size=${String(issue.input)}\` must be one of ${JOB_SIZES.join(", ")}` })).optional()
});
function parseWsjf(rest, at) {
  const usage = `Use \`${COMMAND_USAGE.wsjf}\`, e.g. \`/wsjf value=4 size=M\`.`;
  const tokens = rest.replace(/\s*=\s*/g, "=").split(/\s+/).filter((t) => t !== "");
  if (tokens.length === 0) return error(at, `\`/wsjf\` needs at least one of value, urgency, risk, size. ${usage}`);
  const args = /* @__PURE__ */ new Map();
  for (const token of tokens) {
    const eq = token.indexOf("=");
    if (eq <= 0) return error(at, `\`${token}\` is not a \`key=value\` pair. ${usage}`);
    const key = token.slice(0, eq).toLowerCase();
    if (args.has(key)) return error(at, `\`${key}\` is given twice. ${usage}`);
    args.set(key, token.slice(eq + 1));
  }
  const parsed = wsjfArgsSchema.safeParse(Object.fromEntries(args));
  if (!parsed.success) return error(at, `${describeIssues(parsed.error)}. ${usage}`);
  const body = { kind: "wsjf" };
  for (const key of WSJF_KEYS) {
    const v = parsed.data[key];
    if (v !== void 0) Object.assign(body, { [key]: v });
  }
  return { ...body, ...at };
}
function describeIssues(err) {
  return err.issues.map((issue) => issue.code === "unrecognized_keys" ? `Unknown key ${issue.keys.map((k) => `\`${k}\``).join(", ")} (known: value, urgency, risk, size)` : issue.message).join("; ");
}
function error(at, message) {
  return { kind: "error", ...at, message };
}
function nearestCommand(word) {
  const candidates = [...COMMAND_WORDS];
  let best = null;
  for (const candidate of candidates) {
    if (word.length >= 3 && candidate.startsWith(word)) return `/${candidate}`;
    const distance = editDistance(word, candidate);
    const limit = candidate.length <= 4 ? 1 : 2;
    if (distance <= limit && (!best || distance < best.distance)) best = { word: candidate, distance };
  }
  return best ? `/${best.word}` : null;
}
function editDistance(a, b) {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_2, j) => i === 0 ? j : j === 0 ? i : 0));
  const at = (i, j) => d[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, at(i - 2, j - 2) + 1);
      const row = d[i];
      if (row) row[j] = v;
    }
  }
  return at(a.length, b.length);
}

// src/domain/command-permission.ts
var WRITERS = /* @__PURE__ */ new Set(["write", "maintain", "admin"]);
function authorizeCommand(input) {
  const { actor, command } = input;
  if (input.isAppItself) return { allowed: false, silent: true, reason: "comment written by this app" };
  if (isBot(actor)) return { allowed: false, silent: true, reason: `comment written by a bot (${actor.login})` };
  if (command.kind === "help") return { allowed: true };
  const trusted = WRITERS.has(input.permission) || input.approverMatch;
  if (!trusted) {
    return {
      allowed: false,
      silent: false,
      reason: `@${actor.login} has ${input.permission === "none" ? "no" : `\`${input.permission}\``} permission on this repository and is not in \`trust.approvers\`.`,
      whoMay: whoMayCommand(input.approvers)
    };
  }
  if (isSelfApproval(input)) {
    return {
      allowed: false,
      silent: false,
      reason: `@${actor.login} opened the issue this pull request implements, and \`review.require_independent_approval\` is on.`,
      whoMay: `someone other than the issue's author: ${whoMayCommand(input.approvers)}`
    };
  }
  return { allowed: true };
}
function isBot(actor) {
  return actor.type === "Bot" || /\[bot\]$/i.test(actor.login);
}
function isSelfApproval(input) {
  if (!input.requireIndependentApproval) return false;
  if (input.command.kind !== "approve" || input.target !== "pull_request") return false;
  return input.issueAuthor !== "" && sameLogin(input.actor.login, input.issueAuthor);
}
function whoMayCommand(approvers = []) {
  const base = "people with write, maintain or admin permission on this repository";
  if (approvers.length === 0) return `${base}, or people listed in \`trust.approvers\` (none configured)`;
  return `${base}, or the approvers in \`trust.approvers\`: ${approvers.map((a) => a.startsWith("@") ? a : `@${a}`).join(", ")}`;
}
function sameLogin(a, b) {
  return a.toLowerCase() === b.toLowerCase();
}

// src/domain/help-text.ts
function helpText(config) {
  const hold2 = config.labels.hold;
  const rows = [
    [COMMAND_USAGE.approve, "On a pull request: approve it for the merge queue, for its current head commit (a new commit other than the app's own update from the base branch voids it). On an issue: approve an item from an untrusted author for the agents."],
    [COMMAND_USAGE["approve-cancel"], "Withdraw that approval."],
    [COMMAND_USAGE.retry, "Start a new attempt; the guidance goes into the next task envelope. On a blocked item it also grants a fresh attempt budget."],
    [COMMAND_USAGE.hold, `Add the \`${hold2}\` label: nothing is dispatched or merged while it is on.`],
    [COMMAND_USAGE.unhold, `Remove the \`${hold2}\` label.`],
    [COMMAND_USAGE.wsjf, "Set the WSJF inputs (business value, time criticality, risk reduction, job size) and rescore."],
    [COMMAND_USAGE.track, "Put the item on another track and rescore."],
    [COMMAND_USAGE.cancel, `Cancel the item's running worker and put the item on hold (\`${hold2}\`).`],
    [COMMAND_USAGE.help, "Show this help."]
  ];
  const table = ["| Command | What it does |", "| --- | --- |", ...rows.map(([usage, what]) => `| \`${escapeCell(usage)}\` | ${escapeCell(what)} |`)];
  const who = [
    `**Who may use them:** ${whoMayCommand(config.trust.approvers)}. Anyone may use \`/help\`. Commands from bots are ignored.`,
    config.review.require_independent_approval ? "`review.require_independent_approval` is on: the person who opened an issue cannot `/approve` the pull request that implements it." : "",
    "Write one command per line, at the start of the line; quoted lines and code blocks are ignored. A review verdict from the orchestrator never merges anything by itself."
  ].filter((line) => line !== "");
  return ["### Orchestrator commands", "", ...table, "", ...who].join("\n");
}
function escapeCell(text) {
  return text.replace(/\|/g, "\\|");
}

// src/domain/apply-command.ts
function applyCommand(state, command, context) {
  const text = formatCommand(command);
  if (alreadyRun(state, context.commentId, text)) return duplicate(state);
  const result = runHandler(state, command, context);
  if (result.status === "refused") return { ...result, state };
  const record = { commentId: context.commentId, command: text, by: context.actor.login, at: context.now, ...headOf(context) };
  return { ...result, state: { ...result.state, commands: [...result.state.commands, record] } };
}
function applyCommands(state, commands, context) {
  const initial = new Set(context.labels);
  const labels = new Set(context.labels);
  const outcomes = [];
  let current = state;
  for (const command of commands) {
    const outcome = applyCommand(current, command, { ...context, labels: [...labels] });
    outcome.labelsToRemove.forEach((l) => labels.delete(l));
    outcome.labelsToAdd.forEach((l) => labels.add(l));
    outcomes.push(outcome);
    current = outcome.state;
  }
  const statuses = new Set(outcomes.map((o) => o.status));
  const status = statuses.has("applied") ? "applied" : statuses.has("unchanged") ? "unchanged" : statuses.has("refused") ? "refused" : "duplicate";
  const effects = new Map(outcomes.flatMap((o) => o.effects).map((e) => [JSON.stringify(e), e]));
  return {
    status,
    state: current,
    labelsToAdd: [...labels].filter((l) => !initial.has(l)),
    labelsToRemove: [...initial].filter((l) => !labels.has(l)),
    reply: outcomes.map((o) => o.reply).filter((r) => r !== "").join("\n\n"),
    reaction: statuses.has("refused") ? "confused" : statuses.has("applied") ? "+1" : statuses.has("unchanged") ? "eyes" : null,
    effects: [...effects.values()]
  };
}
function isApprovalValid(approval, headSha, appUpdates) {
  if (!approval || !headSha) return false;
  let sha = approval.headSha;
  const seen = /* @__PURE__ */ new Set();
  while (!seen.has(sha)) {
    if (sha === headSha) return true;
    seen.add(sha);
    const next = appUpdates.find((u) => u.from === sha);
    if (!next) return false;
    sha = next.to;
  }
  return false;
}
var HANDLERS = {
  approve: (state, _command, context) => context.target === "pull_request" ? approvePullRequest(state, context) : approveItem(state, context),
  "approve-cancel": (state, _command, context) => context.target === "pull_request" ? withdrawPullRequestApproval(state, context) : withdrawItemApproval(state, context),
  retry: (state, command, context) => retry(state, command.guidance, context),
  hold: (state, command, context) => hold(state, command.reason, context),
  unhold: (state, _command, context) => unhold(state, context),
  wsjf: (state, command, context) => wsjf(state, command, context),
  track: (state, command, context) => track(state, command.track, context),
  cancel: (state, _command, context) => cancel(state, context),
  help: (state, _command, context) => done(state, { reply: helpText(context.config) })
};
function runHandler(state, command, context) {
  const handler = HANDLERS[command.kind];
  return handler(state, command, context);
}
function approvePullRequest(state, context) {
  const head = context.prHeadSha;
  if (!head) return refused(state, "I could not tell which commit this pull request is at, so nothing was approved. Please try again.");
  if (state.merged) return refused(state, `Already merged as ${short(state.merged.sha)}; there is nothing to approve.`);
  if (state.approval?.headSha === head) {
    return unchanged(state, `Already approved at ${short(head)} by @${state.approval.by}.`);
  }
  const approval = { by: context.actor.login, at: context.now, headSha: head, commentId: context.commentId, via: "command" };
  const notes = [
    state.pr?.gated.length ? `This approval covers the gated paths: ${state.pr.gated.map((p) => `\`${p}\``).join(", ")}.` : "",
    state.pr?.outOfScope.length ? "Note: the pull request changes files outside the item's scope, so it is not queued until that is fixed." : "",
    isHeld(context) ? `Note: the item is on hold (\`${context.config.labels.hold}\`); it is not merged until \`/unhold\`.` : ""
  ];
  const reply2 = [
    `Approved ${short(head)} for the merge queue (by @${context.actor.login}). A new commit voids this approval, except the orchestrator's own update from the base branch.`,
    ...notes
  ];
  return done({ ...state, approval }, { reply: lines(reply2), effects: [{ kind: "evaluate-queue" }] });
}
function approveItem(state, context) {
  if (state.itemApproval) return unchanged(state, `Already approved for the agents by @${state.itemApproval.by}.`);
  if (state.trusted) return unchanged(state, "This item's author is trusted; it needs no approval for the agents.");
  const next = { ...state, trusted: true, itemApproval: { by: context.actor.login, at: context.now } };
  return done(next, { reply: `Approved for the agents by @${context.actor.login}: this item's text may now be given to coding agents.`, effects: [{ kind: "retriage" }] });
}
function withdrawPullRequestApproval(state, context) {
  if (!state.approval) return unchanged(state, "There is no approval of this pull request to withdraw.");
  const { approval: _withdrawn, ...rest } = state;
  return done(rest, { reply: `Approval of ${short(state.approval.headSha)} withdrawn by @${context.actor.login}; the pull request leaves the merge queue.`, effects: [{ kind: "evaluate-queue" }] });
}
function withdrawItemApproval(state, context) {
  if (!state.itemApproval) {
    return unchanged(state, state.trusted ? "This item is trusted because its author is; there is no approval to withdraw." : "This item has no approval to withdraw.");
  }
  const { itemApproval: _withdrawn, ...rest } = state;
  const reply2 = `Approval for the agents withdrawn by @${context.actor.login}: no new attempt starts. A running attempt goes on; use \`/cancel\` to stop it.`;
  return done({ ...rest, trusted: false }, { reply: reply2, effects: [{ kind: "retriage" }] });
}
function retry(state, guidance, context) {
  if (state.merged || state.status === "done") return refused(state, "This item is done; a new attempt would have nothing to do. Open a new issue for further work.");
  if (!state.trusted) return refused(state, "This item is not approved for the agents yet. A trusted person can approve it with `/approve` on the issue, then `/retry`.");
  let next = guidance ? { ...state, guidance: [...state.guidance, guidance] } : state;
  const labels = { add: [], remove: [] };
  const notes = [guidance ? "The guidance goes into the next attempt's task envelope." : ""];
  if (state.status === "blocked" || budgetUsed(state, context.config)) {
    next = { ...next, attemptBudgetFrom: state.attempts.length };
    notes.push(`A fresh budget of ${context.config.worker.max_attempts} attempts is granted.`);
  }
  if (state.status === "blocked") {
    const { blockedReason: _cleared, ...rest } = next;
    next = { ...rest, status: "ready" };
    labels.remove.push(context.config.labels.status.blocked);
    labels.add.push(context.config.labels.status.ready);
  }
  const running2 = runningAttempt(state);
  if (running2) {
    const reply2 = [`Attempt ${running2.n} is still running${running2.runUrl ? ` ([run](${running2.runUrl}))` : ""}; no second attempt is started. Use \`/cancel\` to stop it.`, ...notes];
    return changedOrNot(state, next, { reply: lines(reply2), labels, effects: [] });
  }
  if (isHeld(context)) {
    const reply2 = [`The item is on hold (\`${context.config.labels.hold}\`): the new attempt starts after \`/unhold\`.`, ...notes];
    return changedOrNot(state, next, { reply: lines(reply2), labels, effects: [] });
  }
  return done(next, { reply: lines([`New attempt requested by @${context.actor.login}.`, ...notes]), labels, effects: [{ kind: "dispatch", reason: "retry" }] });
}
function hold(state, reason, context) {
  const label = context.config.labels.hold;
  if (isHeld(context)) return unchanged(state, `Already on hold (\`${label}\`).`);
  const why = reason ? ` Reason: ${reason}` : "";
  return done(state, {
    reply: `On hold (by @${context.actor.login}): nothing is dispatched or merged until \`/unhold\`.${why}`,
    labels: { add: [label], remove: [] },
    effects: [{ kind: "evaluate-queue" }]
  });
}
function unhold(state, context) {
  const label = context.config.labels.hold;
  if (!isHeld(context)) return unchanged(state, "The item is not on hold.");
  return done(state, {
    reply: `Hold released by @${context.actor.login}.`,
    labels: { add: [], remove: [label] },
    effects: [{ kind: "retriage" }, { kind: "evaluate-queue" }]
  });
}
function wsjf(state, command, context) {
  const { value_prefix, urgency_prefix, risk_prefix, size_prefix } = context.config.labels;
  const wanted = [
    [value_prefix, command.value],
    [urgency_prefix, command.urgency],
    [risk_prefix, command.risk],
    [size_prefix, command.size]
  ];
  const labels = { add: [], remove: [] };
  for (const [prefix, value] of wanted) {
    if (value === void 0) continue;
    swapLabel(context.labels, (l) => l.startsWith(prefix), `${prefix}${value}`, labels);
  }
  if (labels.add.length === 0 && labels.remove.length === 0) return unchanged(state, "The WSJF labels already say that.");
  return done(state, { reply: `WSJF inputs updated (${formatCommand(command).slice("/wsjf ".length)}); the item is rescored.`, labels, effects: [{ kind: "retriage" }] });
}
function track(state, target, context) {
  const trackLabels = Object.values(context.config.labels.tracks);
  const labels = { add: [], remove: [] };
  swapLabel(context.labels, (l) => trackLabels.includes(l), context.config.labels.tracks[target], labels);
  if (labels.add.length === 0 && labels.remove.length === 0) return unchanged(state, `The item is already on the ${target} track.`);
  return done(state, { reply: `Moved to the ${target} track; the item is rescored.`, labels, effects: [{ kind: "retriage" }] });
}
function cancel(state, context) {
  const label = context.config.labels.hold;
  const labels = { add: isHeld(context) ? [] : [label], remove: [] };
  const running2 = runningAttempt(state);
  const heldNote = `The item is on hold (\`${label}\`); \`/unhold\` to let it continue.`;
  if (!running2) {
    return changedOrNot(state, state, { reply: lines(["No attempt is running.", heldNote]), labels, effects: [] });
  }
  const cancelled = { ...running2, outcome: "cancelled", finishedAt: context.now, summary: `cancelled by @${context.actor.login}` };
  const next = { ...state, attempts: state.attempts.map((a) => a === running2 ? cancelled : a) };
  if (running2.runId === void 0) {
    const reply2 = [`Attempt ${running2.n} is marked cancelled, but its workflow run is not known yet: if it starts, cancel it from the Actions tab.`, heldNote];
    return done(next, { reply: lines(reply2), labels, effects: [] });
  }
  return done(next, { reply: lines([`Cancelling attempt ${running2.n} (run ${running2.runId}).`, heldNote]), labels, effects: [{ kind: "cancel-run", runId: running2.runId }] });
}
function alreadyRun(state, commentId, text) {
  return state.commands.some((c) => c.commentId === commentId && c.command === text);
}
function headOf(context) {
  return context.target === "pull_request" && context.prHeadSha ? { headSha: context.prHeadSha } : {};
}
function runningAttempt(state) {
  const last = state.attempts.at(-1);
  return last?.outcome === "dispatched" ? last : void 0;
}
function budgetUsed(state, config) {
  return state.attempts.length - state.attemptBudgetFrom >= config.worker.max_attempts;
}
function isHeld(context) {
  return context.labels.includes(context.config.labels.hold);
}
function swapLabel(current, matches, wanted, into) {
  for (const label of current) if (label !== wanted && matches(label)) into.remove.push(label);
  if (!current.includes(wanted)) into.add.push(wanted);
}
function short(sha) {
  return `\`${sha.slice(0, 7)}\``;
}
function lines(parts) {
  return parts.filter((p) => p !== "").join("\n");
}
function duplicate(state) {
  return { status: "duplicate", state, labelsToAdd: [], labelsToRemove: [], reply: "", reaction: null, effects: [] };
}
function done(state, change) {
  return {
    status: "applied",
    state,
    labelsToAdd: change.labels?.add ?? [],
    labelsToRemove: change.labels?.remove ?? [],
    reply: change.reply,
    reaction: "+1",
    effects: change.effects ?? []
  };
}
function changedOrNot(before, after, change) {
  const labelsChange = (change.labels?.add.length ?? 0) + (change.labels?.remove.length ?? 0) > 0;
  if (after !== before || labelsChange || (change.effects?.length ?? 0) > 0) return done(after, change);
  return unchanged(before, change.reply);
}
function unchanged(state, reply2) {
  return { status: "unchanged", state, labelsToAdd: [], labelsToRemove: [], reply: reply2, reaction: "eyes", effects: [] };
}
function refused(state, reply2) {
  return { status: "refused", state, labelsToAdd: [], labelsToRemove: [], reply: reply2, reaction: "confused", effects: [] };
}

// src/app/epic.ts
var EPIC_SUMMARY_MARKER = "<!-- orchestrator:epic-summary -->";
function renderEpicSummary(epic, children, baseBranch) {
  const landed2 = children.filter((c) => c.landed);
  const other = children.filter((c) => !c.landed);
  const lines2 = [
    EPIC_SUMMARY_MARKER,
    `### Epic done: every sub-issue of #${epic} is closed`,
    "",
    `What landed in \`${baseBranch}\` (${landed2.length} of ${children.length}):`,
    "",
    ...landed2.map((c) => `- #${c.number} ${c.title}: pull request #${c.landed.pr}, merged as ${c.landed.sha}`)
  ];
  if (landed2.length === 0) lines2.push("- nothing");
  if (other.length > 0) {
    lines2.push("", "Closed without landing through the merge queue:", "", ...other.map((c) => `- #${c.number} ${c.title}`));
  }
  lines2.push("", "Closing this epic as completed.");
  return lines2.join("\n");
}
async function closeFinishedEpics(session, child) {
  const { port, config } = session;
  const epics = await port.listOpenIssues([config.labels.tracks.project]);
  const closed = [];
  for (const epic of epics) {
    if (epic.number === child) continue;
    const subs = await port.listSubIssues(epic.number);
    const own = `${port.repo.owner}/${port.repo.repo}`.toLowerCase();
    if (!subs.some((s) => s.number === child && s.repository.toLowerCase() === own)) continue;
    if (subs.some((s) => s.state !== "closed")) continue;
    const lines2 = [];
    for (const sub of subs) lines2.push(await childLine(session, sub.number, sub.title, sub.repository.toLowerCase() === own));
    if (!lines2.some((l) => l.done)) continue;
    await closeEpic(session, epic, lines2);
    closed.push(epic.number);
  }
  return closed;
}
async function childLine(session, number, title, sameRepo) {
  if (!sameRepo) return { number, title, done: true, landed: null };
  const issue = await session.port.getIssue(number);
  if (!issue) return { number, title, done: false, landed: null };
  const item = await loadItemFor(session, issue);
  const merged = item.state.merged;
  return {
    number,
    title: issue.title,
    done: statusFromLabels(issue.labels, session.config) === "done" || merged !== void 0,
    landed: merged ? { pr: merged.pr, sha: shortSha(merged.sha) } : null
  };
}
async function closeEpic(session, epic, children) {
  const { port } = session;
  const baseBranch = await port.getDefaultBranch();
  await port.upsertComment(epic.number, EPIC_SUMMARY_MARKER, renderEpicSummary(epic.number, children, baseBranch));
  const item = await loadItemFor(session, epic);
  await saveItem(session, item, { ...item.state, status: "done" });
  await port.closeIssue(epic.number, "completed");
  session.log.info({ epic: epic.number, children: children.map((c) => c.number) }, "epic closed");
}

// src/app/queue-state.ts
var QUEUE_STATUSES = ["in-review", "approved", "merging"];
var OWN_CHECK_PREFIX = "orchestrator/";
function isOwnCheckName(name) {
  return name.startsWith(OWN_CHECK_PREFIX);
}
async function checksOn(session, sha) {
  const runs = await session.port.listCheckRuns(sha);
  const statuses = await session.port.listCommitStatuses(sha);
  const fromStatuses = statuses.map((s) => ({
    id: 0,
    name: s.context,
    headSha: sha,
    status: s.state === "pending" ? "in_progress" : "completed",
    conclusion: s.state === "pending" ? null : s.state === "success" ? "success" : "failure",
    htmlUrl: s.targetUrl,
    detailsUrl: s.targetUrl,
    appSlug: null
  }));
  return [...runs, ...fromStatuses].filter((c) => !isOwnCheckName(c.name));
}
function summaries(checks) {
  return checks.map((c) => ({ name: c.name, status: c.status, conclusion: c.conclusion, ...c.id ? { id: c.id } : {} }));
}
async function unmergedDependencies(session, item, issueCache) {
  const unmerged = [];
  for (const ref of item.state.dependsOn) {
    const parsed = parseRef(ref);
    if (!parsed) continue;
    if (parsed.repo !== null) {
      const known = item.state.dependencies.find((d) => d.ref === ref);
      if (known?.state !== "closed") unmerged.push(ref);
      continue;
    }
    if (!issueCache.has(parsed.number)) issueCache.set(parsed.number, await session.port.getIssue(parsed.number));
    const dep = issueCache.get(parsed.number);
    const done2 = dep !== null && dep !== void 0 && (dep.state === "closed" || statusFromLabels(dep.labels, session.config) === "done");
    if (!done2) unmerged.push(`#${parsed.number}`);
  }
  return unmerged;
}
function awaitingUpdate(status, item, headSha) {
  const { approval, queue } = item.state;
  return status === "merging" && !!approval && queue?.updatedFrom === approval.headSha && !queue.updatedTo && headSha !== approval.headSha;
}
async function isUpdateOf(session, from, head, base) {
  if (!base) return false;
  const { port } = session;
  const baseAhead = await port.compareCommits(from, base);
  const headFromFrom = await port.compareCommits(from, head);
  const headFromBase = await port.compareCommits(base, head);
  if (!baseAhead || !headFromFrom || !headFromBase) return false;
  return headFromFrom.behindBy === 0 && headFromBase.behindBy === 0 && headFromFrom.aheadBy === baseAhead.aheadBy + 1;
}
function entryOf(item, pr, head) {
  const { state } = item;
  return {
    issue: item.issue.number,
    pr: pr.number,
    track: state.track,
    score: state.wsjf.score ?? null,
    approvedAt: state.approval?.at ?? "",
    dependsOn: state.dependsOn,
    headSha: pr.headSha,
    upToDate: head.upToDate,
    checks: head.checks,
    failedChecks: head.failed,
    // The list carries no mergeability (GitHub computes it on a single read): see `withHeadDetail`.
    mergeable: null,
    conflict: false
  };
}
async function readQueue(session) {
  const { port, config } = session;
  const defaultBranch = await port.getDefaultBranch();
  const baseSha = await port.getBranchSha(defaultBranch) ?? "";
  const openPulls = new Map((await port.listOpenPullRequests()).map((p) => [p.number, p]));
  const issues = (await port.listOpenIssues()).filter((i) => {
    const status = statusFromLabels(i.labels, config);
    return status !== null && QUEUE_STATUSES.includes(status);
  });
  const items = /* @__PURE__ */ new Map();
  const entries = [];
  const unmerged = {};
  const issueCache = /* @__PURE__ */ new Map();
  let inFlight = null;
  for (const issue of issues) {
    let loaded = await loadItemFor(session, issue);
    const number = loaded.state.pr?.number;
    const pr = number === void 0 ? void 0 : openPulls.get(number);
    const link = loaded.state.pr;
    if (!pr || !link) continue;
    const full = pr;
    const checks = loaded.state.approval ? await checksOn(session, full.headSha) : [];
    const { state } = loaded;
    const status = statusFromLabels(issue.labels, config) ?? state.status;
    const updated = state.queue?.updatedFrom && state.queue.updatedTo ? { fromSha: state.queue.updatedFrom, toSha: state.queue.updatedTo } : null;
    const candidate = {
      issue: issue.number,
      status,
      hold: issue.labels.includes(config.labels.hold),
      defaultBranch,
      pr: {
        number: full.number,
        headSha: full.headSha,
        baseRef: full.baseRef,
        mergeable: full.mergeable,
        gated: link.gated,
        outOfScope: link.outOfScope,
        open: full.state === "open",
        draft: full.draft
      },
      approval: state.approval ?? null,
      checks: summaries(checks),
      issueAuthor: issue.author.login,
      queueUpdate: updated
    };
    if (awaitingUpdate(status, loaded, full.headSha)) {
      const ours = await isUpdateOf(session, loaded.state.approval.headSha, full.headSha, baseSha);
      const { updatedFrom: _from, updatedTo: _to, ...rest } = loaded.state.queue;
      const queue = ours ? { ...loaded.state.queue, updatedTo: full.headSha } : rest;
      loaded = await saveItem(session, loaded, { ...loaded.state, queue });
      if (ours) candidate.queueUpdate = { fromSha: loaded.state.approval.headSha, toSha: full.headSha };
      session.log.info({ issue: issue.number, pr: full.number, head: full.headSha, ours }, "merge queue: update without a handled synchronize");
    }
    const item = loaded;
    const eligibility = queueEligibility(candidate, config);
    if (!eligibility.eligible) {
      items.set(issue.number, { item, pr: full, checks, entry: null, reason: eligibility.reason });
      continue;
    }
    const verdict = evaluateRequiredChecks(summaries(checks), config.merge.required_checks);
    const comparison = baseSha ? await port.compareCommits(baseSha, full.headSha) : null;
    const entry = entryOf(item, full, { upToDate: comparison !== null && comparison.behindBy === 0, checks: verdict.state, failed: verdict.failed });
    entries.push(entry);
    unmerged[issue.number] = await unmergedDependencies(session, item, issueCache);
    if (status === "merging") inFlight = full.number;
    items.set(issue.number, { item, pr: full, checks, entry, reason: null });
  }
  return { defaultBranch, baseSha, items, state: { baseSha, entries, unmergedDependencies: unmerged, inFlight } };
}
async function withHeadDetail(session, snapshot, prNumber) {
  const q = [...snapshot.items.values()].find((i) => i.pr.number === prNumber);
  if (!q?.entry) return snapshot;
  const full = await session.port.getPullRequest(prNumber);
  if (!full) return snapshot;
  const entry = { ...q.entry, mergeable: full.mergeable, conflict: full.mergeableState === "dirty" };
  const items = new Map(snapshot.items);
  for (const [issue, item] of items) if (item === q) items.set(issue, { ...q, pr: full, entry });
  const entries = snapshot.state.entries.map((e) => e.pr === prNumber ? entry : e);
  return { ...snapshot, items, state: { ...snapshot.state, entries } };
}

// src/domain/dispatch-plan.ts
function dispatchable(item) {
  return item.status === "ready" && !item.hold && item.attemptsUsed < item.maxAttempts;
}
function keyOf(item) {
  return { track: item.track, score: item.score, at: timeKey(item.createdAt), id: item.issue };
}
function planDispatch(input) {
  const capacity = Math.max(0, Math.floor(input.maxConcurrent - input.inProgress));
  if (!(capacity > 0)) return [];
  const firstByIssue = /* @__PURE__ */ new Map();
  for (const item of input.items) if (!firstByIssue.has(item.issue)) firstByIssue.set(item.issue, item);
  return [...firstByIssue.values()].filter(dispatchable).map((item) => ({ item, key: keyOf(item) })).sort((a, b) => comparePriority(a.key, b.key)).slice(0, capacity).map(({ item }) => item.issue);
}

// src/app/scheduler.ts
function attemptsUsed(state) {
  return state.attempts.length - Math.min(state.attemptBudgetFrom, state.attempts.length);
}
function candidateOf(session, issue) {
  const status = statusFromLabels(issue.labels, session.config);
  if (status === null) return null;
  const parsed = parseIssue({ title: issue.title, body: issue.body, labels: issue.labels }, session.config);
  const score2 = computeWsjf(parsed.wsjf, session.config.wsjf.sizes).score;
  const track2 = explicitTrack(issue.labels, session.config) ?? computedTrack(score2, parsed.size, session.config);
  return {
    issue: issue.number,
    status,
    track: track2,
    score: score2,
    createdAt: issue.createdAt,
    hold: issue.labels.includes(session.config.labels.hold),
    // Checked precisely on the item's state before dispatching; labels cannot tell.
    attemptsUsed: 0,
    maxAttempts: session.config.worker.max_attempts
  };
}
async function scheduleDispatch(session) {
  const open = await session.port.listOpenIssues();
  const candidates = open.map((i) => candidateOf(session, i)).filter((c) => c !== null && c.track !== "project");
  const inProgress = candidates.filter((c) => c.status === "in-progress").length;
  const plan = planDispatch({ items: candidates, inProgress, maxConcurrent: session.config.worker.max_concurrent });
  const dispatched = [];
  for (const number of plan) {
    const issue = open.find((i) => i.number === number);
    if (!issue) continue;
    const ok = await dispatchItem(session, issue, "initial");
    if (ok) dispatched.push(number);
  }
  return dispatched;
}
async function dispatchItem(session, issue, reason) {
  const item = await loadItemFor(session, issue);
  const { config } = session;
  if (issue.labels.includes(config.labels.hold)) return false;
  if (attemptsUsed(item.state) >= config.worker.max_attempts) {
    const runs = item.state.attempts.map((a) => a.runUrl ? `[attempt ${a.n}](${a.runUrl})` : `attempt ${a.n}`).join(", ");
    await saveItem(session, item, {
      ...item.state,
      status: "blocked",
      blockedReason: `all ${config.worker.max_attempts} attempts are used (${runs || "none recorded"})`
    });
    return false;
  }
  const n = item.state.attempts.length + 1;
  const attempt = { n, dispatchedAt: session.now(), reason, outcome: "dispatched" };
  const saved = await saveItem(session, item, {
    ...item.state,
    status: "in-progress",
    attempts: [...item.state.attempts, attempt],
    blockedReason: void 0
  });
  const ref = await session.port.getDefaultBranch();
  const result = await session.port.dispatchWorkflow(config.worker.workflow, ref, { issue: String(issue.number), attempt: String(n) });
  if (!result.ok) {
    const { status } = result;
    const reason2 = status === 404 ? `the worker workflow \`.github/workflows/${config.worker.workflow}\` was not found on \`${ref}\`; add it (see the README's "Worker workflow" section), then comment \`/retry\`` : `GitHub refused to dispatch \`${config.worker.workflow}\` (${result.message}); check its \`workflow_dispatch\` inputs \`issue\` and \`attempt\`, then comment \`/retry\``;
    await saveItem(session, saved, {
      ...saved.state,
      status: "blocked",
      blockedReason: reason2,
      attempts: saved.state.attempts.map((a) => a.n === n ? { ...a, outcome: "failed", summary: "dispatch refused" } : a)
    });
    session.log.warn({ issue: issue.number, status }, "worker dispatch refused");
    return false;
  }
  session.log.info({ issue: saved.issue.number, attempt: n, reason, workflow: config.worker.workflow }, "worker dispatched");
  return true;
}

// src/app/queue.ts
var LANDED_MARKER = "<!-- orchestrator:landed -->";
function ejectMarker(sha) {
  return `<!-- orchestrator:queue-eject ${sha} -->`;
}
function conflictMarker(sha) {
  return `<!-- orchestrator:queue-conflict ${sha} -->`;
}
var MAX_ROUNDS = 20;
var MAX_REFUSALS = 3;
async function evaluateQueue(session) {
  let refusals = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const strategy = MERGE_STRATEGIES[session.config.merge.strategy];
    let snapshot = await readQueue(session);
    let plan = planMergeQueue(snapshot.state, strategy);
    const head = plan.action.kind === "idle" ? null : plan.action.pr;
    if (head !== null) {
      snapshot = await withHeadDetail(session, snapshot, head);
      plan = planMergeQueue(snapshot.state, strategy);
    }
    await writePositions(session, snapshot, plan);
    const outcome = await applyAction(session, snapshot, plan.action);
    session.log.debug({ action: plan.action, outcome, round }, "merge queue evaluated");
    if (outcome === "done") return;
    if (outcome === "refused" && ++refusals > MAX_REFUSALS) {
      session.log.warn({ action: plan.action }, "merge queue: GitHub kept refusing; waiting for the next event");
      return;
    }
  }
}
async function recordQueueUpdate(session, move) {
  const issues = await session.port.listOpenIssues([session.config.labels.status.merging]);
  for (const issue of issues) {
    const item = await loadItemFor(session, issue);
    const { state } = item;
    if (state.pr?.number !== move.prNumber || !state.queue?.updatedFrom) continue;
    const fromApproved = !!state.approval && state.queue.updatedFrom === state.approval.headSha;
    const chained = move.before === state.queue.updatedFrom || move.before === state.queue.updatedTo;
    if (move.ours && fromApproved && chained) {
      if (state.queue.updatedTo === move.after) return false;
      await saveItem(session, item, { ...state, queue: { ...state.queue, updatedTo: move.after } });
      session.log.info({ issue: issue.number, pr: move.prNumber, from: move.before, to: move.after }, "merge queue update recorded");
      return true;
    }
    if (state.queue.updatedTo === move.after) return false;
    const { updatedFrom: _from, updatedTo: _to, ...queue } = state.queue;
    await saveItem(session, item, { ...state, queue });
    session.log.info({ issue: issue.number, pr: move.prNumber, after: move.after }, "head moved by someone else during the queue's update");
    return true;
  }
  return false;
}
function headReason(action, snapshot) {
  const base = `\`${snapshot.defaultBranch}\` at ${shortSha(snapshot.baseSha)}`;
  switch (action.kind) {
    case "update-branch":
      return `head of the merge queue: bringing the pull request up to date with ${base}`;
    case "wait-checks":
      return `head of the merge queue: waiting for the required checks on ${shortSha(action.headSha)} (tested with ${base})`;
    case "merge":
      return `head of the merge queue: merging ${shortSha(action.sha)}`;
    case "eject":
      return `ejected from the merge queue: ${action.reason}`;
    case "conflict":
      return `conflicts with ${base}`;
    default:
      return "in the merge queue";
  }
}
function statusFor(q, inFlight) {
  const { state } = q.item;
  if (q.entry) return inFlight ? "merging" : "approved";
  const updates = state.queue?.updatedFrom && state.queue.updatedTo ? [{ from: state.queue.updatedFrom, to: state.queue.updatedTo }] : [];
  const approved = isApprovalValid(state.approval, q.pr.headSha, updates);
  if (!approved && (state.status === "approved" || state.status === "merging")) return "in-review";
  if (state.status === "merging") return "approved";
  return state.status;
}
async function writePositions(session, snapshot, plan) {
  const head = plan.order[0];
  const positions = new Map(plan.order.map((p) => [p.issue, p]));
  for (const [issue, q] of snapshot.items) {
    const place = positions.get(issue);
    const isHead = head?.issue === issue && plan.action.kind !== "idle" && place?.waitingFor === null;
    let reason;
    if (!place) reason = q.reason ?? "not in the merge queue";
    else if (place.waitingFor) reason = place.waitingFor;
    else if (isHead) reason = headReason(plan.action, snapshot);
    else reason = `in the merge queue behind #${head?.pr ?? "?"}`;
    const inFlight = snapshot.state.inFlight === q.pr.number || isHead && plan.action.kind === "update-branch";
    const { position: _p, reason: _r, ...rest } = q.item.state.queue ?? {};
    const queue = { ...rest, ...place ? { position: place.position } : {}, reason };
    const next = { ...q.item.state, status: statusFor(q, inFlight && q.entry !== null), queue };
    q.item = await saveIfChanged(session, q.item, next);
  }
}
async function saveIfChanged(session, item, next) {
  if (JSON.stringify(item.state) === JSON.stringify(next)) return item;
  return saveItem(session, item, next);
}
async function applyAction(session, snapshot, action) {
  if (action.kind === "idle" || action.kind === "wait-checks") return "done";
  const q = [...snapshot.items.values()].find((i) => i.pr.number === action.pr);
  if (!q) return "done";
  switch (action.kind) {
    case "update-branch":
      return updateBranch(session, q, action.expectedHeadSha);
    case "merge":
      return merge(session, snapshot, q, action.sha);
    case "eject":
      return eject(session, snapshot, q, action);
    case "conflict":
      return conflict(session, snapshot, q, "GitHub reports the pull request cannot be merged cleanly");
  }
}
async function updateBranch(session, q, expectedHeadSha) {
  const { state } = q.item;
  const approved = state.approval?.headSha ?? expectedHeadSha;
  const chained = state.queue?.updatedFrom === approved && state.queue.updatedTo === expectedHeadSha;
  const queue = chained ? { ...state.queue, reason: state.queue?.reason ?? "" } : { ...state.queue ?? { reason: "" }, updatedFrom: approved, updatedTo: void 0 };
  q.item = await saveIfChanged(session, q.item, { ...state, status: "merging", queue });
  const result = await session.port.updateBranch(q.pr.number, expectedHeadSha);
  if (result.ok) {
    session.log.info({ pr: q.pr.number, from: expectedHeadSha }, "merge queue: update-branch requested");
    return "done";
  }
  const now = await session.port.getPullRequest(q.pr.number);
  if (now && now.headSha === expectedHeadSha && (now.mergeable === false || /conflict/i.test(result.message))) {
    return conflict(session, null, q, `bringing it up to date with the base branch failed: ${result.message}`);
  }
  session.log.warn({ pr: q.pr.number, status: result.status, message: result.message }, "merge queue: update-branch refused");
  return "refused";
}
function scopeOf(session, item) {
  const parsed = parseIssue({ title: item.issue.title, body: item.issue.body, labels: item.issue.labels }, session.config);
  return parsed.scope.length > 0 ? parsed.scope : session.config.scope.default;
}
async function merge(session, snapshot, q, sha) {
  const { config, port } = session;
  const files = await port.listPullRequestFiles(q.pr.number);
  const scope = checkScope(files, scopeOf(session, q.item), config.autonomy.gate, config.autonomy.max_deleted_files);
  const pr = q.item.state.pr;
  const newGated = scope.gated.filter((p) => !pr.gated.includes(p));
  if (scope.outOfScope.length > 0 || newGated.length > 0 && q.item.state.approval?.via !== "command") {
    const outOfScope = [.../* @__PURE__ */ new Set([...pr.outOfScope, ...scope.outOfScope])].sort();
    const gated = [.../* @__PURE__ */ new Set([...pr.gated, ...scope.gated])].sort();
    q.item = await saveItem(session, q.item, { ...q.item.state, status: "approved", pr: { ...pr, outOfScope, gated } });
    session.log.warn({ pr: q.pr.number, outOfScope: scope.outOfScope, gated: newGated }, "merge queue: final diff failed the scope check");
    return "again";
  }
  const result = await port.mergeIfHeadIs(q.pr.number, sha, config.merge.method);
  if (!result.ok) {
    session.log.warn({ pr: q.pr.number, sha, status: result.status, message: result.message }, "merge queue: merge refused; re-evaluating");
    return "refused";
  }
  await landed(session, snapshot, q, result.sha);
  return "again";
}
async function landed(session, snapshot, q, mergeSha) {
  q.item = await recordLanding(session, q.item, {
    pr: q.pr.number,
    mergeSha,
    base: snapshot.defaultBranch,
    detail: `after its required checks passed on ${q.pr.headSha}`
  });
  session.log.info({ issue: q.item.issue.number, pr: q.pr.number, sha: mergeSha }, "merge queue: landed");
}
async function recordLanding(session, item, landing) {
  const { port } = session;
  const number = item.issue.number;
  const merged = { sha: landing.mergeSha, at: item.state.merged?.at ?? session.now(), pr: landing.pr };
  const queue = { reason: `landed in \`${landing.base}\` as ${shortSha(landing.mergeSha)}` };
  const saved = await saveItem(session, item, { ...item.state, status: "done", merged, queue });
  const body = [
    LANDED_MARKER,
    `Landed: pull request #${landing.pr} was merged into \`${landing.base}\` as ${landing.mergeSha} (${session.config.merge.method}), ${landing.detail}.`
  ].join("\n");
  await port.upsertComment(number, LANDED_MARKER, body);
  await port.closeIssue(number, "completed");
  await retriageDependents(session, number);
  await closeFinishedEpics(session, number);
  await scheduleDispatch(session);
  return saved;
}
async function recoverLanding(session, number) {
  const issue = await session.port.getIssue(number);
  if (!issue || issue.isPullRequest) return false;
  const item = await loadItemFor(session, issue);
  const recorded = item.state.pr;
  if (!recorded || item.state.merged !== void 0 || item.state.status === "done") return false;
  const pr = await session.port.getPullRequest(recorded.number);
  if (!pr?.merged || !pr.mergeCommitSha) return false;
  await recordLanding(session, item, {
    pr: pr.number,
    mergeSha: pr.mergeCommitSha,
    base: pr.baseRef,
    detail: "recorded after the fact (the merge was not followed by its bookkeeping)"
  });
  session.log.warn({ issue: number, pr: pr.number }, "merge queue: recovered a landing");
  return true;
}
function withFeedback(state, line) {
  return state.feedback.includes(line) ? state.feedback : [...state.feedback, line];
}
async function sendBack(session, q, reason, feedback, dispatch) {
  const { approval: _cleared, ...state } = q.item.state;
  const queue = { reason };
  q.item = await saveItem(session, q.item, { ...state, status: "in-review", queue, feedback: withFeedback(state, feedback) });
  const dispatched = await dispatchItem(session, q.item.issue, dispatch);
  session.log.info({ issue: q.item.issue.number, pr: q.pr.number, reason: dispatch, dispatched }, "merge queue: sent back to the worker");
}
async function eject(session, snapshot, q, action) {
  const failed = action.failedChecks.map((name) => {
    const run = q.checks.filter((c) => c.name === name).sort((a, b) => b.id - a.id)[0];
    const url = run?.htmlUrl ?? run?.detailsUrl;
    return url ? `[\`${name}\`](${url})` : `\`${name}\``;
  });
  const what = failed.length === 0 ? "the required checks" : `${failed.length === 1 ? "check" : "checks"} ${listNames(failed, "")}`;
  const marker = ejectMarker(q.pr.headSha);
  const body = [
    marker,
    `**Ejected from the merge queue:** ${what} failed on ${q.pr.headSha}, this pull request brought up to date with \`${snapshot.defaultBranch}\` at ${snapshot.baseSha}.`,
    "",
    `The approval is withdrawn and #${q.item.issue.number} goes back to its worker with this failure as feedback; the rest of the queue goes on. A new \`/approve\` is needed once it is fixed.`
  ].join("\n");
  await session.port.upsertComment(q.pr.number, marker, body);
  const feedback = `The merge queue ejected pull request #${q.pr.number}: ${what} failed on ${shortSha(q.pr.headSha)} after it was brought up to date with \`${snapshot.defaultBranch}\` at ${shortSha(snapshot.baseSha)}. Fix the failure against the latest \`${snapshot.defaultBranch}\`.`;
  await sendBack(session, q, `ejected from the merge queue: ${action.reason}`, feedback, "ci-failure");
  return "again";
}
async function conflict(session, snapshot, q, detail) {
  const base = snapshot?.defaultBranch ?? await session.port.getDefaultBranch();
  const marker = conflictMarker(q.pr.headSha);
  const body = [
    marker,
    `**Merge conflict:** pull request #${q.pr.number} (head ${q.pr.headSha}) conflicts with \`${base}\` (${detail}).`,
    "",
    `It leaves the merge queue and #${q.item.issue.number} goes back to its worker to resolve the conflict; a new \`/approve\` is needed afterwards.`
  ].join("\n");
  await session.port.upsertComment(q.pr.number, marker, body);
  await session.port.upsertComment(q.item.issue.number, marker, body);
  const feedback = `Pull request #${q.pr.number} conflicts with \`${base}\`: merge the latest \`${base}\` into the branch \`${q.pr.headRef}\` and resolve the conflicts, keeping both changes' intent.`;
  await sendBack(session, q, `conflicts with \`${base}\`; sent back to the worker`, feedback, "conflict");
  return "again";
}

// src/config/parse.ts
var CONFIG_PATH = ".github/orchestrator.yml";
var CONFIG_FILE_NAME = "orchestrator.yml";
function parseConfig(raw) {
  const parsed = configSchema.safeParse(raw ?? {});
  if (parsed.success) return { ok: true, config: parsed.data };
  const problems = parsed.error.issues.flatMap((issue) => {
    const base = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((k) => ({ key: base ? `${base}.${k}` : k, message: "unknown key" }));
    }
    return [{ key: base || "(file)", message: issue.message }];
  });
  return { ok: false, problems };
}
function renderConfigProblems(problems, source = CONFIG_PATH) {
  const lines2 = problems.map((p) => `- \`${p.key}\`: ${p.message}`);
  return [
    `The orchestrator's configuration \`${source}\` on the default branch is invalid, so the app does nothing else in this repository until it is fixed:`,
    "",
    ...lines2,
    "",
    "The schema with every key and its default is `schema/orchestrator.schema.json` in the app's repository."
  ].join("\n");
}

// src/config/load.ts
async function loadConfig(context) {
  let raw;
  try {
    raw = await context.config(CONFIG_FILE_NAME);
  } catch (error2) {
    if (!isConfigFileError(error2)) throw error2;
    return { ok: false, problems: [{ key: "(file)", message: describeFileError(error2) }] };
  }
  return parseConfig(raw);
}
function isConfigFileError(error2) {
  return error2 instanceof Error && error2.message.includes("[@probot/octokit-plugin-config]");
}
function describeFileError(error2) {
  const plain = error2.message.replace("[@probot/octokit-plugin-config] ", "").replace(/ from \S+/, "");
  const cause = error2.cause instanceof Error ? `: ${error2.cause.message.split("\n")[0].replace(/:\s*$/, "")}` : "";
  return `${plain}${cause}`;
}
function isPlainObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function mergeTwo(base, over) {
  if (Array.isArray(base) && Array.isArray(over)) return [...base, ...over];
  if (!isPlainObject(base) || !isPlainObject(over)) return over;
  const out = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = key in base ? mergeTwo(base[key], value) : value;
  return out;
}
function mergeConfigFiles(configs) {
  return configs.reduce((acc, next) => isPlainObject(next) ? mergeTwo(acc, next) : acc, {});
}
function configReaderFor(octokit, owner, repo) {
  return async (fileName) => {
    const { config, files } = await octokit.config.get({
      owner,
      repo,
      path: `.github/${fileName}`,
      defaults: (configs) => mergeConfigFiles(configs)
    });
    return files.some((file) => file.config !== null) ? config : null;
  };
}

// node_modules/eventemitter3/index.mjs
var import_index = __toESM(require_eventemitter3(), 1);

// node_modules/p-timeout/index.js
var TimeoutError = class _TimeoutError extends Error {
  name = "TimeoutError";
  constructor(message, options) {
    super(message, options);
    Error.captureStackTrace?.(this, _TimeoutError);
  }
};
var getAbortedReason = (signal) => signal.reason ?? new DOMException("This operation was aborted.", "AbortError");
function pTimeout(promise, options) {
  const {
    milliseconds,
    fallback,
    message,
    customTimers = { setTimeout, clearTimeout },
    signal
  } = options;
  let timer;
  let abortHandler;
  const wrappedPromise = new Promise((resolve, reject) => {
    if (typeof milliseconds !== "number" || Math.sign(milliseconds) !== 1) {
      throw new TypeError(`Expected \`milliseconds\` to be a positive number, got \`${milliseconds}\``);
    }
    if (signal?.aborted) {
      reject(getAbortedReason(signal));
      promise.then(resolve, reject);
      return;
    }
    if (signal) {
      abortHandler = () => {
        reject(getAbortedReason(signal));
      };
      signal.addEventListener("abort", abortHandler, { once: true });
    }
    promise.then(resolve, reject);
    if (milliseconds === Number.POSITIVE_INFINITY) {
      return;
    }
    const timeoutError = new TimeoutError();
    timer = customTimers.setTimeout.call(void 0, () => {
      if (fallback) {
        try {
          resolve(fallback());
        } catch (error2) {
          reject(error2);
        }
        return;
      }
      if (typeof promise.cancel === "function") {
        promise.cancel();
      }
      if (message === false) {
        resolve();
      } else if (message instanceof Error) {
        reject(message);
      } else {
        timeoutError.message = message ?? `Promise timed out after ${milliseconds} milliseconds`;
        reject(timeoutError);
      }
    }, milliseconds);
  });
  const cancelablePromise = wrappedPromise.finally(() => {
    cancelablePromise.clear();
    if (abortHandler && signal) {
      signal.removeEventListener("abort", abortHandler);
    }
  });
  cancelablePromise.clear = () => {
    customTimers.clearTimeout.call(void 0, timer);
    timer = void 0;
  };
  return cancelablePromise;
}

// node_modules/p-queue/dist/lower-bound.js
function lowerBound(array, value, comparator) {
  let first = 0;
  let count = array.length;
  while (count > 0) {
    const step = Math.trunc(count / 2);
    let it = first + step;
    if (comparator(array[it], value) <= 0) {
      first = ++it;
      count -= step + 1;
    } else {
      count = step;
    }
  }
  return first;
}

// node_modules/p-queue/dist/priority-queue.js
var compactionThreshold = 100;
var PriorityQueue = class {
  #queue = [];
  // The queue is stored as a sorted array, but dequeued items are left before `#head` until compaction. Only items from `#head` onward are live, which keeps repeated dequeues amortized O(1).
  #head = 0;
  enqueue(run, options) {
    const { priority = 0, id } = options ?? {};
    const { size } = this;
    const element = {
      priority,
      id,
      run
    };
    if (size === 0) {
      this.#queue.length = 0;
      this.#head = 0;
      this.#queue.push(element);
      return;
    }
    if (this.#queue.at(-1).priority >= priority) {
      this.#queue.push(element);
      return;
    }
    this.#compact();
    const index = lowerBound(this.#queue, element, (a, b) => b.priority - a.priority);
    this.#queue.splice(index, 0, element);
  }
  setPriority(id, priority) {
    const index = this.#queue.findIndex((element, index2) => index2 >= this.#head && element.id === id);
    if (index === -1) {
      throw new ReferenceError(`No promise function with the id "${id}" exists in the queue.`);
    }
    const [item] = this.#queue.splice(index, 1);
    this.enqueue(item.run, { priority, id });
  }
  remove(idOrRun) {
    const index = this.#queue.findIndex((element, index2) => {
      if (index2 < this.#head) {
        return false;
      }
      if (typeof idOrRun === "string") {
        return element.id === idOrRun;
      }
      return element.run === idOrRun;
    });
    if (index !== -1) {
      this.#queue.splice(index, 1);
    }
  }
  dequeue() {
    if (this.#head === this.#queue.length) {
      return void 0;
    }
    const item = this.#queue[this.#head];
    this.#head++;
    if (this.#head === this.#queue.length) {
      this.#queue.length = 0;
      this.#head = 0;
    } else if (this.#head > compactionThreshold && this.#head > this.#queue.length / 2) {
      this.#compact();
    }
    return item?.run;
  }
  filter(options) {
    const result = [];
    for (let index = this.#head; index < this.#queue.length; index++) {
      const element = this.#queue[index];
      if (element.priority === options.priority) {
        result.push(element.run);
      }
    }
    return result;
  }
  get size() {
    return this.#queue.length - this.#head;
  }
  #compact() {
    if (this.#head === 0) {
      return;
    }
    this.#queue.splice(0, this.#head);
    this.#head = 0;
  }
};

// node_modules/p-queue/dist/index.js
var PQueue = class extends import_index.default {
  #carryoverIntervalCount;
  #isIntervalIgnored;
  #intervalCount = 0;
  #intervalCap;
  #rateLimitedInInterval = false;
  #rateLimitFlushScheduled = false;
  #interval;
  /*
  Timestamp when the current interval window ends. Kept accurate at every window transition: `#initializeIntervalIfNeeded` sets it when a window starts and `#onInterval` advances it as the recurring timer rolls into each new window. This is the source of truth for whether a task added after the queue goes idle belongs to a fresh window, so it must not go stale.
  */
  #intervalEnd = 0;
  // Recurring timer that drives windows while the queue is actively processing. Absent (`undefined`) once the queue goes idle.
  #intervalId;
  // One-shot timer used while idle to resume at the next window boundary, since `#intervalId` is cleared when idle.
  #timeoutId;
  #strict;
  // Circular buffer implementation for better performance
  #strictTicks = [];
  #strictTicksStartIndex = 0;
  #queue;
  #queueClass;
  #pending = 0;
  // The `!` is needed because of https://github.com/microsoft/TypeScript/issues/32194
  #concurrency;
  #isPaused;
  // Use to assign a unique identifier to a promise function, if not explicitly specified
  #idAssigner = 1n;
  // Track currently running tasks for debugging
  #runningTasks = /* @__PURE__ */ new Map();
  #queueAbortListenerCleanupFunctions = /* @__PURE__ */ new Set();
  /**
      Get or set the default timeout for all tasks. Can be changed at runtime.
  
      Operations will throw a `TimeoutError` if they don't complete within the specified time.
  
      The timeout begins when the operation is dequeued and starts execution, not while it's waiting in the queue.
  
      @example
      ```
      const queue = new PQueue({timeout: 5000});
  
      // Change timeout for all future tasks
      queue.timeout = 10000;
      ```
      */
  timeout;
  constructor(options) {
    super();
    options = {
      carryoverIntervalCount: false,
      intervalCap: Number.POSITIVE_INFINITY,
      interval: 0,
      concurrency: Number.POSITIVE_INFINITY,
      autoStart: true,
      queueClass: PriorityQueue,
      strict: false,
      ...options
    };
    if (!(typeof options.intervalCap === "number" && options.intervalCap >= 1)) {
      throw new TypeError(`Expected \`intervalCap\` to be a number from 1 and up, got \`${options.intervalCap?.toString() ?? ""}\` (${typeof options.intervalCap})`);
    }
    if (options.interval === void 0 || !(Number.isFinite(options.interval) && options.interval >= 0)) {
      throw new TypeError(`Expected \`interval\` to be a finite number >= 0, got \`${options.interval?.toString() ?? ""}\` (${typeof options.interval})`);
    }
    if (options.strict && options.interval === 0) {
      throw new TypeError("The `strict` option requires a non-zero `interval`");
    }
    if (options.strict && options.intervalCap === Number.POSITIVE_INFINITY) {
      throw new TypeError("The `strict` option requires a finite `intervalCap`");
    }
    this.#carryoverIntervalCount = options.carryoverIntervalCount ?? options.carryoverConcurrencyCount ?? false;
    this.#isIntervalIgnored = options.intervalCap === Number.POSITIVE_INFINITY || options.interval === 0;
    this.#intervalCap = options.intervalCap;
    this.#interval = options.interval;
    this.#strict = options.strict;
    this.#queue = new options.queueClass();
    this.#queueClass = options.queueClass;
    this.concurrency = options.concurrency;
    if (options.timeout !== void 0 && !(Number.isFinite(options.timeout) && options.timeout > 0)) {
      throw new TypeError(`Expected \`timeout\` to be a positive finite number, got \`${options.timeout}\` (${typeof options.timeout})`);
    }
    this.timeout = options.timeout;
    this.#isPaused = options.autoStart === false;
    this.#setupRateLimitTracking();
  }
  #cleanupStrictTicks(now) {
    while (this.#strictTicksStartIndex < this.#strictTicks.length) {
      const oldestTick = this.#strictTicks[this.#strictTicksStartIndex];
      if (oldestTick !== void 0 && now - oldestTick >= this.#interval) {
        this.#strictTicksStartIndex++;
      } else {
        break;
      }
    }
    const shouldCompact = this.#strictTicksStartIndex > 100 && this.#strictTicksStartIndex > this.#strictTicks.length / 2 || this.#strictTicksStartIndex === this.#strictTicks.length;
    if (shouldCompact) {
      this.#strictTicks = this.#strictTicks.slice(this.#strictTicksStartIndex);
      this.#strictTicksStartIndex = 0;
    }
  }
  // Helper methods for interval consumption
  #consumeIntervalSlot(now) {
    if (this.#strict) {
      this.#strictTicks.push(now);
    } else {
      this.#intervalCount++;
    }
  }
  #rollbackIntervalSlot() {
    if (this.#strict) {
      if (this.#strictTicks.length > this.#strictTicksStartIndex) {
        this.#strictTicks.pop();
      }
    } else if (this.#intervalCount > 0) {
      this.#intervalCount--;
    }
  }
  #getActiveTicksCount() {
    return this.#strictTicks.length - this.#strictTicksStartIndex;
  }
  get #doesIntervalAllowAnother() {
    if (this.#isIntervalIgnored) {
      return true;
    }
    if (this.#strict) {
      return this.#getActiveTicksCount() < this.#intervalCap;
    }
    return this.#intervalCount < this.#intervalCap;
  }
  get #doesConcurrentAllowAnother() {
    return this.#pending < this.#concurrency;
  }
  #next() {
    this.#pending--;
    if (this.#pending === 0) {
      this.emit("pendingZero");
    }
    this.#tryToStartAnother();
    this.emit("next");
  }
  #onResumeInterval() {
    this.#timeoutId = void 0;
    this.#onInterval();
    this.#initializeIntervalIfNeeded();
  }
  #isIntervalPausedAt(now) {
    if (this.#strict) {
      this.#cleanupStrictTicks(now);
      const activeTicksCount = this.#getActiveTicksCount();
      if (activeTicksCount >= this.#intervalCap) {
        const oldestTick = this.#strictTicks[this.#strictTicksStartIndex];
        const delay = this.#interval - (now - oldestTick);
        this.#createIntervalTimeout(delay);
        return true;
      }
      return false;
    }
    if (this.#intervalId === void 0) {
      const delay = this.#intervalEnd - now;
      if (delay < 0) {
        this.#intervalCount = this.#carryoverIntervalCount ? this.#pending : 0;
      } else {
        this.#createIntervalTimeout(delay);
        return true;
      }
    }
    return false;
  }
  #createIntervalTimeout(delay) {
    if (this.#timeoutId !== void 0) {
      return;
    }
    this.#timeoutId = setTimeout(() => {
      this.#onResumeInterval();
    }, delay);
  }
  #clearIntervalTimer() {
    if (this.#intervalId) {
      clearInterval(this.#intervalId);
      this.#intervalId = void 0;
    }
  }
  #clearTimeoutTimer() {
    if (this.#timeoutId) {
      clearTimeout(this.#timeoutId);
      this.#timeoutId = void 0;
    }
  }
  #tryToStartAnother() {
    if (this.#queue.size === 0) {
      this.#clearIntervalTimer();
      this.emit("empty");
      if (this.#pending === 0) {
        this.#clearTimeoutTimer();
        if (this.#strict && this.#strictTicksStartIndex > 0) {
          const now = Date.now();
          this.#cleanupStrictTicks(now);
        }
        this.emit("idle");
      }
      return false;
    }
    let taskStarted = false;
    if (!this.#isPaused) {
      const now = Date.now();
      const canInitializeInterval = !this.#isIntervalPausedAt(now);
      if (this.#doesIntervalAllowAnother && this.#doesConcurrentAllowAnother) {
        const job = this.#queue.dequeue();
        if (!this.#isIntervalIgnored) {
          this.#consumeIntervalSlot(now);
          this.#scheduleRateLimitUpdate();
        }
        if (canInitializeInterval) {
          this.#initializeIntervalIfNeeded();
        }
        job();
        this.emit("active");
        taskStarted = true;
      }
    }
    return taskStarted;
  }
  #initializeIntervalIfNeeded() {
    if (this.#isIntervalIgnored || this.#intervalId !== void 0) {
      return;
    }
    if (this.#strict) {
      return;
    }
    this.#intervalId = setInterval(() => {
      this.#onInterval();
    }, this.#interval);
    this.#intervalEnd = Date.now() + this.#interval;
  }
  #onInterval() {
    if (!this.#strict) {
      if (this.#intervalId !== void 0) {
        if (this.#intervalCount === 0 && this.#pending === 0) {
          this.#clearIntervalTimer();
        } else {
          this.#intervalEnd = Date.now() + this.#interval;
        }
      }
      this.#intervalCount = this.#carryoverIntervalCount ? this.#pending : 0;
    }
    this.#processQueue();
    this.#scheduleRateLimitUpdate();
  }
  /**
  Executes all queued functions until it reaches the limit.
  */
  #processQueue() {
    while (this.#tryToStartAnother()) {
    }
  }
  get concurrency() {
    return this.#concurrency;
  }
  set concurrency(newConcurrency) {
    if (!(typeof newConcurrency === "number" && newConcurrency >= 1)) {
      throw new TypeError(`Expected \`concurrency\` to be a number from 1 and up, got \`${newConcurrency}\` (${typeof newConcurrency})`);
    }
    this.#concurrency = newConcurrency;
    this.#processQueue();
  }
  /**
      Updates the priority of a promise function by its id, affecting its execution order. Requires a defined concurrency limit to take effect.
  
      For example, this can be used to prioritize a promise function to run earlier.
  
      ```js
      import PQueue from 'p-queue';
  
      const queue = new PQueue({concurrency: 1});
  
      queue.add(async () => '🦄', {priority: 1});
      queue.add(async () => '🦀', {priority: 0, id: '🦀'});
      queue.add(async () => '🦄', {priority: 1});
      queue.add(async () => '🦄', {priority: 1});
  
      queue.setPriority('🦀', 2);
      ```
  
      In this case, the promise function with `id: '🦀'` runs second.
  
      You can also deprioritize a promise function to delay its execution:
  
      ```js
      import PQueue from 'p-queue';
  
      const queue = new PQueue({concurrency: 1});
  
      queue.add(async () => '🦄', {priority: 1});
      queue.add(async () => '🦀', {priority: 1, id: '🦀'});
      queue.add(async () => '🦄');
      queue.add(async () => '🦄', {priority: 0});
  
      queue.setPriority('🦀', -1);
      ```
      Here, the promise function with `id: '🦀'` executes last.
      */
  setPriority(id, priority) {
    if (typeof priority !== "number" || !Number.isFinite(priority)) {
      throw new TypeError(`Expected \`priority\` to be a finite number, got \`${priority}\` (${typeof priority})`);
    }
    this.#queue.setPriority(id, priority);
  }
  async add(function_, options = {}) {
    options = {
      timeout: this.timeout,
      ...options,
      // Assign unique ID if not provided
      id: options.id ?? (this.#idAssigner++).toString()
    };
    if (options.timeout !== void 0 && !(Number.isFinite(options.timeout) && options.timeout > 0)) {
      throw new TypeError(`Expected \`timeout\` to be a positive finite number, got \`${options.timeout}\` (${typeof options.timeout})`);
    }
    return new Promise((resolve, reject) => {
      const taskSymbol = /* @__PURE__ */ Symbol(`task-${options.id}`);
      let cleanupQueueAbortHandler = () => void 0;
      const run = async () => {
        cleanupQueueAbortHandler();
        this.#pending++;
        this.#runningTasks.set(taskSymbol, {
          id: options.id,
          priority: options.priority ?? 0,
          // Match priority-queue default
          startTime: Date.now(),
          timeout: options.timeout
        });
        let eventListener;
        try {
          try {
            options.signal?.throwIfAborted();
          } catch (error2) {
            this.#rollbackIntervalConsumption();
            this.#runningTasks.delete(taskSymbol);
            throw error2;
          }
          let operation = function_({ signal: options.signal });
          if (options.timeout !== void 0) {
            operation = pTimeout(Promise.resolve(operation), {
              milliseconds: options.timeout,
              message: `Task timed out after ${options.timeout}ms (queue has ${this.#pending} running, ${this.#queue.size} waiting)`
            });
          }
          if (options.signal) {
            const { signal } = options;
            operation = Promise.race([operation, new Promise((_resolve, reject2) => {
              eventListener = () => {
                reject2(signal.reason);
              };
              signal.addEventListener("abort", eventListener, { once: true });
              if (signal.aborted) {
                eventListener();
              }
            })]);
          }
          const result = await operation;
          resolve(result);
          this.emit("completed", result);
        } catch (error2) {
          reject(error2);
          this.emit("error", error2);
        } finally {
          if (eventListener) {
            options.signal?.removeEventListener("abort", eventListener);
          }
          this.#runningTasks.delete(taskSymbol);
          queueMicrotask(() => {
            this.#next();
          });
        }
      };
      this.#queue.enqueue(run, options);
      const removeQueuedTask = () => {
        if (this.#queue instanceof PriorityQueue) {
          this.#queue.remove(run);
          return;
        }
        this.#queue.remove?.(options.id);
      };
      if (options.signal) {
        const { signal } = options;
        const queueAbortHandler = () => {
          cleanupQueueAbortHandler();
          removeQueuedTask();
          reject(signal.reason);
          this.#tryToStartAnother();
          this.emit("next");
        };
        cleanupQueueAbortHandler = () => {
          signal.removeEventListener("abort", queueAbortHandler);
          this.#queueAbortListenerCleanupFunctions.delete(cleanupQueueAbortHandler);
        };
        if (signal.aborted) {
          queueAbortHandler();
          return;
        }
        signal.addEventListener("abort", queueAbortHandler, { once: true });
        this.#queueAbortListenerCleanupFunctions.add(cleanupQueueAbortHandler);
      }
      this.emit("add");
      this.#tryToStartAnother();
    });
  }
  async addAll(functions, options) {
    return Promise.all(functions.map(async (function_) => this.add(function_, options)));
  }
  /**
  Start (or resume) executing enqueued tasks within concurrency limit. No need to call this if queue is not paused (via `options.autoStart = false` or by `.pause()` method.)
  */
  start() {
    if (!this.#isPaused) {
      return this;
    }
    this.#isPaused = false;
    this.#processQueue();
    return this;
  }
  /**
  Put queue execution on hold.
  */
  pause() {
    this.#isPaused = true;
  }
  /**
  Clear the queue.
  */
  clear() {
    for (const cleanupQueueAbortHandler of this.#queueAbortListenerCleanupFunctions) {
      cleanupQueueAbortHandler();
    }
    this.#queue = new this.#queueClass();
    this.#clearIntervalTimer();
    this.#updateRateLimitState();
    this.emit("empty");
    if (this.#pending === 0) {
      this.#clearTimeoutTimer();
      this.emit("idle");
    }
    this.emit("next");
  }
  /**
      Can be called multiple times. Useful if you for example add additional items at a later time.
  
      @returns A promise that settles when the queue becomes empty.
      */
  async onEmpty() {
    if (this.#queue.size === 0) {
      return;
    }
    await this.#onEvent("empty");
  }
  /**
      @returns A promise that settles when the queue size is less than the given limit: `queue.size < limit`.
  
      If you want to avoid having the queue grow beyond a certain size you can `await queue.onSizeLessThan()` before adding a new item.
  
      Note that this only limits the number of items waiting to start. There could still be up to `concurrency` jobs already running that this call does not include in its calculation.
      */
  async onSizeLessThan(limit) {
    if (this.#queue.size < limit) {
      return;
    }
    await this.#onEvent(["next", "active"], () => this.#queue.size < limit);
  }
  /**
      The difference with `.onEmpty` is that `.onIdle` guarantees that all work from the queue has finished. `.onEmpty` merely signals that the queue is empty, but it could mean that some promises haven't completed yet.
  
      @returns A promise that settles when the queue becomes empty, and all promises have completed; `queue.size === 0 && queue.pending === 0`.
      */
  async onIdle() {
    if (this.#pending === 0 && this.#queue.size === 0) {
      return;
    }
    await this.#onEvent("idle");
  }
  /**
      The difference with `.onIdle` is that `.onPendingZero` only waits for currently running tasks to finish, ignoring queued tasks.
  
      @returns A promise that settles when all currently running tasks have completed; `queue.pending === 0`.
      */
  async onPendingZero() {
    if (this.#pending === 0) {
      return;
    }
    await this.#onEvent("pendingZero");
  }
  /**
  @returns A promise that settles when the queue becomes rate-limited due to intervalCap.
  */
  async onRateLimit() {
    if (this.isRateLimited) {
      return;
    }
    await this.#onEvent("rateLimit");
  }
  /**
  @returns A promise that settles when the queue is no longer rate-limited.
  */
  async onRateLimitCleared() {
    if (!this.isRateLimited) {
      return;
    }
    await this.#onEvent("rateLimitCleared");
  }
  /**
      @returns A promise that rejects when any task in the queue errors.
  
      Use with `Promise.race([queue.onError(), queue.onIdle()])` to fail fast on the first error while still resolving normally when the queue goes idle.
  
      Important: The promise returned by `add()` still rejects. You must handle each `add()` promise (for example, `.catch(() => {})`) to avoid unhandled rejections.
  
      @example
      ```
      import PQueue from 'p-queue';
  
      const queue = new PQueue({concurrency: 2});
  
      queue.add(() => fetchData(1)).catch(() => {});
      queue.add(() => fetchData(2)).catch(() => {});
      queue.add(() => fetchData(3)).catch(() => {});
  
      // Stop processing on first error
      try {
          await Promise.race([
              queue.onError(),
              queue.onIdle()
          ]);
      } catch (error) {
          queue.pause(); // Stop processing remaining tasks
          console.error('Queue failed:', error);
      }
      ```
      */
  // eslint-disable-next-line @typescript-eslint/promise-function-async
  onError() {
    return new Promise((_resolve, reject) => {
      const handleError = (error2) => {
        this.off("error", handleError);
        reject(error2);
      };
      this.on("error", handleError);
    });
  }
  async #onEvent(events, filter) {
    const eventList = Array.isArray(events) ? events : [events];
    return new Promise((resolve) => {
      const listener = () => {
        if (filter && !filter()) {
          return;
        }
        for (const event of eventList) {
          this.off(event, listener);
        }
        resolve();
      };
      for (const event of eventList) {
        this.on(event, listener);
      }
    });
  }
  /**
  Size of the queue, the number of queued items waiting to run.
  */
  get size() {
    return this.#queue.size;
  }
  /**
      Size of the queue, filtered by the given options.
  
      For example, this can be used to find the number of items remaining in the queue with a specific priority level.
      */
  sizeBy(options) {
    return this.#queue.filter(options).length;
  }
  /**
  Number of running items (no longer in the queue).
  */
  get pending() {
    return this.#pending;
  }
  /**
  Whether the queue is currently paused.
  */
  get isPaused() {
    return this.#isPaused;
  }
  #setupRateLimitTracking() {
    if (this.#isIntervalIgnored) {
      return;
    }
    this.on("add", () => {
      if (this.#queue.size > 0) {
        this.#scheduleRateLimitUpdate();
      }
    });
    this.on("next", () => {
      this.#scheduleRateLimitUpdate();
    });
  }
  #scheduleRateLimitUpdate() {
    if (this.#isIntervalIgnored || this.#rateLimitFlushScheduled) {
      return;
    }
    this.#rateLimitFlushScheduled = true;
    queueMicrotask(() => {
      this.#rateLimitFlushScheduled = false;
      this.#updateRateLimitState();
    });
  }
  #rollbackIntervalConsumption() {
    if (this.#isIntervalIgnored) {
      return;
    }
    this.#rollbackIntervalSlot();
    this.#scheduleRateLimitUpdate();
  }
  #updateRateLimitState() {
    const previous = this.#rateLimitedInInterval;
    if (this.#isIntervalIgnored || this.#queue.size === 0) {
      if (previous) {
        this.#rateLimitedInInterval = false;
        this.emit("rateLimitCleared");
      }
      return;
    }
    let count;
    if (this.#strict) {
      const now = Date.now();
      this.#cleanupStrictTicks(now);
      count = this.#getActiveTicksCount();
    } else {
      count = this.#intervalCount;
    }
    const shouldBeRateLimited = count >= this.#intervalCap;
    if (shouldBeRateLimited !== previous) {
      this.#rateLimitedInInterval = shouldBeRateLimited;
      this.emit(shouldBeRateLimited ? "rateLimit" : "rateLimitCleared");
    }
  }
  /**
  Whether the queue is currently rate-limited due to intervalCap.
  */
  get isRateLimited() {
    return this.#rateLimitedInInterval;
  }
  /**
      Whether the queue is saturated. Returns `true` when:
      - All concurrency slots are occupied and tasks are waiting, OR
      - The queue is rate-limited and tasks are waiting
  
      Useful for detecting backpressure and potential hanging tasks.
  
      ```js
      import PQueue from 'p-queue';
  
      const queue = new PQueue({concurrency: 2});
  
      // Backpressure handling
      if (queue.isSaturated) {
          console.log('Queue is saturated, waiting for capacity...');
          await queue.onSizeLessThan(queue.concurrency);
      }
  
      // Monitoring for stuck tasks
      setInterval(() => {
          if (queue.isSaturated) {
              console.warn(`Queue saturated: ${queue.pending} running, ${queue.size} waiting`);
          }
      }, 60000);
      ```
      */
  get isSaturated() {
    return this.#pending === this.#concurrency && this.#queue.size > 0 || this.isRateLimited && this.#queue.size > 0;
  }
  /**
      The tasks currently being executed. Each task includes its `id`, `priority`, `startTime`, `timeout` (if set), and `timeoutRemaining` (milliseconds until the task times out, or `undefined` if no timeout is set).
  
      Returns an array of task info objects.
  
      ```js
      import PQueue from 'p-queue';
  
      const queue = new PQueue({concurrency: 2, timeout: 10000});
  
      // Add tasks with IDs for better debugging
      queue.add(() => fetchUser(123), {id: 'user-123'});
      queue.add(() => fetchPosts(456), {id: 'posts-456', priority: 1});
  
      // Check what's running
      console.log(queue.runningTasks);
      // => [{
      //   id: 'user-123',
      //   priority: 0,
      //   startTime: 1759253001716,
      //   timeout: 10000,
      //   timeoutRemaining: 9700
      // }, {
      //   id: 'posts-456',
      //   priority: 1,
      //   startTime: 1759253001916,
      //   timeout: 10000,
      //   timeoutRemaining: 9900
      // }]
      ```
      */
  get runningTasks() {
    return [...this.#runningTasks.values()].map((task) => ({
      ...task,
      timeoutRemaining: task.timeout ? Math.max(0, task.startTime + task.timeout - Date.now()) : void 0
    }));
  }
};

// src/app/repo-lock.ts
var queues = /* @__PURE__ */ new Map();
async function withRepoLock(repoKey, work) {
  let queue = queues.get(repoKey);
  if (!queue) {
    queue = new PQueue({ concurrency: 1 });
    queues.set(repoKey, queue);
  }
  const current = queue;
  try {
    return await current.add(work);
  } finally {
    if (current.size === 0 && current.pending === 0) queues.delete(repoKey);
  }
}

// src/app/session.ts
var CONFIG_ERROR_MARKER = "<!-- orchestrator:config-error -->";
var CONFIG_CHECK_NAME = "orchestrator/config";
async function openSession(source, target, options = {}) {
  const { repo, log } = source;
  const port = createOctokitPort(source.octokit, repo, options.appSlug ? { appSlug: options.appSlug } : {});
  const result = await loadConfig(source);
  if (!result.ok) {
    log.warn({ repo, problems: result.problems }, "invalid orchestrator configuration");
    await reportConfigProblems(port, target, renderConfigProblems(result.problems));
    return null;
  }
  return {
    port,
    config: result.config,
    catalog: labelCatalog(result.config),
    log,
    now: options.now ?? (() => (/* @__PURE__ */ new Date()).toISOString())
  };
}
async function reportConfigProblems(port, target, markdown) {
  if (target.kind === "issue") {
    await port.upsertComment(target.number, CONFIG_ERROR_MARKER, `${CONFIG_ERROR_MARKER}
${markdown}`);
    return;
  }
  const sha = target.kind === "commit" ? target.sha : target.kind === "default-branch" ? await defaultBranchHead(port) : null;
  if (sha) {
    await port.upsertCheckRun({
      name: CONFIG_CHECK_NAME,
      headSha: sha,
      status: "completed",
      conclusion: "failure",
      title: "Invalid .github/orchestrator.yml",
      summary: markdown
    });
  }
}
async function defaultBranchHead(port) {
  return port.getBranchSha(await port.getDefaultBranch());
}

// src/app/route.ts
async function inRepository(source, target, options, handler) {
  const { owner, repo } = source.repo;
  await withRepoLock(`${owner}/${repo}`.toLowerCase(), async () => {
    const session = await openSession(source, target, options);
    if (!session) return;
    await handler(session);
  });
}
function sentByBot(context) {
  const sender = context.payload.sender;
  return sender?.type === "Bot";
}
function sourceOf(context) {
  return {
    octokit: context.octokit,
    repo: context.repo(),
    log: context.log,
    config: (fileName) => context.config(fileName)
  };
}
function sourceFor(context, owner, repo) {
  return {
    octokit: context.octokit,
    repo: { owner, repo },
    log: context.log,
    config: configReaderFor(context.octokit, owner, repo)
  };
}

// src/app/routes/intake.ts
async function triageAndSchedule(session, issue) {
  const result = await triageIssue(session, issue);
  for (const peer of result.cyclePeers) await retriage(session, peer);
  await scheduleDispatch(session);
}
async function triageRelated(number, source, options) {
  await inRepository(source, { kind: "issue", number }, options, async (session) => {
    const issue = await session.port.getIssue(number);
    if (!issue || issue.isPullRequest || issue.state === "closed") return;
    await triageAndSchedule(session, issue);
  });
}
function registerIntake(app, options) {
  app.on(["issues.opened", "issues.edited", "issues.labeled", "issues.unlabeled", "issues.reopened"], async (context) => {
    if (sentByBot(context)) return;
    const number = context.payload.issue.number;
    await inRepository(sourceOf(context), { kind: "issue", number }, options, async (session) => {
      const issue = await session.port.getIssue(number);
      if (!issue || issue.isPullRequest) return;
      if (context.payload.action === "reopened") await retriageDependents(session, number);
      await triageAndSchedule(session, issue);
    });
  });
  app.on(["sub_issues.sub_issue_added", "sub_issues.sub_issue_removed"], async (context) => {
    if (sentByBot(context)) return;
    await triageRelated(context.payload.parent_issue.number, sourceOf(context), options);
  });
  app.on(["issue_dependencies.blocked_by_added", "issue_dependencies.blocked_by_removed"], async (context) => {
    if (sentByBot(context)) return;
    const blocked = context.payload.blocked_issue?.number;
    if (blocked === void 0) return;
    await triageRelated(blocked, sourceOf(context), options);
  });
  app.on("issues.closed", async (context) => {
    if (context.payload.issue.pull_request) return;
    const number = context.payload.issue.number;
    await inRepository(sourceOf(context), { kind: "none" }, options, async (session) => {
      if (await recoverLanding(session, number)) return;
      await retriageDependents(session, number);
      await scheduleDispatch(session);
    });
  });
  app.on(["installation.created", "installation_repositories.added"], async (context) => {
    const payload = context.payload;
    const repos = payload.repositories_added ?? payload.repositories ?? [];
    for (const entry of repos) {
      const [owner, repo] = entry.full_name.split("/");
      if (!owner || !repo) continue;
      await inRepository(sourceFor(context, owner, repo), { kind: "default-branch" }, options, async (session) => {
        await session.port.ensureLabels(labelCatalog(session.config));
        const open = await session.port.listOpenIssues();
        for (const issue of open) await triageIssue(session, issue);
        await scheduleDispatch(session);
      });
    }
  });
}

// src/domain/run-title.ts
function parseRunTitle(title) {
  const match = /orchestrator:? #(\d+) attempt (\d+)/.exec(title);
  if (!match?.[1] || !match[2]) return null;
  return { issue: Number(match[1]), attempt: Number(match[2]) };
}
function parseReviewRunTitle(title) {
  const match = /orchestrator:? #(\d+) review of pull request #(\d+) at ([0-9a-f]{7,64})\b/.exec(title);
  if (!match?.[1] || !match[2] || !match[3]) return null;
  return { issue: Number(match[1]), pr: Number(match[2]), headSha: match[3] };
}

// src/app/monitor.ts
var RUN_FAILURE_MARKER = "<!-- orchestrator:run-failures -->";
function mayReport(author) {
  return author.type === "Bot";
}
function replaceAttempt(state, n, change) {
  return state.attempts.map((a) => a.n === n ? { ...a, ...change } : a);
}
async function handleWorkerReport(session, issueNumber, comment) {
  if (!mayReport(comment.author)) return false;
  const decoded = decodeWorkerReport(comment.body);
  if (decoded.kind === "absent") return false;
  if (decoded.kind === "invalid") {
    session.log.warn({ issue: issueNumber, comment: comment.id, reason: decoded.reason }, "invalid worker report");
    return false;
  }
  const report = decoded.report;
  if (report.issue !== issueNumber) return false;
  const item = await loadItem(session, issueNumber);
  if (!item) return false;
  const attempt = item.state.attempts.find((a) => a.n === report.attempt);
  if (!attempt || attempt.outcome !== "dispatched") return false;
  await settleAttempt(session, item, applyReport(item.state, report, session.now()));
  return true;
}
async function settleAttempt(session, item, next) {
  await saveItem(session, item, next);
  if (next.status === "in-review") await evaluateQueue(session);
  await scheduleDispatch(session);
}
function applyReport(state, report, now) {
  const attempts = replaceAttempt(state, report.attempt, {
    outcome: report.outcome,
    finishedAt: now,
    ...report.runId !== void 0 ? { runId: report.runId } : {},
    summary: report.blocker?.summary ?? `pull request #${report.pr?.number ?? "?"}`
  });
  if (report.outcome === "pr" && report.pr) {
    return {
      ...state,
      attempts,
      status: "in-review",
      blockedReason: void 0,
      pr: {
        number: report.pr.number,
        branch: report.pr.branch,
        headSha: report.pr.headSha,
        gated: report.gated,
        outOfScope: report.outOfScope
      }
    };
  }
  return {
    ...state,
    attempts,
    status: "blocked",
    blockedReason: report.blocker?.summary ?? "the worker reported a blocker"
  };
}
async function handleWorkflowRun(session, run) {
  if (!run.path.endsWith(`/${session.config.worker.workflow}`)) return;
  const ids = parseRunTitle(run.displayTitle);
  if (!ids) return;
  const item = await loadItem(session, ids.issue);
  if (!item) return;
  const attempt = item.state.attempts.find((a) => a.n === ids.attempt);
  if (!attempt) return;
  const known = attempt.runId === run.id && attempt.runUrl === run.htmlUrl;
  if (run.status !== "completed") {
    if (!known) await saveItem(session, item, { ...item.state, attempts: replaceAttempt(item.state, attempt.n, { runId: run.id, runUrl: run.htmlUrl }) });
    return;
  }
  if (attempt.outcome !== "dispatched") {
    if (!known) await saveItem(session, item, { ...item.state, attempts: replaceAttempt(item.state, attempt.n, { runId: run.id, runUrl: run.htmlUrl }) });
    return;
  }
  const report = await reportOnIssue(session, ids.issue, attempt.n);
  if (report) {
    const withRun = { ...item.state, attempts: replaceAttempt(item.state, attempt.n, { runId: run.id, runUrl: run.htmlUrl }) };
    await settleAttempt(session, item, applyReport(withRun, report, session.now()));
    return;
  }
  const failed = {
    ...item.state,
    status: "ready",
    attempts: replaceAttempt(item.state, attempt.n, {
      runId: run.id,
      runUrl: run.htmlUrl,
      outcome: "failed",
      finishedAt: session.now(),
      summary: `the run ended ${run.conclusion ?? "without a conclusion"} without a worker report`
    })
  };
  const saved = await saveItem(session, item, failed);
  session.log.warn({ issue: ids.issue, attempt: attempt.n, run: run.id, conclusion: run.conclusion }, "worker run ended without a report");
  const dispatched = await dispatchItem(session, saved.issue, "rerun");
  const held = saved.issue.labels.includes(session.config.labels.hold);
  if (!dispatched && !held && attemptsUsed(saved.state) >= session.config.worker.max_attempts) await postRunFailureReport(session, ids.issue);
  await scheduleDispatch(session);
}
async function reportOnIssue(session, issue, attempt) {
  const comment = await session.port.findComment(issue, reportMarker(attempt));
  if (!comment || !mayReport(comment.author)) return null;
  const decoded = decodeWorkerReport(comment.body);
  if (decoded.kind !== "ok") return null;
  return decoded.report.issue === issue && decoded.report.attempt === attempt ? decoded.report : null;
}
async function postRunFailureReport(session, issue) {
  const item = await loadItem(session, issue);
  if (!item) return;
  const lines2 = item.state.attempts.map(
    (a) => `- attempt ${a.n} (${a.reason}): ${a.outcome}${a.runUrl ? ` \u2014 [run](${a.runUrl})` : ""}${a.summary ? `: ${a.summary}` : ""}`
  );
  const body = [
    RUN_FAILURE_MARKER,
    "### Blocker report: worker runs ended without a report",
    "",
    `Every attempt allowed by \`worker.max_attempts\` (${session.config.worker.max_attempts}) ended without a worker report, so this item is blocked:`,
    "",
    ...lines2,
    "",
    "**Hypothesis:** the runner failed before the worker could report (workflow misconfigured, agent CLI or secrets missing, runner timeout).",
    "",
    "**Recommended intervention:** open the runs above, fix the workflow or its secrets, then comment `/retry` to grant a fresh attempt budget."
  ].join("\n");
  await session.port.upsertComment(issue, RUN_FAILURE_MARKER, body);
}

// src/app/routes/monitor.ts
function registerMonitor(app, options) {
  app.on("issue_comment.created", async (context) => {
    const { comment, issue } = context.payload;
    if (comment.user?.type !== "Bot" || issue.pull_request) return;
    if (!comment.body?.includes("orchestrator:report ")) return;
    await inRepository(sourceOf(context), { kind: "issue", number: issue.number }, options, async (session) => {
      await handleWorkerReport(session, issue.number, toComment(comment));
    });
  });
  app.on("workflow_run", async (context) => {
    const run = context.payload.workflow_run;
    await inRepository(sourceOf(context), { kind: "none" }, options, async (session) => {
      await handleWorkflowRun(session, {
        id: run.id,
        path: run.path,
        displayTitle: run.display_title ?? run.name ?? "",
        status: run.status ?? "unknown",
        conclusion: run.conclusion ?? null,
        htmlUrl: run.html_url
      });
    });
  });
}

// src/app/periodic.ts
async function reevaluateAll(app, options = {}, due) {
  const appOctokit = await app.auth();
  const installations = await appOctokit.paginate(appOctokit.rest.apps.listInstallations, { per_page: 100 });
  for (const installation of installations) {
    const octokit = await app.auth(installation.id);
    const repos = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
    for (const repository of repos) {
      const owner = repository.owner.login;
      const repo = repository.name;
      const source = {
        octokit,
        repo: { owner, repo },
        log: app.log,
        config: async (fileName) => (await octokit.config.get({ owner, repo, path: `.github/${fileName}` })).config
      };
      try {
        await inRepository(source, { kind: "none" }, options, async (session) => {
          if (due && !due(repository.full_name.toLowerCase(), session.config.merge.reevaluate_minutes)) return;
          await evaluateQueue(session);
        });
      } catch (error2) {
        app.log.warn({ repository: repository.full_name, err: error2 }, "periodic merge queue evaluation failed");
      }
    }
  }
}
function startPeriodicEvaluation(app, options = {}, clock = Date.now) {
  const last = /* @__PURE__ */ new Map();
  let running2 = false;
  const due = (fullName, minutes) => {
    const now = clock();
    const previous = last.get(fullName);
    if (previous !== void 0 && now - previous < minutes * 6e4) return false;
    last.set(fullName, now);
    return true;
  };
  const tick = async () => {
    if (running2) return;
    running2 = true;
    try {
      await reevaluateAll(app, options, due);
    } catch (error2) {
      app.log.warn({ err: error2 }, "periodic merge queue evaluation failed");
    } finally {
      running2 = false;
    }
  };
  const timer = setInterval(() => void tick(), options.tickMs ?? 6e4);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
function periodicEnabled(env = process.env) {
  const flag = env.ORCHESTRATOR_PERIODIC?.toLowerCase();
  if (flag === "0" || flag === "off" || flag === "false") return false;
  if (flag === "1" || flag === "on" || flag === "true") return true;
  return env.NODE_ENV !== "test" && env.VITEST === void 0;
}

// src/app/routes/queue.ts
var running = /* @__PURE__ */ new Set();
function stopPeriodicEvaluations() {
  for (const handle of running) handle.stop();
  running.clear();
}
function sentByUs(context, options) {
  const sender = context.payload.sender;
  if (sender?.type !== "Bot") return false;
  if (options.appSlug) return sender.login === `${options.appSlug}[bot]`;
  return sender.login !== "github-actions[bot]";
}
function registerQueue(app, options) {
  const evaluate = async (context) => {
    await inRepository(sourceOf(context), { kind: "none" }, options, evaluateQueue);
  };
  const unlessOurs = async (context) => {
    if (!sentByUs(context, options)) await evaluate(context);
  };
  app.on(["check_run.completed", "check_suite.completed"], unlessOurs);
  app.on(["pull_request.labeled", "pull_request.unlabeled", "pull_request.closed", "pull_request.reopened"], unlessOurs);
  app.on("pull_request_review.submitted", unlessOurs);
  app.on("pull_request.synchronize", async (context) => {
    const { pull_request: pr, before, after } = context.payload;
    await inRepository(sourceOf(context), { kind: "none" }, options, async (session) => {
      await recordQueueUpdate(session, { prNumber: pr.number, before, after, ours: sentByUs(context, options) });
      await evaluateQueue(session);
    });
  });
  app.on("push", async (context) => {
    const { ref, repository } = context.payload;
    if (ref !== `refs/heads/${repository.default_branch}`) return;
    await unlessOurs(context);
  });
  app.on(["issues.labeled", "issues.unlabeled"], async (context) => {
    const label = context.payload.label?.name;
    if (context.payload.issue.pull_request || !label) return;
    const labeled = context.payload.action === "labeled";
    await inRepository(sourceOf(context), { kind: "none" }, options, async (session) => {
      const { labels } = session.config;
      if (label === labels.hold || labeled && label === labels.status.approved) await evaluateQueue(session);
    });
  });
  if (periodicEnabled()) running.add(startPeriodicEvaluation(app, options));
}

// src/app/pr-link.ts
var WITH_PR = ["in-progress", "in-review", "approved", "merging", "blocked"];
async function findItemForPullRequest(session, pr) {
  const prefix = session.config.worker.branch_prefix;
  const branchIssue = issueOfBranch(pr.headRef, prefix);
  const candidates = closingRefs(pr.body).map((number) => ({ number, via: "body" }));
  if (branchIssue !== null && !candidates.some((c) => c.number === branchIssue)) candidates.push({ number: branchIssue, via: "branch" });
  const link = (item, via) => ({
    item,
    via,
    recorded: item.state.pr?.number === pr.number,
    workerBranch: branchIssue === item.issue.number
  });
  let fallback = null;
  for (const candidate of candidates) {
    const item = await loadItem(session, candidate.number);
    if (!item || !usable(session, item)) continue;
    if (item.state.pr?.number === pr.number) return link(item, "state");
    fallback ??= link(item, candidate.via);
  }
  const labels = WITH_PR.map((s) => statusLabel(s, session.config));
  const open = await session.port.listOpenIssues();
  for (const issue of open) {
    if (candidates.some((c) => c.number === issue.number) || !issue.labels.some((l) => labels.includes(l))) continue;
    const item = await loadItemFor(session, issue);
    if (usable(session, item) && item.state.pr?.number === pr.number) return link(item, "state");
  }
  return fallback;
}
function usable(session, item) {
  return item.statusComment !== null && !item.issue.labels.includes(session.config.labels.ignore);
}

// src/app/commands.ts
function replyMarker(commentId) {
  return `<!-- orchestrator:reply comment=${commentId} -->`;
}
function reviewReplyMarker(reviewId) {
  return `<!-- orchestrator:reply review=${reviewId} -->`;
}
function voidedMarker(headSha) {
  return `<!-- orchestrator:approval-voided head=${headSha} -->`;
}
function isAppItself(actor, options) {
  return options.appSlug !== void 0 && sameLogin(actor.login, `${options.appSlug}[bot]`);
}
async function handleCommandComment(session, comment, options = {}) {
  const parsed = parseCommands(comment.body);
  if (parsed.length === 0) return;
  if (isAppItself(comment.author, options) || isBot(comment.author)) {
    session.log.debug({ comment: comment.id, author: comment.author.login }, "commands from a bot ignored");
    return;
  }
  await runCommands(session, parsed, {
    id: comment.id,
    actor: comment.author,
    number: comment.number,
    onPullRequest: comment.onPullRequest,
    marker: replyMarker(comment.id),
    reactTo: comment.id,
    via: "command"
  });
}
async function handleSubmittedReview(session, review, options = {}) {
  if (!session.config.merge.accept_github_reviews) return;
  if (review.state.toLowerCase() !== "approved") return;
  if (isAppItself(review.author, options) || isBot(review.author)) return;
  const command = { kind: "approve", line: 1, source: "review APPROVE" };
  await runCommands(session, [command], {
    id: review.id,
    actor: review.author,
    number: review.prNumber,
    onPullRequest: true,
    marker: reviewReplyMarker(review.id),
    reactTo: null,
    via: "review",
    ...review.commitId ? { headSha: review.commitId } : {}
  });
}
async function runCommands(session, parsed, source) {
  const target = await resolveTarget(session, source);
  if (target === "skip") return;
  const plan = await authorizeAll(session, parsed, source, target);
  let outcome = null;
  let saved = null;
  if (target.item && plan.accepted.length > 0) {
    const item = target.item;
    outcome = applyCommands(item.state, plan.accepted, {
      actor: { login: source.actor.login, type: source.actor.type },
      now: session.now(),
      commentId: source.id,
      target: source.onPullRequest ? "pull_request" : "issue",
      ...target.pr ? { prHeadSha: source.headSha ?? target.pr.headSha } : {},
      labels: item.issue.labels,
      config: session.config
    });
    if (outcome.status === "applied" || outcome.status === "unchanged") {
      const next = settleStatus(item.state, outcome.state, source);
      saved = await saveItem(session, item, next, { add: outcome.labelsToAdd, remove: outcome.labelsToRemove });
    }
  }
  const duplicate2 = outcome?.status === "duplicate" && plan.refusals.length === 0;
  if (duplicate2) {
    session.log.info({ comment: source.id }, "commands already applied (redelivery)");
    return;
  }
  const reaction = plan.refusals.length > 0 ? "confused" : outcome ? outcome.reaction : plan.answers.length > 0 ? "+1" : null;
  if (source.reactTo !== null && reaction) await session.port.addReaction(source.reactTo, reaction);
  await reply(session, source, [outcome?.reply ?? "", ...plan.answers, ...plan.refusals]);
  if (outcome && saved) await runEffects(session, saved, outcome.effects);
  session.log.info(
    { issue: target.item?.issue.number, comment: source.id, by: source.actor.login, status: outcome?.status ?? "refused", refused: plan.refusals.length },
    "commands handled"
  );
}
async function resolveTarget(session, source) {
  if (!source.onPullRequest) {
    const item = await loadItem(session, source.number);
    if (!item || item.issue.labels.includes(session.config.labels.ignore)) return "skip";
    return { item, pr: null, recorded: false };
  }
  const pr = await session.port.getPullRequest(source.number);
  if (!pr) return "skip";
  const link = await findItemForPullRequest(session, pr);
  return { item: link?.item ?? null, pr, recorded: link?.recorded ?? false };
}
async function authorizeAll(session, parsed, source, target) {
  const needsTrust = parsed.some((p) => !isCommandError(p) && p.kind !== "help");
  const permission = needsTrust ? await session.port.getPermission(source.actor.login) : "none";
  const approverMatch = needsTrust && !TRUSTED_PERMISSIONS.includes(permission) ? await isApprover(session, source.actor.login) : false;
  const plan = { accepted: [], refusals: [], answers: [] };
  for (const entry of parsed) {
    if (isCommandError(entry)) {
      plan.refusals.push(`\`${entry.source}\` was not understood: ${entry.message} Nothing was changed for it.`);
      continue;
    }
    const { line: _line, source: written, ...command } = entry;
    const decision = authorizeCommand({
      command,
      actor: { login: source.actor.login, type: source.actor.type },
      permission,
      approverMatch,
      isAppItself: false,
      target: source.onPullRequest ? "pull_request" : "issue",
      issueAuthor: target.item?.issue.author.login ?? "",
      requireIndependentApproval: session.config.review.require_independent_approval,
      approvers: session.config.trust.approvers
    });
    if (!decision.allowed) {
      if (decision.silent) continue;
      plan.refusals.push(`\`${written}\` was not accepted: ${decision.reason} Who may: ${decision.whoMay}. Nothing was changed.`);
      continue;
    }
    const unfit = unfitTarget(command, target);
    if (unfit) {
      plan.refusals.push(`\`${written}\` was not applied: ${unfit}`);
      continue;
    }
    plan.accepted.push(command);
  }
  if (!target.item) {
    if (plan.accepted.length > 0) plan.answers.push(helpText(session.config));
    plan.accepted = [];
  }
  return plan;
}
function unfitTarget(command, target) {
  if (!target.pr) return null;
  if (!target.item) {
    if (command.kind === "help") return null;
    return "this pull request implements no work item I know of (no `Closes #N` in its body, no worker branch, no item recording it), so there is nothing to act on.";
  }
  if (command.kind === "approve" && !target.recorded) {
    const own = target.item.state.pr ? `#${target.item.state.pr.number}` : "none yet";
    return `this pull request is not the one recorded for #${target.item.issue.number} (its pull request: ${own}); only that one can be approved for the merge queue.`;
  }
  return null;
}
function settleStatus(before, after, source) {
  let next = after;
  if (next.approval && next.approval !== before.approval && source.via === "review") next = { ...next, approval: { ...next.approval, via: "review" } };
  if (source.onPullRequest && next.approval && next.status === "in-review") next = { ...next, status: "approved" };
  if (source.onPullRequest && !next.approval && before.approval && next.status === "approved") next = { ...next, status: "in-review" };
  if (next.status === "in-progress" && !next.attempts.some((a) => a.outcome === "dispatched")) next = { ...next, status: next.pr ? "in-review" : "ready" };
  return next;
}
async function reply(session, source, paragraphs) {
  const text = paragraphs.filter((p) => p.trim() !== "").join("\n\n");
  if (text === "") return;
  if (await session.port.findComment(source.number, source.marker)) return;
  await session.port.upsertComment(source.number, source.marker, `${source.marker}
@${source.actor.login} ${text}`);
}
var RETRYABLE = /* @__PURE__ */ new Set(["ready", "in-review", "approved"]);
async function runEffects(session, item, effects) {
  const number = item.issue.number;
  let schedule = false;
  let queue = false;
  for (const effect of effects) {
    switch (effect.kind) {
      case "retriage":
        await retriage(session, number);
        schedule = true;
        break;
      case "dispatch": {
        const issue = await session.port.getIssue(number);
        if (!issue) break;
        const fresh = await loadItem(session, number);
        if (fresh && RETRYABLE.has(fresh.state.status)) await dispatchItem(session, issue, effect.reason);
        else session.log.info({ issue: number, status: fresh?.state.status }, "retry recorded; the scheduler dispatches when the item is ready");
        break;
      }
      case "cancel-run":
        await session.port.cancelWorkflowRun(effect.runId);
        break;
      case "evaluate-queue":
        queue = true;
        break;
    }
  }
  if (schedule) await scheduleDispatch(session);
  if (queue) await evaluateQueue(session);
}
function isOwnUpdate(state, move, options) {
  const queue = state.queue;
  if (!queue?.updatedFrom) return false;
  if (queue.updatedTo === move.after) return true;
  const fromOurs = move.before === queue.updatedFrom || queue.updatedTo !== void 0 && move.before === queue.updatedTo;
  if (!fromOurs) return false;
  if (options.appSlug !== void 0) return sameLogin(move.sender.login, `${options.appSlug}[bot]`);
  return move.sender.type === "Bot" && !sameLogin(move.sender.login, "github-actions[bot]");
}
async function handlePullRequestPush(session, move, options = {}) {
  const pr = await session.port.getPullRequest(move.prNumber);
  if (!pr || pr.state !== "open") return;
  const link = await findItemForPullRequest(session, pr);
  if (!link?.recorded || !link.item.state.pr) return;
  const { item } = link;
  const state = item.state;
  const own = isOwnUpdate(state, move, options);
  let next = { ...state, pr: { ...link.item.state.pr, headSha: pr.headSha } };
  if (own && state.queue) next = { ...next, queue: { ...state.queue, updatedTo: move.after } };
  const from = next.queue?.updatedFrom;
  const to = next.queue?.updatedTo;
  const updates = from && to ? [{ from, to }] : [];
  const voided = state.approval !== void 0 && !isApprovalValid(state.approval, pr.headSha, updates);
  if (voided) {
    const { approval: _void, ...rest } = next;
    next = { ...rest, status: next.status === "approved" || next.status === "merging" ? "in-review" : next.status };
  }
  await saveItem(session, item, next);
  if (voided && state.approval) {
    const marker = voidedMarker(pr.headSha);
    const body = [
      marker,
      `The approval of \`${state.approval.headSha.slice(0, 7)}\` by @${state.approval.by} was voided by commit \`${move.after.slice(0, 7)}\` (pushed by @${move.sender.login}): a new commit needs a new review.`,
      `A trusted person can \`/approve\` the new head; the pull request is out of the merge queue until then.`
    ].join("\n");
    await session.port.upsertComment(pr.number, marker, body);
    session.log.info({ issue: item.issue.number, pr: pr.number, head: pr.headSha }, "approval voided by a new commit");
  }
}

// src/app/routes/commands.ts
function registerCommands(app, options) {
  const commandOptions = options.appSlug ? { appSlug: options.appSlug } : {};
  app.on("issue_comment.created", async (context) => {
    const { comment, issue } = context.payload;
    if (comment.user?.type === "Bot" || !comment.body?.includes("/")) return;
    await inRepository(sourceOf(context), { kind: "issue", number: issue.number }, options, async (session) => {
      await handleCommandComment(
        session,
        {
          id: comment.id,
          body: comment.body,
          author: { login: comment.user?.login ?? "", type: comment.user?.type ?? "User" },
          number: issue.number,
          onPullRequest: issue.pull_request !== void 0 && issue.pull_request !== null
        },
        commandOptions
      );
    });
  });
  app.on("pull_request_review.submitted", async (context) => {
    const { review, pull_request: pr } = context.payload;
    if (review.user?.type === "Bot") return;
    await inRepository(sourceOf(context), { kind: "issue", number: pr.number }, options, async (session) => {
      await handleSubmittedReview(
        session,
        {
          id: review.id,
          state: review.state,
          author: { login: review.user?.login ?? "", type: review.user?.type ?? "User" },
          commitId: review.commit_id ?? null,
          prNumber: pr.number
        },
        commandOptions
      );
    });
  });
  app.on("pull_request.synchronize", async (context) => {
    const { pull_request: pr, before, after, sender } = context.payload;
    await inRepository(sourceOf(context), { kind: "commit", sha: after }, options, async (session) => {
      await handlePullRequestPush(session, { prNumber: pr.number, before, after, sender: { login: sender.login, type: sender.type } }, commandOptions);
    });
  });
}

// src/domain/verdict.ts
var REVIEW_CHECK_NAME = "orchestrator/review";
var SCOPE_CHECK_NAME = "orchestrator/scope";
var OWN_CHECKS = /* @__PURE__ */ new Set([REVIEW_CHECK_NAME, SCOPE_CHECK_NAME]);
var CHECK_TEXT_LIMIT = 65535;
function reviewPullRequest(input) {
  const tests = judgeChecks(input);
  const reviewer = input.reviewerProblem !== void 0 ? failedReviewer(input.reviewerProblem) : judgeReviewer(input.reviewerVerdict);
  const awaitingReviewer = input.reviewerExpected === true && input.reviewerVerdict === void 0 && input.reviewerProblem === void 0;
  const criteria = judgeCriteria(input, tests.state === "green", reviewer.verdict);
  const outOfScope = input.scope.outOfScope.map((path) => `\`${path}\` is outside the item's scope`);
  const findings = [...tests.failures, ...outOfScope, ...criteria.findings, ...reviewer.findings];
  const lines2 = [
    ...criteria.lines,
    ...[...tests.failures, ...outOfScope, ...reviewer.findings].map((f) => `- \u274C ${f}`),
    ...tests.notes.map((n) => `- ${n}`),
    ...reviewer.notes.map((n) => `- ${n}`),
    ...awaitingReviewer ? ["- \u23F3 waiting for the reviewer agent's verdict"] : [],
    ...gatedLines(input.scope.gated)
  ];
  const verdict = decide(tests.state, findings, awaitingReviewer);
  return {
    verdict,
    lines: lines2,
    findings: verdict === "CHANGES_REQUESTED" ? findings : [],
    reviewCheck: reviewCheck(input.headSha, verdict, lines2, findings, criteria.backed, input.acceptanceCriteria.length),
    scopeCheck: scopeCheck(input.headSha, input.scope),
    review: verdict === "PENDING" ? null : { event: verdict === "APPROVED" ? "COMMENT" : "REQUEST_CHANGES", body: reviewBody(input.headSha, verdict, lines2) }
  };
}
function decide(tests, findings, awaitingReviewer) {
  if (tests === "running" || tests === "none") return "PENDING";
  if (findings.length > 0) return "CHANGES_REQUESTED";
  return awaitingReviewer ? "PENDING" : "APPROVED";
}
var PASSING2 = /* @__PURE__ */ new Set(["success", "neutral", "skipped"]);
function isOwnCheck(check, appSlug) {
  if (!OWN_CHECKS.has(check.name)) return false;
  return appSlug === void 0 || check.appSlug === appSlug;
}
function judgeChecks(input) {
  const others = input.checks.filter((c) => !isOwnCheck(c, input.appSlug));
  const required = input.requiredChecks.filter((name) => !OWN_CHECKS.has(name));
  const notes = [];
  if (required.length < input.requiredChecks.length) notes.push(`ignored \`${REVIEW_CHECK_NAME}\`/\`${SCOPE_CHECK_NAME}\` in the required checks: the review cannot require itself`);
  const relevant = required.length > 0 ? others.filter((c) => required.includes(c.name)) : others;
  const missing = required.filter((name) => !others.some((c) => c.name === name));
  const running2 = relevant.filter((c) => c.status !== "completed");
  const failures = relevant.filter((c) => c.status === "completed" && !PASSING2.has(c.conclusion ?? "")).map((c) => `check \`${c.name}\` ${c.conclusion ?? "completed without a conclusion"} on the head commit`);
  if (missing.length > 0 || running2.length > 0) {
    const waiting = [...missing.map((n) => `\`${n}\` (not reported yet)`), ...running2.map((c) => `\`${c.name}\` (${c.status})`)];
    return { state: "running", failures: [], notes: [...notes, `\u23F3 waiting for checks: ${waiting.join(", ")}`] };
  }
  if (relevant.length === 0) return { state: "none", failures: [], notes: [...notes, "\u23F3 no check has reported on the head commit yet"] };
  if (failures.length > 0) return { state: "red", failures, notes };
  return { state: "green", failures: [], notes: [...notes, `\u2705 ${relevant.length} check(s) passed on the head commit`] };
}
function judgeCriteria(input, green, reviewer) {
  const lines2 = [];
  const findings = [];
  let backed = 0;
  if (input.acceptanceCriteria.length === 0) lines2.push("- \u2139\uFE0F the item has no acceptance criteria; only tests and scope were checked");
  for (const criterion of input.acceptanceCriteria) {
    const evidence = evidenceFor(input.evidence, criterion);
    const assessed = reviewer?.criteria.find((c) => normalize(c.criterion) === normalize(criterion));
    const problem = !evidence ? "no evidence in the worker report or pull request body" : !green ? "evidence given, but the tests on the head commit are not green" : assessed?.met === false ? `the reviewer agent found it not met${assessed.evidence ? `: ${oneLine(assessed.evidence)}` : ""}` : null;
    if (problem) {
      findings.push(`acceptance criterion not backed: "${oneLine(criterion)}" (${problem})`);
      lines2.push(`- [ ] ${oneLine(criterion)} \u2014 ${problem}`);
      continue;
    }
    backed++;
    lines2.push(`- [x] ${oneLine(criterion)} \u2014 ${oneLine(evidence ?? "")}`);
  }
  return { lines: lines2, findings, backed };
}
function evidenceFor(evidence, criterion) {
  const entries = evidence instanceof Map ? [...evidence.entries()] : Object.entries(evidence);
  const exact = entries.find(([k]) => k === criterion) ?? entries.find(([k]) => normalize(k) === normalize(criterion));
  const text = exact?.[1]?.trim();
  return text ? text : null;
}
function judgeReviewer(raw) {
  if (raw === void 0) return { verdict: null, findings: [], notes: [] };
  const parsed = reviewerVerdictSchema.safeParse(raw);
  if (!parsed.success) return { verdict: null, findings: [`reviewer agent returned an invalid verdict: ${describeIssues2(parsed.error)}`], notes: [] };
  const verdict = parsed.data;
  const blocking = verdict.verdict === "request_changes" ? verdict.findings : verdict.findings.filter((f) => f.severity === "blocker");
  const findings = blocking.map(formatFinding);
  if (verdict.verdict === "request_changes" && findings.length === 0) findings.push(`reviewer agent requested changes${verdict.summary ? `: ${oneLine(verdict.summary)}` : ""}`);
  const notes = verdict.findings.filter((f) => !blocking.includes(f)).map((f) => `\u2139\uFE0F ${formatFinding(f)}`);
  return { verdict, findings, notes };
}
function failedReviewer(problem) {
  return { verdict: null, findings: [`reviewer agent gave no valid verdict: ${oneLine(problem)}`], notes: [] };
}
function formatFinding(f) {
  const where = f.file ? ` \`${f.file}${f.line ? `:${f.line}` : ""}\`` : "";
  return `reviewer (${f.severity})${where}: ${oneLine(f.message)}`;
}
function describeIssues2(error2) {
  return error2.issues.map((i) => `${i.path.length > 0 ? i.path.join(".") : "(root)"}: ${i.message}`).join("; ");
}
function gatedLines(gated) {
  if (gated.length === 0) return [];
  return [`- \u26A0\uFE0F gated paths changed, merging needs a trusted \`/approve\`: ${gated.map((p) => `\`${p}\``).join(", ")}`];
}
var NEVER_MERGES = "This verdict never merges anything by itself: merging needs a trusted `/approve`.";
function reviewCheck(headSha, verdict, lines2, findings, backed, total) {
  const text = clip(lines2.join("\n"));
  const base = { name: REVIEW_CHECK_NAME, headSha, text };
  if (verdict === "PENDING") return { ...base, status: "in_progress", title: "Review pending", summary: "Waiting for checks on the head commit (or the reviewer agent) before judging." };
  if (verdict === "APPROVED") {
    return { ...base, status: "completed", conclusion: "success", title: `Approved: ${backed}/${total} criteria backed, tests green`, summary: `The PM review found nothing to change. ${NEVER_MERGES}` };
  }
  const summary = clip([`The PM review found ${findings.length} thing(s) to change; the worker gets them as feedback.`, "", ...findings.map((f) => `- ${f}`)].join("\n"));
  return { ...base, status: "completed", conclusion: "failure", title: `Changes requested: ${findings.length} finding(s)`, summary };
}
function scopeCheck(headSha, scope) {
  const gated = scope.gated.length > 0 ? `Gated paths changed (need a trusted \`/approve\`): ${scope.gated.map((p) => `\`${p}\``).join(", ")}.` : "";
  const base = { name: SCOPE_CHECK_NAME, headSha, status: "completed", text: "" };
  if (scope.outOfScope.length > 0) {
    const annotations = scope.outOfScope.map((path) => ({ path, startLine: 1, endLine: 1, level: "failure", title: "Outside scope", message: `${path} is outside the work item's scope.` }));
    const summary = clip([`${scope.outOfScope.length} file(s) outside the item's scope; a pull request with files outside scope is never queued.`, gated].filter((s) => s).join("\n\n"));
    return { ...base, conclusion: "failure", title: `${scope.outOfScope.length} file(s) outside scope`, summary, annotations };
  }
  if (gated) return { ...base, conclusion: "neutral", title: "In scope; gated paths need a trusted /approve", summary: clip(gated), annotations: [] };
  return { ...base, conclusion: "success", title: "All changed files are in scope", summary: "Every changed file is within the item's scope.", annotations: [] };
}
function reviewBody(headSha, verdict, lines2) {
  const head = verdict === "APPROVED" ? "\u2705 APPROVED" : "\u274C CHANGES REQUESTED";
  return clip([`### PM review: ${head} for \`${headSha.slice(0, 7)}\``, "", ...lines2, "", `_${NEVER_MERGES}_`].join("\n"));
}
function normalize(s) {
  return s.trim().replace(/\s+/g, " ").toLowerCase();
}
function oneLine(s) {
  return s.replace(/\s+/g, " ").trim();
}
function clip(text) {
  if (text.length <= CHECK_TEXT_LIMIT) return text;
  const note = "\n\n\u2026 (truncated)";
  return text.slice(0, CHECK_TEXT_LIMIT - note.length) + note;
}

// src/app/review.ts
var OWN_CHECK_PREFIX2 = "orchestrator/";
function reviewMarker(headSha, verdict) {
  return `<!-- orchestrator:review head=${headSha} verdict=${verdict} -->`;
}
async function reviewPullRequestNumber(session, number, options = {}) {
  const pr = await session.port.getPullRequest(number);
  if (!pr || pr.state !== "open") return null;
  const link = await findItemForPullRequest(session, pr);
  if (!link || !isWorkerPullRequest(link, pr)) return null;
  if (link.item.state.merged || link.item.state.status === "done") return null;
  return reviewLinked(session, pr, link, options);
}
async function reviewHead(session, headSha, prNumbers, options = {}) {
  const numbers = prNumbers.length > 0 ? [...prNumbers] : (await session.port.listOpenPullRequests()).filter((p) => p.headSha === headSha).map((p) => p.number);
  const runs = [];
  for (const number of new Set(numbers)) {
    const run = await reviewPullRequestNumber(session, number, options);
    if (run) runs.push(run);
  }
  return runs;
}
function isWorkerPullRequest(link, pr) {
  return link.recorded || link.workerBranch && pr.author.type === "Bot";
}
async function reviewLinked(session, pr, link, options) {
  const { port, config } = session;
  const item = link.item;
  const runs = await port.listCheckRuns(pr.headSha);
  const statuses = await port.listCommitStatuses(pr.headSha);
  const files = await port.listPullRequestFiles(pr.number);
  const parsed = parseIssue({ title: item.issue.title, body: item.issue.body, labels: item.issue.labels }, config);
  const globs = parsed.scope.length > 0 ? parsed.scope : config.scope.default;
  const scope = checkScope(files, globs, config.autonomy.gate, config.autonomy.max_deleted_files);
  const input = {
    headSha: pr.headSha,
    checks: testChecks(runs, statuses, options.appSlug),
    requiredChecks: config.merge.required_checks,
    acceptanceCriteria: parsed.acceptanceCriteria,
    evidence: evidenceFromBody(pr.body, parsed.acceptanceCriteria),
    scope: { outOfScope: scope.outOfScope, gated: scope.gated },
    ...options.appSlug ? { appSlug: options.appSlug } : {}
  };
  let result = reviewPullRequest(input);
  let current = item;
  if (config.review.agent && result.verdict === "APPROVED") {
    const reviewer = await reviewerInput(session, item, pr);
    current = reviewer.item;
    result = reviewPullRequest({ ...input, ...reviewer.input });
  }
  await postChecks(session, result, runs, options);
  if (result.review) {
    const marker = reviewMarker(pr.headSha, result.verdict);
    await port.ensureReview(pr.number, { commitId: pr.headSha, event: result.review.event, body: `${marker}
${result.review.body}`, marker });
  }
  const redispatched = await recordVerdict(session, current, pr, link.recorded, result, scope);
  session.log.info({ pr: pr.number, issue: item.issue.number, head: pr.headSha, verdict: result.verdict, redispatched }, "pull request reviewed");
  return { pr: pr.number, issue: item.issue.number, headSha: pr.headSha, verdict: result.verdict, redispatched };
}
async function reviewerInput(session, item, pr) {
  const comment = await session.port.findComment(pr.number, reviewerVerdictMarker(pr.headSha));
  if (comment) {
    const decoded = decodeReviewerVerdictBlock(comment.body);
    if (decoded.kind === "absent") return { input: { reviewerProblem: "the reviewer's comment carries no verdict block" }, item };
    if (decoded.kind === "invalid") return { input: { reviewerProblem: decoded.reason }, item };
    const { block } = decoded;
    if (block.problem !== void 0) return { input: { reviewerProblem: block.problem }, item };
    if (block.verdict === void 0) return { input: { reviewerProblem: "the reviewer's comment carries no verdict" }, item };
    return { input: { reviewerVerdict: block.verdict }, item };
  }
  const run = item.state.reviewRuns.find((r) => r.headSha === pr.headSha);
  if (run?.failure !== void 0) return { input: { reviewerProblem: run.failure }, item };
  if (run || item.issue.labels.includes(session.config.labels.hold)) return { input: { reviewerExpected: true }, item };
  const dispatched = await dispatchReviewer(session, item, pr);
  return { input: dispatched.failure !== void 0 ? { reviewerProblem: dispatched.failure } : { reviewerExpected: true }, item: dispatched.item };
}
async function dispatchReviewer(session, item, pr) {
  const { port, config } = session;
  const agent = config.review.agent;
  const record = { headSha: pr.headSha, pr: pr.number, dispatchedAt: session.now() };
  const saved = await saveItem(session, item, { ...item.state, reviewRuns: [...item.state.reviewRuns, record] });
  const ref = await port.getDefaultBranch();
  const inputs = { issue: String(item.issue.number), mode: "review", pr: String(pr.number), head: pr.headSha, agent: agent?.name ?? config.agent.name };
  const result = await port.dispatchWorkflow(config.worker.workflow, ref, inputs);
  if (result.ok) {
    session.log.info({ issue: item.issue.number, pr: pr.number, head: pr.headSha, agent: inputs.agent }, "reviewer dispatched");
    return { item: saved };
  }
  const failure = result.status === 404 ? `the worker workflow \`.github/workflows/${config.worker.workflow}\` was not found on \`${ref}\`, so the reviewer could not run` : `GitHub refused to dispatch the reviewer run of \`${config.worker.workflow}\` (${result.message}); its \`workflow_dispatch\` needs the inputs \`mode\`, \`pr\`, \`head\` and \`agent\` (see docs/worker.md)`;
  session.log.warn({ issue: item.issue.number, pr: pr.number, status: result.status }, "reviewer dispatch refused");
  const failed = await saveItem(session, saved, { ...saved.state, reviewRuns: withRunFailure(saved.state.reviewRuns, pr.headSha, failure) });
  return { item: failed, failure };
}
function withRunFailure(runs, headSha, failure) {
  return runs.map((r) => r.headSha === headSha ? { ...r, failure } : r);
}
async function handleReviewerRunCompleted(session, run, options = {}) {
  if (run.status !== "completed" || !run.path.endsWith(`/${session.config.worker.workflow}`)) return false;
  const ids = parseReviewRunTitle(run.displayTitle);
  if (!ids) return false;
  const item = await loadItem(session, ids.issue);
  const record = item?.state.reviewRuns.find((r) => r.pr === ids.pr && r.headSha.startsWith(ids.headSha));
  if (!item || !record || record.failure !== void 0) return false;
  if (await session.port.findComment(ids.pr, reviewerVerdictMarker(record.headSha))) return false;
  const failure = `the reviewer run ended ${run.conclusion ?? "without a conclusion"} without posting a verdict ([run](${run.htmlUrl}))`;
  await saveItem(session, item, { ...item.state, reviewRuns: withRunFailure(item.state.reviewRuns, record.headSha, failure) });
  session.log.warn({ issue: ids.issue, pr: ids.pr, head: record.headSha, conclusion: run.conclusion }, "reviewer run ended without a verdict");
  await reviewPullRequestNumber(session, ids.pr, options);
  return true;
}
function testChecks(runs, statuses, appSlug) {
  const ours = (run) => run.name.startsWith(OWN_CHECK_PREFIX2) && (appSlug === void 0 || run.appSlug === appSlug);
  const fromRuns = runs.filter((r) => !ours(r)).map((r) => ({ name: r.name, status: r.status, conclusion: r.conclusion, appSlug: r.appSlug }));
  const fromStatuses = statuses.map((s) => ({
    name: s.context,
    status: s.state === "pending" ? "in_progress" : "completed",
    conclusion: s.state === "pending" ? null : s.state === "success" ? "success" : "failure",
    appSlug: null
  }));
  return [...fromRuns, ...fromStatuses];
}
async function postChecks(session, result, runs, options) {
  const mine = (name) => runs.find((r) => r.name === name && (options.appSlug === void 0 || r.appSlug === options.appSlug));
  const existing = mine(result.reviewCheck.name);
  const pendingAlready = result.verdict === "PENDING" && existing !== void 0 && existing.status !== "completed";
  if (!pendingAlready) await session.port.upsertCheckRun(result.reviewCheck);
  await session.port.upsertCheckRun(result.scopeCheck);
}
async function recordVerdict(session, item, pr, recorded, result, scope) {
  const state = item.state;
  let next = state;
  if (result.verdict !== "PENDING") next = { ...next, reviews: withReview(state.reviews, { headSha: pr.headSha, verdict: result.verdict, at: session.now(), findings: result.findings }) };
  if (recorded && state.pr) next = { ...next, pr: { ...state.pr, headSha: pr.headSha, outOfScope: scope.outOfScope, gated: scope.gated } };
  const sendBack2 = result.verdict === "CHANGES_REQUESTED" && recorded && state.status === "in-review" && !item.issue.labels.includes(session.config.labels.hold);
  if (sendBack2) next = { ...next, feedback: result.findings };
  const saved = next === state ? item : await saveItem(session, item, next);
  if (!sendBack2) return false;
  return dispatchItem(session, saved.issue, "review");
}
function withReview(reviews, record) {
  const same = reviews.find((r) => r.headSha === record.headSha);
  if (same && same.verdict === record.verdict && JSON.stringify(same.findings) === JSON.stringify(record.findings)) return [...reviews];
  return [...reviews.filter((r) => r.headSha !== record.headSha), record];
}
async function reviewItemPullRequest(session, issue, options = {}) {
  const item = await loadItem(session, issue);
  if (!item?.state.pr) return null;
  return reviewPullRequestNumber(session, item.state.pr.number, options);
}

// src/app/routes/review.ts
function registerReview(app, options) {
  const reviewOptions = options.appSlug ? { appSlug: options.appSlug } : {};
  app.on(["pull_request.opened", "pull_request.reopened", "pull_request.synchronize"], async (context) => {
    const pr = context.payload.pull_request;
    await inRepository(sourceOf(context), { kind: "commit", sha: pr.head.sha }, options, async (session) => {
      await reviewPullRequestNumber(session, pr.number, reviewOptions);
    });
  });
  app.on("check_run.completed", async (context) => {
    const run = context.payload.check_run;
    if (run.name.startsWith(OWN_CHECK_PREFIX2)) return;
    const prs = (run.pull_requests ?? []).map((p) => p.number);
    await inRepository(sourceOf(context), { kind: "none" }, options, async (session) => {
      await reviewHead(session, run.head_sha, prs, reviewOptions);
    });
  });
  app.on("check_suite.completed", async (context) => {
    const suite = context.payload.check_suite;
    if (options.appSlug && suite.app?.slug === options.appSlug) return;
    const prs = (suite.pull_requests ?? []).map((p) => p.number);
    await inRepository(sourceOf(context), { kind: "none" }, options, async (session) => {
      await reviewHead(session, suite.head_sha, prs, reviewOptions);
    });
  });
  app.on("issue_comment.created", async (context) => {
    const { comment, issue } = context.payload;
    if (comment.user?.type !== "Bot" || issue.pull_request || !comment.body?.includes("orchestrator:report ")) return;
    await inRepository(sourceOf(context), { kind: "issue", number: issue.number }, options, async (session) => {
      await reviewItemPullRequest(session, issue.number, reviewOptions);
    });
  });
  app.on("issue_comment.created", async (context) => {
    const { comment, issue } = context.payload;
    if (comment.user?.type !== "Bot" || !issue.pull_request || !comment.body?.includes(REVIEWER_VERDICT_TAG)) return;
    await inRepository(sourceOf(context), { kind: "none" }, options, async (session) => {
      await reviewPullRequestNumber(session, issue.number, reviewOptions);
    });
  });
  app.on("workflow_run.completed", async (context) => {
    const run = context.payload.workflow_run;
    const displayTitle = run.display_title ?? run.name ?? "";
    if (!parseReviewRunTitle(displayTitle)) return;
    await inRepository(sourceOf(context), { kind: "none" }, options, async (session) => {
      const facts = { path: run.path, displayTitle, status: run.status ?? "unknown", conclusion: run.conclusion ?? null, htmlUrl: run.html_url };
      await handleReviewerRunCompleted(session, facts, reviewOptions);
    });
  });
}

// src/index.ts
function createApp(options = {}) {
  return (app) => {
    registerIntake(app, options);
    registerMonitor(app, options);
    registerQueue(app, options);
    registerCommands(app, options);
    registerReview(app, options);
  };
}
var src_default = createApp();

// src/action/sweep.ts
async function sweepRepository(probot, repo, options) {
  const octokit = await probot.auth();
  const source = {
    octokit,
    repo,
    log: probot.log,
    config: configReaderFor(octokit, repo.owner, repo.repo)
  };
  await inRepository(source, { kind: "none" }, options, evaluateQueue);
}

// src/action/app-mode.ts
var SWEEP_EVENTS = /* @__PURE__ */ new Set(["schedule", "workflow_dispatch"]);
var WEBHOOK_NAME = { pull_request_target: "pull_request" };
var payloadSchema = external_exports.looseObject({ repository: external_exports.looseObject({}).optional() });
async function runAppMode(inputs, io) {
  const { env } = io;
  const [owner, repo, ...rest] = (env.GITHUB_REPOSITORY ?? "").split("/");
  if (!owner || !repo || rest.length > 0) return fail(io, `GITHUB_REPOSITORY must be owner/repo, got "${env.GITHUB_REPOSITORY ?? ""}"`);
  const eventName = env.GITHUB_EVENT_NAME;
  if (!eventName) return fail(io, "GITHUB_EVENT_NAME is not set (mode app runs inside a workflow run)");
  const probot = new Probot({
    githubToken: inputs["github-token"],
    baseUrl: (env.GITHUB_API_URL ?? "https://api.github.com").replace(/\/+$/, ""),
    logLevel: inputs["log-level"],
    Octokit: octokitFor(env)
  });
  const options = inputs["app-slug"] ? { appSlug: inputs["app-slug"] } : {};
  await probot.load(createApp(options));
  stopPeriodicEvaluations();
  try {
    if (SWEEP_EVENTS.has(eventName)) {
      await sweepRepository(probot, { owner, repo }, options);
      probot.log.info({ event: eventName, repository: `${owner}/${repo}` }, "sweep done");
      return 0;
    }
    const payload = await readPayload(env.GITHUB_EVENT_PATH);
    if (typeof payload === "string") return fail(io, payload);
    const name = WEBHOOK_NAME[eventName] ?? eventName;
    const id = `${env.GITHUB_RUN_ID ?? "local"}.${env.GITHUB_RUN_ATTEMPT ?? "1"}`;
    await probot.receive({ id, name, payload });
    probot.log.info({ event: name, action: payload.action, id }, "event handled");
    return 0;
  } catch (error2) {
    const errors = error2 instanceof AggregateError ? error2.errors : [error2];
    for (const err of errors) probot.log.error({ err }, `handling ${eventName} failed`);
    io.stderr(`orchestrator: handling ${eventName} failed: ${errors.map((e) => e instanceof Error ? e.message : String(e)).join("; ")}`);
    return 1;
  }
}
function fail(io, message) {
  io.stderr(`orchestrator: ${message}`);
  return 2;
}
async function readPayload(file) {
  if (!file) return "GITHUB_EVENT_PATH is not set";
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (error2) {
    return `cannot read the event payload ${file}: ${error2.message}`;
  }
  let json;
  try {
    json = JSON.parse(text);
  } catch (error2) {
    return `the event payload ${file} is not JSON: ${error2.message}`;
  }
  const parsed = payloadSchema.safeParse(json);
  return parsed.success ? parsed.data : `the event payload ${file} is not a webhook payload (a JSON object)`;
}
function octokitFor(env) {
  const flag = env.ORCHESTRATOR_THROTTLE?.toLowerCase();
  if (flag !== "off" && flag !== "0" && flag !== "false") return ProbotOctokit;
  return ProbotOctokit.defaults((instance) => ({
    ...instance,
    retry: { enabled: false },
    throttle: { ...instance.throttle, enabled: false }
  }));
}

// src/action/main.ts
async function runAction(io) {
  const read = readInputs(io.env);
  if (!read.ok) {
    io.stderr(`orchestrator: ${read.error}`);
    return 2;
  }
  const { inputs } = read;
  if (inputs.mode === "app") return runAppMode(inputs, io);
  const env = { ...io.env, GITHUB_TOKEN: inputs["github-token"] };
  return main(cliArguments(inputs), { ...io, env });
}
function cliArguments(inputs) {
  const args = [inputs.mode];
  const add = (flag, value) => {
    if (value !== void 0) args.push(`--${flag}`, value);
  };
  add("issue", inputs.issue);
  if (inputs.mode === "worker") add("attempt", inputs.attempt);
  if (inputs.mode === "review") {
    add("pr", inputs.pr);
    add("head", inputs.head);
  }
  add("workspace", inputs.workspace);
  return args;
}

// src/action/index.ts
runAction({ env: process.env, stderr: (line) => process.stderr.write(`${line}
`), cwd: process.env.GITHUB_WORKSPACE ?? process.cwd() }).then((code) => {
  process.exitCode = code;
}).catch((error2) => {
  process.stderr.write(`orchestrator: ${error2 instanceof Error ? error2.stack ?? error2.message : String(error2)}
`);
  process.exitCode = 2;
});
