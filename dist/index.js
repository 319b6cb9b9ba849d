import { createRequire as __orchestratorCreateRequire } from "node:module";
const require = __orchestratorCreateRequire(import.meta.url);
import {
  CHECKS_MISSING_MARKER,
  COMMAND_USAGE,
  CONFIG_ERROR_MARKER,
  EPIC_SUMMARY_MARKER,
  FORM_FIELD_LABELS,
  GITHUB_COMMENT_LIMIT,
  LANDED_MARKER,
  MAX_COMMANDS_PER_COMMENT,
  PM_HANDOFF_TAG_TEXT,
  Probot,
  REPORT_TAG_TEXT,
  REVIEWER_VERDICT_TAG,
  RUN_FAILURE_MARKER,
  ResilientOctokit,
  STAGING_BRANCH,
  STAGING_BUILD_BRANCH,
  STATE_BLOCK_OPENING,
  STATUSES,
  STATUS_MARKER,
  TRACKS,
  VERIFICATION_MARKER,
  VERIFY_RUN_TAG,
  __commonJS,
  __require,
  __toESM,
  acceptDraft,
  allStatusLabels,
  approvalCovers,
  approvalDigest,
  approvedTextFor,
  attemptOverTime,
  bindApproval,
  boundComment,
  boundWithTrailingBlock,
  checkDispatchBudget,
  checkScope,
  closingRefs,
  comparePriority,
  compareRefs,
  configReaderFor,
  conflictMarker,
  createOctokitPort,
  cyclesThrough,
  daySpendUsd,
  decideEdit,
  decideRefine,
  decodeBatchBlock,
  decodePmHandoffBlock,
  decodeReviewerVerdictBlock,
  decodeStateBlock,
  decodeTddEvidenceBlock,
  decodeVerifyRunBlock,
  decodeWorkerReport,
  defaultBranchOf,
  describeSpend,
  ejectMarker,
  emptyItemState,
  encodeBatchBlock,
  encodeStateBlock,
  estimateAttemptUsd,
  evidenceFromBody,
  external_exports,
  findCycles,
  formatCommand,
  formatCycle,
  freshTest,
  gateWindowStart,
  hotfixFeedback,
  isAnswerText,
  isCommandError,
  issueOfBranch,
  itemSpend,
  itemStateSchema,
  judgeVerification,
  labelCatalog,
  landingOrder,
  loadConfigAt,
  main,
  mayStackOn,
  normalizeRef,
  overLimit,
  parseCommands,
  parseIssue,
  parsePlanChildMarker,
  parsePmRunTitle,
  parseRef,
  parseReviewRunTitle,
  parseRunTitle,
  parseVerifyRunTitle,
  parseWorkItem,
  parseYamlBounded,
  planChildMarker,
  planHandoffSchema,
  pmHandoffMarker,
  pmQuestionsMarker,
  refineBasis,
  refineEligible,
  refineHold,
  refineRunFailed,
  refineSettled,
  renderConfigProblems,
  renderVerification,
  replaceAttempt,
  replyMarker,
  reportMarker,
  reviewMarker,
  reviewReplyMarker,
  reviewerVerdictMarker,
  reviewerVerdictSchema,
  runTitle,
  statusFromLabels,
  statusLabel,
  tddFindings,
  timeKey,
  trackLabelsPresent,
  truncateEnd,
  utcDay,
  verificationLines,
  verifyRunMarker,
  voidedMarker,
  withoutDependents
} from "./chunk-F35CUCPO.js";

// node_modules/@ioredis/commands/built/commands.json
var require_commands = __commonJS({
  "node_modules/@ioredis/commands/built/commands.json"(exports, module) {
    module.exports = {
      acl: {
        arity: -2,
        flags: [],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      append: {
        arity: 3,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      asking: {
        arity: 1,
        flags: [
          "fast"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      auth: {
        arity: -2,
        flags: [
          "noscript",
          "loading",
          "stale",
          "fast",
          "no_auth",
          "allow_busy"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      bgrewriteaof: {
        arity: 1,
        flags: [
          "admin",
          "noscript",
          "no_async_loading"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      bgsave: {
        arity: -1,
        flags: [
          "admin",
          "noscript",
          "no_async_loading"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      bitcount: {
        arity: -2,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      bitfield: {
        arity: -2,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      bitfield_ro: {
        arity: -2,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      bitop: {
        arity: -4,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 2,
        keyStop: -1,
        step: 1
      },
      bitpos: {
        arity: -3,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      blmove: {
        arity: 6,
        flags: [
          "write",
          "denyoom",
          "noscript",
          "blocking"
        ],
        keyStart: 1,
        keyStop: 2,
        step: 1
      },
      blmpop: {
        arity: -5,
        flags: [
          "write",
          "blocking",
          "movablekeys"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      blpop: {
        arity: -3,
        flags: [
          "write",
          "noscript",
          "blocking"
        ],
        keyStart: 1,
        keyStop: -2,
        step: 1
      },
      brpop: {
        arity: -3,
        flags: [
          "write",
          "noscript",
          "blocking"
        ],
        keyStart: 1,
        keyStop: -2,
        step: 1
      },
      brpoplpush: {
        arity: 4,
        flags: [
          "write",
          "denyoom",
          "noscript",
          "blocking"
        ],
        keyStart: 1,
        keyStop: 2,
        step: 1
      },
      bzmpop: {
        arity: -5,
        flags: [
          "write",
          "blocking",
          "movablekeys"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      bzpopmax: {
        arity: -3,
        flags: [
          "write",
          "noscript",
          "blocking",
          "fast"
        ],
        keyStart: 1,
        keyStop: -2,
        step: 1
      },
      bzpopmin: {
        arity: -3,
        flags: [
          "write",
          "noscript",
          "blocking",
          "fast"
        ],
        keyStart: 1,
        keyStop: -2,
        step: 1
      },
      client: {
        arity: -2,
        flags: [],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      cluster: {
        arity: -2,
        flags: [],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      command: {
        arity: -1,
        flags: [
          "loading",
          "stale"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      config: {
        arity: -2,
        flags: [],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      copy: {
        arity: -3,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: 2,
        step: 1
      },
      dbsize: {
        arity: 1,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      debug: {
        arity: -2,
        flags: [
          "admin",
          "noscript",
          "loading",
          "stale"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      decr: {
        arity: 2,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      decrby: {
        arity: 3,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      del: {
        arity: -2,
        flags: [
          "write"
        ],
        keyStart: 1,
        keyStop: -1,
        step: 1
      },
      discard: {
        arity: 1,
        flags: [
          "noscript",
          "loading",
          "stale",
          "fast",
          "allow_busy"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      dump: {
        arity: 2,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      echo: {
        arity: 2,
        flags: [
          "fast"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      eval: {
        arity: -3,
        flags: [
          "noscript",
          "stale",
          "skip_monitor",
          "no_mandatory_keys",
          "movablekeys"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      eval_ro: {
        arity: -3,
        flags: [
          "readonly",
          "noscript",
          "stale",
          "skip_monitor",
          "no_mandatory_keys",
          "movablekeys"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      evalsha: {
        arity: -3,
        flags: [
          "noscript",
          "stale",
          "skip_monitor",
          "no_mandatory_keys",
          "movablekeys"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      evalsha_ro: {
        arity: -3,
        flags: [
          "readonly",
          "noscript",
          "stale",
          "skip_monitor",
          "no_mandatory_keys",
          "movablekeys"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      exec: {
        arity: 1,
        flags: [
          "noscript",
          "loading",
          "stale",
          "skip_slowlog"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      exists: {
        arity: -2,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: -1,
        step: 1
      },
      expire: {
        arity: -3,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      expireat: {
        arity: -3,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      expiretime: {
        arity: 2,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      failover: {
        arity: -1,
        flags: [
          "admin",
          "noscript",
          "stale"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      fcall: {
        arity: -3,
        flags: [
          "noscript",
          "stale",
          "skip_monitor",
          "no_mandatory_keys",
          "movablekeys"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      fcall_ro: {
        arity: -3,
        flags: [
          "readonly",
          "noscript",
          "stale",
          "skip_monitor",
          "no_mandatory_keys",
          "movablekeys"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      flushall: {
        arity: -1,
        flags: [
          "write"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      flushdb: {
        arity: -1,
        flags: [
          "write"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      function: {
        arity: -2,
        flags: [],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      geoadd: {
        arity: -5,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      geodist: {
        arity: -4,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      geohash: {
        arity: -2,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      geopos: {
        arity: -2,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      georadius: {
        arity: -6,
        flags: [
          "write",
          "denyoom",
          "movablekeys"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      georadius_ro: {
        arity: -6,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      georadiusbymember: {
        arity: -5,
        flags: [
          "write",
          "denyoom",
          "movablekeys"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      georadiusbymember_ro: {
        arity: -5,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      geosearch: {
        arity: -7,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      geosearchstore: {
        arity: -8,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: 2,
        step: 1
      },
      get: {
        arity: 2,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      getbit: {
        arity: 3,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      getdel: {
        arity: 2,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      getex: {
        arity: -2,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      getrange: {
        arity: 4,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      getset: {
        arity: 3,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      hdel: {
        arity: -3,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      hello: {
        arity: -1,
        flags: [
          "noscript",
          "loading",
          "stale",
          "fast",
          "no_auth",
          "allow_busy"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      hexists: {
        arity: 3,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      hexpire: {
        arity: -6,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      hpexpire: {
        arity: -6,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      hget: {
        arity: 3,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      hgetall: {
        arity: 2,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      hincrby: {
        arity: 4,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      hincrbyfloat: {
        arity: 4,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      hkeys: {
        arity: 2,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      hlen: {
        arity: 2,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      hmget: {
        arity: -3,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      hmset: {
        arity: -4,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      hrandfield: {
        arity: -2,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      hscan: {
        arity: -3,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      hset: {
        arity: -4,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      hsetnx: {
        arity: 4,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      hstrlen: {
        arity: 3,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      hvals: {
        arity: 2,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      incr: {
        arity: 2,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      incrby: {
        arity: 3,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      incrbyfloat: {
        arity: 3,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      info: {
        arity: -1,
        flags: [
          "loading",
          "stale"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      keys: {
        arity: 2,
        flags: [
          "readonly"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      lastsave: {
        arity: 1,
        flags: [
          "loading",
          "stale",
          "fast"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      latency: {
        arity: -2,
        flags: [],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      lcs: {
        arity: -3,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 2,
        step: 1
      },
      lindex: {
        arity: 3,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      linsert: {
        arity: 5,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      llen: {
        arity: 2,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      lmove: {
        arity: 5,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: 2,
        step: 1
      },
      lmpop: {
        arity: -4,
        flags: [
          "write",
          "movablekeys"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      lolwut: {
        arity: -1,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      lpop: {
        arity: -2,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      lpos: {
        arity: -3,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      lpush: {
        arity: -3,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      lpushx: {
        arity: -3,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      lrange: {
        arity: 4,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      lrem: {
        arity: 4,
        flags: [
          "write"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      lset: {
        arity: 4,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      ltrim: {
        arity: 4,
        flags: [
          "write"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      memory: {
        arity: -2,
        flags: [],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      mget: {
        arity: -2,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: -1,
        step: 1
      },
      migrate: {
        arity: -6,
        flags: [
          "write",
          "movablekeys"
        ],
        keyStart: 3,
        keyStop: 3,
        step: 1
      },
      module: {
        arity: -2,
        flags: [],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      monitor: {
        arity: 1,
        flags: [
          "admin",
          "noscript",
          "loading",
          "stale"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      move: {
        arity: 3,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      mset: {
        arity: -3,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: -1,
        step: 2
      },
      msetnx: {
        arity: -3,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: -1,
        step: 2
      },
      multi: {
        arity: 1,
        flags: [
          "noscript",
          "loading",
          "stale",
          "fast",
          "allow_busy"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      object: {
        arity: -2,
        flags: [],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      persist: {
        arity: 2,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      pexpire: {
        arity: -3,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      pexpireat: {
        arity: -3,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      pexpiretime: {
        arity: 2,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      pfadd: {
        arity: -2,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      pfcount: {
        arity: -2,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: -1,
        step: 1
      },
      pfdebug: {
        arity: 3,
        flags: [
          "write",
          "denyoom",
          "admin"
        ],
        keyStart: 2,
        keyStop: 2,
        step: 1
      },
      pfmerge: {
        arity: -2,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: -1,
        step: 1
      },
      pfselftest: {
        arity: 1,
        flags: [
          "admin"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      ping: {
        arity: -1,
        flags: [
          "fast"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      psetex: {
        arity: 4,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      psubscribe: {
        arity: -2,
        flags: [
          "pubsub",
          "noscript",
          "loading",
          "stale"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      psync: {
        arity: -3,
        flags: [
          "admin",
          "noscript",
          "no_async_loading",
          "no_multi"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      pttl: {
        arity: 2,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      publish: {
        arity: 3,
        flags: [
          "pubsub",
          "loading",
          "stale",
          "fast"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      pubsub: {
        arity: -2,
        flags: [],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      punsubscribe: {
        arity: -1,
        flags: [
          "pubsub",
          "noscript",
          "loading",
          "stale"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      quit: {
        arity: -1,
        flags: [
          "noscript",
          "loading",
          "stale",
          "fast",
          "no_auth",
          "allow_busy"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      randomkey: {
        arity: 1,
        flags: [
          "readonly"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      readonly: {
        arity: 1,
        flags: [
          "loading",
          "stale",
          "fast"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      readwrite: {
        arity: 1,
        flags: [
          "loading",
          "stale",
          "fast"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      rename: {
        arity: 3,
        flags: [
          "write"
        ],
        keyStart: 1,
        keyStop: 2,
        step: 1
      },
      renamenx: {
        arity: 3,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 2,
        step: 1
      },
      replconf: {
        arity: -1,
        flags: [
          "admin",
          "noscript",
          "loading",
          "stale",
          "allow_busy"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      replicaof: {
        arity: 3,
        flags: [
          "admin",
          "noscript",
          "stale",
          "no_async_loading"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      reset: {
        arity: 1,
        flags: [
          "noscript",
          "loading",
          "stale",
          "fast",
          "no_auth",
          "allow_busy"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      restore: {
        arity: -4,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      "restore-asking": {
        arity: -4,
        flags: [
          "write",
          "denyoom",
          "asking"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      role: {
        arity: 1,
        flags: [
          "noscript",
          "loading",
          "stale",
          "fast"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      rpop: {
        arity: -2,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      rpoplpush: {
        arity: 3,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: 2,
        step: 1
      },
      rpush: {
        arity: -3,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      rpushx: {
        arity: -3,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      sadd: {
        arity: -3,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      save: {
        arity: 1,
        flags: [
          "admin",
          "noscript",
          "no_async_loading",
          "no_multi"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      scan: {
        arity: -2,
        flags: [
          "readonly"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      scard: {
        arity: 2,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      script: {
        arity: -2,
        flags: [],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      sdiff: {
        arity: -2,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: -1,
        step: 1
      },
      sdiffstore: {
        arity: -3,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: -1,
        step: 1
      },
      select: {
        arity: 2,
        flags: [
          "loading",
          "stale",
          "fast"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      set: {
        arity: -3,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      setbit: {
        arity: 4,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      setex: {
        arity: 4,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      setnx: {
        arity: 3,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      setrange: {
        arity: 4,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      shutdown: {
        arity: -1,
        flags: [
          "admin",
          "noscript",
          "loading",
          "stale",
          "no_multi",
          "allow_busy"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      sinter: {
        arity: -2,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: -1,
        step: 1
      },
      sintercard: {
        arity: -3,
        flags: [
          "readonly",
          "movablekeys"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      sinterstore: {
        arity: -3,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: -1,
        step: 1
      },
      sismember: {
        arity: 3,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      slaveof: {
        arity: 3,
        flags: [
          "admin",
          "noscript",
          "stale",
          "no_async_loading"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      slowlog: {
        arity: -2,
        flags: [],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      smembers: {
        arity: 2,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      smismember: {
        arity: -3,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      smove: {
        arity: 4,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 2,
        step: 1
      },
      sort: {
        arity: -2,
        flags: [
          "write",
          "denyoom",
          "movablekeys"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      sort_ro: {
        arity: -2,
        flags: [
          "readonly",
          "movablekeys"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      spop: {
        arity: -2,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      spublish: {
        arity: 3,
        flags: [
          "pubsub",
          "loading",
          "stale",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      srandmember: {
        arity: -2,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      srem: {
        arity: -3,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      sscan: {
        arity: -3,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      ssubscribe: {
        arity: -2,
        flags: [
          "pubsub",
          "noscript",
          "loading",
          "stale"
        ],
        keyStart: 1,
        keyStop: -1,
        step: 1
      },
      strlen: {
        arity: 2,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      subscribe: {
        arity: -2,
        flags: [
          "pubsub",
          "noscript",
          "loading",
          "stale"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      substr: {
        arity: 4,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      sunion: {
        arity: -2,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: -1,
        step: 1
      },
      sunionstore: {
        arity: -3,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: -1,
        step: 1
      },
      sunsubscribe: {
        arity: -1,
        flags: [
          "pubsub",
          "noscript",
          "loading",
          "stale"
        ],
        keyStart: 1,
        keyStop: -1,
        step: 1
      },
      swapdb: {
        arity: 3,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      sync: {
        arity: 1,
        flags: [
          "admin",
          "noscript",
          "no_async_loading",
          "no_multi"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      time: {
        arity: 1,
        flags: [
          "loading",
          "stale",
          "fast"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      touch: {
        arity: -2,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: -1,
        step: 1
      },
      ttl: {
        arity: 2,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      type: {
        arity: 2,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      unlink: {
        arity: -2,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: -1,
        step: 1
      },
      unsubscribe: {
        arity: -1,
        flags: [
          "pubsub",
          "noscript",
          "loading",
          "stale"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      unwatch: {
        arity: 1,
        flags: [
          "noscript",
          "loading",
          "stale",
          "fast",
          "allow_busy"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      wait: {
        arity: 3,
        flags: [
          "noscript"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      watch: {
        arity: -2,
        flags: [
          "noscript",
          "loading",
          "stale",
          "fast",
          "allow_busy"
        ],
        keyStart: 1,
        keyStop: -1,
        step: 1
      },
      xack: {
        arity: -4,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      xadd: {
        arity: -5,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      xautoclaim: {
        arity: -6,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      xclaim: {
        arity: -6,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      xdel: {
        arity: -3,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      xdelex: {
        arity: -5,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      xgroup: {
        arity: -2,
        flags: [],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      xinfo: {
        arity: -2,
        flags: [],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      xlen: {
        arity: 2,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      xpending: {
        arity: -3,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      xrange: {
        arity: -4,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      xread: {
        arity: -4,
        flags: [
          "readonly",
          "blocking",
          "movablekeys"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      xreadgroup: {
        arity: -7,
        flags: [
          "write",
          "blocking",
          "movablekeys"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      xrevrange: {
        arity: -4,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      xsetid: {
        arity: -3,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      xtrim: {
        arity: -4,
        flags: [
          "write"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zadd: {
        arity: -4,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zcard: {
        arity: 2,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zcount: {
        arity: 4,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zdiff: {
        arity: -3,
        flags: [
          "readonly",
          "movablekeys"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      zdiffstore: {
        arity: -4,
        flags: [
          "write",
          "denyoom",
          "movablekeys"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zincrby: {
        arity: 4,
        flags: [
          "write",
          "denyoom",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zinter: {
        arity: -3,
        flags: [
          "readonly",
          "movablekeys"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      zintercard: {
        arity: -3,
        flags: [
          "readonly",
          "movablekeys"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      zinterstore: {
        arity: -4,
        flags: [
          "write",
          "denyoom",
          "movablekeys"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zlexcount: {
        arity: 4,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zmpop: {
        arity: -4,
        flags: [
          "write",
          "movablekeys"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      zmscore: {
        arity: -3,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zpopmax: {
        arity: -2,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zpopmin: {
        arity: -2,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zrandmember: {
        arity: -2,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zrange: {
        arity: -4,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zrangebylex: {
        arity: -4,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zrangebyscore: {
        arity: -4,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zrangestore: {
        arity: -5,
        flags: [
          "write",
          "denyoom"
        ],
        keyStart: 1,
        keyStop: 2,
        step: 1
      },
      zrank: {
        arity: 3,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zrem: {
        arity: -3,
        flags: [
          "write",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zremrangebylex: {
        arity: 4,
        flags: [
          "write"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zremrangebyrank: {
        arity: 4,
        flags: [
          "write"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zremrangebyscore: {
        arity: 4,
        flags: [
          "write"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zrevrange: {
        arity: -4,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zrevrangebylex: {
        arity: -4,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zrevrangebyscore: {
        arity: -4,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zrevrank: {
        arity: 3,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zscan: {
        arity: -3,
        flags: [
          "readonly"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zscore: {
        arity: 3,
        flags: [
          "readonly",
          "fast"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      },
      zunion: {
        arity: -3,
        flags: [
          "readonly",
          "movablekeys"
        ],
        keyStart: 0,
        keyStop: 0,
        step: 0
      },
      zunionstore: {
        arity: -4,
        flags: [
          "write",
          "denyoom",
          "movablekeys"
        ],
        keyStart: 1,
        keyStop: 1,
        step: 1
      }
    };
  }
});

// node_modules/@ioredis/commands/built/index.js
var require_built = __commonJS({
  "node_modules/@ioredis/commands/built/index.js"(exports) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.getKeyIndexes = exports.hasFlag = exports.exists = exports.list = void 0;
    var commands_json_1 = __importDefault(require_commands());
    exports.list = Object.keys(commands_json_1.default);
    var flags = {};
    exports.list.forEach((commandName) => {
      flags[commandName] = commands_json_1.default[commandName].flags.reduce(function(flags2, flag) {
        flags2[flag] = true;
        return flags2;
      }, {});
    });
    function exists(commandName, options) {
      commandName = (options === null || options === void 0 ? void 0 : options.caseInsensitive) ? String(commandName).toLowerCase() : commandName;
      return Boolean(commands_json_1.default[commandName]);
    }
    exports.exists = exists;
    function hasFlag(commandName, flag, options) {
      commandName = (options === null || options === void 0 ? void 0 : options.nameCaseInsensitive) ? String(commandName).toLowerCase() : commandName;
      if (!flags[commandName]) {
        throw new Error("Unknown command " + commandName);
      }
      return Boolean(flags[commandName][flag]);
    }
    exports.hasFlag = hasFlag;
    function getKeyIndexes(commandName, args, options) {
      commandName = (options === null || options === void 0 ? void 0 : options.nameCaseInsensitive) ? String(commandName).toLowerCase() : commandName;
      const command = commands_json_1.default[commandName];
      if (!command) {
        throw new Error("Unknown command " + commandName);
      }
      if (!Array.isArray(args)) {
        throw new Error("Expect args to be an array");
      }
      const keys = [];
      const parseExternalKey = Boolean(options && options.parseExternalKey);
      const takeDynamicKeys = (args2, startIndex) => {
        const keys2 = [];
        const keyStop = Number(args2[startIndex]);
        for (let i = 0; i < keyStop; i++) {
          keys2.push(i + startIndex + 1);
        }
        return keys2;
      };
      const takeKeyAfterToken = (args2, startIndex, token) => {
        for (let i = startIndex; i < args2.length - 1; i += 1) {
          if (String(args2[i]).toLowerCase() === token.toLowerCase()) {
            return i + 1;
          }
        }
        return null;
      };
      switch (commandName) {
        case "zunionstore":
        case "zinterstore":
        case "zdiffstore":
          keys.push(0, ...takeDynamicKeys(args, 1));
          break;
        case "eval":
        case "evalsha":
        case "eval_ro":
        case "evalsha_ro":
        case "fcall":
        case "fcall_ro":
        case "blmpop":
        case "bzmpop":
          keys.push(...takeDynamicKeys(args, 1));
          break;
        case "sintercard":
        case "lmpop":
        case "zunion":
        case "zinter":
        case "zmpop":
        case "zintercard":
        case "zdiff": {
          keys.push(...takeDynamicKeys(args, 0));
          break;
        }
        case "georadius": {
          keys.push(0);
          const storeKey = takeKeyAfterToken(args, 5, "STORE");
          if (storeKey)
            keys.push(storeKey);
          const distKey = takeKeyAfterToken(args, 5, "STOREDIST");
          if (distKey)
            keys.push(distKey);
          break;
        }
        case "georadiusbymember": {
          keys.push(0);
          const storeKey = takeKeyAfterToken(args, 4, "STORE");
          if (storeKey)
            keys.push(storeKey);
          const distKey = takeKeyAfterToken(args, 4, "STOREDIST");
          if (distKey)
            keys.push(distKey);
          break;
        }
        case "sort":
        case "sort_ro":
          keys.push(0);
          for (let i = 1; i < args.length - 1; i++) {
            let arg = args[i];
            if (typeof arg !== "string") {
              continue;
            }
            const directive = arg.toUpperCase();
            if (directive === "GET") {
              i += 1;
              arg = args[i];
              if (arg !== "#") {
                if (parseExternalKey) {
                  keys.push([i, getExternalKeyNameLength(arg)]);
                } else {
                  keys.push(i);
                }
              }
            } else if (directive === "BY") {
              i += 1;
              if (parseExternalKey) {
                keys.push([i, getExternalKeyNameLength(args[i])]);
              } else {
                keys.push(i);
              }
            } else if (directive === "STORE") {
              i += 1;
              keys.push(i);
            }
          }
          break;
        case "migrate":
          if (args[2] === "") {
            for (let i = 5; i < args.length - 1; i++) {
              const arg = args[i];
              if (typeof arg === "string" && arg.toUpperCase() === "KEYS") {
                for (let j = i + 1; j < args.length; j++) {
                  keys.push(j);
                }
                break;
              }
            }
          } else {
            keys.push(2);
          }
          break;
        case "xreadgroup":
        case "xread":
          for (let i = commandName === "xread" ? 0 : 3; i < args.length - 1; i++) {
            if (String(args[i]).toUpperCase() === "STREAMS") {
              for (let j = i + 1; j <= i + (args.length - 1 - i) / 2; j++) {
                keys.push(j);
              }
              break;
            }
          }
          break;
        default:
          if (command.step > 0) {
            const keyStart = command.keyStart - 1;
            const keyStop = command.keyStop > 0 ? command.keyStop : args.length + command.keyStop + 1;
            for (let i = keyStart; i < keyStop; i += command.step) {
              keys.push(i);
            }
          }
          break;
      }
      return keys;
    }
    exports.getKeyIndexes = getKeyIndexes;
    function getExternalKeyNameLength(key) {
      if (typeof key !== "string") {
        key = String(key);
      }
      const hashPos = key.indexOf("->");
      return hashPos === -1 ? key.length : hashPos;
    }
  }
});

// node_modules/standard-as-callback/built/utils.js
var require_utils = __commonJS({
  "node_modules/standard-as-callback/built/utils.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.tryCatch = exports.errorObj = void 0;
    exports.errorObj = { e: {} };
    var tryCatchTarget;
    function tryCatcher(err, val) {
      try {
        const target = tryCatchTarget;
        tryCatchTarget = null;
        return target.apply(this, arguments);
      } catch (e) {
        exports.errorObj.e = e;
        return exports.errorObj;
      }
    }
    function tryCatch(fn) {
      tryCatchTarget = fn;
      return tryCatcher;
    }
    exports.tryCatch = tryCatch;
  }
});

// node_modules/standard-as-callback/built/index.js
var require_built2 = __commonJS({
  "node_modules/standard-as-callback/built/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var utils_1 = require_utils();
    function throwLater(e) {
      setTimeout(function() {
        throw e;
      }, 0);
    }
    function asCallback(promise, nodeback, options) {
      if (typeof nodeback === "function") {
        promise.then((val) => {
          let ret;
          if (options !== void 0 && Object(options).spread && Array.isArray(val)) {
            ret = utils_1.tryCatch(nodeback).apply(void 0, [null].concat(val));
          } else {
            ret = val === void 0 ? utils_1.tryCatch(nodeback)(null) : utils_1.tryCatch(nodeback)(null, val);
          }
          if (ret === utils_1.errorObj) {
            throwLater(ret.e);
          }
        }, (cause) => {
          if (!cause) {
            const newReason = new Error(cause + "");
            Object.assign(newReason, { cause });
            cause = newReason;
          }
          const ret = utils_1.tryCatch(nodeback)(cause);
          if (ret === utils_1.errorObj) {
            throwLater(ret.e);
          }
        });
      }
      return promise;
    }
    exports.default = asCallback;
  }
});

// node_modules/redis-errors/lib/old.js
var require_old = __commonJS({
  "node_modules/redis-errors/lib/old.js"(exports, module) {
    "use strict";
    var assert = __require("assert");
    var util = __require("util");
    function RedisError(message) {
      Object.defineProperty(this, "message", {
        value: message || "",
        configurable: true,
        writable: true
      });
      Error.captureStackTrace(this, this.constructor);
    }
    util.inherits(RedisError, Error);
    Object.defineProperty(RedisError.prototype, "name", {
      value: "RedisError",
      configurable: true,
      writable: true
    });
    function ParserError(message, buffer, offset) {
      assert(buffer);
      assert.strictEqual(typeof offset, "number");
      Object.defineProperty(this, "message", {
        value: message || "",
        configurable: true,
        writable: true
      });
      const tmp = Error.stackTraceLimit;
      Error.stackTraceLimit = 2;
      Error.captureStackTrace(this, this.constructor);
      Error.stackTraceLimit = tmp;
      this.offset = offset;
      this.buffer = buffer;
    }
    util.inherits(ParserError, RedisError);
    Object.defineProperty(ParserError.prototype, "name", {
      value: "ParserError",
      configurable: true,
      writable: true
    });
    function ReplyError(message) {
      Object.defineProperty(this, "message", {
        value: message || "",
        configurable: true,
        writable: true
      });
      const tmp = Error.stackTraceLimit;
      Error.stackTraceLimit = 2;
      Error.captureStackTrace(this, this.constructor);
      Error.stackTraceLimit = tmp;
    }
    util.inherits(ReplyError, RedisError);
    Object.defineProperty(ReplyError.prototype, "name", {
      value: "ReplyError",
      configurable: true,
      writable: true
    });
    function AbortError(message) {
      Object.defineProperty(this, "message", {
        value: message || "",
        configurable: true,
        writable: true
      });
      Error.captureStackTrace(this, this.constructor);
    }
    util.inherits(AbortError, RedisError);
    Object.defineProperty(AbortError.prototype, "name", {
      value: "AbortError",
      configurable: true,
      writable: true
    });
    function InterruptError(message) {
      Object.defineProperty(this, "message", {
        value: message || "",
        configurable: true,
        writable: true
      });
      Error.captureStackTrace(this, this.constructor);
    }
    util.inherits(InterruptError, AbortError);
    Object.defineProperty(InterruptError.prototype, "name", {
      value: "InterruptError",
      configurable: true,
      writable: true
    });
    module.exports = {
      RedisError,
      ParserError,
      ReplyError,
      AbortError,
      InterruptError
    };
  }
});

// node_modules/redis-errors/lib/modern.js
var require_modern = __commonJS({
  "node_modules/redis-errors/lib/modern.js"(exports, module) {
    "use strict";
    var assert = __require("assert");
    var RedisError = class extends Error {
      get name() {
        return this.constructor.name;
      }
    };
    var ParserError = class extends RedisError {
      constructor(message, buffer, offset) {
        assert(buffer);
        assert.strictEqual(typeof offset, "number");
        const tmp = Error.stackTraceLimit;
        Error.stackTraceLimit = 2;
        super(message);
        Error.stackTraceLimit = tmp;
        this.offset = offset;
        this.buffer = buffer;
      }
      get name() {
        return this.constructor.name;
      }
    };
    var ReplyError = class extends RedisError {
      constructor(message) {
        const tmp = Error.stackTraceLimit;
        Error.stackTraceLimit = 2;
        super(message);
        Error.stackTraceLimit = tmp;
      }
      get name() {
        return this.constructor.name;
      }
    };
    var AbortError = class extends RedisError {
      get name() {
        return this.constructor.name;
      }
    };
    var InterruptError = class extends AbortError {
      get name() {
        return this.constructor.name;
      }
    };
    module.exports = {
      RedisError,
      ParserError,
      ReplyError,
      AbortError,
      InterruptError
    };
  }
});

// node_modules/redis-errors/index.js
var require_redis_errors = __commonJS({
  "node_modules/redis-errors/index.js"(exports, module) {
    "use strict";
    var Errors = process.version.charCodeAt(1) < 55 && process.version.charCodeAt(2) === 46 ? require_old() : require_modern();
    module.exports = Errors;
  }
});

// node_modules/cluster-key-slot/lib/index.js
var require_lib = __commonJS({
  "node_modules/cluster-key-slot/lib/index.js"(exports, module) {
    var lookup = [
      0,
      4129,
      8258,
      12387,
      16516,
      20645,
      24774,
      28903,
      33032,
      37161,
      41290,
      45419,
      49548,
      53677,
      57806,
      61935,
      4657,
      528,
      12915,
      8786,
      21173,
      17044,
      29431,
      25302,
      37689,
      33560,
      45947,
      41818,
      54205,
      50076,
      62463,
      58334,
      9314,
      13379,
      1056,
      5121,
      25830,
      29895,
      17572,
      21637,
      42346,
      46411,
      34088,
      38153,
      58862,
      62927,
      50604,
      54669,
      13907,
      9842,
      5649,
      1584,
      30423,
      26358,
      22165,
      18100,
      46939,
      42874,
      38681,
      34616,
      63455,
      59390,
      55197,
      51132,
      18628,
      22757,
      26758,
      30887,
      2112,
      6241,
      10242,
      14371,
      51660,
      55789,
      59790,
      63919,
      35144,
      39273,
      43274,
      47403,
      23285,
      19156,
      31415,
      27286,
      6769,
      2640,
      14899,
      10770,
      56317,
      52188,
      64447,
      60318,
      39801,
      35672,
      47931,
      43802,
      27814,
      31879,
      19684,
      23749,
      11298,
      15363,
      3168,
      7233,
      60846,
      64911,
      52716,
      56781,
      44330,
      48395,
      36200,
      40265,
      32407,
      28342,
      24277,
      20212,
      15891,
      11826,
      7761,
      3696,
      65439,
      61374,
      57309,
      53244,
      48923,
      44858,
      40793,
      36728,
      37256,
      33193,
      45514,
      41451,
      53516,
      49453,
      61774,
      57711,
      4224,
      161,
      12482,
      8419,
      20484,
      16421,
      28742,
      24679,
      33721,
      37784,
      41979,
      46042,
      49981,
      54044,
      58239,
      62302,
      689,
      4752,
      8947,
      13010,
      16949,
      21012,
      25207,
      29270,
      46570,
      42443,
      38312,
      34185,
      62830,
      58703,
      54572,
      50445,
      13538,
      9411,
      5280,
      1153,
      29798,
      25671,
      21540,
      17413,
      42971,
      47098,
      34713,
      38840,
      59231,
      63358,
      50973,
      55100,
      9939,
      14066,
      1681,
      5808,
      26199,
      30326,
      17941,
      22068,
      55628,
      51565,
      63758,
      59695,
      39368,
      35305,
      47498,
      43435,
      22596,
      18533,
      30726,
      26663,
      6336,
      2273,
      14466,
      10403,
      52093,
      56156,
      60223,
      64286,
      35833,
      39896,
      43963,
      48026,
      19061,
      23124,
      27191,
      31254,
      2801,
      6864,
      10931,
      14994,
      64814,
      60687,
      56684,
      52557,
      48554,
      44427,
      40424,
      36297,
      31782,
      27655,
      23652,
      19525,
      15522,
      11395,
      7392,
      3265,
      61215,
      65342,
      53085,
      57212,
      44955,
      49082,
      36825,
      40952,
      28183,
      32310,
      20053,
      24180,
      11923,
      16050,
      3793,
      7920
    ];
    var toUTF8Array = function toUTF8Array2(str) {
      var char;
      var i = 0;
      var p = 0;
      var utf8 = [];
      var len = str.length;
      for (; i < len; i++) {
        char = str.charCodeAt(i);
        if (char < 128) {
          utf8[p++] = char;
        } else if (char < 2048) {
          utf8[p++] = char >> 6 | 192;
          utf8[p++] = char & 63 | 128;
        } else if ((char & 64512) === 55296 && i + 1 < str.length && (str.charCodeAt(i + 1) & 64512) === 56320) {
          char = 65536 + ((char & 1023) << 10) + (str.charCodeAt(++i) & 1023);
          utf8[p++] = char >> 18 | 240;
          utf8[p++] = char >> 12 & 63 | 128;
          utf8[p++] = char >> 6 & 63 | 128;
          utf8[p++] = char & 63 | 128;
        } else {
          utf8[p++] = char >> 12 | 224;
          utf8[p++] = char >> 6 & 63 | 128;
          utf8[p++] = char & 63 | 128;
        }
      }
      return utf8;
    };
    var generate = module.exports = function generate2(str) {
      var char;
      var i = 0;
      var start = -1;
      var result = 0;
      var resultHash = 0;
      var utf8 = typeof str === "string" ? toUTF8Array(str) : str;
      var len = utf8.length;
      while (i < len) {
        char = utf8[i++];
        if (start === -1) {
          if (char === 123) {
            start = i;
          }
        } else if (char !== 125) {
          resultHash = lookup[(char ^ resultHash >> 8) & 255] ^ resultHash << 8;
        } else if (i - 1 !== start) {
          return resultHash & 16383;
        }
        result = lookup[(char ^ result >> 8) & 255] ^ result << 8;
      }
      return result & 16383;
    };
    module.exports.generateMulti = function generateMulti(keys) {
      var i = 1;
      var len = keys.length;
      var base2 = generate(keys[0]);
      while (i < len) {
        if (generate(keys[i++]) !== base2) return -1;
      }
      return base2;
    };
  }
});

// node_modules/lodash.defaults/index.js
var require_lodash = __commonJS({
  "node_modules/lodash.defaults/index.js"(exports, module) {
    var MAX_SAFE_INTEGER = 9007199254740991;
    var argsTag = "[object Arguments]";
    var funcTag = "[object Function]";
    var genTag = "[object GeneratorFunction]";
    var reIsUint = /^(?:0|[1-9]\d*)$/;
    function apply(func, thisArg, args) {
      switch (args.length) {
        case 0:
          return func.call(thisArg);
        case 1:
          return func.call(thisArg, args[0]);
        case 2:
          return func.call(thisArg, args[0], args[1]);
        case 3:
          return func.call(thisArg, args[0], args[1], args[2]);
      }
      return func.apply(thisArg, args);
    }
    function baseTimes(n, iteratee) {
      var index = -1, result = Array(n);
      while (++index < n) {
        result[index] = iteratee(index);
      }
      return result;
    }
    var objectProto = Object.prototype;
    var hasOwnProperty = objectProto.hasOwnProperty;
    var objectToString = objectProto.toString;
    var propertyIsEnumerable = objectProto.propertyIsEnumerable;
    var nativeMax = Math.max;
    function arrayLikeKeys(value, inherited) {
      var result = isArray(value) || isArguments(value) ? baseTimes(value.length, String) : [];
      var length = result.length, skipIndexes = !!length;
      for (var key in value) {
        if ((inherited || hasOwnProperty.call(value, key)) && !(skipIndexes && (key == "length" || isIndex(key, length)))) {
          result.push(key);
        }
      }
      return result;
    }
    function assignInDefaults(objValue, srcValue, key, object) {
      if (objValue === void 0 || eq(objValue, objectProto[key]) && !hasOwnProperty.call(object, key)) {
        return srcValue;
      }
      return objValue;
    }
    function assignValue(object, key, value) {
      var objValue = object[key];
      if (!(hasOwnProperty.call(object, key) && eq(objValue, value)) || value === void 0 && !(key in object)) {
        object[key] = value;
      }
    }
    function baseKeysIn(object) {
      if (!isObject(object)) {
        return nativeKeysIn(object);
      }
      var isProto = isPrototype(object), result = [];
      for (var key in object) {
        if (!(key == "constructor" && (isProto || !hasOwnProperty.call(object, key)))) {
          result.push(key);
        }
      }
      return result;
    }
    function baseRest(func, start) {
      start = nativeMax(start === void 0 ? func.length - 1 : start, 0);
      return function() {
        var args = arguments, index = -1, length = nativeMax(args.length - start, 0), array = Array(length);
        while (++index < length) {
          array[index] = args[start + index];
        }
        index = -1;
        var otherArgs = Array(start + 1);
        while (++index < start) {
          otherArgs[index] = args[index];
        }
        otherArgs[start] = array;
        return apply(func, this, otherArgs);
      };
    }
    function copyObject(source, props, object, customizer) {
      object || (object = {});
      var index = -1, length = props.length;
      while (++index < length) {
        var key = props[index];
        var newValue = customizer ? customizer(object[key], source[key], key, object, source) : void 0;
        assignValue(object, key, newValue === void 0 ? source[key] : newValue);
      }
      return object;
    }
    function createAssigner(assigner) {
      return baseRest(function(object, sources) {
        var index = -1, length = sources.length, customizer = length > 1 ? sources[length - 1] : void 0, guard = length > 2 ? sources[2] : void 0;
        customizer = assigner.length > 3 && typeof customizer == "function" ? (length--, customizer) : void 0;
        if (guard && isIterateeCall(sources[0], sources[1], guard)) {
          customizer = length < 3 ? void 0 : customizer;
          length = 1;
        }
        object = Object(object);
        while (++index < length) {
          var source = sources[index];
          if (source) {
            assigner(object, source, index, customizer);
          }
        }
        return object;
      });
    }
    function isIndex(value, length) {
      length = length == null ? MAX_SAFE_INTEGER : length;
      return !!length && (typeof value == "number" || reIsUint.test(value)) && (value > -1 && value % 1 == 0 && value < length);
    }
    function isIterateeCall(value, index, object) {
      if (!isObject(object)) {
        return false;
      }
      var type = typeof index;
      if (type == "number" ? isArrayLike(object) && isIndex(index, object.length) : type == "string" && index in object) {
        return eq(object[index], value);
      }
      return false;
    }
    function isPrototype(value) {
      var Ctor = value && value.constructor, proto = typeof Ctor == "function" && Ctor.prototype || objectProto;
      return value === proto;
    }
    function nativeKeysIn(object) {
      var result = [];
      if (object != null) {
        for (var key in Object(object)) {
          result.push(key);
        }
      }
      return result;
    }
    function eq(value, other) {
      return value === other || value !== value && other !== other;
    }
    function isArguments(value) {
      return isArrayLikeObject(value) && hasOwnProperty.call(value, "callee") && (!propertyIsEnumerable.call(value, "callee") || objectToString.call(value) == argsTag);
    }
    var isArray = Array.isArray;
    function isArrayLike(value) {
      return value != null && isLength(value.length) && !isFunction(value);
    }
    function isArrayLikeObject(value) {
      return isObjectLike(value) && isArrayLike(value);
    }
    function isFunction(value) {
      var tag = isObject(value) ? objectToString.call(value) : "";
      return tag == funcTag || tag == genTag;
    }
    function isLength(value) {
      return typeof value == "number" && value > -1 && value % 1 == 0 && value <= MAX_SAFE_INTEGER;
    }
    function isObject(value) {
      var type = typeof value;
      return !!value && (type == "object" || type == "function");
    }
    function isObjectLike(value) {
      return !!value && typeof value == "object";
    }
    var assignInWith = createAssigner(function(object, source, srcIndex, customizer) {
      copyObject(source, keysIn(source), object, customizer);
    });
    var defaults = baseRest(function(args) {
      args.push(void 0, assignInDefaults);
      return apply(assignInWith, void 0, args);
    });
    function keysIn(object) {
      return isArrayLike(object) ? arrayLikeKeys(object, true) : baseKeysIn(object);
    }
    module.exports = defaults;
  }
});

// node_modules/lodash.isarguments/index.js
var require_lodash2 = __commonJS({
  "node_modules/lodash.isarguments/index.js"(exports, module) {
    var MAX_SAFE_INTEGER = 9007199254740991;
    var argsTag = "[object Arguments]";
    var funcTag = "[object Function]";
    var genTag = "[object GeneratorFunction]";
    var objectProto = Object.prototype;
    var hasOwnProperty = objectProto.hasOwnProperty;
    var objectToString = objectProto.toString;
    var propertyIsEnumerable = objectProto.propertyIsEnumerable;
    function isArguments(value) {
      return isArrayLikeObject(value) && hasOwnProperty.call(value, "callee") && (!propertyIsEnumerable.call(value, "callee") || objectToString.call(value) == argsTag);
    }
    function isArrayLike(value) {
      return value != null && isLength(value.length) && !isFunction(value);
    }
    function isArrayLikeObject(value) {
      return isObjectLike(value) && isArrayLike(value);
    }
    function isFunction(value) {
      var tag = isObject(value) ? objectToString.call(value) : "";
      return tag == funcTag || tag == genTag;
    }
    function isLength(value) {
      return typeof value == "number" && value > -1 && value % 1 == 0 && value <= MAX_SAFE_INTEGER;
    }
    function isObject(value) {
      var type = typeof value;
      return !!value && (type == "object" || type == "function");
    }
    function isObjectLike(value) {
      return !!value && typeof value == "object";
    }
    module.exports = isArguments;
  }
});

// node_modules/ioredis/built/utils/lodash.js
var require_lodash3 = __commonJS({
  "node_modules/ioredis/built/utils/lodash.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.isArguments = exports.defaults = exports.noop = void 0;
    var defaults = require_lodash();
    exports.defaults = defaults;
    var isArguments = require_lodash2();
    exports.isArguments = isArguments;
    function noop() {
    }
    exports.noop = noop;
  }
});

// node_modules/ms/index.js
var require_ms = __commonJS({
  "node_modules/ms/index.js"(exports, module) {
    var s = 1e3;
    var m = s * 60;
    var h = m * 60;
    var d = h * 24;
    var w = d * 7;
    var y = d * 365.25;
    module.exports = function(val, options) {
      options = options || {};
      var type = typeof val;
      if (type === "string" && val.length > 0) {
        return parse(val);
      } else if (type === "number" && isFinite(val)) {
        return options.long ? fmtLong(val) : fmtShort(val);
      }
      throw new Error(
        "val is not a non-empty string or a valid number. val=" + JSON.stringify(val)
      );
    };
    function parse(str) {
      str = String(str);
      if (str.length > 100) {
        return;
      }
      var match = /^(-?(?:\d+)?\.?\d+) *(milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)?$/i.exec(
        str
      );
      if (!match) {
        return;
      }
      var n = parseFloat(match[1]);
      var type = (match[2] || "ms").toLowerCase();
      switch (type) {
        case "years":
        case "year":
        case "yrs":
        case "yr":
        case "y":
          return n * y;
        case "weeks":
        case "week":
        case "w":
          return n * w;
        case "days":
        case "day":
        case "d":
          return n * d;
        case "hours":
        case "hour":
        case "hrs":
        case "hr":
        case "h":
          return n * h;
        case "minutes":
        case "minute":
        case "mins":
        case "min":
        case "m":
          return n * m;
        case "seconds":
        case "second":
        case "secs":
        case "sec":
        case "s":
          return n * s;
        case "milliseconds":
        case "millisecond":
        case "msecs":
        case "msec":
        case "ms":
          return n;
        default:
          return void 0;
      }
    }
    function fmtShort(ms) {
      var msAbs = Math.abs(ms);
      if (msAbs >= d) {
        return Math.round(ms / d) + "d";
      }
      if (msAbs >= h) {
        return Math.round(ms / h) + "h";
      }
      if (msAbs >= m) {
        return Math.round(ms / m) + "m";
      }
      if (msAbs >= s) {
        return Math.round(ms / s) + "s";
      }
      return ms + "ms";
    }
    function fmtLong(ms) {
      var msAbs = Math.abs(ms);
      if (msAbs >= d) {
        return plural(ms, msAbs, d, "day");
      }
      if (msAbs >= h) {
        return plural(ms, msAbs, h, "hour");
      }
      if (msAbs >= m) {
        return plural(ms, msAbs, m, "minute");
      }
      if (msAbs >= s) {
        return plural(ms, msAbs, s, "second");
      }
      return ms + " ms";
    }
    function plural(ms, msAbs, n, name) {
      var isPlural = msAbs >= n * 1.5;
      return Math.round(ms / n) + " " + name + (isPlural ? "s" : "");
    }
  }
});

// node_modules/debug/src/common.js
var require_common = __commonJS({
  "node_modules/debug/src/common.js"(exports, module) {
    function setup(env) {
      createDebug.debug = createDebug;
      createDebug.default = createDebug;
      createDebug.coerce = coerce;
      createDebug.disable = disable;
      createDebug.enable = enable;
      createDebug.enabled = enabled;
      createDebug.humanize = require_ms();
      createDebug.destroy = destroy;
      Object.keys(env).forEach((key) => {
        createDebug[key] = env[key];
      });
      createDebug.names = [];
      createDebug.skips = [];
      createDebug.formatters = {};
      function selectColor(namespace) {
        let hash = 0;
        for (let i = 0; i < namespace.length; i++) {
          hash = (hash << 5) - hash + namespace.charCodeAt(i);
          hash |= 0;
        }
        return createDebug.colors[Math.abs(hash) % createDebug.colors.length];
      }
      createDebug.selectColor = selectColor;
      function createDebug(namespace) {
        let prevTime;
        let enableOverride = null;
        let namespacesCache;
        let enabledCache;
        function debug(...args) {
          if (!debug.enabled) {
            return;
          }
          const self = debug;
          const curr = Number(/* @__PURE__ */ new Date());
          const ms = curr - (prevTime || curr);
          self.diff = ms;
          self.prev = prevTime;
          self.curr = curr;
          prevTime = curr;
          args[0] = createDebug.coerce(args[0]);
          if (typeof args[0] !== "string") {
            args.unshift("%O");
          }
          let index = 0;
          args[0] = args[0].replace(/%([a-zA-Z%])/g, (match, format) => {
            if (match === "%%") {
              return "%";
            }
            index++;
            const formatter = createDebug.formatters[format];
            if (typeof formatter === "function") {
              const val = args[index];
              match = formatter.call(self, val);
              args.splice(index, 1);
              index--;
            }
            return match;
          });
          createDebug.formatArgs.call(self, args);
          const logFn = self.log || createDebug.log;
          logFn.apply(self, args);
        }
        debug.namespace = namespace;
        debug.useColors = createDebug.useColors();
        debug.color = createDebug.selectColor(namespace);
        debug.extend = extend;
        debug.destroy = createDebug.destroy;
        Object.defineProperty(debug, "enabled", {
          enumerable: true,
          configurable: false,
          get: () => {
            if (enableOverride !== null) {
              return enableOverride;
            }
            if (namespacesCache !== createDebug.namespaces) {
              namespacesCache = createDebug.namespaces;
              enabledCache = createDebug.enabled(namespace);
            }
            return enabledCache;
          },
          set: (v) => {
            enableOverride = v;
          }
        });
        if (typeof createDebug.init === "function") {
          createDebug.init(debug);
        }
        return debug;
      }
      function extend(namespace, delimiter) {
        const newDebug = createDebug(this.namespace + (typeof delimiter === "undefined" ? ":" : delimiter) + namespace);
        newDebug.log = this.log;
        return newDebug;
      }
      function enable(namespaces) {
        createDebug.save(namespaces);
        createDebug.namespaces = namespaces;
        createDebug.names = [];
        createDebug.skips = [];
        const split = (typeof namespaces === "string" ? namespaces : "").trim().replace(/\s+/g, ",").split(",").filter(Boolean);
        for (const ns of split) {
          if (ns[0] === "-") {
            createDebug.skips.push(ns.slice(1));
          } else {
            createDebug.names.push(ns);
          }
        }
      }
      function matchesTemplate(search, template) {
        let searchIndex = 0;
        let templateIndex = 0;
        let starIndex = -1;
        let matchIndex = 0;
        while (searchIndex < search.length) {
          if (templateIndex < template.length && (template[templateIndex] === search[searchIndex] || template[templateIndex] === "*")) {
            if (template[templateIndex] === "*") {
              starIndex = templateIndex;
              matchIndex = searchIndex;
              templateIndex++;
            } else {
              searchIndex++;
              templateIndex++;
            }
          } else if (starIndex !== -1) {
            templateIndex = starIndex + 1;
            matchIndex++;
            searchIndex = matchIndex;
          } else {
            return false;
          }
        }
        while (templateIndex < template.length && template[templateIndex] === "*") {
          templateIndex++;
        }
        return templateIndex === template.length;
      }
      function disable() {
        const namespaces = [
          ...createDebug.names,
          ...createDebug.skips.map((namespace) => "-" + namespace)
        ].join(",");
        createDebug.enable("");
        return namespaces;
      }
      function enabled(name) {
        for (const skip of createDebug.skips) {
          if (matchesTemplate(name, skip)) {
            return false;
          }
        }
        for (const ns of createDebug.names) {
          if (matchesTemplate(name, ns)) {
            return true;
          }
        }
        return false;
      }
      function coerce(val) {
        if (val instanceof Error) {
          return val.stack || val.message;
        }
        return val;
      }
      function destroy() {
        console.warn("Instance method `debug.destroy()` is deprecated and no longer does anything. It will be removed in the next major version of `debug`.");
      }
      createDebug.enable(createDebug.load());
      return createDebug;
    }
    module.exports = setup;
  }
});

// node_modules/debug/src/browser.js
var require_browser = __commonJS({
  "node_modules/debug/src/browser.js"(exports, module) {
    exports.formatArgs = formatArgs;
    exports.save = save;
    exports.load = load;
    exports.useColors = useColors;
    exports.storage = localstorage();
    exports.destroy = /* @__PURE__ */ (() => {
      let warned = false;
      return () => {
        if (!warned) {
          warned = true;
          console.warn("Instance method `debug.destroy()` is deprecated and no longer does anything. It will be removed in the next major version of `debug`.");
        }
      };
    })();
    exports.colors = [
      "#0000CC",
      "#0000FF",
      "#0033CC",
      "#0033FF",
      "#0066CC",
      "#0066FF",
      "#0099CC",
      "#0099FF",
      "#00CC00",
      "#00CC33",
      "#00CC66",
      "#00CC99",
      "#00CCCC",
      "#00CCFF",
      "#3300CC",
      "#3300FF",
      "#3333CC",
      "#3333FF",
      "#3366CC",
      "#3366FF",
      "#3399CC",
      "#3399FF",
      "#33CC00",
      "#33CC33",
      "#33CC66",
      "#33CC99",
      "#33CCCC",
      "#33CCFF",
      "#6600CC",
      "#6600FF",
      "#6633CC",
      "#6633FF",
      "#66CC00",
      "#66CC33",
      "#9900CC",
      "#9900FF",
      "#9933CC",
      "#9933FF",
      "#99CC00",
      "#99CC33",
      "#CC0000",
      "#CC0033",
      "#CC0066",
      "#CC0099",
      "#CC00CC",
      "#CC00FF",
      "#CC3300",
      "#CC3333",
      "#CC3366",
      "#CC3399",
      "#CC33CC",
      "#CC33FF",
      "#CC6600",
      "#CC6633",
      "#CC9900",
      "#CC9933",
      "#CCCC00",
      "#CCCC33",
      "#FF0000",
      "#FF0033",
      "#FF0066",
      "#FF0099",
      "#FF00CC",
      "#FF00FF",
      "#FF3300",
      "#FF3333",
      "#FF3366",
      "#FF3399",
      "#FF33CC",
      "#FF33FF",
      "#FF6600",
      "#FF6633",
      "#FF9900",
      "#FF9933",
      "#FFCC00",
      "#FFCC33"
    ];
    function useColors() {
      if (typeof window !== "undefined" && window.process && (window.process.type === "renderer" || window.process.__nwjs)) {
        return true;
      }
      if (typeof navigator !== "undefined" && navigator.userAgent && navigator.userAgent.toLowerCase().match(/(edge|trident)\/(\d+)/)) {
        return false;
      }
      let m;
      return typeof document !== "undefined" && document.documentElement && document.documentElement.style && document.documentElement.style.WebkitAppearance || // Is firebug? http://stackoverflow.com/a/398120/376773
      typeof window !== "undefined" && window.console && (window.console.firebug || window.console.exception && window.console.table) || // Is firefox >= v31?
      // https://developer.mozilla.org/en-US/docs/Tools/Web_Console#Styling_messages
      typeof navigator !== "undefined" && navigator.userAgent && (m = navigator.userAgent.toLowerCase().match(/firefox\/(\d+)/)) && parseInt(m[1], 10) >= 31 || // Double check webkit in userAgent just in case we are in a worker
      typeof navigator !== "undefined" && navigator.userAgent && navigator.userAgent.toLowerCase().match(/applewebkit\/(\d+)/);
    }
    function formatArgs(args) {
      args[0] = (this.useColors ? "%c" : "") + this.namespace + (this.useColors ? " %c" : " ") + args[0] + (this.useColors ? "%c " : " ") + "+" + module.exports.humanize(this.diff);
      if (!this.useColors) {
        return;
      }
      const c = "color: " + this.color;
      args.splice(1, 0, c, "color: inherit");
      let index = 0;
      let lastC = 0;
      args[0].replace(/%[a-zA-Z%]/g, (match) => {
        if (match === "%%") {
          return;
        }
        index++;
        if (match === "%c") {
          lastC = index;
        }
      });
      args.splice(lastC, 0, c);
    }
    exports.log = console.debug || console.log || (() => {
    });
    function save(namespaces) {
      try {
        if (namespaces) {
          exports.storage.setItem("debug", namespaces);
        } else {
          exports.storage.removeItem("debug");
        }
      } catch (error) {
      }
    }
    function load() {
      let r;
      try {
        r = exports.storage.getItem("debug") || exports.storage.getItem("DEBUG");
      } catch (error) {
      }
      if (!r && typeof process !== "undefined" && "env" in process) {
        r = process.env.DEBUG;
      }
      return r;
    }
    function localstorage() {
      try {
        return localStorage;
      } catch (error) {
      }
    }
    module.exports = require_common()(exports);
    var { formatters } = module.exports;
    formatters.j = function(v) {
      try {
        return JSON.stringify(v);
      } catch (error) {
        return "[UnexpectedJSONParseError]: " + error.message;
      }
    };
  }
});

// node_modules/debug/src/node.js
var require_node = __commonJS({
  "node_modules/debug/src/node.js"(exports, module) {
    var tty = __require("tty");
    var util = __require("util");
    exports.init = init;
    exports.log = log;
    exports.formatArgs = formatArgs;
    exports.save = save;
    exports.load = load;
    exports.useColors = useColors;
    exports.destroy = util.deprecate(
      () => {
      },
      "Instance method `debug.destroy()` is deprecated and no longer does anything. It will be removed in the next major version of `debug`."
    );
    exports.colors = [6, 2, 3, 4, 5, 1];
    try {
      const supportsColor = __require("supports-color");
      if (supportsColor && (supportsColor.stderr || supportsColor).level >= 2) {
        exports.colors = [
          20,
          21,
          26,
          27,
          32,
          33,
          38,
          39,
          40,
          41,
          42,
          43,
          44,
          45,
          56,
          57,
          62,
          63,
          68,
          69,
          74,
          75,
          76,
          77,
          78,
          79,
          80,
          81,
          92,
          93,
          98,
          99,
          112,
          113,
          128,
          129,
          134,
          135,
          148,
          149,
          160,
          161,
          162,
          163,
          164,
          165,
          166,
          167,
          168,
          169,
          170,
          171,
          172,
          173,
          178,
          179,
          184,
          185,
          196,
          197,
          198,
          199,
          200,
          201,
          202,
          203,
          204,
          205,
          206,
          207,
          208,
          209,
          214,
          215,
          220,
          221
        ];
      }
    } catch (error) {
    }
    exports.inspectOpts = Object.keys(process.env).filter((key) => {
      return /^debug_/i.test(key);
    }).reduce((obj, key) => {
      const prop = key.substring(6).toLowerCase().replace(/_([a-z])/g, (_, k) => {
        return k.toUpperCase();
      });
      let val = process.env[key];
      if (/^(yes|on|true|enabled)$/i.test(val)) {
        val = true;
      } else if (/^(no|off|false|disabled)$/i.test(val)) {
        val = false;
      } else if (val === "null") {
        val = null;
      } else {
        val = Number(val);
      }
      obj[prop] = val;
      return obj;
    }, {});
    function useColors() {
      return "colors" in exports.inspectOpts ? Boolean(exports.inspectOpts.colors) : tty.isatty(process.stderr.fd);
    }
    function formatArgs(args) {
      const { namespace: name, useColors: useColors2 } = this;
      if (useColors2) {
        const c = this.color;
        const colorCode = "\x1B[3" + (c < 8 ? c : "8;5;" + c);
        const prefix = `  ${colorCode};1m${name} \x1B[0m`;
        args[0] = prefix + args[0].split("\n").join("\n" + prefix);
        args.push(colorCode + "m+" + module.exports.humanize(this.diff) + "\x1B[0m");
      } else {
        args[0] = getDate() + name + " " + args[0];
      }
    }
    function getDate() {
      if (exports.inspectOpts.hideDate) {
        return "";
      }
      return (/* @__PURE__ */ new Date()).toISOString() + " ";
    }
    function log(...args) {
      return process.stderr.write(util.formatWithOptions(exports.inspectOpts, ...args) + "\n");
    }
    function save(namespaces) {
      if (namespaces) {
        process.env.DEBUG = namespaces;
      } else {
        delete process.env.DEBUG;
      }
    }
    function load() {
      return process.env.DEBUG;
    }
    function init(debug) {
      debug.inspectOpts = {};
      const keys = Object.keys(exports.inspectOpts);
      for (let i = 0; i < keys.length; i++) {
        debug.inspectOpts[keys[i]] = exports.inspectOpts[keys[i]];
      }
    }
    module.exports = require_common()(exports);
    var { formatters } = module.exports;
    formatters.o = function(v) {
      this.inspectOpts.colors = this.useColors;
      return util.inspect(v, this.inspectOpts).split("\n").map((str) => str.trim()).join(" ");
    };
    formatters.O = function(v) {
      this.inspectOpts.colors = this.useColors;
      return util.inspect(v, this.inspectOpts);
    };
  }
});

// node_modules/debug/src/index.js
var require_src = __commonJS({
  "node_modules/debug/src/index.js"(exports, module) {
    if (typeof process === "undefined" || process.type === "renderer" || process.browser === true || process.__nwjs) {
      module.exports = require_browser();
    } else {
      module.exports = require_node();
    }
  }
});

// node_modules/ioredis/built/utils/debug.js
var require_debug = __commonJS({
  "node_modules/ioredis/built/utils/debug.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.genRedactedString = exports.getStringValue = exports.MAX_ARGUMENT_LENGTH = void 0;
    var debug_1 = require_src();
    var MAX_ARGUMENT_LENGTH = 200;
    exports.MAX_ARGUMENT_LENGTH = MAX_ARGUMENT_LENGTH;
    var NAMESPACE_PREFIX = "ioredis";
    function getStringValue(v) {
      if (v === null) {
        return;
      }
      switch (typeof v) {
        case "boolean":
          return;
        case "number":
          return;
        case "object":
          if (Buffer.isBuffer(v)) {
            return v.toString("hex");
          }
          if (Array.isArray(v)) {
            return v.join(",");
          }
          try {
            return JSON.stringify(v);
          } catch (e) {
            return;
          }
        case "string":
          return v;
      }
    }
    exports.getStringValue = getStringValue;
    function genRedactedString(str, maxLen) {
      const { length } = str;
      return length <= maxLen ? str : str.slice(0, maxLen) + ' ... <REDACTED full-length="' + length + '">';
    }
    exports.genRedactedString = genRedactedString;
    function genDebugFunction(namespace) {
      const fn = (0, debug_1.default)(`${NAMESPACE_PREFIX}:${namespace}`);
      function wrappedDebug(...args) {
        if (!fn.enabled) {
          return;
        }
        for (let i = 1; i < args.length; i++) {
          const str = getStringValue(args[i]);
          if (typeof str === "string" && str.length > MAX_ARGUMENT_LENGTH) {
            args[i] = genRedactedString(str, MAX_ARGUMENT_LENGTH);
          }
        }
        return fn.apply(null, args);
      }
      Object.defineProperties(wrappedDebug, {
        namespace: {
          get() {
            return fn.namespace;
          }
        },
        enabled: {
          get() {
            return fn.enabled;
          }
        },
        destroy: {
          get() {
            return fn.destroy;
          }
        },
        log: {
          get() {
            return fn.log;
          },
          set(l) {
            fn.log = l;
          }
        }
      });
      return wrappedDebug;
    }
    exports.default = genDebugFunction;
  }
});

// node_modules/ioredis/built/constants/TLSProfiles.js
var require_TLSProfiles = __commonJS({
  "node_modules/ioredis/built/constants/TLSProfiles.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var RedisCloudCA = `-----BEGIN CERTIFICATE-----
MIIDTzCCAjegAwIBAgIJAKSVpiDswLcwMA0GCSqGSIb3DQEBBQUAMD4xFjAUBgNV
BAoMDUdhcmFudGlhIERhdGExJDAiBgNVBAMMG1NTTCBDZXJ0aWZpY2F0aW9uIEF1
dGhvcml0eTAeFw0xMzEwMDExMjE0NTVaFw0yMzA5MjkxMjE0NTVaMD4xFjAUBgNV
BAoMDUdhcmFudGlhIERhdGExJDAiBgNVBAMMG1NTTCBDZXJ0aWZpY2F0aW9uIEF1
dGhvcml0eTCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBALZqkh/DczWP
JnxnHLQ7QL0T4B4CDKWBKCcisriGbA6ZePWVNo4hfKQC6JrzfR+081NeD6VcWUiz
rmd+jtPhIY4c+WVQYm5PKaN6DT1imYdxQw7aqO5j2KUCEh/cznpLxeSHoTxlR34E
QwF28Wl3eg2vc5ct8LjU3eozWVk3gb7alx9mSA2SgmuX5lEQawl++rSjsBStemY2
BDwOpAMXIrdEyP/cVn8mkvi/BDs5M5G+09j0gfhyCzRWMQ7Hn71u1eolRxwVxgi3
TMn+/vTaFSqxKjgck6zuAYjBRPaHe7qLxHNr1So/Mc9nPy+3wHebFwbIcnUojwbp
4nctkWbjb2cCAwEAAaNQME4wHQYDVR0OBBYEFP1whtcrydmW3ZJeuSoKZIKjze3w
MB8GA1UdIwQYMBaAFP1whtcrydmW3ZJeuSoKZIKjze3wMAwGA1UdEwQFMAMBAf8w
DQYJKoZIhvcNAQEFBQADggEBAG2erXhwRAa7+ZOBs0B6X57Hwyd1R4kfmXcs0rta
lbPpvgULSiB+TCbf3EbhJnHGyvdCY1tvlffLjdA7HJ0PCOn+YYLBA0pTU/dyvrN6
Su8NuS5yubnt9mb13nDGYo1rnt0YRfxN+8DM3fXIVr038A30UlPX2Ou1ExFJT0MZ
uFKY6ZvLdI6/1cbgmguMlAhM+DhKyV6Sr5699LM3zqeI816pZmlREETYkGr91q7k
BpXJu/dtHaGxg1ZGu6w/PCsYGUcECWENYD4VQPd8N32JjOfu6vEgoEAwfPP+3oGp
Z4m3ewACcWOAenqflb+cQYC4PsF7qbXDmRaWrbKntOlZ3n0=
-----END CERTIFICATE-----
-----BEGIN CERTIFICATE-----
MIIGMTCCBBmgAwIBAgICEAAwDQYJKoZIhvcNAQELBQAwajELMAkGA1UEBhMCVVMx
CzAJBgNVBAgMAkNBMQswCQYDVQQHDAJDQTESMBAGA1UECgwJUmVkaXNMYWJzMS0w
KwYDVQQDDCRSZWRpc0xhYnMgUm9vdCBDZXJ0aWZpY2F0ZSBBdXRob3JpdHkwHhcN
MTgwMjI1MTUzNzM3WhcNMjgwMjIzMTUzNzM3WjBfMQswCQYDVQQGEwJVUzELMAkG
A1UECAwCQ0ExEjAQBgNVBAoMCVJlZGlzTGFiczEvMC0GA1UEAwwmUkNQIEludGVy
bWVkaWF0ZSBDZXJ0aWZpY2F0ZSBBdXRob3JpdHkwggIiMA0GCSqGSIb3DQEBAQUA
A4ICDwAwggIKAoICAQDf9dqbxc8Bq7Ctq9rWcxrGNKKHivqLAFpPq02yLPx6fsOv
Tq7GsDChAYBBc4v7Y2Ap9RD5Vs3dIhEANcnolf27QwrG9RMnnvzk8pCvp1o6zSU4
VuOE1W66/O1/7e2rVxyrnTcP7UgK43zNIXu7+tiAqWsO92uSnuMoGPGpeaUm1jym
hjWKtkAwDFSqvHY+XL5qDVBEjeUe+WHkYUg40cAXjusAqgm2hZt29c2wnVrxW25W
P0meNlzHGFdA2AC5z54iRiqj57dTfBTkHoBczQxcyw6hhzxZQ4e5I5zOKjXXEhZN
r0tA3YC14CTabKRus/JmZieyZzRgEy2oti64tmLYTqSlAD78pRL40VNoaSYetXLw
hhNsXCHgWaY6d5bLOc/aIQMAV5oLvZQKvuXAF1IDmhPA+bZbpWipp0zagf1P1H3s
UzsMdn2KM0ejzgotbtNlj5TcrVwpmvE3ktvUAuA+hi3FkVx1US+2Gsp5x4YOzJ7u
P1WPk6ShF0JgnJH2ILdj6kttTWwFzH17keSFICWDfH/+kM+k7Y1v3EXMQXE7y0T9
MjvJskz6d/nv+sQhY04xt64xFMGTnZjlJMzfQNi7zWFLTZnDD0lPowq7l3YiPoTT
t5Xky83lu0KZsZBo0WlWaDG00gLVdtRgVbcuSWxpi5BdLb1kRab66JptWjxwXQID
AQABo4HrMIHoMDoGA1UdHwQzMDEwL6AtoCuGKWh0dHBzOi8vcmwtY2Etc2VydmVy
LnJlZGlzbGFicy5jb20vdjEvY3JsMEYGCCsGAQUFBwEBBDowODA2BggrBgEFBQcw
AYYqaHR0cHM6Ly9ybC1jYS1zZXJ2ZXIucmVkaXNsYWJzLmNvbS92MS9vY3NwMB0G
A1UdDgQWBBQHar5OKvQUpP2qWt6mckzToeCOHDAfBgNVHSMEGDAWgBQi42wH6hM4
L2sujEvLM0/u8lRXTzASBgNVHRMBAf8ECDAGAQH/AgEAMA4GA1UdDwEB/wQEAwIB
hjANBgkqhkiG9w0BAQsFAAOCAgEAirEn/iTsAKyhd+pu2W3Z5NjCko4NPU0EYUbr
AP7+POK2rzjIrJO3nFYQ/LLuC7KCXG+2qwan2SAOGmqWst13Y+WHp44Kae0kaChW
vcYLXXSoGQGC8QuFSNUdaeg3RbMDYFT04dOkqufeWVccoHVxyTSg9eD8LZuHn5jw
7QDLiEECBmIJHk5Eeo2TAZrx4Yx6ufSUX5HeVjlAzqwtAqdt99uCJ/EL8bgpWbe+
XoSpvUv0SEC1I1dCAhCKAvRlIOA6VBcmzg5Am12KzkqTul12/VEFIgzqu0Zy2Jbc
AUPrYVu/+tOGXQaijy7YgwH8P8n3s7ZeUa1VABJHcxrxYduDDJBLZi+MjheUDaZ1
jQRHYevI2tlqeSBqdPKG4zBY5lS0GiAlmuze5oENt0P3XboHoZPHiqcK3VECgTVh
/BkJcuudETSJcZDmQ8YfoKfBzRQNg2sv/hwvUv73Ss51Sco8GEt2lD8uEdib1Q6z
zDT5lXJowSzOD5ZA9OGDjnSRL+2riNtKWKEqvtEG3VBJoBzu9GoxbAc7wIZLxmli
iF5a/Zf5X+UXD3s4TMmy6C4QZJpAA2egsSQCnraWO2ULhh7iXMysSkF/nzVfZn43
iqpaB8++9a37hWq14ZmOv0TJIDz//b2+KC4VFXWQ5W5QC6whsjT+OlG4p5ZYG0jo
616pxqo=
-----END CERTIFICATE-----
-----BEGIN CERTIFICATE-----
MIIFujCCA6KgAwIBAgIJAJ1aTT1lu2ScMA0GCSqGSIb3DQEBCwUAMGoxCzAJBgNV
BAYTAlVTMQswCQYDVQQIDAJDQTELMAkGA1UEBwwCQ0ExEjAQBgNVBAoMCVJlZGlz
TGFiczEtMCsGA1UEAwwkUmVkaXNMYWJzIFJvb3QgQ2VydGlmaWNhdGUgQXV0aG9y
aXR5MB4XDTE4MDIyNTE1MjA0MloXDTM4MDIyMDE1MjA0MlowajELMAkGA1UEBhMC
VVMxCzAJBgNVBAgMAkNBMQswCQYDVQQHDAJDQTESMBAGA1UECgwJUmVkaXNMYWJz
MS0wKwYDVQQDDCRSZWRpc0xhYnMgUm9vdCBDZXJ0aWZpY2F0ZSBBdXRob3JpdHkw
ggIiMA0GCSqGSIb3DQEBAQUAA4ICDwAwggIKAoICAQDLEjXy7YrbN5Waau5cd6g1
G5C2tMmeTpZ0duFAPxNU4oE3RHS5gGiok346fUXuUxbZ6QkuzeN2/2Z+RmRcJhQY
Dm0ZgdG4x59An1TJfnzKKoWj8ISmoHS/TGNBdFzXV7FYNLBuqZouqePI6ReC6Qhl
pp45huV32Q3a6IDrrvx7Wo5ZczEQeFNbCeCOQYNDdTmCyEkHqc2AGo8eoIlSTutT
ULOC7R5gzJVTS0e1hesQ7jmqHjbO+VQS1NAL4/5K6cuTEqUl+XhVhPdLWBXJQ5ag
54qhX4v+ojLzeU1R/Vc6NjMvVtptWY6JihpgplprN0Yh2556ewcXMeturcKgXfGJ
xeYzsjzXerEjrVocX5V8BNrg64NlifzTMKNOOv4fVZszq1SIHR8F9ROrqiOdh8iC
JpUbLpXH9hWCSEO6VRMB2xJoKu3cgl63kF30s77x7wLFMEHiwsQRKxooE1UhgS9K
2sO4TlQ1eWUvFvHSTVDQDlGQ6zu4qjbOpb3Q8bQwoK+ai2alkXVR4Ltxe9QlgYK3
StsnPhruzZGA0wbXdpw0bnM+YdlEm5ffSTpNIfgHeaa7Dtb801FtA71ZlH7A6TaI
SIQuUST9EKmv7xrJyx0W1pGoPOLw5T029aTjnICSLdtV9bLwysrLhIYG5bnPq78B
cS+jZHFGzD7PUVGQD01nOQIDAQABo2MwYTAdBgNVHQ4EFgQUIuNsB+oTOC9rLoxL
yzNP7vJUV08wHwYDVR0jBBgwFoAUIuNsB+oTOC9rLoxLyzNP7vJUV08wDwYDVR0T
AQH/BAUwAwEB/zAOBgNVHQ8BAf8EBAMCAYYwDQYJKoZIhvcNAQELBQADggIBAHfg
z5pMNUAKdMzK1aS1EDdK9yKz4qicILz5czSLj1mC7HKDRy8cVADUxEICis++CsCu
rYOvyCVergHQLREcxPq4rc5Nq1uj6J6649NEeh4WazOOjL4ZfQ1jVznMbGy+fJm3
3Hoelv6jWRG9iqeJZja7/1s6YC6bWymI/OY1e4wUKeNHAo+Vger7MlHV+RuabaX+
hSJ8bJAM59NCM7AgMTQpJCncrcdLeceYniGy5Q/qt2b5mJkQVkIdy4TPGGB+AXDJ
D0q3I/JDRkDUFNFdeW0js7fHdsvCR7O3tJy5zIgEV/o/BCkmJVtuwPYOrw/yOlKj
TY/U7ATAx9VFF6/vYEOMYSmrZlFX+98L6nJtwDqfLB5VTltqZ4H/KBxGE3IRSt9l
FXy40U+LnXzhhW+7VBAvyYX8GEXhHkKU8Gqk1xitrqfBXY74xKgyUSTolFSfFVgj
mcM/X4K45bka+qpkj7Kfv/8D4j6aZekwhN2ly6hhC1SmQ8qjMjpG/mrWOSSHZFmf
ybu9iD2AYHeIOkshIl6xYIa++Q/00/vs46IzAbQyriOi0XxlSMMVtPx0Q3isp+ji
n8Mq9eOuxYOEQ4of8twUkUDd528iwGtEdwf0Q01UyT84S62N8AySl1ZBKXJz6W4F
UhWfa/HQYOAPDdEjNgnVwLI23b8t0TozyCWw7q8h
-----END CERTIFICATE-----

-----BEGIN CERTIFICATE-----
MIIEjzCCA3egAwIBAgIQe55B/ALCKJDZtdNT8kD6hTANBgkqhkiG9w0BAQsFADBM
MSAwHgYDVQQLExdHbG9iYWxTaWduIFJvb3QgQ0EgLSBSMzETMBEGA1UEChMKR2xv
YmFsU2lnbjETMBEGA1UEAxMKR2xvYmFsU2lnbjAeFw0yMjAxMjYxMjAwMDBaFw0y
NTAxMjYwMDAwMDBaMFgxCzAJBgNVBAYTAkJFMRkwFwYDVQQKExBHbG9iYWxTaWdu
IG52LXNhMS4wLAYDVQQDEyVHbG9iYWxTaWduIEF0bGFzIFIzIE9WIFRMUyBDQSAy
MDIyIFEyMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAmGmg1LW9b7Lf
8zDD83yBDTEkt+FOxKJZqF4veWc5KZsQj9HfnUS2e5nj/E+JImlGPsQuoiosLuXD
BVBNAMcUFa11buFMGMeEMwiTmCXoXRrXQmH0qjpOfKgYc5gHG3BsRGaRrf7VR4eg
ofNMG9wUBw4/g/TT7+bQJdA4NfE7Y4d5gEryZiBGB/swaX6Jp/8MF4TgUmOWmalK
dZCKyb4sPGQFRTtElk67F7vU+wdGcrcOx1tDcIB0ncjLPMnaFicagl+daWGsKqTh
counQb6QJtYHa91KvCfKWocMxQ7OIbB5UARLPmC4CJ1/f8YFm35ebfzAeULYdGXu
jE9CLor0OwIDAQABo4IBXzCCAVswDgYDVR0PAQH/BAQDAgGGMB0GA1UdJQQWMBQG
CCsGAQUFBwMBBggrBgEFBQcDAjASBgNVHRMBAf8ECDAGAQH/AgEAMB0GA1UdDgQW
BBSH5Zq7a7B/t95GfJWkDBpA8HHqdjAfBgNVHSMEGDAWgBSP8Et/qC5FJK5NUPpj
move4t0bvDB7BggrBgEFBQcBAQRvMG0wLgYIKwYBBQUHMAGGImh0dHA6Ly9vY3Nw
Mi5nbG9iYWxzaWduLmNvbS9yb290cjMwOwYIKwYBBQUHMAKGL2h0dHA6Ly9zZWN1
cmUuZ2xvYmFsc2lnbi5jb20vY2FjZXJ0L3Jvb3QtcjMuY3J0MDYGA1UdHwQvMC0w
K6ApoCeGJWh0dHA6Ly9jcmwuZ2xvYmFsc2lnbi5jb20vcm9vdC1yMy5jcmwwIQYD
VR0gBBowGDAIBgZngQwBAgIwDAYKKwYBBAGgMgoBAjANBgkqhkiG9w0BAQsFAAOC
AQEAKRic9/f+nmhQU/wz04APZLjgG5OgsuUOyUEZjKVhNGDwxGTvKhyXGGAMW2B/
3bRi+aElpXwoxu3pL6fkElbX3B0BeS5LoDtxkyiVEBMZ8m+sXbocwlPyxrPbX6mY
0rVIvnuUeBH8X0L5IwfpNVvKnBIilTbcebfHyXkPezGwz7E1yhUULjJFm2bt0SdX
y+4X/WeiiYIv+fTVgZZgl+/2MKIsu/qdBJc3f3TvJ8nz+Eax1zgZmww+RSQWeOj3
15Iw6Z5FX+NwzY/Ab+9PosR5UosSeq+9HhtaxZttXG1nVh+avYPGYddWmiMT90J5
ZgKnO/Fx2hBgTxhOTMYaD312kg==
-----END CERTIFICATE-----

-----BEGIN CERTIFICATE-----
MIIDXzCCAkegAwIBAgILBAAAAAABIVhTCKIwDQYJKoZIhvcNAQELBQAwTDEgMB4G
A1UECxMXR2xvYmFsU2lnbiBSb290IENBIC0gUjMxEzARBgNVBAoTCkdsb2JhbFNp
Z24xEzARBgNVBAMTCkdsb2JhbFNpZ24wHhcNMDkwMzE4MTAwMDAwWhcNMjkwMzE4
MTAwMDAwWjBMMSAwHgYDVQQLExdHbG9iYWxTaWduIFJvb3QgQ0EgLSBSMzETMBEG
A1UEChMKR2xvYmFsU2lnbjETMBEGA1UEAxMKR2xvYmFsU2lnbjCCASIwDQYJKoZI
hvcNAQEBBQADggEPADCCAQoCggEBAMwldpB5BngiFvXAg7aEyiie/QV2EcWtiHL8
RgJDx7KKnQRfJMsuS+FggkbhUqsMgUdwbN1k0ev1LKMPgj0MK66X17YUhhB5uzsT
gHeMCOFJ0mpiLx9e+pZo34knlTifBtc+ycsmWQ1z3rDI6SYOgxXG71uL0gRgykmm
KPZpO/bLyCiR5Z2KYVc3rHQU3HTgOu5yLy6c+9C7v/U9AOEGM+iCK65TpjoWc4zd
QQ4gOsC0p6Hpsk+QLjJg6VfLuQSSaGjlOCZgdbKfd/+RFO+uIEn8rUAVSNECMWEZ
XriX7613t2Saer9fwRPvm2L7DWzgVGkWqQPabumDk3F2xmmFghcCAwEAAaNCMEAw
DgYDVR0PAQH/BAQDAgEGMA8GA1UdEwEB/wQFMAMBAf8wHQYDVR0OBBYEFI/wS3+o
LkUkrk1Q+mOai97i3Ru8MA0GCSqGSIb3DQEBCwUAA4IBAQBLQNvAUKr+yAzv95ZU
RUm7lgAJQayzE4aGKAczymvmdLm6AC2upArT9fHxD4q/c2dKg8dEe3jgr25sbwMp
jjM5RcOO5LlXbKr8EpbsU8Yt5CRsuZRj+9xTaGdWPoO4zzUhw8lo/s7awlOqzJCK
6fBdRoyV3XpYKBovHd7NADdBj+1EbddTKJd+82cEHhXXipa0095MJ6RMG3NzdvQX
mcIfeg7jLQitChws/zyrVQ4PkX4268NXSb7hLi18YIvDQVETI53O9zJrlAGomecs
Mx86OyXShkDOOyyGeMlhLxS67ttVb9+E7gUJTb0o2HLO02JQZR7rkpeDMdmztcpH
WD9f
-----END CERTIFICATE-----`;
    var TLSProfiles = {
      RedisCloudFixed: { ca: RedisCloudCA },
      RedisCloudFlexible: { ca: RedisCloudCA }
    };
    exports.default = TLSProfiles;
  }
});

// node_modules/ioredis/built/utils/index.js
var require_utils2 = __commonJS({
  "node_modules/ioredis/built/utils/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.noop = exports.defaults = exports.Debug = exports.getPackageMeta = exports.zipMap = exports.CONNECTION_CLOSED_ERROR_MSG = exports.shuffle = exports.sample = exports.resolveTLSProfile = exports.parseURL = exports.optimizeErrorStack = exports.toArg = exports.convertMapToArray = exports.convertObjectToArray = exports.timeout = exports.packObject = exports.isInt = exports.wrapMultiResult = exports.convertBufferToString = void 0;
    var fs_1 = __require("fs");
    var path_1 = __require("path");
    var url_1 = __require("url");
    var lodash_1 = require_lodash3();
    Object.defineProperty(exports, "defaults", { enumerable: true, get: function() {
      return lodash_1.defaults;
    } });
    Object.defineProperty(exports, "noop", { enumerable: true, get: function() {
      return lodash_1.noop;
    } });
    var debug_1 = require_debug();
    exports.Debug = debug_1.default;
    var TLSProfiles_1 = require_TLSProfiles();
    function convertBufferToString(value, encoding) {
      if (value instanceof Buffer) {
        return value.toString(encoding);
      }
      if (Array.isArray(value)) {
        const length = value.length;
        const res = Array(length);
        for (let i = 0; i < length; ++i) {
          res[i] = value[i] instanceof Buffer && encoding === "utf8" ? value[i].toString() : convertBufferToString(value[i], encoding);
        }
        return res;
      }
      return value;
    }
    exports.convertBufferToString = convertBufferToString;
    function wrapMultiResult(arr) {
      if (!arr) {
        return null;
      }
      const result = [];
      const length = arr.length;
      for (let i = 0; i < length; ++i) {
        const item = arr[i];
        if (item instanceof Error) {
          result.push([item]);
        } else {
          result.push([null, item]);
        }
      }
      return result;
    }
    exports.wrapMultiResult = wrapMultiResult;
    function isInt(value) {
      const x = parseFloat(value);
      return !isNaN(value) && (x | 0) === x;
    }
    exports.isInt = isInt;
    function packObject(array) {
      const result = {};
      const length = array.length;
      for (let i = 1; i < length; i += 2) {
        result[array[i - 1]] = array[i];
      }
      return result;
    }
    exports.packObject = packObject;
    function timeout(callback, timeout2) {
      let timer = null;
      const run = function() {
        if (timer) {
          clearTimeout(timer);
          timer = null;
          callback.apply(this, arguments);
        }
      };
      timer = setTimeout(run, timeout2, new Error("timeout"));
      return run;
    }
    exports.timeout = timeout;
    function convertObjectToArray(obj) {
      const result = [];
      const keys = Object.keys(obj);
      for (let i = 0, l = keys.length; i < l; i++) {
        result.push(keys[i], obj[keys[i]]);
      }
      return result;
    }
    exports.convertObjectToArray = convertObjectToArray;
    function convertMapToArray(map) {
      const result = [];
      let pos = 0;
      map.forEach(function(value, key) {
        result[pos] = key;
        result[pos + 1] = value;
        pos += 2;
      });
      return result;
    }
    exports.convertMapToArray = convertMapToArray;
    function toArg(arg) {
      if (arg === null || typeof arg === "undefined") {
        return "";
      }
      return String(arg);
    }
    exports.toArg = toArg;
    function optimizeErrorStack(error, friendlyStack, filterPath) {
      const stacks = friendlyStack.split("\n");
      let lines2 = "";
      let i;
      for (i = 1; i < stacks.length; ++i) {
        if (stacks[i].indexOf(filterPath) === -1) {
          break;
        }
      }
      for (let j = i; j < stacks.length; ++j) {
        lines2 += "\n" + stacks[j];
      }
      if (error.stack) {
        const pos = error.stack.indexOf("\n");
        error.stack = error.stack.slice(0, pos) + lines2;
      }
      return error;
    }
    exports.optimizeErrorStack = optimizeErrorStack;
    function parseURL(url) {
      if (isInt(url)) {
        return { port: url };
      }
      let parsed = (0, url_1.parse)(url, true, true);
      if (!parsed.slashes && url[0] !== "/") {
        url = "//" + url;
        parsed = (0, url_1.parse)(url, true, true);
      }
      const options = parsed.query || {};
      const result = {};
      if (parsed.auth) {
        const index = parsed.auth.indexOf(":");
        result.username = index === -1 ? parsed.auth : parsed.auth.slice(0, index);
        result.password = index === -1 ? "" : parsed.auth.slice(index + 1);
      }
      if (parsed.pathname) {
        if (parsed.protocol === "redis:" || parsed.protocol === "rediss:") {
          if (parsed.pathname.length > 1) {
            result.db = parsed.pathname.slice(1);
          }
        } else {
          result.path = parsed.pathname;
        }
      }
      if (parsed.host) {
        result.host = parsed.hostname;
      }
      if (parsed.port) {
        result.port = parsed.port;
      }
      if (typeof options.family === "string") {
        const intFamily = Number.parseInt(options.family, 10);
        if (!Number.isNaN(intFamily)) {
          result.family = intFamily;
        }
      }
      (0, lodash_1.defaults)(result, options);
      return result;
    }
    exports.parseURL = parseURL;
    function resolveTLSProfile(options) {
      let tls = options === null || options === void 0 ? void 0 : options.tls;
      if (typeof tls === "string")
        tls = { profile: tls };
      const profile = TLSProfiles_1.default[tls === null || tls === void 0 ? void 0 : tls.profile];
      if (profile) {
        tls = Object.assign({}, profile, tls);
        delete tls.profile;
        options = Object.assign({}, options, { tls });
      }
      return options;
    }
    exports.resolveTLSProfile = resolveTLSProfile;
    function sample(array, from = 0) {
      const length = array.length;
      if (from >= length) {
        return null;
      }
      return array[from + Math.floor(Math.random() * (length - from))];
    }
    exports.sample = sample;
    function shuffle(array) {
      let counter = array.length;
      while (counter > 0) {
        const index = Math.floor(Math.random() * counter);
        counter--;
        [array[counter], array[index]] = [array[index], array[counter]];
      }
      return array;
    }
    exports.shuffle = shuffle;
    exports.CONNECTION_CLOSED_ERROR_MSG = "Connection is closed.";
    function zipMap(keys, values) {
      const map = /* @__PURE__ */ new Map();
      keys.forEach((key, index) => {
        map.set(key, values[index]);
      });
      return map;
    }
    exports.zipMap = zipMap;
    var cachedPackageMeta = null;
    async function getPackageMeta() {
      if (cachedPackageMeta) {
        return cachedPackageMeta;
      }
      try {
        const filePath = (0, path_1.resolve)(__dirname, "..", "..", "package.json");
        const data = await fs_1.promises.readFile(filePath, "utf8");
        const parsed = JSON.parse(data);
        cachedPackageMeta = {
          version: parsed.version
        };
        return cachedPackageMeta;
      } catch (err) {
        cachedPackageMeta = {
          version: "error-fetching-version"
        };
        return cachedPackageMeta;
      }
    }
    exports.getPackageMeta = getPackageMeta;
  }
});

// node_modules/ioredis/built/utils/argumentParsers.js
var require_argumentParsers = __commonJS({
  "node_modules/ioredis/built/utils/argumentParsers.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.parseBlockOption = exports.parseSecondsArgument = void 0;
    var parseNumberArgument = (arg) => {
      if (typeof arg === "number") {
        return arg;
      }
      if (Buffer.isBuffer(arg)) {
        return parseNumberArgument(arg.toString());
      }
      if (typeof arg === "string") {
        const value = Number(arg);
        return Number.isFinite(value) ? value : void 0;
      }
      return void 0;
    };
    var parseStringArgument = (arg) => {
      if (typeof arg === "string") {
        return arg;
      }
      if (Buffer.isBuffer(arg)) {
        return arg.toString();
      }
      return void 0;
    };
    var parseSecondsArgument = (arg) => {
      const value = parseNumberArgument(arg);
      if (value === void 0) {
        return void 0;
      }
      if (value <= 0) {
        return 0;
      }
      return value * 1e3;
    };
    exports.parseSecondsArgument = parseSecondsArgument;
    var parseBlockOption = (args) => {
      for (let i = 0; i < args.length; i++) {
        const token = parseStringArgument(args[i]);
        if (token && token.toLowerCase() === "block") {
          const duration = parseNumberArgument(args[i + 1]);
          if (duration === void 0) {
            return void 0;
          }
          if (duration <= 0) {
            return 0;
          }
          return duration;
        }
      }
      return null;
    };
    exports.parseBlockOption = parseBlockOption;
  }
});

// node_modules/ioredis/built/Command.js
var require_Command = __commonJS({
  "node_modules/ioredis/built/Command.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var commands_1 = require_built();
    var calculateSlot = require_lib();
    var standard_as_callback_1 = require_built2();
    var utils_1 = require_utils2();
    var argumentParsers_1 = require_argumentParsers();
    var Command = class _Command {
      /**
       * Creates an instance of Command.
       * @param name Command name
       * @param args An array of command arguments
       * @param options
       * @param callback The callback that handles the response.
       * If omit, the response will be handled via Promise
       */
      constructor(name, args = [], options = {}, callback) {
        this.name = name;
        this.inTransaction = false;
        this.isResolved = false;
        this.transformed = false;
        this.replyEncoding = options.replyEncoding;
        this.errorStack = options.errorStack;
        this.args = args.flat();
        this.callback = callback;
        this.initPromise();
        if (options.keyPrefix) {
          const isBufferKeyPrefix = options.keyPrefix instanceof Buffer;
          let keyPrefixBuffer = isBufferKeyPrefix ? options.keyPrefix : null;
          this._iterateKeys((key) => {
            if (key instanceof Buffer) {
              if (keyPrefixBuffer === null) {
                keyPrefixBuffer = Buffer.from(options.keyPrefix);
              }
              return Buffer.concat([keyPrefixBuffer, key]);
            } else if (isBufferKeyPrefix) {
              return Buffer.concat([options.keyPrefix, Buffer.from(String(key))]);
            }
            return options.keyPrefix + key;
          });
        }
        if (options.readOnly) {
          this.isReadOnly = true;
        }
      }
      /**
       * Check whether the command has the flag
       */
      static checkFlag(flagName, commandName) {
        commandName = commandName.toLowerCase();
        return !!this.getFlagMap()[flagName][commandName];
      }
      static setArgumentTransformer(name, func) {
        this._transformer.argument[name] = func;
      }
      static setReplyTransformer(name, func) {
        this._transformer.reply[name] = func;
      }
      static getFlagMap() {
        if (!this.flagMap) {
          this.flagMap = Object.keys(_Command.FLAGS).reduce((map, flagName) => {
            map[flagName] = {};
            _Command.FLAGS[flagName].forEach((commandName) => {
              map[flagName][commandName] = true;
            });
            return map;
          }, {});
        }
        return this.flagMap;
      }
      getSlot() {
        if (typeof this.slot === "undefined") {
          const key = this.getKeys()[0];
          this.slot = key == null ? null : calculateSlot(key);
        }
        return this.slot;
      }
      getKeys() {
        return this._iterateKeys();
      }
      /**
       * Convert command to writable buffer or string
       */
      toWritable(_socket) {
        let result;
        const commandStr = "*" + (this.args.length + 1) + "\r\n$" + Buffer.byteLength(this.name) + "\r\n" + this.name + "\r\n";
        if (this.bufferMode) {
          const buffers = new MixedBuffers();
          buffers.push(commandStr);
          for (let i = 0; i < this.args.length; ++i) {
            const arg = this.args[i];
            if (arg instanceof Buffer) {
              if (arg.length === 0) {
                buffers.push("$0\r\n\r\n");
              } else {
                buffers.push("$" + arg.length + "\r\n");
                buffers.push(arg);
                buffers.push("\r\n");
              }
            } else {
              buffers.push("$" + Buffer.byteLength(arg) + "\r\n" + arg + "\r\n");
            }
          }
          result = buffers.toBuffer();
        } else {
          result = commandStr;
          for (let i = 0; i < this.args.length; ++i) {
            const arg = this.args[i];
            result += "$" + Buffer.byteLength(arg) + "\r\n" + arg + "\r\n";
          }
        }
        return result;
      }
      stringifyArguments() {
        for (let i = 0; i < this.args.length; ++i) {
          const arg = this.args[i];
          if (typeof arg === "string") {
          } else if (arg instanceof Buffer) {
            this.bufferMode = true;
          } else {
            this.args[i] = (0, utils_1.toArg)(arg);
          }
        }
      }
      /**
       * Convert buffer/buffer[] to string/string[],
       * and apply reply transformer.
       */
      transformReply(result) {
        if (this.replyEncoding) {
          result = (0, utils_1.convertBufferToString)(result, this.replyEncoding);
        }
        const transformer = _Command._transformer.reply[this.name];
        if (transformer) {
          result = transformer(result);
        }
        return result;
      }
      /**
       * Set the wait time before terminating the attempt to execute a command
       * and generating an error.
       */
      setTimeout(ms) {
        if (!this._commandTimeoutTimer) {
          this._commandTimeoutTimer = setTimeout(() => {
            if (!this.isResolved) {
              this.reject(new Error("Command timed out"));
            }
          }, ms);
        }
      }
      /**
       * Set a timeout for blocking commands.
       * When the timeout expires, the command resolves with null (matching Redis behavior).
       * This handles the case of undetectable network failures (e.g., docker network disconnect)
       * where the TCP connection becomes a zombie and no close event fires.
       */
      setBlockingTimeout(ms) {
        if (ms <= 0) {
          return;
        }
        if (this._blockingTimeoutTimer) {
          clearTimeout(this._blockingTimeoutTimer);
          this._blockingTimeoutTimer = void 0;
        }
        const now = Date.now();
        if (this._blockingDeadline === void 0) {
          this._blockingDeadline = now + ms;
        }
        const remaining = this._blockingDeadline - now;
        if (remaining <= 0) {
          this.resolve(null);
          return;
        }
        this._blockingTimeoutTimer = setTimeout(() => {
          if (this.isResolved) {
            this._blockingTimeoutTimer = void 0;
            return;
          }
          this._blockingTimeoutTimer = void 0;
          this.resolve(null);
        }, remaining);
      }
      /**
       * Extract the blocking timeout from the command arguments.
       *
       * @returns The timeout in seconds, null for indefinite blocking (timeout of 0),
       *          or undefined if this is not a blocking command
       */
      extractBlockingTimeout() {
        const args = this.args;
        if (!args || args.length === 0) {
          return void 0;
        }
        const name = this.name.toLowerCase();
        if (_Command.checkFlag("LAST_ARG_TIMEOUT_COMMANDS", name)) {
          return (0, argumentParsers_1.parseSecondsArgument)(args[args.length - 1]);
        }
        if (_Command.checkFlag("FIRST_ARG_TIMEOUT_COMMANDS", name)) {
          return (0, argumentParsers_1.parseSecondsArgument)(args[0]);
        }
        if (_Command.checkFlag("BLOCK_OPTION_COMMANDS", name)) {
          return (0, argumentParsers_1.parseBlockOption)(args);
        }
        return void 0;
      }
      /**
       * Clear the command and blocking timers
       */
      _clearTimers() {
        const existingTimer = this._commandTimeoutTimer;
        if (existingTimer) {
          clearTimeout(existingTimer);
          delete this._commandTimeoutTimer;
        }
        const blockingTimer = this._blockingTimeoutTimer;
        if (blockingTimer) {
          clearTimeout(blockingTimer);
          delete this._blockingTimeoutTimer;
        }
      }
      initPromise() {
        const promise = new Promise((resolve, reject2) => {
          if (!this.transformed) {
            this.transformed = true;
            const transformer = _Command._transformer.argument[this.name];
            if (transformer) {
              this.args = transformer(this.args);
            }
            this.stringifyArguments();
          }
          this.resolve = this._convertValue(resolve);
          this.reject = (err) => {
            this._clearTimers();
            if (this.errorStack) {
              reject2((0, utils_1.optimizeErrorStack)(err, this.errorStack.stack, __dirname));
            } else {
              reject2(err);
            }
          };
        });
        this.promise = (0, standard_as_callback_1.default)(promise, this.callback);
      }
      /**
       * Iterate through the command arguments that are considered keys.
       */
      _iterateKeys(transform = (key) => key) {
        if (typeof this.keys === "undefined") {
          this.keys = [];
          if ((0, commands_1.exists)(this.name, { caseInsensitive: true })) {
            const keyIndexes = (0, commands_1.getKeyIndexes)(this.name, this.args, {
              nameCaseInsensitive: true
            });
            for (const index of keyIndexes) {
              this.args[index] = transform(this.args[index]);
              this.keys.push(this.args[index]);
            }
          }
        }
        return this.keys;
      }
      /**
       * Convert the value from buffer to the target encoding.
       */
      _convertValue(resolve) {
        return (value) => {
          try {
            this._clearTimers();
            resolve(this.transformReply(value));
            this.isResolved = true;
          } catch (err) {
            this.reject(err);
          }
          return this.promise;
        };
      }
    };
    exports.default = Command;
    Command.FLAGS = {
      VALID_IN_SUBSCRIBER_MODE: [
        "subscribe",
        "psubscribe",
        "unsubscribe",
        "punsubscribe",
        "ssubscribe",
        "sunsubscribe",
        "ping",
        "quit"
      ],
      VALID_IN_MONITOR_MODE: ["monitor", "auth"],
      ENTER_SUBSCRIBER_MODE: ["subscribe", "psubscribe", "ssubscribe"],
      EXIT_SUBSCRIBER_MODE: ["unsubscribe", "punsubscribe", "sunsubscribe"],
      WILL_DISCONNECT: ["quit"],
      HANDSHAKE_COMMANDS: ["auth", "select", "client", "readonly", "info"],
      IGNORE_RECONNECT_ON_ERROR: ["client"],
      BLOCKING_COMMANDS: [
        "blpop",
        "brpop",
        "brpoplpush",
        "blmove",
        "bzpopmin",
        "bzpopmax",
        "bzmpop",
        "blmpop",
        "xread",
        "xreadgroup"
      ],
      LAST_ARG_TIMEOUT_COMMANDS: [
        "blpop",
        "brpop",
        "brpoplpush",
        "blmove",
        "bzpopmin",
        "bzpopmax"
      ],
      FIRST_ARG_TIMEOUT_COMMANDS: ["bzmpop", "blmpop"],
      BLOCK_OPTION_COMMANDS: ["xread", "xreadgroup"]
    };
    Command._transformer = {
      argument: {},
      reply: {}
    };
    var msetArgumentTransformer = function(args) {
      if (args.length === 1) {
        if (args[0] instanceof Map) {
          return (0, utils_1.convertMapToArray)(args[0]);
        }
        if (typeof args[0] === "object" && args[0] !== null) {
          return (0, utils_1.convertObjectToArray)(args[0]);
        }
      }
      return args;
    };
    var hsetArgumentTransformer = function(args) {
      if (args.length === 2) {
        if (args[1] instanceof Map) {
          return [args[0]].concat((0, utils_1.convertMapToArray)(args[1]));
        }
        if (typeof args[1] === "object" && args[1] !== null) {
          return [args[0]].concat((0, utils_1.convertObjectToArray)(args[1]));
        }
      }
      return args;
    };
    Command.setArgumentTransformer("mset", msetArgumentTransformer);
    Command.setArgumentTransformer("msetnx", msetArgumentTransformer);
    Command.setArgumentTransformer("hset", hsetArgumentTransformer);
    Command.setArgumentTransformer("hmset", hsetArgumentTransformer);
    Command.setReplyTransformer("hgetall", function(result) {
      if (Array.isArray(result)) {
        const obj = {};
        for (let i = 0; i < result.length; i += 2) {
          const key = result[i];
          const value = result[i + 1];
          if (key in obj) {
            Object.defineProperty(obj, key, {
              value,
              configurable: true,
              enumerable: true,
              writable: true
            });
          } else {
            obj[key] = value;
          }
        }
        return obj;
      }
      return result;
    });
    var MixedBuffers = class {
      constructor() {
        this.length = 0;
        this.items = [];
      }
      push(x) {
        this.length += Buffer.byteLength(x);
        this.items.push(x);
      }
      toBuffer() {
        const result = Buffer.allocUnsafe(this.length);
        let offset = 0;
        for (const item of this.items) {
          const length = Buffer.byteLength(item);
          Buffer.isBuffer(item) ? item.copy(result, offset) : result.write(item, offset, length);
          offset += length;
        }
        return result;
      }
    };
  }
});

// node_modules/ioredis/built/errors/ClusterAllFailedError.js
var require_ClusterAllFailedError = __commonJS({
  "node_modules/ioredis/built/errors/ClusterAllFailedError.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var redis_errors_1 = require_redis_errors();
    var ClusterAllFailedError = class extends redis_errors_1.RedisError {
      constructor(message, lastNodeError) {
        super(message);
        this.lastNodeError = lastNodeError;
        Error.captureStackTrace(this, this.constructor);
      }
      get name() {
        return this.constructor.name;
      }
    };
    exports.default = ClusterAllFailedError;
    ClusterAllFailedError.defaultMessage = "Failed to refresh slots cache.";
  }
});

// node_modules/ioredis/built/ScanStream.js
var require_ScanStream = __commonJS({
  "node_modules/ioredis/built/ScanStream.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var stream_1 = __require("stream");
    var ScanStream = class extends stream_1.Readable {
      constructor(opt) {
        super(opt);
        this.opt = opt;
        this._redisCursor = "0";
        this._redisDrained = false;
      }
      _read() {
        if (this._redisDrained) {
          this.push(null);
          return;
        }
        const args = [this._redisCursor];
        if (this.opt.key) {
          args.unshift(this.opt.key);
        }
        if (this.opt.match) {
          args.push("MATCH", this.opt.match);
        }
        if (this.opt.type) {
          args.push("TYPE", this.opt.type);
        }
        if (this.opt.count) {
          args.push("COUNT", String(this.opt.count));
        }
        if (this.opt.noValues) {
          args.push("NOVALUES");
        }
        this.opt.redis[this.opt.command](args, (err, res) => {
          if (err) {
            this.emit("error", err);
            return;
          }
          this._redisCursor = res[0] instanceof Buffer ? res[0].toString() : res[0];
          if (this._redisCursor === "0") {
            this._redisDrained = true;
          }
          this.push(res[1]);
        });
      }
      close() {
        this._redisDrained = true;
      }
    };
    exports.default = ScanStream;
  }
});

// node_modules/ioredis/built/autoPipelining.js
var require_autoPipelining = __commonJS({
  "node_modules/ioredis/built/autoPipelining.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.executeWithAutoPipelining = exports.getFirstValueInFlattenedArray = exports.shouldUseAutoPipelining = exports.notAllowedAutoPipelineCommands = exports.kCallbacks = exports.kExec = void 0;
    var lodash_1 = require_lodash3();
    var calculateSlot = require_lib();
    var standard_as_callback_1 = require_built2();
    var commands_1 = require_built();
    exports.kExec = /* @__PURE__ */ Symbol("exec");
    exports.kCallbacks = /* @__PURE__ */ Symbol("callbacks");
    exports.notAllowedAutoPipelineCommands = [
      "auth",
      "info",
      "script",
      "quit",
      "cluster",
      "pipeline",
      "multi",
      "subscribe",
      "psubscribe",
      "unsubscribe",
      "unpsubscribe",
      "select",
      "client"
    ];
    function executeAutoPipeline(client, slotKey) {
      if (client._runningAutoPipelines.has(slotKey)) {
        return;
      }
      if (!client._autoPipelines.has(slotKey)) {
        return;
      }
      client._runningAutoPipelines.add(slotKey);
      const pipeline = client._autoPipelines.get(slotKey);
      client._autoPipelines.delete(slotKey);
      const callbacks = pipeline[exports.kCallbacks];
      pipeline[exports.kCallbacks] = null;
      pipeline.exec(function(err, results) {
        client._runningAutoPipelines.delete(slotKey);
        if (err) {
          for (let i = 0; i < callbacks.length; i++) {
            process.nextTick(callbacks[i], err);
          }
        } else {
          for (let i = 0; i < callbacks.length; i++) {
            process.nextTick(callbacks[i], ...results[i]);
          }
        }
        if (client._autoPipelines.has(slotKey)) {
          executeAutoPipeline(client, slotKey);
        }
      });
    }
    function shouldUseAutoPipelining(client, functionName, commandName) {
      return functionName && client.options.enableAutoPipelining && !client.isPipeline && !exports.notAllowedAutoPipelineCommands.includes(commandName) && !client.options.autoPipeliningIgnoredCommands.includes(commandName);
    }
    exports.shouldUseAutoPipelining = shouldUseAutoPipelining;
    function getFirstValueInFlattenedArray(args) {
      for (let i = 0; i < args.length; i++) {
        const arg = args[i];
        if (typeof arg === "string") {
          return arg;
        } else if (Array.isArray(arg) || (0, lodash_1.isArguments)(arg)) {
          if (arg.length === 0) {
            continue;
          }
          return arg[0];
        }
        const flattened = [arg].flat();
        if (flattened.length > 0) {
          return flattened[0];
        }
      }
      return void 0;
    }
    exports.getFirstValueInFlattenedArray = getFirstValueInFlattenedArray;
    function executeWithAutoPipelining(client, functionName, commandName, args, callback) {
      if (client.isCluster && !client.slots.length) {
        if (client.status === "wait")
          client.connect().catch(lodash_1.noop);
        return (0, standard_as_callback_1.default)(new Promise(function(resolve, reject2) {
          client.delayUntilReady((err) => {
            if (err) {
              reject2(err);
              return;
            }
            executeWithAutoPipelining(client, functionName, commandName, args, null).then(resolve, reject2);
          });
        }), callback);
      }
      const prefix = client.options.keyPrefix || "";
      let slotKey = client.isCluster ? client.slots[calculateSlot(`${prefix}${getFirstValueInFlattenedArray(args)}`)].join(",") : "main";
      if (client.isCluster && client.options.scaleReads !== "master") {
        const isReadOnly = (0, commands_1.exists)(commandName) && (0, commands_1.hasFlag)(commandName, "readonly");
        slotKey += isReadOnly ? ":read" : ":write";
      }
      if (!client._autoPipelines.has(slotKey)) {
        const pipeline2 = client.pipeline();
        pipeline2[exports.kExec] = false;
        pipeline2[exports.kCallbacks] = [];
        client._autoPipelines.set(slotKey, pipeline2);
      }
      const pipeline = client._autoPipelines.get(slotKey);
      if (!pipeline[exports.kExec]) {
        pipeline[exports.kExec] = true;
        setImmediate(executeAutoPipeline, client, slotKey);
      }
      const autoPipelinePromise = new Promise(function(resolve, reject2) {
        pipeline[exports.kCallbacks].push(function(err, value) {
          if (err) {
            reject2(err);
            return;
          }
          resolve(value);
        });
        if (functionName === "call") {
          args.unshift(commandName);
        }
        pipeline[functionName](...args);
      });
      return (0, standard_as_callback_1.default)(autoPipelinePromise, callback);
    }
    exports.executeWithAutoPipelining = executeWithAutoPipelining;
  }
});

// node_modules/ioredis/built/Script.js
var require_Script = __commonJS({
  "node_modules/ioredis/built/Script.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var crypto_1 = __require("crypto");
    var Command_1 = require_Command();
    var standard_as_callback_1 = require_built2();
    var Script = class {
      constructor(lua, numberOfKeys = null, keyPrefix = "", readOnly = false) {
        this.lua = lua;
        this.numberOfKeys = numberOfKeys;
        this.keyPrefix = keyPrefix;
        this.readOnly = readOnly;
        this.sha = (0, crypto_1.createHash)("sha1").update(lua).digest("hex");
        const sha = this.sha;
        const socketHasScriptLoaded = /* @__PURE__ */ new WeakSet();
        this.Command = class CustomScriptCommand extends Command_1.default {
          toWritable(socket) {
            const origReject = this.reject;
            this.reject = (err) => {
              if (err.message.indexOf("NOSCRIPT") !== -1) {
                socketHasScriptLoaded.delete(socket);
              }
              origReject.call(this, err);
            };
            if (!socketHasScriptLoaded.has(socket)) {
              socketHasScriptLoaded.add(socket);
              this.name = "eval";
              this.args[0] = lua;
            } else if (this.name === "eval") {
              this.name = "evalsha";
              this.args[0] = sha;
            }
            return super.toWritable(socket);
          }
        };
      }
      execute(container, args, options, callback) {
        if (typeof this.numberOfKeys === "number") {
          args.unshift(this.numberOfKeys);
        }
        if (this.keyPrefix) {
          options.keyPrefix = this.keyPrefix;
        }
        if (this.readOnly) {
          options.readOnly = true;
        }
        const evalsha = new this.Command("evalsha", [this.sha, ...args], options);
        evalsha.promise = evalsha.promise.catch((err) => {
          if (err.message.indexOf("NOSCRIPT") === -1) {
            throw err;
          }
          const resend = new this.Command("evalsha", [this.sha, ...args], options);
          const client = container.isPipeline ? container.redis : container;
          return client.sendCommand(resend);
        });
        (0, standard_as_callback_1.default)(evalsha.promise, callback);
        return container.sendCommand(evalsha);
      }
    };
    exports.default = Script;
  }
});

// node_modules/ioredis/built/utils/Commander.js
var require_Commander = __commonJS({
  "node_modules/ioredis/built/utils/Commander.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var commands_1 = require_built();
    var autoPipelining_1 = require_autoPipelining();
    var Command_1 = require_Command();
    var Script_1 = require_Script();
    var Commander = class {
      constructor() {
        this.options = {};
        this.scriptsSet = {};
        this.addedBuiltinSet = /* @__PURE__ */ new Set();
      }
      /**
       * Return supported builtin commands
       */
      getBuiltinCommands() {
        return commands.slice(0);
      }
      /**
       * Create a builtin command
       */
      createBuiltinCommand(commandName) {
        return {
          string: generateFunction(null, commandName, "utf8"),
          buffer: generateFunction(null, commandName, null)
        };
      }
      /**
       * Create add builtin command
       */
      addBuiltinCommand(commandName) {
        this.addedBuiltinSet.add(commandName);
        this[commandName] = generateFunction(commandName, commandName, "utf8");
        this[commandName + "Buffer"] = generateFunction(commandName + "Buffer", commandName, null);
      }
      /**
       * Define a custom command using lua script
       */
      defineCommand(name, definition) {
        const script = new Script_1.default(definition.lua, definition.numberOfKeys, this.options.keyPrefix, definition.readOnly);
        this.scriptsSet[name] = script;
        this[name] = generateScriptingFunction(name, name, script, "utf8");
        this[name + "Buffer"] = generateScriptingFunction(name + "Buffer", name, script, null);
      }
      /**
       * @ignore
       */
      sendCommand(command, stream, node) {
        throw new Error('"sendCommand" is not implemented');
      }
    };
    var commands = commands_1.list.filter((command) => command !== "monitor");
    commands.push("sentinel");
    commands.forEach(function(commandName) {
      Commander.prototype[commandName] = generateFunction(commandName, commandName, "utf8");
      Commander.prototype[commandName + "Buffer"] = generateFunction(commandName + "Buffer", commandName, null);
    });
    Commander.prototype.call = generateFunction("call", "utf8");
    Commander.prototype.callBuffer = generateFunction("callBuffer", null);
    Commander.prototype.send_command = Commander.prototype.call;
    function generateFunction(functionName, _commandName, _encoding) {
      if (typeof _encoding === "undefined") {
        _encoding = _commandName;
        _commandName = null;
      }
      return function(...args) {
        const commandName = _commandName || args.shift();
        let callback = args[args.length - 1];
        if (typeof callback === "function") {
          args.pop();
        } else {
          callback = void 0;
        }
        const options = {
          errorStack: this.options.showFriendlyErrorStack ? new Error() : void 0,
          keyPrefix: this.options.keyPrefix,
          replyEncoding: _encoding
        };
        if (!(0, autoPipelining_1.shouldUseAutoPipelining)(this, functionName, commandName)) {
          return this.sendCommand(
            // @ts-expect-error
            new Command_1.default(commandName, args, options, callback)
          );
        }
        return (0, autoPipelining_1.executeWithAutoPipelining)(
          this,
          functionName,
          commandName,
          // @ts-expect-error
          args,
          callback
        );
      };
    }
    function generateScriptingFunction(functionName, commandName, script, encoding) {
      return function(...args) {
        const callback = typeof args[args.length - 1] === "function" ? args.pop() : void 0;
        const options = {
          replyEncoding: encoding
        };
        if (this.options.showFriendlyErrorStack) {
          options.errorStack = new Error();
        }
        if (!(0, autoPipelining_1.shouldUseAutoPipelining)(this, functionName, commandName)) {
          return script.execute(this, args, options, callback);
        }
        return (0, autoPipelining_1.executeWithAutoPipelining)(this, functionName, commandName, args, callback);
      };
    }
    exports.default = Commander;
  }
});

// node_modules/ioredis/built/Pipeline.js
var require_Pipeline = __commonJS({
  "node_modules/ioredis/built/Pipeline.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var calculateSlot = require_lib();
    var commands_1 = require_built();
    var standard_as_callback_1 = require_built2();
    var util_1 = __require("util");
    var Command_1 = require_Command();
    var utils_1 = require_utils2();
    var Commander_1 = require_Commander();
    function generateMultiWithNodes(redis2, keys) {
      const slot = calculateSlot(keys[0]);
      const target = redis2._groupsBySlot[slot];
      for (let i = 1; i < keys.length; i++) {
        if (redis2._groupsBySlot[calculateSlot(keys[i])] !== target) {
          return -1;
        }
      }
      return slot;
    }
    var Pipeline = class extends Commander_1.default {
      constructor(redis2) {
        super();
        this.redis = redis2;
        this.isPipeline = true;
        this.replyPending = 0;
        this._queue = [];
        this._result = [];
        this._transactions = 0;
        this._shaToScript = {};
        this.isCluster = this.redis.constructor.name === "Cluster" || this.redis.isCluster;
        this.options = redis2.options;
        Object.keys(redis2.scriptsSet).forEach((name) => {
          const script = redis2.scriptsSet[name];
          this._shaToScript[script.sha] = script;
          this[name] = redis2[name];
          this[name + "Buffer"] = redis2[name + "Buffer"];
        });
        redis2.addedBuiltinSet.forEach((name) => {
          this[name] = redis2[name];
          this[name + "Buffer"] = redis2[name + "Buffer"];
        });
        this.promise = new Promise((resolve, reject2) => {
          this.resolve = resolve;
          this.reject = reject2;
        });
        const _this = this;
        Object.defineProperty(this, "length", {
          get: function() {
            return _this._queue.length;
          }
        });
      }
      fillResult(value, position) {
        if (this._queue[position].name === "exec" && Array.isArray(value[1])) {
          const execLength = value[1].length;
          for (let i = 0; i < execLength; i++) {
            if (value[1][i] instanceof Error) {
              continue;
            }
            const cmd = this._queue[position - (execLength - i)];
            try {
              value[1][i] = cmd.transformReply(value[1][i]);
            } catch (err) {
              value[1][i] = err;
            }
          }
        }
        this._result[position] = value;
        if (--this.replyPending) {
          return;
        }
        if (this.isCluster) {
          let retriable = true;
          let commonError;
          for (let i = 0; i < this._result.length; ++i) {
            const error = this._result[i][0];
            const command = this._queue[i];
            if (error) {
              if (command.name === "exec" && error.message === "EXECABORT Transaction discarded because of previous errors.") {
                continue;
              }
              if (!commonError) {
                commonError = {
                  name: error.name,
                  message: error.message
                };
              } else if (commonError.name !== error.name || commonError.message !== error.message) {
                retriable = false;
                break;
              }
            } else if (!command.inTransaction) {
              const isReadOnly = (0, commands_1.exists)(command.name, { caseInsensitive: true }) && (0, commands_1.hasFlag)(command.name, "readonly", { nameCaseInsensitive: true });
              if (!isReadOnly) {
                retriable = false;
                break;
              }
            }
          }
          if (commonError && retriable) {
            const _this = this;
            const errv = commonError.message.split(" ");
            const queue = this._queue;
            let inTransaction = false;
            this._queue = [];
            for (let i = 0; i < queue.length; ++i) {
              if (errv[0] === "ASK" && !inTransaction && queue[i].name !== "asking" && (!queue[i - 1] || queue[i - 1].name !== "asking")) {
                const asking = new Command_1.default("asking");
                asking.ignore = true;
                this.sendCommand(asking);
              }
              queue[i].initPromise();
              this.sendCommand(queue[i]);
              inTransaction = queue[i].inTransaction;
            }
            let matched = true;
            if (typeof this.leftRedirections === "undefined") {
              this.leftRedirections = {};
            }
            const exec = function() {
              _this.exec();
            };
            const cluster = this.redis;
            cluster.handleError(commonError, this.leftRedirections, {
              moved: function(_slot, key) {
                _this.preferKey = key;
                if (cluster.slots[errv[1]]) {
                  if (cluster.slots[errv[1]][0] !== key) {
                    cluster.slots[errv[1]] = [key];
                  }
                } else {
                  cluster.slots[errv[1]] = [key];
                }
                cluster._groupsBySlot[errv[1]] = cluster._groupsIds[cluster.slots[errv[1]].join(";")];
                cluster.refreshSlotsCache();
                _this.exec();
              },
              ask: function(_slot, key) {
                _this.preferKey = key;
                _this.exec();
              },
              tryagain: exec,
              clusterDown: exec,
              connectionClosed: exec,
              maxRedirections: () => {
                matched = false;
              },
              defaults: () => {
                matched = false;
              }
            });
            if (matched) {
              return;
            }
          }
        }
        let ignoredCount = 0;
        for (let i = 0; i < this._queue.length - ignoredCount; ++i) {
          if (this._queue[i + ignoredCount].ignore) {
            ignoredCount += 1;
          }
          this._result[i] = this._result[i + ignoredCount];
        }
        this.resolve(this._result.slice(0, this._result.length - ignoredCount));
      }
      sendCommand(command) {
        if (this._transactions > 0) {
          command.inTransaction = true;
        }
        const position = this._queue.length;
        command.pipelineIndex = position;
        command.promise.then((result) => {
          this.fillResult([null, result], position);
        }).catch((error) => {
          this.fillResult([error], position);
        });
        this._queue.push(command);
        return this;
      }
      addBatch(commands) {
        let command, commandName, args;
        for (let i = 0; i < commands.length; ++i) {
          command = commands[i];
          commandName = command[0];
          args = command.slice(1);
          this[commandName].apply(this, args);
        }
        return this;
      }
    };
    exports.default = Pipeline;
    var multi = Pipeline.prototype.multi;
    Pipeline.prototype.multi = function() {
      this._transactions += 1;
      return multi.apply(this, arguments);
    };
    var execBuffer = Pipeline.prototype.execBuffer;
    Pipeline.prototype.execBuffer = (0, util_1.deprecate)(function() {
      if (this._transactions > 0) {
        this._transactions -= 1;
      }
      return execBuffer.apply(this, arguments);
    }, "Pipeline#execBuffer: Use Pipeline#exec instead");
    Pipeline.prototype.exec = function(callback) {
      if (this.isCluster && !this.redis.slots.length) {
        if (this.redis.status === "wait")
          this.redis.connect().catch(utils_1.noop);
        if (callback && !this.nodeifiedPromise) {
          this.nodeifiedPromise = true;
          (0, standard_as_callback_1.default)(this.promise, callback);
        }
        this.redis.delayUntilReady((err) => {
          if (err) {
            this.reject(err);
            return;
          }
          this.exec(callback);
        });
        return this.promise;
      }
      if (this._transactions > 0) {
        this._transactions -= 1;
        return execBuffer.apply(this, arguments);
      }
      if (!this.nodeifiedPromise) {
        this.nodeifiedPromise = true;
        (0, standard_as_callback_1.default)(this.promise, callback);
      }
      if (!this._queue.length) {
        this.resolve([]);
      }
      let pipelineSlot;
      if (this.isCluster) {
        const sampleKeys = [];
        for (let i = 0; i < this._queue.length; i++) {
          const keys = this._queue[i].getKeys();
          if (keys.length) {
            sampleKeys.push(keys[0]);
          }
          if (keys.length && calculateSlot.generateMulti(keys) < 0) {
            this.reject(new Error("All the keys in a pipeline command should belong to the same slot"));
            return this.promise;
          }
        }
        if (sampleKeys.length) {
          pipelineSlot = generateMultiWithNodes(this.redis, sampleKeys);
          if (pipelineSlot < 0) {
            this.reject(new Error("All keys in the pipeline should belong to the same slots allocation group"));
            return this.promise;
          }
        } else {
          pipelineSlot = Math.random() * 16384 | 0;
        }
      }
      const _this = this;
      execPipeline();
      return this.promise;
      function execPipeline() {
        let writePending = _this.replyPending = _this._queue.length;
        let node;
        if (_this.isCluster) {
          node = {
            slot: pipelineSlot,
            redis: _this.redis.connectionPool.nodes.all[_this.preferKey]
          };
        }
        let data = "";
        let buffers;
        const stream = {
          isPipeline: true,
          destination: _this.isCluster ? node : { redis: _this.redis },
          write(writable) {
            if (typeof writable !== "string") {
              if (!buffers) {
                buffers = [];
              }
              if (data) {
                buffers.push(Buffer.from(data, "utf8"));
                data = "";
              }
              buffers.push(writable);
            } else {
              data += writable;
            }
            if (!--writePending) {
              if (buffers) {
                if (data) {
                  buffers.push(Buffer.from(data, "utf8"));
                }
                stream.destination.redis.stream.write(Buffer.concat(buffers));
              } else {
                stream.destination.redis.stream.write(data);
              }
              writePending = _this._queue.length;
              data = "";
              buffers = void 0;
            }
          }
        };
        for (let i = 0; i < _this._queue.length; ++i) {
          _this.redis.sendCommand(_this._queue[i], stream, node);
        }
        return _this.promise;
      }
    };
  }
});

// node_modules/ioredis/built/transaction.js
var require_transaction = __commonJS({
  "node_modules/ioredis/built/transaction.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.addTransactionSupport = void 0;
    var utils_1 = require_utils2();
    var standard_as_callback_1 = require_built2();
    var Pipeline_1 = require_Pipeline();
    function addTransactionSupport(redis2) {
      redis2.pipeline = function(commands) {
        const pipeline = new Pipeline_1.default(this);
        if (Array.isArray(commands)) {
          pipeline.addBatch(commands);
        }
        return pipeline;
      };
      const { multi } = redis2;
      redis2.multi = function(commands, options) {
        if (typeof options === "undefined" && !Array.isArray(commands)) {
          options = commands;
          commands = null;
        }
        if (options && options.pipeline === false) {
          return multi.call(this);
        }
        const pipeline = new Pipeline_1.default(this);
        pipeline.multi();
        if (Array.isArray(commands)) {
          pipeline.addBatch(commands);
        }
        const exec2 = pipeline.exec;
        pipeline.exec = function(callback) {
          if (this.isCluster && !this.redis.slots.length) {
            if (this.redis.status === "wait")
              this.redis.connect().catch(utils_1.noop);
            return (0, standard_as_callback_1.default)(new Promise((resolve, reject2) => {
              this.redis.delayUntilReady((err) => {
                if (err) {
                  reject2(err);
                  return;
                }
                this.exec(pipeline).then(resolve, reject2);
              });
            }), callback);
          }
          if (this._transactions > 0) {
            exec2.call(pipeline);
          }
          if (this.nodeifiedPromise) {
            return exec2.call(pipeline);
          }
          const promise = exec2.call(pipeline);
          return (0, standard_as_callback_1.default)(promise.then(function(result) {
            const execResult = result[result.length - 1];
            if (typeof execResult === "undefined") {
              throw new Error("Pipeline cannot be used to send any commands when the `exec()` has been called on it.");
            }
            if (execResult[0]) {
              execResult[0].previousErrors = [];
              for (let i = 0; i < result.length - 1; ++i) {
                if (result[i][0]) {
                  execResult[0].previousErrors.push(result[i][0]);
                }
              }
              throw execResult[0];
            }
            return (0, utils_1.wrapMultiResult)(execResult[1]);
          }), callback);
        };
        const { execBuffer } = pipeline;
        pipeline.execBuffer = function(callback) {
          if (this._transactions > 0) {
            execBuffer.call(pipeline);
          }
          return pipeline.exec(callback);
        };
        return pipeline;
      };
      const { exec } = redis2;
      redis2.exec = function(callback) {
        return (0, standard_as_callback_1.default)(exec.call(this).then(function(results) {
          if (Array.isArray(results)) {
            results = (0, utils_1.wrapMultiResult)(results);
          }
          return results;
        }), callback);
      };
    }
    exports.addTransactionSupport = addTransactionSupport;
  }
});

// node_modules/ioredis/built/utils/applyMixin.js
var require_applyMixin = __commonJS({
  "node_modules/ioredis/built/utils/applyMixin.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    function applyMixin(derivedConstructor, mixinConstructor) {
      Object.getOwnPropertyNames(mixinConstructor.prototype).forEach((name) => {
        Object.defineProperty(derivedConstructor.prototype, name, Object.getOwnPropertyDescriptor(mixinConstructor.prototype, name));
      });
    }
    exports.default = applyMixin;
  }
});

// node_modules/ioredis/built/cluster/ClusterOptions.js
var require_ClusterOptions = __commonJS({
  "node_modules/ioredis/built/cluster/ClusterOptions.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.DEFAULT_CLUSTER_OPTIONS = void 0;
    var dns_1 = __require("dns");
    exports.DEFAULT_CLUSTER_OPTIONS = {
      clusterRetryStrategy: (times) => Math.min(100 + times * 2, 2e3),
      enableOfflineQueue: true,
      enableReadyCheck: true,
      scaleReads: "master",
      maxRedirections: 16,
      retryDelayOnMoved: 0,
      retryDelayOnFailover: 100,
      retryDelayOnClusterDown: 100,
      retryDelayOnTryAgain: 100,
      slotsRefreshTimeout: 1e3,
      useSRVRecords: false,
      resolveSrv: dns_1.resolveSrv,
      dnsLookup: dns_1.lookup,
      enableAutoPipelining: false,
      autoPipeliningIgnoredCommands: [],
      shardedSubscribers: false
    };
  }
});

// node_modules/ioredis/built/cluster/util.js
var require_util = __commonJS({
  "node_modules/ioredis/built/cluster/util.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.getConnectionName = exports.weightSrvRecords = exports.groupSrvRecords = exports.getUniqueHostnamesFromOptions = exports.normalizeNodeOptions = exports.nodeKeyToRedisOptions = exports.getNodeKey = void 0;
    var utils_1 = require_utils2();
    var net_1 = __require("net");
    function getNodeKey(node) {
      node.port = node.port || 6379;
      node.host = node.host || "127.0.0.1";
      return node.host + ":" + node.port;
    }
    exports.getNodeKey = getNodeKey;
    function nodeKeyToRedisOptions(nodeKey) {
      const portIndex = nodeKey.lastIndexOf(":");
      if (portIndex === -1) {
        throw new Error(`Invalid node key ${nodeKey}`);
      }
      return {
        host: nodeKey.slice(0, portIndex),
        port: Number(nodeKey.slice(portIndex + 1))
      };
    }
    exports.nodeKeyToRedisOptions = nodeKeyToRedisOptions;
    function normalizeNodeOptions(nodes) {
      return nodes.map((node) => {
        const options = {};
        if (typeof node === "object") {
          Object.assign(options, node);
        } else if (typeof node === "string") {
          Object.assign(options, (0, utils_1.parseURL)(node));
        } else if (typeof node === "number") {
          options.port = node;
        } else {
          throw new Error("Invalid argument " + node);
        }
        if (typeof options.port === "string") {
          options.port = parseInt(options.port, 10);
        }
        delete options.db;
        if (!options.port) {
          options.port = 6379;
        }
        if (!options.host) {
          options.host = "127.0.0.1";
        }
        return (0, utils_1.resolveTLSProfile)(options);
      });
    }
    exports.normalizeNodeOptions = normalizeNodeOptions;
    function getUniqueHostnamesFromOptions(nodes) {
      const uniqueHostsMap = {};
      nodes.forEach((node) => {
        uniqueHostsMap[node.host] = true;
      });
      return Object.keys(uniqueHostsMap).filter((host) => !(0, net_1.isIP)(host));
    }
    exports.getUniqueHostnamesFromOptions = getUniqueHostnamesFromOptions;
    function groupSrvRecords(records) {
      const recordsByPriority = {};
      for (const record2 of records) {
        if (!recordsByPriority.hasOwnProperty(record2.priority)) {
          recordsByPriority[record2.priority] = {
            totalWeight: record2.weight,
            records: [record2]
          };
        } else {
          recordsByPriority[record2.priority].totalWeight += record2.weight;
          recordsByPriority[record2.priority].records.push(record2);
        }
      }
      return recordsByPriority;
    }
    exports.groupSrvRecords = groupSrvRecords;
    function weightSrvRecords(recordsGroup) {
      if (recordsGroup.records.length === 1) {
        recordsGroup.totalWeight = 0;
        return recordsGroup.records.shift();
      }
      const random = Math.floor(Math.random() * (recordsGroup.totalWeight + recordsGroup.records.length));
      let total = 0;
      for (const [i, record2] of recordsGroup.records.entries()) {
        total += 1 + record2.weight;
        if (total > random) {
          recordsGroup.totalWeight -= record2.weight;
          recordsGroup.records.splice(i, 1);
          return record2;
        }
      }
    }
    exports.weightSrvRecords = weightSrvRecords;
    function getConnectionName(component, nodeConnectionName) {
      const prefix = `ioredis-cluster(${component})`;
      return nodeConnectionName ? `${prefix}:${nodeConnectionName}` : prefix;
    }
    exports.getConnectionName = getConnectionName;
  }
});

// node_modules/ioredis/built/cluster/ClusterSubscriber.js
var require_ClusterSubscriber = __commonJS({
  "node_modules/ioredis/built/cluster/ClusterSubscriber.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var util_1 = require_util();
    var utils_1 = require_utils2();
    var Redis_1 = require_Redis();
    var debug = (0, utils_1.Debug)("cluster:subscriber");
    var ClusterSubscriber = class {
      constructor(connectionPool, emitter, isSharded = false) {
        this.connectionPool = connectionPool;
        this.emitter = emitter;
        this.isSharded = isSharded;
        this.started = false;
        this.subscriber = null;
        this.slotRange = [];
        this.onSubscriberEnd = () => {
          if (!this.started) {
            debug("subscriber has disconnected, but ClusterSubscriber is not started, so not reconnecting.");
            return;
          }
          debug("subscriber has disconnected, selecting a new one...");
          this.selectSubscriber();
        };
        this.connectionPool.on("-node", (_, key) => {
          if (!this.started || !this.subscriber) {
            return;
          }
          if ((0, util_1.getNodeKey)(this.subscriber.options) === key) {
            debug("subscriber has left, selecting a new one...");
            this.selectSubscriber();
          }
        });
        this.connectionPool.on("+node", () => {
          if (!this.started || this.subscriber) {
            return;
          }
          debug("a new node is discovered and there is no subscriber, selecting a new one...");
          this.selectSubscriber();
        });
      }
      getInstance() {
        return this.subscriber;
      }
      /**
       * Associate this subscriber to a specific slot range.
       *
       * Returns the range or an empty array if the slot range couldn't be associated.
       *
       * BTW: This is more for debugging and testing purposes.
       *
       * @param range
       */
      associateSlotRange(range) {
        if (this.isSharded) {
          this.slotRange = range;
        }
        return this.slotRange;
      }
      start() {
        this.started = true;
        this.selectSubscriber();
        debug("started");
      }
      stop() {
        this.started = false;
        if (this.subscriber) {
          this.subscriber.disconnect();
          this.subscriber = null;
        }
      }
      isStarted() {
        return this.started;
      }
      selectSubscriber() {
        const lastActiveSubscriber = this.lastActiveSubscriber;
        if (lastActiveSubscriber) {
          lastActiveSubscriber.off("end", this.onSubscriberEnd);
          lastActiveSubscriber.disconnect();
        }
        if (this.subscriber) {
          this.subscriber.off("end", this.onSubscriberEnd);
          this.subscriber.disconnect();
        }
        const sampleNode = (0, utils_1.sample)(this.connectionPool.getNodes());
        if (!sampleNode) {
          debug("selecting subscriber failed since there is no node discovered in the cluster yet");
          this.subscriber = null;
          return;
        }
        const { options } = sampleNode;
        debug("selected a subscriber %s:%s", options.host, options.port);
        let connectionPrefix = "subscriber";
        if (this.isSharded)
          connectionPrefix = "ssubscriber";
        this.subscriber = new Redis_1.default({
          port: options.port,
          host: options.host,
          username: options.username,
          password: options.password,
          enableReadyCheck: true,
          connectionName: (0, util_1.getConnectionName)(connectionPrefix, options.connectionName),
          lazyConnect: true,
          tls: options.tls,
          // Don't try to reconnect the subscriber connection. If the connection fails
          // we will get an end event (handled below), at which point we'll pick a new
          // node from the pool and try to connect to that as the subscriber connection.
          retryStrategy: null
        });
        this.subscriber.on("error", utils_1.noop);
        this.subscriber.on("moved", () => {
          this.emitter.emit("forceRefresh");
        });
        this.subscriber.once("end", this.onSubscriberEnd);
        const previousChannels = { subscribe: [], psubscribe: [], ssubscribe: [] };
        if (lastActiveSubscriber) {
          const condition = lastActiveSubscriber.condition || lastActiveSubscriber.prevCondition;
          if (condition && condition.subscriber) {
            previousChannels.subscribe = condition.subscriber.channels("subscribe");
            previousChannels.psubscribe = condition.subscriber.channels("psubscribe");
            previousChannels.ssubscribe = condition.subscriber.channels("ssubscribe");
          }
        }
        if (previousChannels.subscribe.length || previousChannels.psubscribe.length || previousChannels.ssubscribe.length) {
          let pending2 = 0;
          for (const type of ["subscribe", "psubscribe", "ssubscribe"]) {
            const channels = previousChannels[type];
            if (channels.length == 0) {
              continue;
            }
            debug("%s %d channels", type, channels.length);
            if (type === "ssubscribe") {
              for (const channel of channels) {
                pending2 += 1;
                this.subscriber[type](channel).then(() => {
                  if (!--pending2) {
                    this.lastActiveSubscriber = this.subscriber;
                  }
                }).catch(() => {
                  debug("failed to ssubscribe to channel: %s", channel);
                });
              }
            } else {
              pending2 += 1;
              this.subscriber[type](channels).then(() => {
                if (!--pending2) {
                  this.lastActiveSubscriber = this.subscriber;
                }
              }).catch(() => {
                debug("failed to %s %d channels", type, channels.length);
              });
            }
          }
        } else {
          this.lastActiveSubscriber = this.subscriber;
        }
        for (const event of [
          "message",
          "messageBuffer"
        ]) {
          this.subscriber.on(event, (arg1, arg2) => {
            this.emitter.emit(event, arg1, arg2);
          });
        }
        for (const event of ["pmessage", "pmessageBuffer"]) {
          this.subscriber.on(event, (arg1, arg2, arg3) => {
            this.emitter.emit(event, arg1, arg2, arg3);
          });
        }
        if (this.isSharded == true) {
          for (const event of [
            "smessage",
            "smessageBuffer"
          ]) {
            this.subscriber.on(event, (arg1, arg2) => {
              this.emitter.emit(event, arg1, arg2);
            });
          }
        }
      }
    };
    exports.default = ClusterSubscriber;
  }
});

// node_modules/ioredis/built/cluster/ConnectionPool.js
var require_ConnectionPool = __commonJS({
  "node_modules/ioredis/built/cluster/ConnectionPool.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var events_1 = __require("events");
    var utils_1 = require_utils2();
    var util_1 = require_util();
    var Redis_1 = require_Redis();
    var debug = (0, utils_1.Debug)("cluster:connectionPool");
    var ConnectionPool = class extends events_1.EventEmitter {
      constructor(redisOptions) {
        super();
        this.redisOptions = redisOptions;
        this.nodes = {
          all: {},
          master: {},
          slave: {}
        };
        this.specifiedOptions = {};
      }
      getNodes(role = "all") {
        const nodes = this.nodes[role];
        return Object.keys(nodes).map((key) => nodes[key]);
      }
      getInstanceByKey(key) {
        return this.nodes.all[key];
      }
      getSampleInstance(role) {
        const keys = Object.keys(this.nodes[role]);
        const sampleKey = (0, utils_1.sample)(keys);
        return this.nodes[role][sampleKey];
      }
      /**
       * Add a master node to the pool
       * @param node
       */
      addMasterNode(node) {
        const key = (0, util_1.getNodeKey)(node.options);
        const redis2 = this.createRedisFromOptions(node, node.options.readOnly);
        if (!node.options.readOnly) {
          this.nodes.all[key] = redis2;
          this.nodes.master[key] = redis2;
          return true;
        }
        return false;
      }
      /**
       * Creates a Redis connection instance from the node options
       * @param node
       * @param readOnly
       */
      createRedisFromOptions(node, readOnly) {
        const redis2 = new Redis_1.default((0, utils_1.defaults)({
          // Never try to reconnect when a node is lose,
          // instead, waiting for a `MOVED` error and
          // fetch the slots again.
          retryStrategy: null,
          // Offline queue should be enabled so that
          // we don't need to wait for the `ready` event
          // before sending commands to the node.
          enableOfflineQueue: true,
          readOnly
        }, node, this.redisOptions, { lazyConnect: true }));
        return redis2;
      }
      /**
       * Find or create a connection to the node
       */
      findOrCreate(node, readOnly = false) {
        const key = (0, util_1.getNodeKey)(node);
        readOnly = Boolean(readOnly);
        if (this.specifiedOptions[key]) {
          Object.assign(node, this.specifiedOptions[key]);
        } else {
          this.specifiedOptions[key] = node;
        }
        let redis2;
        if (this.nodes.all[key]) {
          redis2 = this.nodes.all[key];
          if (redis2.options.readOnly !== readOnly) {
            redis2.options.readOnly = readOnly;
            debug("Change role of %s to %s", key, readOnly ? "slave" : "master");
            redis2[readOnly ? "readonly" : "readwrite"]().catch(utils_1.noop);
            if (readOnly) {
              delete this.nodes.master[key];
              this.nodes.slave[key] = redis2;
            } else {
              delete this.nodes.slave[key];
              this.nodes.master[key] = redis2;
            }
          }
        } else {
          debug("Connecting to %s as %s", key, readOnly ? "slave" : "master");
          redis2 = this.createRedisFromOptions(node, readOnly);
          this.nodes.all[key] = redis2;
          this.nodes[readOnly ? "slave" : "master"][key] = redis2;
          redis2.once("end", () => {
            this.removeNode(key);
            this.emit("-node", redis2, key);
            if (!Object.keys(this.nodes.all).length) {
              this.emit("drain");
            }
          });
          this.emit("+node", redis2, key);
          redis2.on("error", function(error) {
            this.emit("nodeError", error, key);
          });
        }
        return redis2;
      }
      /**
       * Reset the pool with a set of nodes.
       * The old node will be removed.
       */
      reset(nodes) {
        debug("Reset with %O", nodes);
        const newNodes = {};
        nodes.forEach((node) => {
          const key = (0, util_1.getNodeKey)(node);
          if (!(node.readOnly && newNodes[key])) {
            newNodes[key] = node;
          }
        });
        Object.keys(this.nodes.all).forEach((key) => {
          if (!newNodes[key]) {
            debug("Disconnect %s because the node does not hold any slot", key);
            this.nodes.all[key].disconnect();
            this.removeNode(key);
          }
        });
        Object.keys(newNodes).forEach((key) => {
          const node = newNodes[key];
          this.findOrCreate(node, node.readOnly);
        });
      }
      /**
       * Remove a node from the pool.
       */
      removeNode(key) {
        const { nodes } = this;
        if (nodes.all[key]) {
          debug("Remove %s from the pool", key);
          delete nodes.all[key];
        }
        delete nodes.master[key];
        delete nodes.slave[key];
      }
    };
    exports.default = ConnectionPool;
  }
});

// node_modules/denque/index.js
var require_denque = __commonJS({
  "node_modules/denque/index.js"(exports, module) {
    "use strict";
    function Denque(array, options) {
      var options = options || {};
      this._capacity = options.capacity;
      this._head = 0;
      this._tail = 0;
      if (Array.isArray(array)) {
        this._fromArray(array);
      } else {
        this._capacityMask = 3;
        this._list = new Array(4);
      }
    }
    Denque.prototype.peekAt = function peekAt(index) {
      var i = index;
      if (i !== (i | 0)) {
        return void 0;
      }
      var len = this.size();
      if (i >= len || i < -len) return void 0;
      if (i < 0) i += len;
      i = this._head + i & this._capacityMask;
      return this._list[i];
    };
    Denque.prototype.get = function get(i) {
      return this.peekAt(i);
    };
    Denque.prototype.peek = function peek() {
      if (this._head === this._tail) return void 0;
      return this._list[this._head];
    };
    Denque.prototype.peekFront = function peekFront() {
      return this.peek();
    };
    Denque.prototype.peekBack = function peekBack() {
      return this.peekAt(-1);
    };
    Object.defineProperty(Denque.prototype, "length", {
      get: function length() {
        return this.size();
      }
    });
    Denque.prototype.size = function size() {
      if (this._head === this._tail) return 0;
      if (this._head < this._tail) return this._tail - this._head;
      else return this._capacityMask + 1 - (this._head - this._tail);
    };
    Denque.prototype.unshift = function unshift(item) {
      if (arguments.length === 0) return this.size();
      var len = this._list.length;
      this._head = this._head - 1 + len & this._capacityMask;
      this._list[this._head] = item;
      if (this._tail === this._head) this._growArray();
      if (this._capacity && this.size() > this._capacity) this.pop();
      if (this._head < this._tail) return this._tail - this._head;
      else return this._capacityMask + 1 - (this._head - this._tail);
    };
    Denque.prototype.shift = function shift() {
      var head = this._head;
      if (head === this._tail) return void 0;
      var item = this._list[head];
      this._list[head] = void 0;
      this._head = head + 1 & this._capacityMask;
      if (head < 2 && this._tail > 1e4 && this._tail <= this._list.length >>> 2) this._shrinkArray();
      return item;
    };
    Denque.prototype.push = function push(item) {
      if (arguments.length === 0) return this.size();
      var tail = this._tail;
      this._list[tail] = item;
      this._tail = tail + 1 & this._capacityMask;
      if (this._tail === this._head) {
        this._growArray();
      }
      if (this._capacity && this.size() > this._capacity) {
        this.shift();
      }
      if (this._head < this._tail) return this._tail - this._head;
      else return this._capacityMask + 1 - (this._head - this._tail);
    };
    Denque.prototype.pop = function pop() {
      var tail = this._tail;
      if (tail === this._head) return void 0;
      var len = this._list.length;
      this._tail = tail - 1 + len & this._capacityMask;
      var item = this._list[this._tail];
      this._list[this._tail] = void 0;
      if (this._head < 2 && tail > 1e4 && tail <= len >>> 2) this._shrinkArray();
      return item;
    };
    Denque.prototype.removeOne = function removeOne(index) {
      var i = index;
      if (i !== (i | 0)) {
        return void 0;
      }
      if (this._head === this._tail) return void 0;
      var size = this.size();
      var len = this._list.length;
      if (i >= size || i < -size) return void 0;
      if (i < 0) i += size;
      i = this._head + i & this._capacityMask;
      var item = this._list[i];
      var k;
      if (index < size / 2) {
        for (k = index; k > 0; k--) {
          this._list[i] = this._list[i = i - 1 + len & this._capacityMask];
        }
        this._list[i] = void 0;
        this._head = this._head + 1 + len & this._capacityMask;
      } else {
        for (k = size - 1 - index; k > 0; k--) {
          this._list[i] = this._list[i = i + 1 + len & this._capacityMask];
        }
        this._list[i] = void 0;
        this._tail = this._tail - 1 + len & this._capacityMask;
      }
      return item;
    };
    Denque.prototype.remove = function remove(index, count) {
      var i = index;
      var removed;
      var del_count = count;
      if (i !== (i | 0)) {
        return void 0;
      }
      if (this._head === this._tail) return void 0;
      var size = this.size();
      var len = this._list.length;
      if (i >= size || i < -size || count < 1) return void 0;
      if (i < 0) i += size;
      if (count === 1 || !count) {
        removed = new Array(1);
        removed[0] = this.removeOne(i);
        return removed;
      }
      if (i === 0 && i + count >= size) {
        removed = this.toArray();
        this.clear();
        return removed;
      }
      if (i + count > size) count = size - i;
      var k;
      removed = new Array(count);
      for (k = 0; k < count; k++) {
        removed[k] = this._list[this._head + i + k & this._capacityMask];
      }
      i = this._head + i & this._capacityMask;
      if (index + count === size) {
        this._tail = this._tail - count + len & this._capacityMask;
        for (k = count; k > 0; k--) {
          this._list[i = i + 1 + len & this._capacityMask] = void 0;
        }
        return removed;
      }
      if (index === 0) {
        this._head = this._head + count + len & this._capacityMask;
        for (k = count - 1; k > 0; k--) {
          this._list[i = i + 1 + len & this._capacityMask] = void 0;
        }
        return removed;
      }
      if (i < size / 2) {
        this._head = this._head + index + count + len & this._capacityMask;
        for (k = index; k > 0; k--) {
          this.unshift(this._list[i = i - 1 + len & this._capacityMask]);
        }
        i = this._head - 1 + len & this._capacityMask;
        while (del_count > 0) {
          this._list[i = i - 1 + len & this._capacityMask] = void 0;
          del_count--;
        }
        if (index < 0) this._tail = i;
      } else {
        this._tail = i;
        i = i + count + len & this._capacityMask;
        for (k = size - (count + index); k > 0; k--) {
          this.push(this._list[i++]);
        }
        i = this._tail;
        while (del_count > 0) {
          this._list[i = i + 1 + len & this._capacityMask] = void 0;
          del_count--;
        }
      }
      if (this._head < 2 && this._tail > 1e4 && this._tail <= len >>> 2) this._shrinkArray();
      return removed;
    };
    Denque.prototype.splice = function splice(index, count) {
      var i = index;
      if (i !== (i | 0)) {
        return void 0;
      }
      var size = this.size();
      if (i < 0) i += size;
      if (i > size) return void 0;
      if (arguments.length > 2) {
        var k;
        var temp;
        var removed;
        var arg_len = arguments.length;
        var len = this._list.length;
        var arguments_index = 2;
        if (!size || i < size / 2) {
          temp = new Array(i);
          for (k = 0; k < i; k++) {
            temp[k] = this._list[this._head + k & this._capacityMask];
          }
          if (count === 0) {
            removed = [];
            if (i > 0) {
              this._head = this._head + i + len & this._capacityMask;
            }
          } else {
            removed = this.remove(i, count);
            this._head = this._head + i + len & this._capacityMask;
          }
          while (arg_len > arguments_index) {
            this.unshift(arguments[--arg_len]);
          }
          for (k = i; k > 0; k--) {
            this.unshift(temp[k - 1]);
          }
        } else {
          temp = new Array(size - (i + count));
          var leng = temp.length;
          for (k = 0; k < leng; k++) {
            temp[k] = this._list[this._head + i + count + k & this._capacityMask];
          }
          if (count === 0) {
            removed = [];
            if (i != size) {
              this._tail = this._head + i + len & this._capacityMask;
            }
          } else {
            removed = this.remove(i, count);
            this._tail = this._tail - leng + len & this._capacityMask;
          }
          while (arguments_index < arg_len) {
            this.push(arguments[arguments_index++]);
          }
          for (k = 0; k < leng; k++) {
            this.push(temp[k]);
          }
        }
        return removed;
      } else {
        return this.remove(i, count);
      }
    };
    Denque.prototype.clear = function clear() {
      this._list = new Array(this._list.length);
      this._head = 0;
      this._tail = 0;
    };
    Denque.prototype.isEmpty = function isEmpty() {
      return this._head === this._tail;
    };
    Denque.prototype.toArray = function toArray() {
      return this._copyArray(false);
    };
    Denque.prototype._fromArray = function _fromArray(array) {
      var length = array.length;
      var capacity = this._nextPowerOf2(length);
      this._list = new Array(capacity);
      this._capacityMask = capacity - 1;
      this._tail = length;
      for (var i = 0; i < length; i++) this._list[i] = array[i];
    };
    Denque.prototype._copyArray = function _copyArray(fullCopy, size) {
      var src = this._list;
      var capacity = src.length;
      var length = this.length;
      size = size | length;
      if (size == length && this._head < this._tail) {
        return this._list.slice(this._head, this._tail);
      }
      var dest = new Array(size);
      var k = 0;
      var i;
      if (fullCopy || this._head > this._tail) {
        for (i = this._head; i < capacity; i++) dest[k++] = src[i];
        for (i = 0; i < this._tail; i++) dest[k++] = src[i];
      } else {
        for (i = this._head; i < this._tail; i++) dest[k++] = src[i];
      }
      return dest;
    };
    Denque.prototype._growArray = function _growArray() {
      if (this._head != 0) {
        var newList = this._copyArray(true, this._list.length << 1);
        this._tail = this._list.length;
        this._head = 0;
        this._list = newList;
      } else {
        this._tail = this._list.length;
        this._list.length <<= 1;
      }
      this._capacityMask = this._capacityMask << 1 | 1;
    };
    Denque.prototype._shrinkArray = function _shrinkArray() {
      this._list.length >>>= 1;
      this._capacityMask >>>= 1;
    };
    Denque.prototype._nextPowerOf2 = function _nextPowerOf2(num) {
      var log2 = Math.log(num) / Math.log(2);
      var nextPow2 = 1 << log2 + 1;
      return Math.max(nextPow2, 4);
    };
    module.exports = Denque;
  }
});

// node_modules/ioredis/built/cluster/DelayQueue.js
var require_DelayQueue = __commonJS({
  "node_modules/ioredis/built/cluster/DelayQueue.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var utils_1 = require_utils2();
    var Deque = require_denque();
    var debug = (0, utils_1.Debug)("delayqueue");
    var DelayQueue = class {
      constructor() {
        this.queues = {};
        this.timeouts = {};
      }
      /**
       * Add a new item to the queue
       *
       * @param bucket bucket name
       * @param item function that will run later
       * @param options
       */
      push(bucket, item, options) {
        const callback = options.callback || process.nextTick;
        if (!this.queues[bucket]) {
          this.queues[bucket] = new Deque();
        }
        const queue = this.queues[bucket];
        queue.push(item);
        if (!this.timeouts[bucket]) {
          this.timeouts[bucket] = setTimeout(() => {
            callback(() => {
              this.timeouts[bucket] = null;
              this.execute(bucket);
            });
          }, options.timeout);
        }
      }
      execute(bucket) {
        const queue = this.queues[bucket];
        if (!queue) {
          return;
        }
        const { length } = queue;
        if (!length) {
          return;
        }
        debug("send %d commands in %s queue", length, bucket);
        this.queues[bucket] = null;
        while (queue.length > 0) {
          queue.shift()();
        }
      }
    };
    exports.default = DelayQueue;
  }
});

// node_modules/ioredis/built/cluster/ShardedSubscriber.js
var require_ShardedSubscriber = __commonJS({
  "node_modules/ioredis/built/cluster/ShardedSubscriber.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var util_1 = require_util();
    var utils_1 = require_utils2();
    var Redis_1 = require_Redis();
    var debug = (0, utils_1.Debug)("cluster:subscriberGroup:shardedSubscriber");
    var ShardedSubscriber = class {
      constructor(emitter, options) {
        this.emitter = emitter;
        this.started = false;
        this.instance = null;
        this.messageListeners = /* @__PURE__ */ new Map();
        this.onEnd = () => {
          this.started = false;
          this.emitter.emit("-node", this.instance, this.nodeKey);
        };
        this.onError = (error) => {
          this.emitter.emit("nodeError", error, this.nodeKey);
        };
        this.onMoved = () => {
          this.emitter.emit("moved");
        };
        this.instance = new Redis_1.default({
          port: options.port,
          host: options.host,
          username: options.username,
          password: options.password,
          enableReadyCheck: false,
          offlineQueue: true,
          connectionName: (0, util_1.getConnectionName)("ssubscriber", options.connectionName),
          lazyConnect: true,
          tls: options.tls,
          /**
           * Disable auto reconnection for subscribers.
           * The ClusterSubscriberGroup will handle the reconnection.
           */
          retryStrategy: null
        });
        this.nodeKey = (0, util_1.getNodeKey)(options);
        this.instance.once("end", this.onEnd);
        this.instance.on("error", this.onError);
        this.instance.on("moved", this.onMoved);
        for (const event of ["smessage", "smessageBuffer"]) {
          const listener = (...args) => {
            this.emitter.emit(event, ...args);
          };
          this.messageListeners.set(event, listener);
          this.instance.on(event, listener);
        }
      }
      async start() {
        if (this.started) {
          debug("already started %s", this.nodeKey);
          return;
        }
        try {
          await this.instance.connect();
          debug("started %s", this.nodeKey);
          this.started = true;
        } catch (err) {
          debug("failed to start %s: %s", this.nodeKey, err);
          this.started = false;
          throw err;
        }
      }
      stop() {
        this.started = false;
        if (this.instance) {
          this.instance.disconnect();
          this.instance.removeAllListeners();
          this.messageListeners.clear();
          this.instance = null;
        }
        debug("stopped %s", this.nodeKey);
      }
      isStarted() {
        return this.started;
      }
      getInstance() {
        return this.instance;
      }
      getNodeKey() {
        return this.nodeKey;
      }
    };
    exports.default = ShardedSubscriber;
  }
});

// node_modules/ioredis/built/cluster/ClusterSubscriberGroup.js
var require_ClusterSubscriberGroup = __commonJS({
  "node_modules/ioredis/built/cluster/ClusterSubscriberGroup.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var utils_1 = require_utils2();
    var util_1 = require_util();
    var calculateSlot = require_lib();
    var ShardedSubscriber_1 = require_ShardedSubscriber();
    var debug = (0, utils_1.Debug)("cluster:subscriberGroup");
    var ClusterSubscriberGroup = class _ClusterSubscriberGroup {
      /**
       * Register callbacks
       *
       * @param cluster
       */
      constructor(subscriberGroupEmitter) {
        this.subscriberGroupEmitter = subscriberGroupEmitter;
        this.shardedSubscribers = /* @__PURE__ */ new Map();
        this.clusterSlots = [];
        this.subscriberToSlotsIndex = /* @__PURE__ */ new Map();
        this.channels = /* @__PURE__ */ new Map();
        this.failedAttemptsByNode = /* @__PURE__ */ new Map();
        this.isResetting = false;
        this.pendingReset = null;
        this.handleSubscriberConnectFailed = (error, nodeKey) => {
          const currentAttempts = this.failedAttemptsByNode.get(nodeKey) || 0;
          const failedAttempts = currentAttempts + 1;
          this.failedAttemptsByNode.set(nodeKey, failedAttempts);
          const attempts = Math.min(failedAttempts, _ClusterSubscriberGroup.MAX_RETRY_ATTEMPTS);
          const backoff = Math.min(_ClusterSubscriberGroup.BASE_BACKOFF_MS * 2 ** attempts, _ClusterSubscriberGroup.MAX_BACKOFF_MS);
          const jitter = Math.floor((Math.random() - 0.5) * (backoff * 0.5));
          const delay = Math.max(0, backoff + jitter);
          debug("Failed to connect subscriber for %s. Refreshing slots in %dms", nodeKey, delay);
          this.subscriberGroupEmitter.emit("subscriberConnectFailed", {
            delay,
            error
          });
        };
        this.handleSubscriberConnectSucceeded = (nodeKey) => {
          this.failedAttemptsByNode.delete(nodeKey);
        };
      }
      /**
       * Get the responsible subscriber.
       *
       * @param slot
       */
      getResponsibleSubscriber(slot) {
        const nodeKey = this.clusterSlots[slot][0];
        return this.shardedSubscribers.get(nodeKey);
      }
      /**
       * Adds a channel for which this subscriber group is responsible
       *
       * @param channels
       */
      addChannels(channels) {
        const slot = calculateSlot(channels[0]);
        for (const c of channels) {
          if (calculateSlot(c) !== slot) {
            return -1;
          }
        }
        const currChannels = this.channels.get(slot);
        if (!currChannels) {
          this.channels.set(slot, channels);
        } else {
          this.channels.set(slot, currChannels.concat(channels));
        }
        return Array.from(this.channels.values()).reduce((sum, array) => sum + array.length, 0);
      }
      /**
       * Removes channels for which the subscriber group is responsible by optionally unsubscribing
       * @param channels
       */
      removeChannels(channels) {
        const slot = calculateSlot(channels[0]);
        for (const c of channels) {
          if (calculateSlot(c) !== slot) {
            return -1;
          }
        }
        const slotChannels = this.channels.get(slot);
        if (slotChannels) {
          const updatedChannels = slotChannels.filter((c) => !channels.includes(c));
          this.channels.set(slot, updatedChannels);
        }
        return Array.from(this.channels.values()).reduce((sum, array) => sum + array.length, 0);
      }
      /**
       * Disconnect all subscribers and clear some of the internal state.
       */
      stop() {
        for (const s of this.shardedSubscribers.values()) {
          s.stop();
        }
        this.pendingReset = null;
        this.shardedSubscribers.clear();
        this.subscriberToSlotsIndex.clear();
      }
      /**
       * Start all not yet started subscribers
       */
      start() {
        const startPromises = [];
        for (const s of this.shardedSubscribers.values()) {
          if (!s.isStarted()) {
            startPromises.push(s.start().then(() => {
              this.handleSubscriberConnectSucceeded(s.getNodeKey());
            }).catch((err) => {
              this.handleSubscriberConnectFailed(err, s.getNodeKey());
            }));
          }
        }
        return Promise.all(startPromises);
      }
      /**
       * Resets the subscriber group by disconnecting all subscribers that are no longer needed and connecting new ones.
       */
      async reset(clusterSlots, clusterNodes) {
        if (this.isResetting) {
          this.pendingReset = { slots: clusterSlots, nodes: clusterNodes };
          return;
        }
        this.isResetting = true;
        try {
          const hasTopologyChanged = this._refreshSlots(clusterSlots);
          const hasFailedSubscribers = this.hasUnhealthySubscribers();
          if (!hasTopologyChanged && !hasFailedSubscribers) {
            debug("No topology change detected or failed subscribers. Skipping reset.");
            return;
          }
          for (const [nodeKey, shardedSubscriber] of this.shardedSubscribers) {
            if (
              // If the subscriber is still responsible for a slot range and is running then keep it
              this.subscriberToSlotsIndex.has(nodeKey) && shardedSubscriber.isStarted()
            ) {
              debug("Skipping deleting subscriber for %s", nodeKey);
              continue;
            }
            debug("Removing subscriber for %s", nodeKey);
            shardedSubscriber.stop();
            this.shardedSubscribers.delete(nodeKey);
            this.subscriberGroupEmitter.emit("-subscriber");
          }
          const startPromises = [];
          for (const [nodeKey, _] of this.subscriberToSlotsIndex) {
            if (this.shardedSubscribers.has(nodeKey)) {
              debug("Skipping creating new subscriber for %s", nodeKey);
              continue;
            }
            debug("Creating new subscriber for %s", nodeKey);
            const redis2 = clusterNodes.find((node) => {
              return (0, util_1.getNodeKey)(node.options) === nodeKey;
            });
            if (!redis2) {
              debug("Failed to find node for key %s", nodeKey);
              continue;
            }
            const sub = new ShardedSubscriber_1.default(this.subscriberGroupEmitter, redis2.options);
            this.shardedSubscribers.set(nodeKey, sub);
            startPromises.push(sub.start().then(() => {
              this.handleSubscriberConnectSucceeded(nodeKey);
            }).catch((error) => {
              this.handleSubscriberConnectFailed(error, nodeKey);
            }));
            this.subscriberGroupEmitter.emit("+subscriber");
          }
          await Promise.all(startPromises);
          this._resubscribe();
          this.subscriberGroupEmitter.emit("subscribersReady");
        } finally {
          this.isResetting = false;
          if (this.pendingReset) {
            const { slots, nodes } = this.pendingReset;
            this.pendingReset = null;
            await this.reset(slots, nodes);
          }
        }
      }
      /**
       * Refreshes the subscriber-related slot ranges
       *
       * Returns false if no refresh was needed
       *
       * @param targetSlots
       */
      _refreshSlots(targetSlots) {
        if (this._slotsAreEqual(targetSlots)) {
          debug("Nothing to refresh because the new cluster map is equal to the previous one.");
          return false;
        }
        debug("Refreshing the slots of the subscriber group.");
        this.subscriberToSlotsIndex = /* @__PURE__ */ new Map();
        for (let slot = 0; slot < targetSlots.length; slot++) {
          const node = targetSlots[slot][0];
          if (!this.subscriberToSlotsIndex.has(node)) {
            this.subscriberToSlotsIndex.set(node, []);
          }
          this.subscriberToSlotsIndex.get(node).push(Number(slot));
        }
        this.clusterSlots = JSON.parse(JSON.stringify(targetSlots));
        return true;
      }
      /**
       * Resubscribes to the previous channels
       *
       * @private
       */
      _resubscribe() {
        if (this.shardedSubscribers) {
          this.shardedSubscribers.forEach((s, nodeKey) => {
            const subscriberSlots = this.subscriberToSlotsIndex.get(nodeKey);
            if (subscriberSlots) {
              subscriberSlots.forEach((ss) => {
                const redis2 = s.getInstance();
                const channels = this.channels.get(ss);
                if (channels && channels.length > 0) {
                  if (redis2.status === "end") {
                    return;
                  }
                  if (redis2.status === "ready") {
                    redis2.ssubscribe(...channels).catch((err) => {
                      debug("Failed to ssubscribe on node %s: %s", nodeKey, err);
                    });
                  } else {
                    redis2.once("ready", () => {
                      redis2.ssubscribe(...channels).catch((err) => {
                        debug("Failed to ssubscribe on node %s: %s", nodeKey, err);
                      });
                    });
                  }
                }
              });
            }
          });
        }
      }
      /**
       * Deep equality of the cluster slots objects
       *
       * @param other
       * @private
       */
      _slotsAreEqual(other) {
        if (this.clusterSlots === void 0) {
          return false;
        } else {
          return JSON.stringify(this.clusterSlots) === JSON.stringify(other);
        }
      }
      /**
       * Checks if any subscribers are in an unhealthy state.
       *
       * A subscriber is considered unhealthy if:
       * - It exists but is not started (failed/disconnected)
       * - It's missing entirely for a node that should have one
       *
       * @returns true if any subscribers need to be recreated
       */
      hasUnhealthySubscribers() {
        const hasFailedSubscribers = Array.from(this.shardedSubscribers.values()).some((sub) => !sub.isStarted());
        const hasMissingSubscribers = Array.from(this.subscriberToSlotsIndex.keys()).some((nodeKey) => !this.shardedSubscribers.has(nodeKey));
        return hasFailedSubscribers || hasMissingSubscribers;
      }
    };
    exports.default = ClusterSubscriberGroup;
    ClusterSubscriberGroup.MAX_RETRY_ATTEMPTS = 10;
    ClusterSubscriberGroup.MAX_BACKOFF_MS = 2e3;
    ClusterSubscriberGroup.BASE_BACKOFF_MS = 100;
  }
});

// node_modules/ioredis/built/cluster/index.js
var require_cluster = __commonJS({
  "node_modules/ioredis/built/cluster/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var commands_1 = require_built();
    var events_1 = __require("events");
    var redis_errors_1 = require_redis_errors();
    var standard_as_callback_1 = require_built2();
    var Command_1 = require_Command();
    var ClusterAllFailedError_1 = require_ClusterAllFailedError();
    var Redis_1 = require_Redis();
    var ScanStream_1 = require_ScanStream();
    var transaction_1 = require_transaction();
    var utils_1 = require_utils2();
    var applyMixin_1 = require_applyMixin();
    var Commander_1 = require_Commander();
    var ClusterOptions_1 = require_ClusterOptions();
    var ClusterSubscriber_1 = require_ClusterSubscriber();
    var ConnectionPool_1 = require_ConnectionPool();
    var DelayQueue_1 = require_DelayQueue();
    var util_1 = require_util();
    var Deque = require_denque();
    var ClusterSubscriberGroup_1 = require_ClusterSubscriberGroup();
    var debug = (0, utils_1.Debug)("cluster");
    var REJECT_OVERWRITTEN_COMMANDS = /* @__PURE__ */ new WeakSet();
    var Cluster = class _Cluster extends Commander_1.default {
      /**
       * Creates an instance of Cluster.
       */
      //TODO: Add an option that enables or disables sharded PubSub
      constructor(startupNodes, options = {}) {
        super();
        this.slots = [];
        this._groupsIds = {};
        this._groupsBySlot = Array(16384);
        this.isCluster = true;
        this.retryAttempts = 0;
        this.delayQueue = new DelayQueue_1.default();
        this.offlineQueue = new Deque();
        this.isRefreshing = false;
        this._refreshSlotsCacheCallbacks = [];
        this._autoPipelines = /* @__PURE__ */ new Map();
        this._runningAutoPipelines = /* @__PURE__ */ new Set();
        this._readyDelayedCallbacks = [];
        this.connectionEpoch = 0;
        events_1.EventEmitter.call(this);
        this.startupNodes = startupNodes;
        this.options = (0, utils_1.defaults)({}, options, ClusterOptions_1.DEFAULT_CLUSTER_OPTIONS, this.options);
        if (this.options.shardedSubscribers) {
          this.createShardedSubscriberGroup();
        }
        if (this.options.redisOptions && this.options.redisOptions.keyPrefix && !this.options.keyPrefix) {
          this.options.keyPrefix = this.options.redisOptions.keyPrefix;
        }
        if (typeof this.options.scaleReads !== "function" && ["all", "master", "slave"].indexOf(this.options.scaleReads) === -1) {
          throw new Error('Invalid option scaleReads "' + this.options.scaleReads + '". Expected "all", "master", "slave" or a custom function');
        }
        this.connectionPool = new ConnectionPool_1.default(this.options.redisOptions);
        this.connectionPool.on("-node", (redis2, key) => {
          this.emit("-node", redis2);
        });
        this.connectionPool.on("+node", (redis2) => {
          this.emit("+node", redis2);
        });
        this.connectionPool.on("drain", () => {
          this.setStatus("close");
        });
        this.connectionPool.on("nodeError", (error, key) => {
          this.emit("node error", error, key);
        });
        this.subscriber = new ClusterSubscriber_1.default(this.connectionPool, this);
        if (this.options.scripts) {
          Object.entries(this.options.scripts).forEach(([name, definition]) => {
            this.defineCommand(name, definition);
          });
        }
        if (this.options.lazyConnect) {
          this.setStatus("wait");
        } else {
          this.connect().catch((err) => {
            debug("connecting failed: %s", err);
          });
        }
      }
      /**
       * Connect to a cluster
       */
      connect() {
        return new Promise((resolve, reject2) => {
          if (this.status === "connecting" || this.status === "connect" || this.status === "ready") {
            reject2(new Error("Redis is already connecting/connected"));
            return;
          }
          const epoch = ++this.connectionEpoch;
          this.setStatus("connecting");
          this.resolveStartupNodeHostnames().then((nodes) => {
            if (this.connectionEpoch !== epoch) {
              debug("discard connecting after resolving startup nodes because epoch not match: %d != %d", epoch, this.connectionEpoch);
              reject2(new redis_errors_1.RedisError("Connection is discarded because a new connection is made"));
              return;
            }
            if (this.status !== "connecting") {
              debug("discard connecting after resolving startup nodes because the status changed to %s", this.status);
              reject2(new redis_errors_1.RedisError("Connection is aborted"));
              return;
            }
            this.connectionPool.reset(nodes);
            if (this.options.shardedSubscribers) {
              this.shardedSubscribers.reset(this.slots, this.connectionPool.getNodes("all")).catch((err) => {
                debug("Error while starting subscribers: %s", err);
              });
            }
            const readyHandler = () => {
              this.setStatus("ready");
              this.retryAttempts = 0;
              this.executeOfflineCommands();
              this.resetNodesRefreshInterval();
              resolve();
            };
            let closeListener = void 0;
            const refreshListener = () => {
              this.invokeReadyDelayedCallbacks(void 0);
              this.removeListener("close", closeListener);
              this.manuallyClosing = false;
              this.setStatus("connect");
              if (this.options.enableReadyCheck) {
                this.readyCheck((err, fail2) => {
                  if (err || fail2) {
                    debug("Ready check failed (%s). Reconnecting...", err || fail2);
                    if (this.status === "connect") {
                      this.disconnect(true);
                    }
                  } else {
                    readyHandler();
                  }
                });
              } else {
                readyHandler();
              }
            };
            closeListener = () => {
              const error = new Error("None of startup nodes is available");
              this.removeListener("refresh", refreshListener);
              this.invokeReadyDelayedCallbacks(error);
              reject2(error);
            };
            this.once("refresh", refreshListener);
            this.once("close", closeListener);
            this.once("close", this.handleCloseEvent.bind(this));
            this.refreshSlotsCache((err) => {
              if (err && err.message === ClusterAllFailedError_1.default.defaultMessage) {
                Redis_1.default.prototype.silentEmit.call(this, "error", err);
                this.connectionPool.reset([]);
              }
            });
            this.subscriber.start();
            if (this.options.shardedSubscribers) {
              this.shardedSubscribers.start().catch((err) => {
                debug("Error while starting subscribers: %s", err);
              });
            }
          }).catch((err) => {
            this.setStatus("close");
            this.handleCloseEvent(err);
            this.invokeReadyDelayedCallbacks(err);
            reject2(err);
          });
        });
      }
      /**
       * Disconnect from every node in the cluster.
       */
      disconnect(reconnect = false) {
        const status = this.status;
        this.setStatus("disconnecting");
        if (!reconnect) {
          this.manuallyClosing = true;
        }
        if (this.reconnectTimeout && !reconnect) {
          clearTimeout(this.reconnectTimeout);
          this.reconnectTimeout = null;
          debug("Canceled reconnecting attempts");
        }
        this.clearNodesRefreshInterval();
        this.subscriber.stop();
        if (this.options.shardedSubscribers) {
          this.shardedSubscribers.stop();
        }
        if (status === "wait") {
          this.setStatus("close");
          this.handleCloseEvent();
        } else {
          this.connectionPool.reset([]);
        }
      }
      /**
       * Quit the cluster gracefully.
       */
      quit(callback) {
        const status = this.status;
        this.setStatus("disconnecting");
        this.manuallyClosing = true;
        if (this.reconnectTimeout) {
          clearTimeout(this.reconnectTimeout);
          this.reconnectTimeout = null;
        }
        this.clearNodesRefreshInterval();
        this.subscriber.stop();
        if (this.options.shardedSubscribers) {
          this.shardedSubscribers.stop();
        }
        if (status === "wait") {
          const ret = (0, standard_as_callback_1.default)(Promise.resolve("OK"), callback);
          setImmediate(function() {
            this.setStatus("close");
            this.handleCloseEvent();
          }.bind(this));
          return ret;
        }
        return (0, standard_as_callback_1.default)(Promise.all(this.nodes().map((node) => node.quit().catch((err) => {
          if (err.message === utils_1.CONNECTION_CLOSED_ERROR_MSG) {
            return "OK";
          }
          throw err;
        }))).then(() => "OK"), callback);
      }
      /**
       * Create a new instance with the same startup nodes and options as the current one.
       *
       * @example
       * ```js
       * var cluster = new Redis.Cluster([{ host: "127.0.0.1", port: "30001" }]);
       * var anotherCluster = cluster.duplicate();
       * ```
       */
      duplicate(overrideStartupNodes = [], overrideOptions = {}) {
        const startupNodes = overrideStartupNodes.length > 0 ? overrideStartupNodes : this.startupNodes.slice(0);
        const options = Object.assign({}, this.options, overrideOptions);
        return new _Cluster(startupNodes, options);
      }
      /**
       * Get nodes with the specified role
       */
      nodes(role = "all") {
        if (role !== "all" && role !== "master" && role !== "slave") {
          throw new Error('Invalid role "' + role + '". Expected "all", "master" or "slave"');
        }
        return this.connectionPool.getNodes(role);
      }
      /**
       * This is needed in order not to install a listener for each auto pipeline
       *
       * @ignore
       */
      delayUntilReady(callback) {
        this._readyDelayedCallbacks.push(callback);
      }
      /**
       * Get the number of commands queued in automatic pipelines.
       *
       * This is not available (and returns 0) until the cluster is connected and slots information have been received.
       */
      get autoPipelineQueueSize() {
        let queued = 0;
        for (const pipeline of this._autoPipelines.values()) {
          queued += pipeline.length;
        }
        return queued;
      }
      /**
       * Refresh the slot cache
       *
       * @ignore
       */
      refreshSlotsCache(callback) {
        if (callback) {
          this._refreshSlotsCacheCallbacks.push(callback);
        }
        if (this.isRefreshing) {
          return;
        }
        this.isRefreshing = true;
        const _this = this;
        const wrapper = (error) => {
          this.isRefreshing = false;
          for (const callback2 of this._refreshSlotsCacheCallbacks) {
            callback2(error);
          }
          this._refreshSlotsCacheCallbacks = [];
        };
        const nodes = (0, utils_1.shuffle)(this.connectionPool.getNodes());
        let lastNodeError = null;
        function tryNode(index) {
          if (index === nodes.length) {
            const error = new ClusterAllFailedError_1.default(ClusterAllFailedError_1.default.defaultMessage, lastNodeError);
            return wrapper(error);
          }
          const node = nodes[index];
          const key = `${node.options.host}:${node.options.port}`;
          debug("getting slot cache from %s", key);
          _this.getInfoFromNode(node, function(err) {
            switch (_this.status) {
              case "close":
              case "end":
                return wrapper(new Error("Cluster is disconnected."));
              case "disconnecting":
                return wrapper(new Error("Cluster is disconnecting."));
            }
            if (err) {
              _this.emit("node error", err, key);
              lastNodeError = err;
              tryNode(index + 1);
            } else {
              _this.emit("refresh");
              wrapper();
            }
          });
        }
        tryNode(0);
      }
      /**
       * @ignore
       */
      sendCommand(command, stream, node) {
        if (this.status === "wait") {
          this.connect().catch(utils_1.noop);
        }
        if (this.status === "end") {
          command.reject(new Error(utils_1.CONNECTION_CLOSED_ERROR_MSG));
          return command.promise;
        }
        let to2 = this.options.scaleReads;
        if (to2 !== "master") {
          const isCommandReadOnly = command.isReadOnly || (0, commands_1.exists)(command.name) && (0, commands_1.hasFlag)(command.name, "readonly");
          if (!isCommandReadOnly) {
            to2 = "master";
          }
        }
        let targetSlot = node ? node.slot : command.getSlot();
        const ttl = {};
        const _this = this;
        if (!node && !REJECT_OVERWRITTEN_COMMANDS.has(command)) {
          REJECT_OVERWRITTEN_COMMANDS.add(command);
          const reject2 = command.reject;
          command.reject = function(err) {
            const partialTry = tryConnection.bind(null, true);
            _this.handleError(err, ttl, {
              moved: function(slot, key) {
                debug("command %s is moved to %s", command.name, key);
                targetSlot = Number(slot);
                if (_this.slots[slot]) {
                  _this.slots[slot][0] = key;
                } else {
                  _this.slots[slot] = [key];
                }
                _this._groupsBySlot[slot] = _this._groupsIds[_this.slots[slot].join(";")];
                _this.connectionPool.findOrCreate(_this.natMapper(key));
                tryConnection();
                debug("refreshing slot caches... (triggered by MOVED error)");
                _this.refreshSlotsCache();
              },
              ask: function(slot, key) {
                debug("command %s is required to ask %s:%s", command.name, key);
                const mapped = _this.natMapper(key);
                _this.connectionPool.findOrCreate(mapped);
                tryConnection(false, `${mapped.host}:${mapped.port}`);
              },
              tryagain: partialTry,
              clusterDown: partialTry,
              connectionClosed: partialTry,
              maxRedirections: function(redirectionError) {
                reject2.call(command, redirectionError);
              },
              defaults: function() {
                reject2.call(command, err);
              }
            });
          };
        }
        tryConnection();
        function tryConnection(random, asking) {
          if (_this.status === "end") {
            command.reject(new redis_errors_1.AbortError("Cluster is ended."));
            return;
          }
          let redis2;
          if (_this.status === "ready" || command.name === "cluster") {
            if (node && node.redis) {
              redis2 = node.redis;
            } else if (Command_1.default.checkFlag("ENTER_SUBSCRIBER_MODE", command.name) || Command_1.default.checkFlag("EXIT_SUBSCRIBER_MODE", command.name)) {
              if (_this.options.shardedSubscribers && (command.name == "ssubscribe" || command.name == "sunsubscribe")) {
                const sub = _this.shardedSubscribers.getResponsibleSubscriber(targetSlot);
                if (!sub) {
                  command.reject(new redis_errors_1.AbortError(`No sharded subscriber for slot: ${targetSlot}`));
                  return;
                }
                let status = -1;
                if (command.name == "ssubscribe") {
                  status = _this.shardedSubscribers.addChannels(command.getKeys());
                }
                if (command.name == "sunsubscribe") {
                  status = _this.shardedSubscribers.removeChannels(command.getKeys());
                }
                if (status !== -1) {
                  redis2 = sub.getInstance();
                } else {
                  command.reject(new redis_errors_1.AbortError("Possible CROSSSLOT error: All channels must hash to the same slot"));
                }
              } else {
                redis2 = _this.subscriber.getInstance();
              }
              if (!redis2) {
                command.reject(new redis_errors_1.AbortError("No subscriber for the cluster"));
                return;
              }
            } else {
              if (!random) {
                if (typeof targetSlot === "number" && _this.slots[targetSlot]) {
                  const nodeKeys = _this.slots[targetSlot];
                  if (typeof to2 === "function") {
                    const nodes = nodeKeys.map(function(key) {
                      return _this.connectionPool.getInstanceByKey(key);
                    });
                    redis2 = to2(nodes, command);
                    if (Array.isArray(redis2)) {
                      redis2 = (0, utils_1.sample)(redis2);
                    }
                    if (!redis2) {
                      redis2 = nodes[0];
                    }
                  } else {
                    let key;
                    if (to2 === "all") {
                      key = (0, utils_1.sample)(nodeKeys);
                    } else if (to2 === "slave" && nodeKeys.length > 1) {
                      key = (0, utils_1.sample)(nodeKeys, 1);
                    } else {
                      key = nodeKeys[0];
                    }
                    redis2 = _this.connectionPool.getInstanceByKey(key);
                  }
                }
                if (asking) {
                  redis2 = _this.connectionPool.getInstanceByKey(asking);
                  redis2.asking();
                }
              }
              if (!redis2) {
                redis2 = (typeof to2 === "function" ? null : _this.connectionPool.getSampleInstance(to2)) || _this.connectionPool.getSampleInstance("all");
              }
            }
            if (node && !node.redis) {
              node.redis = redis2;
            }
          }
          if (redis2) {
            redis2.sendCommand(command, stream);
          } else if (_this.options.enableOfflineQueue) {
            _this.offlineQueue.push({
              command,
              stream,
              node
            });
          } else {
            command.reject(new Error("Cluster isn't ready and enableOfflineQueue options is false"));
          }
        }
        return command.promise;
      }
      sscanStream(key, options) {
        return this.createScanStream("sscan", { key, options });
      }
      sscanBufferStream(key, options) {
        return this.createScanStream("sscanBuffer", { key, options });
      }
      hscanStream(key, options) {
        return this.createScanStream("hscan", { key, options });
      }
      hscanBufferStream(key, options) {
        return this.createScanStream("hscanBuffer", { key, options });
      }
      zscanStream(key, options) {
        return this.createScanStream("zscan", { key, options });
      }
      zscanBufferStream(key, options) {
        return this.createScanStream("zscanBuffer", { key, options });
      }
      /**
       * @ignore
       */
      handleError(error, ttl, handlers) {
        if (typeof ttl.value === "undefined") {
          ttl.value = this.options.maxRedirections;
        } else {
          ttl.value -= 1;
        }
        if (ttl.value <= 0) {
          handlers.maxRedirections(new Error("Too many Cluster redirections. Last error: " + error));
          return;
        }
        const errv = error.message.split(" ");
        if (errv[0] === "MOVED") {
          const timeout = this.options.retryDelayOnMoved;
          if (timeout && typeof timeout === "number") {
            this.delayQueue.push("moved", handlers.moved.bind(null, errv[1], errv[2]), { timeout });
          } else {
            handlers.moved(errv[1], errv[2]);
          }
        } else if (errv[0] === "ASK") {
          handlers.ask(errv[1], errv[2]);
        } else if (errv[0] === "TRYAGAIN") {
          this.delayQueue.push("tryagain", handlers.tryagain, {
            timeout: this.options.retryDelayOnTryAgain
          });
        } else if (errv[0] === "CLUSTERDOWN" && this.options.retryDelayOnClusterDown > 0) {
          this.delayQueue.push("clusterdown", handlers.connectionClosed, {
            timeout: this.options.retryDelayOnClusterDown,
            callback: this.refreshSlotsCache.bind(this)
          });
        } else if (error.message === utils_1.CONNECTION_CLOSED_ERROR_MSG && this.options.retryDelayOnFailover > 0 && this.status === "ready") {
          this.delayQueue.push("failover", handlers.connectionClosed, {
            timeout: this.options.retryDelayOnFailover,
            callback: this.refreshSlotsCache.bind(this)
          });
        } else {
          handlers.defaults();
        }
      }
      resetOfflineQueue() {
        this.offlineQueue = new Deque();
      }
      clearNodesRefreshInterval() {
        if (this.slotsTimer) {
          clearTimeout(this.slotsTimer);
          this.slotsTimer = null;
        }
      }
      resetNodesRefreshInterval() {
        if (this.slotsTimer || !this.options.slotsRefreshInterval) {
          return;
        }
        const nextRound = () => {
          this.slotsTimer = setTimeout(() => {
            debug('refreshing slot caches... (triggered by "slotsRefreshInterval" option)');
            this.refreshSlotsCache(() => {
              nextRound();
            });
          }, this.options.slotsRefreshInterval);
        };
        nextRound();
      }
      /**
       * Change cluster instance's status
       */
      setStatus(status) {
        debug("status: %s -> %s", this.status || "[empty]", status);
        this.status = status;
        process.nextTick(() => {
          this.emit(status);
        });
      }
      /**
       * Called when closed to check whether a reconnection should be made
       */
      handleCloseEvent(reason) {
        var _a;
        if (reason) {
          debug("closed because %s", reason);
        }
        let retryDelay;
        if (!this.manuallyClosing && typeof this.options.clusterRetryStrategy === "function") {
          retryDelay = this.options.clusterRetryStrategy.call(this, ++this.retryAttempts, reason);
        }
        if (typeof retryDelay === "number") {
          this.setStatus("reconnecting");
          this.reconnectTimeout = setTimeout(() => {
            this.reconnectTimeout = null;
            debug("Cluster is disconnected. Retrying after %dms", retryDelay);
            this.connect().catch(function(err) {
              debug("Got error %s when reconnecting. Ignoring...", err);
            });
          }, retryDelay);
        } else {
          if (this.options.shardedSubscribers) {
            (_a = this.subscriberGroupEmitter) === null || _a === void 0 ? void 0 : _a.removeAllListeners();
          }
          this.setStatus("end");
          this.flushQueue(new Error("None of startup nodes is available"));
        }
      }
      /**
       * Flush offline queue with error.
       */
      flushQueue(error) {
        let item;
        while (item = this.offlineQueue.shift()) {
          item.command.reject(error);
        }
      }
      executeOfflineCommands() {
        if (this.offlineQueue.length) {
          debug("send %d commands in offline queue", this.offlineQueue.length);
          const offlineQueue = this.offlineQueue;
          this.resetOfflineQueue();
          let item;
          while (item = offlineQueue.shift()) {
            this.sendCommand(item.command, item.stream, item.node);
          }
        }
      }
      natMapper(nodeKey) {
        const key = typeof nodeKey === "string" ? nodeKey : `${nodeKey.host}:${nodeKey.port}`;
        let mapped = null;
        if (this.options.natMap && typeof this.options.natMap === "function") {
          mapped = this.options.natMap(key);
        } else if (this.options.natMap && typeof this.options.natMap === "object") {
          mapped = this.options.natMap[key];
        }
        if (mapped) {
          debug("NAT mapping %s -> %O", key, mapped);
          return Object.assign({}, mapped);
        }
        return typeof nodeKey === "string" ? (0, util_1.nodeKeyToRedisOptions)(nodeKey) : nodeKey;
      }
      getInfoFromNode(redis2, callback) {
        if (!redis2) {
          return callback(new Error("Node is disconnected"));
        }
        const duplicatedConnection = redis2.duplicate({
          enableOfflineQueue: true,
          enableReadyCheck: false,
          retryStrategy: null,
          connectionName: (0, util_1.getConnectionName)("refresher", this.options.redisOptions && this.options.redisOptions.connectionName)
        });
        duplicatedConnection.on("error", utils_1.noop);
        duplicatedConnection.cluster("SLOTS", (0, utils_1.timeout)((err, result) => {
          duplicatedConnection.disconnect();
          if (err) {
            debug("error encountered running CLUSTER.SLOTS: %s", err);
            return callback(err);
          }
          if (this.status === "disconnecting" || this.status === "close" || this.status === "end") {
            debug("ignore CLUSTER.SLOTS results (count: %d) since cluster status is %s", result.length, this.status);
            callback();
            return;
          }
          const nodes = [];
          debug("cluster slots result count: %d", result.length);
          for (let i = 0; i < result.length; ++i) {
            const items = result[i];
            const slotRangeStart = items[0];
            const slotRangeEnd = items[1];
            const keys = [];
            for (let j2 = 2; j2 < items.length; j2++) {
              if (!items[j2][0]) {
                continue;
              }
              const node = this.natMapper({
                host: items[j2][0],
                port: items[j2][1]
              });
              node.readOnly = j2 !== 2;
              nodes.push(node);
              keys.push(node.host + ":" + node.port);
            }
            debug("cluster slots result [%d]: slots %d~%d served by %s", i, slotRangeStart, slotRangeEnd, keys);
            for (let slot = slotRangeStart; slot <= slotRangeEnd; slot++) {
              this.slots[slot] = keys;
            }
          }
          this._groupsIds = /* @__PURE__ */ Object.create(null);
          let j = 0;
          for (let i = 0; i < 16384; i++) {
            const target = (this.slots[i] || []).join(";");
            if (!target.length) {
              this._groupsBySlot[i] = void 0;
              continue;
            }
            if (!this._groupsIds[target]) {
              this._groupsIds[target] = ++j;
            }
            this._groupsBySlot[i] = this._groupsIds[target];
          }
          this.connectionPool.reset(nodes);
          if (this.options.shardedSubscribers) {
            this.shardedSubscribers.reset(this.slots, this.connectionPool.getNodes("all")).catch((err2) => {
              debug("Error while starting subscribers: %s", err2);
            });
          }
          callback();
        }, this.options.slotsRefreshTimeout));
      }
      invokeReadyDelayedCallbacks(err) {
        for (const c of this._readyDelayedCallbacks) {
          process.nextTick(c, err);
        }
        this._readyDelayedCallbacks = [];
      }
      /**
       * Check whether Cluster is able to process commands
       */
      readyCheck(callback) {
        this.cluster("INFO", (err, res) => {
          if (err) {
            return callback(err);
          }
          if (typeof res !== "string") {
            return callback();
          }
          let state;
          const lines2 = res.split("\r\n");
          for (let i = 0; i < lines2.length; ++i) {
            const parts = lines2[i].split(":");
            if (parts[0] === "cluster_state") {
              state = parts[1];
              break;
            }
          }
          if (state === "fail") {
            debug("cluster state not ok (%s)", state);
            callback(null, state);
          } else {
            callback();
          }
        });
      }
      resolveSrv(hostname) {
        return new Promise((resolve, reject2) => {
          this.options.resolveSrv(hostname, (err, records) => {
            if (err) {
              return reject2(err);
            }
            const self = this, groupedRecords = (0, util_1.groupSrvRecords)(records), sortedKeys = Object.keys(groupedRecords).sort((a, b) => parseInt(a) - parseInt(b));
            function tryFirstOne(err2) {
              if (!sortedKeys.length) {
                return reject2(err2);
              }
              const key = sortedKeys[0], group = groupedRecords[key], record2 = (0, util_1.weightSrvRecords)(group);
              if (!group.records.length) {
                sortedKeys.shift();
              }
              self.dnsLookup(record2.name).then((host) => resolve({
                host,
                port: record2.port
              }), tryFirstOne);
            }
            tryFirstOne();
          });
        });
      }
      dnsLookup(hostname) {
        return new Promise((resolve, reject2) => {
          this.options.dnsLookup(hostname, (err, address) => {
            if (err) {
              debug("failed to resolve hostname %s to IP: %s", hostname, err.message);
              reject2(err);
            } else {
              debug("resolved hostname %s to IP %s", hostname, address);
              resolve(address);
            }
          });
        });
      }
      /**
       * Normalize startup nodes, and resolving hostnames to IPs.
       *
       * This process happens every time when #connect() is called since
       * #startupNodes and DNS records may chanage.
       */
      async resolveStartupNodeHostnames() {
        if (!Array.isArray(this.startupNodes) || this.startupNodes.length === 0) {
          throw new Error("`startupNodes` should contain at least one node.");
        }
        const startupNodes = (0, util_1.normalizeNodeOptions)(this.startupNodes);
        const hostnames = (0, util_1.getUniqueHostnamesFromOptions)(startupNodes);
        if (hostnames.length === 0) {
          return startupNodes;
        }
        const configs = await Promise.all(hostnames.map((this.options.useSRVRecords ? this.resolveSrv : this.dnsLookup).bind(this)));
        const hostnameToConfig = (0, utils_1.zipMap)(hostnames, configs);
        return startupNodes.map((node) => {
          const config = hostnameToConfig.get(node.host);
          if (!config) {
            return node;
          }
          if (this.options.useSRVRecords) {
            return Object.assign({}, node, config);
          }
          return Object.assign({}, node, { host: config });
        });
      }
      createScanStream(command, { key, options = {} }) {
        return new ScanStream_1.default({
          objectMode: true,
          key,
          redis: this,
          command,
          ...options
        });
      }
      createShardedSubscriberGroup() {
        this.subscriberGroupEmitter = new events_1.EventEmitter();
        this.shardedSubscribers = new ClusterSubscriberGroup_1.default(this.subscriberGroupEmitter);
        const refreshSlotsCacheCallback = (err) => {
          if (err instanceof ClusterAllFailedError_1.default) {
            this.disconnect(true);
          }
        };
        this.subscriberGroupEmitter.on("-node", (redis2, nodeKey) => {
          this.emit("-node", redis2, nodeKey);
          this.refreshSlotsCache(refreshSlotsCacheCallback);
        });
        this.subscriberGroupEmitter.on("subscriberConnectFailed", ({ delay, error }) => {
          this.emit("error", error);
          setTimeout(() => {
            this.refreshSlotsCache(refreshSlotsCacheCallback);
          }, delay);
        });
        this.subscriberGroupEmitter.on("moved", () => {
          this.refreshSlotsCache(refreshSlotsCacheCallback);
        });
        this.subscriberGroupEmitter.on("-subscriber", () => {
          this.emit("-subscriber");
        });
        this.subscriberGroupEmitter.on("+subscriber", () => {
          this.emit("+subscriber");
        });
        this.subscriberGroupEmitter.on("nodeError", (error, nodeKey) => {
          this.emit("nodeError", error, nodeKey);
        });
        this.subscriberGroupEmitter.on("subscribersReady", () => {
          this.emit("subscribersReady");
        });
        for (const event of ["smessage", "smessageBuffer"]) {
          this.subscriberGroupEmitter.on(event, (arg1, arg2, arg3) => {
            this.emit(event, arg1, arg2, arg3);
          });
        }
      }
    };
    (0, applyMixin_1.default)(Cluster, events_1.EventEmitter);
    (0, transaction_1.addTransactionSupport)(Cluster.prototype);
    exports.default = Cluster;
  }
});

// node_modules/ioredis/built/connectors/AbstractConnector.js
var require_AbstractConnector = __commonJS({
  "node_modules/ioredis/built/connectors/AbstractConnector.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var utils_1 = require_utils2();
    var debug = (0, utils_1.Debug)("AbstractConnector");
    var AbstractConnector = class {
      constructor(disconnectTimeout) {
        this.connecting = false;
        this.disconnectTimeout = disconnectTimeout;
      }
      check(info) {
        return true;
      }
      disconnect() {
        this.connecting = false;
        if (this.stream) {
          const stream = this.stream;
          const timeout = setTimeout(() => {
            debug("stream %s:%s still open, destroying it", stream.remoteAddress, stream.remotePort);
            stream.destroy();
          }, this.disconnectTimeout);
          stream.on("close", () => clearTimeout(timeout));
          stream.end();
        }
      }
    };
    exports.default = AbstractConnector;
  }
});

// node_modules/ioredis/built/connectors/StandaloneConnector.js
var require_StandaloneConnector = __commonJS({
  "node_modules/ioredis/built/connectors/StandaloneConnector.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var net_1 = __require("net");
    var tls_1 = __require("tls");
    var utils_1 = require_utils2();
    var AbstractConnector_1 = require_AbstractConnector();
    var StandaloneConnector = class extends AbstractConnector_1.default {
      constructor(options) {
        super(options.disconnectTimeout);
        this.options = options;
      }
      connect(_) {
        const { options } = this;
        this.connecting = true;
        let connectionOptions;
        if ("path" in options && options.path) {
          connectionOptions = {
            path: options.path
          };
        } else {
          connectionOptions = {};
          if ("port" in options && options.port != null) {
            connectionOptions.port = options.port;
          }
          if ("host" in options && options.host != null) {
            connectionOptions.host = options.host;
          }
          if ("family" in options && options.family != null) {
            connectionOptions.family = options.family;
          }
        }
        if (options.tls) {
          Object.assign(connectionOptions, options.tls);
        }
        return new Promise((resolve, reject2) => {
          process.nextTick(() => {
            if (!this.connecting) {
              reject2(new Error(utils_1.CONNECTION_CLOSED_ERROR_MSG));
              return;
            }
            try {
              if (options.tls) {
                this.stream = (0, tls_1.connect)(connectionOptions);
              } else {
                this.stream = (0, net_1.createConnection)(connectionOptions);
              }
            } catch (err) {
              reject2(err);
              return;
            }
            this.stream.once("error", (err) => {
              this.firstError = err;
            });
            resolve(this.stream);
          });
        });
      }
    };
    exports.default = StandaloneConnector;
  }
});

// node_modules/ioredis/built/connectors/SentinelConnector/SentinelIterator.js
var require_SentinelIterator = __commonJS({
  "node_modules/ioredis/built/connectors/SentinelConnector/SentinelIterator.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    function isSentinelEql(a, b) {
      return (a.host || "127.0.0.1") === (b.host || "127.0.0.1") && (a.port || 26379) === (b.port || 26379);
    }
    var SentinelIterator = class {
      constructor(sentinels) {
        this.cursor = 0;
        this.sentinels = sentinels.slice(0);
      }
      next() {
        const done2 = this.cursor >= this.sentinels.length;
        return { done: done2, value: done2 ? void 0 : this.sentinels[this.cursor++] };
      }
      reset(moveCurrentEndpointToFirst) {
        if (moveCurrentEndpointToFirst && this.sentinels.length > 1 && this.cursor !== 1) {
          this.sentinels.unshift(...this.sentinels.splice(this.cursor - 1));
        }
        this.cursor = 0;
      }
      add(sentinel) {
        for (let i = 0; i < this.sentinels.length; i++) {
          if (isSentinelEql(sentinel, this.sentinels[i])) {
            return false;
          }
        }
        this.sentinels.push(sentinel);
        return true;
      }
      toString() {
        return `${JSON.stringify(this.sentinels)} @${this.cursor}`;
      }
    };
    exports.default = SentinelIterator;
  }
});

// node_modules/ioredis/built/connectors/SentinelConnector/FailoverDetector.js
var require_FailoverDetector = __commonJS({
  "node_modules/ioredis/built/connectors/SentinelConnector/FailoverDetector.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.FailoverDetector = void 0;
    var utils_1 = require_utils2();
    var debug = (0, utils_1.Debug)("FailoverDetector");
    var CHANNEL_NAME = "+switch-master";
    var FailoverDetector = class {
      // sentinels can't be used for regular commands after this
      constructor(connector, sentinels) {
        this.isDisconnected = false;
        this.connector = connector;
        this.sentinels = sentinels;
      }
      cleanup() {
        this.isDisconnected = true;
        for (const sentinel of this.sentinels) {
          sentinel.client.disconnect();
        }
      }
      async subscribe() {
        debug("Starting FailoverDetector");
        const promises = [];
        for (const sentinel of this.sentinels) {
          const promise = sentinel.client.subscribe(CHANNEL_NAME).catch((err) => {
            debug("Failed to subscribe to failover messages on sentinel %s:%s (%s)", sentinel.address.host || "127.0.0.1", sentinel.address.port || 26739, err.message);
          });
          promises.push(promise);
          sentinel.client.on("message", (channel) => {
            if (!this.isDisconnected && channel === CHANNEL_NAME) {
              this.disconnect();
            }
          });
        }
        await Promise.all(promises);
      }
      disconnect() {
        this.isDisconnected = true;
        debug("Failover detected, disconnecting");
        this.connector.disconnect();
      }
    };
    exports.FailoverDetector = FailoverDetector;
  }
});

// node_modules/ioredis/built/connectors/SentinelConnector/index.js
var require_SentinelConnector = __commonJS({
  "node_modules/ioredis/built/connectors/SentinelConnector/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.SentinelIterator = void 0;
    var net_1 = __require("net");
    var utils_1 = require_utils2();
    var tls_1 = __require("tls");
    var SentinelIterator_1 = require_SentinelIterator();
    exports.SentinelIterator = SentinelIterator_1.default;
    var AbstractConnector_1 = require_AbstractConnector();
    var Redis_1 = require_Redis();
    var FailoverDetector_1 = require_FailoverDetector();
    var debug = (0, utils_1.Debug)("SentinelConnector");
    var SentinelConnector = class extends AbstractConnector_1.default {
      constructor(options) {
        super(options.disconnectTimeout);
        this.options = options;
        this.emitter = null;
        this.failoverDetector = null;
        if (!this.options.sentinels.length) {
          throw new Error("Requires at least one sentinel to connect to.");
        }
        if (!this.options.name) {
          throw new Error("Requires the name of master.");
        }
        this.sentinelIterator = new SentinelIterator_1.default(this.options.sentinels);
      }
      check(info) {
        const roleMatches = !info.role || this.options.role === info.role;
        if (!roleMatches) {
          debug("role invalid, expected %s, but got %s", this.options.role, info.role);
          this.sentinelIterator.next();
          this.sentinelIterator.next();
          this.sentinelIterator.reset(true);
        }
        return roleMatches;
      }
      disconnect() {
        super.disconnect();
        if (this.failoverDetector) {
          this.failoverDetector.cleanup();
        }
      }
      connect(eventEmitter) {
        this.connecting = true;
        this.retryAttempts = 0;
        let lastError;
        const connectToNext = async () => {
          const endpoint = this.sentinelIterator.next();
          if (endpoint.done) {
            this.sentinelIterator.reset(false);
            const retryDelay = typeof this.options.sentinelRetryStrategy === "function" ? this.options.sentinelRetryStrategy(++this.retryAttempts) : null;
            let errorMsg = typeof retryDelay !== "number" ? "All sentinels are unreachable and retry is disabled." : `All sentinels are unreachable. Retrying from scratch after ${retryDelay}ms.`;
            if (lastError) {
              errorMsg += ` Last error: ${lastError.message}`;
            }
            debug(errorMsg);
            const error = new Error(errorMsg);
            if (typeof retryDelay === "number") {
              eventEmitter("error", error);
              await new Promise((resolve) => setTimeout(resolve, retryDelay));
              return connectToNext();
            } else {
              throw error;
            }
          }
          let resolved = null;
          let err = null;
          try {
            resolved = await this.resolve(endpoint.value);
          } catch (error) {
            err = error;
          }
          if (!this.connecting) {
            throw new Error(utils_1.CONNECTION_CLOSED_ERROR_MSG);
          }
          const endpointAddress = endpoint.value.host + ":" + endpoint.value.port;
          if (resolved) {
            debug("resolved: %s:%s from sentinel %s", resolved.host, resolved.port, endpointAddress);
            if (this.options.enableTLSForSentinelMode && this.options.tls) {
              Object.assign(resolved, this.options.tls);
              this.stream = (0, tls_1.connect)(resolved);
              this.stream.once("secureConnect", this.initFailoverDetector.bind(this));
            } else {
              this.stream = (0, net_1.createConnection)(resolved);
              this.stream.once("connect", this.initFailoverDetector.bind(this));
            }
            this.stream.once("error", (err2) => {
              this.firstError = err2;
            });
            return this.stream;
          } else {
            const errorMsg = err ? "failed to connect to sentinel " + endpointAddress + " because " + err.message : "connected to sentinel " + endpointAddress + " successfully, but got an invalid reply: " + resolved;
            debug(errorMsg);
            eventEmitter("sentinelError", new Error(errorMsg));
            if (err) {
              lastError = err;
            }
            return connectToNext();
          }
        };
        return connectToNext();
      }
      async updateSentinels(client) {
        if (!this.options.updateSentinels) {
          return;
        }
        const result = await client.sentinel("sentinels", this.options.name);
        if (!Array.isArray(result)) {
          return;
        }
        result.map(utils_1.packObject).forEach((sentinel) => {
          const flags = sentinel.flags ? sentinel.flags.split(",") : [];
          if (flags.indexOf("disconnected") === -1 && sentinel.ip && sentinel.port) {
            const endpoint = this.sentinelNatResolve(addressResponseToAddress(sentinel));
            if (this.sentinelIterator.add(endpoint)) {
              debug("adding sentinel %s:%s", endpoint.host, endpoint.port);
            }
          }
        });
        debug("Updated internal sentinels: %s", this.sentinelIterator);
      }
      async resolveMaster(client) {
        const result = await client.sentinel("get-master-addr-by-name", this.options.name);
        await this.updateSentinels(client);
        return this.sentinelNatResolve(Array.isArray(result) ? { host: result[0], port: Number(result[1]) } : null);
      }
      async resolveSlave(client) {
        const result = await client.sentinel("slaves", this.options.name);
        if (!Array.isArray(result)) {
          return null;
        }
        const availableSlaves = result.map(utils_1.packObject).filter((slave) => slave.flags && !slave.flags.match(/(disconnected|s_down|o_down)/));
        return this.sentinelNatResolve(selectPreferredSentinel(availableSlaves, this.options.preferredSlaves));
      }
      sentinelNatResolve(item) {
        if (!item || !this.options.natMap)
          return item;
        const key = `${item.host}:${item.port}`;
        let result = item;
        if (typeof this.options.natMap === "function") {
          result = this.options.natMap(key) || item;
        } else if (typeof this.options.natMap === "object") {
          result = this.options.natMap[key] || item;
        }
        return result;
      }
      connectToSentinel(endpoint, options) {
        const redis2 = new Redis_1.default({
          port: endpoint.port || 26379,
          host: endpoint.host,
          username: this.options.sentinelUsername || null,
          password: this.options.sentinelPassword || null,
          family: endpoint.family || // @ts-expect-error
          ("path" in this.options && this.options.path ? void 0 : (
            // @ts-expect-error
            this.options.family
          )),
          tls: this.options.sentinelTLS,
          retryStrategy: null,
          enableReadyCheck: false,
          connectTimeout: this.options.connectTimeout,
          commandTimeout: this.options.sentinelCommandTimeout,
          ...options
        });
        return redis2;
      }
      async resolve(endpoint) {
        const client = this.connectToSentinel(endpoint);
        client.on("error", noop);
        try {
          if (this.options.role === "slave") {
            return await this.resolveSlave(client);
          } else {
            return await this.resolveMaster(client);
          }
        } finally {
          client.disconnect();
        }
      }
      async initFailoverDetector() {
        var _a;
        if (!this.options.failoverDetector) {
          return;
        }
        this.sentinelIterator.reset(true);
        const sentinels = [];
        while (sentinels.length < this.options.sentinelMaxConnections) {
          const { done: done2, value } = this.sentinelIterator.next();
          if (done2) {
            break;
          }
          const client = this.connectToSentinel(value, {
            lazyConnect: true,
            retryStrategy: this.options.sentinelReconnectStrategy
          });
          client.on("reconnecting", () => {
            var _a2;
            (_a2 = this.emitter) === null || _a2 === void 0 ? void 0 : _a2.emit("sentinelReconnecting");
          });
          sentinels.push({ address: value, client });
        }
        this.sentinelIterator.reset(false);
        if (this.failoverDetector) {
          this.failoverDetector.cleanup();
        }
        this.failoverDetector = new FailoverDetector_1.FailoverDetector(this, sentinels);
        await this.failoverDetector.subscribe();
        (_a = this.emitter) === null || _a === void 0 ? void 0 : _a.emit("failoverSubscribed");
      }
    };
    exports.default = SentinelConnector;
    function selectPreferredSentinel(availableSlaves, preferredSlaves) {
      if (availableSlaves.length === 0) {
        return null;
      }
      let selectedSlave;
      if (typeof preferredSlaves === "function") {
        selectedSlave = preferredSlaves(availableSlaves);
      } else if (preferredSlaves !== null && typeof preferredSlaves === "object") {
        const preferredSlavesArray = Array.isArray(preferredSlaves) ? preferredSlaves : [preferredSlaves];
        preferredSlavesArray.sort((a, b) => {
          if (!a.prio) {
            a.prio = 1;
          }
          if (!b.prio) {
            b.prio = 1;
          }
          if (a.prio < b.prio) {
            return -1;
          }
          if (a.prio > b.prio) {
            return 1;
          }
          return 0;
        });
        for (let p = 0; p < preferredSlavesArray.length; p++) {
          for (let a = 0; a < availableSlaves.length; a++) {
            const slave = availableSlaves[a];
            if (slave.ip === preferredSlavesArray[p].ip) {
              if (slave.port === preferredSlavesArray[p].port) {
                selectedSlave = slave;
                break;
              }
            }
          }
          if (selectedSlave) {
            break;
          }
        }
      }
      if (!selectedSlave) {
        selectedSlave = (0, utils_1.sample)(availableSlaves);
      }
      return addressResponseToAddress(selectedSlave);
    }
    function addressResponseToAddress(input) {
      return { host: input.ip, port: Number(input.port) };
    }
    function noop() {
    }
  }
});

// node_modules/ioredis/built/connectors/index.js
var require_connectors = __commonJS({
  "node_modules/ioredis/built/connectors/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.SentinelConnector = exports.StandaloneConnector = void 0;
    var StandaloneConnector_1 = require_StandaloneConnector();
    exports.StandaloneConnector = StandaloneConnector_1.default;
    var SentinelConnector_1 = require_SentinelConnector();
    exports.SentinelConnector = SentinelConnector_1.default;
  }
});

// node_modules/ioredis/built/errors/MaxRetriesPerRequestError.js
var require_MaxRetriesPerRequestError = __commonJS({
  "node_modules/ioredis/built/errors/MaxRetriesPerRequestError.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var redis_errors_1 = require_redis_errors();
    var MaxRetriesPerRequestError = class extends redis_errors_1.AbortError {
      constructor(maxRetriesPerRequest) {
        const message = `Reached the max retries per request limit (which is ${maxRetriesPerRequest}). Refer to "maxRetriesPerRequest" option for details.`;
        super(message);
        Error.captureStackTrace(this, this.constructor);
      }
      get name() {
        return this.constructor.name;
      }
    };
    exports.default = MaxRetriesPerRequestError;
  }
});

// node_modules/ioredis/built/errors/index.js
var require_errors = __commonJS({
  "node_modules/ioredis/built/errors/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.MaxRetriesPerRequestError = void 0;
    var MaxRetriesPerRequestError_1 = require_MaxRetriesPerRequestError();
    exports.MaxRetriesPerRequestError = MaxRetriesPerRequestError_1.default;
  }
});

// node_modules/redis-parser/lib/parser.js
var require_parser = __commonJS({
  "node_modules/redis-parser/lib/parser.js"(exports, module) {
    "use strict";
    var Buffer2 = __require("buffer").Buffer;
    var StringDecoder = __require("string_decoder").StringDecoder;
    var decoder = new StringDecoder();
    var errors = require_redis_errors();
    var ReplyError = errors.ReplyError;
    var ParserError = errors.ParserError;
    var bufferPool = Buffer2.allocUnsafe(32 * 1024);
    var bufferOffset = 0;
    var interval = null;
    var counter = 0;
    var notDecreased = 0;
    function parseSimpleNumbers(parser) {
      const length = parser.buffer.length - 1;
      var offset = parser.offset;
      var number = 0;
      var sign = 1;
      if (parser.buffer[offset] === 45) {
        sign = -1;
        offset++;
      }
      while (offset < length) {
        const c1 = parser.buffer[offset++];
        if (c1 === 13) {
          parser.offset = offset + 1;
          return sign * number;
        }
        number = number * 10 + (c1 - 48);
      }
    }
    function parseStringNumbers(parser) {
      const length = parser.buffer.length - 1;
      var offset = parser.offset;
      var number = 0;
      var res = "";
      if (parser.buffer[offset] === 45) {
        res += "-";
        offset++;
      }
      while (offset < length) {
        var c1 = parser.buffer[offset++];
        if (c1 === 13) {
          parser.offset = offset + 1;
          if (number !== 0) {
            res += number;
          }
          return res;
        } else if (number > 429496728) {
          res += number * 10 + (c1 - 48);
          number = 0;
        } else if (c1 === 48 && number === 0) {
          res += 0;
        } else {
          number = number * 10 + (c1 - 48);
        }
      }
    }
    function parseSimpleString(parser) {
      const start = parser.offset;
      const buffer = parser.buffer;
      const length = buffer.length - 1;
      var offset = start;
      while (offset < length) {
        if (buffer[offset++] === 13) {
          parser.offset = offset + 1;
          if (parser.optionReturnBuffers === true) {
            return parser.buffer.slice(start, offset - 1);
          }
          return parser.buffer.toString("utf8", start, offset - 1);
        }
      }
    }
    function parseLength(parser) {
      const length = parser.buffer.length - 1;
      var offset = parser.offset;
      var number = 0;
      while (offset < length) {
        const c1 = parser.buffer[offset++];
        if (c1 === 13) {
          parser.offset = offset + 1;
          return number;
        }
        number = number * 10 + (c1 - 48);
      }
    }
    function parseInteger(parser) {
      if (parser.optionStringNumbers === true) {
        return parseStringNumbers(parser);
      }
      return parseSimpleNumbers(parser);
    }
    function parseBulkString(parser) {
      const length = parseLength(parser);
      if (length === void 0) {
        return;
      }
      if (length < 0) {
        return null;
      }
      const offset = parser.offset + length;
      if (offset + 2 > parser.buffer.length) {
        parser.bigStrSize = offset + 2;
        parser.totalChunkSize = parser.buffer.length;
        parser.bufferCache.push(parser.buffer);
        return;
      }
      const start = parser.offset;
      parser.offset = offset + 2;
      if (parser.optionReturnBuffers === true) {
        return parser.buffer.slice(start, offset);
      }
      return parser.buffer.toString("utf8", start, offset);
    }
    function parseError(parser) {
      var string = parseSimpleString(parser);
      if (string !== void 0) {
        if (parser.optionReturnBuffers === true) {
          string = string.toString();
        }
        return new ReplyError(string);
      }
    }
    function handleError(parser, type) {
      const err = new ParserError(
        "Protocol error, got " + JSON.stringify(String.fromCharCode(type)) + " as reply type byte",
        JSON.stringify(parser.buffer),
        parser.offset
      );
      parser.buffer = null;
      parser.returnFatalError(err);
    }
    function parseArray(parser) {
      const length = parseLength(parser);
      if (length === void 0) {
        return;
      }
      if (length < 0) {
        return null;
      }
      const responses = new Array(length);
      return parseArrayElements(parser, responses, 0);
    }
    function pushArrayCache(parser, array, pos) {
      parser.arrayCache.push(array);
      parser.arrayPos.push(pos);
    }
    function parseArrayChunks(parser) {
      const tmp = parser.arrayCache.pop();
      var pos = parser.arrayPos.pop();
      if (parser.arrayCache.length) {
        const res = parseArrayChunks(parser);
        if (res === void 0) {
          pushArrayCache(parser, tmp, pos);
          return;
        }
        tmp[pos++] = res;
      }
      return parseArrayElements(parser, tmp, pos);
    }
    function parseArrayElements(parser, responses, i) {
      const bufferLength = parser.buffer.length;
      while (i < responses.length) {
        const offset = parser.offset;
        if (parser.offset >= bufferLength) {
          pushArrayCache(parser, responses, i);
          return;
        }
        const response = parseType(parser, parser.buffer[parser.offset++]);
        if (response === void 0) {
          if (!(parser.arrayCache.length || parser.bufferCache.length)) {
            parser.offset = offset;
          }
          pushArrayCache(parser, responses, i);
          return;
        }
        responses[i] = response;
        i++;
      }
      return responses;
    }
    function parseType(parser, type) {
      switch (type) {
        case 36:
          return parseBulkString(parser);
        case 43:
          return parseSimpleString(parser);
        case 42:
          return parseArray(parser);
        case 58:
          return parseInteger(parser);
        case 45:
          return parseError(parser);
        default:
          return handleError(parser, type);
      }
    }
    function decreaseBufferPool() {
      if (bufferPool.length > 50 * 1024) {
        if (counter === 1 || notDecreased > counter * 2) {
          const minSliceLen = Math.floor(bufferPool.length / 10);
          const sliceLength = minSliceLen < bufferOffset ? bufferOffset : minSliceLen;
          bufferOffset = 0;
          bufferPool = bufferPool.slice(sliceLength, bufferPool.length);
        } else {
          notDecreased++;
          counter--;
        }
      } else {
        clearInterval(interval);
        counter = 0;
        notDecreased = 0;
        interval = null;
      }
    }
    function resizeBuffer(length) {
      if (bufferPool.length < length + bufferOffset) {
        const multiplier = length > 1024 * 1024 * 75 ? 2 : 3;
        if (bufferOffset > 1024 * 1024 * 111) {
          bufferOffset = 1024 * 1024 * 50;
        }
        bufferPool = Buffer2.allocUnsafe(length * multiplier + bufferOffset);
        bufferOffset = 0;
        counter++;
        if (interval === null) {
          interval = setInterval(decreaseBufferPool, 50);
        }
      }
    }
    function concatBulkString(parser) {
      const list = parser.bufferCache;
      const oldOffset = parser.offset;
      var chunks = list.length;
      var offset = parser.bigStrSize - parser.totalChunkSize;
      parser.offset = offset;
      if (offset <= 2) {
        if (chunks === 2) {
          return list[0].toString("utf8", oldOffset, list[0].length + offset - 2);
        }
        chunks--;
        offset = list[list.length - 2].length + offset;
      }
      var res = decoder.write(list[0].slice(oldOffset));
      for (var i = 1; i < chunks - 1; i++) {
        res += decoder.write(list[i]);
      }
      res += decoder.end(list[i].slice(0, offset - 2));
      return res;
    }
    function concatBulkBuffer(parser) {
      const list = parser.bufferCache;
      const oldOffset = parser.offset;
      const length = parser.bigStrSize - oldOffset - 2;
      var chunks = list.length;
      var offset = parser.bigStrSize - parser.totalChunkSize;
      parser.offset = offset;
      if (offset <= 2) {
        if (chunks === 2) {
          return list[0].slice(oldOffset, list[0].length + offset - 2);
        }
        chunks--;
        offset = list[list.length - 2].length + offset;
      }
      resizeBuffer(length);
      const start = bufferOffset;
      list[0].copy(bufferPool, start, oldOffset, list[0].length);
      bufferOffset += list[0].length - oldOffset;
      for (var i = 1; i < chunks - 1; i++) {
        list[i].copy(bufferPool, bufferOffset);
        bufferOffset += list[i].length;
      }
      list[i].copy(bufferPool, bufferOffset, 0, offset - 2);
      bufferOffset += offset - 2;
      return bufferPool.slice(start, bufferOffset);
    }
    var JavascriptRedisParser = class {
      /**
       * Javascript Redis Parser constructor
       * @param {{returnError: Function, returnReply: Function, returnFatalError?: Function, returnBuffers: boolean, stringNumbers: boolean }} options
       * @constructor
       */
      constructor(options) {
        if (!options) {
          throw new TypeError("Options are mandatory.");
        }
        if (typeof options.returnError !== "function" || typeof options.returnReply !== "function") {
          throw new TypeError("The returnReply and returnError options have to be functions.");
        }
        this.setReturnBuffers(!!options.returnBuffers);
        this.setStringNumbers(!!options.stringNumbers);
        this.returnError = options.returnError;
        this.returnFatalError = options.returnFatalError || options.returnError;
        this.returnReply = options.returnReply;
        this.reset();
      }
      /**
       * Reset the parser values to the initial state
       *
       * @returns {undefined}
       */
      reset() {
        this.offset = 0;
        this.buffer = null;
        this.bigStrSize = 0;
        this.totalChunkSize = 0;
        this.bufferCache = [];
        this.arrayCache = [];
        this.arrayPos = [];
      }
      /**
       * Set the returnBuffers option
       *
       * @param {boolean} returnBuffers
       * @returns {undefined}
       */
      setReturnBuffers(returnBuffers) {
        if (typeof returnBuffers !== "boolean") {
          throw new TypeError("The returnBuffers argument has to be a boolean");
        }
        this.optionReturnBuffers = returnBuffers;
      }
      /**
       * Set the stringNumbers option
       *
       * @param {boolean} stringNumbers
       * @returns {undefined}
       */
      setStringNumbers(stringNumbers) {
        if (typeof stringNumbers !== "boolean") {
          throw new TypeError("The stringNumbers argument has to be a boolean");
        }
        this.optionStringNumbers = stringNumbers;
      }
      /**
       * Parse the redis buffer
       * @param {Buffer} buffer
       * @returns {undefined}
       */
      execute(buffer) {
        if (this.buffer === null) {
          this.buffer = buffer;
          this.offset = 0;
        } else if (this.bigStrSize === 0) {
          const oldLength = this.buffer.length;
          const remainingLength = oldLength - this.offset;
          const newBuffer = Buffer2.allocUnsafe(remainingLength + buffer.length);
          this.buffer.copy(newBuffer, 0, this.offset, oldLength);
          buffer.copy(newBuffer, remainingLength, 0, buffer.length);
          this.buffer = newBuffer;
          this.offset = 0;
          if (this.arrayCache.length) {
            const arr = parseArrayChunks(this);
            if (arr === void 0) {
              return;
            }
            this.returnReply(arr);
          }
        } else if (this.totalChunkSize + buffer.length >= this.bigStrSize) {
          this.bufferCache.push(buffer);
          var tmp = this.optionReturnBuffers ? concatBulkBuffer(this) : concatBulkString(this);
          this.bigStrSize = 0;
          this.bufferCache = [];
          this.buffer = buffer;
          if (this.arrayCache.length) {
            this.arrayCache[0][this.arrayPos[0]++] = tmp;
            tmp = parseArrayChunks(this);
            if (tmp === void 0) {
              return;
            }
          }
          this.returnReply(tmp);
        } else {
          this.bufferCache.push(buffer);
          this.totalChunkSize += buffer.length;
          return;
        }
        while (this.offset < this.buffer.length) {
          const offset = this.offset;
          const type = this.buffer[this.offset++];
          const response = parseType(this, type);
          if (response === void 0) {
            if (!(this.arrayCache.length || this.bufferCache.length)) {
              this.offset = offset;
            }
            return;
          }
          if (type === 45) {
            this.returnError(response);
          } else {
            this.returnReply(response);
          }
        }
        this.buffer = null;
      }
    };
    module.exports = JavascriptRedisParser;
  }
});

// node_modules/redis-parser/index.js
var require_redis_parser = __commonJS({
  "node_modules/redis-parser/index.js"(exports, module) {
    "use strict";
    module.exports = require_parser();
  }
});

// node_modules/ioredis/built/SubscriptionSet.js
var require_SubscriptionSet = __commonJS({
  "node_modules/ioredis/built/SubscriptionSet.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var SubscriptionSet = class {
      constructor() {
        this.set = {
          subscribe: {},
          psubscribe: {},
          ssubscribe: {}
        };
      }
      add(set, channel) {
        this.set[mapSet(set)][channel] = true;
      }
      del(set, channel) {
        delete this.set[mapSet(set)][channel];
      }
      channels(set) {
        return Object.keys(this.set[mapSet(set)]);
      }
      isEmpty() {
        return this.channels("subscribe").length === 0 && this.channels("psubscribe").length === 0 && this.channels("ssubscribe").length === 0;
      }
    };
    exports.default = SubscriptionSet;
    function mapSet(set) {
      if (set === "unsubscribe") {
        return "subscribe";
      }
      if (set === "punsubscribe") {
        return "psubscribe";
      }
      if (set === "sunsubscribe") {
        return "ssubscribe";
      }
      return set;
    }
  }
});

// node_modules/ioredis/built/DataHandler.js
var require_DataHandler = __commonJS({
  "node_modules/ioredis/built/DataHandler.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var Command_1 = require_Command();
    var utils_1 = require_utils2();
    var RedisParser = require_redis_parser();
    var SubscriptionSet_1 = require_SubscriptionSet();
    var debug = (0, utils_1.Debug)("dataHandler");
    var DataHandler = class {
      constructor(redis2, parserOptions) {
        this.redis = redis2;
        const parser = new RedisParser({
          stringNumbers: parserOptions.stringNumbers,
          returnBuffers: true,
          returnError: (err) => {
            this.returnError(err);
          },
          returnFatalError: (err) => {
            this.returnFatalError(err);
          },
          returnReply: (reply) => {
            this.returnReply(reply);
          }
        });
        redis2.stream.prependListener("data", (data) => {
          parser.execute(data);
        });
        redis2.stream.resume();
      }
      returnFatalError(err) {
        err.message += ". Please report this.";
        this.redis.recoverFromFatalError(err, err, { offlineQueue: false });
      }
      returnError(err) {
        const item = this.shiftCommand(err);
        if (!item) {
          return;
        }
        err.command = {
          name: item.command.name,
          args: item.command.args
        };
        if (item.command.name == "ssubscribe" && err.message.includes("MOVED")) {
          this.redis.emit("moved");
          return;
        }
        this.redis.handleReconnection(err, item);
      }
      returnReply(reply) {
        if (this.handleMonitorReply(reply)) {
          return;
        }
        if (this.handleSubscriberReply(reply)) {
          return;
        }
        const item = this.shiftCommand(reply);
        if (!item) {
          return;
        }
        if (Command_1.default.checkFlag("ENTER_SUBSCRIBER_MODE", item.command.name)) {
          this.redis.condition.subscriber = new SubscriptionSet_1.default();
          this.redis.condition.subscriber.add(item.command.name, reply[1].toString());
          if (!fillSubCommand(item.command, reply[2])) {
            this.redis.commandQueue.unshift(item);
          }
        } else if (Command_1.default.checkFlag("EXIT_SUBSCRIBER_MODE", item.command.name)) {
          if (!fillUnsubCommand(item.command, reply[2])) {
            this.redis.commandQueue.unshift(item);
          }
        } else {
          item.command.resolve(reply);
        }
      }
      handleSubscriberReply(reply) {
        if (!this.redis.condition.subscriber) {
          return false;
        }
        const replyType = Array.isArray(reply) ? reply[0].toString() : null;
        debug('receive reply "%s" in subscriber mode', replyType);
        switch (replyType) {
          case "message":
            if (this.redis.listeners("message").length > 0) {
              this.redis.emit("message", reply[1].toString(), reply[2] ? reply[2].toString() : "");
            }
            this.redis.emit("messageBuffer", reply[1], reply[2]);
            break;
          case "pmessage": {
            const pattern = reply[1].toString();
            if (this.redis.listeners("pmessage").length > 0) {
              this.redis.emit("pmessage", pattern, reply[2].toString(), reply[3].toString());
            }
            this.redis.emit("pmessageBuffer", pattern, reply[2], reply[3]);
            break;
          }
          case "smessage": {
            if (this.redis.listeners("smessage").length > 0) {
              this.redis.emit("smessage", reply[1].toString(), reply[2] ? reply[2].toString() : "");
            }
            this.redis.emit("smessageBuffer", reply[1], reply[2]);
            break;
          }
          case "ssubscribe":
          case "subscribe":
          case "psubscribe": {
            const channel = reply[1].toString();
            this.redis.condition.subscriber.add(replyType, channel);
            const item = this.shiftCommand(reply);
            if (!item) {
              return;
            }
            if (!fillSubCommand(item.command, reply[2])) {
              this.redis.commandQueue.unshift(item);
            }
            break;
          }
          case "sunsubscribe":
          case "unsubscribe":
          case "punsubscribe": {
            const channel = reply[1] ? reply[1].toString() : null;
            if (channel) {
              this.redis.condition.subscriber.del(replyType, channel);
            }
            const count = reply[2];
            if (Number(count) === 0) {
              this.redis.condition.subscriber = false;
            }
            const item = this.shiftCommand(reply);
            if (!item) {
              return;
            }
            if (!fillUnsubCommand(item.command, count)) {
              this.redis.commandQueue.unshift(item);
            }
            break;
          }
          default: {
            const item = this.shiftCommand(reply);
            if (!item) {
              return;
            }
            item.command.resolve(reply);
          }
        }
        return true;
      }
      handleMonitorReply(reply) {
        if (this.redis.status !== "monitoring") {
          return false;
        }
        const replyStr = reply.toString();
        if (replyStr === "OK") {
          return false;
        }
        const len = replyStr.indexOf(" ");
        const timestamp = replyStr.slice(0, len);
        const argIndex = replyStr.indexOf('"');
        const args = replyStr.slice(argIndex + 1, -1).split('" "').map((elem) => elem.replace(/\\"/g, '"'));
        const dbAndSource = replyStr.slice(len + 2, argIndex - 2).split(" ");
        this.redis.emit("monitor", timestamp, args, dbAndSource[1], dbAndSource[0]);
        return true;
      }
      shiftCommand(reply) {
        const item = this.redis.commandQueue.shift();
        if (!item) {
          const message = "Command queue state error. If you can reproduce this, please report it.";
          const error = new Error(message + (reply instanceof Error ? ` Last error: ${reply.message}` : ` Last reply: ${reply.toString()}`));
          this.redis.emit("error", error);
          return null;
        }
        return item;
      }
    };
    exports.default = DataHandler;
    var remainingRepliesMap = /* @__PURE__ */ new WeakMap();
    function fillSubCommand(command, count) {
      let remainingReplies = remainingRepliesMap.has(command) ? remainingRepliesMap.get(command) : command.args.length;
      remainingReplies -= 1;
      if (remainingReplies <= 0) {
        command.resolve(count);
        remainingRepliesMap.delete(command);
        return true;
      }
      remainingRepliesMap.set(command, remainingReplies);
      return false;
    }
    function fillUnsubCommand(command, count) {
      let remainingReplies = remainingRepliesMap.has(command) ? remainingRepliesMap.get(command) : command.args.length;
      if (remainingReplies === 0) {
        if (Number(count) === 0) {
          remainingRepliesMap.delete(command);
          command.resolve(count);
          return true;
        }
        return false;
      }
      remainingReplies -= 1;
      if (remainingReplies <= 0) {
        command.resolve(count);
        return true;
      }
      remainingRepliesMap.set(command, remainingReplies);
      return false;
    }
  }
});

// node_modules/ioredis/built/redis/event_handler.js
var require_event_handler = __commonJS({
  "node_modules/ioredis/built/redis/event_handler.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.readyHandler = exports.errorHandler = exports.closeHandler = exports.connectHandler = void 0;
    var redis_errors_1 = require_redis_errors();
    var Command_1 = require_Command();
    var errors_1 = require_errors();
    var utils_1 = require_utils2();
    var DataHandler_1 = require_DataHandler();
    var debug = (0, utils_1.Debug)("connection");
    function connectHandler(self) {
      return function() {
        var _a;
        self.setStatus("connect");
        self.resetCommandQueue();
        let flushed = false;
        const { connectionEpoch } = self;
        if (self.condition.auth) {
          self.auth(self.condition.auth, function(err) {
            if (connectionEpoch !== self.connectionEpoch) {
              return;
            }
            if (err) {
              if (err.message.indexOf("no password is set") !== -1) {
                console.warn("[WARN] Redis server does not require a password, but a password was supplied.");
              } else if (err.message.indexOf("without any password configured for the default user") !== -1) {
                console.warn("[WARN] This Redis server's `default` user does not require a password, but a password was supplied");
              } else if (err.message.indexOf("wrong number of arguments for 'auth' command") !== -1) {
                console.warn(`[ERROR] The server returned "wrong number of arguments for 'auth' command". You are probably passing both username and password to Redis version 5 or below. You should only pass the 'password' option for Redis version 5 and under.`);
              } else {
                flushed = true;
                self.recoverFromFatalError(err, err);
              }
            }
          });
        }
        if (self.condition.select) {
          self.select(self.condition.select).catch((err) => {
            self.silentEmit("error", err);
          });
        }
        new DataHandler_1.default(self, {
          stringNumbers: self.options.stringNumbers
        });
        const clientCommandPromises = [];
        if (self.options.connectionName) {
          debug("set the connection name [%s]", self.options.connectionName);
          clientCommandPromises.push(self.client("setname", self.options.connectionName).catch(utils_1.noop));
        }
        if (!self.options.disableClientInfo) {
          debug("set the client info");
          clientCommandPromises.push((0, utils_1.getPackageMeta)().then((packageMeta) => {
            return self.client("SETINFO", "LIB-VER", packageMeta.version).catch(utils_1.noop);
          }).catch(utils_1.noop));
          clientCommandPromises.push(self.client("SETINFO", "LIB-NAME", ((_a = self.options) === null || _a === void 0 ? void 0 : _a.clientInfoTag) ? `ioredis(${self.options.clientInfoTag})` : "ioredis").catch(utils_1.noop));
        }
        Promise.all(clientCommandPromises).catch(utils_1.noop).finally(() => {
          if (!self.options.enableReadyCheck) {
            exports.readyHandler(self)();
          }
          if (self.options.enableReadyCheck) {
            self._readyCheck(function(err, info) {
              if (connectionEpoch !== self.connectionEpoch) {
                return;
              }
              if (err) {
                if (!flushed) {
                  self.recoverFromFatalError(new Error("Ready check failed: " + err.message), err);
                }
              } else {
                if (self.connector.check(info)) {
                  exports.readyHandler(self)();
                } else {
                  self.disconnect(true);
                }
              }
            });
          }
        });
      };
    }
    exports.connectHandler = connectHandler;
    function abortError(command) {
      const err = new redis_errors_1.AbortError("Command aborted due to connection close");
      err.command = {
        name: command.name,
        args: command.args
      };
      return err;
    }
    function abortIncompletePipelines(commandQueue) {
      var _a;
      let expectedIndex = 0;
      for (let i = 0; i < commandQueue.length; ) {
        const command = (_a = commandQueue.peekAt(i)) === null || _a === void 0 ? void 0 : _a.command;
        const pipelineIndex = command.pipelineIndex;
        if (pipelineIndex === void 0 || pipelineIndex === 0) {
          expectedIndex = 0;
        }
        if (pipelineIndex !== void 0 && pipelineIndex !== expectedIndex++) {
          commandQueue.remove(i, 1);
          command.reject(abortError(command));
          continue;
        }
        i++;
      }
    }
    function abortTransactionFragments(commandQueue) {
      var _a;
      for (let i = 0; i < commandQueue.length; ) {
        const command = (_a = commandQueue.peekAt(i)) === null || _a === void 0 ? void 0 : _a.command;
        if (command.name === "multi") {
          break;
        }
        if (command.name === "exec") {
          commandQueue.remove(i, 1);
          command.reject(abortError(command));
          break;
        }
        if (command.inTransaction) {
          commandQueue.remove(i, 1);
          command.reject(abortError(command));
        } else {
          i++;
        }
      }
    }
    function closeHandler(self) {
      return function() {
        const prevStatus = self.status;
        self.setStatus("close");
        if (self.commandQueue.length) {
          abortIncompletePipelines(self.commandQueue);
        }
        if (self.offlineQueue.length) {
          abortTransactionFragments(self.offlineQueue);
        }
        if (prevStatus === "ready") {
          if (!self.prevCondition) {
            self.prevCondition = self.condition;
          }
          if (self.commandQueue.length) {
            self.prevCommandQueue = self.commandQueue;
          }
        }
        if (self.manuallyClosing) {
          self.manuallyClosing = false;
          debug("skip reconnecting since the connection is manually closed.");
          return close();
        }
        if (typeof self.options.retryStrategy !== "function") {
          debug("skip reconnecting because `retryStrategy` is not a function");
          return close();
        }
        const retryDelay = self.options.retryStrategy(++self.retryAttempts);
        if (typeof retryDelay !== "number") {
          debug("skip reconnecting because `retryStrategy` doesn't return a number");
          return close();
        }
        debug("reconnect in %sms", retryDelay);
        self.setStatus("reconnecting", retryDelay);
        self.reconnectTimeout = setTimeout(function() {
          self.reconnectTimeout = null;
          self.connect().catch(utils_1.noop);
        }, retryDelay);
        const { maxRetriesPerRequest } = self.options;
        if (typeof maxRetriesPerRequest === "number") {
          if (maxRetriesPerRequest < 0) {
            debug("maxRetriesPerRequest is negative, ignoring...");
          } else {
            const remainder = self.retryAttempts % (maxRetriesPerRequest + 1);
            if (remainder === 0) {
              debug("reach maxRetriesPerRequest limitation, flushing command queue...");
              self.flushQueue(new errors_1.MaxRetriesPerRequestError(maxRetriesPerRequest));
            }
          }
        }
      };
      function close() {
        self.setStatus("end");
        self.flushQueue(new Error(utils_1.CONNECTION_CLOSED_ERROR_MSG));
      }
    }
    exports.closeHandler = closeHandler;
    function errorHandler(self) {
      return function(error) {
        debug("error: %s", error);
        self.silentEmit("error", error);
      };
    }
    exports.errorHandler = errorHandler;
    function readyHandler(self) {
      return function() {
        self.setStatus("ready");
        self.retryAttempts = 0;
        if (self.options.monitor) {
          self.call("monitor").then(() => self.setStatus("monitoring"), (error) => self.emit("error", error));
          const { sendCommand } = self;
          self.sendCommand = function(command) {
            if (Command_1.default.checkFlag("VALID_IN_MONITOR_MODE", command.name)) {
              return sendCommand.call(self, command);
            }
            command.reject(new Error("Connection is in monitoring mode, can't process commands."));
            return command.promise;
          };
          self.once("close", function() {
            delete self.sendCommand;
          });
          return;
        }
        const finalSelect = self.prevCondition ? self.prevCondition.select : self.condition.select;
        if (self.options.readOnly) {
          debug("set the connection to readonly mode");
          self.readonly().catch(utils_1.noop);
        }
        if (self.prevCondition) {
          const condition = self.prevCondition;
          self.prevCondition = null;
          if (condition.subscriber && self.options.autoResubscribe) {
            if (self.condition.select !== finalSelect) {
              debug("connect to db [%d]", finalSelect);
              self.select(finalSelect);
            }
            const subscribeChannels = condition.subscriber.channels("subscribe");
            if (subscribeChannels.length) {
              debug("subscribe %d channels", subscribeChannels.length);
              self.subscribe(subscribeChannels);
            }
            const psubscribeChannels = condition.subscriber.channels("psubscribe");
            if (psubscribeChannels.length) {
              debug("psubscribe %d channels", psubscribeChannels.length);
              self.psubscribe(psubscribeChannels);
            }
            const ssubscribeChannels = condition.subscriber.channels("ssubscribe");
            if (ssubscribeChannels.length) {
              debug("ssubscribe %s", ssubscribeChannels.length);
              for (const channel of ssubscribeChannels) {
                self.ssubscribe(channel);
              }
            }
          }
        }
        if (self.prevCommandQueue) {
          if (self.options.autoResendUnfulfilledCommands) {
            debug("resend %d unfulfilled commands", self.prevCommandQueue.length);
            while (self.prevCommandQueue.length > 0) {
              const item = self.prevCommandQueue.shift();
              if (item.select !== self.condition.select && item.command.name !== "select") {
                self.select(item.select);
              }
              self.sendCommand(item.command, item.stream);
            }
          } else {
            self.prevCommandQueue = null;
          }
        }
        if (self.offlineQueue.length) {
          debug("send %d commands in offline queue", self.offlineQueue.length);
          const offlineQueue = self.offlineQueue;
          self.resetOfflineQueue();
          while (offlineQueue.length > 0) {
            const item = offlineQueue.shift();
            if (item.select !== self.condition.select && item.command.name !== "select") {
              self.select(item.select);
            }
            self.sendCommand(item.command, item.stream);
          }
        }
        if (self.condition.select !== finalSelect) {
          debug("connect to db [%d]", finalSelect);
          self.select(finalSelect);
        }
      };
    }
    exports.readyHandler = readyHandler;
  }
});

// node_modules/ioredis/built/redis/RedisOptions.js
var require_RedisOptions = __commonJS({
  "node_modules/ioredis/built/redis/RedisOptions.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.DEFAULT_REDIS_OPTIONS = void 0;
    exports.DEFAULT_REDIS_OPTIONS = {
      // Connection
      port: 6379,
      host: "localhost",
      family: 0,
      connectTimeout: 1e4,
      disconnectTimeout: 2e3,
      retryStrategy: function(times) {
        return Math.min(times * 50, 2e3);
      },
      keepAlive: 0,
      noDelay: true,
      connectionName: null,
      disableClientInfo: false,
      clientInfoTag: void 0,
      // Sentinel
      sentinels: null,
      name: null,
      role: "master",
      sentinelRetryStrategy: function(times) {
        return Math.min(times * 10, 1e3);
      },
      sentinelReconnectStrategy: function() {
        return 6e4;
      },
      natMap: null,
      enableTLSForSentinelMode: false,
      updateSentinels: true,
      failoverDetector: false,
      // Status
      username: null,
      password: null,
      db: 0,
      // Others
      enableOfflineQueue: true,
      enableReadyCheck: true,
      autoResubscribe: true,
      autoResendUnfulfilledCommands: true,
      lazyConnect: false,
      keyPrefix: "",
      reconnectOnError: null,
      readOnly: false,
      stringNumbers: false,
      maxRetriesPerRequest: 20,
      maxLoadingRetryTime: 1e4,
      enableAutoPipelining: false,
      autoPipeliningIgnoredCommands: [],
      sentinelMaxConnections: 10,
      blockingTimeoutGrace: 100
    };
  }
});

// node_modules/ioredis/built/Redis.js
var require_Redis = __commonJS({
  "node_modules/ioredis/built/Redis.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var commands_1 = require_built();
    var events_1 = __require("events");
    var standard_as_callback_1 = require_built2();
    var cluster_1 = require_cluster();
    var Command_1 = require_Command();
    var connectors_1 = require_connectors();
    var SentinelConnector_1 = require_SentinelConnector();
    var eventHandler = require_event_handler();
    var RedisOptions_1 = require_RedisOptions();
    var ScanStream_1 = require_ScanStream();
    var transaction_1 = require_transaction();
    var utils_1 = require_utils2();
    var applyMixin_1 = require_applyMixin();
    var Commander_1 = require_Commander();
    var lodash_1 = require_lodash3();
    var Deque = require_denque();
    var debug = (0, utils_1.Debug)("redis");
    var Redis2 = class _Redis extends Commander_1.default {
      constructor(arg1, arg2, arg3) {
        super();
        this.status = "wait";
        this.isCluster = false;
        this.reconnectTimeout = null;
        this.connectionEpoch = 0;
        this.retryAttempts = 0;
        this.manuallyClosing = false;
        this._autoPipelines = /* @__PURE__ */ new Map();
        this._runningAutoPipelines = /* @__PURE__ */ new Set();
        this.parseOptions(arg1, arg2, arg3);
        events_1.EventEmitter.call(this);
        this.resetCommandQueue();
        this.resetOfflineQueue();
        if (this.options.Connector) {
          this.connector = new this.options.Connector(this.options);
        } else if (this.options.sentinels) {
          const sentinelConnector = new SentinelConnector_1.default(this.options);
          sentinelConnector.emitter = this;
          this.connector = sentinelConnector;
        } else {
          this.connector = new connectors_1.StandaloneConnector(this.options);
        }
        if (this.options.scripts) {
          Object.entries(this.options.scripts).forEach(([name, definition]) => {
            this.defineCommand(name, definition);
          });
        }
        if (this.options.lazyConnect) {
          this.setStatus("wait");
        } else {
          this.connect().catch(lodash_1.noop);
        }
      }
      /**
       * Create a Redis instance.
       * This is the same as `new Redis()` but is included for compatibility with node-redis.
       */
      static createClient(...args) {
        return new _Redis(...args);
      }
      get autoPipelineQueueSize() {
        let queued = 0;
        for (const pipeline of this._autoPipelines.values()) {
          queued += pipeline.length;
        }
        return queued;
      }
      /**
       * Create a connection to Redis.
       * This method will be invoked automatically when creating a new Redis instance
       * unless `lazyConnect: true` is passed.
       *
       * When calling this method manually, a Promise is returned, which will
       * be resolved when the connection status is ready. The promise can reject
       * if the connection fails, times out, or if Redis is already connecting/connected.
       */
      connect(callback) {
        const promise = new Promise((resolve, reject2) => {
          if (this.status === "connecting" || this.status === "connect" || this.status === "ready") {
            reject2(new Error("Redis is already connecting/connected"));
            return;
          }
          this.connectionEpoch += 1;
          this.setStatus("connecting");
          const { options } = this;
          this.condition = {
            select: options.db,
            auth: options.username ? [options.username, options.password] : options.password,
            subscriber: false
          };
          const _this = this;
          (0, standard_as_callback_1.default)(this.connector.connect(function(type, err) {
            _this.silentEmit(type, err);
          }), function(err, stream) {
            if (err) {
              _this.flushQueue(err);
              _this.silentEmit("error", err);
              reject2(err);
              _this.setStatus("end");
              return;
            }
            let CONNECT_EVENT = options.tls ? "secureConnect" : "connect";
            if ("sentinels" in options && options.sentinels && !options.enableTLSForSentinelMode) {
              CONNECT_EVENT = "connect";
            }
            _this.stream = stream;
            if (options.noDelay) {
              stream.setNoDelay(true);
            }
            if (typeof options.keepAlive === "number") {
              if (stream.connecting) {
                stream.once(CONNECT_EVENT, () => {
                  stream.setKeepAlive(true, options.keepAlive);
                });
              } else {
                stream.setKeepAlive(true, options.keepAlive);
              }
            }
            if (stream.connecting) {
              stream.once(CONNECT_EVENT, eventHandler.connectHandler(_this));
              if (options.connectTimeout) {
                let connectTimeoutCleared = false;
                stream.setTimeout(options.connectTimeout, function() {
                  if (connectTimeoutCleared) {
                    return;
                  }
                  stream.setTimeout(0);
                  stream.destroy();
                  const err2 = new Error("connect ETIMEDOUT");
                  err2.errorno = "ETIMEDOUT";
                  err2.code = "ETIMEDOUT";
                  err2.syscall = "connect";
                  eventHandler.errorHandler(_this)(err2);
                });
                stream.once(CONNECT_EVENT, function() {
                  connectTimeoutCleared = true;
                  stream.setTimeout(0);
                });
              }
            } else if (stream.destroyed) {
              const firstError = _this.connector.firstError;
              if (firstError) {
                process.nextTick(() => {
                  eventHandler.errorHandler(_this)(firstError);
                });
              }
              process.nextTick(eventHandler.closeHandler(_this));
            } else {
              process.nextTick(eventHandler.connectHandler(_this));
            }
            if (!stream.destroyed) {
              stream.once("error", eventHandler.errorHandler(_this));
              stream.once("close", eventHandler.closeHandler(_this));
            }
            const connectionReadyHandler = function() {
              _this.removeListener("close", connectionCloseHandler);
              resolve();
            };
            var connectionCloseHandler = function() {
              _this.removeListener("ready", connectionReadyHandler);
              reject2(new Error(utils_1.CONNECTION_CLOSED_ERROR_MSG));
            };
            _this.once("ready", connectionReadyHandler);
            _this.once("close", connectionCloseHandler);
          });
        });
        return (0, standard_as_callback_1.default)(promise, callback);
      }
      /**
       * Disconnect from Redis.
       *
       * This method closes the connection immediately,
       * and may lose some pending replies that haven't written to client.
       * If you want to wait for the pending replies, use Redis#quit instead.
       */
      disconnect(reconnect = false) {
        if (!reconnect) {
          this.manuallyClosing = true;
        }
        if (this.reconnectTimeout && !reconnect) {
          clearTimeout(this.reconnectTimeout);
          this.reconnectTimeout = null;
        }
        if (this.status === "wait") {
          eventHandler.closeHandler(this)();
        } else {
          this.connector.disconnect();
        }
      }
      /**
       * Disconnect from Redis.
       *
       * @deprecated
       */
      end() {
        this.disconnect();
      }
      /**
       * Create a new instance with the same options as the current one.
       *
       * @example
       * ```js
       * var redis = new Redis(6380);
       * var anotherRedis = redis.duplicate();
       * ```
       */
      duplicate(override) {
        return new _Redis({ ...this.options, ...override });
      }
      /**
       * Mode of the connection.
       *
       * One of `"normal"`, `"subscriber"`, or `"monitor"`. When the connection is
       * not in `"normal"` mode, certain commands are not allowed.
       */
      get mode() {
        var _a;
        return this.options.monitor ? "monitor" : ((_a = this.condition) === null || _a === void 0 ? void 0 : _a.subscriber) ? "subscriber" : "normal";
      }
      /**
       * Listen for all requests received by the server in real time.
       *
       * This command will create a new connection to Redis and send a
       * MONITOR command via the new connection in order to avoid disturbing
       * the current connection.
       *
       * @param callback The callback function. If omit, a promise will be returned.
       * @example
       * ```js
       * var redis = new Redis();
       * redis.monitor(function (err, monitor) {
       *   // Entering monitoring mode.
       *   monitor.on('monitor', function (time, args, source, database) {
       *     console.log(time + ": " + util.inspect(args));
       *   });
       * });
       *
       * // supports promise as well as other commands
       * redis.monitor().then(function (monitor) {
       *   monitor.on('monitor', function (time, args, source, database) {
       *     console.log(time + ": " + util.inspect(args));
       *   });
       * });
       * ```
       */
      monitor(callback) {
        const monitorInstance = this.duplicate({
          monitor: true,
          lazyConnect: false
        });
        return (0, standard_as_callback_1.default)(new Promise(function(resolve, reject2) {
          monitorInstance.once("error", reject2);
          monitorInstance.once("monitoring", function() {
            resolve(monitorInstance);
          });
        }), callback);
      }
      /**
       * Send a command to Redis
       *
       * This method is used internally and in most cases you should not
       * use it directly. If you need to send a command that is not supported
       * by the library, you can use the `call` method:
       *
       * ```js
       * const redis = new Redis();
       *
       * redis.call('set', 'foo', 'bar');
       * // or
       * redis.call(['set', 'foo', 'bar']);
       * ```
       *
       * @ignore
       */
      sendCommand(command, stream) {
        var _a, _b;
        if (this.status === "wait") {
          this.connect().catch(lodash_1.noop);
        }
        if (this.status === "end") {
          command.reject(new Error(utils_1.CONNECTION_CLOSED_ERROR_MSG));
          return command.promise;
        }
        if (((_a = this.condition) === null || _a === void 0 ? void 0 : _a.subscriber) && !Command_1.default.checkFlag("VALID_IN_SUBSCRIBER_MODE", command.name)) {
          command.reject(new Error("Connection in subscriber mode, only subscriber commands may be used"));
          return command.promise;
        }
        if (typeof this.options.commandTimeout === "number") {
          command.setTimeout(this.options.commandTimeout);
        }
        const blockingTimeout = this.getBlockingTimeoutInMs(command);
        let writable = this.status === "ready" || !stream && this.status === "connect" && (0, commands_1.exists)(command.name, { caseInsensitive: true }) && ((0, commands_1.hasFlag)(command.name, "loading", { nameCaseInsensitive: true }) || Command_1.default.checkFlag("HANDSHAKE_COMMANDS", command.name));
        if (!this.stream) {
          writable = false;
        } else if (!this.stream.writable) {
          writable = false;
        } else if (this.stream._writableState && this.stream._writableState.ended) {
          writable = false;
        }
        if (!writable) {
          if (!this.options.enableOfflineQueue) {
            command.reject(new Error("Stream isn't writeable and enableOfflineQueue options is false"));
            return command.promise;
          }
          if (command.name === "quit" && this.offlineQueue.length === 0) {
            this.disconnect();
            command.resolve(Buffer.from("OK"));
            return command.promise;
          }
          if (debug.enabled) {
            debug("queue command[%s]: %d -> %s(%o)", this._getDescription(), this.condition.select, command.name, command.args);
          }
          this.offlineQueue.push({
            command,
            stream,
            select: this.condition.select
          });
          if (Command_1.default.checkFlag("BLOCKING_COMMANDS", command.name)) {
            const offlineTimeout = this.getConfiguredBlockingTimeout();
            if (offlineTimeout !== void 0) {
              command.setBlockingTimeout(offlineTimeout);
            }
          }
        } else {
          if (debug.enabled) {
            debug("write command[%s]: %d -> %s(%o)", this._getDescription(), (_b = this.condition) === null || _b === void 0 ? void 0 : _b.select, command.name, command.args);
          }
          if (stream) {
            if ("isPipeline" in stream && stream.isPipeline) {
              stream.write(command.toWritable(stream.destination.redis.stream));
            } else {
              stream.write(command.toWritable(stream));
            }
          } else {
            this.stream.write(command.toWritable(this.stream));
          }
          this.commandQueue.push({
            command,
            stream,
            select: this.condition.select
          });
          if (blockingTimeout !== void 0) {
            command.setBlockingTimeout(blockingTimeout);
          }
          if (Command_1.default.checkFlag("WILL_DISCONNECT", command.name)) {
            this.manuallyClosing = true;
          }
          if (this.options.socketTimeout !== void 0 && this.socketTimeoutTimer === void 0) {
            this.setSocketTimeout();
          }
        }
        if (command.name === "select" && (0, utils_1.isInt)(command.args[0])) {
          const db = parseInt(command.args[0], 10);
          if (this.condition.select !== db) {
            this.condition.select = db;
            this.emit("select", db);
            debug("switch to db [%d]", this.condition.select);
          }
        }
        return command.promise;
      }
      getBlockingTimeoutInMs(command) {
        var _a;
        if (!Command_1.default.checkFlag("BLOCKING_COMMANDS", command.name)) {
          return void 0;
        }
        const configuredTimeout = this.getConfiguredBlockingTimeout();
        if (configuredTimeout === void 0) {
          return void 0;
        }
        const timeout = command.extractBlockingTimeout();
        if (typeof timeout === "number") {
          if (timeout > 0) {
            return timeout + ((_a = this.options.blockingTimeoutGrace) !== null && _a !== void 0 ? _a : RedisOptions_1.DEFAULT_REDIS_OPTIONS.blockingTimeoutGrace);
          }
          return configuredTimeout;
        }
        if (timeout === null) {
          return configuredTimeout;
        }
        return void 0;
      }
      getConfiguredBlockingTimeout() {
        if (typeof this.options.blockingTimeout === "number" && this.options.blockingTimeout > 0) {
          return this.options.blockingTimeout;
        }
        return void 0;
      }
      setSocketTimeout() {
        this.socketTimeoutTimer = setTimeout(() => {
          this.stream.destroy(new Error(`Socket timeout. Expecting data, but didn't receive any in ${this.options.socketTimeout}ms.`));
          this.socketTimeoutTimer = void 0;
        }, this.options.socketTimeout);
        this.stream.once("data", () => {
          clearTimeout(this.socketTimeoutTimer);
          this.socketTimeoutTimer = void 0;
          if (this.commandQueue.length === 0)
            return;
          this.setSocketTimeout();
        });
      }
      scanStream(options) {
        return this.createScanStream("scan", { options });
      }
      scanBufferStream(options) {
        return this.createScanStream("scanBuffer", { options });
      }
      sscanStream(key, options) {
        return this.createScanStream("sscan", { key, options });
      }
      sscanBufferStream(key, options) {
        return this.createScanStream("sscanBuffer", { key, options });
      }
      hscanStream(key, options) {
        return this.createScanStream("hscan", { key, options });
      }
      hscanBufferStream(key, options) {
        return this.createScanStream("hscanBuffer", { key, options });
      }
      zscanStream(key, options) {
        return this.createScanStream("zscan", { key, options });
      }
      zscanBufferStream(key, options) {
        return this.createScanStream("zscanBuffer", { key, options });
      }
      /**
       * Emit only when there's at least one listener.
       *
       * @ignore
       */
      silentEmit(eventName, arg) {
        let error;
        if (eventName === "error") {
          error = arg;
          if (this.status === "end") {
            return;
          }
          if (this.manuallyClosing) {
            if (error instanceof Error && (error.message === utils_1.CONNECTION_CLOSED_ERROR_MSG || // @ts-expect-error
            error.syscall === "connect" || // @ts-expect-error
            error.syscall === "read")) {
              return;
            }
          }
        }
        if (this.listeners(eventName).length > 0) {
          return this.emit.apply(this, arguments);
        }
        if (error && error instanceof Error) {
          console.error("[ioredis] Unhandled error event:", error.stack);
        }
        return false;
      }
      /**
       * @ignore
       */
      recoverFromFatalError(_commandError, err, options) {
        this.flushQueue(err, options);
        this.silentEmit("error", err);
        this.disconnect(true);
      }
      /**
       * @ignore
       */
      handleReconnection(err, item) {
        var _a;
        let needReconnect = false;
        if (this.options.reconnectOnError && !Command_1.default.checkFlag("IGNORE_RECONNECT_ON_ERROR", item.command.name)) {
          needReconnect = this.options.reconnectOnError(err);
        }
        switch (needReconnect) {
          case 1:
          case true:
            if (this.status !== "reconnecting") {
              this.disconnect(true);
            }
            item.command.reject(err);
            break;
          case 2:
            if (this.status !== "reconnecting") {
              this.disconnect(true);
            }
            if (((_a = this.condition) === null || _a === void 0 ? void 0 : _a.select) !== item.select && item.command.name !== "select") {
              this.select(item.select);
            }
            this.sendCommand(item.command);
            break;
          default:
            item.command.reject(err);
        }
      }
      /**
       * Get description of the connection. Used for debugging.
       */
      _getDescription() {
        let description;
        if ("path" in this.options && this.options.path) {
          description = this.options.path;
        } else if (this.stream && this.stream.remoteAddress && this.stream.remotePort) {
          description = this.stream.remoteAddress + ":" + this.stream.remotePort;
        } else if ("host" in this.options && this.options.host) {
          description = this.options.host + ":" + this.options.port;
        } else {
          description = "";
        }
        if (this.options.connectionName) {
          description += ` (${this.options.connectionName})`;
        }
        return description;
      }
      resetCommandQueue() {
        this.commandQueue = new Deque();
      }
      resetOfflineQueue() {
        this.offlineQueue = new Deque();
      }
      parseOptions(...args) {
        const options = {};
        let isTls = false;
        for (let i = 0; i < args.length; ++i) {
          const arg = args[i];
          if (arg === null || typeof arg === "undefined") {
            continue;
          }
          if (typeof arg === "object") {
            (0, lodash_1.defaults)(options, arg);
          } else if (typeof arg === "string") {
            (0, lodash_1.defaults)(options, (0, utils_1.parseURL)(arg));
            if (arg.startsWith("rediss://")) {
              isTls = true;
            }
          } else if (typeof arg === "number") {
            options.port = arg;
          } else {
            throw new Error("Invalid argument " + arg);
          }
        }
        if (isTls) {
          (0, lodash_1.defaults)(options, { tls: true });
        }
        (0, lodash_1.defaults)(options, _Redis.defaultOptions);
        if (typeof options.port === "string") {
          options.port = parseInt(options.port, 10);
        }
        if (typeof options.db === "string") {
          options.db = parseInt(options.db, 10);
        }
        this.options = (0, utils_1.resolveTLSProfile)(options);
      }
      /**
       * Change instance's status
       */
      setStatus(status, arg) {
        if (debug.enabled) {
          debug("status[%s]: %s -> %s", this._getDescription(), this.status || "[empty]", status);
        }
        this.status = status;
        process.nextTick(this.emit.bind(this, status, arg));
      }
      createScanStream(command, { key, options = {} }) {
        return new ScanStream_1.default({
          objectMode: true,
          key,
          redis: this,
          command,
          ...options
        });
      }
      /**
       * Flush offline queue and command queue with error.
       *
       * @param error The error object to send to the commands
       * @param options options
       */
      flushQueue(error, options) {
        options = (0, lodash_1.defaults)({}, options, {
          offlineQueue: true,
          commandQueue: true
        });
        let item;
        if (options.offlineQueue) {
          while (item = this.offlineQueue.shift()) {
            item.command.reject(error);
          }
        }
        if (options.commandQueue) {
          if (this.commandQueue.length > 0) {
            if (this.stream) {
              this.stream.removeAllListeners("data");
            }
            while (item = this.commandQueue.shift()) {
              item.command.reject(error);
            }
          }
        }
      }
      /**
       * Check whether Redis has finished loading the persistent data and is able to
       * process commands.
       */
      _readyCheck(callback) {
        const _this = this;
        this.info(function(err, res) {
          if (err) {
            if (err.message && err.message.includes("NOPERM")) {
              console.warn(`Skipping the ready check because INFO command fails: "${err.message}". You can disable ready check with "enableReadyCheck". More: https://github.com/luin/ioredis/wiki/Disable-ready-check.`);
              return callback(null, {});
            }
            return callback(err);
          }
          if (typeof res !== "string") {
            return callback(null, res);
          }
          const info = {};
          const lines2 = res.split("\r\n");
          for (let i = 0; i < lines2.length; ++i) {
            const [fieldName, ...fieldValueParts] = lines2[i].split(":");
            const fieldValue = fieldValueParts.join(":");
            if (fieldValue) {
              info[fieldName] = fieldValue;
            }
          }
          if (!info.loading || info.loading === "0") {
            callback(null, info);
          } else {
            const loadingEtaMs = (info.loading_eta_seconds || 1) * 1e3;
            const retryTime = _this.options.maxLoadingRetryTime && _this.options.maxLoadingRetryTime < loadingEtaMs ? _this.options.maxLoadingRetryTime : loadingEtaMs;
            debug("Redis server still loading, trying again in " + retryTime + "ms");
            setTimeout(function() {
              _this._readyCheck(callback);
            }, retryTime);
          }
        }).catch(lodash_1.noop);
      }
    };
    Redis2.Cluster = cluster_1.default;
    Redis2.Command = Command_1.default;
    Redis2.defaultOptions = RedisOptions_1.DEFAULT_REDIS_OPTIONS;
    (0, applyMixin_1.default)(Redis2, events_1.EventEmitter);
    (0, transaction_1.addTransactionSupport)(Redis2.prototype);
    exports.default = Redis2;
  }
});

// node_modules/ioredis/built/index.js
var require_built3 = __commonJS({
  "node_modules/ioredis/built/index.js"(exports, module) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.print = exports.ReplyError = exports.SentinelIterator = exports.SentinelConnector = exports.AbstractConnector = exports.Pipeline = exports.ScanStream = exports.Command = exports.Cluster = exports.Redis = exports.default = void 0;
    exports = module.exports = require_Redis().default;
    var Redis_1 = require_Redis();
    Object.defineProperty(exports, "default", { enumerable: true, get: function() {
      return Redis_1.default;
    } });
    var Redis_2 = require_Redis();
    Object.defineProperty(exports, "Redis", { enumerable: true, get: function() {
      return Redis_2.default;
    } });
    var cluster_1 = require_cluster();
    Object.defineProperty(exports, "Cluster", { enumerable: true, get: function() {
      return cluster_1.default;
    } });
    var Command_1 = require_Command();
    Object.defineProperty(exports, "Command", { enumerable: true, get: function() {
      return Command_1.default;
    } });
    var ScanStream_1 = require_ScanStream();
    Object.defineProperty(exports, "ScanStream", { enumerable: true, get: function() {
      return ScanStream_1.default;
    } });
    var Pipeline_1 = require_Pipeline();
    Object.defineProperty(exports, "Pipeline", { enumerable: true, get: function() {
      return Pipeline_1.default;
    } });
    var AbstractConnector_1 = require_AbstractConnector();
    Object.defineProperty(exports, "AbstractConnector", { enumerable: true, get: function() {
      return AbstractConnector_1.default;
    } });
    var SentinelConnector_1 = require_SentinelConnector();
    Object.defineProperty(exports, "SentinelConnector", { enumerable: true, get: function() {
      return SentinelConnector_1.default;
    } });
    Object.defineProperty(exports, "SentinelIterator", { enumerable: true, get: function() {
      return SentinelConnector_1.SentinelIterator;
    } });
    exports.ReplyError = require_redis_errors().ReplyError;
    Object.defineProperty(exports, "Promise", {
      get() {
        console.warn("ioredis v5 does not support plugging third-party Promise library anymore. Native Promise will be used.");
        return Promise;
      },
      set(_lib) {
        console.warn("ioredis v5 does not support plugging third-party Promise library anymore. Native Promise will be used.");
      }
    });
    function print(err, reply) {
      if (err) {
        console.log("Error: " + err);
      } else {
        console.log("Reply: " + reply);
      }
    }
    exports.print = print;
  }
});

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

// node_modules/redis-semaphore/lib/utils/createEval.js
var require_createEval = __commonJS({
  "node_modules/redis-semaphore/lib/utils/createEval.js"(exports) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.default = createEval;
    var crypto_1 = __require("crypto");
    var debug_1 = __importDefault(require_src());
    var index_1 = require_utils3();
    var debug = (0, debug_1.default)("redis-semaphore:eval");
    function createSHA1(script) {
      return (0, crypto_1.createHash)("sha1").update(script, "utf8").digest("hex");
    }
    function isNoScriptError(err) {
      return err.toString().indexOf("NOSCRIPT") !== -1;
    }
    function createEval(script, keysCount) {
      const sha1 = createSHA1(script);
      debug("creating script:", script, "sha1:", sha1);
      return async function optimizedEval(client, args) {
        const connectionName = (0, index_1.getConnectionName)(client);
        const evalSHAArgs = [sha1, keysCount, ...args];
        debug(connectionName, sha1, "attempt, args:", evalSHAArgs);
        try {
          return await client.evalsha(sha1, keysCount, ...args);
        } catch (err) {
          if (err instanceof Error && isNoScriptError(err)) {
            const evalArgs = [script, keysCount, ...args];
            debug(connectionName, sha1, "fallback to eval, args:", evalArgs);
            return await client.eval(script, keysCount, ...args);
          } else {
            throw err;
          }
        }
      };
    }
  }
});

// node_modules/redis-semaphore/lib/utils/index.js
var require_utils3 = __commonJS({
  "node_modules/redis-semaphore/lib/utils/index.js"(exports) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.createEval = void 0;
    exports.delay = delay;
    exports.getConnectionName = getConnectionName;
    var createEval_1 = __importDefault(require_createEval());
    exports.createEval = createEval_1.default;
    function delay(ms, signal) {
      return new Promise((resolve, reject2) => {
        const timeoutId = setTimeout(() => {
          cleanup();
          resolve();
        }, ms);
        const onAbort = () => {
          cleanup();
          reject2(signal.reason);
        };
        const cleanup = () => {
          clearTimeout(timeoutId);
          signal?.removeEventListener("abort", onAbort);
        };
        if (signal?.aborted) {
          onAbort();
        }
        signal?.addEventListener("abort", onAbort);
      });
    }
    function getConnectionName(client) {
      const connectionName = client.options?.connectionName;
      return connectionName ? `<${connectionName}>` : "<unknown client>";
    }
  }
});

// node_modules/redis-semaphore/lib/multiSemaphore/acquire/lua.js
var require_lua = __commonJS({
  "node_modules/redis-semaphore/lib/multiSemaphore/acquire/lua.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.acquireLua = void 0;
    var index_1 = require_utils3();
    exports.acquireLua = (0, index_1.createEval)(`
  local key = KEYS[1]
  local limit = tonumber(ARGV[1])
  local permits = tonumber(ARGV[2])
  local identifier = ARGV[3]
  local lockTimeout = tonumber(ARGV[4])
  local now = tonumber(ARGV[5])
  local expiredTimestamp = now - lockTimeout
  local args = {}

  redis.call('zremrangebyscore', key, '-inf', expiredTimestamp)

  if (redis.call('zcard', key) + permits) <= limit then
    for i=0, permits - 1 do
      table.insert(args, now)
      table.insert(args, identifier .. '_' .. i)
    end
    redis.call('zadd', key, unpack(args))
    redis.call('pexpire', key, lockTimeout)
    return 1
  else
    return 0
  end`, 1);
  }
});

// node_modules/redis-semaphore/lib/multiSemaphore/acquire/index.js
var require_acquire = __commonJS({
  "node_modules/redis-semaphore/lib/multiSemaphore/acquire/index.js"(exports) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.acquireSemaphore = acquireSemaphore;
    var debug_1 = __importDefault(require_src());
    var utils_1 = require_utils3();
    var lua_1 = require_lua();
    var debug = (0, debug_1.default)("redis-semaphore:multi-semaphore:acquire");
    async function acquireSemaphore(client, key, limit, permits, options, abortSignal) {
      const { identifier, lockTimeout, acquireTimeout, acquireAttemptsLimit, retryInterval } = options;
      let attempt = 0;
      const end = Date.now() + acquireTimeout;
      let now;
      while ((now = Date.now()) < end && ++attempt <= acquireAttemptsLimit) {
        abortSignal?.throwIfAborted();
        debug(key, identifier, limit, lockTimeout, "attempt", attempt);
        const result = await (0, lua_1.acquireLua)(client, [
          key,
          limit,
          permits,
          identifier,
          lockTimeout,
          now
        ]);
        debug(key, "result", typeof result, result);
        if (result === 1) {
          debug(key, identifier, "acquired");
          return true;
        } else {
          await (0, utils_1.delay)(retryInterval, abortSignal);
        }
      }
      debug(key, identifier, limit, lockTimeout, "timeout or reach limit");
      return false;
    }
  }
});

// node_modules/redis-semaphore/lib/multiSemaphore/refresh/lua.js
var require_lua2 = __commonJS({
  "node_modules/redis-semaphore/lib/multiSemaphore/refresh/lua.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.refreshLua = void 0;
    var index_1 = require_utils3();
    exports.refreshLua = (0, index_1.createEval)(`
  local key = KEYS[1]
  local limit = tonumber(ARGV[1])
  local permits = tonumber(ARGV[2])
  local identifier = ARGV[3]
  local lockTimeout = tonumber(ARGV[4])
  local now = tonumber(ARGV[5])
  local expiredTimestamp = now - lockTimeout
  local args = {}

  redis.call('zremrangebyscore', key, '-inf', expiredTimestamp)

  if redis.call('zscore', key, identifier .. '_0') then
    for i=0, permits - 1 do
      table.insert(args, now)
      table.insert(args, identifier .. '_' .. i)
    end
    redis.call('zadd', key, unpack(args))
    redis.call('pexpire', key, lockTimeout)
    return 1
  else
    return 0
  end`, 1);
  }
});

// node_modules/redis-semaphore/lib/multiSemaphore/refresh/index.js
var require_refresh = __commonJS({
  "node_modules/redis-semaphore/lib/multiSemaphore/refresh/index.js"(exports) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.refreshSemaphore = refreshSemaphore;
    var debug_1 = __importDefault(require_src());
    var lua_1 = require_lua2();
    var debug = (0, debug_1.default)("redis-semaphore:multi-semaphore:refresh");
    async function refreshSemaphore(client, key, limit, permits, options) {
      const { identifier, lockTimeout } = options;
      const now = Date.now();
      debug(key, identifier, now);
      const result = await (0, lua_1.refreshLua)(client, [
        key,
        limit,
        permits,
        identifier,
        lockTimeout,
        now
      ]);
      debug("result", typeof result, result);
      return result === 1;
    }
  }
});

// node_modules/redis-semaphore/lib/multiSemaphore/release/lua.js
var require_lua3 = __commonJS({
  "node_modules/redis-semaphore/lib/multiSemaphore/release/lua.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.releaseLua = void 0;
    var index_1 = require_utils3();
    exports.releaseLua = (0, index_1.createEval)(`
  local key = KEYS[1]
  local permits = tonumber(ARGV[1])
  local identifier = ARGV[2]
  local args = {}

  for i=0, permits - 1 do
    table.insert(args, identifier .. '_' .. i)
  end

  return redis.call('zrem', key, unpack(args))
`, 1);
  }
});

// node_modules/redis-semaphore/lib/multiSemaphore/release/index.js
var require_release = __commonJS({
  "node_modules/redis-semaphore/lib/multiSemaphore/release/index.js"(exports) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.releaseSemaphore = releaseSemaphore;
    var debug_1 = __importDefault(require_src());
    var lua_1 = require_lua3();
    var debug = (0, debug_1.default)("redis-semaphore:multi-semaphore:release");
    async function releaseSemaphore(client, key, permits, identifier) {
      debug(key, identifier, permits);
      const result = await (0, lua_1.releaseLua)(client, [key, permits, identifier]);
      debug("result", typeof result, result);
    }
  }
});

// node_modules/redis-semaphore/lib/errors/LostLockError.js
var require_LostLockError = __commonJS({
  "node_modules/redis-semaphore/lib/errors/LostLockError.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var LostLockError = class extends Error {
    };
    exports.default = LostLockError;
  }
});

// node_modules/redis-semaphore/lib/errors/TimeoutError.js
var require_TimeoutError = __commonJS({
  "node_modules/redis-semaphore/lib/errors/TimeoutError.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var TimeoutError2 = class extends Error {
    };
    exports.default = TimeoutError2;
  }
});

// node_modules/redis-semaphore/lib/misc.js
var require_misc = __commonJS({
  "node_modules/redis-semaphore/lib/misc.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.defaultTimeoutOptions = void 0;
    exports.defaultOnLockLost = defaultOnLockLost;
    exports.defaultTimeoutOptions = {
      lockTimeout: 1e4,
      acquireTimeout: 1e4,
      acquireAttemptsLimit: Number.POSITIVE_INFINITY,
      retryInterval: 10
    };
    function defaultOnLockLost(err) {
      throw err;
    }
  }
});

// node_modules/redis-semaphore/lib/Lock.js
var require_Lock = __commonJS({
  "node_modules/redis-semaphore/lib/Lock.js"(exports) {
    "use strict";
    var __createBinding = exports && exports.__createBinding || (Object.create ? (function(o, m, k, k2) {
      if (k2 === void 0) k2 = k;
      var desc = Object.getOwnPropertyDescriptor(m, k);
      if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
        desc = { enumerable: true, get: function() {
          return m[k];
        } };
      }
      Object.defineProperty(o, k2, desc);
    }) : (function(o, m, k, k2) {
      if (k2 === void 0) k2 = k;
      o[k2] = m[k];
    }));
    var __setModuleDefault = exports && exports.__setModuleDefault || (Object.create ? (function(o, v) {
      Object.defineProperty(o, "default", { enumerable: true, value: v });
    }) : function(o, v) {
      o["default"] = v;
    });
    var __importStar = exports && exports.__importStar || /* @__PURE__ */ (function() {
      var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function(o2) {
          var ar = [];
          for (var k in o2) if (Object.prototype.hasOwnProperty.call(o2, k)) ar[ar.length] = k;
          return ar;
        };
        return ownKeys(o);
      };
      return function(mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) {
          for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        }
        __setModuleDefault(result, mod);
        return result;
      };
    })();
    var __importDefault = exports && exports.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Lock = void 0;
    var debug_1 = __importDefault(require_src());
    var crypto = __importStar(__require("node:crypto"));
    var LostLockError_1 = __importDefault(require_LostLockError());
    var TimeoutError_1 = __importDefault(require_TimeoutError());
    var misc_1 = require_misc();
    var REFRESH_INTERVAL_COEF = 0.8;
    var debug = (0, debug_1.default)("redis-semaphore:instance");
    var Lock = class {
      constructor({ lockTimeout = misc_1.defaultTimeoutOptions.lockTimeout, acquireTimeout = misc_1.defaultTimeoutOptions.acquireTimeout, acquireAttemptsLimit = misc_1.defaultTimeoutOptions.acquireAttemptsLimit, retryInterval = misc_1.defaultTimeoutOptions.retryInterval, refreshInterval = Math.round(lockTimeout * REFRESH_INTERVAL_COEF), onLockLost = misc_1.defaultOnLockLost, externallyAcquiredIdentifier, identifierSuffix, identifier, acquiredExternally } = misc_1.defaultTimeoutOptions) {
        this._refreshing = false;
        this._acquired = false;
        this._acquiredExternally = false;
        this._processRefresh = async () => {
          if (this._refreshing) {
            debug(`already refreshing ${this._kind} (key: ${this._key}, identifier: ${this._identifier}) (skip)`);
            return;
          }
          this._refreshing = true;
          try {
            debug(`refresh ${this._kind} (key: ${this._key}, identifier: ${this._identifier})`);
            const refreshed = await this._refresh();
            if (!refreshed) {
              if (!this._acquired) {
                debug(`refresh ${this._kind} (key: ${this._key}, identifier: ${this._identifier} failed, but lock was purposefully released`);
                return;
              }
              this._acquired = false;
              this.stopRefresh();
              const lockLostError = new LostLockError_1.default(`Lost ${this._kind} for key ${this._key}`);
              this._onLockLost(lockLostError);
            }
          } finally {
            this._refreshing = false;
          }
        };
        if (identifier !== void 0 && (!identifier || typeof identifier !== "string")) {
          throw new Error("identifier must be not empty random string");
        }
        if (acquiredExternally && !identifier) {
          throw new Error("acquiredExternally=true meanless without custom identifier");
        }
        if (externallyAcquiredIdentifier && (identifier || acquiredExternally)) {
          throw new Error("Invalid usage. Use custom identifier and acquiredExternally: true");
        }
        this._identifier = identifier || externallyAcquiredIdentifier || this.getIdentifier(identifierSuffix);
        this._acquiredExternally = !!acquiredExternally || !!externallyAcquiredIdentifier;
        this._acquireOptions = {
          lockTimeout,
          acquireTimeout,
          acquireAttemptsLimit,
          retryInterval,
          identifier: this._identifier
        };
        this._refreshTimeInterval = refreshInterval;
        this._onLockLost = onLockLost;
      }
      get identifier() {
        return this._identifier;
      }
      get isAcquired() {
        return this._acquired;
      }
      getIdentifier(identifierSuffix) {
        const uuid = crypto.randomUUID();
        return identifierSuffix ? `${uuid}-${identifierSuffix}` : uuid;
      }
      _startRefresh() {
        this._refreshInterval = setInterval(this._processRefresh, this._refreshTimeInterval);
        this._refreshInterval.unref();
      }
      stopRefresh() {
        if (this._refreshInterval) {
          debug(`clear refresh interval ${this._kind} (key: ${this._key}, identifier: ${this._identifier})`);
          clearInterval(this._refreshInterval);
        }
      }
      async acquire(abortSignal) {
        debug(`acquire ${this._kind} (key: ${this._key})`);
        const acquired = await this.tryAcquire(abortSignal);
        if (!acquired) {
          throw new TimeoutError_1.default(`Acquire ${this._kind} ${this._key} timeout`);
        }
      }
      async tryAcquire(abortSignal) {
        debug(`tryAcquire ${this._kind} (key: ${this._key})`);
        const acquired = this._acquiredExternally ? await this._refresh() : await this._acquire(abortSignal);
        if (!acquired) {
          return false;
        }
        this._acquired = true;
        this._acquiredExternally = false;
        if (this._refreshTimeInterval > 0) {
          this._startRefresh();
        }
        return true;
      }
      async release() {
        debug(`release ${this._kind} (key: ${this._key}, identifier: ${this._identifier})`);
        if (this._refreshTimeInterval > 0) {
          this.stopRefresh();
        }
        if (this._acquired || this._acquiredExternally) {
          await this._release();
        }
        this._acquired = false;
        this._acquiredExternally = false;
      }
    };
    exports.Lock = Lock;
  }
});

// node_modules/redis-semaphore/lib/mutex/acquire.js
var require_acquire2 = __commonJS({
  "node_modules/redis-semaphore/lib/mutex/acquire.js"(exports) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.acquireMutex = acquireMutex;
    var debug_1 = __importDefault(require_src());
    var utils_1 = require_utils3();
    var debug = (0, debug_1.default)("redis-semaphore:mutex:acquire");
    async function acquireMutex(client, key, options, abortSignal) {
      const { identifier, lockTimeout, acquireTimeout, acquireAttemptsLimit, retryInterval } = options;
      let attempt = 0;
      const end = Date.now() + acquireTimeout;
      while (Date.now() < end && ++attempt <= acquireAttemptsLimit) {
        abortSignal?.throwIfAborted();
        debug(key, identifier, "attempt", attempt);
        const result = await client.set(key, identifier, "PX", lockTimeout, "NX");
        debug("result", typeof result, result);
        if (result === "OK") {
          debug(key, identifier, "acquired");
          return true;
        } else {
          await (0, utils_1.delay)(retryInterval, abortSignal);
        }
      }
      debug(key, identifier, "timeout or reach limit");
      return false;
    }
  }
});

// node_modules/redis-semaphore/lib/mutex/refresh.js
var require_refresh2 = __commonJS({
  "node_modules/redis-semaphore/lib/mutex/refresh.js"(exports) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.expireIfEqualLua = void 0;
    exports.refreshMutex = refreshMutex;
    var debug_1 = __importDefault(require_src());
    var index_1 = require_utils3();
    var debug = (0, debug_1.default)("redis-semaphore:mutex:refresh");
    exports.expireIfEqualLua = (0, index_1.createEval)(`
  local key = KEYS[1]
  local identifier = ARGV[1]
  local lockTimeout = ARGV[2]

  local value = redis.call('get', key)

  if value == identifier then
    redis.call('pexpire', key, lockTimeout)
    return 1
  end

  return 0
  `, 1);
    async function refreshMutex(client, key, identifier, lockTimeout) {
      debug(key, identifier);
      const result = await (0, exports.expireIfEqualLua)(client, [key, identifier, lockTimeout]);
      debug("result", typeof result, result);
      return +result === 1;
    }
  }
});

// node_modules/redis-semaphore/lib/mutex/release.js
var require_release2 = __commonJS({
  "node_modules/redis-semaphore/lib/mutex/release.js"(exports) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.delIfEqualLua = void 0;
    exports.releaseMutex = releaseMutex;
    var debug_1 = __importDefault(require_src());
    var index_1 = require_utils3();
    var debug = (0, debug_1.default)("redis-semaphore:mutex:release");
    exports.delIfEqualLua = (0, index_1.createEval)(`
  local key = KEYS[1]
  local identifier = ARGV[1]

  if redis.call('get', key) == identifier then
    return redis.call('del', key)
  end

  return 0
  `, 1);
    async function releaseMutex(client, key, identifier) {
      debug(key, identifier);
      const result = await (0, exports.delIfEqualLua)(client, [key, identifier]);
      debug("result", typeof result, result);
    }
  }
});

// node_modules/redis-semaphore/lib/RedisMutex.js
var require_RedisMutex = __commonJS({
  "node_modules/redis-semaphore/lib/RedisMutex.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var Lock_1 = require_Lock();
    var acquire_1 = require_acquire2();
    var refresh_1 = require_refresh2();
    var release_1 = require_release2();
    var RedisMutex = class extends Lock_1.Lock {
      constructor(client, key, options) {
        super(options);
        this._kind = "mutex";
        if (!client) {
          throw new Error('"client" is required');
        }
        if (!key) {
          throw new Error('"key" is required');
        }
        if (typeof key !== "string") {
          throw new Error('"key" must be a string');
        }
        this._client = client;
        this._key = `mutex:${key}`;
      }
      async _refresh() {
        return await (0, refresh_1.refreshMutex)(this._client, this._key, this._identifier, this._acquireOptions.lockTimeout);
      }
      async _acquire(abortSignal) {
        return await (0, acquire_1.acquireMutex)(this._client, this._key, this._acquireOptions, abortSignal);
      }
      async _release() {
        await (0, release_1.releaseMutex)(this._client, this._key, this._identifier);
      }
    };
    exports.default = RedisMutex;
  }
});

// node_modules/redis-semaphore/lib/semaphore/acquire/lua.js
var require_lua4 = __commonJS({
  "node_modules/redis-semaphore/lib/semaphore/acquire/lua.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.acquireLua = void 0;
    var index_1 = require_utils3();
    exports.acquireLua = (0, index_1.createEval)(`
  local key = KEYS[1]
  local limit = tonumber(ARGV[1])
  local identifier = ARGV[2]
  local lockTimeout = tonumber(ARGV[3])
  local now = tonumber(ARGV[4])
  local expiredTimestamp = now - lockTimeout

  redis.call('zremrangebyscore', key, '-inf', expiredTimestamp)

  if redis.call('zcard', key) < limit then
    redis.call('zadd', key, now, identifier)
    redis.call('pexpire', key, lockTimeout)
    return 1
  else
    return 0
  end`, 1);
  }
});

// node_modules/redis-semaphore/lib/semaphore/acquire/index.js
var require_acquire3 = __commonJS({
  "node_modules/redis-semaphore/lib/semaphore/acquire/index.js"(exports) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.acquireSemaphore = acquireSemaphore;
    var debug_1 = __importDefault(require_src());
    var utils_1 = require_utils3();
    var lua_1 = require_lua4();
    var debug = (0, debug_1.default)("redis-semaphore:semaphore:acquire");
    async function acquireSemaphore(client, key, limit, options, abortSignal) {
      const { identifier, lockTimeout, acquireTimeout, acquireAttemptsLimit, retryInterval } = options;
      let attempt = 0;
      const end = Date.now() + acquireTimeout;
      let now;
      while ((now = Date.now()) < end && ++attempt <= acquireAttemptsLimit) {
        abortSignal?.throwIfAborted();
        debug(key, identifier, limit, lockTimeout, "attempt", attempt);
        const result = await (0, lua_1.acquireLua)(client, [
          key,
          limit,
          identifier,
          lockTimeout,
          now
        ]);
        debug(key, "result", typeof result, result);
        if (+result === 1) {
          debug(key, identifier, "acquired");
          return true;
        } else {
          await (0, utils_1.delay)(retryInterval, abortSignal);
        }
      }
      debug(key, identifier, limit, lockTimeout, "timeout or reach limit");
      return false;
    }
  }
});

// node_modules/redis-semaphore/lib/semaphore/refresh/lua.js
var require_lua5 = __commonJS({
  "node_modules/redis-semaphore/lib/semaphore/refresh/lua.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.refreshLua = void 0;
    var index_1 = require_utils3();
    exports.refreshLua = (0, index_1.createEval)(`
  local key = KEYS[1]
  local limit = tonumber(ARGV[1])
  local identifier = ARGV[2]
  local lockTimeout = tonumber(ARGV[3])
  local now = tonumber(ARGV[4])
  local expiredTimestamp = now - lockTimeout

  redis.call('zremrangebyscore', key, '-inf', expiredTimestamp)

  if redis.call('zscore', key, identifier) then
    redis.call('zadd', key, now, identifier)
    redis.call('pexpire', key, lockTimeout)
    return 1
  else
    return 0
  end`, 1);
  }
});

// node_modules/redis-semaphore/lib/semaphore/refresh/index.js
var require_refresh3 = __commonJS({
  "node_modules/redis-semaphore/lib/semaphore/refresh/index.js"(exports) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.refreshSemaphore = refreshSemaphore;
    var debug_1 = __importDefault(require_src());
    var lua_1 = require_lua5();
    var debug = (0, debug_1.default)("redis-semaphore:semaphore:refresh");
    async function refreshSemaphore(client, key, limit, options) {
      const { identifier, lockTimeout } = options;
      const now = Date.now();
      debug(key, identifier, now);
      const result = await (0, lua_1.refreshLua)(client, [
        key,
        limit,
        identifier,
        lockTimeout,
        now
      ]);
      debug("result", typeof result, result);
      return +result === 1;
    }
  }
});

// node_modules/redis-semaphore/lib/semaphore/release.js
var require_release3 = __commonJS({
  "node_modules/redis-semaphore/lib/semaphore/release.js"(exports) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.releaseSemaphore = releaseSemaphore;
    var debug_1 = __importDefault(require_src());
    var debug = (0, debug_1.default)("redis-semaphore:semaphore:release");
    async function releaseSemaphore(client, key, identifier) {
      debug(key, identifier);
      const result = await client.zrem(key, identifier);
      debug("result", typeof result, result);
    }
  }
});

// node_modules/redis-semaphore/lib/RedisSemaphore.js
var require_RedisSemaphore = __commonJS({
  "node_modules/redis-semaphore/lib/RedisSemaphore.js"(exports) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    var RedisMutex_1 = __importDefault(require_RedisMutex());
    var acquire_1 = require_acquire3();
    var refresh_1 = require_refresh3();
    var release_1 = require_release3();
    var RedisSemaphore = class extends RedisMutex_1.default {
      constructor(client, key, limit, options) {
        super(client, key, options);
        this._kind = "semaphore";
        if (!limit) {
          throw new Error('"limit" is required');
        }
        if (typeof limit !== "number") {
          throw new Error('"limit" must be a number');
        }
        this._key = `semaphore:${key}`;
        this._limit = limit;
      }
      async _refresh() {
        return await (0, refresh_1.refreshSemaphore)(this._client, this._key, this._limit, this._acquireOptions);
      }
      async _acquire(abortSignal) {
        return await (0, acquire_1.acquireSemaphore)(this._client, this._key, this._limit, this._acquireOptions, abortSignal);
      }
      async _release() {
        await (0, release_1.releaseSemaphore)(this._client, this._key, this._identifier);
      }
    };
    exports.default = RedisSemaphore;
  }
});

// node_modules/redis-semaphore/lib/RedisMultiSemaphore.js
var require_RedisMultiSemaphore = __commonJS({
  "node_modules/redis-semaphore/lib/RedisMultiSemaphore.js"(exports) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    var acquire_1 = require_acquire();
    var refresh_1 = require_refresh();
    var release_1 = require_release();
    var RedisSemaphore_1 = __importDefault(require_RedisSemaphore());
    var RedisMultiSemaphore = class extends RedisSemaphore_1.default {
      constructor(client, key, limit, permits, options) {
        super(client, key, limit, options);
        this._kind = "multi-semaphore";
        if (!permits) {
          throw new Error('"permits" is required');
        }
        if (typeof permits !== "number") {
          throw new Error('"permits" must be a number');
        }
        this._permits = permits;
      }
      async _refresh() {
        return await (0, refresh_1.refreshSemaphore)(this._client, this._key, this._limit, this._permits, this._acquireOptions);
      }
      async _acquire(abortSignal) {
        return await (0, acquire_1.acquireSemaphore)(this._client, this._key, this._limit, this._permits, this._acquireOptions, abortSignal);
      }
      async _release() {
        await (0, release_1.releaseSemaphore)(this._client, this._key, this._permits, this._identifier);
      }
    };
    exports.default = RedisMultiSemaphore;
  }
});

// node_modules/redis-semaphore/lib/utils/redlock.js
var require_redlock = __commonJS({
  "node_modules/redis-semaphore/lib/utils/redlock.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.getQuorum = getQuorum;
    exports.smartSum = smartSum;
    function getQuorum(clientCount) {
      return Math.round((clientCount + 1) / 2);
    }
    function smartSum(count, zeroOrOne) {
      return count + zeroOrOne;
    }
  }
});

// node_modules/redis-semaphore/lib/redlockMultiSemaphore/acquire.js
var require_acquire4 = __commonJS({
  "node_modules/redis-semaphore/lib/redlockMultiSemaphore/acquire.js"(exports) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.acquireRedlockMultiSemaphore = acquireRedlockMultiSemaphore;
    var debug_1 = __importDefault(require_src());
    var lua_1 = require_lua();
    var utils_1 = require_utils3();
    var redlock_1 = require_redlock();
    var debug = (0, debug_1.default)("redis-semaphore:redlock-multi-semaphore:acquire");
    async function acquireRedlockMultiSemaphore(clients, key, limit, permits, options, abortSignal) {
      const { identifier, lockTimeout, acquireTimeout, acquireAttemptsLimit, retryInterval } = options;
      let attempt = 0;
      const end = Date.now() + acquireTimeout;
      const quorum = (0, redlock_1.getQuorum)(clients.length);
      let now;
      while ((now = Date.now()) < end && ++attempt <= acquireAttemptsLimit) {
        abortSignal?.throwIfAborted();
        debug(key, identifier, "attempt", attempt);
        const promises = clients.map((client) => (0, lua_1.acquireLua)(client, [key, limit, permits, identifier, lockTimeout, now]).then((result) => +result).catch(() => 0));
        const results = await Promise.all(promises);
        if (results.reduce(redlock_1.smartSum, 0) >= quorum) {
          debug(key, identifier, "acquired");
          return true;
        } else {
          const promises2 = clients.map((client) => client.zrem(key, identifier).catch(() => 0));
          await Promise.all(promises2);
          await (0, utils_1.delay)(retryInterval, abortSignal);
        }
      }
      debug(key, identifier, "timeout or reach limit");
      return false;
    }
  }
});

// node_modules/redis-semaphore/lib/redlockMultiSemaphore/refresh.js
var require_refresh4 = __commonJS({
  "node_modules/redis-semaphore/lib/redlockMultiSemaphore/refresh.js"(exports) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.refreshRedlockMultiSemaphore = refreshRedlockMultiSemaphore;
    var debug_1 = __importDefault(require_src());
    var lua_1 = require_lua();
    var lua_2 = require_lua2();
    var lua_3 = require_lua3();
    var redlock_1 = require_redlock();
    var debug = (0, debug_1.default)("redis-semaphore:redlock-semaphore:refresh");
    async function refreshRedlockMultiSemaphore(clients, key, limit, permits, options) {
      const { identifier, lockTimeout } = options;
      const now = Date.now();
      debug(key, identifier, now);
      const quorum = (0, redlock_1.getQuorum)(clients.length);
      const promises = clients.map((client) => (0, lua_2.refreshLua)(client, [key, limit, permits, identifier, lockTimeout, now]).then((result) => +result).catch(() => 0));
      const results = await Promise.all(promises);
      debug("results", results);
      const refreshedCount = results.reduce(redlock_1.smartSum, 0);
      if (refreshedCount >= quorum) {
        debug(key, identifier, "refreshed");
        if (refreshedCount < clients.length) {
          debug(key, identifier, "try to acquire on failed nodes");
          const promises2 = results.reduce((failedClients, result, index) => {
            if (!result) {
              failedClients.push(clients[index]);
            }
            return failedClients;
          }, []).map((client) => (0, lua_1.acquireLua)(client, [
            key,
            limit,
            permits,
            identifier,
            lockTimeout,
            now
          ]).then((result) => +result).catch(() => 0));
          const acquireResults = await Promise.all(promises2);
          debug(key, identifier, "acquire on failed nodes results", acquireResults);
        }
        return true;
      } else {
        const promises2 = clients.map((client) => (0, lua_3.releaseLua)(client, [key, permits, identifier]).catch(() => 0));
        await Promise.all(promises2);
        return false;
      }
    }
  }
});

// node_modules/redis-semaphore/lib/redlockMultiSemaphore/release.js
var require_release4 = __commonJS({
  "node_modules/redis-semaphore/lib/redlockMultiSemaphore/release.js"(exports) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.releaseRedlockMultiSemaphore = releaseRedlockMultiSemaphore;
    var debug_1 = __importDefault(require_src());
    var lua_1 = require_lua3();
    var debug = (0, debug_1.default)("redis-semaphore:redlock-mutex:release");
    async function releaseRedlockMultiSemaphore(clients, key, permits, identifier) {
      debug(key, identifier);
      const promises = clients.map((client) => (0, lua_1.releaseLua)(client, [key, permits, identifier]).catch(() => 0));
      const results = await Promise.all(promises);
      debug("results", results);
    }
  }
});

// node_modules/redis-semaphore/lib/redlockMutex/acquire.js
var require_acquire5 = __commonJS({
  "node_modules/redis-semaphore/lib/redlockMutex/acquire.js"(exports) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.acquireRedlockMutex = acquireRedlockMutex;
    var debug_1 = __importDefault(require_src());
    var release_1 = require_release2();
    var utils_1 = require_utils3();
    var redlock_1 = require_redlock();
    var debug = (0, debug_1.default)("redis-semaphore:redlock-mutex:acquire");
    async function acquireRedlockMutex(clients, key, options, abortSignal) {
      const { identifier, lockTimeout, acquireTimeout, acquireAttemptsLimit, retryInterval } = options;
      let attempt = 0;
      const end = Date.now() + acquireTimeout;
      const quorum = (0, redlock_1.getQuorum)(clients.length);
      while (Date.now() < end && ++attempt <= acquireAttemptsLimit) {
        abortSignal?.throwIfAborted();
        debug(key, identifier, "attempt", attempt);
        const promises = clients.map((client) => client.set(key, identifier, "PX", lockTimeout, "NX").then((result) => result === "OK" ? 1 : 0).catch(() => 0));
        const results = await Promise.all(promises);
        if (results.reduce(redlock_1.smartSum, 0) >= quorum) {
          debug(key, identifier, "acquired");
          return true;
        } else {
          const promises2 = clients.map((client) => (0, release_1.delIfEqualLua)(client, [key, identifier]).catch(() => 0));
          await Promise.all(promises2);
          await (0, utils_1.delay)(retryInterval, abortSignal);
        }
      }
      debug(key, identifier, "timeout or reach limit");
      return false;
    }
  }
});

// node_modules/redis-semaphore/lib/redlockMutex/refresh.js
var require_refresh5 = __commonJS({
  "node_modules/redis-semaphore/lib/redlockMutex/refresh.js"(exports) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.refreshRedlockMutex = refreshRedlockMutex;
    var debug_1 = __importDefault(require_src());
    var refresh_1 = require_refresh2();
    var release_1 = require_release2();
    var redlock_1 = require_redlock();
    var debug = (0, debug_1.default)("redis-semaphore:redlock-mutex:refresh");
    async function refreshRedlockMutex(clients, key, identifier, lockTimeout) {
      debug(key, identifier);
      const quorum = (0, redlock_1.getQuorum)(clients.length);
      const promises = clients.map((client) => (0, refresh_1.expireIfEqualLua)(client, [key, identifier, lockTimeout]).then((result) => +result).catch(() => 0));
      const results = await Promise.all(promises);
      debug("results", results);
      const refreshedCount = results.reduce(redlock_1.smartSum, 0);
      if (refreshedCount >= quorum) {
        debug(key, identifier, "refreshed");
        if (refreshedCount < clients.length) {
          debug(key, identifier, "try to acquire on failed nodes");
          const promises2 = results.reduce((failedClients, result, index) => {
            if (!result) {
              failedClients.push(clients[index]);
            }
            return failedClients;
          }, []).map((client) => client.set(key, identifier, "PX", lockTimeout, "NX").then((result) => result === "OK" ? 1 : 0).catch(() => 0));
          const acquireResults = await Promise.all(promises2);
          debug(key, identifier, "acquire on failed nodes results", acquireResults);
        }
        return true;
      } else {
        const promises2 = clients.map((client) => (0, release_1.delIfEqualLua)(client, [key, identifier]).catch(() => 0));
        await Promise.all(promises2);
        return false;
      }
    }
  }
});

// node_modules/redis-semaphore/lib/redlockMutex/release.js
var require_release5 = __commonJS({
  "node_modules/redis-semaphore/lib/redlockMutex/release.js"(exports) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.releaseRedlockMutex = releaseRedlockMutex;
    var debug_1 = __importDefault(require_src());
    var release_1 = require_release2();
    var debug = (0, debug_1.default)("redis-semaphore:redlock-mutex:release");
    async function releaseRedlockMutex(clients, key, identifier) {
      debug(key, identifier);
      const promises = clients.map((client) => (0, release_1.delIfEqualLua)(client, [key, identifier]).catch(() => 0));
      const results = await Promise.all(promises);
      debug("results", results);
    }
  }
});

// node_modules/redis-semaphore/lib/RedlockMutex.js
var require_RedlockMutex = __commonJS({
  "node_modules/redis-semaphore/lib/RedlockMutex.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var Lock_1 = require_Lock();
    var misc_1 = require_misc();
    var acquire_1 = require_acquire5();
    var refresh_1 = require_refresh5();
    var release_1 = require_release5();
    var RedlockMutex = class extends Lock_1.Lock {
      constructor(clients, key, options = misc_1.defaultTimeoutOptions) {
        super(options);
        this._kind = "redlock-mutex";
        if (!clients || !Array.isArray(clients)) {
          throw new Error('"clients" array is required');
        }
        if (!key) {
          throw new Error('"key" is required');
        }
        if (typeof key !== "string") {
          throw new Error('"key" must be a string');
        }
        this._clients = clients;
        this._key = `mutex:${key}`;
      }
      async _refresh() {
        return await (0, refresh_1.refreshRedlockMutex)(this._clients, this._key, this._identifier, this._acquireOptions.lockTimeout);
      }
      async _acquire(abortSignal) {
        return await (0, acquire_1.acquireRedlockMutex)(this._clients, this._key, this._acquireOptions, abortSignal);
      }
      async _release() {
        await (0, release_1.releaseRedlockMutex)(this._clients, this._key, this._identifier);
      }
    };
    exports.default = RedlockMutex;
  }
});

// node_modules/redis-semaphore/lib/redlockSemaphore/acquire.js
var require_acquire6 = __commonJS({
  "node_modules/redis-semaphore/lib/redlockSemaphore/acquire.js"(exports) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.acquireRedlockSemaphore = acquireRedlockSemaphore;
    var debug_1 = __importDefault(require_src());
    var lua_1 = require_lua4();
    var utils_1 = require_utils3();
    var redlock_1 = require_redlock();
    var debug = (0, debug_1.default)("redis-semaphore:redlock-semaphore:acquire");
    async function acquireRedlockSemaphore(clients, key, limit, options, abortSignal) {
      const { identifier, lockTimeout, acquireTimeout, acquireAttemptsLimit, retryInterval } = options;
      let attempt = 0;
      const end = Date.now() + acquireTimeout;
      const quorum = (0, redlock_1.getQuorum)(clients.length);
      let now;
      while ((now = Date.now()) < end && ++attempt <= acquireAttemptsLimit) {
        abortSignal?.throwIfAborted();
        debug(key, identifier, "attempt", attempt);
        const promises = clients.map((client) => (0, lua_1.acquireLua)(client, [key, limit, identifier, lockTimeout, now]).then((result) => +result).catch(() => 0));
        const results = await Promise.all(promises);
        if (results.reduce(redlock_1.smartSum, 0) >= quorum) {
          debug(key, identifier, "acquired");
          return true;
        } else {
          const promises2 = clients.map((client) => client.zrem(key, identifier).catch(() => 0));
          await Promise.all(promises2);
          await (0, utils_1.delay)(retryInterval, abortSignal);
        }
      }
      debug(key, identifier, "timeout or reach limit");
      return false;
    }
  }
});

// node_modules/redis-semaphore/lib/redlockSemaphore/refresh.js
var require_refresh6 = __commonJS({
  "node_modules/redis-semaphore/lib/redlockSemaphore/refresh.js"(exports) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.refreshRedlockSemaphore = refreshRedlockSemaphore;
    var debug_1 = __importDefault(require_src());
    var lua_1 = require_lua4();
    var lua_2 = require_lua5();
    var redlock_1 = require_redlock();
    var debug = (0, debug_1.default)("redis-semaphore:redlock-semaphore:refresh");
    async function refreshRedlockSemaphore(clients, key, limit, options) {
      const { identifier, lockTimeout } = options;
      const now = Date.now();
      debug(key, identifier, now);
      const quorum = (0, redlock_1.getQuorum)(clients.length);
      const promises = clients.map((client) => (0, lua_2.refreshLua)(client, [key, limit, identifier, lockTimeout, now]).then((result) => +result).catch(() => 0));
      const results = await Promise.all(promises);
      debug("results", results);
      const refreshedCount = results.reduce(redlock_1.smartSum, 0);
      if (refreshedCount >= quorum) {
        debug(key, identifier, "refreshed");
        if (refreshedCount < clients.length) {
          debug(key, identifier, "try to acquire on failed nodes");
          const promises2 = results.reduce((failedClients, result, index) => {
            if (!result) {
              failedClients.push(clients[index]);
            }
            return failedClients;
          }, []).map((client) => (0, lua_1.acquireLua)(client, [key, limit, identifier, lockTimeout, now]).then((result) => +result).catch(() => 0));
          const acquireResults = await Promise.all(promises2);
          debug(key, identifier, "acquire on failed nodes results", acquireResults);
        }
        return true;
      } else {
        const promises2 = clients.map((client) => client.zrem(key, identifier).catch(() => 0));
        await Promise.all(promises2);
        return false;
      }
    }
  }
});

// node_modules/redis-semaphore/lib/redlockSemaphore/release.js
var require_release6 = __commonJS({
  "node_modules/redis-semaphore/lib/redlockSemaphore/release.js"(exports) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.releaseRedlockSemaphore = releaseRedlockSemaphore;
    var debug_1 = __importDefault(require_src());
    var debug = (0, debug_1.default)("redis-semaphore:redlock-mutex:release");
    async function releaseRedlockSemaphore(clients, key, identifier) {
      debug(key, identifier);
      const promises = clients.map((client) => client.zrem(key, identifier).catch(() => 0));
      const results = await Promise.all(promises);
      debug("results", results);
    }
  }
});

// node_modules/redis-semaphore/lib/RedlockSemaphore.js
var require_RedlockSemaphore = __commonJS({
  "node_modules/redis-semaphore/lib/RedlockSemaphore.js"(exports) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    var RedlockMutex_1 = __importDefault(require_RedlockMutex());
    var acquire_1 = require_acquire6();
    var refresh_1 = require_refresh6();
    var release_1 = require_release6();
    var RedlockSemaphore = class extends RedlockMutex_1.default {
      constructor(clients, key, limit, options) {
        super(clients, key, options);
        this._kind = "redlock-semaphore";
        if (!limit) {
          throw new Error('"limit" is required');
        }
        if (typeof limit !== "number") {
          throw new Error('"limit" must be a number');
        }
        this._key = `semaphore:${key}`;
        this._limit = limit;
      }
      async _refresh() {
        return await (0, refresh_1.refreshRedlockSemaphore)(this._clients, this._key, this._limit, this._acquireOptions);
      }
      async _acquire(abortSignal) {
        return await (0, acquire_1.acquireRedlockSemaphore)(this._clients, this._key, this._limit, this._acquireOptions, abortSignal);
      }
      async _release() {
        await (0, release_1.releaseRedlockSemaphore)(this._clients, this._key, this._identifier);
      }
    };
    exports.default = RedlockSemaphore;
  }
});

// node_modules/redis-semaphore/lib/RedlockMultiSemaphore.js
var require_RedlockMultiSemaphore = __commonJS({
  "node_modules/redis-semaphore/lib/RedlockMultiSemaphore.js"(exports) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    var acquire_1 = require_acquire4();
    var refresh_1 = require_refresh4();
    var release_1 = require_release4();
    var RedlockSemaphore_1 = __importDefault(require_RedlockSemaphore());
    var RedlockMultiSemaphore = class extends RedlockSemaphore_1.default {
      constructor(clients, key, limit, permits, options) {
        super(clients, key, limit, options);
        this._kind = "redlock-multi-semaphore";
        if (!permits) {
          throw new Error('"permits" is required');
        }
        if (typeof permits !== "number") {
          throw new Error('"permits" must be a number');
        }
        this._permits = permits;
      }
      async _refresh() {
        return await (0, refresh_1.refreshRedlockMultiSemaphore)(this._clients, this._key, this._limit, this._permits, this._acquireOptions);
      }
      async _acquire(abortSignal) {
        return await (0, acquire_1.acquireRedlockMultiSemaphore)(this._clients, this._key, this._limit, this._permits, this._acquireOptions, abortSignal);
      }
      async _release() {
        await (0, release_1.releaseRedlockMultiSemaphore)(this._clients, this._key, this._permits, this._identifier);
      }
    };
    exports.default = RedlockMultiSemaphore;
  }
});

// node_modules/redis-semaphore/lib/index.js
var require_lib2 = __commonJS({
  "node_modules/redis-semaphore/lib/index.js"(exports) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.TimeoutError = exports.LostLockError = exports.RedlockMultiSemaphore = exports.RedlockSemaphore = exports.RedlockMutex = exports.MultiSemaphore = exports.Semaphore = exports.Mutex = exports.defaultTimeoutOptions = void 0;
    var RedisMultiSemaphore_1 = __importDefault(require_RedisMultiSemaphore());
    exports.MultiSemaphore = RedisMultiSemaphore_1.default;
    var RedisMutex_1 = __importDefault(require_RedisMutex());
    exports.Mutex = RedisMutex_1.default;
    var RedisSemaphore_1 = __importDefault(require_RedisSemaphore());
    exports.Semaphore = RedisSemaphore_1.default;
    var RedlockMultiSemaphore_1 = __importDefault(require_RedlockMultiSemaphore());
    exports.RedlockMultiSemaphore = RedlockMultiSemaphore_1.default;
    var RedlockMutex_1 = __importDefault(require_RedlockMutex());
    exports.RedlockMutex = RedlockMutex_1.default;
    var RedlockSemaphore_1 = __importDefault(require_RedlockSemaphore());
    exports.RedlockSemaphore = RedlockSemaphore_1.default;
    var LostLockError_1 = __importDefault(require_LostLockError());
    exports.LostLockError = LostLockError_1.default;
    var TimeoutError_1 = __importDefault(require_TimeoutError());
    exports.TimeoutError = TimeoutError_1.default;
    var misc_1 = require_misc();
    Object.defineProperty(exports, "defaultTimeoutOptions", { enumerable: true, get: function() {
      return misc_1.defaultTimeoutOptions;
    } });
  }
});

// src/action/inputs.ts
var ACTION_MODES = ["worker", "review", "app", "verify", "refine", "plan"];
var positiveInt = external_exports.string().regex(/^[1-9]\d*$/, "must be a positive integer");
var actionInputsSchema = external_exports.object({
  mode: external_exports.enum(ACTION_MODES, { error: () => `mode must be one of ${ACTION_MODES.join(", ")}` }),
  "github-token": external_exports.string().min(1, "github-token is empty (pass an App installation token, or github.token)"),
  issue: positiveInt.optional(),
  attempt: positiveInt.optional(),
  pr: positiveInt.optional(),
  head: external_exports.string().regex(/^[0-9a-f]{7,64}$/, "must be a commit sha").optional(),
  /** Mode verify: the landed commit to verify (issue #13). */
  sha: external_exports.string().regex(/^[0-9a-f]{7,64}$/, "must be a commit sha").optional(),
  /** Modes refine and plan: which PM run of the item (issue #13). */
  revision: positiveInt.optional(),
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

// src/domain/item/ownership.ts
var OWN_CHECK_PREFIX = "orchestrator/";
var ACTIONS_BOT = "github-actions[bot]";
function sameLogin(a, b) {
  return a.toLowerCase() === b.toLowerCase();
}
function ownership(appSlug) {
  const botName = appSlug === void 0 ? void 0 : `${appSlug}[bot]`;
  const isBot2 = (actor) => !!actor && (actor.type === "Bot" || /\[bot\]$/i.test(actor.login));
  return {
    appSlug,
    isBot: isBot2,
    actor(actor) {
      if (!actor) return false;
      if (botName !== void 0) return sameLogin(actor.login, botName);
      return actor.type === "Bot" && !sameLogin(actor.login, ACTIONS_BOT);
    },
    checkRun(run) {
      if (!run.name.startsWith(OWN_CHECK_PREFIX)) return false;
      return appSlug === void 0 || run.appSlug === appSlug;
    },
    checkSuite(suite) {
      return appSlug !== void 0 && suite.appSlug === appSlug;
    }
  };
}

// src/domain/circuit-breaker.ts
var BREAKER_DEFAULTS = { threshold: 3, cooldownMs: 30 * 6e4 };
var CLOSED = { status: "closed", consecutiveFailures: 0 };
function nextBreakerState(state, event, policy = BREAKER_DEFAULTS) {
  switch (event.kind) {
    case "success":
      return CLOSED;
    case "probe-dispatched":
      return state.status === "closed" ? state : { status: "half-open", probeAt: event.at, consecutiveFailures: state.consecutiveFailures, lastFailure: state.lastFailure };
    case "infrastructure-failure": {
      const consecutiveFailures = state.consecutiveFailures + 1;
      if (state.status === "closed" && consecutiveFailures < policy.threshold) {
        return { status: "closed", consecutiveFailures, lastFailure: event.detail };
      }
      return { status: "open", openedAt: event.at, consecutiveFailures, lastFailure: event.detail };
    }
  }
}
function breakerGate(state, now, policy = BREAKER_DEFAULTS) {
  if (state.status === "closed") return { allow: true, probe: false };
  const since = state.status === "open" ? state.openedAt : state.probeAt;
  const probeAt = since + policy.cooldownMs;
  if (now >= probeAt) return { allow: true, probe: true };
  const why = state.status === "open" ? `circuit breaker open after ${state.consecutiveFailures} infrastructure failure(s) in a row (last: ${state.lastFailure})` : `circuit breaker half-open: a probe attempt is running (last failure: ${state.lastFailure})`;
  return { allow: false, reason: `${why}; next probe at ${new Date(probeAt).toISOString()}`, probeAt };
}
function breakerFromAttempts(attempts, agent, policy = BREAKER_DEFAULTS) {
  const events = [];
  for (const a of attempts) {
    if (a.agent !== agent) continue;
    if (a.probe === true) events.push({ kind: "probe-dispatched", at: Date.parse(a.dispatchedAt) });
    if (a.finishedAt === void 0 || a.outcome === "dispatched" || a.outcome === "cancelled") continue;
    if (a.outcome === "failed" && a.failure === void 0) continue;
    const at = Date.parse(a.finishedAt);
    events.push(a.failure === "infrastructure" ? { kind: "infrastructure-failure", at, detail: a.summary ?? a.outcome } : { kind: "success", at });
  }
  events.sort((x, y) => x.at - y.at || Number(y.kind === "probe-dispatched") - Number(x.kind === "probe-dispatched"));
  return events.reduce((state, event) => nextBreakerState(state, event, policy), CLOSED);
}
function describeBreaker(state, policy = BREAKER_DEFAULTS) {
  switch (state.status) {
    case "closed":
      return state.consecutiveFailures === 0 ? "closed" : `closed (${state.consecutiveFailures} of ${policy.threshold} infrastructure failures in a row)`;
    case "open":
      return `open since ${new Date(state.openedAt).toISOString()} after ${state.consecutiveFailures} infrastructure failures in a row (last: ${state.lastFailure}); next probe at ${new Date(state.openedAt + policy.cooldownMs).toISOString()}`;
    case "half-open":
      return `half-open: a probe attempt started ${new Date(state.probeAt).toISOString()} (last failure: ${state.lastFailure})`;
  }
}

// src/domain/dispatch-gate.ts
function dispatchGate(input) {
  const all = input.repository.flatMap((i) => i.attempts);
  const breaker = breakerGate(breakerFromAttempts(all, input.agent, input.breaker), input.now, input.breaker);
  if (!breaker.allow) return { allow: false, gate: "breaker", reason: `${input.agent}: ${breaker.reason}` };
  const trackCosts = input.repository.filter((i) => i.track === input.item.track).flatMap((i) => i.attempts).filter((a) => a.costUsd !== void 0 && a.finishedAt !== void 0).sort((a, b) => Date.parse(a.finishedAt) - Date.parse(b.finishedAt)).map((a) => a.costUsd);
  const estimateUsd = estimateAttemptUsd(trackCosts);
  const day = utcDay(input.now);
  const running = all.filter((a) => a.outcome === "dispatched" && a.dispatchedAt.slice(0, 10) === day).length;
  const dayUsd = daySpendUsd([all], day) + running * estimateUsd;
  const decision = checkDispatchBudget({ itemUsd: itemSpend(input.item.attempts).usd, dayUsd }, estimateUsd, input.caps);
  if (!decision.allow) return { allow: false, gate: decision.cap, reason: decision.reason };
  return { allow: true, probe: breaker.probe, itemLeftUsd: decision.itemLeftUsd, estimateUsd };
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

// src/domain/dead-letter.ts
function deadLetterFor(input) {
  const last = input.last;
  if (last === void 0 || last.failure === "item") return null;
  const evidence = { attempt: last.attempt, detail: last.detail, ...last.url !== void 0 ? { url: last.url } : {} };
  const limit = input.infrastructureLimit ?? 3;
  if (last.failure === "infrastructure" && input.infrastructureFailuresInARow >= limit) {
    return { reason: "infrastructure", summary: `${input.infrastructureFailuresInARow} runs in a row died of infrastructure failures (last: ${last.detail}); /retry to try again`, evidence };
  }
  if (input.attemptsCounted >= input.maxAttempts) {
    return { reason: "attempts-exhausted", summary: `all ${input.maxAttempts} attempts used (worker.max_attempts; last: ${last.detail}); /retry with guidance to try again`, evidence };
  }
  return null;
}
function deadLetterSearchUrl(repository, label2) {
  const query = `is:issue is:open label:"${label2}"`;
  return `https://github.com/${repository}/issues?q=${encodeURIComponent(query)}`;
}
function deadLetterOfState(state, maxAttempts, infrastructureLimit = 3) {
  const counted = state.attempts.slice(Math.min(state.attemptBudgetFrom, state.attempts.length));
  const last = counted.at(-1);
  if (last === void 0 || last.outcome !== "failed" && last.outcome !== "blocked") return null;
  const classOf = (a) => a.failure ?? (a.outcome === "failed" ? "infrastructure" : "agent");
  let inARow = 0;
  for (const a of [...counted].reverse()) {
    if (a.outcome !== "failed" && a.outcome !== "blocked" || classOf(a) !== "infrastructure") break;
    inARow++;
  }
  return deadLetterFor({
    attemptsCounted: counted.length,
    maxAttempts,
    last: { attempt: last.n, failure: classOf(last), detail: last.summary ?? last.outcome, ...last.runUrl !== void 0 ? { url: last.runUrl } : {} },
    infrastructureFailuresInARow: inARow,
    infrastructureLimit
  });
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
function computedTrack(score, size, config) {
  if (size !== void 0 && config.tracks.project_sizes.includes(size)) return "project";
  if (score !== null && score >= config.tracks.hotfix_threshold) return "hotfix";
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

// src/domain/state-bounds.ts
var MAX_COMMAND_RECORDS = 50;
var MAX_TEXT_ENTRIES = 20;
var MAX_REVIEWS = 20;
var MAX_ENTRY = 2e3;
var MAX_LINE = 300;
var STATE_BLOCK_BUDGET = 4e4;
function boundItemState(state) {
  let next = capHistory(state);
  const fits = (s) => encodeStateBlock(s).length <= STATE_BLOCK_BUDGET;
  if (fits(next)) return next;
  if (next.itemApproval?.snapshot) {
    const { snapshot: _dropped, ...approval } = next.itemApproval;
    next = { ...next, itemApproval: approval };
  }
  while (!fits(next) && (next.feedback.length > 0 || next.guidance.length > 0 || next.commands.length > 1)) {
    if (next.feedback.length > 0) next = { ...next, feedback: next.feedback.slice(Math.ceil(next.feedback.length / 2)) };
    else if (next.guidance.length > 0) next = { ...next, guidance: next.guidance.slice(Math.ceil(next.guidance.length / 2)) };
    else next = compactCommands(next, Math.floor(next.commands.length / 2));
  }
  return next;
}
function compactCommands(state, keep) {
  if (state.commands.length <= keep) return state;
  const dropped = state.commands.slice(0, state.commands.length - keep);
  const before = state.commandsCompacted;
  return {
    ...state,
    commands: state.commands.slice(state.commands.length - keep),
    commandsCompacted: {
      count: (before?.count ?? 0) + dropped.length,
      throughCommentId: Math.max(before?.throughCommentId ?? 0, ...dropped.map((c) => c.commentId))
    }
  };
}
function capHistory(state) {
  let next = compactCommands(state, MAX_COMMAND_RECORDS);
  next = {
    ...next,
    commands: next.commands.map((c) => c.command.length > MAX_LINE ? { ...c, command: truncateEnd(c.command, MAX_LINE) } : c),
    guidance: entries(next.guidance),
    feedback: entries(next.feedback),
    attempts: next.attempts.map((a) => a.summary !== void 0 && a.summary.length > MAX_LINE ? { ...a, summary: truncateEnd(a.summary, MAX_LINE) } : a),
    reviews: next.reviews.slice(-MAX_REVIEWS).map((r) => ({ ...r, findings: entries(r.findings) })),
    reviewRuns: next.reviewRuns.slice(-MAX_REVIEWS),
    ...next.blockedReason !== void 0 ? { blockedReason: truncateEnd(next.blockedReason, MAX_ENTRY) } : {}
  };
  return next;
}
function entries(list) {
  return list.slice(-MAX_TEXT_ENTRIES).map((e) => truncateEnd(e, MAX_ENTRY));
}

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
      if (state.refine?.draft && !state.refine.accepted) return "Answer the PM agent's questions in a comment, or a trusted person accepts its draft story below with `/approve`; editing the issue (or adding labels) works too.";
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
function budgetLines(state) {
  const out = [];
  if ((state.status === "ready" || state.status === "in-review") && state.dispatchWait !== void 0) {
    const then = state.status === "ready" ? "The item stays ready and is dispatched once that changes." : "The next attempt starts on the next send-back or `/retry` once that changes.";
    out.push(`**Not dispatched:** ${escapeInline(state.dispatchWait.reason)}. ${then}`, "");
  }
  const letter = state.deadLetter;
  if (letter !== void 0) {
    const run = letter.evidence.url === void 0 ? "" : ` ([run](${letter.evidence.url}))`;
    out.push(`**Dead letter (${letter.reason}):** ${escapeInline(letter.summary)}. Last evidence: attempt ${letter.evidence.attempt}: ${escapeInline(letter.evidence.detail)}${run}.`, "");
  }
  if (state.attempts.length > 0) out.push(`**Spend:** ${describeSpend(itemSpend(state.attempts))}`, "");
  return out;
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
  if (view.checksMissing !== void 0 && view.checksMissing !== null) out.push(view.checksMissing, "");
  out.push(...budgetLines(state));
  out.push(...verificationLines(state.verification));
  out.push(...view.refine ?? []);
  if (state.approvalVoided !== void 0 && state.itemApproval === void 0) {
    const v = state.approvalVoided;
    out.push(`**Approval voided:** @${escapeInline(v.by)} edited this item after it was approved (${escapeInline(v.change)}), so agents do not get the new text until a trusted person comments \`/approve\` again.`, "");
  }
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
  if (view.plan) out.push(...view.plan, "");
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

// src/domain/checks-grace.ts
var PULL_REQUEST_EVENTS = ["pull_request", "pull_request_target"];
function triggersOnPullRequests(workflowText) {
  const parsed = parseYamlBounded(workflowText);
  if (!parsed.ok || typeof parsed.value !== "object" || parsed.value === null || Array.isArray(parsed.value)) return false;
  const doc = parsed.value;
  const on = doc.on ?? doc.true;
  const events = typeof on === "string" ? [on] : Array.isArray(on) ? on : typeof on === "object" && on !== null ? Object.keys(on) : [];
  return events.some((e) => typeof e === "string" && PULL_REQUEST_EVENTS.includes(e));
}
function checksGraceStep(input) {
  const { wait } = input;
  if (input.checkCount > 0 || input.graceMinutes <= 0) return wait === void 0 ? { kind: "keep" } : { kind: "record", wait: void 0 };
  if (wait?.headSha !== input.headSha) return { kind: "record", wait: { headSha: input.headSha, since: input.now } };
  if (wait.outcome !== void 0) return { kind: "keep" };
  const elapsed = Date.parse(input.now) - Date.parse(wait.since);
  return elapsed >= input.graceMinutes * 6e4 ? { kind: "due", wait } : { kind: "keep" };
}
function graceOutcome(wait, pullRequestWorkflows) {
  return { ...wait, outcome: pullRequestWorkflows.length > 0 ? "noticed" : "no-pull-request-workflows" };
}
var FIX = 'Push with a GitHub App installation token instead: create one in the worker job with [`actions/create-github-app-token`](https://github.com/actions/create-github-app-token) and give it to the worker (see docs/install.md, "Tokens"); pushes made with `GITHUB_TOKEN` start no workflow.';
function checksMissingComment(marker, input) {
  const names = input.workflows.slice(0, 10).map((w) => `\`${w}\``);
  const more = input.workflows.length > names.length ? ` and ${input.workflows.length - names.length} more` : "";
  return [
    marker,
    "### No checks on this pull request",
    "",
    `No check run or commit status has reported on the head commit ${input.headSha.slice(0, 7)} within ${input.graceMinutes} minute(s) (\`review.checks_grace_minutes\`), although this repository has workflows that run on pull requests (${names.join(", ")}${more}). The review and the merge queue wait for checks, so this pull request would wait forever.`,
    "",
    `**Likely cause:** the worker pushed with Actions' \`GITHUB_TOKEN\`. ${FIX}`,
    "",
    "The item's status comment says so until a check reports on the head."
  ].join("\n");
}
function checksMissingLine(state) {
  const wait = state.checksWait;
  if (wait?.outcome !== "noticed" || state.pr?.headSha !== wait.headSha || state.status === "done") return null;
  return `**No checks:** nothing has reported on ${wait.headSha.slice(0, 7)}, the head of #${state.pr.number}, although workflows run on pull requests. ${FIX}`;
}

// src/domain/pm/refine-view.ts
function refineStatusLines(refine) {
  if (!refine) return [];
  const out = [];
  if (refine.accepted) {
    const a = refine.accepted;
    out.push(`**Story:** revision ${a.revision} accepted by ${a.by === "pm.auto_accept" ? "`pm.auto_accept`" : `@${escapeInline(a.by)}`}; its criteria, estimates and scope fill what the issue leaves out (values a person set win).`, "");
    return out;
  }
  if (!refineSettled(refine)) {
    if (refine.held) out.push(`**PM agent:** revision ${refine.revision} waits: ${escapeInline(refine.held.reason)}. It runs once that is over.`, "");
    else out.push(`**PM agent:** refining this item (revision ${refine.revision} asked for).`, "");
  }
  if (refine.problem) {
    const retrying = refine.problem.revision < refine.revision && !refineSettled(refine) ? ` It is asked once more (revision ${refine.revision}).` : " Edit the issue or answer in a comment to try again.";
    out.push(`**PM agent:** the handoff of revision ${refine.problem.revision} was not usable: ${escapeInline(refine.problem.message)}.${retrying}`, "");
  }
  const draft = refine.draft;
  if (!draft) return out;
  const s = draft.story;
  out.push(`#### Draft story (PM agent, revision ${draft.revision})`);
  out.push(`**Problem:** ${escapeInline(s.problem)}`);
  if (s.story) out.push(`**Story:** ${escapeInline(s.story)}`);
  out.push("", "Acceptance criteria:");
  for (const c of s.acceptance_criteria) out.push(`- **Given** ${escapeInline(c.given)} **when** ${escapeInline(c.when)} **then** ${escapeInline(c.then)}`);
  out.push("", "| Estimate | Value | Reason |", "| --- | :-: | --- |");
  out.push(`| Business value | ${s.wsjf.value.estimate} | ${cell2(s.wsjf.value.reason)} |`);
  out.push(`| Time criticality | ${s.wsjf.urgency.estimate} | ${cell2(s.wsjf.urgency.reason)} |`);
  out.push(`| Risk reduction / opportunity enablement | ${s.wsjf.risk.estimate} | ${cell2(s.wsjf.risk.reason)} |`);
  out.push(`| Job size | ${s.wsjf.size.estimate} | ${cell2(s.wsjf.size.reason)} |`);
  out.push("", `Scope: ${s.scope.length > 0 ? s.scope.map((g) => `\`${g.replace(/`/g, "'")}\``).join(", ") : "_none proposed_"}`);
  if (s.questions.length > 0) out.push("", "Open questions (asked in a comment):", ...s.questions.map((q, i) => `${i + 1}. ${escapeInline(q)}`));
  out.push("", "A trusted person accepts this draft with `/approve`; an answer or an edit of the issue revises it. Values a person set (labels, form fields) win over the estimates.", "");
  return out;
}
function cell2(text) {
  return escapeInline(text).replace(/\|/g, "\\|");
}
function refineQuestionsComment(author, revision, questions) {
  return [
    pmQuestionsMarker(revision),
    `@${author}, the PM agent drafted a story for this item (see the status comment) and asks:`,
    "",
    ...questions.map((q, i) => `${i + 1}. ${escapeInline(q)}`),
    "",
    "Answer in a comment here (or edit the issue) and the story is revised. A trusted person accepts the draft with `/approve`."
  ].join("\n");
}

// src/domain/pm/plan-render.ts
function planItems(plan) {
  return plan.children.map((c) => ({ key: c.key, title: c.title, size: c.size, scope: [...c.scope], dependsOn: [...new Set(c.depends_on)] }));
}
function renderPlanSection(plan, facts) {
  const out = [`#### Plan (revision ${plan.revision})`, planHeadline(plan, facts.gate)];
  if (plan.summary) out.push("", inline(plan.summary));
  if (plan.items.length === 0) return out;
  const numbers = new Map(plan.children.map((c) => [c.key, c.number]));
  const closed = new Set(facts.childStates.filter((c) => c.state === "closed").map((c) => c.number));
  out.push("");
  for (const item of plan.items) out.push(checklistLine(item, numbers, closed));
  out.push("", "```mermaid", ...mermaidGraph(plan.items, numbers), "```");
  if (plan.dropped.length > 0) {
    const dropped = plan.dropped.map((key) => numbers.has(key) ? `#${numbers.get(key)} (\`${key}\`)` : `\`${key}\``);
    out.push("", `**No longer in the plan:** ${dropped.join(", ")}: kept as they are; close them by hand if they are not needed.`);
  }
  return out;
}
function planHeadline(plan, gate) {
  switch (plan.outcome) {
    case "requested":
      return `The PM agent is planning this epic (revision ${plan.revision} requested ${plan.requestedAt}).`;
    case "invalid":
      return `**The PM agent's plan (revision ${plan.revision}) was not accepted:** ${inline(plan.problem ?? "no reason recorded")}. Comment \`/plan\` to ask for a new plan, or edit this epic.`;
    case "ready":
      if (!gate) return "The children are being created from this plan.";
      return plan.approval?.revision === plan.revision ? `Approved by @${plan.approval.by}; the children are being created.` : "A trusted person comments `/approve plan` to create these children as sub-issues (or `/plan` for a new plan).";
    case "created":
      return `The children below were created from this plan${plan.approval?.revision === plan.revision ? ` (approved by @${plan.approval.by})` : ""}; they run in dependency order and this epic closes when they are done.`;
  }
}
function checklistLine(item, numbers, closed) {
  const number = numbers.get(item.key);
  const mark = number !== void 0 && closed.has(number) ? "x" : " ";
  const parts = [`${number !== void 0 ? `#${number} ` : ""}**${item.key}**: ${inline(item.title)}`, `size ${item.size}`];
  if (item.scope.length > 0) parts.push(`scope ${item.scope.map((s) => `\`${s.replace(/`/g, "'")}\``).join(", ")}`);
  if (item.dependsOn.length > 0) parts.push(`after ${item.dependsOn.map((d) => numbers.has(d) ? `#${numbers.get(d)}` : `**${d}**`).join(", ")}`);
  return `- [${mark}] ${parts.join(" \xB7 ")}`;
}
function mermaidGraph(items, numbers = /* @__PURE__ */ new Map()) {
  const id = (key) => `k_${key.replace(/-/g, "_")}`;
  const out = ["graph TD"];
  for (const item of items) {
    const number = numbers.get(item.key);
    out.push(`  ${id(item.key)}["${mermaidText(`${number !== void 0 ? `#${number} ` : ""}${item.key}: ${item.title} (${item.size})`)}"]`);
  }
  for (const item of items) for (const dep of item.dependsOn) out.push(`  ${id(dep)} --> ${id(item.key)}`);
  return out;
}
function mermaidText(text) {
  const flat = text.replace(/\s+/g, " ").replace(/"/g, "#quot;").replace(/[<>`]/g, "");
  return flat.length > 80 ? `${flat.slice(0, 79)}\u2026` : flat;
}
function inline(text) {
  const flat = escapeInline(text);
  return flat.length > 500 ? `${flat.slice(0, 499)}\u2026` : flat;
}

// src/domain/status-view.ts
function buildStatusView(issue, state, config) {
  const parsed = parseWorkItem({ title: issue.title, body: issue.body, labels: issue.labels }, state, config);
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
    cycleMessage: describeCycles(state.cycles),
    checksMissing: checksMissingLine(state),
    refine: refineStatusLines(state.refine),
    plan: state.plan ? renderPlanSection(state.plan, { childStates: state.childStates, gate: config.pm.plan_gate }) : null
  };
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
  return input.issueAuthor !== "" && sameLogin2(input.actor.login, input.issueAuthor);
}
function whoMayCommand(approvers = []) {
  const base2 = "people with write, maintain or admin permission on this repository";
  if (approvers.length === 0) return `${base2}, or people listed in \`trust.approvers\` (none configured)`;
  return `${base2}, or the approvers in \`trust.approvers\`: ${approvers.map((a) => a.startsWith("@") ? a : `@${a}`).join(", ")}`;
}
function sameLogin2(a, b) {
  return a.toLowerCase() === b.toLowerCase();
}

// src/domain/help-text.ts
function helpText(config) {
  const hold2 = config.labels.hold;
  const rows = [
    [COMMAND_USAGE.approve, "On a pull request: approve it for the merge queue, for its current head commit (a new commit other than the app's own update from the base branch voids it). On an issue: approve an item from an untrusted author for the agents."],
    [COMMAND_USAGE["approve-cancel"], "Withdraw that approval."],
    [COMMAND_USAGE["approve-plan"], "On an epic: create the children of the PM agent's plan as sub-issues (see docs/pm-plan.md)."],
    [COMMAND_USAGE.plan, "On an epic: ask the PM agent for a new plan (re-planning updates the children, never duplicates them)."],
    [COMMAND_USAGE.retry, "Start a new attempt; the guidance goes into the next task envelope. On a blocked item it also grants a fresh attempt budget."],
    [COMMAND_USAGE.hold, `Add the \`${hold2}\` label: nothing is dispatched or merged while it is on.`],
    [COMMAND_USAGE.unhold, `Remove the \`${hold2}\` label.`],
    [COMMAND_USAGE.wsjf, "Set the WSJF inputs (business value, time criticality, risk reduction, job size) and rescore."],
    [COMMAND_USAGE.track, "Put the item on another track and rescore."],
    [COMMAND_USAGE.cancel, `Cancel the item's running worker and put the item on hold (\`${hold2}\`).`],
    [COMMAND_USAGE.help, "Show this help."]
  ];
  const table2 = ["| Command | What it does |", "| --- | --- |", ...rows.map(([usage, what]) => `| \`${escapeCell(usage)}\` | ${escapeCell(what)} |`)];
  const who = [
    `**Who may use them:** ${whoMayCommand(config.trust.approvers)}. Anyone may use \`/help\`. Commands from bots are ignored.`,
    config.review.require_independent_approval ? "`review.require_independent_approval` is on: the person who opened an issue cannot `/approve` the pull request that implements it." : "",
    "Write one command per line, at the start of the line; quoted lines and code blocks are ignored. A review verdict from the orchestrator never merges anything by itself."
  ].filter((line) => line !== "");
  return ["### Orchestrator commands", "", ...table2, "", ...who].join("\n");
}
function escapeCell(text) {
  return text.replace(/\|/g, "\\|");
}

// src/domain/queue-membership.ts
var QUEUE_STATUSES = ["in-review", "approved", "merging"];
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
function evaluateRequiredChecks(checks, required, ignore2 = []) {
  const latest = latestByName(checks);
  const names = required.length > 0 ? [...new Set(required)] : [...latest.keys()].filter((n) => !ignore2.includes(n));
  const failed = [];
  const pending2 = [];
  for (const name of names) {
    const check = latest.get(name);
    if (!check || check.status !== "completed") pending2.push(name);
    else if (!PASSING.has(check.conclusion ?? "")) failed.push(name);
  }
  if (failed.length > 0) return { state: "failed", failed, pending: pending2 };
  if (pending2.length > 0 || names.length === 0) return { state: "pending", failed, pending: pending2 };
  return { state: "passed", failed, pending: pending2 };
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
function localIssue(ref) {
  const m = /^#(\d+)$/.exec(ref.trim());
  return m ? Number(m[1]) : null;
}

// src/domain/pm/plan-commands.ts
function approvePlan(plan, by, at) {
  if (!plan) return { status: "refused", reply: "This item has no plan to approve: the PM agent plans project items (epics) when `pm.agent` is configured." };
  if (plan.outcome === "requested") return { status: "refused", reply: `Plan revision ${plan.revision} is not in yet; approve it once it shows in the status comment.` };
  if (plan.outcome === "invalid") return { status: "refused", reply: `Plan revision ${plan.revision} was not accepted (see the status comment); comment \`/plan\` for a new one.` };
  if (plan.approval?.revision === plan.revision) return { status: "unchanged", reply: `Plan revision ${plan.revision} is already approved by @${plan.approval.by}.` };
  const done2 = plan.outcome === "created" ? " Its children exist already; nothing more is created." : " Creating its children as sub-issues.";
  return { status: "applied", plan: { ...plan, approval: { by, at, revision: plan.revision } }, reply: `Plan revision ${plan.revision} approved by @${by}.${done2}` };
}
function requestReplan(plan, isProject) {
  if (!isProject) return { status: "refused", reply: "Only project items (epics) are planned: put the item on the project track first (`/track project`)." };
  if (plan?.replanRequested) return { status: "unchanged", reply: "A new plan is already asked for." };
  if (!plan) return { status: "unchanged", reply: "The PM agent plans this epic when it is trusted and has no children (with `pm.agent` configured)." };
  return { status: "applied", plan: { ...plan, replanRequested: true }, reply: `Asking the PM agent for plan revision ${plan.revision + 1}. Re-planning updates the children, never duplicates them.` };
}

// src/domain/apply-command.ts
function applyCommand(state, command, context) {
  const text = formatCommand(command);
  if (alreadyRun(state, context.commentId, text)) return duplicate(state);
  const result = runHandler(state, command, context);
  if (result.status === "refused") return { ...result, state };
  const record2 = { commentId: context.commentId, command: text, by: context.actor.login, at: context.now, ...headOf(context) };
  return { ...result, state: { ...result.state, commands: [...result.state.commands, record2] } };
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
  help: (state, _command, context) => done(state, { reply: helpText(context.config) }),
  "approve-plan": (state, _command, context) => planResult(state, approvePlan(state.plan, context.actor.login, context.now)),
  plan: (state) => planResult(state, requestReplan(state.plan, state.track === "project"))
};
function planResult(state, result) {
  if (result.status === "applied") return done({ ...state, plan: result.plan }, { reply: result.reply, effects: [{ kind: "plan" }] });
  return result.status === "unchanged" ? unchanged(state, result.reply) : refused(state, result.reply);
}
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
  const reply = [
    `Approved ${short(head)} for the merge queue (by @${context.actor.login}). A new commit voids this approval, except the orchestrator's own update from the base branch.`,
    ...notes
  ];
  return done({ ...state, approval }, { reply: lines(reply), effects: [{ kind: "evaluate-queue" }] });
}
function approveItem(state, context) {
  const story = acceptDraft(state.refine, context.actor.login, context.now);
  if (story) return done({ ...state, refine: story.refine }, { reply: story.reply, effects: [{ kind: "retriage" }] });
  if (state.itemApproval) return unchanged(state, `Already approved for the agents by @${state.itemApproval.by}.`);
  if (state.trusted) return unchanged(state, "This item's author is trusted; it needs no approval for the agents.");
  const bound = context.issueText ? bindApproval(context.issueText) : {};
  const { approvalVoided: _superseded, ...rest } = state;
  const next = { ...rest, trusted: true, itemApproval: { by: context.actor.login, at: context.now, ...bound } };
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
  const reply = `Approval for the agents withdrawn by @${context.actor.login}: no new attempt starts. A running attempt goes on; use \`/cancel\` to stop it.`;
  return done({ ...rest, trusted: false }, { reply, effects: [{ kind: "retriage" }] });
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
  if (next.deadLetter !== void 0) {
    const { deadLetter: _revived, ...rest } = next;
    next = rest;
    labels.remove.push(context.config.labels.dead_letter);
    notes.push("Taken off the dead-letter list.");
  }
  if (state.status === "blocked") {
    const { blockedReason: _cleared, ...rest } = next;
    next = { ...rest, status: "ready" };
    labels.remove.push(context.config.labels.status.blocked);
    labels.add.push(context.config.labels.status.ready);
  }
  const running = runningAttempt(state);
  if (running) {
    const reply = [`Attempt ${running.n} is still running${running.runUrl ? ` ([run](${running.runUrl}))` : ""}; no second attempt is started. Use \`/cancel\` to stop it.`, ...notes];
    return changedOrNot(state, next, { reply: lines(reply), labels, effects: [] });
  }
  if (isHeld(context)) {
    const reply = [`The item is on hold (\`${context.config.labels.hold}\`): the new attempt starts after \`/unhold\`.`, ...notes];
    return changedOrNot(state, next, { reply: lines(reply), labels, effects: [] });
  }
  return done(next, { reply: lines([`New attempt requested by @${context.actor.login}.`, ...notes]), labels, effects: [{ kind: "dispatch", reason: "retry" }] });
}
function hold(state, reason, context) {
  const label2 = context.config.labels.hold;
  if (isHeld(context)) return unchanged(state, `Already on hold (\`${label2}\`).`);
  const why = reason ? ` Reason: ${reason}` : "";
  return done(state, {
    reply: `On hold (by @${context.actor.login}): nothing is dispatched or merged until \`/unhold\`.${why}`,
    labels: { add: [label2], remove: [] },
    effects: queueEffects(state)
  });
}
function unhold(state, context) {
  const label2 = context.config.labels.hold;
  if (!isHeld(context)) return unchanged(state, "The item is not on hold.");
  return done(state, {
    reply: `Hold released by @${context.actor.login}.`,
    labels: { add: [], remove: [label2] },
    effects: [{ kind: "retriage" }, ...queueEffects(state)]
  });
}
function queueEffects(state) {
  return QUEUE_STATUSES.includes(state.status) ? [{ kind: "evaluate-queue" }] : [];
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
  const label2 = context.config.labels.hold;
  const labels = { add: isHeld(context) ? [] : [label2], remove: [] };
  const running = runningAttempt(state);
  const heldNote = `The item is on hold (\`${label2}\`); \`/unhold\` to let it continue.`;
  if (!running) {
    return changedOrNot(state, state, { reply: lines(["No attempt is running.", heldNote]), labels, effects: [] });
  }
  const cancelled = { ...running, outcome: "cancelled", finishedAt: context.now, summary: `cancelled by @${context.actor.login}` };
  const next = { ...state, attempts: state.attempts.map((a) => a === running ? cancelled : a) };
  const run = running.runId === void 0 ? "" : ` (run ${running.runId})`;
  const effect = { kind: "cancel-run", attempt: running.n, ...running.runId === void 0 ? {} : { runId: running.runId } };
  return done(next, { reply: lines([`Cancelling attempt ${running.n}${run}.`, heldNote]), labels, effects: [effect] });
}
function alreadyRun(state, commentId, text) {
  if (state.commandsCompacted !== void 0 && commentId <= state.commandsCompacted.throughCommentId) return true;
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
  for (const label2 of current) if (label2 !== wanted && matches(label2)) into.remove.push(label2);
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
function unchanged(state, reply) {
  return { status: "unchanged", state, labelsToAdd: [], labelsToRemove: [], reply, reaction: "eyes", effects: [] };
}
function refused(state, reply) {
  return { status: "refused", state, labelsToAdd: [], labelsToRemove: [], reply, reaction: "confused", effects: [] };
}

// src/domain/item/lifecycle.ts
var REVIEWABLE = /* @__PURE__ */ new Set(["in-review", "approved", "merging"]);
var DISPATCHABLE = /* @__PURE__ */ new Set(["ready", "in-review", "approved", "merging", "blocked"]);
function to(item, change, effects = []) {
  return { item: { ...item, ...change }, effects, ignored: false };
}
function ignore(item) {
  return { item, effects: [], ignored: true };
}
function approvalCoversHead(item) {
  return item.approvedHead !== null && item.prHead !== null && item.approvedHead === item.prHead;
}
function transition(item, event) {
  const { status } = item;
  if (status === "done" && event.kind !== "triaged" && event.kind !== "verification-failed") return ignore(item);
  switch (event.kind) {
    case "triaged":
      if (status === "in-progress" || REVIEWABLE.has(status)) return ignore(item);
      return to(item, { status: event.status }, event.status === "ready" ? [{ kind: "schedule" }] : []);
    case "dispatched":
      if (!DISPATCHABLE.has(status)) return ignore(item);
      return to(item, { status: "in-progress", approvedHead: null });
    case "dispatch-failed":
      return to(item, { status: "blocked", approvedHead: null });
    // A report settles its attempt whatever the label said meanwhile (a report is only applied
    // to an attempt still recorded as dispatched; the app checks that).
    case "reported-pr":
      return to(item, { status: "in-review", prHead: event.head, approvedHead: null }, [{ kind: "evaluate-queue" }, { kind: "schedule" }]);
    case "reported-blocker":
      return to(item, { status: "blocked", approvedHead: null }, [{ kind: "schedule" }]);
    case "run-failed":
      return to(item, { status: "ready" }, [{ kind: "dispatch" }, { kind: "schedule" }]);
    case "run-cancelled":
      if (status !== "in-progress") return ignore(item);
      return to(item, { status: item.prHead !== null ? "in-review" : "ready" });
    case "approved":
      if (!REVIEWABLE.has(status) || item.prHead === null || event.head !== item.prHead) return ignore(item);
      return to(item, { status: status === "merging" ? "merging" : "approved", approvedHead: event.head }, [{ kind: "evaluate-queue" }]);
    case "approval-withdrawn":
      if (!REVIEWABLE.has(status)) return to(item, { approvedHead: null });
      return to(item, { status: "in-review", approvedHead: null }, [{ kind: "evaluate-queue" }]);
    case "pushed": {
      if (item.prHead === null) return ignore(item);
      const carried = event.ownUpdate && approvalCoversHead(item);
      const approvedHead = carried ? event.head : null;
      const back = !carried && (status === "approved" || status === "merging");
      return to(item, { prHead: event.head, approvedHead, ...back ? { status: "in-review" } : {} }, [{ kind: "evaluate-queue" }]);
    }
    case "queue-updating":
      if (!approvalCoversHead(item) || status !== "approved" && status !== "merging") return ignore(item);
      return to(item, { status: "merging" });
    case "queue-ranked":
      if (!REVIEWABLE.has(status)) return ignore(item);
      if (event.member && approvalCoversHead(item)) return to(item, { status: event.inFlight ? "merging" : "approved" });
      if (!approvalCoversHead(item)) return to(item, { status: "in-review", approvedHead: null });
      return to(item, { status: status === "merging" ? "approved" : status });
    case "queue-sent-back":
      if (!REVIEWABLE.has(status)) return ignore(item);
      return to(item, { status: "in-review", approvedHead: null }, [{ kind: "dispatch" }]);
    case "queue-held-back":
      if (!REVIEWABLE.has(status)) return ignore(item);
      return to(item, { status: approvalCoversHead(item) ? "approved" : "in-review" });
    case "merge-ready":
      if (status !== "approved" && status !== "merging" || !approvalCoversHead(item) || item.prHead !== event.sha) return ignore(item);
      return to(item, { status: "merging" }, [{ kind: "merge", sha: event.sha }]);
    case "merged":
      return to(item, { status: "done" }, [{ kind: "dependents" }, { kind: "schedule" }]);
    case "epic-finished":
      return to(item, { status: "done" });
    case "approval-voided":
      return to(item, { status: "needs-approval", approvedHead: null }, [{ kind: "schedule" }]);
    case "verification-failed":
      if (status !== "done") return ignore(item);
      return to(item, { status: "ready", prHead: null, approvedHead: null }, [{ kind: "dependents" }, { kind: "schedule" }]);
  }
}

// src/app/item-store.ts
async function loadItem(session, number) {
  const issue = await session.port.getIssue(number);
  if (!issue || issue.isPullRequest) return null;
  return loadItemFor(session, issue);
}
async function readState(session, number) {
  const status = await session.port.findComment(number, STATUS_MARKER);
  const decoded = status ? decodeStateBlock(status.body) : null;
  return decoded?.kind === "ok" ? decoded.state : null;
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
  const state = boundItemState(itemStateSchema.parse(next));
  const rendered = renderStatusComment(state, buildStatusView(item.issue, state, session.config));
  const body = boundWithTrailingBlock(rendered, rendered.lastIndexOf(STATE_BLOCK_OPENING), "see the issue for the full text");
  const labelsNow = item.issue.labels;
  const status = statusLabelChange(labelsNow, state.status, session);
  const add = [...status.add, ...extra.add ?? []];
  const remove = [...status.remove, ...extra.remove ?? []].filter((name) => !add.includes(name));
  const labels = [...labelsNow.filter((l) => !remove.includes(l)), ...add.filter((l) => !labelsNow.includes(l))];
  session.items.stage({ issue: { ...item.issue, labels }, base: item.statusComment, labelsRead: labelsNow, body });
  const statusComment = item.statusComment ? { ...item.statusComment, body, updatedAt: session.now() } : { id: 0, body, author: { login: "", type: "Bot" }, createdAt: session.now(), updatedAt: session.now(), htmlUrl: "" };
  return { issue: { ...item.issue, labels }, state, statusComment };
}
function lifecycleOf(state, prHead) {
  const head = prHead ?? state.pr?.headSha ?? null;
  const { queue } = state;
  const updates = queue?.updatedFrom && queue.updatedTo ? [{ from: queue.updatedFrom, to: queue.updatedTo }] : [];
  const approvedHead = head !== null && isApprovalValid(state.approval, head, updates) ? head : null;
  return { status: state.status, prHead: head, approvedHead };
}
function lifecycle(state, event, prHead) {
  return transition(lifecycleOf(state, prHead), event);
}

// src/app/own-echoes.ts
var LIMIT = 5e3;
var remembered = /* @__PURE__ */ new Set();
var pending = /* @__PURE__ */ new WeakMap();
function repoKey(repo) {
  return `${repo.owner}/${repo.repo}`.toLowerCase();
}
function expectEcho(session, key) {
  const list = pending.get(session) ?? [];
  list.push(`${repoKey(session.port.repo)} ${key}`);
  pending.set(session, list);
}
function rememberEchoes(session) {
  for (const key of pending.get(session) ?? []) {
    remembered.delete(key);
    remembered.add(key);
    if (remembered.size > LIMIT) remembered.delete(remembered.values().next().value);
  }
  pending.delete(session);
}
function echoKey(event) {
  if (event.kind === "workflow-run" && event.action === "completed") {
    const ids = parseRunTitle(event.run.displayTitle);
    return ids ? `run:${ids.issue}:${ids.attempt}` : null;
  }
  if (event.kind === "workflow-run" && event.action === "requested") return `started:${event.run.id}`;
  if (event.kind === "issue" && event.action === "closed" && !event.isPullRequest) return `closed:${event.number}`;
  if (event.kind === "check") return `landed:${event.headSha}`;
  return null;
}
function isOwnEcho(repo, event) {
  if (event.kind === "issue" && event.action === "reopened") remembered.delete(`${repoKey(repo)} closed:${event.number}`);
  const key = echoKey(event);
  if (key === null) return false;
  const full = `${repoKey(repo)} ${key}`;
  return key.startsWith("landed:") ? remembered.has(full) : remembered.delete(full);
}

// src/domain/trust/authority.ts
var FOLLOW_UP_STATUSES = ["ready", "in-review", "approved", "merging"];
function mayDispatch(facts) {
  const { state, labels, config } = facts;
  if (state === null) return deny("the item has not been triaged by the app");
  if (labels.includes(config.labels.ignore)) return deny(`the item carries \`${config.labels.ignore}\``);
  if (labels.includes(config.labels.hold)) return deny(`the item is on hold (\`${config.labels.hold}\`)`);
  if (!facts.authorTrusted && !approvalCovers(state.itemApproval, facts.text)) {
    return deny(state.itemApproval ? "the item's text changed after its approval" : "the author is not trusted and no one approved the item");
  }
  if (state.track === "project") return deny("the item is an epic: its child issues are dispatched, never the epic");
  if (state.cycles.length > 0) return deny("the item is on a dependency cycle");
  const open = state.dependencies.filter((d) => d.state === "open");
  if (open.length > 0 && !mayStackOn(open, config.worker?.stack_on_approved ?? false)) return deny(`the item waits for ${open.map((d) => d.ref).join(", ")}`);
  if (state.missing.length > 0) return deny("the item still misses required information");
  const allowed = facts.reason === "initial" ? state.status === "ready" : FOLLOW_UP_STATUSES.includes(state.status);
  if (!allowed) return deny(`the item's state is \`${state.status}\``);
  return { allowed: true };
}
function deny(reason) {
  return { allowed: false, reason };
}
function statusLabelRepair(labels, status, config) {
  const want = status === null ? null : statusLabel(status, config);
  const remove = allStatusLabels(config).filter((name) => name !== want && labels.includes(name));
  const add = want !== null && !labels.includes(want) ? [want] : [];
  return { add, remove };
}
function labelChangeDisagrees(action, label2, status, config) {
  if (!allStatusLabels(config).includes(label2)) return false;
  const want = status === null ? null : statusLabel(status, config);
  return action === "labeled" ? label2 !== want : label2 === want;
}
function isAppLogin(login, appSlug) {
  return appSlug !== void 0 && login.toLowerCase() === `${appSlug}[bot]`.toLowerCase();
}
function labelRevertNote(input) {
  const what = input.action === "labeled" ? `added \`${input.label}\`` : `removed \`${input.label}\``;
  const state = input.status === null ? "the item has no status yet" : `the item's state is \`${input.status}\``;
  return `@${input.sender} ${what}, but status labels are a view of the orchestrator's state, not a way to change it: ${state}, so the label was put back. Use the commands (\`/help\`) to steer the item.`;
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
  const open = input.dependencies.filter((d) => d.state === "open");
  if (open.length > 0 && !mayStackOn(open, input.config.worker.stack_on_approved)) return "waiting";
  if (track2 === "project" && input.children.some((c) => c.state === "open")) return "waiting";
  return "ready";
}
function nextStatus(input, base2) {
  const previous = input.previous;
  if (input.issue.state === "closed") {
    if (previous?.merged !== void 0) return "done";
    return previous?.status ?? statusFromLabels(input.issue.labels, input.config) ?? base2;
  }
  if (base2 === "needs-approval") return base2;
  if (previous !== null && STATUSES_PAST_READY.includes(previous.status)) return previous.status;
  return base2;
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
  const parsed = parseWorkItem({ title: issue.title, body: issue.body, labels: issue.labels }, previous, config);
  const wsjf2 = computeWsjf(parsed.wsjf, config.wsjf.sizes);
  const base2 = previous ?? emptyItemState(issue.number);
  if (issue.labels.includes(config.labels.ignore)) {
    const status2 = previous?.status ?? statusFromLabels(issue.labels, config) ?? "needs-info";
    const track3 = previous?.track ?? computedTrack(wsjf2.score, parsed.size, config);
    return { ignored: true, status: status2, track: track3, wsjf: wsjf2, missing: [], labelsToAdd: [], labelsToRemove: [], state: base2, questions: null, cycleMessage: null, parsed };
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
    ...base2,
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
  const [trust, blockedBy, children] = await Promise.all([
    resolveTrust(session, issue.author.login),
    issue.relations?.blockedBy === 0 ? Promise.resolve([]) : session.port.listBlockedBy(issue.number),
    issue.state === "open" && issue.relations?.subIssues !== 0 ? session.port.listSubIssues(issue.number) : Promise.resolve([])
  ]);
  const parsed = parseIssue({ title: issue.title, body: issue.body, labels: issue.labels }, session.config);
  const dependencies = await resolveDependencies(session, parsed.dependsOn, blockedBy, fullName);
  const cycles = await findCyclesThrough(session, issue, dependencies, fullName);
  const decision = triage({
    issue: { number: issue.number, title: issue.title, body: issue.body, labels: issue.labels, author: issue.author.login, state: issue.state },
    authorTrusted: trust.trusted,
    // trust (#10): an approval counts only for the text it was given on (its digest).
    itemApproved: approvalCovers(item.state.itemApproval, { title: issue.title, body: issue.body }),
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
      const to2 = normalizeRef(raw, fullName);
      if (!to2) continue;
      edges.push({ from: ref, to: to2 });
      if (!seen.has(to2)) frontier.push(to2);
    }
  }
  return cyclesThrough(self, findCycles(edges));
}
async function retriage(session, number, options = {}) {
  const issue = await session.port.getIssue(number);
  if (!issue || issue.isPullRequest) return null;
  if (options.openOnly && issue.state === "closed") return null;
  return triageIssue(session, issue);
}
async function retriageDependents(session, number, options = {}) {
  const fullName = `${session.port.repo.owner}/${session.port.repo.repo}`;
  const target = `#${number}`;
  const open = await session.port.listOpenIssues(options.reopened ? [] : [statusLabel("waiting", session.config)]);
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

// src/app/trust-guards.ts
var LABEL_NOTE_MARKER = "<!-- orchestrator:status-label-reverted -->";
async function authorizeDispatch(session, number, reason) {
  const before = await session.port.getIssue(number);
  if (!before || before.isPullRequest || before.state !== "open") return null;
  await triageIssue(session, before);
  const issue = await session.port.getIssue(number);
  if (!issue) return null;
  const item = await loadItemFor(session, issue);
  const decision = mayDispatch({
    state: item.statusComment ? item.state : null,
    labels: issue.labels,
    text: { title: issue.title, body: issue.body },
    // The triage just run asked GitHub for the author's permission: `trusted` is fresh.
    authorTrusted: item.state.trusted,
    reason,
    config: session.config
  });
  if (decision.allowed) return issue;
  session.log.info({ issue: number, reason, refused: decision.reason }, "dispatch refused by the trust rules");
  return null;
}
async function guardStatusLabel(session, change, appSlug) {
  if (isAppLogin(change.sender.login, appSlug)) return false;
  if (!allStatusLabels(session.config).includes(change.label)) return false;
  const issue = await session.port.getIssue(change.number);
  if (!issue || issue.isPullRequest) return false;
  const item = await loadItemFor(session, issue);
  const status = item.statusComment ? item.state.status : null;
  if (!labelChangeDisagrees(change.action, change.label, status, session.config)) return false;
  const repair = statusLabelRepair(issue.labels, status, session.config);
  await session.port.applyLabels(issue.number, issue.labels, repair, session.catalog);
  const note = labelRevertNote({ sender: change.sender.login, label: change.label, action: change.action, status });
  await session.port.upsertComment(issue.number, LABEL_NOTE_MARKER, `${LABEL_NOTE_MARKER}
${note}`);
  session.log.warn({ issue: issue.number, label: change.label, action: change.action, by: change.sender.login, status }, "status label put back");
  return true;
}
async function guardApprovedText(session, edit, appSlug) {
  if (isAppLogin(edit.editor.login, appSlug)) return "none";
  const issue = await session.port.getIssue(edit.number);
  if (!issue || issue.isPullRequest) return "none";
  const item = await loadItemFor(session, issue);
  const approval = item.state.itemApproval;
  if (!approval) return "none";
  const after = { title: issue.title, body: issue.body };
  const before = approval.snapshot ?? (edit.titleFrom !== void 0 || edit.bodyFrom !== void 0 ? { title: edit.titleFrom ?? issue.title, body: edit.bodyFrom ?? issue.body } : null);
  const editorTrusted = edit.editor.type !== "Bot" && (await resolveTrust(session, edit.editor.login)).trusted;
  const decision = decideEdit({ approval, after, before, editorTrusted });
  if (decision.kind === "unchanged") return "kept";
  if (decision.kind === "rebind") {
    const { snapshot: _old, ...rest2 } = approval;
    await saveItem(session, item, { ...item.state, itemApproval: { ...rest2, digest: decision.digest, ...decision.snapshot ? { snapshot: decision.snapshot } : {} } });
    session.log.info({ issue: issue.number, by: edit.editor.login }, "approval re-bound to a trusted edit");
    return "rebound";
  }
  const now = session.now();
  const running = item.state.attempts.filter((a) => a.outcome === "dispatched");
  const { itemApproval: _voided, ...rest } = item.state;
  const next = {
    ...rest,
    trusted: false,
    status: lifecycle(item.state, { kind: "approval-voided" }).item.status,
    approvalVoided: { by: edit.editor.login, at: now, change: `${decision.change} (approved text ${approval.digest?.slice(7, 19) ?? "unrecorded"}, now ${approvalDigest(after).slice(7, 19)})` },
    attempts: item.state.attempts.map((a) => a.outcome === "dispatched" ? { ...a, outcome: "cancelled", finishedAt: now, summary: "cancelled: the approval was voided by an edit" } : a)
  };
  await saveItem(session, item, next);
  for (const attempt of running) await cancelRun(session, { issue: issue.number, attempt: attempt.n, ...attempt.runId === void 0 ? {} : { runId: attempt.runId } });
  session.log.warn({ issue: issue.number, by: edit.editor.login, cancelled: running.map((a) => a.n) }, "approval voided by an untrusted edit");
  return "voided";
}

// src/app/scheduler.ts
function attemptsUsed(state) {
  return state.attempts.length - Math.min(state.attemptBudgetFrom, state.attempts.length);
}
function candidateOf(session, issue) {
  const status = statusFromLabels(issue.labels, session.config);
  if (status === null) return null;
  const parsed = parseIssue({ title: issue.title, body: issue.body, labels: issue.labels }, session.config);
  const score = computeWsjf(parsed.wsjf, session.config.wsjf.sizes).score;
  const track2 = explicitTrack(issue.labels, session.config) ?? computedTrack(score, parsed.size, session.config);
  return {
    issue: issue.number,
    status,
    track: track2,
    score,
    createdAt: issue.createdAt,
    hold: issue.labels.includes(session.config.labels.hold),
    // Checked precisely on the item's state before dispatching; labels cannot tell.
    attemptsUsed: 0,
    maxAttempts: session.config.worker.max_attempts
  };
}
async function scheduleDispatch(session) {
  const { status } = session.config.labels;
  const candidatesOf = (issues) => (
    // A project item is an epic: its children are dispatched, never the epic itself.
    issues.map((i) => candidateOf(session, i)).filter((c) => c !== null && c.track !== "project")
  );
  const ready = await session.port.listOpenIssues([status.ready]);
  const candidates = candidatesOf(ready);
  if (candidates.length === 0) return [];
  const inProgress = candidatesOf(await session.port.listOpenIssues([status["in-progress"]])).filter((c) => c.status === "in-progress").length;
  const capacity = Math.max(0, session.config.worker.max_concurrent - inProgress);
  if (capacity === 0) return [];
  const order = planDispatch({ items: candidates, inProgress: 0, maxConcurrent: candidates.length });
  const dispatched = [];
  const facts = repositoryFacts(session);
  for (const number of order) {
    if (dispatched.length >= capacity) break;
    const issue = ready.find((i) => i.number === number);
    if (!issue) continue;
    const ok = await dispatchItem(session, issue, "initial", facts);
    if (ok) dispatched.push(number);
  }
  return dispatched;
}
async function dispatchItem(session, nominated, reason, facts = repositoryFacts(session)) {
  const issue = await authorizeDispatch(session, nominated.number, reason);
  if (!issue) return false;
  const item = await loadItemFor(session, issue);
  const { config } = session;
  if (issue.labels.includes(config.labels.hold)) return false;
  if (attemptsUsed(item.state) >= config.worker.max_attempts) {
    const runs = item.state.attempts.map((a) => a.runUrl ? `[attempt ${a.n}](${a.runUrl})` : `attempt ${a.n}`).join(", ");
    const blockedReason = `all ${config.worker.max_attempts} attempts are used (${runs || "none recorded"})`;
    const letter = item.state.deadLetter ? null : deadLetterOfState(item.state, config.worker.max_attempts);
    const deadLetter = letter ? { ...letter, at: session.now() } : void 0;
    await saveItem(
      session,
      item,
      { ...item.state, status: lifecycle(item.state, { kind: "dispatch-failed" }).item.status, blockedReason, ...deadLetter ? { deadLetter } : {} },
      item.state.deadLetter || deadLetter ? { add: [config.labels.dead_letter] } : {}
    );
    return false;
  }
  const next = lifecycle(item.state, { kind: "dispatched" });
  if (next.ignored) {
    session.log.info({ issue: issue.number, status: item.state.status, reason }, "not dispatched: the item's status does not allow a new attempt");
    return false;
  }
  const gate = dispatchGate({
    item: { track: item.state.track, attempts: item.state.attempts },
    repository: await facts(),
    agent: config.agent.name,
    now: Date.parse(session.now()),
    caps: { perItemUsd: config.budget.per_item_usd, perDayUsd: config.budget.per_day_usd },
    breaker: { threshold: config.breaker.threshold, cooldownMs: config.breaker.cooldown_minutes * 6e4 }
  });
  if (!gate.allow) {
    session.log.info({ issue: issue.number, gate: gate.gate, why: gate.reason }, "not dispatched: held by a budget or the circuit breaker");
    if (item.state.dispatchWait?.reason !== gate.reason) await saveItem(session, item, { ...item.state, dispatchWait: { reason: gate.reason, at: session.now() } });
    return false;
  }
  const n = item.state.attempts.length + 1;
  const attempt = { n, dispatchedAt: session.now(), reason, outcome: "dispatched", agent: config.agent.name, ...gate.probe ? { probe: true } : {} };
  const started = { ...item.state, status: next.item.status, attempts: [...item.state.attempts, attempt], blockedReason: void 0, dispatchWait: void 0 };
  const ref = await session.port.getDefaultBranch();
  const result = await session.port.dispatchWorkflow(config.worker.workflow, ref, { issue: String(issue.number), attempt: String(n) });
  if (!result.ok) {
    const { status } = result;
    const reason2 = status === 404 ? `the worker workflow \`.github/workflows/${config.worker.workflow}\` was not found on \`${ref}\`; add it (see the README's "Worker workflow" section), then comment \`/retry\`` : `GitHub refused to dispatch \`${config.worker.workflow}\` (${result.message}); check its \`workflow_dispatch\` inputs \`issue\` and \`attempt\`, then comment \`/retry\``;
    await saveItem(session, item, {
      ...started,
      status: lifecycle(started, { kind: "dispatch-failed" }).item.status,
      blockedReason: reason2,
      attempts: replaceAttempt(started.attempts, n, { outcome: "failed", summary: "dispatch refused" })
    });
    session.log.warn({ issue: issue.number, status }, "worker dispatch refused");
    return false;
  }
  const { run } = result;
  await saveItem(session, item, run ? { ...started, attempts: replaceAttempt(started.attempts, n, { runId: run.id, runUrl: run.htmlUrl }) } : started);
  if (run) expectEcho(session, `started:${run.id}`);
  (await facts()).push({ track: item.state.track, attempts: [attempt] });
  session.log.info({ issue: issue.number, attempt: n, reason, workflow: config.worker.workflow }, "worker dispatched");
  return true;
}
function repositoryFacts(session) {
  let read = null;
  const since = () => gateWindowStart(Date.parse(session.now()), session.config.breaker.cooldown_minutes);
  return () => read ??= (async () => readGateItems(session, await session.port.listOpenIssues([], { since: since() })))();
}
async function readGateItems(session, open) {
  const items = [];
  for (const issue of open) {
    if (issue.isPullRequest || issue.labels.includes(session.config.labels.ignore)) continue;
    if (issue.comments === 0) continue;
    const { state } = await loadItemFor(session, issue);
    items.push({ track: state.track, attempts: state.attempts });
  }
  return items;
}

// src/app/pm-dispatch.ts
function pmRunEffects(task, issue, revision) {
  return [{ kind: "dispatch-pm", task, issue, revision }];
}
async function sendPmRun(session, task, issue, revision, item) {
  const { port, config } = session;
  const agent = config.pm.agent;
  if (agent === null) return { kind: "held", reason: "no PM agent is configured (`pm.agent`)" };
  const gate = item ? dispatchGate({
    item: { track: item.state.track, attempts: item.state.attempts },
    repository: await repositoryFacts(session)(),
    agent: agent.name,
    now: Date.parse(session.now()),
    caps: { perItemUsd: config.budget.per_item_usd, perDayUsd: config.budget.per_day_usd },
    breaker: { threshold: config.breaker.threshold, cooldownMs: config.breaker.cooldown_minutes * 6e4 }
  }) : null;
  if (gate && !gate.allow) {
    session.log.info({ issue, task, revision, gate: gate.gate, why: gate.reason }, "PM run held by a budget or the circuit breaker");
    return { kind: "held", reason: gate.reason };
  }
  const ref = await port.getDefaultBranch();
  const result = await port.dispatchWorkflow(config.worker.workflow, ref, { issue: String(issue), mode: task, revision: String(revision), agent: agent.name });
  if (result.ok) {
    if (!result.duplicate) session.log.info({ issue, task, revision, agent: agent.name }, "PM run dispatched");
    return { kind: "sent" };
  }
  session.log.warn({ issue, task, revision, status: result.status }, "PM run dispatch refused");
  return {
    kind: "refused",
    failure: result.status === 404 ? `the worker workflow \`.github/workflows/${config.worker.workflow}\` was not found on \`${ref}\`, so the PM agent could not run` : `GitHub refused to dispatch the PM run of \`${config.worker.workflow}\` (${result.message}); its \`workflow_dispatch\` needs the inputs \`mode\` (with \`${task}\`), \`revision\` and \`agent\` (see docs/pm-agent.md)`
  };
}
async function dispatchPmRun(session, effect) {
  const item = await loadItem(session, effect.issue);
  const sent = await sendPmRun(session, effect.task, effect.issue, effect.revision, item);
  if (effect.task !== "refine" || !item) return;
  if (sent.kind === "held" || sent.kind === "sent") {
    const hold2 = refineHold(item.state.refine, effect.revision, sent.kind === "held" ? sent.reason : null, session.now());
    if (hold2) await saveItem(session, item, { ...item.state, refine: hold2 });
    return;
  }
  const refine = refineRunFailed(item.state.refine, effect.revision, sent.failure);
  if (refine) await saveItem(session, item, { ...item.state, refine });
}

// src/app/effects.ts
var PHASES = ["record", "triage", "review", "queue", "after-landing", "schedule", "acknowledge"];
function phaseOf(effect) {
  switch (effect.kind) {
    case "triage":
    case "triage-all":
    case "plan":
      return "triage";
    case "review":
    case "review-item":
    case "review-head":
      return "review";
    case "evaluate-queue":
    case "recover-landing":
      return "queue";
    case "dependents":
      return "after-landing";
    case "dispatch":
    case "schedule":
      return "schedule";
    case "acknowledge":
    case "merged":
      return "acknowledge";
    case "cancel-run":
    case "dispatch-pm":
      return null;
  }
}
async function applyWrites(session, effects) {
  for (const effect of effects) {
    if (effect.kind === "cancel-run") await cancelRun(session, effect);
    if (effect.kind === "dispatch-pm") await dispatchPmRun(session, effect);
  }
}
async function cancelRun(session, effect) {
  if (effect.runId !== void 0) return session.port.cancelWorkflowRun(effect.runId);
  const title = runTitle(effect.issue, effect.attempt);
  const runs = await session.port.listWorkflowRuns(session.config.worker.workflow);
  for (const run of runs) if (run.displayTitle === title && run.status !== "completed") await session.port.cancelWorkflowRun(run.id);
}

// src/github/pass-reads.ts
var REMEMBERED = /* @__PURE__ */ new Set(["getIssue", "getIssueWithComments", "listComments", "findComment", "listSubIssues", "listBlockedBy", "listChecks", "readWorkItems"]);
var STABLE = /* @__PURE__ */ new Set(["getPermission", "isTeamMember", "getDefaultBranch"]);
var FRESH = /* @__PURE__ */ new Set([
  "getBranchSha",
  "getPullRequest",
  "compareCommits",
  "listOpenIssues",
  "listClosedIssues",
  "listOpenPullRequests",
  "findOpenPullRequest",
  "listPullRequestFiles",
  "listReviews",
  "listWorkflowRuns",
  "listCheckRuns",
  "listCommitStatuses",
  "listWorkflowFiles",
  "getCommitMessage",
  "getComment",
  "listMergeQueue",
  "lastMergeQueueRemoval"
]);
function isPortRead(method) {
  return REMEMBERED.has(method) || STABLE.has(method) || FRESH.has(method);
}
function passReads(port, known = {}) {
  const remembered2 = /* @__PURE__ */ new Map();
  const stable = /* @__PURE__ */ new Map();
  if (known.defaultBranch !== void 0) stable.set("getDefaultBranch[]", Promise.resolve(known.defaultBranch));
  const wrapped = { ...port };
  for (const [name, value] of Object.entries(port)) {
    if (typeof value !== "function") continue;
    const method = name;
    const call = (...args) => value.apply(port, args);
    if (FRESH.has(method)) continue;
    const memory = REMEMBERED.has(method) ? remembered2 : STABLE.has(method) ? stable : null;
    wrapped[name] = memory ? (...args) => {
      const key = `${name}${JSON.stringify(args)}`;
      const hit = memory.get(key);
      if (hit) return hit;
      const read = call(...args);
      memory.set(key, read);
      read.catch(() => memory.delete(key));
      return read;
    } : (...args) => {
      remembered2.clear();
      return call(...args);
    };
  }
  return wrapped;
}

// src/app/repo-lock.ts
var import_ioredis = __toESM(require_built3(), 1);

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
  const wrappedPromise = new Promise((resolve, reject2) => {
    if (typeof milliseconds !== "number" || Math.sign(milliseconds) !== 1) {
      throw new TypeError(`Expected \`milliseconds\` to be a positive number, got \`${milliseconds}\``);
    }
    if (signal?.aborted) {
      reject2(getAbortedReason(signal));
      promise.then(resolve, reject2);
      return;
    }
    if (signal) {
      abortHandler = () => {
        reject2(getAbortedReason(signal));
      };
      signal.addEventListener("abort", abortHandler, { once: true });
    }
    promise.then(resolve, reject2);
    if (milliseconds === Number.POSITIVE_INFINITY) {
      return;
    }
    const timeoutError = new TimeoutError();
    timer = customTimers.setTimeout.call(void 0, () => {
      if (fallback) {
        try {
          resolve(fallback());
        } catch (error) {
          reject2(error);
        }
        return;
      }
      if (typeof promise.cancel === "function") {
        promise.cancel();
      }
      if (message === false) {
        resolve();
      } else if (message instanceof Error) {
        reject2(message);
      } else {
        timeoutError.message = message ?? `Promise timed out after ${milliseconds} milliseconds`;
        reject2(timeoutError);
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
    return new Promise((resolve, reject2) => {
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
          } catch (error) {
            this.#rollbackIntervalConsumption();
            this.#runningTasks.delete(taskSymbol);
            throw error;
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
            operation = Promise.race([operation, new Promise((_resolve, reject3) => {
              eventListener = () => {
                reject3(signal.reason);
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
        } catch (error) {
          reject2(error);
          this.emit("error", error);
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
          reject2(signal.reason);
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
    return new Promise((_resolve, reject2) => {
      const handleError = (error) => {
        this.off("error", handleError);
        reject2(error);
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
var import_redis_semaphore = __toESM(require_lib2(), 1);
var queues = /* @__PURE__ */ new Map();
var LOCK_TTL_MS = 6e4;
var LOCK_ACQUIRE_TIMEOUT_MS = 5 * 6e4;
var redis = null;
function redisClient() {
  const url = process.env.REDIS_URL;
  if (!url) return null;
  if (redis?.url !== url) {
    void redis?.client.quit().catch(() => void 0);
    redis = { url, client: new import_ioredis.Redis(url, { maxRetriesPerRequest: 3, lazyConnect: false }) };
  }
  return redis.client;
}
function repoLockSpansReplicas() {
  return Boolean(process.env.REDIS_URL);
}
var HandlerGaveUp = class extends Error {
  constructor(repoKey2, cause) {
    super(`handling an event for ${repoKey2} failed after GitHub retries (${cause instanceof Error ? cause.message : String(cause)}); the periodic sweep repairs it, or redeliver it`);
    this.cause = cause;
    this.name = "HandlerGaveUp";
  }
  cause;
  status = 500;
};
async function underRedisLock(client, repoKey2, work) {
  const mutex = new import_redis_semaphore.Mutex(client, `orchestrator:repo:${repoKey2}`, {
    lockTimeout: LOCK_TTL_MS,
    acquireTimeout: LOCK_ACQUIRE_TIMEOUT_MS,
    retryInterval: 25,
    // Lost (Redis unreachable past the TTL): the work goes on; GitHub's guards keep it safe.
    onLockLost: () => void 0
  });
  await mutex.acquire();
  try {
    return await work();
  } finally {
    await mutex.release().catch(() => void 0);
  }
}
async function withRepoLock(repoKey2, work) {
  let queue = queues.get(repoKey2);
  if (!queue) {
    queue = new PQueue({ concurrency: 1 });
    queues.set(repoKey2, queue);
  }
  const current = queue;
  try {
    return await current.add(async () => {
      const client = redisClient();
      return client ? underRedisLock(client, repoKey2, work) : work();
    });
  } catch (error) {
    throw error instanceof HandlerGaveUp ? error : new HandlerGaveUp(repoKey2, error);
  } finally {
    if (current.size === 0 && current.pending === 0) queues.delete(repoKey2);
  }
}

// src/app/item-writes.ts
var StaleItemError = class extends Error {
  constructor(issue) {
    super(`work item #${issue}: its status comment changed after it was read; the pass runs again`);
    this.issue = issue;
    this.name = "StaleItemError";
  }
  issue;
};
var SELF_RECORDING = /* @__PURE__ */ new Set(["mergeIfHeadIs", "dispatchWorkflow"]);
function sameItem(a, b) {
  const left = decodeStateBlock(a);
  const right = decodeStateBlock(b);
  if (left.kind === "ok" && right.kind === "ok") return JSON.stringify(left.state) === JSON.stringify(right.state);
  return a === b;
}
async function ensureUnchanged(port, issue, base2) {
  if (repoLockSpansReplicas()) return;
  const now = await port.getComment(base2.id, issue);
  if (now === null) return;
  if (!sameItem(now.body, base2.body)) throw new StaleItemError(issue);
}
function labelDifference(read, wanted) {
  return { add: wanted.filter((l) => !read.includes(l)), remove: read.filter((l) => !wanted.includes(l)) };
}
function carries(issue, labels) {
  return (labels ?? []).every((l) => issue.labels.includes(l));
}
function itemWrites(inner, catalog, now) {
  const pending2 = /* @__PURE__ */ new Map();
  const followers = [];
  const leaders = [];
  const atEnd = /* @__PURE__ */ new Map();
  let failure = null;
  let flushing = null;
  let wrote = false;
  async function send(item, then) {
    const number = item.issue.number;
    const { body } = item;
    const base2 = item.base !== null && item.base.id > 0 ? item.base : await inner.findComment(number, STATUS_MARKER);
    const change = labelDifference(item.labelsRead, item.issue.labels);
    const issue = { number, labels: item.labelsRead, ...item.issue.nodeId ? { nodeId: item.issue.nodeId } : {} };
    if (base2 !== null) {
      if (base2.body !== body) await ensureUnchanged(inner, number, base2);
      const done2 = await inner.editItem(issue, { comment: base2, body, ...change }, catalog, then);
      wrote ||= done2.comment || done2.labels;
      if (!("gone" in done2 && done2.gone)) return;
      then = [];
    }
    const written = await inner.createItemComment(issue, STATUS_MARKER, body, change, catalog);
    wrote ||= written.created || written.updated || written.labels;
    if (written.theirs) throw new StaleItemError(number);
    if (then.length > 0) await inner.publish(then);
  }
  function take(queue) {
    return queue.splice(0, queue.length);
  }
  async function publishTaken(queue) {
    const taken = take(queue);
    if (taken.length > 0) await inner.publish(taken);
  }
  async function flushAll() {
    await publishTaken(leaders);
    await sendItems();
    await publishTaken(followers);
  }
  async function sendItems() {
    while (pending2.size > 0) {
      const [number, item] = pending2.entries().next().value;
      try {
        await send(item, pending2.size === 1 ? take(followers) : []);
      } catch (error) {
        failure = error;
        throw error;
      }
      const later = pending2.get(number);
      if (later === item) pending2.delete(number);
      else if (later) pending2.set(number, { ...later, base: later.base && { ...later.base, body: item.body }, labelsRead: [...item.issue.labels] });
    }
  }
  function flush() {
    if (failure !== null) return Promise.reject(failure);
    flushing ??= flushAll().finally(() => {
      flushing = null;
    });
    return flushing;
  }
  function statusCommentOf(item) {
    const at = now();
    return item.base ? { ...item.base, body: item.body, updatedAt: at } : { id: 0, body: item.body, author: { login: "", type: "Bot" }, createdAt: at, updatedAt: at, htmlUrl: "" };
  }
  const staged = (issue, item) => {
    const { comments: _count, ...rest } = issue;
    return { ...rest, labels: [...item.issue.labels] };
  };
  const overlay = {
    async getIssue(number) {
      const issue = await inner.getIssue(number);
      const item = pending2.get(number);
      return issue && item ? staged(issue, item) : issue;
    },
    async listOpenIssues(labels, options) {
      const listed = await inner.listOpenIssues(labels, options);
      const out = [];
      for (const issue of listed) {
        const item = pending2.get(issue.number);
        const seen = item ? staged(issue, item) : issue;
        if (carries(seen, labels)) out.push(seen);
      }
      for (const item of pending2.values()) {
        if (item.issue.state === "open" && !item.issue.isPullRequest && !listed.some((i) => i.number === item.issue.number) && carries(item.issue, labels)) out.push(staged(item.issue, item));
      }
      return out;
    },
    async listComments(number) {
      const comments = await inner.listComments(number);
      const item = pending2.get(number);
      if (!item) return comments;
      const status = statusCommentOf(item);
      if (item.base === null) return [...comments.filter((c) => !(c.author.type === "Bot" && c.body.includes(STATUS_MARKER))), status];
      return comments.map((c) => c.id === item.base.id ? status : c);
    },
    async findComment(number, marker) {
      const item = pending2.get(number);
      if (item && marker === STATUS_MARKER) return statusCommentOf(item);
      return inner.findComment(number, marker);
    },
    async getComment(id, issue) {
      const item = [...pending2.values()].find((i) => i.base?.id === id);
      return item ? statusCommentOf(item) : inner.getComment(id, issue);
    }
  };
  async function verify() {
    if (failure !== null) throw failure;
    if (followers.length > 0) return flush();
    await publishTaken(leaders);
    for (const item of pending2.values()) {
      const base2 = item.base;
      if (base2 === null || base2.id <= 0 || base2.body === item.body) continue;
      try {
        await ensureUnchanged(inner, item.issue.number, base2);
      } catch (error) {
        failure = error;
        throw error;
      }
    }
  }
  const port = { ...inner, ...overlay };
  for (const [name, value] of Object.entries(inner)) {
    const method = name;
    if (typeof value !== "function" || method in overlay || isPortRead(method)) continue;
    const before = SELF_RECORDING.has(method) ? verify : flush;
    port[name] = async (...args) => {
      await before();
      return value.apply(inner, args);
    };
  }
  return {
    port,
    stage(item) {
      const earlier = pending2.get(item.issue.number);
      pending2.set(item.issue.number, earlier ? { ...item, base: earlier.base, labelsRead: earlier.labelsRead } : item);
    },
    follow(publications) {
      followers.push(...publications);
    },
    lead(publications) {
      leaders.push(...publications);
    },
    atEnd(key, publications) {
      atEnd.set(key, publications);
    },
    flush,
    async finish() {
      if (failure !== null) throw failure;
      for (const publications of atEnd.values()) followers.push(...publications);
      atEnd.clear();
      await flush();
    },
    get wrote() {
      return wrote;
    }
  };
}

// src/app/phases/acknowledge.ts
async function acknowledgePhase(session, inbox) {
  const merged = new Set(inbox.flatMap((e) => e.kind === "merged" ? [e.pr] : []));
  for (const effect of inbox) {
    if (effect.kind !== "acknowledge") continue;
    if (effect.answeredByMerge !== void 0 && merged.has(effect.answeredByMerge)) continue;
    if (effect.reaction) await session.port.addReaction(effect.reaction.commentId, effect.reaction.content);
    const reply = effect.reply;
    if (!reply) continue;
    if (!reply.absent && await session.port.findComment(reply.number, reply.marker)) continue;
    await session.port.upsertComment(reply.number, reply.marker, reply.body, { absent: reply.absent });
  }
  return [];
}

// src/app/epic.ts
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
  await saveItem(session, item, { ...item.state, status: lifecycle(item.state, { kind: "epic-finished" }).item.status });
  await port.closeIssue(epic.number, "completed");
  session.log.info({ epic: epic.number, children: children.map((c) => c.number) }, "epic closed");
}

// src/domain/trust/report-acceptance.ts
function workerIdentities(configured, appSlug) {
  const all = [...configured, ...appSlug ? [`${appSlug}[bot]`] : []];
  return [...new Set(all.map((l) => l.toLowerCase()))];
}
function isWorkerIdentity(author, identities) {
  return author.type === "Bot" && identities.includes(author.login.toLowerCase());
}
function acceptWorkerReport(input) {
  const { author, report, state } = input;
  if (!isWorkerIdentity(author, input.identities)) return reject(`posted by @${author.login} (${author.type}), not a worker identity (${input.identities.join(", ")})`);
  if (report.issue !== input.issue) return reject(`names issue #${report.issue} but was posted on #${input.issue}`);
  const attempt = state.attempts.find((a) => a.n === report.attempt);
  if (!attempt) return reject(`attempt ${report.attempt} was never dispatched`);
  const latest = Math.max(...state.attempts.map((a) => a.n));
  if (attempt.n !== latest) return reject(`attempt ${report.attempt} is not the attempt in flight (latest: ${latest})`);
  if (attempt.outcome !== "dispatched") return reject(`attempt ${report.attempt} is already settled (${attempt.outcome})`);
  if (state.status !== "in-progress") return reject(`the item is \`${state.status}\`, not in progress`);
  return { accepted: true };
}
function acceptVerdict(input) {
  const { author, block } = input;
  if (!isWorkerIdentity(author, input.identities)) return reject(`posted by @${author.login} (${author.type}), not a worker identity (${input.identities.join(", ")})`);
  const run = input.state.reviewRuns.find((r) => r.pr === input.pr && r.headSha === input.headSha);
  if (!run) return reject(`no reviewer run was dispatched for ${input.headSha.slice(0, 7)} of #${input.pr}`);
  if (run.failure !== void 0) return reject("the reviewer run for this head already failed");
  if (block !== null && (block.pr !== input.pr || block.headSha !== input.headSha)) return reject(`the verdict names #${block.pr} at ${block.headSha.slice(0, 7)}`);
  return { accepted: true };
}
function reject(reason) {
  return { accepted: false, reason };
}

// src/app/verify.ts
async function verifyLanded(session, number, on, sha) {
  const { config } = session;
  if (config.verify.command === void 0 || config.verify.on !== on) return;
  const item = await loadItem(session, number);
  const landed2 = sha ?? item?.state.merged?.sha;
  if (!item || landed2 === void 0 || item.state.verification?.sha === landed2) return;
  const ref = await session.port.getDefaultBranch();
  const inputs = { issue: String(number), mode: "verify", sha: landed2, agent: config.agent.name };
  const result = await session.port.dispatchWorkflow(config.worker.workflow, ref, inputs);
  if (result.ok) {
    session.log.info({ issue: number, sha: landed2, duplicate: result.duplicate ?? false }, "verify run dispatched");
    return;
  }
  const reason = `the verify run could not be dispatched: GitHub answered ${result.status} (${result.message}); the worker workflow needs the inputs \`mode\` (with \`verify\`) and \`sha\` (see docs/verify.md)`;
  session.log.warn({ issue: number, sha: landed2, status: result.status }, "verify dispatch refused");
  await record(session, item, { sha: landed2, result: "INVALID", at: session.now(), criteria: [], reason });
}
async function handleVerifyRunComment(session, number, comment) {
  const identities = workerIdentities(session.config.trust.worker_identities, session.ours.appSlug);
  if (!isWorkerIdentity(comment.author, identities) || comment.body.length > GITHUB_COMMENT_LIMIT) {
    session.log.warn({ issue: number, comment: comment.id, author: comment.author.login }, "verify run comment ignored: not from a worker identity, or over the limit");
    return [];
  }
  const decoded = decodeVerifyRunBlock(comment.body);
  if (decoded.kind === "absent") return [];
  const item = await loadItem(session, number);
  if (!item) return [];
  if (decoded.kind === "invalid") {
    const sha = item.state.merged?.sha ?? item.state.verification?.sha ?? "unknown";
    await record(session, item, { sha, result: "INVALID", at: session.now(), criteria: [], reason: decoded.reason });
    return [];
  }
  const block = decoded.value;
  if (block.issue !== number) {
    session.log.warn({ issue: number, comment: comment.id, named: block.issue }, "verify run comment ignored: it names another issue");
    return [];
  }
  if (item.state.verification?.sha === block.sha && item.state.verification.result !== "INVALID") return [];
  const judged = judgeVerification(block, criteriaOf(session, item));
  const base2 = { sha: block.sha, at: session.now(), ...block.runUrl !== void 0 ? { runUrl: block.runUrl } : {}, ...landingPr(item.state) };
  if (judged.kind === "INVALID") {
    await record(session, item, { ...base2, result: "INVALID", criteria: [], reason: judged.reason });
    return [];
  }
  const verification = { ...base2, result: judged.kind, criteria: judged.criteria };
  if (judged.kind === "PASSED") {
    await record(session, item, verification);
    return [];
  }
  return session.config.verify.on_failure === "revert" ? openRevert(session, item, verification, block) : reopenAsHotfix(session, item, verification);
}
function criteriaOf(session, item) {
  const approved = approvedTextFor({ trusted: item.state.trusted, approval: item.state.itemApproval }, { title: item.issue.title, body: item.issue.body });
  const text = approved.ok ? approved.text : { title: item.issue.title, body: item.issue.body };
  return parseIssue({ ...text, labels: item.issue.labels }, session.config).acceptanceCriteria;
}
function landingPr(state) {
  const pr = state.merged?.pr ?? state.pr?.number;
  return pr !== void 0 ? { pr } : {};
}
async function record(session, item, verification, state = item.state, labels = {}) {
  await session.port.upsertComment(item.issue.number, VERIFICATION_MARKER, `${VERIFICATION_MARKER}
${renderVerification(verification)}`);
  session.log.info({ issue: item.issue.number, sha: verification.sha, result: verification.result }, "verification recorded");
  return saveItem(session, item, { ...state, verification }, labels);
}
async function reopenAsHotfix(session, item, verification) {
  const transition2 = lifecycle(item.state, { kind: "verification-failed" });
  if (transition2.ignored) {
    await record(session, item, verification);
    return [];
  }
  const number = item.issue.number;
  if (item.issue.state !== "open") await session.port.reopenIssue(number);
  const tracks = session.config.labels.tracks;
  const { pr: _pr, merged: _merged, approval: _approval, queue: _queue, blockedReason: _blocked, deadLetter: _dead, ...rest } = item.state;
  await record(
    session,
    { ...item, issue: { ...item.issue, state: "open" } },
    { ...verification, action: { kind: "reopened" } },
    { ...rest, status: transition2.item.status, track: "hotfix", feedback: hotfixFeedback(verification), attemptBudgetFrom: item.state.attempts.length },
    { add: [tracks.hotfix], remove: [tracks.standard, tracks.project] }
  );
  session.log.warn({ issue: number, sha: verification.sha }, "verification failed: reopened as a hotfix");
  return [{ kind: "dependents", issue: number, epics: false, reopened: true }, { kind: "schedule" }];
}
async function openRevert(session, item, verification, block) {
  if (block.revertBranch === void 0) {
    await record(session, item, { ...verification, action: { kind: "revert", problem: block.revertProblem ?? "the verify run pushed no revert branch" } });
    return [];
  }
  const base2 = await session.port.getDefaultBranch();
  const failed = verification.criteria.filter((c) => c.result === "FAILED").map((c) => `- ${c.criterion}: ${c.evidence}`);
  const landed2 = verification.pr !== void 0 ? ` (pull request #${verification.pr})` : "";
  const pr = await session.port.openOrUpdatePullRequest({
    head: block.revertBranch,
    base: base2,
    title: `Revert ${verification.sha.slice(0, 7)}: verification of #${item.issue.number} failed`,
    body: [`Reverts ${verification.sha}${landed2}: its verification after landing failed (refs #${item.issue.number}).`, "", "Failed criteria:", ...failed].join("\n")
  });
  await record(session, item, { ...verification, action: { kind: "revert", pr: pr.number } });
  return [];
}
async function handleVerifyRunCompleted(session, run) {
  const ids = parseVerifyRunTitle(run.displayTitle);
  if (!ids || run.status !== "completed" || !run.path.endsWith(`/${session.config.worker.workflow}`)) return [];
  const item = await loadItem(session, ids.issue);
  const recorded = item?.state.verification;
  if (!item || recorded !== void 0 && recorded.sha.startsWith(ids.sha)) return [];
  const sha = item.state.merged?.sha?.startsWith(ids.sha) ? item.state.merged.sha : ids.sha;
  const comment = await session.port.findComment(ids.issue, verifyRunMarker(sha));
  if (comment) return handleVerifyRunComment(session, ids.issue, comment);
  const reason = `the verify run ended ${run.conclusion ?? "without a conclusion"} without posting a result ([run](${run.htmlUrl}))`;
  session.log.warn({ issue: ids.issue, sha, conclusion: run.conclusion }, "verify run ended without a result");
  await record(session, item, { sha, result: "INVALID", at: session.now(), criteria: [], reason, runUrl: run.htmlUrl });
  return [];
}
async function itemsOfDeployedCommit(session, sha) {
  const message = await session.port.getCommitMessage(sha);
  if (message === null) return [];
  const items = new Set(closingRefs(message));
  for (const match of message.matchAll(/\(#(\d+)\)|Merge pull request #(\d+)/g)) {
    const pr = await session.port.getPullRequest(Number(match[1] ?? match[2]));
    if (!pr?.merged || pr.mergeCommitSha !== sha) continue;
    for (const n of closingRefs(pr.body)) items.add(n);
  }
  return [...items];
}

// src/app/phases/after-landing.ts
async function afterLandingPhase(session, inbox) {
  const byIssue = /* @__PURE__ */ new Map();
  for (const e of inbox) {
    if (e.kind !== "dependents") continue;
    const seen = byIssue.get(e.issue);
    byIssue.set(e.issue, {
      epics: (seen?.epics ?? false) || e.epics,
      reopened: (seen?.reopened ?? false) || e.reopened === true,
      closedByMerge: (seen?.closedByMerge ?? false) || e.closedByMerge === true
    });
  }
  for (const [issue, { epics, reopened, closedByMerge }] of byIssue) {
    const waiting = await retriageDependents(session, issue, { reopened });
    if (closedByMerge && !reopened && waiting.length === 0) expectEcho(session, `closed:${issue}`);
    if (epics) await closeFinishedEpics(session, issue);
    if (epics) await verifyLanded(session, issue, "merge");
  }
  return byIssue.size > 0 ? [{ kind: "schedule" }] : [];
}

// src/domain/merge-plan.ts
function entryKey(e) {
  return { track: e.track, score: e.score, at: timeKey(e.approvedAt), id: e.issue };
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
function rankEntries(entries2, unmerged) {
  const ids = new Set(entries2.map((e) => e.issue));
  return landingOrder(
    entries2.map((e) => ({
      id: e.issue,
      track: e.track,
      score: e.score,
      approvedAt: e.approvedAt,
      dependsOn: (unmerged.get(e.issue) ?? []).map(localIssue).filter((n) => n !== null && ids.has(n))
    }))
  );
}
function orderWaiting(waiting, unmerged) {
  const byIssue = new Map(waiting.map((e) => [e.issue, e]));
  const result = rankEntries(waiting, unmerged);
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
function planMergeQueue(state, strategy = serialStrategy) {
  return strategy.plan(state);
}

// src/domain/queue/queue-check.ts
var QUEUE_CHECK_NAME = "orchestrator/queue";
function queueCheckRun(headSha, standing) {
  const base2 = { name: QUEUE_CHECK_NAME, headSha, summary: standing.reason };
  switch (standing.kind) {
    case "waiting":
      return { ...base2, status: "queued", title: `Position ${standing.position} in the merge queue` };
    case "head":
      return { ...base2, status: "in_progress", title: "Head of the merge queue" };
    case "landed":
      return { ...base2, status: "completed", conclusion: "success", title: "Landed" };
    case "ejected":
      return { ...base2, status: "completed", conclusion: "failure", title: "Ejected from the merge queue" };
  }
}

// src/app/queue-check-run.ts
function publishQueueCheck(session, headSha, standing, options = {}) {
  session.items.atEnd(`${QUEUE_CHECK_NAME} ${headSha}`, [{ kind: "checkRun", spec: { ...queueCheckRun(headSha, standing), ...options.ifShown ? { ifShown: true } : {} } }]);
}
function showQueueStanding(session, headSha, change, standing, options = {}) {
  const { previous, next } = change;
  if (previous?.reason === next.reason && previous.position === next.position) return false;
  publishQueueCheck(session, headSha, standing, options);
  return true;
}
function showLanded(session, headSha, reason, options = {}) {
  publishQueueCheck(session, headSha, { kind: "landed", reason }, { ifShown: options.mergedNow === true });
}

// src/domain/queue/select-batch.ts
function selectBatch(candidates, unmerged, batchSize) {
  const byIssue = new Map(candidates.map((c) => [c.issue, c]));
  const deps = /* @__PURE__ */ new Map();
  for (const c of candidates) {
    const local = (unmerged[c.issue] ?? []).map(localIssue);
    const inQueue = local.every((n) => n !== null && byIssue.has(n));
    deps.set(c.issue, inQueue ? [...new Set(local)] : null);
  }
  const order = landingOrder(
    candidates.map((c) => ({ id: c.issue, track: c.track, score: c.score, approvedAt: c.approvedAt, dependsOn: deps.get(c.issue) ?? [] }))
  ).order;
  const taken = /* @__PURE__ */ new Set();
  const batch = [];
  for (const issue of order) {
    if (batch.length >= Math.max(1, batchSize)) break;
    const c = byIssue.get(issue);
    const ds = deps.get(issue);
    if (!c || !ds || c.conflict || c.mergeable === false) continue;
    if (!ds.every((d) => taken.has(d))) continue;
    taken.add(issue);
    batch.push({ issue, pr: c.pr, headSha: c.headSha, dependsOn: ds });
  }
  return batch;
}

// src/domain/queue/batch-step.ts
var prList = (members) => members.map((m) => `#${m.pr}`).join(", ");
function tree(baseSha, members) {
  return `base ${shortSha(baseSha)} + ${prList(members)}`;
}
function build(run, baseSha, reason) {
  const members = run.members.slice(0, run.test.size);
  return { step: { kind: "build-staging", batch: run.id, baseSha, members, attempt: run.test.attempt, reason }, next: run };
}
function restart(run, members) {
  return members.length === 0 ? null : { ...run, members, knownRed: null, test: freshTest(members.length) };
}
function afterLanding(run, count) {
  const members = run.members.slice(count);
  if (members.length === 0) return null;
  const knownRed = run.knownRed === null ? null : run.knownRed - count;
  if (knownRed === null || knownRed < 1) return { ...run, members, knownRed: null, test: freshTest(members.length) };
  return { ...run, members, knownRed, test: freshTest(Math.ceil(knownRed / 2)) };
}
function eject(run, reason, failedChecks, inferred) {
  const culprit = run.members[0];
  const { kept, removed } = withoutDependents(run.members, /* @__PURE__ */ new Set([culprit.issue]));
  const dependents = run.members.filter((m) => m.issue !== culprit.issue && removed.includes(m.issue));
  return {
    step: { kind: "eject", batch: run.id, culprit, dependents, reason, failedChecks, inferred },
    next: restart(run, kept)
  };
}
function startBatch(input, options) {
  const members = selectBatch(input.candidates, input.unmerged, options.batchSize);
  const first = members[0];
  if (!first) return { step: { kind: "idle" }, next: null };
  const run = { id: first.pr, members, knownRed: null, test: freshTest(members.length) };
  return build(run, input.baseSha, `batch #${run.id}: testing ${tree(input.baseSha, members)}`);
}
function departed(run, input) {
  const heads2 = new Map(input.candidates.map((c) => [c.issue, c.headSha]));
  const moved = new Set(run.members.filter((m) => heads2.get(m.issue) !== m.headSha).map((m) => m.issue));
  if (moved.size === 0) return { kept: run.members, removed: [] };
  const { kept, removed } = withoutDependents(run.members, moved);
  return { kept, removed: run.members.filter((m) => removed.includes(m.issue)) };
}
function onRed(run, staging, options, baseSha) {
  const { test } = run;
  const tested = run.members.slice(0, test.size);
  const failedChecks = [...staging.failedChecks ?? []];
  const what = failedChecks.length === 0 ? "required checks" : `checks ${failedChecks.map((c) => `\`${c}\``).join(", ")}`;
  const red = `${what} failed on staging ${shortSha(staging.sha)} (${tree(baseSha, tested)})`;
  if (run.knownRed === null && test.attempt < options.flakyRetries) {
    const next2 = { ...run, test: { ...freshTest(test.size), attempt: test.attempt + 1 } };
    return build(next2, baseSha, `batch #${run.id}: ${red}; retry ${test.attempt + 1} of ${options.flakyRetries} for a flaky check`);
  }
  if (test.size === 1) return eject(run, red, failedChecks, false);
  const half = Math.ceil(test.size / 2);
  const next = { ...run, knownRed: test.size, test: freshTest(half) };
  return build(next, baseSha, `batch #${run.id}: ${red}; bisecting: testing the first ${half} of ${test.size}`);
}
function decideBatch(input, options) {
  const run = input.run;
  if (!run || run.members.length === 0) return startBatch(input, options);
  const { kept, removed } = departed(run, input);
  if (removed.length > 0) {
    const reason = `left batch #${run.id}: the pull request's head moved or it left the merge queue (${prList(removed)}); the rest is tested again without it`;
    return { step: { kind: "leave", batch: run.id, members: removed, reason }, next: restart(run, kept) };
  }
  if (run.knownRed === 1) {
    const culprit = run.members[0];
    const reason = `batch #${run.id}: the tree with #${culprit.pr} failed and the same tree without it passed, so #${culprit.pr} is the culprit`;
    return eject(run, reason, [], true);
  }
  const { test } = run;
  const tested = run.members.slice(0, test.size);
  if (test.stagingSha === null || test.baseSha === null) {
    return build(run, input.baseSha, `batch #${run.id}: testing ${tree(input.baseSha, tested)}`);
  }
  if (test.baseSha !== input.baseSha) {
    const next = restart(run, run.members);
    return build(next, input.baseSha, `batch #${run.id}: the base moved from ${shortSha(test.baseSha)} to ${shortSha(input.baseSha)}; testing again`);
  }
  const staging = input.staging?.sha === test.stagingSha ? input.staging : null;
  if (!staging || staging.checks === "pending") {
    const reason = `batch #${run.id}: waiting for the required checks on staging ${shortSha(test.stagingSha)} (${tree(test.baseSha, tested)})`;
    return { step: { kind: "wait-staging", batch: run.id, stagingSha: test.stagingSha, members: tested, reason }, next: run };
  }
  if (staging.checks === "passed") {
    const reason = `batch #${run.id}: required checks passed on staging ${shortSha(test.stagingSha)} (${tree(test.baseSha, tested)})`;
    const step = { kind: "land", batch: run.id, stagingSha: test.stagingSha, baseSha: test.baseSha, members: tested, reason };
    return { step, next: afterLanding(run, tested.length) };
  }
  return onRed(run, staging, options, test.baseSha);
}
function withLanded(run, landed2) {
  let count = 0;
  while (count < run.members.length && landed2.has(run.members[count].issue)) count++;
  const remaining = afterLanding(run, count);
  if (!remaining || !remaining.members.some((m) => landed2.has(m.issue))) return remaining;
  return restart(remaining, remaining.members.filter((m) => !landed2.has(m.issue)));
}
function stagingConflict(run, issue) {
  const { kept, removed } = withoutDependents(run.members, /* @__PURE__ */ new Set([issue]));
  return { next: restart(run, kept), removed };
}

// src/domain/queue/batch-strategy.ts
var DEFAULT_BATCH_OPTIONS = { batchSize: 8, flakyRetries: 1 };
function membersOf(step) {
  switch (step.kind) {
    case "eject":
      return [step.culprit, ...step.dependents];
    case "idle":
      return [];
    default:
      return step.members;
  }
}
function planBatch(state, options) {
  const queued = new Set(state.entries.map((e) => e.issue));
  const unmerged = {};
  for (const e of state.entries) unmerged[e.issue] = unmergedOf(e, state, queued);
  const run = state.batch ?? null;
  const decision = decideBatch({ baseSha: state.baseSha, candidates: state.entries, unmerged, run, staging: state.staging ?? null }, options);
  const { step } = decision;
  const active = membersOf(step);
  const members = run?.members ?? active;
  const batchId = step.kind === "idle" ? run?.id : step.batch;
  const inBatch = new Set(members.map((m) => m.issue));
  const activeIssues = new Set(active.map((m) => m.issue));
  const head = members.map((m) => ({
    issue: m.issue,
    pr: m.pr,
    position: 0,
    waitingFor: activeIssues.has(m.issue) ? null : `in batch #${batchId}: waits for the first ${active.length} to be tested`
  }));
  const rest = serialStrategy.plan({ ...state, entries: state.entries.filter((e) => !inBatch.has(e.issue)), inFlight: null }).order;
  const order = [
    ...head,
    // A free entry outside any batch was left out by selection: GitHub reports a conflict.
    ...rest.map((p) => ({ ...p, waitingFor: p.waitingFor ?? (batchId ? `waits for batch #${batchId} to finish` : "conflicts with the base branch") }))
  ].map((p, i) => ({ ...p, position: i + 1 }));
  const first = active[0] ?? members[0];
  const action = step.kind === "idle" || !first ? { kind: "idle" } : { kind: "batch", pr: first.pr, step, next: decision.next };
  return { strategy: "batch", order, action };
}
function batchStrategy(options = DEFAULT_BATCH_OPTIONS) {
  return { name: "batch", plan: (state) => planBatch(state, options) };
}

// src/domain/queue/github-strategy.ts
function nativeReason(entry) {
  const group = entry.groupSha ? ` on merge group ${shortSha(entry.groupSha)}` : "";
  switch (entry.state) {
    case "AWAITING_CHECKS":
      return `in GitHub's merge queue at position ${entry.position}: waiting for the required checks${group}`;
    case "MERGEABLE":
      return `in GitHub's merge queue at position ${entry.position}: checks passed${group}, merging once the entries ahead of it land`;
    case "UNMERGEABLE":
      return `in GitHub's merge queue at position ${entry.position}: GitHub reports it cannot be merged${group}`;
    case "LOCKED":
      return `in GitHub's merge queue at position ${entry.position}: being merged${group}`;
    default:
      return `in GitHub's merge queue at position ${entry.position}`;
  }
}
function dependencyWait(unmerged, byIssue, enqueued) {
  const notLanded = [];
  const notEnqueued = [];
  for (const ref of unmerged) {
    const n = localIssue(ref);
    const dep = n === null ? void 0 : byIssue.get(n);
    if (!dep) notLanded.push(ref);
    else if (!enqueued.has(dep.pr)) notEnqueued.push(ref);
  }
  if (notLanded.length > 0) return `waits for ${listNames(notLanded, "")} to land`;
  if (notEnqueued.length > 0) return `waits for ${listNames(notEnqueued, "")} to enter GitHub's merge queue ahead of it`;
  return null;
}
function readiness(e, baseSha) {
  const action = headAction({ ...e, upToDate: true }, baseSha);
  switch (action.kind) {
    case "wait-checks":
      return { wait: `waiting for the required checks on ${shortSha(e.headSha)} before entering GitHub's merge queue` };
    case "merge":
      return { action: { kind: "enqueue", pr: e.pr, expectedHeadSha: e.headSha } };
    default:
      return { action };
  }
}
function planGithub(state) {
  const queued = new Set(state.entries.map((e) => e.issue));
  const byIssue = new Map(state.entries.map((e) => [e.issue, e]));
  const unmerged = new Map(state.entries.map((e) => [e.issue, unmergedOf(e, state, queued)]));
  if (state.native === null) {
    const why = "the base branch has no merge queue (`merge.strategy: github` needs a ruleset requiring a merge queue on it)";
    const order2 = state.entries.map((e, i) => ({ issue: e.issue, pr: e.pr, position: i + 1, waitingFor: why }));
    return { strategy: "github", order: order2, action: { kind: "idle" } };
  }
  const native = [...state.native ?? []].sort((a, b) => a.position - b.position);
  const enqueued = new Set(native.map((n) => n.pr));
  let action = { kind: "idle" };
  const inNative = [];
  const ahead = /* @__PURE__ */ new Set();
  for (const n of native) {
    const e = state.entries.find((x) => x.pr === n.pr);
    ahead.add(n.pr);
    if (!e) continue;
    inNative.push({ issue: e.issue, pr: e.pr, position: 0, waitingFor: nativeReason(n) });
    const missing = (unmerged.get(e.issue) ?? []).filter((ref) => {
      const dep = byIssue.get(localIssue(ref) ?? -1);
      return !dep || !ahead.has(dep.pr);
    });
    if (missing.length > 0 && action.kind === "idle") {
      const dependencies = missing.map(localIssue).filter((d) => d !== null);
      action = { kind: "dequeue", pr: e.pr, dependencies, reason: `${listNames(missing, "")} left GitHub's merge queue ahead of it and has not landed` };
    }
  }
  const rest = state.entries.filter((e) => !enqueued.has(e.pr));
  const ranked = rankEntries(rest, unmerged);
  const waiting = [];
  for (const issue of [...ranked.order, ...ranked.blocked, ...ranked.cycles.flat()]) {
    const e = byIssue.get(issue);
    let wait = dependencyWait(unmerged.get(issue) ?? [], byIssue, enqueued);
    if (wait === null) {
      const ready = readiness(e, state.baseSha);
      if ("wait" in ready) wait = ready.wait;
      else if (action.kind === "idle") action = ready.action;
      else wait = `next to enter GitHub's merge queue after #${action.pr}`;
    }
    waiting.push({ issue, pr: e.pr, position: 0, waitingFor: wait });
  }
  const order = [...inNative, ...waiting].map((p, i) => ({ ...p, position: i + 1 }));
  return { strategy: "github", order, action };
}
var githubStrategy = { name: "github", plan: planGithub };

// src/domain/queue/strategies.ts
function strategyFor(merge2) {
  switch (merge2.strategy) {
    case "batch":
      return batchStrategy({
        batchSize: merge2.batch_size ?? DEFAULT_BATCH_OPTIONS.batchSize,
        flakyRetries: merge2.flaky_retries ?? DEFAULT_BATCH_OPTIONS.flakyRetries
      });
    case "github":
      return githubStrategy;
    case "serial":
      return serialStrategy;
  }
}

// src/app/queue-state.ts
async function checksOn(session, sha) {
  const { runs, statuses } = await session.port.listChecks(sha);
  return othersChecks(session, sha, runs, statuses);
}
function othersChecks(session, sha, runs, statuses) {
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
  return [...runs, ...fromStatuses].filter((c) => !session.ours.checkRun(c));
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
async function isUpdateOf(session, from, head, base2) {
  if (!base2) return false;
  const { port } = session;
  const baseAhead = await port.compareCommits(from, base2);
  const headFromFrom = await port.compareCommits(from, head);
  const headFromBase = await port.compareCommits(base2, head);
  if (!baseAhead || !headFromFrom || !headFromBase) return false;
  return headFromFrom.behindBy === 0 && headFromBase.behindBy === 0 && headFromFrom.aheadBy === baseAhead.aheadBy + 1;
}
async function containsBase(session, item, head, baseSha) {
  if (!baseSha) return false;
  const queue = item.state.queue;
  if (queue?.updatedTo === head && queue.updatedBase === baseSha) return true;
  const comparison = await session.port.compareCommits(baseSha, head);
  return comparison !== null && comparison.behindBy === 0;
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
    // GitHub computes mergeability lazily: `null` until it did (the planner then waits).
    mergeable: pr.mergeable,
    conflict: pr.mergeableState === "dirty"
  };
}
async function queueIssues(session) {
  const { port, config } = session;
  const byNumber = /* @__PURE__ */ new Map();
  for (const status of QUEUE_STATUSES) for (const issue of await port.listOpenIssues([statusLabel(status, config)])) byNumber.set(issue.number, issue);
  return [...byNumber.values()].filter((i) => {
    const status = statusFromLabels(i.labels, config);
    return status !== null && QUEUE_STATUSES.includes(status);
  }).sort((a, b) => b.number - a.number);
}
function queueCandidate(session, item, pr, checks, defaultBranch, status = item.state.status) {
  const { state, issue } = item;
  const link = state.pr;
  const updated = state.queue?.updatedFrom && state.queue.updatedTo ? { fromSha: state.queue.updatedFrom, toSha: state.queue.updatedTo } : null;
  return {
    issue: issue.number,
    status,
    hold: issue.labels.includes(session.config.labels.hold),
    defaultBranch,
    pr: {
      number: pr.number,
      headSha: pr.headSha,
      baseRef: pr.baseRef,
      mergeable: pr.mergeable,
      gated: link?.gated ?? [],
      outOfScope: link?.outOfScope ?? [],
      open: pr.state === "open",
      draft: pr.draft
    },
    approval: state.approval ?? null,
    checks: summaries(checks),
    issueAuthor: issue.author.login,
    queueUpdate: updated
  };
}
async function readQueue(session) {
  const { port, config } = session;
  const defaultBranch = await port.getDefaultBranch();
  const baseSha = await port.getBranchSha(defaultBranch) ?? "";
  const issues = await queueIssues(session);
  const items = /* @__PURE__ */ new Map();
  const entries2 = [];
  const unmerged = {};
  const issueCache = /* @__PURE__ */ new Map();
  let inFlight = null;
  const repairs = [];
  const landed2 = [];
  const mergedIntoBase = /* @__PURE__ */ new Set();
  for (const issue of issues) {
    let loaded = await loadItemFor(session, issue);
    const link = loaded.state.pr;
    if (!link) continue;
    if (!loaded.state.approval) continue;
    const full = await port.getPullRequest(link.number);
    if (full?.merged && loaded.state.merged === void 0) landed2.push(loaded);
    if (full?.merged && full.baseRef === defaultBranch) mergedIntoBase.add(`#${issue.number}`);
    if (!full || full.state !== "open") continue;
    const checks = await checksOn(session, full.headSha);
    const status = statusFromLabels(issue.labels, config) ?? loaded.state.status;
    const candidate = queueCandidate(session, loaded, full, checks, defaultBranch, status);
    if (awaitingUpdate(status, loaded, full.headSha)) {
      const ours = await isUpdateOf(session, loaded.state.approval.headSha, full.headSha, baseSha);
      const { updatedFrom: _from, updatedTo: _to, updatedBase: _base, awaitChecks: _await, ...rest } = loaded.state.queue;
      const queue = ours ? { ...loaded.state.queue, updatedTo: full.headSha } : rest;
      loaded = { ...loaded, state: { ...loaded.state, queue } };
      repairs.push(issue.number);
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
    const entry = entryOf(item, full, { upToDate: await containsBase(session, item, full.headSha, baseSha), checks: verdict.state, failed: verdict.failed });
    entries2.push(entry);
    unmerged[issue.number] = await unmergedDependencies(session, item, issueCache);
    if (status === "merging") inFlight = full.number;
    items.set(issue.number, { item, pr: full, checks, entry, reason: null });
  }
  for (const [issue, refs] of Object.entries(unmerged)) unmerged[Number(issue)] = refs.filter((ref) => !mergedIntoBase.has(ref));
  return { defaultBranch, baseSha, items, state: { baseSha, entries: entries2, unmergedDependencies: unmerged, inFlight }, repairs, landed: landed2 };
}

// src/app/queue-landing.ts
async function recordLanding(session, item, out, landing) {
  const { port } = session;
  const number = item.issue.number;
  const merged = { sha: landing.mergeSha, at: item.state.merged?.at ?? session.now(), pr: landing.pr };
  const queue = { reason: `landed in \`${landing.base}\` as ${shortSha(landing.mergeSha)}` };
  const status = lifecycle(item.state, { kind: "merged" }).item.status;
  const saved = await saveItem(session, item, { ...item.state, status, merged, queue });
  if (!landing.closedByMerge) {
    const body = [
      LANDED_MARKER,
      `Landed: pull request #${landing.pr} was merged into \`${landing.base}\` as ${landing.mergeSha} (${session.config.merge.method}), ${landing.detail}.`
    ].join("\n");
    await port.upsertComment(number, LANDED_MARKER, body);
    await port.closeIssue(number, "completed");
  }
  out.push({ kind: "dependents", issue: number, epics: true, ...landing.closedByMerge ? { closedByMerge: true } : {} }, { kind: "schedule" });
  return saved;
}
async function recoverLanding(session, number) {
  const issue = await session.port.getIssue(number);
  if (!issue || issue.isPullRequest) return [];
  return recoverLandingOf(session, await loadItemFor(session, issue));
}
async function recoverLandingOf(session, item) {
  const number = item.issue.number;
  const recorded = item.state.pr;
  if (!recorded || item.state.merged !== void 0 || item.state.status === "done") return [];
  const pr = await session.port.getPullRequest(recorded.number);
  if (!pr?.merged || !pr.mergeCommitSha) return [];
  const out = [];
  await recordLanding(session, item, out, {
    pr: pr.number,
    mergeSha: pr.mergeCommitSha,
    base: pr.baseRef,
    detail: "recorded after the fact (the merge was not followed by its bookkeeping)"
  });
  session.log.warn({ issue: number, pr: pr.number }, "merge queue: recovered a landing");
  return out;
}
function withFeedback(state, line) {
  return state.feedback.includes(line) ? state.feedback : [...state.feedback, line];
}
async function sendBack(session, q, reason, feedback, dispatch, out) {
  const { approval: _cleared, ...state } = q.item.state;
  const queue = { reason };
  const status = lifecycle(q.item.state, { kind: "queue-sent-back" }, q.pr.headSha).item.status;
  q.item = await saveItem(session, q.item, { ...state, status, queue, feedback: withFeedback(state, feedback) });
  out.push({ kind: "dispatch", issue: q.item.issue.number, reason: dispatch });
  session.log.info({ issue: q.item.issue.number, pr: q.pr.number, reason: dispatch }, "merge queue: sent back to the worker");
}
async function conflict(session, snapshot, q, detail, out) {
  const base2 = snapshot?.defaultBranch ?? await session.port.getDefaultBranch();
  const marker = conflictMarker(q.pr.headSha);
  const body = [
    marker,
    `**Merge conflict:** pull request #${q.pr.number} (head ${q.pr.headSha}) conflicts with \`${base2}\` (${detail}).`,
    "",
    `It leaves the merge queue and #${q.item.issue.number} goes back to its worker to resolve the conflict; a new \`/approve\` is needed afterwards.`
  ].join("\n");
  await session.port.upsertComment(q.pr.number, marker, body);
  await session.port.upsertComment(q.item.issue.number, marker, body);
  const feedback = `Pull request #${q.pr.number} conflicts with \`${base2}\`: merge the latest \`${base2}\` into the branch \`${q.pr.headRef}\` and resolve the conflicts, keeping both changes' intent.`;
  await sendBack(session, q, `conflicts with \`${base2}\`; sent back to the worker`, feedback, "conflict", out);
}

// src/app/queue-batch.ts
var NONE = { run: null, staging: null };
async function readBatch(session, snapshot) {
  const { port } = session;
  const head = await port.getBranchSha(STAGING_BRANCH);
  if (!head) return NONE;
  const message = await port.getCommitMessage(head);
  const decoded = message === null ? { kind: "absent" } : decodeBatchBlock(message);
  if (decoded.kind !== "ok") {
    if (decoded.kind === "invalid") session.log.warn({ head, reason: decoded.reason }, "merge queue: the staging head's batch block is unreadable; starting a new batch");
    return NONE;
  }
  const recorded = { ...decoded.value, test: { ...decoded.value.test, stagingSha: head } };
  const landed2 = /* @__PURE__ */ new Set();
  for (const m of recorded.members) {
    if (snapshot.items.has(m.issue)) continue;
    const pr = await port.getPullRequest(m.pr);
    if (pr?.merged) landed2.add(m.issue);
  }
  const run = landed2.size > 0 ? withLanded(recorded, landed2) : recorded;
  if (!run) return NONE;
  const verdict = evaluateRequiredChecks(summaries(await checksOn(session, head)), session.config.merge.required_checks);
  return { run, staging: { sha: head, checks: verdict.state, failedChecks: verdict.failed } };
}
async function applyBatchStep(session, snapshot, action, out) {
  const { step, next } = action;
  switch (step.kind) {
    case "build-staging":
      return buildStaging(session, snapshot, step, next, out);
    case "land":
      return land(session, snapshot, step, next, out);
    case "eject":
      await ejectCulprit(session, snapshot, step, out);
      return { outcome: "again", next };
    case "leave":
      session.log.info({ batch: step.batch, members: step.members.map((m) => m.pr) }, "merge queue: pull requests left the batch");
      return { outcome: "again", next };
    case "wait-staging":
    case "idle":
      return { outcome: "done" };
  }
}
function member(snapshot, issue) {
  return snapshot.items.get(issue);
}
async function buildStaging(session, snapshot, step, next, out) {
  const { port } = session;
  if (!next) return { outcome: "done" };
  const recorded = { ...next, test: { ...next.test, stagingSha: null, baseSha: step.baseSha } };
  await port.setBranch(STAGING_BUILD_BRANCH, step.baseSha);
  let head = step.baseSha;
  for (const [i, m] of step.members.entries()) {
    const last = i === step.members.length - 1;
    const title = `Batch #${step.batch}: merge #${m.pr} (${shortSha(m.headSha)})`;
    const message = last ? `${title}

${step.reason}

${encodeBatchBlock(recorded)}` : title;
    const merged = await port.mergeIntoBranch(STAGING_BUILD_BRANCH, m.headSha, message);
    if (merged.kind === "merged") head = merged.sha;
    if (merged.kind === "conflict") {
      const q = member(snapshot, m.issue);
      const { next: remaining, removed } = stagingConflict(next, m.issue);
      const earlier = step.members.slice(0, i).map((x) => `#${x.pr}`);
      const onto = earlier.length > 0 ? `\`${snapshot.defaultBranch}\` at ${shortSha(step.baseSha)} with ${listNames(earlier, "")} of batch #${step.batch}` : `\`${snapshot.defaultBranch}\` at ${shortSha(step.baseSha)}`;
      if (q) await conflict(session, snapshot, q, `merging it onto ${onto} for the merge queue's staging branch failed: ${merged.message}`, out);
      session.log.info({ batch: step.batch, pr: m.pr, removed }, "merge queue: a batch member conflicts; it leaves with its dependents");
      return { outcome: "again", next: remaining };
    }
    if (merged.kind === "noop" && last) {
      session.log.warn({ batch: step.batch, pr: m.pr }, "merge queue: the batch's last pull request adds nothing to the base; waiting for the next event");
      return { outcome: "done" };
    }
  }
  await port.setBranch(STAGING_BRANCH, head);
  session.log.info({ batch: step.batch, staging: head, members: step.members.map((m) => m.pr), attempt: step.attempt }, "merge queue: staging built");
  return { outcome: "done" };
}
async function land(session, snapshot, step, next, out) {
  const items = step.members.map((m) => member(snapshot, m.issue));
  for (const [i, q] of items.entries()) {
    const ready = q && lifecycle(q.item.state, { kind: "merge-ready", sha: step.members[i].headSha }, q.pr.headSha).effects.some((e) => e.kind === "merge");
    if (!ready) {
      session.log.error({ batch: step.batch, pr: step.members[i].pr }, "merge queue: batch landing refused by the lifecycle (no valid approval on the tested head)");
      return { outcome: "done" };
    }
  }
  const result = await session.port.fastForwardBranch(snapshot.defaultBranch, step.stagingSha);
  if (!result.ok) {
    session.log.warn({ batch: step.batch, staging: step.stagingSha, status: result.status, message: result.message }, "merge queue: fast-forward to the staging head refused; re-evaluating");
    return { outcome: "refused" };
  }
  const prs = step.members.map((m) => `#${m.pr}`);
  for (const q of items) {
    if (!q) continue;
    showLanded(session, q.pr.headSha, `landed in \`${snapshot.defaultBranch}\` at ${shortSha(step.stagingSha)} with batch #${step.batch}`);
    q.item = await recordLanding(session, q.item, out, {
      pr: q.pr.number,
      mergeSha: step.stagingSha,
      base: snapshot.defaultBranch,
      detail: `tested together with ${listNames(prs, "")} as batch #${step.batch} on staging ${step.stagingSha} (\`${snapshot.defaultBranch}\` fast-forwarded to it)`
    });
  }
  session.log.info({ batch: step.batch, staging: step.stagingSha, members: step.members.map((m) => m.pr) }, "merge queue: batch landed");
  return { outcome: "again", next };
}
async function ejectCulprit(session, snapshot, step, out) {
  const q = member(snapshot, step.culprit.issue);
  if (!q) return;
  const checks = step.failedChecks.length > 0 ? `checks ${listNames(step.failedChecks)}` : "the required checks";
  const dependents = step.dependents.length > 0 ? ` ${listNames(step.dependents.map((d) => `#${d.pr}`), "")} depend on it and wait for it.` : "";
  const marker = ejectMarker(q.pr.headSha);
  const body = [
    marker,
    `**Ejected from the merge queue:** ${step.reason}.`,
    "",
    `Bisection of batch #${step.batch} found this pull request to be the culprit (${checks} failed with it on the staging branch \`${STAGING_BRANCH}\`).${dependents} The approval is withdrawn and #${q.item.issue.number} goes back to its worker; the rest of the batch goes on. A new \`/approve\` is needed once it is fixed.`
  ].join("\n");
  await session.port.upsertComment(q.pr.number, marker, body);
  const reason = `ejected from the merge queue: ${step.reason}`;
  publishQueueCheck(session, q.pr.headSha, { kind: "ejected", reason });
  const feedback = `The merge queue ejected pull request #${q.pr.number}: ${step.reason}. Fix the failure against the latest \`${snapshot.defaultBranch}\`.`;
  await sendBack(session, q, reason, feedback, "ci-failure", out);
}

// src/app/queue-github.ts
async function withNativeQueue(session, snapshot) {
  const native = await session.port.listMergeQueue(snapshot.defaultBranch);
  return { ...snapshot, state: { ...snapshot.state, native } };
}
function inNativeQueue(snapshot, pr) {
  return (snapshot.state.native ?? []).some((n) => n.pr === pr);
}
async function enqueueNative(session, q, action) {
  const ready = lifecycle(q.item.state, { kind: "merge-ready", sha: action.expectedHeadSha }, q.pr.headSha);
  if (!ready.effects.some((e) => e.kind === "merge")) {
    session.log.error({ pr: q.pr.number, sha: action.expectedHeadSha }, "merge queue: enqueue refused by the lifecycle (no valid approval on the head)");
    return { outcome: "done", effects: [] };
  }
  const removal = await session.port.lastMergeQueueRemoval(q.pr.number);
  const removedByUs = removal?.by ? session.ours.actor({ login: removal.by, type: "Bot" }) : false;
  if (removal && !removedByUs && removal.headSha === action.expectedHeadSha && seconds(removal.at) >= seconds(q.item.state.approval?.at ?? "")) {
    const out = [];
    await applyRemoval(session, q, removal.reason, null, out);
    return { outcome: "again", effects: out };
  }
  const nodeId2 = q.pr.nodeId ?? (await session.port.getPullRequest(q.pr.number))?.nodeId;
  if (!nodeId2) {
    session.log.error({ pr: q.pr.number }, "merge queue: GitHub gave no node id for the pull request; cannot enqueue it");
    return { outcome: "done", effects: [] };
  }
  const result = await session.port.enqueueInMergeQueue(nodeId2, action.expectedHeadSha);
  const status = ready.item.status;
  if (result.ok) {
    const reason2 = `handed to GitHub's merge queue at position ${result.position} (head ${shortSha(action.expectedHeadSha)})`;
    q.item = await saveItem(session, q.item, { ...q.item.state, status, queue: { ...q.item.state.queue, position: result.position, reason: reason2 } });
    session.log.info({ pr: q.pr.number, position: result.position, state: result.state }, "merge queue: handed to GitHub's merge queue");
    return { outcome: "again", effects: [] };
  }
  const reason = `GitHub's merge queue refused it: ${result.message}`;
  publishQueueCheck(session, q.pr.headSha, { kind: "ejected", reason });
  q.item = await saveItem(session, q.item, { ...q.item.state, queue: { ...q.item.state.queue, reason } });
  session.log.warn({ pr: q.pr.number, message: result.message }, "merge queue: GitHub refused the enqueue; waiting for the next event");
  return { outcome: "done", effects: [] };
}
async function dequeueNative(session, q, action) {
  const effects = [];
  let landed2 = false;
  for (const dependency of action.dependencies) {
    const issue = await session.port.getIssue(dependency);
    const item = issue && !issue.isPullRequest ? await loadItemFor(session, issue) : null;
    const pr = item?.state.pr ? await session.port.getPullRequest(item.state.pr.number) : null;
    if (item && pr) landed2 = await recordNativeLanding(session, { item, pr, checks: [], entry: null, reason: null }, effects, null) || landed2;
  }
  if (landed2) return { outcome: "again", effects };
  const nodeId2 = q.pr.nodeId ?? (await session.port.getPullRequest(q.pr.number))?.nodeId;
  if (!nodeId2) return { outcome: "done", effects };
  const result = await session.port.dequeueFromMergeQueue(nodeId2);
  const reason = result.ok ? `taken out of GitHub's merge queue: ${action.reason}; it goes back in behind it` : `could not take it out of GitHub's merge queue (${result.message}) although ${action.reason}`;
  q.item = await saveItem(session, q.item, { ...q.item.state, queue: { ...q.item.state.queue, reason } });
  session.log.warn({ pr: q.pr.number, dependencies: action.dependencies, ok: result.ok }, "merge queue: dependent taken out of GitHub's merge queue");
  return { outcome: result.ok ? "again" : "done", effects };
}
function seconds(iso) {
  return Math.floor(Date.parse(iso) / 1e3) || 0;
}
async function queueItemOf(session, pr) {
  const issues = (await session.port.listOpenIssues()).filter((i) => {
    const status = statusFromLabels(i.labels, session.config);
    return status !== null && QUEUE_STATUSES.includes(status);
  });
  for (const issue of issues) {
    const item = await loadItemFor(session, issue);
    if (item.state.pr?.number !== pr) continue;
    const snapshot = await session.port.getPullRequest(pr);
    return snapshot ? { item, pr: snapshot, checks: [], entry: null, reason: null } : null;
  }
  return null;
}
async function recordMergeGroup(session, event) {
  if (session.config.merge.strategy !== "github") return [];
  const out = [{ kind: "evaluate-queue" }];
  if (event.action !== "destroyed" || event.reason !== "merged" || event.pr === null) return out;
  const q = await queueItemOf(session, event.pr);
  if (q) await recordNativeLanding(session, q, out, `merge group \`${event.headRef}\`, ${shortSha(event.headSha)}`);
  return out;
}
async function recordNativeLanding(session, q, out, group) {
  if (!q.pr.merged || !q.pr.mergeCommitSha || q.item.state.merged) return q.pr.merged;
  const mergeSha = q.pr.mergeCommitSha;
  showLanded(session, q.pr.headSha, `landed in \`${q.pr.baseRef}\` by GitHub's merge queue as ${shortSha(mergeSha)}`);
  await recordLanding(session, q.item, out, {
    pr: q.pr.number,
    mergeSha,
    base: q.pr.baseRef,
    detail: `tested and merged by GitHub's merge queue${group ? ` (${group})` : ""}`
  });
  session.log.info({ pr: q.pr.number, group }, "merge queue: landed by GitHub's merge queue");
  return true;
}
var CHECKS_FAILED = /* @__PURE__ */ new Set(["CI_FAILURE", "CI_TIMEOUT"]);
var LANDED = /* @__PURE__ */ new Set(["MERGE", "ALREADY_MERGED"]);
async function recordDequeued(session, event) {
  if (session.config.merge.strategy !== "github" || event.action !== "dequeued") return [];
  const why = event.reason ?? "UNKNOWN_REMOVAL_REASON";
  if (LANDED.has(why) || session.ours.actor(event.sender)) return [{ kind: "evaluate-queue" }];
  const q = await queueItemOf(session, event.number);
  if (!q || !q.item.state.approval) return [{ kind: "evaluate-queue" }];
  const out = [];
  await applyRemoval(session, q, why, event.sender, out);
  return [...out, { kind: "evaluate-queue" }];
}
async function applyRemoval(session, q, why, sender, out) {
  const base2 = q.pr.baseRef;
  if (CHECKS_FAILED.has(why)) {
    const detail = `the required checks failed on its merge group (GitHub's reason: ${why})`;
    const marker = ejectMarker(q.pr.headSha);
    const body = [
      marker,
      `**Ejected from the merge queue:** GitHub's merge queue removed pull request #${q.pr.number} (head ${q.pr.headSha}): ${detail}.`,
      "",
      `The approval is withdrawn and #${q.item.issue.number} goes back to its worker with this failure as feedback; the rest of the queue goes on. A new \`/approve\` is needed once it is fixed.`
    ].join("\n");
    await session.port.upsertComment(q.pr.number, marker, body);
    const reason = `ejected from the merge queue: ${detail}`;
    publishQueueCheck(session, q.pr.headSha, { kind: "ejected", reason });
    const feedback = `GitHub's merge queue ejected pull request #${q.pr.number}: ${detail}. Fix the failure against the latest \`${base2}\`.`;
    await sendBack(session, q, reason, feedback, "ci-failure", out);
  } else if (why === "MERGE_CONFLICT") {
    await conflict(session, null, q, "GitHub's merge queue could not merge it onto the pull requests ahead of it", out);
  } else {
    const by = sender && !session.ours.actor(sender) ? ` by @${sender.login}` : "";
    const reason = `removed from GitHub's merge queue${by} (${why}); \`/approve\` again to queue it again`;
    const { approval: _withdrawn, ...state } = q.item.state;
    const status = lifecycle(q.item.state, { kind: "approval-withdrawn" }, q.pr.headSha).item.status;
    publishQueueCheck(session, q.pr.headSha, { kind: "ejected", reason });
    q.item = await saveItem(session, q.item, { ...state, status, queue: { reason } });
    session.log.info({ pr: q.pr.number, reason: why }, "merge queue: removed from GitHub's merge queue; approval withdrawn");
  }
}

// src/app/queue.ts
var MAX_ROUNDS = 20;
var MAX_REFUSALS = 3;
async function evaluateQueue(session) {
  const out = [];
  let refusals = 0;
  let carried = null;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const strategy = strategyFor(session.config.merge);
    let snapshot = await readQueue(session);
    if (strategy.name === "batch") snapshot = await withBatch(session, snapshot, carried);
    if (strategy.name === "github") snapshot = await withNativeQueue(session, snapshot);
    const plan = planMergeQueue(snapshot.state, strategy);
    await saveRepairs(session, snapshot);
    if (strategy.name === "serial") for (const item of snapshot.landed) out.push(...await recoverLandingOf(session, item));
    await writePositions(session, snapshot, plan);
    let outcome;
    if (plan.action.kind === "batch") {
      const applied = await applyBatchStep(session, snapshot, plan.action, out);
      outcome = applied.outcome;
      carried = applied.next === void 0 ? null : { run: applied.next };
    } else outcome = await applyAction(session, snapshot, plan.action, out);
    session.log.debug({ action: plan.action, outcome, round }, "merge queue evaluated");
    if (outcome === "done") return out;
    if (outcome === "again" && strategy.name === "serial" && snapshot.state.entries.length <= 1) return out;
    if (outcome === "refused" && ++refusals > MAX_REFUSALS) {
      session.log.warn({ action: plan.action }, "merge queue: GitHub kept refusing; waiting for the next event");
      return out;
    }
  }
  return out;
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
      if (state.queue.updatedTo === move.after) return null;
      await saveItem(session, item, { ...state, queue: { ...state.queue, updatedTo: move.after } });
      session.log.info({ issue: issue.number, pr: move.prNumber, from: move.before, to: move.after }, "merge queue update recorded");
      return { kind: "own", awaitChecks: state.queue.awaitChecks === true };
    }
    if (state.queue.updatedTo === move.after) return null;
    const { updatedFrom: _from, updatedTo: _to, updatedBase: _base, awaitChecks: _await, ...queue } = state.queue;
    await saveItem(session, item, { ...state, queue });
    session.log.info({ issue: issue.number, pr: move.prNumber, after: move.after }, "head moved by someone else during the queue's update");
    return { kind: "foreign" };
  }
  return null;
}
async function withBatch(session, snapshot, carried) {
  const view = carried ? { run: carried.run, staging: null } : await readBatch(session, snapshot);
  return { ...snapshot, state: { ...snapshot.state, batch: view.run, staging: view.staging } };
}
function headReason(action, snapshot) {
  const base2 = `\`${snapshot.defaultBranch}\` at ${shortSha(snapshot.baseSha)}`;
  switch (action.kind) {
    case "update-branch":
      return `head of the merge queue: bringing the pull request up to date with ${base2}`;
    case "wait-checks":
      return `head of the merge queue: waiting for the required checks on ${shortSha(action.headSha)} (tested with ${base2})`;
    case "merge":
      return `head of the merge queue: merging ${shortSha(action.sha)}`;
    case "eject":
      return `ejected from the merge queue: ${action.reason}`;
    case "conflict":
      return `conflicts with ${base2}`;
    case "batch":
      return action.step.kind === "idle" ? "in the merge queue" : action.step.reason;
    case "enqueue":
      return `handing the pull request to GitHub's merge queue (head ${shortSha(action.expectedHeadSha)})`;
    case "dequeue":
      return `taking it out of GitHub's merge queue: ${action.reason}`;
    default:
      return "in the merge queue";
  }
}
function statusFor(q, inFlight) {
  return lifecycle(q.item.state, { kind: "queue-ranked", member: q.entry !== null, inFlight }, q.pr.headSha).item.status;
}
async function writePositions(session, snapshot, plan) {
  const head = plan.order[0];
  const positions = new Map(plan.order.map((p) => [p.issue, p]));
  for (const [issue, q] of snapshot.items) {
    const place = q.entry ? positions.get(issue) : void 0;
    const { action } = plan;
    const isHead = action.kind !== "idle" && (action.kind === "batch" || action.pr === q.pr.number) && place?.waitingFor === null;
    let reason;
    if (!place) reason = q.reason ?? "not in the merge queue";
    else if (place.waitingFor) reason = place.waitingFor;
    else if (isHead) reason = headReason(plan.action, snapshot);
    else reason = `in the merge queue behind #${head?.pr ?? "?"}`;
    const inFlight = snapshot.state.inFlight === q.pr.number || isHead && action.kind === "update-branch" || inNativeQueue(snapshot, q.pr.number);
    const { position: _p, reason: _r, ...rest } = q.item.state.queue ?? {};
    const queue = { ...rest, ...place ? { position: place.position } : {}, reason };
    const standing = standingOf(place, isHead, plan.action, reason);
    const previous = q.item.state.queue;
    const next = { ...q.item.state, status: statusFor(q, inFlight && q.entry !== null), queue };
    q.item = await saveIfChanged(session, q.item, next);
    const moving = isHead && action.kind === "update-branch";
    if (standing) showQueueStanding(session, q.pr.headSha, { previous, next: queue }, standing, { ifShown: moving });
  }
}
function standingOf(place, isHead, action, reason) {
  if (!place) return null;
  if (!isHead) return { kind: "waiting", position: place.position, reason };
  return action.kind === "eject" || action.kind === "conflict" ? { kind: "ejected", reason } : { kind: "head", reason };
}
async function saveRepairs(session, snapshot) {
  for (const issue of snapshot.repairs) {
    const q = snapshot.items.get(issue);
    if (q) q.item = await saveItem(session, q.item, q.item.state);
  }
}
async function saveIfChanged(session, item, next) {
  if (JSON.stringify(item.state) === JSON.stringify(next)) return item;
  return saveItem(session, item, next);
}
async function applyAction(session, snapshot, action, out) {
  if (action.kind === "idle" || action.kind === "wait-checks") return "done";
  if (action.kind === "batch") return "done";
  const q = [...snapshot.items.values()].find((i) => i.pr.number === action.pr);
  if (!q) return "done";
  switch (action.kind) {
    case "update-branch":
      return updateBranch(session, q, action.expectedHeadSha, snapshot.baseSha, out);
    case "merge":
      return merge(session, snapshot, q, action.sha, out);
    case "eject":
      return eject2(session, snapshot, q, action, out);
    case "conflict":
      await conflict(session, snapshot, q, "GitHub reports the pull request cannot be merged cleanly", out);
      return "again";
    case "enqueue":
    case "dequeue": {
      const applied = action.kind === "enqueue" ? await enqueueNative(session, q, action) : await dequeueNative(session, q, action);
      out.push(...applied.effects);
      return applied.outcome;
    }
  }
}
async function updateBranch(session, q, expectedHeadSha, baseSha, out) {
  const { state } = q.item;
  const approved = state.approval?.headSha ?? expectedHeadSha;
  const chained = state.queue?.updatedFrom === approved && state.queue.updatedTo === expectedHeadSha;
  const awaitChecks = q.checks.length > 0;
  const queue = chained ? { ...state.queue, reason: state.queue?.reason ?? "", updatedBase: baseSha, awaitChecks } : { ...state.queue ?? { reason: "" }, updatedFrom: approved, updatedTo: void 0, updatedBase: baseSha, awaitChecks };
  const status = lifecycle(state, { kind: "queue-updating" }, expectedHeadSha).item.status;
  q.item = await saveIfChanged(session, q.item, { ...state, status, queue });
  const result = await session.port.updateBranch(q.pr.number, expectedHeadSha);
  if (result.ok) {
    session.log.info({ pr: q.pr.number, from: expectedHeadSha }, "merge queue: update-branch requested");
    return "done";
  }
  const now = await session.port.getPullRequest(q.pr.number);
  if (now && now.headSha === expectedHeadSha && (now.mergeable === false || /conflict/i.test(result.message))) {
    await conflict(session, null, q, `bringing it up to date with the base branch failed: ${result.message}`, out);
    return "again";
  }
  session.log.warn({ pr: q.pr.number, status: result.status, message: result.message }, "merge queue: update-branch refused");
  return "refused";
}
function scopeOf(session, item) {
  const parsed = parseWorkItem({ title: item.issue.title, body: item.issue.body, labels: item.issue.labels }, item.state, session.config);
  return parsed.scope.length > 0 ? parsed.scope : session.config.scope.default;
}
async function merge(session, snapshot, q, sha, out) {
  const { config, port } = session;
  const pr = q.item.state.pr;
  const judged = pr.headSha === q.pr.headSha && q.item.state.reviews.some((r) => r.headSha === q.pr.headSha);
  const scope = judged ? { outOfScope: pr.outOfScope, gated: pr.gated } : checkScope(await port.listPullRequestFiles(q.pr.number), scopeOf(session, q.item), config.autonomy.gate, config.autonomy.max_deleted_files);
  const newGated = scope.gated.filter((p) => !pr.gated.includes(p));
  if (scope.outOfScope.length > 0 || newGated.length > 0 && q.item.state.approval?.via !== "command") {
    const outOfScope = [.../* @__PURE__ */ new Set([...pr.outOfScope, ...scope.outOfScope])].sort();
    const gated = [.../* @__PURE__ */ new Set([...pr.gated, ...scope.gated])].sort();
    const status = lifecycle(q.item.state, { kind: "queue-held-back" }, q.pr.headSha).item.status;
    q.item = await saveItem(session, q.item, { ...q.item.state, status, pr: { ...pr, outOfScope, gated } });
    session.log.warn({ pr: q.pr.number, outOfScope: scope.outOfScope, gated: newGated }, "merge queue: final diff failed the scope check");
    return "again";
  }
  const ready = lifecycle(q.item.state, { kind: "merge-ready", sha }, q.pr.headSha);
  if (!ready.effects.some((e) => e.kind === "merge")) {
    session.log.error({ pr: q.pr.number, sha, status: q.item.state.status }, "merge queue: merge refused by the lifecycle (no valid approval on the tested head)");
    return "done";
  }
  const result = await port.mergeIfHeadIs(q.pr.number, sha, config.merge.method);
  if (!result.ok) {
    session.log.warn({ pr: q.pr.number, sha, status: result.status, message: result.message }, "merge queue: merge refused; re-evaluating");
    return "refused";
  }
  out.push({ kind: "merged", pr: q.pr.number });
  expectEcho(session, `landed:${sha}`);
  await landed(session, snapshot, q, result.sha, out);
  return "again";
}
async function landed(session, snapshot, q, mergeSha, out) {
  showLanded(session, q.pr.headSha, `landed in \`${snapshot.defaultBranch}\` as ${shortSha(mergeSha)}`, { mergedNow: true });
  q.item = await recordLanding(session, q.item, out, {
    pr: q.pr.number,
    mergeSha,
    base: snapshot.defaultBranch,
    detail: `after its required checks passed on ${q.pr.headSha}`,
    // Merged through the API into the default branch: GitHub applies the body's closing keywords
    // (only there: a pull request stacked on another branch closes nothing when merged).
    closedByMerge: q.pr.baseRef === snapshot.defaultBranch && closingRefs(q.pr.body).includes(q.item.issue.number)
  });
  session.log.info({ issue: q.item.issue.number, pr: q.pr.number, sha: mergeSha }, "merge queue: landed");
}
async function eject2(session, snapshot, q, action, out) {
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
  await sendBack(session, q, `ejected from the merge queue: ${action.reason}`, feedback, "ci-failure", out);
  return "again";
}

// src/app/phases/queue.ts
async function queuePhase(session, inbox) {
  const out = [];
  for (const effect of inbox) if (effect.kind === "recover-landing") out.push(...await recoverLanding(session, effect.issue));
  if (inbox.some((e) => e.kind === "evaluate-queue")) out.push(...await evaluateQueue(session));
  return out;
}

// src/domain/trust/command-limit.ts
function limitCommands(body, max = MAX_COMMANDS_PER_COMMENT) {
  const tooLong = overLimit("This comment", body, GITHUB_COMMENT_LIMIT);
  if (tooLong) return body.includes("/") ? { kind: "too-long", message: `${tooLong}, so no command in it was read. Nothing was changed.` } : { kind: "none" };
  const parsed = parseCommands(body);
  if (parsed.length === 0) return { kind: "none" };
  if (parsed.length <= max) return { kind: "commands", commands: parsed, skipped: null };
  const rest = parsed.length - max;
  const first = parsed[max];
  return {
    kind: "commands",
    commands: parsed.slice(0, max),
    skipped: `${rest} more command line${rest === 1 ? "" : "s"} (from line ${first.line} on) ${rest === 1 ? "was" : "were"} not executed: at most ${max} commands are run per comment. Nothing was changed for ${rest === 1 ? "it" : "them"}; put them in a new comment if you meant them.`
  };
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
  if (fallback?.workerBranch) return fallback;
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
async function workerBranchState(session, headRef) {
  const issue = headRef === null ? null : issueOfBranch(headRef, session.config.worker.branch_prefix);
  return issue === null ? void 0 : readState(session, issue);
}

// src/app/commands.ts
async function handleCommandComment(session, comment) {
  if (session.ours.actor(comment.author) || session.ours.isBot(comment.author)) {
    session.log.debug({ comment: comment.id, author: comment.author.login }, "commands from a bot ignored");
    return [];
  }
  const limited = limitCommands(comment.body);
  if (limited.kind === "none") return [];
  if (limited.kind === "too-long") {
    const marker = replyMarker(comment.id);
    if (await session.port.findComment(comment.number, marker)) return [];
    await session.port.upsertComment(comment.number, marker, `${marker}
@${comment.author.login} ${limited.message}`);
    return [];
  }
  const parsed = limited.commands;
  return runCommands(session, parsed, {
    id: comment.id,
    actor: comment.author,
    number: comment.number,
    onPullRequest: comment.onPullRequest,
    marker: replyMarker(comment.id),
    reactTo: comment.id,
    via: "command",
    ...limited.skipped ? { skippedCommands: limited.skipped } : {}
  });
}
async function handleSubmittedReview(session, review) {
  if (!session.config.merge.accept_github_reviews) return [];
  if (review.state.toLowerCase() !== "approved") return [];
  if (session.ours.actor(review.author) || session.ours.isBot(review.author)) return [];
  const command = { kind: "approve", line: 1, source: "review APPROVE" };
  return runCommands(session, [command], {
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
async function handleCommandsFrom(session, input) {
  const parsed = input.commands.map((command, index) => ({ ...command, line: index + 1, source: formatCommand(command) }));
  return runCommands(session, parsed, { id: input.key, actor: input.actor, number: input.item, onPullRequest: false, marker: input.marker, reactTo: null, via: "command" });
}
async function runCommands(session, parsed, source) {
  const target = await resolveTarget(session, source);
  if (target === "skip") return [];
  const plan = await authorizeAll(session, parsed, source, target);
  if (source.skippedCommands) plan.refusals.push(source.skippedCommands);
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
      // trust (#10): `/approve` binds the approval to the text as it is now.
      issueText: { title: item.issue.title, body: item.issue.body },
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
    return [];
  }
  const reaction = plan.refusals.length > 0 ? "confused" : outcome ? outcome.reaction : plan.answers.length > 0 ? "+1" : null;
  const answer = acknowledgement(source, reaction, [outcome?.reply ?? "", ...plan.answers, ...plan.refusals], saved !== null);
  const onlyApproval = source.onPullRequest && outcome?.status === "applied" && plan.refusals.length === 0 && plan.answers.length === 0 && plan.accepted.every((c) => c.kind === "approve");
  for (const effect of answer) if (effect.kind === "acknowledge" && onlyApproval) effect.answeredByMerge = source.number;
  session.log.info(
    { issue: target.item?.issue.number, comment: source.id, by: source.actor.login, status: outcome?.status ?? "refused", refused: plan.refusals.length },
    "commands handled"
  );
  if (!outcome || !saved) return answer;
  const effects = followUps(saved.issue.number, outcome.effects);
  const approvedNow = saved.state.approval !== void 0 && saved.state.approval.at !== target.item?.state.approval?.at;
  const stacks = session.config.worker.stack_on_approved && source.onPullRequest && approvedNow;
  return [...answer, ...effects, ...stacks ? [{ kind: "dependents", issue: saved.issue.number, epics: false }] : []];
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
  if (source.onPullRequest && next.approval && next.approval !== before.approval) {
    next = { ...next, status: lifecycle({ ...next, approval: void 0 }, { kind: "approved", head: next.approval.headSha }).item.status };
  }
  if (source.onPullRequest && !next.approval && before.approval) next = { ...next, status: lifecycle(next, { kind: "approval-withdrawn" }).item.status };
  if (next.status === "in-progress" && !next.attempts.some((a) => a.outcome === "dispatched")) next = { ...next, status: lifecycle(next, { kind: "run-cancelled" }).item.status };
  return next;
}
function acknowledgement(source, reaction, paragraphs, recorded) {
  const text = paragraphs.filter((p) => p.trim() !== "").join("\n\n");
  const react = text === "" && source.reactTo !== null && reaction ? { commentId: source.reactTo, content: reaction } : null;
  const body = boundComment(`${source.marker}
@${source.actor.login} ${text}`, "the reply was too long; the commands above it were handled");
  const reply = text === "" ? null : { number: source.number, marker: source.marker, body, absent: recorded };
  return react || reply ? [{ kind: "acknowledge", reaction: react, reply }] : [];
}
function followUps(number, effects) {
  return effects.flatMap((effect) => {
    switch (effect.kind) {
      case "retriage":
        return [{ kind: "triage", issue: number }, { kind: "schedule" }];
      case "dispatch":
        return [{ kind: "dispatch", issue: number, reason: effect.reason, when: "retryable" }];
      case "cancel-run":
        return [{ kind: "cancel-run", issue: number, attempt: effect.attempt, ...effect.runId === void 0 ? {} : { runId: effect.runId } }];
      case "evaluate-queue":
        return [{ kind: "evaluate-queue" }];
      case "plan":
        return [{ kind: "plan", issue: number }];
    }
  });
}
function isOwnUpdate(state, move, ours) {
  const queue = state.queue;
  if (!queue?.updatedFrom) return false;
  if (queue.updatedTo === move.after) return true;
  const fromOurs = move.before === queue.updatedFrom || queue.updatedTo !== void 0 && move.before === queue.updatedTo;
  if (!fromOurs) return false;
  return ours.actor(move.sender);
}
async function handlePullRequestPush(session, move) {
  const pr = await session.port.getPullRequest(move.prNumber);
  if (!pr || pr.state !== "open") return;
  const link = await findItemForPullRequest(session, pr);
  if (!link?.recorded || !link.item.state.pr) return;
  const { item } = link;
  const state = item.state;
  const own = isOwnUpdate(state, move, session.ours);
  let next = { ...state, pr: { ...link.item.state.pr, headSha: pr.headSha } };
  if (own && state.queue) next = { ...next, queue: { ...state.queue, updatedTo: move.after } };
  const from = next.queue?.updatedFrom;
  const to2 = next.queue?.updatedTo;
  const updates = from && to2 ? [{ from, to: to2 }] : [];
  const voided = state.approval !== void 0 && !isApprovalValid(state.approval, pr.headSha, updates);
  if (voided) {
    const { approval: _void, ...rest } = next;
    next = { ...rest, status: lifecycle(next, { kind: "pushed", head: pr.headSha, ownUpdate: false }, state.pr?.headSha).item.status };
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

// src/domain/failure-class.ts
var PROVIDER_ERROR = /(?:\bstatus(?: code)?|\bHTTP(?:\/\d(?:\.\d)?)?|\bAPI Error:?|\berror code:?)\s*[:=]?\s*(?:429|5\d\d|401|403)\b|\brate[ _-]?limit(?:ed)?\b|\boverloaded_error\b|\binvalid (?:x-)?api[ _-]?key\b|\bauthentication_error\b|\binsufficient_quota\b/i;
var GRPC_ERROR = /\b(?:RESOURCE_EXHAUSTED|UNAVAILABLE|UNAUTHENTICATED)\b/;
function isProviderError(output) {
  return PROVIDER_ERROR.test(output) || GRPC_ERROR.test(output);
}
function failureClass(end) {
  if (end.noReport === true) return "infrastructure";
  if (end.blocker === "error" || end.blocker === "agent-missing") return "infrastructure";
  if (end.blocker === "bad-input") return "item";
  if (end.agentOutputTail !== void 0 && isProviderError(end.agentOutputTail)) return "infrastructure";
  return "agent";
}

// src/app/monitor.ts
function identitiesOf(session) {
  return workerIdentities(session.config.trust.worker_identities, session.ours.appSlug);
}
async function handleWorkerReport(session, issueNumber, comment) {
  const identities = identitiesOf(session);
  if (!isWorkerIdentity(comment.author, identities)) {
    session.log.warn({ issue: issueNumber, comment: comment.id, author: comment.author.login }, "worker report ignored: not from a worker identity");
    return [];
  }
  if (comment.body.length > GITHUB_COMMENT_LIMIT) {
    session.log.warn({ issue: issueNumber, comment: comment.id, length: comment.body.length }, "worker report ignored: over the comment limit");
    return [];
  }
  const decoded = decodeWorkerReport(comment.body);
  if (decoded.kind === "absent") return [];
  if (decoded.kind === "invalid") {
    session.log.warn({ issue: issueNumber, comment: comment.id, reason: decoded.reason }, "invalid worker report");
    return [];
  }
  const report = decoded.report;
  const item = await loadItem(session, issueNumber);
  if (!item) return [];
  const acceptance = acceptWorkerReport({ author: comment.author, identities, issue: issueNumber, report, state: item.state });
  if (!acceptance.accepted) {
    session.log.warn({ issue: issueNumber, comment: comment.id, attempt: report.attempt, reason: acceptance.reason }, "worker report ignored");
    return [];
  }
  const effects = await settleAttempt(session, item, applyReport(item.state, report, session.now(), deadLetterRules(session)));
  expectEcho(session, `run:${issueNumber}:${report.attempt}`);
  return effects;
}
function deadLetterRules(session) {
  return { maxAttempts: session.config.worker.max_attempts };
}
async function settleAttempt(session, item, next) {
  await saveItem(session, item, next, next.deadLetter ? { add: [session.config.labels.dead_letter] } : {});
  const member2 = next.status === "in-review" && (lifecycleOf(next).approvedHead !== null || next.queue?.position !== void 0);
  return [...member2 ? [{ kind: "evaluate-queue" }] : [], { kind: "schedule" }];
}
function applyReport(state, report, now, rules) {
  const failure = report.outcome === "pr" ? void 0 : failureClass({ ...report.blocker ? { blocker: report.blocker.kind, agentOutputTail: `${report.blocker.summary}
${report.blocker.hypothesis}` } : {} });
  const attempts = replaceAttempt(state.attempts, report.attempt, {
    outcome: report.outcome,
    finishedAt: now,
    ...report.runId !== void 0 ? { runId: report.runId } : {},
    summary: report.blocker?.summary ?? `pull request #${report.pr?.number ?? "?"}`,
    ...report.costUsd !== void 0 ? { costUsd: report.costUsd } : {},
    ...report.tokens !== void 0 ? { tokens: report.tokens } : {},
    ...failure !== void 0 ? { failure } : {}
  });
  if (report.outcome === "pr" && report.pr) {
    return {
      ...state,
      attempts,
      status: lifecycle(state, { kind: "reported-pr", head: report.pr.headSha }).item.status,
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
  const letter = deadLetterOfState({ attempts, attemptBudgetFrom: state.attemptBudgetFrom }, rules.maxAttempts);
  return {
    ...state,
    attempts,
    status: lifecycle(state, { kind: "reported-blocker" }).item.status,
    blockedReason: report.blocker?.summary ?? "the worker reported a blocker",
    ...letter ? { deadLetter: { ...letter, at: now } } : {}
  };
}
async function handleWorkflowRun(session, run) {
  if (!run.path.endsWith(`/${session.config.worker.workflow}`)) return [];
  const ids = parseRunTitle(run.displayTitle);
  if (!ids) return [];
  if (run.status !== "completed") return runStarted(session, run, ids);
  const item = await loadItem(session, ids.issue);
  if (!item) return [];
  const attempt = item.state.attempts.find((a) => a.n === ids.attempt);
  if (!attempt || attempt.outcome !== "dispatched") return [];
  const report = await reportOnIssue(session, ids.issue, attempt.n);
  if (report) {
    const withRun = { ...item.state, attempts: replaceAttempt(item.state.attempts, attempt.n, { runId: run.id, runUrl: run.htmlUrl }) };
    return settleAttempt(session, item, applyReport(withRun, report, session.now(), deadLetterRules(session)));
  }
  session.log.warn({ issue: ids.issue, attempt: attempt.n, run: run.id, conclusion: run.conclusion }, "worker run ended without a report");
  return failAttempt(session, item, attempt.n, `the run ended ${run.conclusion ?? "without a conclusion"} without a worker report`, { runId: run.id, runUrl: run.htmlUrl });
}
async function runStarted(session, run, ids) {
  const recorded = (await readState(session, ids.issue))?.attempts.find((a) => a.n === ids.attempt);
  if (!recorded || recorded.runId === run.id && recorded.outcome !== "cancelled") return [];
  const item = await loadItem(session, ids.issue);
  const attempt = item?.state.attempts.find((a) => a.n === ids.attempt);
  if (!item || !attempt) return [];
  if (attempt.runId !== run.id || attempt.runUrl !== run.htmlUrl) {
    await saveItem(session, item, { ...item.state, attempts: replaceAttempt(item.state.attempts, ids.attempt, { runId: run.id, runUrl: run.htmlUrl }) });
  }
  return attempt.outcome === "cancelled" ? [{ kind: "cancel-run", issue: ids.issue, attempt: ids.attempt, runId: run.id }] : [];
}
async function failAttempt(session, item, n, summary, run, failure = "infrastructure") {
  const attempts = replaceAttempt(item.state.attempts, n, { ...run ?? {}, outcome: "failed", finishedAt: session.now(), summary, failure });
  const { config } = session;
  const held = item.issue.labels.includes(config.labels.hold);
  const exhausted = attemptsUsed({ ...item.state, attempts }) >= config.worker.max_attempts;
  const letter = held ? null : deadLetterOfState({ attempts, attemptBudgetFrom: item.state.attemptBudgetFrom }, config.worker.max_attempts);
  if (letter && !exhausted) {
    await saveItem(
      session,
      item,
      { ...item.state, attempts, status: lifecycle(item.state, { kind: "dispatch-failed" }).item.status, blockedReason: letter.summary, deadLetter: { ...letter, at: session.now() } },
      { add: [config.labels.dead_letter] }
    );
    return [{ kind: "schedule" }];
  }
  const failed = {
    ...item.state,
    status: lifecycle(item.state, { kind: "run-failed" }).item.status,
    attempts,
    ...letter ? { deadLetter: { ...letter, at: session.now() } } : {}
  };
  await saveItem(session, item, failed, letter ? { add: [config.labels.dead_letter] } : {});
  if (!held && exhausted) await postRunFailureReport(session, item.issue.number);
  return [{ kind: "dispatch", issue: item.issue.number, reason: "rerun" }, { kind: "schedule" }];
}
async function reportOnIssue(session, issue, attempt) {
  const comment = await session.port.findComment(issue, reportMarker(attempt));
  if (!comment || !isWorkerIdentity(comment.author, identitiesOf(session))) return null;
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

// src/app/queue-stack.ts
function stackable(session, labels) {
  const status = statusFromLabels(labels, session.config);
  return status !== null && (status === "in-review" || QUEUE_STATUSES.includes(status));
}
async function updateStackedDependents(session, move) {
  if (!session.config.worker.stack_on_approved || !move.before || move.before === move.after) return [];
  const { port } = session;
  const open = (await port.listOpenIssues()).filter((i) => stackable(session, i.labels));
  const items = await Promise.all(open.map((issue) => loadItemFor(session, issue)));
  const lower = items.find((i) => i.state.pr?.number === move.prNumber);
  if (!lower) return [];
  const out = [];
  for (const item of items) {
    const dependsOnLower = item.state.dependsOn.some((ref) => parseRef(ref)?.repo === null && parseRef(ref)?.number === lower.issue.number);
    if (!dependsOnLower || !item.state.pr) continue;
    const pr = await port.getPullRequest(item.state.pr.number);
    if (!pr || pr.state !== "open") continue;
    const sinceBefore = await port.compareCommits(move.before, pr.headSha);
    const sinceAfter = await port.compareCommits(move.after, pr.headSha);
    if (!sinceBefore || sinceBefore.behindBy !== 0 || !sinceAfter || sinceAfter.behindBy === 0) continue;
    const message = `Update from #${move.prNumber} at ${shortSha(move.after)} (stacked on it)`;
    const merged = await port.mergeIntoBranch(pr.headRef, move.after, message);
    if (merged.kind === "conflict") {
      const q = { item, pr, checks: [], entry: null, reason: null };
      await conflict(session, null, q, `the pull request it is stacked on, #${move.prNumber}, changed to ${shortSha(move.after)} and does not merge into it: ${merged.message}`, out);
      continue;
    }
    session.log.info({ pr: pr.number, lower: move.prNumber, from: move.before, to: move.after }, "stacked pull request updated from its new lower head");
  }
  return out;
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
  const tdd = input.tdd !== void 0 ? tddFindings(input.acceptanceCriteria, input.tdd.evidence) : [];
  const findings = [...tests.failures, ...outOfScope, ...criteria.findings, ...tdd, ...reviewer.findings];
  const lines2 = [
    ...criteria.lines,
    ...[...tests.failures, ...outOfScope, ...tdd, ...reviewer.findings].map((f) => `- \u274C ${f}`),
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
  const running = relevant.filter((c) => c.status !== "completed");
  const failures = relevant.filter((c) => c.status === "completed" && !PASSING2.has(c.conclusion ?? "")).map((c) => `check \`${c.name}\` ${c.conclusion ?? "completed without a conclusion"} on the head commit`);
  if (missing.length > 0 || running.length > 0) {
    const waiting = [...missing.map((n) => `\`${n}\` (not reported yet)`), ...running.map((c) => `\`${c.name}\` (${c.status})`)];
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
  const entries2 = evidence instanceof Map ? [...evidence.entries()] : Object.entries(evidence);
  const exact = entries2.find(([k]) => k === criterion) ?? entries2.find(([k]) => normalize(k) === normalize(criterion));
  const text = exact?.[1]?.trim();
  return text ? text : null;
}
function judgeReviewer(raw) {
  if (raw === void 0) return { verdict: null, findings: [], notes: [] };
  const parsed = reviewerVerdictSchema.safeParse(raw);
  if (!parsed.success) return { verdict: null, findings: [`reviewer agent returned an invalid verdict: ${describeIssues(parsed.error)}`], notes: [] };
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
function describeIssues(error) {
  return error.issues.map((i) => `${i.path.length > 0 ? i.path.join(".") : "(root)"}: ${i.message}`).join("; ");
}
function gatedLines(gated) {
  if (gated.length === 0) return [];
  return [`- \u26A0\uFE0F gated paths changed, merging needs a trusted \`/approve\`: ${gated.map((p) => `\`${p}\``).join(", ")}`];
}
var NEVER_MERGES = "This verdict never merges anything by itself: merging needs a trusted `/approve`.";
function reviewCheck(headSha, verdict, lines2, findings, backed, total) {
  const text = clip(lines2.join("\n"));
  const base2 = { name: REVIEW_CHECK_NAME, headSha, text };
  if (verdict === "PENDING") return { ...base2, status: "in_progress", title: "Review pending", summary: "Waiting for checks on the head commit (or the reviewer agent) before judging." };
  if (verdict === "APPROVED") {
    return { ...base2, status: "completed", conclusion: "success", title: `Approved: ${backed}/${total} criteria backed, tests green`, summary: `The PM review found nothing to change. ${NEVER_MERGES}` };
  }
  const summary = clip([`The PM review found ${findings.length} thing(s) to change; the worker gets them as feedback.`, "", ...findings.map((f) => `- ${f}`)].join("\n"));
  return { ...base2, status: "completed", conclusion: "failure", title: `Changes requested: ${findings.length} finding(s)`, summary };
}
function scopeCheck(headSha, scope) {
  const gated = scope.gated.length > 0 ? `Gated paths changed (need a trusted \`/approve\`): ${scope.gated.map((p) => `\`${p}\``).join(", ")}.` : "";
  const base2 = { name: SCOPE_CHECK_NAME, headSha, status: "completed", text: "" };
  if (scope.outOfScope.length > 0) {
    const annotations = scope.outOfScope.map((path) => ({ path, startLine: 1, endLine: 1, level: "failure", title: "Outside scope", message: `${path} is outside the work item's scope.` }));
    const summary = clip([`${scope.outOfScope.length} file(s) outside the item's scope; a pull request with files outside scope is never queued.`, gated].filter((s) => s).join("\n\n"));
    return { ...base2, conclusion: "failure", title: `${scope.outOfScope.length} file(s) outside scope`, summary, annotations };
  }
  if (gated) return { ...base2, conclusion: "neutral", title: "In scope; gated paths need a trusted /approve", summary: clip(gated), annotations: [] };
  return { ...base2, conclusion: "success", title: "All changed files are in scope", summary: "Every changed file is within the item's scope.", annotations: [] };
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

// src/app/reconcile.ts
var OVERTIME_GRACE_MINUTES = 5;
var DISPATCH_GRACE_MS = 12e4;
async function reconcileItem(session, issue, runs, options = {}) {
  if (issue.isPullRequest || issue.labels.includes(session.config.labels.ignore)) return [];
  let item = await loadItemFor(session, issue);
  if (!item.statusComment) return [{ kind: "triage", issue: issue.number }, { kind: "schedule" }];
  if (item.problem) return [];
  item = await labelsFromBlock(session, item);
  const out = [];
  const { state } = item;
  if (state.status === "in-progress") {
    const settled = await settleInProgress(session, item, runs);
    if (settled.length > 0) out.push(...settled, { kind: "review-item", issue: issue.number });
  }
  if (state.pr && state.merged === void 0 && state.status !== "done") out.push(...await recoverLandingOf(session, item));
  const unreviewed = state.status === "in-review" && !state.reviews.some((r) => r.headSha === state.pr?.headSha);
  const noticed = state.checksWait?.outcome === "noticed" && (state.status === "in-review" || state.status === "approved");
  if (state.pr && (unreviewed || noticed)) out.push({ kind: "review", pr: state.pr.number });
  else if (options.commands && state.pr && await verdictUnpublished(session, item)) out.push({ kind: "review", pr: state.pr.number });
  if (options.commands) out.push(...await unansweredCommands(session, item));
  if (session.config.pm.agent !== null && state.status === "needs-info" && state.refine && !refineSettled(state.refine)) out.push({ kind: "triage", issue: issue.number });
  return out;
}
async function unansweredCommands(session, item) {
  const { state } = item;
  const since = item.statusComment ? Date.parse(item.statusComment.createdAt) : Number.POSITIVE_INFINITY;
  const handled = (id) => state.commands.some((c) => c.commentId === id) || state.commandsCompacted !== void 0 && id <= state.commandsCompacted.throughCommentId;
  const out = [];
  const places = [{ number: item.issue.number, onPullRequest: false }, ...state.pr ? [{ number: state.pr.number, onPullRequest: true }] : []];
  for (const place of places) {
    const comments = await session.port.listComments(place.number);
    const ourBodies = comments.filter((c) => session.ours.actor(c.author)).map((c) => c.body);
    const replied = (id) => ourBodies.some((body) => body.includes(replyMarker(id)));
    for (const comment of comments) {
      if (Date.parse(comment.createdAt) < since || handled(comment.id) || replied(comment.id)) continue;
      if (session.ours.actor(comment.author) || session.ours.isBot(comment.author)) continue;
      if (limitCommands(comment.body).kind === "none") continue;
      session.log.warn({ issue: item.issue.number, comment: comment.id, on: place.number }, "reconcile: a command that was never handled; handling it now");
      out.push(...await handleCommandComment(session, { id: comment.id, body: comment.body, author: comment.author, number: place.number, onPullRequest: place.onPullRequest }));
    }
  }
  return out;
}
async function verdictUnpublished(session, item) {
  const { state } = item;
  const head = state.pr?.headSha;
  if (!head || state.status !== "in-review" && state.status !== "approved" || !state.reviews.some((r) => r.headSha === head)) return false;
  const runs = await session.port.listCheckRuns(head);
  return !runs.some((r) => r.name === REVIEW_CHECK_NAME && session.ours.checkRun(r) && r.status === "completed");
}
async function labelsFromBlock(session, item) {
  const labelled = statusFromLabels(item.issue.labels, session.config);
  if (labelled === item.state.status) return item;
  session.log.warn({ issue: item.issue.number, label: labelled, block: item.state.status }, "reconcile: status label disagreed with the state block; the block wins");
  return saveItem(session, item, item.state);
}
async function settleInProgress(session, item, runs) {
  const number = item.issue.number;
  const attempt = [...item.state.attempts].reverse().find((a) => a.outcome === "dispatched");
  if (!attempt) return [];
  const report = await session.port.findComment(number, reportMarker(attempt.n));
  if (report) {
    session.log.warn({ issue: number, attempt: attempt.n }, "reconcile: worker report found that was never handled");
    return handleWorkerReport(session, number, report);
  }
  const run = (await runs()).find((r) => {
    const ids = parseRunTitle(r.displayTitle);
    return ids?.issue === number && ids.attempt === attempt.n;
  });
  if (run) {
    if (run.status !== "completed" && attemptOverTime(Date.parse(attempt.dispatchedAt), Date.parse(session.now()), session.config.budget.per_attempt_minutes, OVERTIME_GRACE_MINUTES)) {
      session.log.warn({ issue: number, attempt: attempt.n, run: run.id }, "reconcile: run past its time budget; cancelling it");
      const minutes = session.config.budget.per_attempt_minutes;
      const summary = `cancelled by the app: still running after ${minutes} minutes (budget.per_attempt_minutes) and ${OVERTIME_GRACE_MINUTES} minutes' grace`;
      const next = await failAttempt(session, item, attempt.n, summary, { runId: run.id, runUrl: run.htmlUrl }, "agent");
      return [{ kind: "cancel-run", issue: number, attempt: attempt.n, runId: run.id }, ...next];
    }
    if (run.status !== "completed") return [];
    session.log.warn({ issue: number, attempt: attempt.n, run: run.id, status: run.status }, "reconcile: applying the attempt's run");
    return handleWorkflowRun(session, { id: run.id, path: run.path, displayTitle: run.displayTitle, status: run.status, conclusion: run.conclusion, htmlUrl: run.htmlUrl });
  }
  const age = Date.parse(session.now()) - Date.parse(attempt.dispatchedAt);
  if (!(age > DISPATCH_GRACE_MS)) return [];
  const fresh = await session.port.listWorkflowRuns(session.config.worker.workflow);
  if (fresh.some((r) => r.displayTitle === runTitle(number, attempt.n))) return [];
  const ref = await session.port.getDefaultBranch();
  const result = await session.port.dispatchWorkflow(session.config.worker.workflow, ref, { issue: String(number), attempt: String(attempt.n) });
  if (result.ok && result.duplicate) {
    session.log.warn({ issue: number, attempt: attempt.n }, "reconcile: attempt claimed but its run never started; giving it up");
    const item2 = await loadItem(session, number);
    return item2 ? failAttempt(session, item2, attempt.n, "the dispatch was claimed but its run never started (the app died before sending it)", null) : [];
  }
  session.log.warn({ issue: number, attempt: attempt.n, ok: result.ok }, "reconcile: attempt recorded but never dispatched; dispatched now");
  return [];
}
async function sweepItems(session) {
  const open = await session.port.listOpenIssues();
  let runs = null;
  const lazyRuns = async () => runs ??= await session.port.listWorkflowRuns(session.config.worker.workflow);
  const out = [];
  for (const issue of open) {
    try {
      out.push(...await reconcileItem(session, issue, lazyRuns, { commands: true }));
      if (session.config.pm.agent !== null && issue.labels.includes(session.config.labels.tracks.project)) out.push({ kind: "plan", issue: issue.number });
    } catch (error) {
      session.log.warn({ issue: issue.number, err: error }, "reconcile: item failed");
    }
  }
  for (const status of QUEUE_STATUSES) {
    for (const issue of await session.port.listClosedIssues([statusLabel(status, session.config)])) out.push({ kind: "recover-landing", issue: issue.number });
  }
  return [...out, { kind: "evaluate-queue" }, { kind: "schedule" }];
}

// src/app/checks-grace.ts
async function nextChecksWait(session, item, pr, checkCount) {
  const graceMinutes = session.config.review.checks_grace_minutes;
  const step = checksGraceStep({ headSha: pr.headSha, now: session.now(), graceMinutes, checkCount, wait: item.state.checksWait });
  if (step.kind === "keep") return item.state.checksWait;
  if (step.kind === "record") return step.wait;
  const workflows = (await session.port.listWorkflowFiles()).filter((f) => f.text !== null && triggersOnPullRequests(f.text)).map((f) => f.path);
  const outcome = graceOutcome(step.wait, workflows);
  if (outcome.outcome === "noticed") {
    await session.port.upsertComment(pr.number, CHECKS_MISSING_MARKER, checksMissingComment(CHECKS_MISSING_MARKER, { headSha: pr.headSha, graceMinutes, workflows }));
  }
  session.log[outcome.outcome === "noticed" ? "warn" : "info"]({ pr: pr.number, issue: item.issue.number, head: pr.headSha, workflows, outcome: outcome.outcome }, "no checks on the head within the grace");
  return outcome;
}

// src/app/review.ts
async function reviewPullRequestNumber(session, number) {
  const pr = await session.port.getPullRequest(number);
  if (!pr || pr.state !== "open") return null;
  const link = await findItemForPullRequest(session, pr);
  if (!link?.recorded) return null;
  if (link.item.state.merged || link.item.state.status === "done") return null;
  return reviewLinked(session, pr, link);
}
async function reviewLinked(session, pr, link) {
  const { port, config } = session;
  const item = link.item;
  const { runs, statuses } = await port.listChecks(pr.headSha);
  const parsed = parseWorkItem({ title: item.issue.title, body: item.issue.body, labels: item.issue.labels }, item.state, config);
  const globs = parsed.scope.length > 0 ? parsed.scope : config.scope.default;
  const queueUpdate = !!item.state.approval && item.state.queue?.updatedTo === pr.headSha;
  const scope = queueUpdate ? { outOfScope: item.state.pr.outOfScope, gated: item.state.pr.gated } : checkScope(await port.listPullRequestFiles(pr.number), globs, config.autonomy.gate, config.autonomy.max_deleted_files);
  const checks = testChecks(runs, statuses, session.ours.appSlug);
  const input = {
    headSha: pr.headSha,
    checks,
    requiredChecks: config.merge.required_checks,
    acceptanceCriteria: parsed.acceptanceCriteria,
    evidence: evidenceFromBody(pr.body, parsed.acceptanceCriteria),
    scope: { outOfScope: scope.outOfScope, gated: scope.gated },
    ...session.ours.appSlug ? { appSlug: session.ours.appSlug } : {},
    ...config.worker.tdd ? { tdd: { evidence: tddEvidenceOf(pr.body) } } : {}
  };
  let result = reviewPullRequest(input);
  let current = item;
  if (config.review.agent && result.verdict === "APPROVED") {
    const reviewer = await reviewerInput(session, item, pr, session.ours.appSlug);
    current = reviewer.item;
    result = reviewPullRequest({ ...input, ...reviewer.input });
  }
  const checksWait = await nextChecksWait(session, current, pr, checks.length);
  const standing = queueEligibility(queueCandidate(session, current, pr, othersChecks(session, pr.headSha, runs, statuses), await port.getDefaultBranch()), config);
  const queueReason = standing.eligible ? null : standing.reason;
  const sendBack2 = await recordVerdict(session, current, pr, { recorded: link.recorded, result, scope, checksWait, queueReason });
  const firstVerdict = !current.state.reviews.some((r) => r.headSha === pr.headSha);
  const reviewStands = queueUpdate && current.state.reviews.some((r) => r.headSha === current.state.queue?.updatedFrom && r.verdict === result.verdict);
  const publications = checkRunsToPost(session, result, runs, { pendingShown: !queueUpdate });
  if (result.review && !reviewStands) {
    const marker = reviewMarker(pr.headSha, result.verdict);
    const review = { commitId: pr.headSha, event: result.review.event, body: `${marker}
${result.review.body}`, marker };
    publications.push({ kind: "review", pr: { number: pr.number, ...pr.nodeId ? { nodeId: pr.nodeId } : {} }, review, absent: firstVerdict });
  }
  if (queueUpdate && result.verdict === "APPROVED") session.items.lead(publications);
  else session.items.follow(publications);
  session.log.info({ pr: pr.number, issue: item.issue.number, head: pr.headSha, verdict: result.verdict, sendBack: sendBack2 }, "pull request reviewed");
  return { pr: pr.number, issue: item.issue.number, headSha: pr.headSha, verdict: result.verdict, sendBack: sendBack2 };
}
async function reviewerInput(session, item, pr, appSlug) {
  const comment = await acceptedVerdictComment(session, item, pr, appSlug);
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
async function acceptedVerdictComment(session, item, pr, appSlug) {
  const marker = reviewerVerdictMarker(pr.headSha);
  const identities = workerIdentities(session.config.trust.worker_identities, appSlug);
  for (const comment of await session.port.listComments(pr.number)) {
    if (!comment.body.includes(marker)) continue;
    const decoded = comment.body.length > GITHUB_COMMENT_LIMIT ? null : decodeReviewerVerdictBlock(comment.body);
    const block = decoded?.kind === "ok" ? { pr: decoded.block.pr, headSha: decoded.block.headSha } : null;
    const acceptance = acceptVerdict({ author: comment.author, identities, pr: pr.number, headSha: pr.headSha, block, state: item.state });
    if (acceptance.accepted) return comment;
    session.log.warn({ pr: pr.number, comment: comment.id, author: comment.author.login, reason: acceptance.reason }, "reviewer verdict ignored");
  }
  return null;
}
async function dispatchReviewer(session, item, pr) {
  const { port, config } = session;
  const agent = config.review.agent;
  const record2 = { headSha: pr.headSha, pr: pr.number, dispatchedAt: session.now() };
  const saved = await saveItem(session, item, { ...item.state, reviewRuns: [...item.state.reviewRuns, record2] });
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
async function handleReviewerRunCompleted(session, run) {
  if (run.status !== "completed" || !run.path.endsWith(`/${session.config.worker.workflow}`)) return null;
  const ids = parseReviewRunTitle(run.displayTitle);
  if (!ids) return null;
  const item = await loadItem(session, ids.issue);
  const record2 = item?.state.reviewRuns.find((r) => r.pr === ids.pr && r.headSha.startsWith(ids.headSha));
  if (!item || !record2 || record2.failure !== void 0) return null;
  const pr = await session.port.getPullRequest(ids.pr);
  if (pr && pr.headSha === record2.headSha && await acceptedVerdictComment(session, item, pr, session.ours.appSlug)) return null;
  if ((!pr || pr.headSha !== record2.headSha) && await session.port.findComment(ids.pr, reviewerVerdictMarker(record2.headSha))) return null;
  const failure = `the reviewer run ended ${run.conclusion ?? "without a conclusion"} without posting a verdict ([run](${run.htmlUrl}))`;
  await saveItem(session, item, { ...item.state, reviewRuns: withRunFailure(item.state.reviewRuns, record2.headSha, failure) });
  session.log.warn({ issue: ids.issue, pr: ids.pr, head: record2.headSha, conclusion: run.conclusion }, "reviewer run ended without a verdict");
  return ids.pr;
}
function tddEvidenceOf(body) {
  const decoded = decodeTddEvidenceBlock(body);
  return decoded.kind === "ok" ? decoded.value : decoded.kind === "invalid" ? decoded.reason : null;
}
function testChecks(runs, statuses, appSlug) {
  const own = ownership(appSlug);
  const fromRuns = runs.filter((r) => !own.checkRun(r)).map((r) => ({ name: r.name, status: r.status, conclusion: r.conclusion, appSlug: r.appSlug }));
  const fromStatuses = statuses.map((s) => ({
    name: s.context,
    status: s.state === "pending" ? "in_progress" : "completed",
    conclusion: s.state === "pending" ? null : s.state === "success" ? "success" : "failure",
    appSlug: null
  }));
  return [...fromRuns, ...fromStatuses];
}
function checkRunsToPost(session, result, runs, options) {
  const mine = (name) => runs.find((r) => r.name === name && session.ours.checkRun(r));
  const existing = mine(result.reviewCheck.name);
  const pendingAlready = result.verdict === "PENDING" && (existing !== void 0 && existing.status !== "completed" || !options.pendingShown);
  return [...pendingAlready ? [] : [result.reviewCheck], result.scopeCheck].map((spec) => ({ kind: "checkRun", spec }));
}
async function recordVerdict(session, item, pr, review) {
  const { recorded, result, scope } = review;
  const state = item.state;
  let next = state;
  if (review.queueReason !== null && state.queue?.position === void 0 && state.queue?.reason !== review.queueReason) {
    next = { ...next, queue: { ...state.queue ?? {}, reason: review.queueReason } };
  }
  if (result.verdict !== "PENDING") next = { ...next, reviews: withReview(state.reviews, { headSha: pr.headSha, verdict: result.verdict, at: session.now(), findings: result.findings }) };
  if (recorded && state.pr) next = { ...next, pr: { ...state.pr, headSha: pr.headSha, outOfScope: scope.outOfScope, gated: scope.gated } };
  if (JSON.stringify(review.checksWait) !== JSON.stringify(state.checksWait)) next = { ...next, checksWait: review.checksWait };
  const sendBack2 = result.verdict === "CHANGES_REQUESTED" && recorded && state.status === "in-review" && !item.issue.labels.includes(session.config.labels.hold);
  if (sendBack2) next = { ...next, feedback: result.findings };
  if (next !== state) await saveItem(session, item, next);
  return sendBack2;
}
function withReview(reviews, record2) {
  const same = reviews.find((r) => r.headSha === record2.headSha);
  if (same && same.verdict === record2.verdict && JSON.stringify(same.findings) === JSON.stringify(record2.findings)) return [...reviews];
  return [...reviews.filter((r) => r.headSha !== record2.headSha), record2];
}

// src/domain/dashboard/format.ts
function itemLabel(number, title) {
  return `#${number} ${escapeInline(title)}`;
}
function formatElapsed(fromIso, toIso) {
  const ms = Date.parse(toIso) - Date.parse(fromIso);
  const minutes = Number.isFinite(ms) ? Math.floor(ms / 6e4) : 0;
  if (minutes < 1) return "under 1 min";
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
function table(headers, rows, empty) {
  if (rows.length === 0) return empty;
  const cell3 = (text) => text.replace(/\|/g, "\\|");
  return [
    `| ${headers.join(" | ")} |`,
    `| ${headers.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.map(cell3).join(" | ")} |`)
  ].join("\n");
}

// src/domain/dashboard/actions.ts
var ACTION_TAG = "orchestrator:dashboard-action";
var TICKED = new RegExp(`^\\s*[-*+] \\[[xX]\\] <!-- ${ACTION_TAG} (retry|approve) (\\d+) -->`, "gm");
function actionCheckbox(kind, item) {
  const verb = kind === "retry" ? "Retry" : "Approve for agents:";
  return `- [ ] <!-- ${ACTION_TAG} ${kind} ${item.number} --> ${verb} ${itemLabel(item.number, item.title)}`;
}
function tickedActions(body) {
  const seen = /* @__PURE__ */ new Set();
  const actions = [];
  for (const match of body.matchAll(TICKED)) {
    const key = `${match[1]} ${match[2]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    actions.push({ kind: match[1], item: Number(match[2]) });
  }
  return actions;
}
function actionCommand(action) {
  return action.kind === "retry" ? { kind: "retry", guidance: null } : { kind: "approve" };
}

// src/domain/dashboard/graph.ts
function nodeId(ref) {
  const local = /^#(\d+)$/.exec(ref);
  return local ? `i${local[1]}` : `x_${ref.replace(/[^A-Za-z0-9]/g, "_")}`;
}
function label(text) {
  return `"${escapeInline(text).replace(/"/g, "#quot;").replace(/[[\]]/g, " ")}"`;
}
function epicProgress(item) {
  const total = item.state.childStates.length;
  const done2 = item.state.childStates.filter((c) => c.state === "closed").length;
  return `${done2}/${total} done`;
}
var graphSection = {
  id: "graph",
  heading: "Dependencies and epics",
  render({ items }) {
    const byNumber = new Map(items.map((i) => [i.number, i]));
    const nodes = /* @__PURE__ */ new Map();
    const edges = [];
    const node = (ref, fallback) => {
      const id = nodeId(ref);
      if (nodes.has(id)) return id;
      const local = /^#(\d+)$/.exec(ref);
      const item = local ? byNumber.get(Number(local[1])) : void 0;
      const text = item ? `${ref} ${item.title} \xB7 ${item.state.children.length > 0 ? `epic ${epicProgress(item)}` : item.status ?? "untriaged"}` : `${ref} \xB7 ${fallback}`;
      nodes.set(id, `  ${id}[${label(text)}]`);
      return id;
    };
    for (const item of [...items].sort((a, b) => a.number - b.number)) {
      const self = `#${item.number}`;
      for (const dep of item.state.dependencies) {
        edges.push(`  ${node(dep.ref, dep.state === "closed" ? "done" : dep.status ?? "open")} --> ${node(self, "")}`);
      }
      for (const child of item.state.childStates) {
        edges.push(`  ${node(`#${child.number}`, child.state === "closed" ? "done" : "open")} -.-> ${node(self, "")}`);
      }
    }
    if (edges.length === 0) return "No open dependencies or epics.";
    return ["```mermaid", "graph LR", ...nodes.values(), ...edges, "```"].join("\n");
  }
};

// src/domain/dashboard/sections.ts
function byWsjf(a, b) {
  return (b.state.wsjf.score ?? -1) - (a.state.wsjf.score ?? -1) || a.number - b.number;
}
function statusText(item) {
  const status = item.status ?? "untriaged";
  return item.held ? `${status} (hold)` : status;
}
var backlogSection = {
  id: "backlog",
  heading: "Backlog by track (WSJF-ranked)",
  render({ items }) {
    if (items.length === 0) return "No open work items.";
    const counts = [...STATUSES, null].map((status) => ({ status, n: items.filter((i) => i.status === status).length })).filter((c) => c.n > 0).map((c) => `${c.n} ${c.status ?? "untriaged"}`);
    const tracks = TRACKS.map((track2) => {
      const rows = items.filter((i) => i.track === track2).sort(byWsjf).map((i, index) => [String(index + 1), itemLabel(i.number, i.title), statusText(i), i.state.wsjf.score?.toString() ?? "\u2014"]);
      return rows.length === 0 ? null : `**${track2}**

${table(["Rank", "Item", "Status", "WSJF"], rows, "")}`;
    });
    return [`By status: ${counts.join(" \xB7 ")}.`, ...tracks.filter((t) => t !== null)].join("\n\n");
  }
};
var workersSection = {
  id: "workers",
  heading: "Workers in flight",
  render({ items, now, config }) {
    const rows = items.filter((i) => i.status === "in-progress").sort((a, b) => a.number - b.number).map((i) => {
      const attempt = i.state.attempts.filter((a) => a.outcome === "dispatched").at(-1) ?? i.state.attempts.at(-1);
      if (!attempt) return [itemLabel(i.number, i.title), "\u2014", "\u2014", "not dispatched yet"];
      const run = attempt.runUrl ? `[run](${attempt.runUrl})` : "run not started yet";
      return [itemLabel(i.number, i.title), `${attempt.n} of ${config.worker.max_attempts} (${attempt.reason})`, formatElapsed(attempt.dispatchedAt, now), run];
    });
    return table(["Item", "Attempt", "Elapsed", "Run"], rows, "No workers in flight.");
  }
};
var QUEUED = ["merging", "approved", "in-review"];
var queueSection = {
  id: "queue",
  heading: "Merge queue",
  render({ items }) {
    const rank = (i) => [i.state.queue?.position ?? Number.MAX_SAFE_INTEGER, QUEUED.indexOf(i.status), i.number];
    const rows = items.filter((i) => i.status !== null && QUEUED.includes(i.status)).sort((a, b) => {
      const [x, y] = [rank(a), rank(b)];
      return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
    }).map((i) => [
      i.state.queue?.position?.toString() ?? "\u2014",
      itemLabel(i.number, i.title),
      i.state.pr ? `#${i.state.pr.number}` : "\u2014",
      statusText(i),
      escapeInline(i.state.queue?.reason ?? (i.status === "in-review" ? "in review: waiting for the verdict and an approval" : ""))
    ]);
    return table(["Position", "Item", "Pull request", "Status", "Reason"], rows, "The merge queue is empty.");
  }
};
var attentionSection = {
  id: "attention",
  heading: "Needs a person",
  render({ items }) {
    const sorted = [...items].sort((a, b) => a.number - b.number);
    const lines2 = [
      ...sorted.filter((i) => i.status === "blocked").map((i) => `${actionCheckbox("retry", i)} \u2014 blocked: ${escapeInline(i.state.blockedReason ?? "no reason recorded")}`),
      ...sorted.filter((i) => i.status === "needs-approval").map((i) => `${actionCheckbox("approve", i)} \u2014 opened by someone not trusted`),
      ...sorted.filter((i) => i.status === "needs-info").map((i) => `- ${itemLabel(i.number, i.title)} \u2014 needs ${i.state.missing.map(escapeInline).join("; ") || "information"}`)
    ];
    if (lines2.length === 0) return "Nothing is blocked or waiting for a person.";
    return ["Tick a box to act: it counts as that command on the item, with the same permissions as the comment.", "", ...lines2].join("\n");
  }
};
function breakerPolicy(config) {
  return { threshold: config.breaker.threshold, cooldownMs: config.breaker.cooldown_minutes * 6e4 };
}
var spendSection = {
  id: "spend",
  heading: "Spend",
  render({ items, now, config }) {
    const day = utcDay(Date.parse(now));
    const today = daySpendUsd(items.map((i) => i.state.attempts), day);
    const rows = [...items].sort((a, b) => a.number - b.number).filter((i) => i.state.attempts.length > 0).map((i) => {
      const spend = itemSpend(i.state.attempts);
      return [itemLabel(i.number, i.title), `$${spend.usd} of $${config.budget.per_item_usd}`, String(spend.tokens.input + spend.tokens.output), String(spend.minutes), String(spend.attempts)];
    });
    const head = `Today (${day} UTC): $${today} of $${config.budget.per_day_usd} (budget.per_day_usd), over the open items' attempts dispatched today.`;
    return `${head}

${table(["Item", "USD", "Tokens", "Minutes", "Attempts"], rows, "No attempts yet.")}`;
  }
};
var circuitBreakerSection = {
  id: "circuit-breaker",
  heading: "Circuit breaker",
  render({ items, config }) {
    const attempts = items.flatMap((i) => i.state.attempts);
    const agents = [.../* @__PURE__ */ new Set([config.agent.name, ...attempts.map((a) => a.agent).filter((a) => a !== void 0)])].sort();
    const policy = breakerPolicy(config);
    const rows = agents.map((agent) => [agent, escapeInline(describeBreaker(breakerFromAttempts(attempts, agent, policy), policy))]);
    const note = `Opens after ${policy.threshold} infrastructure failures in a row (breaker.threshold); one probe after ${config.breaker.cooldown_minutes} minutes (breaker.cooldown_minutes).`;
    return `${note}

${table(["Agent", "State"], rows, "")}`;
  }
};
var deadLetterSection = {
  id: "dead-letters",
  heading: "Dead letters",
  render({ items, config, repository }) {
    const lines2 = [...items].filter((i) => i.state.deadLetter !== void 0).sort((a, b) => a.number - b.number).map((i) => {
      const letter = i.state.deadLetter;
      const run = letter.evidence.url === void 0 ? "" : ` ([run](${letter.evidence.url}))`;
      return `- ${itemLabel(i.number, i.title)} \u2014 ${letter.reason}: ${escapeInline(letter.summary)}; last evidence: attempt ${letter.evidence.attempt}${run}`;
    });
    const search = repository === void 0 ? "" : `

Also [searchable by the \`${config.labels.dead_letter}\` label](${deadLetterSearchUrl(repository, config.labels.dead_letter)}).`;
    const intro = 'Revive one with `/retry` on the item (or its box under "Needs a person").\n\n';
    return `${lines2.length === 0 ? "No dead letters." : intro + lines2.join("\n")}${search}`;
  }
};

// src/domain/dashboard/render.ts
var DASHBOARD_MARKER = "<!-- orchestrator:dashboard -->";
var DEFAULT_SECTIONS = [
  attentionSection,
  workersSection,
  queueSection,
  backlogSection,
  graphSection,
  deadLetterSection,
  spendSection,
  circuitBreakerSection
];
function renderDashboard(input, sections = DEFAULT_SECTIONS) {
  const parts = [
    DASHBOARD_MARKER,
    "The whole repository at a glance, kept current by the orchestrator: edits here are overwritten, except ticking a box, which acts.",
    ...sections.map((section) => `## ${section.heading}

${section.render(input)}`)
  ];
  return `${parts.join("\n\n")}
`;
}

// src/app/dashboard.ts
var STATUS_READS_AT_ONCE = 4;
function isDashboard(issue) {
  return issue.author.type === "Bot" && issue.body.includes(DASHBOARD_MARKER);
}
async function ensureDashboard(session) {
  const { port, config } = session;
  if (!config.dashboard.enabled) return "disabled";
  const open = await port.listOpenIssues();
  const [dashboard, ...extra] = open.filter(isDashboard).sort((a, b) => a.number - b.number);
  const workItems = open.filter((issue) => !issue.isPullRequest && !isDashboard(issue) && !issue.labels.includes(config.labels.ignore));
  const reads = new PQueue({ concurrency: STATUS_READS_AT_ONCE });
  const loaded = await Promise.all(workItems.map((issue) => reads.add(() => loadItemFor(session, issue))));
  const items = loaded.map(({ issue, state }) => ({
    number: issue.number,
    title: issue.title,
    status: statusFromLabels(issue.labels, config),
    track: explicitTrack(issue.labels, config) ?? state.track ?? computedTrack(state.wsjf.score ?? null, state.wsjf.size, config),
    held: issue.labels.includes(config.labels.hold),
    state
  }));
  const body = renderDashboard({ items, now: session.now(), config, repository: `${port.repo.owner}/${port.repo.repo}` });
  for (const duplicate2 of extra) await port.closeIssue(duplicate2.number, "not_planned");
  if (!dashboard) {
    const created = await port.createIssue({ title: config.dashboard.title, body, labels: [config.labels.ignore] });
    session.log.info({ issue: created.number }, "dashboard issue created");
    return "created";
  }
  if (normalize2(dashboard.body) === normalize2(body)) return "unchanged";
  await port.updateIssueBody(dashboard.number, body);
  return "updated";
}
function normalize2(body) {
  return body.replace(/\r\n/g, "\n");
}
var SHOWN_WRITES = {
  applyLabels: (wrote) => wrote === true,
  upsertComment: (r, [, marker]) => shownComment(String(marker)) && (r.created || r.updated),
  closeIssue: () => true,
  reopenIssue: () => true,
  createIssue: () => true,
  updateIssueBody: () => true,
  dispatchWorkflow: () => true,
  cancelWorkflowRun: () => true,
  mergeIfHeadIs: () => true
};
function shownComment(marker) {
  return marker === STATUS_MARKER || marker.startsWith(DASHBOARD_REPLY_PREFIX);
}
function trackWrites(port, onWrite) {
  return new Proxy(port, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      const wrote = typeof name === "string" ? SHOWN_WRITES[name] : void 0;
      if (!wrote || typeof value !== "function") return value;
      return async (...args) => {
        const result = await value.apply(target, args);
        if (wrote(result, args)) onWrite();
        return result;
      };
    }
  });
}
async function withDashboard(session, handler) {
  if (!session.config.dashboard.enabled) return handler(session);
  let wrote = false;
  await handler({ ...session, port: trackWrites(session.port, () => wrote = true) });
  if (!wrote && !session.items.wrote) return;
  try {
    await ensureDashboard(session);
  } catch (error) {
    session.log.warn({ err: error }, "dashboard update failed; the next event that writes retries it");
  }
}
var DASHBOARD_REPLY_PREFIX = "<!-- orchestrator:reply dashboard-edit=";
function dashboardReplyMarker(key) {
  return `${DASHBOARD_REPLY_PREFIX}${key} -->`;
}
var ACTION_STATUS = { retry: "blocked", approve: "needs-approval" };
async function handleDashboardEdit(session, edit) {
  const actions = tickedActions(edit.body);
  if (actions.length === 0) return [];
  const effects = [];
  const { config, port } = session;
  const permission = await port.getPermission(edit.editor.login);
  const approverMatch = TRUSTED_PERMISSIONS.includes(permission) ? false : await isApprover(session, edit.editor.login);
  const notes = [];
  for (const action of actions) {
    const text = `\`${formatCommand(actionCommand(action))}\` on #${action.item}`;
    const item = await loadItem(session, action.item);
    if (!item || item.issue.state === "closed" || item.state.status !== ACTION_STATUS[action.kind]) {
      notes.push(`${text} was not applied: #${action.item} is ${item ? `now ${item.issue.state === "closed" ? "closed" : item.state.status}` : "not a work item"}, so the box no longer applies.`);
      continue;
    }
    const decision = authorizeCommand({
      command: actionCommand(action),
      actor: edit.editor,
      permission,
      approverMatch,
      isAppItself: false,
      target: "issue",
      issueAuthor: item.issue.author.login,
      requireIndependentApproval: config.review.require_independent_approval,
      approvers: config.trust.approvers
    });
    if (!decision.allowed) {
      if (!decision.silent) notes.push(`${text} was not accepted: ${decision.reason} Who may: ${decision.whoMay}. Nothing was changed, and the box was unticked.`);
      continue;
    }
    effects.push(...await act(session, edit, action));
  }
  if (notes.length === 0) return effects;
  const marker = dashboardReplyMarker(edit.key);
  if (await port.findComment(edit.number, marker)) return effects;
  await port.upsertComment(edit.number, marker, `${marker}
@${edit.editor.login} ${notes.join("\n\n")}`);
  return effects;
}
async function act(session, edit, action) {
  session.log.info({ issue: action.item, action: action.kind, by: edit.editor.login }, "dashboard box ticked");
  return handleCommandsFrom(session, {
    key: edit.key,
    actor: edit.editor,
    item: action.item,
    commands: [actionCommand(action)],
    marker: `<!-- orchestrator:reply dashboard=${edit.key} item=${action.item} -->`
  });
}

// src/app/pm-refine.ts
async function refineItem(session, number) {
  const { config } = session;
  if (config.pm.agent === null) return [];
  const item = await loadItem(session, number);
  if (!item || item.issue.state !== "open") return [];
  const { state } = item;
  if (!refineEligible({ enabled: true, status: state.status, track: state.track, trusted: state.trusted, refine: state.refine })) return [];
  const comments = await session.port.listComments(number);
  const answer = lastAnswer(comments, item.issue);
  const basis = refineBasis({ title: item.issue.title, body: item.issue.body }, answer?.id ?? null);
  const awaited = state.refine && !refineSettled(state.refine) ? state.refine.revision : null;
  const handoff = awaited === null ? null : handoffComment(session, comments, awaited);
  const decision = decideRefine({
    enabled: true,
    status: state.status,
    track: state.track,
    trusted: state.trusted,
    refine: state.refine,
    basis,
    handoff: handoff ? decodePmHandoffBlock(handoff.body) : null,
    autoAccept: state.track !== void 0 && config.pm.auto_accept.includes(state.track),
    now: session.now()
  });
  if (decision.state) await saveItem(session, item, { ...state, refine: decision.state });
  if (decision.questions) {
    const { revision, list } = decision.questions;
    await session.port.upsertComment(number, pmQuestionsMarker(revision), refineQuestionsComment(item.issue.author.login, revision, list));
  }
  const accepted = decision.state?.accepted !== void 0 && state.refine?.accepted === void 0;
  if (accepted) await retriage(session, number);
  session.log.info({ issue: number, revision: decision.state?.revision ?? state.refine?.revision, dispatch: decision.dispatch ?? null, questions: decision.questions?.list.length ?? 0 }, "refine step");
  return [...decision.dispatch !== void 0 ? pmRunEffects("refine", number, decision.dispatch) : [], ...accepted ? [{ kind: "schedule" }] : []];
}
function lastAnswer(comments, issue) {
  const author = issue.author.login.toLowerCase();
  const answers = comments.filter((c) => c.author.type !== "Bot" && c.author.login.toLowerCase() === author && isAnswerText(c.body));
  return answers.at(-1) ?? null;
}
function handoffComment(session, comments, revision) {
  const identities = workerIdentities(session.config.trust.worker_identities, session.ours.appSlug);
  const marker = pmHandoffMarker("refine", revision);
  return comments.find((c) => c.body.includes(marker) && isWorkerIdentity(c.author, identities)) ?? null;
}
async function handlePmRunCompleted(session, run) {
  if (run.status !== "completed" || !run.path.endsWith(`/${session.config.worker.workflow}`)) return false;
  const ids = parsePmRunTitle(run.displayTitle);
  if (!ids || ids.task !== "refine") return false;
  const item = await loadItem(session, ids.issue);
  if (!item?.state.refine || item.state.refine.revision !== ids.revision || refineSettled(item.state.refine)) return false;
  if (handoffComment(session, await session.port.listComments(ids.issue), ids.revision)) return false;
  const refine = refineRunFailed(item.state.refine, ids.revision, `the PM run ended ${run.conclusion ?? "without a conclusion"} without posting a handoff ([run](${run.htmlUrl}))`);
  if (!refine) return false;
  await saveItem(session, item, { ...item.state, refine });
  session.log.warn({ issue: ids.issue, revision: ids.revision, conclusion: run.conclusion }, "PM run ended without a handoff");
  return true;
}

// src/app/phases/record.ts
async function recordPhase(session, event) {
  const touched = touchedItem(session, event);
  const repaired = touched === null ? [] : await reconcileTouched(session, touched);
  return [...repaired, ...await recordEvent(session, event)];
}
function touchedItem(session, event) {
  if (event.kind === "issue" && !event.isPullRequest && ["edited", "reopened"].includes(event.action) && !session.ours.isBot(event.sender)) return event.number;
  if (event.kind === "comment" && event.action === "created" && !event.onPullRequest && !session.ours.isBot(event.comment.user) && event.comment.body.includes("/")) return event.number;
  return null;
}
async function reconcileTouched(session, number) {
  const issue = await session.port.getIssue(number);
  if (!issue || issue.state !== "open") return [];
  return reconcileItem(session, issue, () => session.port.listWorkflowRuns(session.config.worker.workflow));
}
async function recordEvent(session, event) {
  const { ours } = session;
  switch (event.kind) {
    case "issue": {
      if (event.isPullRequest) return [];
      const out = [...await guardIssueEvent(session, event)];
      if (isDashboardEdit(session, event)) {
        return [...out, ...await handleDashboardEdit(session, { number: event.number, body: event.body, editor: event.sender, key: event.updatedAt })];
      }
      const { labels } = session.config;
      const queueLabel = event.label === labels.hold || event.action === "labeled" && event.label === labels.status.approved;
      if (queueLabel && !ours.actor(event.sender)) out.push({ kind: "evaluate-queue" });
      if (event.action === "closed") {
        return [...out, { kind: "recover-landing", issue: event.number }, { kind: "dependents", issue: event.number, epics: false }, { kind: "schedule" }];
      }
      if (ours.isBot(event.sender) || !["opened", "edited", "labeled", "unlabeled", "reopened"].includes(event.action)) return out;
      out.push({ kind: "triage", issue: event.number });
      if (event.action === "reopened") out.push({ kind: "dependents", issue: event.number, epics: false, reopened: true });
      return [...out, { kind: "schedule" }];
    }
    case "relation":
      return ours.isBot(event.sender) ? [] : [{ kind: "triage", issue: event.number, openOnly: true }, { kind: "schedule" }];
    case "installation":
      return [{ kind: "triage-all" }, { kind: "schedule" }];
    case "comment":
      return recordComment(session, event);
    case "review-submitted": {
      if (event.action !== "submitted") return [];
      const out = ours.isBot(event.review.author) ? [] : await handleSubmittedReview(session, { ...event.review, prNumber: event.pr });
      return ours.actor(event.review.author) ? out : [...out, { kind: "evaluate-queue" }];
    }
    case "pull-request":
      return recordPullRequest(session, event);
    case "check": {
      if (event.action !== "completed") return [];
      if (event.prs.length === 0 && event.headBranch !== null && event.headBranch === await session.port.getDefaultBranch()) return [];
      const out = [];
      if (!ours.checkSuite({ appSlug: event.appSlug })) out.push({ kind: "review-head", sha: event.headSha, prs: event.prs });
      if (!ours.actor(event.sender) && await mayMoveQueue(session, event.prs)) out.push({ kind: "evaluate-queue" });
      return out;
    }
    case "push":
      return event.ref === `refs/heads/${event.defaultBranch}` && !ours.actor(event.sender) ? [{ kind: "evaluate-queue" }] : [];
    case "merge-group":
      return recordMergeGroup(session, event);
    case "deployment": {
      if (event.state !== "success" || session.config.verify.command === void 0 || session.config.verify.on !== "deployment") return [];
      for (const number of await itemsOfDeployedCommit(session, event.sha)) await verifyLanded(session, number, "deployment", event.sha);
      return [];
    }
    case "workflow-run": {
      const out = await handleWorkflowRun(session, event.run);
      if (event.action === "completed") await handlePmRunCompleted(session, event.run);
      const pmRun = event.action === "completed" ? parsePmRunTitle(event.run.displayTitle) : null;
      if (pmRun?.task === "plan") out.push({ kind: "plan", issue: pmRun.issue, runEnded: { revision: pmRun.revision, conclusion: event.run.conclusion, url: event.run.htmlUrl } });
      if (event.action === "completed" && parseReviewRunTitle(event.run.displayTitle)) {
        const pr = await handleReviewerRunCompleted(session, event.run);
        if (pr !== null) out.push({ kind: "review", pr });
      }
      if (event.action === "completed") out.push(...await handleVerifyRunCompleted(session, event.run));
      return out;
    }
  }
}
async function guardIssueEvent(session, event) {
  if (session.ours.actor(event.sender)) return [];
  if ((event.action === "labeled" || event.action === "unlabeled") && event.label !== null) {
    const reverted = await guardStatusLabel(session, { number: event.number, label: event.label, action: event.action, sender: event.sender }, session.ours.appSlug);
    return reverted ? [{ kind: "schedule" }] : [];
  }
  if (event.action === "edited" && event.changes) {
    const result = await guardApprovedText(session, { number: event.number, editor: event.sender, ...event.changes }, session.ours.appSlug);
    return result === "voided" ? [{ kind: "schedule" }] : [];
  }
  return [];
}
function isDashboardEdit(session, event) {
  return event.action === "edited" && !session.ours.isBot(event.sender) && session.ours.isBot(event.author) && event.body.includes(DASHBOARD_MARKER);
}
async function recordComment(session, event) {
  if (event.action !== "created") return [];
  const { comment } = event;
  if (session.ours.isBot(comment.user)) {
    if (!event.onPullRequest && comment.body.includes(REPORT_TAG_TEXT)) {
      const snapshot = { id: comment.id, body: comment.body, author: comment.user, createdAt: comment.created_at, updatedAt: comment.updated_at, htmlUrl: comment.html_url };
      return [...await handleWorkerReport(session, event.number, snapshot), { kind: "review-item", issue: event.number }];
    }
    if (!event.onPullRequest && comment.body.includes(VERIFY_RUN_TAG)) {
      const snapshot = { id: comment.id, body: comment.body, author: comment.user, createdAt: comment.created_at, updatedAt: comment.updated_at, htmlUrl: comment.html_url };
      return handleVerifyRunComment(session, event.number, snapshot);
    }
    if (!event.onPullRequest && comment.body.includes(`${PM_HANDOFF_TAG_TEXT}task=plan `)) return [{ kind: "plan", issue: event.number }];
    if (event.onPullRequest && comment.body.includes(REVIEWER_VERDICT_TAG)) return [{ kind: "review", pr: event.number }];
    if (!event.onPullRequest && comment.body.includes(`${PM_HANDOFF_TAG_TEXT}task=refine `) && session.config.pm.agent !== null) return refineItem(session, event.number);
    return [];
  }
  const answer = session.config.pm.agent !== null && !event.onPullRequest && sameLogin(comment.user.login, event.issueAuthor.login) && isAnswerText(comment.body);
  if (answer) return refineItem(session, event.number);
  if (!comment.body.includes("/")) return [];
  return handleCommandComment(
    session,
    { id: comment.id, body: comment.body, author: comment.user, number: event.number, onPullRequest: event.onPullRequest }
  );
}
async function recordPullRequest(session, event) {
  const ours = session.ours.actor(event.sender);
  switch (event.action) {
    case "synchronize": {
      const move = { prNumber: event.number, before: event.before ?? "", after: event.after ?? event.headSha };
      const update = await recordQueueUpdate(session, { ...move, ours });
      await handlePullRequestPush(session, { ...move, sender: event.sender });
      const stacked = await updateStackedDependents(session, move);
      if (update?.kind === "own" && update.awaitChecks) return stacked;
      return [...stacked, { kind: "review", pr: event.number }, { kind: "evaluate-queue" }];
    }
    case "reopened":
      return ours ? [{ kind: "review", pr: event.number }] : [{ kind: "review", pr: event.number }, { kind: "evaluate-queue" }];
    case "labeled":
    case "unlabeled":
    case "closed":
      return ours ? [] : [{ kind: "evaluate-queue" }];
    case "enqueued":
      return ours ? [] : [{ kind: "evaluate-queue" }];
    case "dequeued":
      return recordDequeued(session, event);
    default:
      return [];
  }
}
async function mayMoveQueue(session, prs) {
  if (prs.length === 0) return true;
  for (const pr of prs) {
    const state = await workerBranchState(session, pr.headRef);
    if (!state || state.approval !== void 0 && state.merged === void 0) return true;
  }
  return false;
}

// src/app/phases/review.ts
async function reviewPhase(session, inbox) {
  const numbers = [];
  let openPulls = null;
  for (const effect of inbox) {
    if (effect.kind === "review") numbers.push(effect.pr);
    if (effect.kind === "review-item") {
      const item = await loadItem(session, effect.issue);
      if (item?.state.pr) numbers.push(item.state.pr.number);
    }
    if (effect.kind === "review-head") {
      if (effect.prs.length > 0) {
        for (const pr of effect.prs) if (await mayRecord(session, pr)) numbers.push(pr.number);
      } else {
        openPulls ??= await session.port.listOpenPullRequests();
        numbers.push(...openPulls.filter((p) => p.headSha === effect.sha).map((p) => p.number));
      }
    }
  }
  const out = [];
  for (const number of new Set(numbers)) {
    const run = await reviewPullRequestNumber(session, number);
    if (run?.sendBack) out.push({ kind: "dispatch", issue: run.issue, reason: "review" });
  }
  return out;
}
async function mayRecord(session, pr) {
  const state = await workerBranchState(session, pr.headRef);
  return state === void 0 || state?.pr?.number === pr.number && state.merged === void 0;
}

// src/app/phases/schedule.ts
var RETRYABLE = /* @__PURE__ */ new Set(["ready", "in-review", "approved"]);
async function schedulePhase(session, inbox) {
  const seen = /* @__PURE__ */ new Set();
  for (const effect of inbox) {
    if (effect.kind !== "dispatch" || seen.has(effect.issue)) continue;
    seen.add(effect.issue);
    const item = await loadItem(session, effect.issue);
    if (!item) continue;
    if (effect.when === "retryable" && !RETRYABLE.has(item.state.status)) {
      session.log.info({ issue: effect.issue, status: item.state.status }, "retry recorded; the scheduler dispatches when the item is ready");
      continue;
    }
    await dispatchItem(session, item.issue, effect.reason);
  }
  if (inbox.some((e) => e.kind === "schedule")) await scheduleDispatch(session);
  return [];
}

// src/domain/pm/plan-child.ts
var DEFAULT_INPUT = 3;
function criterionLine(c) {
  return `Given ${c.given} When ${c.when} Then ${c.then}`.replace(/\s+/g, " ");
}
function renderChildText(epic, child, dependsOn, wsjf2) {
  const inherited = (v) => v ?? DEFAULT_INPUT;
  const defaulted = ["value", "urgency", "risk"].filter((k) => wsjf2[k] === void 0);
  const section = (heading, text) => [`### ${heading}`, "", text, ""];
  const lines2 = [
    planChildMarker(epic, child.key),
    `Part of #${epic}: planned by the PM agent (plan key \`${child.key}\`). Re-planning the epic updates this text.`,
    "",
    ...section(FORM_FIELD_LABELS.goal, oneParagraph(child.story)),
    ...section(FORM_FIELD_LABELS.acceptance_criteria, child.acceptance_criteria.map(criterionLine).join("\n")),
    ...child.scope.length > 0 ? section(FORM_FIELD_LABELS.scope, child.scope.join("\n")) : [],
    ...dependsOn.length > 0 ? section(FORM_FIELD_LABELS.depends_on, `Depends on ${[...dependsOn].sort((a, b) => a - b).map((n) => `#${n}`).join(", ")}`) : [],
    ...section(FORM_FIELD_LABELS.business_value, String(inherited(wsjf2.value))),
    ...section(FORM_FIELD_LABELS.time_criticality, String(inherited(wsjf2.urgency))),
    ...section(FORM_FIELD_LABELS.risk_reduction, String(inherited(wsjf2.risk))),
    ...section(FORM_FIELD_LABELS.job_size, child.size)
  ];
  if (defaulted.length > 0) lines2.push(`_The epic gives no ${defaulted.join(", ")}: ${DEFAULT_INPUT} (the middle of the scale) was used; a label on this issue overrides it._`);
  return { title: child.title, body: lines2.join("\n").trimEnd() };
}
function oneParagraph(text) {
  return text.split(/\r?\n/).map((l) => l.replace(/^\s*#+\s*/, "").trimEnd()).join("\n").replace(/\n{3,}/g, "\n\n").trim();
}

// src/domain/pm/plan-reconcile.ts
function childAction(desired, existing) {
  if (!existing) return { kind: "create" };
  if (existing.state === "closed") return { kind: "closed", number: existing.number };
  const same = normalize3(existing.body) === normalize3(desired.body);
  return same ? { kind: "unchanged", number: existing.number } : { kind: "update", number: existing.number };
}
function droppedChildren(planKeys, existing) {
  const keys = new Set(planKeys);
  return existing.filter((c) => !keys.has(c.key)).sort((a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}
function childrenByKey(...sources) {
  const out = /* @__PURE__ */ new Map();
  for (const source of sources) {
    for (const child of [...source].sort((a, b) => a.number - b.number)) if (!out.has(child.key)) out.set(child.key, child);
  }
  return out;
}
function normalize3(body) {
  return body.replace(/\r\n?/g, "\n").trim();
}
function nextPlanStep(input) {
  if (!input.agent) return { kind: "none", reason: "no PM agent is configured (pm.agent)" };
  if (!input.open) return { kind: "none", reason: "the epic is closed" };
  if (input.track !== "project") return { kind: "none", reason: "only project items are planned" };
  if (!input.trusted) return { kind: "none", reason: "the epic is not trusted: its text is not given to the PM agent" };
  const { plan } = input;
  if (!plan) return input.hasChildren ? { kind: "none", reason: "the epic has children already" } : { kind: "request", revision: 1 };
  if (plan.replanRequested || plan.textDigest !== input.textDigest) return { kind: "request", revision: plan.revision + 1 };
  if (plan.outcome === "requested") return { kind: "read-handoff", revision: plan.revision };
  if (plan.outcome === "ready" && (!input.gate || plan.approval?.revision === plan.revision)) return { kind: "create", revision: plan.revision };
  return { kind: "none", reason: plan.outcome === "ready" ? "the plan waits for `/approve plan`" : `the plan is ${plan.outcome}` };
}

// src/domain/pm/plan-validate.ts
var MAX_SUB_ISSUES = 100;
var MAX_BLOCKED_BY = 50;
var MAX_SHOWN_PLAN = 3e4;
function validatePlan(raw, otherSubIssues = 0) {
  const parsed = planHandoffSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`) };
  }
  const plan = parsed.data;
  const problems = [];
  const keys = /* @__PURE__ */ new Set();
  for (const child of plan.children) {
    if (keys.has(child.key)) problems.push(`the key \`${child.key}\` is used by more than one child`);
    keys.add(child.key);
  }
  for (const child of plan.children) {
    for (const dep of child.depends_on) {
      if (dep === child.key) problems.push(`child \`${child.key}\` depends on itself`);
      else if (!keys.has(dep)) problems.push(`child \`${child.key}\` depends on \`${dep}\`, which is not a key of this plan`);
    }
    if (new Set(child.depends_on).size > MAX_BLOCKED_BY) problems.push(`child \`${child.key}\` depends on more than ${MAX_BLOCKED_BY} children (GitHub allows ${MAX_BLOCKED_BY} blocked-by links per issue)`);
  }
  const total = plan.children.length + otherSubIssues;
  if (total > MAX_SUB_ISSUES) {
    problems.push(`the plan has ${plan.children.length} children and the epic ${otherSubIssues} other sub-issues: GitHub allows ${MAX_SUB_ISSUES} sub-issues per issue`);
  }
  const edges = plan.children.flatMap((c) => c.depends_on.filter((d) => d !== c.key && keys.has(d)).map((to2) => ({ from: c.key, to: to2 })));
  for (const cycle of findCycles(edges)) problems.push(`the dependencies form a cycle: ${formatCycle(cycle)}`);
  const shown = storedSize(planItems(plan));
  if (shown > MAX_SHOWN_PLAN) problems.push(`the plan is too large to show in the status comment (${shown} characters of titles, scopes and dependencies; at most ${MAX_SHOWN_PLAN}): use fewer or shorter children`);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { plan, order: dependencyOrder(plan.children) } };
}
function storedSize(value) {
  const json = JSON.stringify(value);
  return json.length + 5 * (json.split("-").length - 1);
}
function dependencyOrder(children) {
  const placed = /* @__PURE__ */ new Set();
  const order = [];
  let progress = true;
  while (progress) {
    progress = false;
    for (const child of children) {
      if (placed.has(child.key) || !child.depends_on.every((d) => placed.has(d) || d === child.key)) continue;
      placed.add(child.key);
      order.push(child.key);
      progress = true;
      break;
    }
  }
  return order;
}

// src/app/pm-plan-dispatch.ts
async function dispatchPlanRun(session, epic, revision) {
  const sent = await sendPmRun(session, "plan", epic.issue.number, revision, epic);
  return sent.kind === "refused" ? sent.failure : null;
}

// src/app/pm-plan.ts
async function advancePlan(session, number, ended = []) {
  if (session.config.pm.agent === null) return [];
  let item = await loadItem(session, number);
  for (let round = 0; item && round < 2; round += 1) {
    const step = nextPlanStep({
      plan: item.state.plan,
      agent: true,
      gate: session.config.pm.plan_gate,
      open: item.issue.state === "open",
      track: item.state.track,
      trusted: item.state.trusted,
      hasChildren: item.state.children.length > 0,
      textDigest: approvalDigest({ title: item.issue.title, body: item.issue.body })
    });
    switch (step.kind) {
      case "none":
        return [];
      case "request":
        await requestPlan(session, item, step.revision);
        return [];
      case "read-handoff": {
        const read = await readHandoff(session, item, step.revision, ended.find((e) => e.revision === step.revision));
        if (!read) return [];
        item = read;
        break;
      }
      case "create": {
        const valid = await handoffPlan(session, item, step.revision);
        if (valid.ok === true) return createChildren(session, item, valid.value);
        const problem = valid.ok === "absent" ? `the handoff comment of revision ${step.revision} is gone` : valid.problem;
        await saveItem(session, item, { ...item.state, plan: { ...item.state.plan, outcome: "invalid", problem } });
        return [];
      }
    }
  }
  return [];
}
async function requestPlan(session, item, revision) {
  const previous = item.state.plan;
  const plan = {
    revision,
    requestedAt: session.now(),
    textDigest: approvalDigest({ title: item.issue.title, body: item.issue.body }),
    outcome: "requested",
    items: previous?.items ?? [],
    replanRequested: false,
    children: previous?.children ?? [],
    dropped: previous?.dropped ?? [],
    ...previous?.approval ? { approval: previous.approval } : {}
  };
  const saved = await saveItem(session, item, { ...item.state, plan });
  const failure = await dispatchPlanRun(session, saved, revision);
  if (failure !== null) await saveItem(session, saved, { ...saved.state, plan: { ...plan, outcome: "invalid", problem: failure } });
}
async function handoffPlan(session, item, revision) {
  const number = item.issue.number;
  const comment = await session.port.findComment(number, pmHandoffMarker("plan", revision));
  if (!comment) return { ok: "absent" };
  if (!isWorkerIdentity(comment.author, workerIdentities(session.config.trust.worker_identities, session.ours.appSlug))) {
    session.log.warn({ issue: number, author: comment.author.login }, "plan handoff from an account that is not a worker identity ignored");
    return { ok: "absent" };
  }
  const decoded = decodePmHandoffBlock(comment.body);
  if (decoded.kind === "absent") return { ok: false, problem: "the PM run's comment carries no handoff block" };
  if (decoded.kind === "invalid") return { ok: false, problem: decoded.reason };
  const block = decoded.value;
  if (block.task !== "plan" || block.issue !== number || block.revision !== revision) {
    return { ok: false, problem: `the handoff block is for ${block.task} #${block.issue} revision ${block.revision}, not plan #${number} revision ${revision}` };
  }
  if (block.problem !== void 0) return { ok: false, problem: `the PM run reported: ${block.problem}` };
  const recorded = new Set((item.state.plan?.children ?? []).map((c) => c.number));
  const others = item.state.children.filter((n) => !recorded.has(n)).length;
  const validation = validatePlan(block.handoff, others);
  return validation.ok ? validation : { ok: false, problem: validation.problems.join("; ") };
}
async function readHandoff(session, item, revision, ended) {
  const found = await handoffPlan(session, item, revision);
  const plan = item.state.plan;
  const read = found.ok === "absent" && ended ? { ok: false, problem: `the plan run ended (${ended.conclusion ?? "no conclusion"}, ${ended.url}) without posting a handoff` } : found;
  if (read.ok === "absent") {
    await dispatchPlanRun(session, item, revision);
    return null;
  }
  if (!read.ok) {
    session.log.warn({ issue: item.issue.number, revision, problem: read.problem }, "plan handoff refused");
    await saveItem(session, item, { ...item.state, plan: { ...plan, outcome: "invalid", problem: read.problem } });
    return null;
  }
  const { problem: _old, ...rest } = plan;
  const summary = read.value.plan.summary.slice(0, 1e3);
  return saveItem(session, item, { ...item.state, plan: { ...rest, outcome: "ready", summary, items: planItems(read.value.plan) } });
}
async function createChildren(session, epic, valid) {
  const { port, config } = session;
  const number = epic.issue.number;
  const plan = epic.state.plan;
  const existing = await existingChildren(session, number, plan);
  const subIssues = new Set((await port.listSubIssues(number)).map((s) => s.number));
  const parsed = parseIssue({ title: epic.issue.title, body: epic.issue.body, labels: epic.issue.labels }, config);
  const by = plan.approval?.revision === plan.revision ? plan.approval.by : epic.state.itemApproval?.by ?? epic.issue.author.login;
  const numbers = /* @__PURE__ */ new Map();
  const refused2 = [];
  for (const key of valid.order) {
    const child = valid.plan.children.find((c) => c.key === key);
    const deps = child.depends_on.map((d) => numbers.get(d)).filter((n) => n !== void 0);
    const text = renderChildText(number, child, deps, parsed.wsjf);
    const action = childAction(text, existing.get(key));
    let issue;
    if (action.kind === "create") issue = await port.createIssue({ ...text, labels: [config.labels.tracks.standard], marker: planChildMarker(number, key) });
    else {
      if (action.kind === "update") await port.updateIssueBody(action.number, text.body);
      issue = action.kind === "closed" ? null : await port.getIssue(action.number);
    }
    numbers.set(key, action.kind === "create" ? issue.number : action.number);
    if (!issue) continue;
    if (!subIssues.has(issue.number)) {
      const linked = await port.addSubIssue(number, issue.number);
      if (!linked.ok) refused2.push(`#${issue.number} as a sub-issue (${linked.message})`);
    }
    const blockedBy = action.kind === "create" ? /* @__PURE__ */ new Set() : new Set((await port.listBlockedBy(issue.number)).map((l) => l.number));
    for (const dep of deps) {
      if (blockedBy.has(dep)) continue;
      const linked = await port.addBlockedBy(issue.number, dep);
      if (!linked.ok) refused2.push(`#${issue.number} blocked by #${dep} (${linked.message})`);
    }
    await trustChild(session, issue, by);
  }
  const dropped = droppedChildren(valid.order, [...existing.values()]);
  const { problem: _old, ...rest } = plan;
  const children = [...numbers].map(([key, n]) => ({ key, number: n }));
  for (const d of dropped) children.push({ key: d.key, number: d.number });
  const next = {
    ...rest,
    outcome: "created",
    children,
    dropped: dropped.map((d) => d.key),
    ...refused2.length > 0 ? { problem: `GitHub refused these links: ${refused2.join("; ")}` } : {}
  };
  await saveItem(session, epic, { ...epic.state, plan: next });
  session.log.info({ epic: number, revision: plan.revision, children: Object.fromEntries(numbers), dropped: next.dropped }, "plan children created");
  await retriage(session, number);
  return [{ kind: "schedule" }];
}
async function existingChildren(session, epic, plan) {
  const open = await session.port.listOpenIssues();
  const marked = [];
  const openNumbers = /* @__PURE__ */ new Set();
  for (const issue of open) {
    openNumbers.add(issue.number);
    const marker = parsePlanChildMarker(issue.body);
    if (marker?.epic === epic) marked.push({ key: marker.key, number: issue.number, state: "open", title: issue.title, body: issue.body });
  }
  const recorded = plan.children.filter((c) => !openNumbers.has(c.number)).map((c) => ({ ...c, state: "closed", title: "", body: "" }));
  return childrenByKey(marked, recorded);
}
async function trustChild(session, issue, by) {
  const item = await loadItemFor(session, issue);
  const text = { title: issue.title, body: issue.body };
  const trusted = approvalCovers(item.state.itemApproval, text) ? item : await saveItem(session, item, { ...item.state, trusted: true, itemApproval: { by, at: session.now(), ...bindApproval(text) } });
  await triageIssue(session, trusted.issue);
}

// src/app/phases/triage.ts
async function triagePhase(session, inbox) {
  if (inbox.some((e) => e.kind === "triage-all")) {
    await session.port.ensureLabels(labelCatalog(session.config));
    for (const issue of await session.port.listOpenIssues()) await triageIssue(session, issue);
    return [{ kind: "schedule" }];
  }
  const requests = inbox.flatMap((e) => e.kind === "triage" ? [e] : []);
  const numbers = [...new Set(requests.map((e) => e.issue))];
  const done2 = /* @__PURE__ */ new Set();
  const out = [];
  for (const number of numbers) {
    if (done2.has(number)) continue;
    done2.add(number);
    const openOnly = requests.every((e) => e.issue !== number || e.openOnly === true);
    const result = await retriage(session, number, { openOnly });
    if (result?.status === "needs-info" && session.config.pm.agent !== null) out.push(...await refineItem(session, number));
    for (const peer of result?.cyclePeers ?? []) {
      if (done2.has(peer)) continue;
      done2.add(peer);
      await retriage(session, peer);
    }
  }
  if (numbers.length > 0) out.push({ kind: "schedule" });
  if (session.config.pm.agent !== null) {
    const plans = inbox.flatMap((e) => e.kind === "plan" ? [e] : []);
    const epics = /* @__PURE__ */ new Set([...done2, ...plans.map((e) => e.issue)]);
    for (const number of epics) {
      const ended = plans.flatMap((e) => e.issue === number && e.runEnded ? [e.runEnded] : []);
      out.push(...await advancePlan(session, number, ended));
    }
  }
  return out;
}

// src/domain/config-check.ts
var CONFIG_CHECK_NAME = "orchestrator/config";
function configProblemCheck(headSha, markdown) {
  return {
    name: CONFIG_CHECK_NAME,
    headSha,
    status: "completed",
    conclusion: "failure",
    title: "Invalid .github/orchestrator.yml",
    summary: markdown
  };
}

// src/github/work-item-reads.ts
var KEEPS_VIEW = /* @__PURE__ */ new Set([
  "addReaction",
  "cancelWorkflowRun",
  "dequeueFromMergeQueue",
  "dispatchWorkflow",
  "enqueueInMergeQueue",
  "ensureLabels",
  "ensureReview",
  "fastForwardBranch",
  "mergeIfHeadIs",
  "mergeIntoBranch",
  "openOrUpdatePullRequest",
  "publish",
  "setBranch",
  "updateBranch",
  "upsertCheckRun"
]);
var MOVES_PULLS = /* @__PURE__ */ new Set([
  "dequeueFromMergeQueue",
  "enqueueInMergeQueue",
  "fastForwardBranch",
  "mergeIfHeadIs",
  "mergeIntoBranch",
  "openOrUpdatePullRequest",
  "setBranch",
  "updateBranch"
]);
var WRITTEN_NOW = "written by this pass";
function relabelled(labels, change) {
  return [...labels, ...change.add.filter((l) => !labels.includes(l))].filter((l) => !change.remove.includes(l));
}
function workItemReads(port, labels, options = {}) {
  let view = null;
  function take(thread) {
    const since = options.since?.() ?? null;
    const request = { ...thread !== void 0 ? { thread } : {}, labels, ...since !== null ? { updatedSince: since } : {}, ...options.compareWith !== void 0 ? { compareWith: options.compareWith } : {} };
    const read = port.readWorkItems(request).then((r) => {
      const issues = /* @__PURE__ */ new Map();
      const missing = /* @__PURE__ */ new Set();
      const complete = /* @__PURE__ */ new Set();
      for (const [label2, listed] of Object.entries(r.lists)) {
        if (listed === null) continue;
        complete.add(label2);
        for (const issue of listed) issues.set(issue.number, issue);
      }
      let recent = null;
      if (r.updatedSince) {
        recent = /* @__PURE__ */ new Map();
        for (const { issue, updatedAt } of r.updatedSince) {
          recent.set(issue.number, updatedAt);
          if (!issues.has(issue.number)) issues.set(issue.number, issue);
        }
      }
      if (r.thread && !r.thread.isPullRequest) issues.set(r.thread.number, r.thread);
      else if (thread !== void 0 && r.thread === null) missing.add(thread);
      const pulls = new Map((r.pulls ?? []).map((pr) => [pr.number, pr]));
      return { issues, missing, complete, since, recent, pulls, branch: r.defaultBranch ?? null, comparison: r.comparison ?? null };
    });
    view = read;
    read.catch(() => {
      if (view === read) view = null;
    });
    return read;
  }
  const current = (thread) => (view ?? take(thread ?? options.thread)).catch(() => null);
  const copy = (issue) => ({ ...issue, labels: [...issue.labels] });
  const asListed = (issues) => [...issues].filter((i) => i.state === "open" && !i.isPullRequest).sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.number - a.number).map(copy);
  const heldAfter = async (number) => {
    const held = view ? await view.catch(() => null) : null;
    const known = held?.issues.get(number);
    if (!known) view = null;
    else held.recent?.set(number, WRITTEN_NOW);
    return known;
  };
  const recentSince = async (since) => {
    const held = await current();
    if (!held?.recent || held.since === null || Date.parse(since) < Date.parse(held.since)) return null;
    return asListed([...held.recent].filter(([, at]) => at === WRITTEN_NOW || Date.parse(at) >= Date.parse(since)).map(([number]) => held.issues.get(number)));
  };
  const written = (write) => write.catch((error) => {
    view = null;
    throw error;
  });
  const wrapped = { ...port };
  for (const [name, value] of Object.entries(port)) {
    const method = name;
    if (typeof value !== "function" || isPortRead(method) || KEEPS_VIEW.has(method) && !MOVES_PULLS.has(method)) continue;
    const keeps = KEEPS_VIEW.has(method);
    wrapped[name] = async (...args) => {
      if (!keeps) view = null;
      else {
        const held = await (view ?? Promise.resolve(null)).catch(() => null);
        held?.pulls.clear();
        if (held) {
          held.branch = null;
          held.comparison = null;
        }
      }
      return value.apply(port, args);
    };
  }
  const reads = {
    // A pull request read with the view (the thread, or one closing the thread issue) is answered
    // from it until a write that may move it; the pass's first read of a pull request takes the
    // view with it as the thread. Others are read by REST, as always.
    async getPullRequest(number) {
      const held = await current(number);
      const known = held?.pulls.get(number);
      return known ? { ...known, labels: [...known.labels] } : port.getPullRequest(number);
    },
    // The event's pull request compared with the default branch, read with the view, until a
    // write that may move either: the comparison of those two heads.
    async compareCommits(base2, head) {
      const held = await current();
      const known = held?.comparison;
      return known && known.base === base2 && known.head === head ? { ...known.result } : port.compareCommits(base2, head);
    },
    // The default branch's head read with the view, until a write that may move it.
    async getBranchSha(branch) {
      const held = await current();
      return held?.branch?.name === branch ? held.branch.sha : port.getBranchSha(branch);
    },
    async getIssue(number) {
      const held = await current(number);
      if (held?.missing.has(number)) return null;
      const known = held?.issues.get(number);
      return known ? copy(known) : port.getIssue(number);
    },
    async listOpenIssues(filter, options2) {
      if ((filter ?? []).length === 0 && options2?.since !== void 0) return await recentSince(options2.since) ?? port.listOpenIssues(filter, options2);
      const label2 = filter?.length === 1 && options2?.since === void 0 ? filter[0] : null;
      if (label2 === null || !labels.includes(label2)) return port.listOpenIssues(filter, options2);
      const held = await current();
      if (!held?.complete.has(label2)) return port.listOpenIssues(filter, options2);
      return asListed([...held.issues.values()].filter((i) => i.labels.includes(label2)));
    },
    async editItem(issue, edit, catalog, then) {
      const done2 = await written(port.editItem(issue, edit, catalog, then));
      const known = await heldAfter(issue.number);
      if (known) known.labels = relabelled(issue.labels, edit);
      return done2;
    },
    async createItemComment(issue, marker, body, change, catalog) {
      const done2 = await written(port.createItemComment(issue, marker, body, change, catalog));
      const known = await heldAfter(issue.number);
      if (known) {
        known.labels = relabelled(issue.labels, change);
        delete known.comments;
      }
      return done2;
    }
  };
  return { ...wrapped, ...reads };
}

// src/app/session.ts
async function openSession(source, target, options = {}) {
  const { repo, log } = source;
  const port = passReads(createOctokitPort(source.octokit, repo, options.appSlug ? { appSlug: options.appSlug } : {}), source.defaultBranch ? { defaultBranch: source.defaultBranch } : {});
  const headSha = await knownHead(port, headKey(source.octokit, repo), source.defaultBranchHead, Date.now());
  const result = await loadConfigAt(source, `${repo.owner}/${repo.repo}`, headSha);
  if (!result.ok) {
    log.warn({ repo, problems: result.problems }, "invalid orchestrator configuration");
    await reportConfigProblems(port, target, renderConfigProblems(result.problems));
    return null;
  }
  const catalog = labelCatalog(result.config);
  const now = options.now ?? (() => (/* @__PURE__ */ new Date()).toISOString());
  const config = result.config;
  const since = () => gateWindowStart(Date.parse(now()), config.breaker.cooldown_minutes);
  const viewOptions = { since, ...source.thread !== void 0 ? { thread: source.thread } : {}, ...source.defaultBranch !== void 0 ? { compareWith: source.defaultBranch } : {} };
  const items = itemWrites(workItemReads(port, listedLabels(config), viewOptions), catalog, now);
  return { port: items.port, items, config: result.config, catalog, log, ours: ownership(options.appSlug), now };
}
function listedLabels(config) {
  const statuses = ["ready", "in-progress", "waiting", "in-review", "approved", "merging"];
  return [...statuses.map((s) => statusLabel(s, config)), config.labels.tracks.project];
}
var HEAD_TTL_MS = 5 * 6e4;
var HEADS_LIMIT = 1e3;
var heads = /* @__PURE__ */ new Map();
function headKey(octokit, repo) {
  return `${String(octokit.request.endpoint.DEFAULTS.baseUrl ?? "")} ${repo.owner}/${repo.repo}`.toLowerCase();
}
function rememberPushedHead(octokit, repo, sha, now = Date.now()) {
  remember(headKey(octokit, repo), sha, now);
}
function remember(key, sha, now) {
  heads.delete(key);
  heads.set(key, { sha, at: now });
  if (heads.size > HEADS_LIMIT) heads.delete(heads.keys().next().value);
}
async function knownHead(port, repoKey2, pushed, now) {
  const remembered2 = heads.get(repoKey2);
  let sha;
  if (pushed !== void 0) sha = pushed;
  else if (remembered2 && now - remembered2.at < HEAD_TTL_MS) return remembered2.sha;
  else sha = await defaultBranchHead(port);
  if (sha === null) heads.delete(repoKey2);
  else remember(repoKey2, sha, now);
  return sha;
}
async function reportConfigProblems(port, target, markdown) {
  if (target.kind === "issue") {
    await port.upsertComment(target.number, CONFIG_ERROR_MARKER, `${CONFIG_ERROR_MARKER}
${markdown}`);
    return;
  }
  const sha = target.kind === "commit" ? target.sha : target.kind === "default-branch" ? await defaultBranchHead(port) : null;
  if (sha) {
    await port.upsertCheckRun(configProblemCheck(sha, markdown));
  }
}
async function defaultBranchHead(port) {
  return port.getBranchSha(await port.getDefaultBranch());
}

// src/app/route.ts
var STALE_ITEM_RERUNS = 2;
async function inRepository(source, target, options, handler, echo = () => false) {
  const { owner, repo } = source.repo;
  await withRepoLock(`${owner}/${repo}`.toLowerCase(), async () => {
    if (echo()) return;
    for (let rerun = 0; ; rerun++) {
      const session = await openSession(source, target, options);
      if (!session) return;
      try {
        await withDashboard(session, async (s) => {
          await handler(s);
          await s.items.finish();
        });
        rememberEchoes(session);
        return;
      } catch (error) {
        if (!(error instanceof StaleItemError) || rerun >= STALE_ITEM_RERUNS) throw error;
        session.log.info({ issue: error.issue, rerun: rerun + 1 }, "work item changed by another writer during the pass; running the pass again");
      }
    }
  });
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

// src/app/pipeline.ts
var RUNNERS = {
  record: async (session, _inbox, event) => event ? recordPhase(session, event) : [],
  triage: (session, inbox) => triagePhase(session, inbox),
  review: (session, inbox) => reviewPhase(session, inbox),
  queue: (session, inbox) => queuePhase(session, inbox),
  "after-landing": (session, inbox) => afterLandingPhase(session, inbox),
  schedule: (session, inbox) => schedulePhase(session, inbox),
  acknowledge: (session, inbox) => acknowledgePhase(session, inbox)
};
async function runPass(session, event, initial = []) {
  const inbox = new Map(PHASES.map((p) => [p, []]));
  const route = (effects, after) => {
    const writes = [];
    for (const effect of effects) {
      const phase = phaseOf(effect);
      if (phase === null) writes.push(effect);
      else if (PHASES.indexOf(phase) > after) inbox.get(phase).push(effect);
      else session.log.error({ effect, phase: PHASES[after] }, "effect addressed to a phase that already ran; dropped");
    }
    return writes;
  };
  await applyWrites(session, route(initial, -1));
  for (const [index, phase] of PHASES.entries()) {
    try {
      const effects = await RUNNERS[phase](session, inbox.get(phase), event);
      await applyWrites(session, route(effects, index));
    } catch (error) {
      await answerAnyway(session, inbox.get("acknowledge"), phase, error);
      throw error;
    }
  }
}
async function answerAnyway(session, answers, failed, error) {
  if (answers.length === 0 || failed === "acknowledge" || error instanceof StaleItemError) return;
  try {
    await acknowledgePhase(session, answers);
  } catch (second) {
    session.log.warn({ err: second, phase: failed }, "the pass failed and its command replies could not be sent");
  }
}
function configTarget(event) {
  switch (event.kind) {
    case "issue":
    case "relation":
    case "comment":
      return { kind: "issue", number: event.number };
    case "review-submitted":
      return { kind: "issue", number: event.pr };
    case "pull-request":
      return { kind: "commit", sha: event.after ?? event.headSha };
    case "installation":
      return { kind: "default-branch" };
    default:
      return { kind: "none" };
  }
}
function eventThread(event) {
  switch (event.kind) {
    case "issue":
    case "relation":
    case "comment":
    case "pull-request":
      return event.number;
    case "review-submitted":
      return event.pr;
    case "check":
      return event.prs.length === 1 ? event.prs[0].number : void 0;
    default:
      return void 0;
  }
}
function mayAnswerPm(event) {
  return !event.onPullRequest && event.comment.user.login.toLowerCase() === event.issueAuthor.login.toLowerCase() && event.issueLabels.some((l) => l.includes("needs-info"));
}
function worthAPass(event, ours) {
  switch (event.kind) {
    case "comment":
      if (event.action !== "created") return false;
      if (ours.isBot(event.comment.user)) return /orchestrator:(report|reviewer-verdict|verify-run|pm-handoff) /.test(event.comment.body);
      return event.comment.body.includes("/") || mayAnswerPm(event);
    case "check":
      return event.action === "completed" && event.suite && !(ours.actor(event.sender) && ours.checkSuite(event));
    case "review-submitted":
      return event.action === "submitted";
    case "issue":
      return !event.isPullRequest && (event.action === "closed" || !ours.actor(event.sender));
    case "relation":
      return !ours.isBot(event.sender);
    case "pull-request":
      if (["reopened", "synchronize"].includes(event.action)) return true;
      if (event.action === "dequeued") return true;
      return ["labeled", "unlabeled", "closed", "enqueued"].includes(event.action) && !ours.actor(event.sender);
    case "push":
      return event.ref === `refs/heads/${event.defaultBranch}` && !ours.actor(event.sender);
    case "workflow-run":
      return event.action !== "in_progress";
    default:
      return true;
  }
}
async function handleEvent(source, event, options) {
  const ours = ownership(options.appSlug);
  if (!worthAPass(event, ours)) return;
  const thread = eventThread(event);
  await inRepository(thread === void 0 ? source : { ...source, thread }, configTarget(event), options, (session) => runPass(session, event), () => isOwnEcho(source.repo, event));
}

// src/app/repo-event.ts
var actorSchema = external_exports.object({ login: external_exports.string(), type: external_exports.string().optional() }).nullish().transform((u) => ({ login: u?.login ?? "ghost", type: u?.type ?? "User" }));
var repositorySchema = external_exports.object({ name: external_exports.string(), owner: external_exports.object({ login: external_exports.string() }), default_branch: external_exports.string().optional() });
var issueRef = external_exports.object({ number: external_exports.number().int(), pull_request: external_exports.unknown().optional() });
var commentedIssue = issueRef.extend({
  user: actorSchema,
  labels: external_exports.array(external_exports.union([external_exports.string(), external_exports.object({ name: external_exports.string() })])).nullish().transform((list) => (list ?? []).map((l) => typeof l === "string" ? l : l.name))
});
var commentSchema = external_exports.object({
  id: external_exports.number().int(),
  body: external_exports.string().nullish().transform((b) => b ?? ""),
  user: actorSchema,
  created_at: external_exports.string(),
  updated_at: external_exports.string(),
  html_url: external_exports.string()
});
var prRefs = external_exports.array(external_exports.object({ number: external_exports.number().int(), head: external_exports.object({ ref: external_exports.string() }).nullish() })).nullish().transform((list) => (list ?? []).map((p) => ({ number: p.number, headRef: p.head?.ref ?? null })));
var suiteBranch = external_exports.object({ head_branch: external_exports.string().nullish() }).nullish();
var EVENT_NAMES = [
  "issues",
  "issue_comment",
  "sub_issues",
  "issue_dependencies",
  "installation",
  "installation_repositories",
  "pull_request",
  "pull_request_review",
  "check_run",
  "check_suite",
  "push",
  "workflow_run",
  "merge_group",
  "deployment_status"
];
var base = external_exports.object({ action: external_exports.string().optional(), sender: actorSchema, repository: repositorySchema.optional() });
var parsers = {
  issues: base.extend({
    action: external_exports.string(),
    issue: issueRef.extend({ body: external_exports.string().nullish(), user: actorSchema, updated_at: external_exports.string().optional() }),
    label: external_exports.object({ name: external_exports.string() }).nullish(),
    changes: external_exports.object({ title: external_exports.object({ from: external_exports.string() }).optional(), body: external_exports.object({ from: external_exports.string().nullish() }).optional() }).nullish()
  }).transform((p) => ({
    kind: "issue",
    action: p.action,
    number: p.issue.number,
    isPullRequest: p.issue.pull_request !== void 0 && p.issue.pull_request !== null,
    label: p.label?.name ?? null,
    sender: p.sender,
    changes: p.changes && (p.changes.title || p.changes.body) ? {
      ...p.changes.title ? { titleFrom: p.changes.title.from } : {},
      ...p.changes.body ? { bodyFrom: p.changes.body.from ?? "" } : {}
    } : null,
    body: p.issue.body ?? "",
    author: p.issue.user,
    updatedAt: Math.floor(Date.parse(p.issue.updated_at ?? "") / 1e3) || 0
  })),
  issue_comment: base.extend({ action: external_exports.string(), issue: commentedIssue, comment: commentSchema }).transform((p) => ({
    kind: "comment",
    action: p.action,
    number: p.issue.number,
    onPullRequest: p.issue.pull_request !== void 0 && p.issue.pull_request !== null,
    comment: p.comment,
    issueAuthor: p.issue.user,
    issueLabels: p.issue.labels
  })),
  sub_issues: base.extend({ parent_issue: external_exports.object({ number: external_exports.number().int() }) }).transform((p) => ({ kind: "relation", number: p.parent_issue.number, sender: p.sender })),
  issue_dependencies: base.extend({ blocked_issue: external_exports.object({ number: external_exports.number().int() }).optional() }).transform(
    (p) => p.blocked_issue ? { kind: "relation", number: p.blocked_issue.number, sender: p.sender } : null
  ),
  installation: base.extend({ repositories: external_exports.array(external_exports.object({ full_name: external_exports.string() })).nullish() }).transform(
    (p) => p.action === "created" ? { kind: "installation", repositories: repoNames(p.repositories ?? []) } : null
  ),
  installation_repositories: base.extend({ repositories_added: external_exports.array(external_exports.object({ full_name: external_exports.string() })).nullish() }).transform(
    (p) => p.action === "added" ? { kind: "installation", repositories: repoNames(p.repositories_added ?? []) } : null
  ),
  pull_request: base.extend({
    action: external_exports.string(),
    pull_request: external_exports.object({ number: external_exports.number().int(), head: external_exports.object({ sha: external_exports.string() }) }),
    before: external_exports.string().optional(),
    after: external_exports.string().optional(),
    reason: external_exports.string().nullish()
  }).transform((p) => ({
    kind: "pull-request",
    action: p.action,
    number: p.pull_request.number,
    headSha: p.pull_request.head.sha,
    before: p.before ?? null,
    after: p.after ?? null,
    sender: p.sender,
    ...p.action === "dequeued" ? { reason: p.reason ?? null } : {}
  })),
  pull_request_review: base.extend({
    action: external_exports.string(),
    pull_request: external_exports.object({ number: external_exports.number().int() }),
    review: external_exports.object({ id: external_exports.number().int(), state: external_exports.string(), user: actorSchema, commit_id: external_exports.string().nullish() })
  }).transform((p) => ({
    kind: "review-submitted",
    action: p.action,
    pr: p.pull_request.number,
    review: { id: p.review.id, state: p.review.state, author: p.review.user, commitId: p.review.commit_id ?? null }
  })),
  check_run: base.extend({ action: external_exports.string(), check_run: external_exports.object({ name: external_exports.string(), head_sha: external_exports.string(), pull_requests: prRefs, app: external_exports.object({ slug: external_exports.string().nullish() }).nullish(), check_suite: suiteBranch }) }).transform((p) => ({
    kind: "check",
    action: p.action,
    headSha: p.check_run.head_sha,
    headBranch: p.check_run.check_suite?.head_branch ?? null,
    prs: p.check_run.pull_requests,
    name: p.check_run.name,
    appSlug: p.check_run.app?.slug ?? null,
    suite: false,
    sender: p.sender
  })),
  check_suite: base.extend({ action: external_exports.string(), check_suite: external_exports.object({ head_sha: external_exports.string(), head_branch: external_exports.string().nullish(), pull_requests: prRefs, app: external_exports.object({ slug: external_exports.string().nullish() }).nullish() }) }).transform((p) => ({
    kind: "check",
    action: p.action,
    headSha: p.check_suite.head_sha,
    headBranch: p.check_suite.head_branch ?? null,
    prs: p.check_suite.pull_requests,
    name: null,
    appSlug: p.check_suite.app?.slug ?? null,
    suite: true,
    sender: p.sender
  })),
  push: base.extend({ ref: external_exports.string(), after: external_exports.string(), repository: repositorySchema }).transform((p) => ({
    kind: "push",
    ref: p.ref,
    defaultBranch: p.repository.default_branch ?? "main",
    after: p.after,
    sender: p.sender
  })),
  deployment_status: base.extend({ deployment_status: external_exports.object({ state: external_exports.string() }), deployment: external_exports.object({ sha: external_exports.string(), environment: external_exports.string().nullish() }) }).transform((p) => ({ kind: "deployment", state: p.deployment_status.state, sha: p.deployment.sha, environment: p.deployment.environment ?? "" })),
  workflow_run: base.extend({
    action: external_exports.string(),
    workflow_run: external_exports.object({
      id: external_exports.number().int(),
      path: external_exports.string(),
      display_title: external_exports.string().nullish(),
      name: external_exports.string().nullish(),
      status: external_exports.string().nullish(),
      conclusion: external_exports.string().nullish(),
      html_url: external_exports.string()
    })
  }).transform((p) => ({
    kind: "workflow-run",
    action: p.action,
    run: {
      id: p.workflow_run.id,
      path: p.workflow_run.path,
      displayTitle: p.workflow_run.display_title ?? p.workflow_run.name ?? "",
      status: p.workflow_run.status ?? "unknown",
      conclusion: p.workflow_run.conclusion ?? null,
      htmlUrl: p.workflow_run.html_url
    }
  })),
  merge_group: base.extend({
    action: external_exports.string(),
    reason: external_exports.string().nullish(),
    merge_group: external_exports.object({ head_sha: external_exports.string(), head_ref: external_exports.string(), base_ref: external_exports.string() })
  }).transform((p) => {
    const headRef = p.merge_group.head_ref.replace(/^refs\/heads\//, "");
    return {
      kind: "merge-group",
      action: p.action,
      reason: p.reason ?? null,
      headRef,
      headSha: p.merge_group.head_sha,
      baseRef: p.merge_group.base_ref.replace(/^refs\/heads\//, ""),
      pr: groupPullRequest(headRef),
      sender: p.sender
    };
  })
};
function groupPullRequest(headRef) {
  const m = /(?:^|\/)pr-(\d+)-[0-9a-f]+$/.exec(headRef);
  return m ? Number(m[1]) : null;
}
function repoNames(list) {
  return list.flatMap((r) => {
    const [owner, repo] = r.full_name.split("/");
    return owner && repo ? [{ owner, repo }] : [];
  });
}
function parseRepoEvent(name, payload) {
  const parsed = parsers[name].safeParse(payload);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ") };
  return { ok: true, event: parsed.data };
}

// src/app/events.ts
function registerEvents(app, options) {
  for (const name of EVENT_NAMES) {
    app.on(name, async (context) => {
      await handle(name, context, options);
    });
  }
}
async function handle(name, context, options) {
  const parsed = parseRepoEvent(name, context.payload);
  if (!parsed.ok) {
    context.log.warn({ event: name, id: context.id, reason: parsed.reason }, "webhook payload not understood; ignored");
    return;
  }
  const event = parsed.event;
  if (!event) return;
  if (event.kind === "installation") {
    for (const { owner, repo } of event.repositories) await handleEvent(sourceFor(context, owner, repo), event, options);
    return;
  }
  const head = event.kind === "push" && event.ref === `refs/heads/${event.defaultBranch}` ? { defaultBranchHead: event.after } : {};
  const source = sourceOf(context);
  if (head.defaultBranchHead) rememberPushedHead(source.octokit, source.repo, head.defaultBranchHead);
  const branch = defaultBranchOf(context.payload);
  await handleEvent({ ...source, ...head, ...branch ? { defaultBranch: branch } : {} }, event, options);
}

// src/app/sweep.ts
async function sweepRepository(session) {
  await runPass(session, null, await sweepItems(session));
}

// src/app/periodic.ts
async function sweepAll(app, options = {}, due) {
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
          await sweepRepository(session);
        });
      } catch (error) {
        app.log.warn({ repository: repository.full_name, err: error }, "periodic sweep failed");
      }
    }
  }
}
function startPeriodicEvaluation(app, options = {}, clock = Date.now) {
  const last = /* @__PURE__ */ new Map();
  let running = false;
  const due = (fullName, minutes) => {
    const now = clock();
    const previous = last.get(fullName);
    if (previous !== void 0 && now - previous < minutes * 6e4) return false;
    last.set(fullName, now);
    return true;
  };
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await sweepAll(app, options, due);
    } catch (error) {
      app.log.warn({ err: error }, "periodic sweep failed");
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), options.tickMs ?? 6e4);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
function startSweeps(app, options) {
  if (periodicEnabled()) startPeriodicEvaluation(app, options);
}
function periodicEnabled(env = process.env) {
  const flag = env.ORCHESTRATOR_PERIODIC?.toLowerCase();
  if (flag === "0" || flag === "off" || flag === "false") return false;
  if (flag === "1" || flag === "on" || flag === "true") return true;
  return env.NODE_ENV !== "test" && env.VITEST === void 0;
}

// src/index.ts
function createApp(options = {}) {
  return (app) => {
    registerEvents(app, options);
    startSweeps(app, options);
  };
}
var src_default = createApp();

// src/action/sweep.ts
async function sweepRepository2(probot, repo, options) {
  const octokit = await probot.auth();
  const source = {
    octokit,
    repo,
    log: probot.log,
    config: configReaderFor(octokit, repo.owner, repo.repo)
  };
  await inRepository(source, { kind: "none" }, options, sweepRepository);
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
  process.env.ORCHESTRATOR_PERIODIC = "off";
  await probot.load(createApp(options));
  try {
    if (SWEEP_EVENTS.has(eventName)) {
      await sweepRepository2(probot, { owner, repo }, options);
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
  } catch (error) {
    const errors = error instanceof AggregateError ? error.errors : [error];
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
  } catch (error) {
    return `cannot read the event payload ${file}: ${error.message}`;
  }
  let json;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return `the event payload ${file} is not JSON: ${error.message}`;
  }
  const parsed = payloadSchema.safeParse(json);
  return parsed.success ? parsed.data : `the event payload ${file} is not a webhook payload (a JSON object)`;
}
function octokitFor(env) {
  const flag = env.ORCHESTRATOR_THROTTLE?.toLowerCase();
  if (flag !== "off" && flag !== "0" && flag !== "false") return ResilientOctokit;
  return ResilientOctokit.defaults((instance) => ({
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
  const pm = inputs.mode === "refine" || inputs.mode === "plan";
  const args = pm ? ["pm", "--task", inputs.mode] : [inputs.mode];
  const add = (flag, value) => {
    if (value !== void 0) args.push(`--${flag}`, value);
  };
  add("issue", inputs.issue);
  if (inputs.mode === "worker") add("attempt", inputs.attempt);
  if (inputs.mode === "review") {
    add("pr", inputs.pr);
    add("head", inputs.head);
  }
  if (inputs.mode === "verify") add("sha", inputs.sha);
  if (pm) add("revision", inputs.revision);
  add("workspace", inputs.workspace);
  return args;
}

// src/action/index.ts
runAction({ env: process.env, stderr: (line) => process.stderr.write(`${line}
`), cwd: process.env.GITHUB_WORKSPACE ?? process.cwd() }).then((code) => {
  process.exitCode = code;
}).catch((error) => {
  process.stderr.write(`orchestrator: ${error instanceof Error ? error.stack ?? error.message : String(error)}
`);
  process.exitCode = 2;
});
