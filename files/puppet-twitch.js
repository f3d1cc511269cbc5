#!/usr/bin/env node
"use strict";
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __esm = (fn, res, err2) => function __init() {
  if (err2) throw err2[0];
  try {
    return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
  } catch (e) {
    throw err2 = [e], e;
  }
};
var __commonJS = (cb, mod) => function __require() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));
var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);

// node_modules/node-cron/dist/cjs/create-id.js
var require_create_id = __commonJS({
  "node_modules/node-cron/dist/cjs/create-id.js"(exports2) {
    "use strict";
    var __importDefault = exports2 && exports2.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports2, "__esModule", { value: true });
    exports2.createID = createID;
    var node_crypto_1 = __importDefault(require("node:crypto"));
    function createID(prefix = "", length = 16) {
      const charset = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
      const values = node_crypto_1.default.randomBytes(length);
      const id = Array.from(values, (v) => charset[v % charset.length]).join("");
      return prefix ? `${prefix}-${id}` : id;
    }
  }
});

// node_modules/node-cron/dist/cjs/logger.js
var require_logger = __commonJS({
  "node_modules/node-cron/dist/cjs/logger.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    var levelColors = {
      INFO: "\x1B[36m",
      WARN: "\x1B[33m",
      ERROR: "\x1B[31m",
      DEBUG: "\x1B[35m"
    };
    var GREEN = "\x1B[32m";
    var RESET = "\x1B[0m";
    function log(level, message, extra) {
      const timestamp = (/* @__PURE__ */ new Date()).toISOString();
      const color = levelColors[level] ?? "";
      const prefix = `[${timestamp}] [PID: ${process.pid}] ${GREEN}[NODE-CRON]${GREEN} ${color}[${level}]${RESET}`;
      const output = `${prefix} ${message}`;
      switch (level) {
        case "ERROR":
          console.error(output, extra ?? "");
          break;
        case "DEBUG":
          console.debug(output, extra ?? "");
          break;
        case "WARN":
          console.warn(output);
          break;
        case "INFO":
        default:
          console.info(output);
          break;
      }
    }
    var logger = {
      info(message) {
        log("INFO", message);
      },
      warn(message) {
        log("WARN", message);
      },
      error(message, err2) {
        if (message instanceof Error) {
          log("ERROR", message.message, message);
        } else {
          log("ERROR", message, err2);
        }
      },
      debug(message, err2) {
        if (message instanceof Error) {
          log("DEBUG", message.message, message);
        } else {
          log("DEBUG", message, err2);
        }
      }
    };
    exports2.default = logger;
  }
});

// node_modules/node-cron/dist/cjs/promise/tracked-promise.js
var require_tracked_promise = __commonJS({
  "node_modules/node-cron/dist/cjs/promise/tracked-promise.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    exports2.TrackedPromise = void 0;
    var TrackedPromise = class {
      promise;
      error;
      state;
      value;
      constructor(executor) {
        this.state = "pending";
        this.promise = new Promise((resolve3, reject) => {
          executor((value2) => {
            this.state = "fulfilled";
            this.value = value2;
            resolve3(value2);
          }, (error) => {
            this.state = "rejected";
            this.error = error;
            reject(error);
          });
        });
      }
      getPromise() {
        return this.promise;
      }
      getState() {
        return this.state;
      }
      isPending() {
        return this.state === "pending";
      }
      isFulfilled() {
        return this.state === "fulfilled";
      }
      isRejected() {
        return this.state === "rejected";
      }
      getValue() {
        return this.value;
      }
      getError() {
        return this.error;
      }
      then(onfulfilled, onrejected) {
        return this.promise.then(onfulfilled, onrejected);
      }
      catch(onrejected) {
        return this.promise.catch(onrejected);
      }
      finally(onfinally) {
        return this.promise.finally(onfinally);
      }
    };
    exports2.TrackedPromise = TrackedPromise;
  }
});

// node_modules/node-cron/dist/cjs/scheduler/runner.js
var require_runner = __commonJS({
  "node_modules/node-cron/dist/cjs/scheduler/runner.js"(exports2) {
    "use strict";
    var __importDefault = exports2 && exports2.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports2, "__esModule", { value: true });
    exports2.Runner = void 0;
    var create_id_1 = require_create_id();
    var logger_1 = __importDefault(require_logger());
    var tracked_promise_1 = require_tracked_promise();
    function emptyOnFn() {
    }
    function emptyHookFn() {
      return true;
    }
    function defaultOnError(date, error) {
      logger_1.default.error("Task failed with error!", error);
    }
    var Runner = class {
      timeMatcher;
      onMatch;
      noOverlap;
      maxExecutions;
      maxRandomDelay;
      runCount;
      running;
      heartBeatTimeout;
      onMissedExecution;
      onOverlap;
      onError;
      beforeRun;
      onFinished;
      onMaxExecutions;
      constructor(timeMatcher, onMatch, options) {
        this.timeMatcher = timeMatcher;
        this.onMatch = onMatch;
        this.noOverlap = options == void 0 || options.noOverlap === void 0 ? false : options.noOverlap;
        this.maxExecutions = options?.maxExecutions;
        this.maxRandomDelay = options?.maxRandomDelay || 0;
        this.onMissedExecution = options?.onMissedExecution || emptyOnFn;
        this.onOverlap = options?.onOverlap || emptyOnFn;
        this.onError = options?.onError || defaultOnError;
        this.onFinished = options?.onFinished || emptyHookFn;
        this.beforeRun = options?.beforeRun || emptyHookFn;
        this.onMaxExecutions = options?.onMaxExecutions || emptyOnFn;
        this.runCount = 0;
        this.running = false;
      }
      start() {
        this.running = true;
        let lastExecution;
        let expectedNextExecution;
        const scheduleNextHeartBeat = (currentDate) => {
          if (this.running) {
            clearTimeout(this.heartBeatTimeout);
            this.heartBeatTimeout = setTimeout(heartBeat, getDelay(this.timeMatcher, currentDate));
          }
        };
        const runTask = (date) => {
          return new Promise(async (resolve3) => {
            const execution = {
              id: (0, create_id_1.createID)("exec"),
              reason: "scheduled"
            };
            const shouldExecute = await this.beforeRun(date, execution);
            const randomDelay = Math.floor(Math.random() * this.maxRandomDelay);
            if (shouldExecute) {
              setTimeout(async () => {
                try {
                  this.runCount++;
                  execution.startedAt = /* @__PURE__ */ new Date();
                  const result = await this.onMatch(date, execution);
                  execution.finishedAt = /* @__PURE__ */ new Date();
                  execution.result = result;
                  this.onFinished(date, execution);
                  if (this.maxExecutions && this.runCount >= this.maxExecutions) {
                    this.onMaxExecutions(date);
                    this.stop();
                  }
                } catch (error) {
                  execution.finishedAt = /* @__PURE__ */ new Date();
                  execution.error = error;
                  this.onError(date, error, execution);
                }
                resolve3(true);
              }, randomDelay);
            }
          });
        };
        const checkAndRun = (date) => {
          return new tracked_promise_1.TrackedPromise(async (resolve3, reject) => {
            try {
              if (this.timeMatcher.match(date)) {
                await runTask(date);
              }
              resolve3(true);
            } catch (err2) {
              reject(err2);
            }
          });
        };
        const heartBeat = async () => {
          const currentDate = nowWithoutMs();
          if (expectedNextExecution && expectedNextExecution.getTime() < currentDate.getTime()) {
            while (expectedNextExecution.getTime() < currentDate.getTime()) {
              logger_1.default.warn(`missed execution at ${expectedNextExecution}! Possible blocking IO or high CPU user at the same process used by node-cron.`);
              expectedNextExecution = this.timeMatcher.getNextMatch(expectedNextExecution);
              runAsync(this.onMissedExecution, expectedNextExecution, defaultOnError);
            }
          }
          if (lastExecution && lastExecution.getState() === "pending") {
            runAsync(this.onOverlap, currentDate, defaultOnError);
            if (this.noOverlap) {
              logger_1.default.warn("task still running, new execution blocked by overlap prevention!");
              expectedNextExecution = this.timeMatcher.getNextMatch(currentDate);
              scheduleNextHeartBeat(currentDate);
              return;
            }
          }
          lastExecution = checkAndRun(currentDate);
          expectedNextExecution = this.timeMatcher.getNextMatch(currentDate);
          scheduleNextHeartBeat(currentDate);
        };
        this.heartBeatTimeout = setTimeout(() => {
          heartBeat();
        }, getDelay(this.timeMatcher, nowWithoutMs()));
      }
      nextRun() {
        return this.timeMatcher.getNextMatch(/* @__PURE__ */ new Date());
      }
      stop() {
        this.running = false;
        if (this.heartBeatTimeout) {
          clearTimeout(this.heartBeatTimeout);
          this.heartBeatTimeout = void 0;
        }
      }
      isStarted() {
        return !!this.heartBeatTimeout && this.running;
      }
      isStopped() {
        return !this.isStarted();
      }
      async execute() {
        const date = /* @__PURE__ */ new Date();
        const execution = {
          id: (0, create_id_1.createID)("exec"),
          reason: "invoked"
        };
        try {
          const shouldExecute = await this.beforeRun(date, execution);
          if (shouldExecute) {
            this.runCount++;
            execution.startedAt = /* @__PURE__ */ new Date();
            const result = await this.onMatch(date, execution);
            execution.finishedAt = /* @__PURE__ */ new Date();
            execution.result = result;
            this.onFinished(date, execution);
          }
        } catch (error) {
          execution.finishedAt = /* @__PURE__ */ new Date();
          execution.error = error;
          this.onError(date, error, execution);
        }
      }
    };
    exports2.Runner = Runner;
    async function runAsync(fn, date, onError) {
      try {
        await fn(date);
      } catch (error) {
        onError(date, error);
      }
    }
    function getDelay(timeMatcher, currentDate) {
      const maxDelay = 864e5;
      const nextRun = timeMatcher.getNextMatch(currentDate);
      const now = /* @__PURE__ */ new Date();
      const delay = nextRun.getTime() - now.getTime();
      if (delay > maxDelay) {
        return maxDelay;
      }
      return Math.max(0, delay);
    }
    function nowWithoutMs() {
      const date = /* @__PURE__ */ new Date();
      date.setMilliseconds(0);
      return date;
    }
  }
});

// node_modules/node-cron/dist/cjs/pattern/convertion/month-names-conversion.js
var require_month_names_conversion = __commonJS({
  "node_modules/node-cron/dist/cjs/pattern/convertion/month-names-conversion.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    exports2.default = /* @__PURE__ */ (() => {
      const months = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december"
      ];
      const shortMonths = [
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "oct",
        "nov",
        "dec"
      ];
      function convertMonthName(expression, items) {
        for (let i2 = 0; i2 < items.length; i2++) {
          expression = expression.replace(new RegExp(items[i2], "gi"), i2 + 1);
        }
        return expression;
      }
      function interprete(monthExpression) {
        monthExpression = convertMonthName(monthExpression, months);
        monthExpression = convertMonthName(monthExpression, shortMonths);
        return monthExpression;
      }
      return interprete;
    })();
  }
});

// node_modules/node-cron/dist/cjs/pattern/convertion/week-day-names-conversion.js
var require_week_day_names_conversion = __commonJS({
  "node_modules/node-cron/dist/cjs/pattern/convertion/week-day-names-conversion.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    exports2.default = /* @__PURE__ */ (() => {
      const weekDays = [
        "sunday",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday"
      ];
      const shortWeekDays = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
      function convertWeekDayName(expression, items) {
        for (let i2 = 0; i2 < items.length; i2++) {
          expression = expression.replace(new RegExp(items[i2], "gi"), i2);
        }
        return expression;
      }
      function convertWeekDays(expression) {
        expression = expression.replace("7", "0");
        expression = convertWeekDayName(expression, weekDays);
        return convertWeekDayName(expression, shortWeekDays);
      }
      return convertWeekDays;
    })();
  }
});

// node_modules/node-cron/dist/cjs/pattern/convertion/asterisk-to-range-conversion.js
var require_asterisk_to_range_conversion = __commonJS({
  "node_modules/node-cron/dist/cjs/pattern/convertion/asterisk-to-range-conversion.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    exports2.default = /* @__PURE__ */ (() => {
      function convertAsterisk(expression, replecement) {
        if (expression.indexOf("*") !== -1) {
          return expression.replace("*", replecement);
        }
        return expression;
      }
      function convertAsterisksToRanges(expressions) {
        expressions[0] = convertAsterisk(expressions[0], "0-59");
        expressions[1] = convertAsterisk(expressions[1], "0-59");
        expressions[2] = convertAsterisk(expressions[2], "0-23");
        expressions[3] = convertAsterisk(expressions[3], "1-31");
        expressions[4] = convertAsterisk(expressions[4], "1-12");
        expressions[5] = convertAsterisk(expressions[5], "0-6");
        return expressions;
      }
      return convertAsterisksToRanges;
    })();
  }
});

// node_modules/node-cron/dist/cjs/pattern/convertion/range-conversion.js
var require_range_conversion = __commonJS({
  "node_modules/node-cron/dist/cjs/pattern/convertion/range-conversion.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    exports2.default = /* @__PURE__ */ (() => {
      function replaceWithRange(expression, text2, init, end, stepTxt) {
        const step = parseInt(stepTxt);
        const numbers2 = [];
        let last = parseInt(end);
        let first = parseInt(init);
        if (first > last) {
          last = parseInt(init);
          first = parseInt(end);
        }
        for (let i2 = first; i2 <= last; i2 += step) {
          numbers2.push(i2);
        }
        return expression.replace(new RegExp(text2, "i"), numbers2.join());
      }
      function convertRange(expression) {
        const rangeRegEx = /(\d+)-(\d+)(\/(\d+)|)/;
        let match2 = rangeRegEx.exec(expression);
        while (match2 !== null && match2.length > 0) {
          expression = replaceWithRange(expression, match2[0], match2[1], match2[2], match2[4] || "1");
          match2 = rangeRegEx.exec(expression);
        }
        return expression;
      }
      function convertAllRanges(expressions) {
        for (let i2 = 0; i2 < expressions.length; i2++) {
          expressions[i2] = convertRange(expressions[i2]);
        }
        return expressions;
      }
      return convertAllRanges;
    })();
  }
});

// node_modules/node-cron/dist/cjs/pattern/convertion/index.js
var require_convertion = __commonJS({
  "node_modules/node-cron/dist/cjs/pattern/convertion/index.js"(exports2) {
    "use strict";
    var __importDefault = exports2 && exports2.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports2, "__esModule", { value: true });
    var month_names_conversion_1 = __importDefault(require_month_names_conversion());
    var week_day_names_conversion_1 = __importDefault(require_week_day_names_conversion());
    var asterisk_to_range_conversion_1 = __importDefault(require_asterisk_to_range_conversion());
    var range_conversion_1 = __importDefault(require_range_conversion());
    exports2.default = /* @__PURE__ */ (() => {
      function appendSeccondExpression(expressions) {
        if (expressions.length === 5) {
          return ["0"].concat(expressions);
        }
        return expressions;
      }
      function removeSpaces(str2) {
        return str2.replace(/\s{2,}/g, " ").trim();
      }
      function normalizeIntegers(expressions) {
        for (let i2 = 0; i2 < expressions.length; i2++) {
          const numbers2 = expressions[i2].split(",");
          for (let j = 0; j < numbers2.length; j++) {
            numbers2[j] = parseInt(numbers2[j]);
          }
          expressions[i2] = numbers2;
        }
        return expressions;
      }
      function interprete(expression) {
        let expressions = removeSpaces(`${expression}`).split(" ");
        expressions = appendSeccondExpression(expressions);
        expressions[4] = (0, month_names_conversion_1.default)(expressions[4]);
        expressions[5] = (0, week_day_names_conversion_1.default)(expressions[5]);
        expressions = (0, asterisk_to_range_conversion_1.default)(expressions);
        expressions = (0, range_conversion_1.default)(expressions);
        expressions = normalizeIntegers(expressions);
        return expressions;
      }
      return interprete;
    })();
  }
});

// node_modules/node-cron/dist/cjs/time/localized-time.js
var require_localized_time = __commonJS({
  "node_modules/node-cron/dist/cjs/time/localized-time.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    exports2.LocalizedTime = void 0;
    var LocalizedTime = class {
      timestamp;
      parts;
      timezone;
      constructor(date, timezone) {
        this.timestamp = date.getTime();
        this.timezone = timezone;
        this.parts = buildDateParts(date, timezone);
      }
      toDate() {
        return new Date(this.timestamp);
      }
      toISO() {
        const gmt = this.parts.gmt.replace(/^GMT/, "");
        const offset = gmt ? gmt : "Z";
        const pad = (n2) => String(n2).padStart(2, "0");
        return `${this.parts.year}-${pad(this.parts.month)}-${pad(this.parts.day)}T${pad(this.parts.hour)}:${pad(this.parts.minute)}:${pad(this.parts.second)}.${String(this.parts.milisecond).padStart(3, "0")}` + offset;
      }
      getParts() {
        return this.parts;
      }
      set(field, value2) {
        this.parts[field] = value2;
        const newDate = new Date(this.toISO());
        this.timestamp = newDate.getTime();
        this.parts = buildDateParts(newDate, this.timezone);
      }
    };
    exports2.LocalizedTime = LocalizedTime;
    function buildDateParts(date, timezone) {
      const dftOptions = {
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
        weekday: "short",
        hour12: false
      };
      if (timezone) {
        dftOptions.timeZone = timezone;
      }
      const dateFormat = new Intl.DateTimeFormat("en-US", dftOptions);
      const parts = dateFormat.formatToParts(date).filter((part) => {
        return part.type !== "literal";
      }).reduce((acc, part) => {
        acc[part.type] = part.value;
        return acc;
      }, {});
      return {
        day: parseInt(parts.day),
        month: parseInt(parts.month),
        year: parseInt(parts.year),
        hour: parts.hour === "24" ? 0 : parseInt(parts.hour),
        minute: parseInt(parts.minute),
        second: parseInt(parts.second),
        milisecond: date.getMilliseconds(),
        weekday: parts.weekday,
        gmt: getTimezoneGMT(date, timezone)
      };
    }
    function getTimezoneGMT(date, timezone) {
      const utcDate = new Date(date.toLocaleString("en-US", { timeZone: "UTC" }));
      const tzDate = new Date(date.toLocaleString("en-US", { timeZone: timezone }));
      let offsetInMinutes = (utcDate.getTime() - tzDate.getTime()) / 6e4;
      const sign = offsetInMinutes <= 0 ? "+" : "-";
      offsetInMinutes = Math.abs(offsetInMinutes);
      if (offsetInMinutes === 0)
        return "Z";
      const hours = Math.floor(offsetInMinutes / 60).toString().padStart(2, "0");
      const minutes = Math.floor(offsetInMinutes % 60).toString().padStart(2, "0");
      return `GMT${sign}${hours}:${minutes}`;
    }
  }
});

// node_modules/node-cron/dist/cjs/time/matcher-walker.js
var require_matcher_walker = __commonJS({
  "node_modules/node-cron/dist/cjs/time/matcher-walker.js"(exports2) {
    "use strict";
    var __importDefault = exports2 && exports2.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports2, "__esModule", { value: true });
    exports2.MatcherWalker = void 0;
    var convertion_1 = __importDefault(require_convertion());
    var localized_time_1 = require_localized_time();
    var time_matcher_1 = require_time_matcher();
    var week_day_names_conversion_1 = __importDefault(require_week_day_names_conversion());
    var MatcherWalker = class {
      cronExpression;
      baseDate;
      pattern;
      expressions;
      timeMatcher;
      timezone;
      constructor(cronExpression, baseDate, timezone) {
        this.cronExpression = cronExpression;
        this.baseDate = baseDate;
        this.timeMatcher = new time_matcher_1.TimeMatcher(cronExpression, timezone);
        this.timezone = timezone;
        this.expressions = (0, convertion_1.default)(cronExpression);
      }
      isMatching() {
        return this.timeMatcher.match(this.baseDate);
      }
      matchNext() {
        const findNextDateIgnoringWeekday = () => {
          const baseDate = new Date(this.baseDate.getTime());
          baseDate.setMilliseconds(0);
          const localTime = new localized_time_1.LocalizedTime(baseDate, this.timezone);
          const dateParts = localTime.getParts();
          const date2 = new localized_time_1.LocalizedTime(localTime.toDate(), this.timezone);
          const seconds = this.expressions[0];
          const nextSecond = availableValue(seconds, dateParts.second);
          if (nextSecond) {
            date2.set("second", nextSecond);
            if (this.timeMatcher.match(date2.toDate())) {
              return date2;
            }
          }
          date2.set("second", seconds[0]);
          const minutes = this.expressions[1];
          const nextMinute = availableValue(minutes, dateParts.minute);
          if (nextMinute) {
            date2.set("minute", nextMinute);
            if (this.timeMatcher.match(date2.toDate())) {
              return date2;
            }
          }
          date2.set("minute", minutes[0]);
          const hours = this.expressions[2];
          const nextHour = availableValue(hours, dateParts.hour);
          if (nextHour) {
            date2.set("hour", nextHour);
            if (this.timeMatcher.match(date2.toDate())) {
              return date2;
            }
          }
          date2.set("hour", hours[0]);
          const days = this.expressions[3];
          const nextDay = availableValue(days, dateParts.day);
          if (nextDay) {
            date2.set("day", nextDay);
            if (this.timeMatcher.match(date2.toDate())) {
              return date2;
            }
          }
          date2.set("day", days[0]);
          const months = this.expressions[4];
          const nextMonth = availableValue(months, dateParts.month);
          if (nextMonth) {
            date2.set("month", nextMonth);
            if (this.timeMatcher.match(date2.toDate())) {
              return date2;
            }
          }
          date2.set("year", date2.getParts().year + 1);
          date2.set("month", months[0]);
          return date2;
        };
        const date = findNextDateIgnoringWeekday();
        const weekdays = this.expressions[5];
        let currentWeekday = parseInt((0, week_day_names_conversion_1.default)(date.getParts().weekday));
        while (!(weekdays.indexOf(currentWeekday) > -1)) {
          date.set("year", date.getParts().year + 1);
          currentWeekday = parseInt((0, week_day_names_conversion_1.default)(date.getParts().weekday));
        }
        return date;
      }
    };
    exports2.MatcherWalker = MatcherWalker;
    function availableValue(values, currentValue) {
      const availableValues = values.sort((a2, b) => a2 - b).filter((s) => s > currentValue);
      if (availableValues.length > 0)
        return availableValues[0];
      return false;
    }
  }
});

// node_modules/node-cron/dist/cjs/time/time-matcher.js
var require_time_matcher = __commonJS({
  "node_modules/node-cron/dist/cjs/time/time-matcher.js"(exports2) {
    "use strict";
    var __importDefault = exports2 && exports2.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports2, "__esModule", { value: true });
    exports2.TimeMatcher = void 0;
    var index_1 = __importDefault(require_convertion());
    var week_day_names_conversion_1 = __importDefault(require_week_day_names_conversion());
    var localized_time_1 = require_localized_time();
    var matcher_walker_1 = require_matcher_walker();
    function matchValue(allowedValues, value2) {
      return allowedValues.indexOf(value2) !== -1;
    }
    var TimeMatcher = class {
      timezone;
      pattern;
      expressions;
      constructor(pattern, timezone) {
        this.timezone = timezone;
        this.pattern = pattern;
        this.expressions = (0, index_1.default)(pattern);
      }
      match(date) {
        const localizedTime = new localized_time_1.LocalizedTime(date, this.timezone);
        const parts = localizedTime.getParts();
        const runOnSecond = matchValue(this.expressions[0], parts.second);
        const runOnMinute = matchValue(this.expressions[1], parts.minute);
        const runOnHour = matchValue(this.expressions[2], parts.hour);
        const runOnDay = matchValue(this.expressions[3], parts.day);
        const runOnMonth = matchValue(this.expressions[4], parts.month);
        const runOnWeekDay = matchValue(this.expressions[5], parseInt((0, week_day_names_conversion_1.default)(parts.weekday)));
        return runOnSecond && runOnMinute && runOnHour && runOnDay && runOnMonth && runOnWeekDay;
      }
      getNextMatch(date) {
        const walker = new matcher_walker_1.MatcherWalker(this.pattern, date, this.timezone);
        const next = walker.matchNext();
        return next.toDate();
      }
    };
    exports2.TimeMatcher = TimeMatcher;
  }
});

// node_modules/node-cron/dist/cjs/tasks/state-machine.js
var require_state_machine = __commonJS({
  "node_modules/node-cron/dist/cjs/tasks/state-machine.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    exports2.StateMachine = void 0;
    var allowedTransitions = {
      "stopped": ["stopped", "idle", "destroyed"],
      "idle": ["idle", "running", "stopped", "destroyed"],
      "running": ["running", "idle", "stopped", "destroyed"],
      "destroyed": ["destroyed"]
    };
    var StateMachine = class {
      state;
      constructor(initial = "stopped") {
        this.state = initial;
      }
      changeState(state) {
        if (allowedTransitions[this.state].includes(state)) {
          this.state = state;
        } else {
          throw new Error(`invalid transition from ${this.state} to ${state}`);
        }
      }
    };
    exports2.StateMachine = StateMachine;
  }
});

// node_modules/node-cron/dist/cjs/tasks/inline-scheduled-task.js
var require_inline_scheduled_task = __commonJS({
  "node_modules/node-cron/dist/cjs/tasks/inline-scheduled-task.js"(exports2) {
    "use strict";
    var __importDefault = exports2 && exports2.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports2, "__esModule", { value: true });
    exports2.InlineScheduledTask = void 0;
    var events_1 = __importDefault(require("events"));
    var runner_1 = require_runner();
    var time_matcher_1 = require_time_matcher();
    var create_id_1 = require_create_id();
    var state_machine_1 = require_state_machine();
    var logger_1 = __importDefault(require_logger());
    var localized_time_1 = require_localized_time();
    var TaskEmitter = class extends events_1.default {
    };
    var InlineScheduledTask = class {
      emitter;
      cronExpression;
      timeMatcher;
      runner;
      id;
      name;
      stateMachine;
      timezone;
      constructor(cronExpression, taskFn, options) {
        this.emitter = new TaskEmitter();
        this.cronExpression = cronExpression;
        this.id = (0, create_id_1.createID)("task", 12);
        this.name = options?.name || this.id;
        this.timezone = options?.timezone;
        this.timeMatcher = new time_matcher_1.TimeMatcher(cronExpression, options?.timezone);
        this.stateMachine = new state_machine_1.StateMachine();
        const runnerOptions = {
          timezone: options?.timezone,
          noOverlap: options?.noOverlap,
          maxExecutions: options?.maxExecutions,
          maxRandomDelay: options?.maxRandomDelay,
          beforeRun: (date, execution) => {
            if (execution.reason === "scheduled") {
              this.changeState("running");
            }
            this.emitter.emit("execution:started", this.createContext(date, execution));
            return true;
          },
          onFinished: (date, execution) => {
            if (execution.reason === "scheduled") {
              this.changeState("idle");
            }
            this.emitter.emit("execution:finished", this.createContext(date, execution));
            return true;
          },
          onError: (date, error, execution) => {
            logger_1.default.error(error);
            this.emitter.emit("execution:failed", this.createContext(date, execution));
            this.changeState("idle");
          },
          onOverlap: (date) => {
            this.emitter.emit("execution:overlap", this.createContext(date));
          },
          onMissedExecution: (date) => {
            this.emitter.emit("execution:missed", this.createContext(date));
          },
          onMaxExecutions: (date) => {
            this.emitter.emit("execution:maxReached", this.createContext(date));
            this.destroy();
          }
        };
        this.runner = new runner_1.Runner(this.timeMatcher, (date, execution) => {
          return taskFn(this.createContext(date, execution));
        }, runnerOptions);
      }
      getNextRun() {
        if (this.stateMachine.state !== "stopped") {
          return this.runner.nextRun();
        }
        return null;
      }
      changeState(state) {
        if (this.runner.isStarted()) {
          this.stateMachine.changeState(state);
        }
      }
      start() {
        if (this.runner.isStopped()) {
          this.runner.start();
          this.stateMachine.changeState("idle");
          this.emitter.emit("task:started", this.createContext(/* @__PURE__ */ new Date()));
        }
      }
      stop() {
        if (this.runner.isStarted()) {
          this.runner.stop();
          this.stateMachine.changeState("stopped");
          this.emitter.emit("task:stopped", this.createContext(/* @__PURE__ */ new Date()));
        }
      }
      getStatus() {
        return this.stateMachine.state;
      }
      destroy() {
        if (this.stateMachine.state === "destroyed")
          return;
        this.stop();
        this.stateMachine.changeState("destroyed");
        this.emitter.emit("task:destroyed", this.createContext(/* @__PURE__ */ new Date()));
      }
      execute() {
        return new Promise((resolve3, reject) => {
          const onFail = (context2) => {
            this.off("execution:finished", onFail);
            reject(context2.execution?.error);
          };
          const onFinished = (context2) => {
            this.off("execution:failed", onFail);
            resolve3(context2.execution?.result);
          };
          this.once("execution:finished", onFinished);
          this.once("execution:failed", onFail);
          this.runner.execute();
        });
      }
      on(event, fun) {
        this.emitter.on(event, fun);
      }
      off(event, fun) {
        this.emitter.off(event, fun);
      }
      once(event, fun) {
        this.emitter.once(event, fun);
      }
      createContext(executionDate, execution) {
        const localTime = new localized_time_1.LocalizedTime(executionDate, this.timezone);
        const ctx = {
          date: localTime.toDate(),
          dateLocalIso: localTime.toISO(),
          triggeredAt: /* @__PURE__ */ new Date(),
          task: this,
          execution
        };
        return ctx;
      }
    };
    exports2.InlineScheduledTask = InlineScheduledTask;
  }
});

// node_modules/node-cron/dist/cjs/task-registry.js
var require_task_registry = __commonJS({
  "node_modules/node-cron/dist/cjs/task-registry.js"(exports2) {
    "use strict";
    Object.defineProperty(exports2, "__esModule", { value: true });
    exports2.TaskRegistry = void 0;
    var tasks = /* @__PURE__ */ new Map();
    var TaskRegistry = class {
      add(task) {
        if (this.has(task.id)) {
          throw Error(`task ${task.id} already registred!`);
        }
        tasks.set(task.id, task);
        task.on("task:destroyed", () => {
          this.remove(task);
        });
      }
      get(taskId) {
        return tasks.get(taskId);
      }
      remove(task) {
        if (this.has(task.id)) {
          task?.destroy();
          tasks.delete(task.id);
        }
      }
      all() {
        return tasks;
      }
      has(taskId) {
        return tasks.has(taskId);
      }
      killAll() {
        tasks.forEach((id) => this.remove(id));
      }
    };
    exports2.TaskRegistry = TaskRegistry;
  }
});

// node_modules/node-cron/dist/cjs/pattern/validation/pattern-validation.js
var require_pattern_validation = __commonJS({
  "node_modules/node-cron/dist/cjs/pattern/validation/pattern-validation.js"(exports2) {
    "use strict";
    var __importDefault = exports2 && exports2.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports2, "__esModule", { value: true });
    var index_1 = __importDefault(require_convertion());
    var validationRegex = /^(?:\d+|\*|\*\/\d+)$/;
    function isValidExpression(expression, min, max) {
      const options = expression;
      for (const option of options) {
        const optionAsInt = parseInt(option, 10);
        if (!Number.isNaN(optionAsInt) && (optionAsInt < min || optionAsInt > max) || !validationRegex.test(option))
          return false;
      }
      return true;
    }
    function isInvalidSecond(expression) {
      return !isValidExpression(expression, 0, 59);
    }
    function isInvalidMinute(expression) {
      return !isValidExpression(expression, 0, 59);
    }
    function isInvalidHour(expression) {
      return !isValidExpression(expression, 0, 23);
    }
    function isInvalidDayOfMonth(expression) {
      return !isValidExpression(expression, 1, 31);
    }
    function isInvalidMonth(expression) {
      return !isValidExpression(expression, 1, 12);
    }
    function isInvalidWeekDay(expression) {
      return !isValidExpression(expression, 0, 7);
    }
    function validateFields(patterns, executablePatterns) {
      if (isInvalidSecond(executablePatterns[0]))
        throw new Error(`${patterns[0]} is a invalid expression for second`);
      if (isInvalidMinute(executablePatterns[1]))
        throw new Error(`${patterns[1]} is a invalid expression for minute`);
      if (isInvalidHour(executablePatterns[2]))
        throw new Error(`${patterns[2]} is a invalid expression for hour`);
      if (isInvalidDayOfMonth(executablePatterns[3]))
        throw new Error(`${patterns[3]} is a invalid expression for day of month`);
      if (isInvalidMonth(executablePatterns[4]))
        throw new Error(`${patterns[4]} is a invalid expression for month`);
      if (isInvalidWeekDay(executablePatterns[5]))
        throw new Error(`${patterns[5]} is a invalid expression for week day`);
    }
    function validate(pattern) {
      if (typeof pattern !== "string")
        throw new TypeError("pattern must be a string!");
      const patterns = pattern.split(" ");
      const executablePatterns = (0, index_1.default)(pattern);
      if (patterns.length === 5)
        patterns.unshift("0");
      validateFields(patterns, executablePatterns);
    }
    exports2.default = validate;
  }
});

// node_modules/node-cron/dist/cjs/tasks/background-scheduled-task/background-scheduled-task.js
var require_background_scheduled_task = __commonJS({
  "node_modules/node-cron/dist/cjs/tasks/background-scheduled-task/background-scheduled-task.js"(exports2) {
    "use strict";
    var __importDefault = exports2 && exports2.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports2, "__esModule", { value: true });
    var path_1 = require("path");
    var child_process_1 = require("child_process");
    var create_id_1 = require_create_id();
    var stream_1 = require("stream");
    var state_machine_1 = require_state_machine();
    var localized_time_1 = require_localized_time();
    var logger_1 = __importDefault(require_logger());
    var time_matcher_1 = require_time_matcher();
    var daemonPath = (0, path_1.resolve)(__dirname, "daemon.js");
    var TaskEmitter = class extends stream_1.EventEmitter {
    };
    var BackgroundScheduledTask = class {
      emitter;
      id;
      name;
      cronExpression;
      taskPath;
      options;
      forkProcess;
      stateMachine;
      constructor(cronExpression, taskPath, options) {
        this.cronExpression = cronExpression;
        this.taskPath = taskPath;
        this.options = options;
        this.id = (0, create_id_1.createID)("task");
        this.name = options?.name || this.id;
        this.emitter = new TaskEmitter();
        this.stateMachine = new state_machine_1.StateMachine("stopped");
        this.on("task:stopped", () => {
          this.forkProcess?.kill();
          this.forkProcess = void 0;
          this.stateMachine.changeState("stopped");
        });
        this.on("task:destroyed", () => {
          this.forkProcess?.kill();
          this.forkProcess = void 0;
          this.stateMachine.changeState("destroyed");
        });
      }
      getNextRun() {
        if (this.stateMachine.state !== "stopped") {
          const timeMatcher = new time_matcher_1.TimeMatcher(this.cronExpression, this.options?.timezone);
          return timeMatcher.getNextMatch(/* @__PURE__ */ new Date());
        }
        return null;
      }
      start() {
        return new Promise((resolve3, reject) => {
          if (this.forkProcess) {
            return resolve3(void 0);
          }
          const timeout = setTimeout(() => {
            reject(new Error("Start operation timed out"));
          }, 5e3);
          try {
            this.forkProcess = (0, child_process_1.fork)(daemonPath);
            this.forkProcess.on("error", (err2) => {
              clearTimeout(timeout);
              reject(new Error(`Error on daemon: ${err2.message}`));
            });
            this.forkProcess.on("exit", (code, signal) => {
              if (code !== 0 && signal !== "SIGTERM") {
                const erro = new Error(`node-cron daemon exited with code ${code || signal}`);
                logger_1.default.error(erro);
                clearTimeout(timeout);
                reject(erro);
              }
            });
            this.forkProcess.on("message", (message) => {
              if (message.jsonError) {
                if (message.context?.execution) {
                  message.context.execution.error = deserializeError(message.jsonError);
                  delete message.jsonError;
                }
              }
              if (message.context?.task?.state) {
                this.stateMachine.changeState(message.context?.task?.state);
              }
              if (message.context) {
                const execution = message.context?.execution;
                delete execution?.hasError;
                const context2 = this.createContext(new Date(message.context.date), execution);
                this.emitter.emit(message.event, context2);
              }
            });
            this.once("task:started", () => {
              this.stateMachine.changeState("idle");
              clearTimeout(timeout);
              resolve3(void 0);
            });
            this.forkProcess.send({
              command: "task:start",
              path: this.taskPath,
              cron: this.cronExpression,
              options: this.options
            });
          } catch (error) {
            reject(error);
          }
        });
      }
      stop() {
        return new Promise((resolve3, reject) => {
          if (!this.forkProcess) {
            return resolve3(void 0);
          }
          const timeoutId = setTimeout(() => {
            clearTimeout(timeoutId);
            reject(new Error("Stop operation timed out"));
          }, 5e3);
          const cleanupAndResolve = () => {
            clearTimeout(timeoutId);
            this.off("task:stopped", onStopped);
            this.forkProcess = void 0;
            resolve3(void 0);
          };
          const onStopped = () => {
            cleanupAndResolve();
          };
          this.once("task:stopped", onStopped);
          this.forkProcess.send({
            command: "task:stop"
          });
        });
      }
      getStatus() {
        return this.stateMachine.state;
      }
      destroy() {
        return new Promise((resolve3, reject) => {
          if (!this.forkProcess) {
            return resolve3(void 0);
          }
          const timeoutId = setTimeout(() => {
            clearTimeout(timeoutId);
            reject(new Error("Destroy operation timed out"));
          }, 5e3);
          const onDestroy = () => {
            clearTimeout(timeoutId);
            this.off("task:destroyed", onDestroy);
            resolve3(void 0);
          };
          this.once("task:destroyed", onDestroy);
          this.forkProcess.send({
            command: "task:destroy"
          });
        });
      }
      execute() {
        return new Promise((resolve3, reject) => {
          if (!this.forkProcess) {
            return reject(new Error("Cannot execute background task because it hasn't been started yet. Please initialize the task using the start() method before attempting to execute it."));
          }
          const timeoutId = setTimeout(() => {
            cleanupListeners();
            reject(new Error("Execution timeout exceeded"));
          }, 5e3);
          const cleanupListeners = () => {
            clearTimeout(timeoutId);
            this.off("execution:finished", onFinished);
            this.off("execution:failed", onFail);
          };
          const onFinished = (context2) => {
            cleanupListeners();
            resolve3(context2.execution?.result);
          };
          const onFail = (context2) => {
            cleanupListeners();
            reject(context2.execution?.error || new Error("Execution failed without specific error"));
          };
          this.once("execution:finished", onFinished);
          this.once("execution:failed", onFail);
          this.forkProcess.send({
            command: "task:execute"
          });
        });
      }
      on(event, fun) {
        this.emitter.on(event, fun);
      }
      off(event, fun) {
        this.emitter.off(event, fun);
      }
      once(event, fun) {
        this.emitter.once(event, fun);
      }
      createContext(executionDate, execution) {
        const localTime = new localized_time_1.LocalizedTime(executionDate, this.options?.timezone);
        const ctx = {
          date: localTime.toDate(),
          dateLocalIso: localTime.toISO(),
          triggeredAt: /* @__PURE__ */ new Date(),
          task: this,
          execution
        };
        return ctx;
      }
    };
    function deserializeError(str2) {
      const data = JSON.parse(str2);
      const Err = globalThis[data.name] || Error;
      const err2 = new Err(data.message);
      if (data.stack) {
        err2.stack = data.stack;
      }
      Object.keys(data).forEach((key) => {
        if (!["name", "message", "stack"].includes(key)) {
          err2[key] = data[key];
        }
      });
      return err2;
    }
    exports2.default = BackgroundScheduledTask;
  }
});

// node_modules/node-cron/dist/cjs/node-cron.js
var require_node_cron = __commonJS({
  "node_modules/node-cron/dist/cjs/node-cron.js"(exports2) {
    "use strict";
    var __importDefault = exports2 && exports2.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports2, "__esModule", { value: true });
    exports2.nodeCron = exports2.getTask = exports2.getTasks = void 0;
    exports2.schedule = schedule;
    exports2.createTask = createTask;
    exports2.solvePath = solvePath;
    exports2.validate = validate;
    var inline_scheduled_task_1 = require_inline_scheduled_task();
    var task_registry_1 = require_task_registry();
    var pattern_validation_1 = __importDefault(require_pattern_validation());
    var background_scheduled_task_1 = __importDefault(require_background_scheduled_task());
    var path_1 = __importDefault(require("path"));
    var url_1 = require("url");
    var registry = new task_registry_1.TaskRegistry();
    function schedule(expression, func, options) {
      const task = createTask(expression, func, options);
      task.start();
      return task;
    }
    function createTask(expression, func, options) {
      let task;
      if (func instanceof Function) {
        task = new inline_scheduled_task_1.InlineScheduledTask(expression, func, options);
      } else {
        const taskPath = solvePath(func);
        task = new background_scheduled_task_1.default(expression, taskPath, options);
      }
      registry.add(task);
      return task;
    }
    function solvePath(filePath) {
      if (path_1.default.isAbsolute(filePath))
        return (0, url_1.pathToFileURL)(filePath).href;
      if (filePath.startsWith("file://"))
        return filePath;
      const stackLines = new Error().stack?.split("\n");
      if (stackLines) {
        stackLines?.shift();
        const callerLine = stackLines?.find((line) => {
          return line.indexOf(__filename) === -1;
        });
        const match2 = callerLine?.match(/(file:\/\/)?(((\/?)(\w:))?([/\\].+)):\d+:\d+/);
        if (match2) {
          const dir = `${match2[5] ?? ""}${path_1.default.dirname(match2[6])}`;
          return (0, url_1.pathToFileURL)(path_1.default.resolve(dir, filePath)).href;
        }
      }
      throw new Error(`Could not locate task file ${filePath}`);
    }
    function validate(expression) {
      try {
        (0, pattern_validation_1.default)(expression);
        return true;
      } catch (e) {
        return false;
      }
    }
    exports2.getTasks = registry.all;
    exports2.getTask = registry.get;
    exports2.nodeCron = {
      schedule,
      createTask,
      validate,
      getTasks: exports2.getTasks,
      getTask: exports2.getTask
    };
    exports2.default = exports2.nodeCron;
  }
});

// node_modules/is-plain-obj/index.js
function isPlainObject(value2) {
  if (typeof value2 !== "object" || value2 === null) {
    return false;
  }
  const prototype = Object.getPrototypeOf(value2);
  return (prototype === null || prototype === Object.prototype || Object.getPrototypeOf(prototype) === null) && !(Symbol.toStringTag in value2) && !(Symbol.iterator in value2);
}
var init_is_plain_obj = __esm({
  "node_modules/is-plain-obj/index.js"() {
  }
});

// node_modules/execa/lib/arguments/file-url.js
var import_node_url, safeNormalizeFileUrl, normalizeDenoExecPath, isDenoExecPath, normalizeFileUrl;
var init_file_url = __esm({
  "node_modules/execa/lib/arguments/file-url.js"() {
    import_node_url = require("node:url");
    safeNormalizeFileUrl = (file, name) => {
      const fileString = normalizeFileUrl(normalizeDenoExecPath(file));
      if (typeof fileString !== "string") {
        throw new TypeError(`${name} must be a string or a file URL: ${fileString}.`);
      }
      return fileString;
    };
    normalizeDenoExecPath = (file) => isDenoExecPath(file) ? file.toString() : file;
    isDenoExecPath = (file) => typeof file !== "string" && file && Object.getPrototypeOf(file) === String.prototype;
    normalizeFileUrl = (file) => file instanceof URL ? (0, import_node_url.fileURLToPath)(file) : file;
  }
});

// node_modules/execa/lib/methods/parameters.js
var normalizeParameters;
var init_parameters = __esm({
  "node_modules/execa/lib/methods/parameters.js"() {
    init_is_plain_obj();
    init_file_url();
    normalizeParameters = (rawFile, rawArguments = [], rawOptions = {}) => {
      const filePath = safeNormalizeFileUrl(rawFile, "First argument");
      const [commandArguments, options] = isPlainObject(rawArguments) ? [[], rawArguments] : [rawArguments, rawOptions];
      if (!Array.isArray(commandArguments)) {
        throw new TypeError(`Second argument must be either an array of arguments or an options object: ${commandArguments}`);
      }
      if (commandArguments.some((commandArgument) => typeof commandArgument === "object" && commandArgument !== null)) {
        throw new TypeError(`Second argument must be an array of strings: ${commandArguments}`);
      }
      const normalizedArguments = commandArguments.map(String);
      const nullByteArgument = normalizedArguments.find((normalizedArgument) => normalizedArgument.includes("\0"));
      if (nullByteArgument !== void 0) {
        throw new TypeError(`Arguments cannot contain null bytes ("\\0"): ${nullByteArgument}`);
      }
      if (!isPlainObject(options)) {
        throw new TypeError(`Last argument must be an options object: ${options}`);
      }
      return [filePath, normalizedArguments, options];
    };
  }
});

// node_modules/execa/lib/utils/uint-array.js
var import_node_string_decoder, objectToString, isArrayBuffer, isUint8Array, bufferToUint8Array, textEncoder, stringToUint8Array, textDecoder, uint8ArrayToString, joinToString, uint8ArraysToStrings, joinToUint8Array, stringsToUint8Arrays, concatUint8Arrays, getJoinLength;
var init_uint_array = __esm({
  "node_modules/execa/lib/utils/uint-array.js"() {
    import_node_string_decoder = require("node:string_decoder");
    ({ toString: objectToString } = Object.prototype);
    isArrayBuffer = (value2) => objectToString.call(value2) === "[object ArrayBuffer]";
    isUint8Array = (value2) => objectToString.call(value2) === "[object Uint8Array]";
    bufferToUint8Array = (buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    textEncoder = new TextEncoder();
    stringToUint8Array = (string) => textEncoder.encode(string);
    textDecoder = new TextDecoder();
    uint8ArrayToString = (uint8Array) => textDecoder.decode(uint8Array);
    joinToString = (uint8ArraysOrStrings, encoding) => {
      const strings = uint8ArraysToStrings(uint8ArraysOrStrings, encoding);
      return strings.join("");
    };
    uint8ArraysToStrings = (uint8ArraysOrStrings, encoding) => {
      if (encoding === "utf8" && uint8ArraysOrStrings.every((uint8ArrayOrString) => typeof uint8ArrayOrString === "string")) {
        return uint8ArraysOrStrings;
      }
      const decoder = new import_node_string_decoder.StringDecoder(encoding);
      const strings = uint8ArraysOrStrings.map((uint8ArrayOrString) => typeof uint8ArrayOrString === "string" ? stringToUint8Array(uint8ArrayOrString) : uint8ArrayOrString).map((uint8Array) => decoder.write(uint8Array));
      const finalString = decoder.end();
      return finalString === "" ? strings : [...strings, finalString];
    };
    joinToUint8Array = (uint8ArraysOrStrings) => {
      if (uint8ArraysOrStrings.length === 1 && isUint8Array(uint8ArraysOrStrings[0])) {
        return uint8ArraysOrStrings[0];
      }
      return concatUint8Arrays(stringsToUint8Arrays(uint8ArraysOrStrings));
    };
    stringsToUint8Arrays = (uint8ArraysOrStrings) => uint8ArraysOrStrings.map((uint8ArrayOrString) => typeof uint8ArrayOrString === "string" ? stringToUint8Array(uint8ArrayOrString) : uint8ArrayOrString);
    concatUint8Arrays = (uint8Arrays) => {
      const result = new Uint8Array(getJoinLength(uint8Arrays));
      let index = 0;
      for (const uint8Array of uint8Arrays) {
        result.set(uint8Array, index);
        index += uint8Array.length;
      }
      return result;
    };
    getJoinLength = (uint8Arrays) => {
      let joinLength = 0;
      for (const uint8Array of uint8Arrays) {
        joinLength += uint8Array.length;
      }
      return joinLength;
    };
  }
});

// node_modules/execa/lib/methods/template.js
var import_node_child_process2, isTemplateString, parseTemplates, parseTemplate, splitByWhitespaces, DELIMITERS, ESCAPE_LENGTH, concatTokens, parseExpression, getSubprocessResult;
var init_template = __esm({
  "node_modules/execa/lib/methods/template.js"() {
    import_node_child_process2 = require("node:child_process");
    init_is_plain_obj();
    init_uint_array();
    isTemplateString = (templates) => Array.isArray(templates) && Array.isArray(templates.raw);
    parseTemplates = (templates, expressions) => {
      let tokens = [];
      for (const [index, template] of templates.entries()) {
        tokens = parseTemplate({
          templates,
          expressions,
          tokens,
          index,
          template
        });
      }
      if (tokens.length === 0) {
        throw new TypeError("Template script must not be empty");
      }
      const [file, ...commandArguments] = tokens;
      return [file, commandArguments, {}];
    };
    parseTemplate = ({ templates, expressions, tokens, index, template }) => {
      if (template === void 0) {
        throw new TypeError(`Invalid backslash sequence: ${templates.raw[index]}`);
      }
      const { nextTokens, leadingWhitespaces, trailingWhitespaces } = splitByWhitespaces(template, templates.raw[index]);
      const newTokens = concatTokens(tokens, nextTokens, leadingWhitespaces);
      if (index === expressions.length) {
        return newTokens;
      }
      const expression = expressions[index];
      const expressionTokens = Array.isArray(expression) ? expression.map((expression2) => parseExpression(expression2)) : [parseExpression(expression)];
      return concatTokens(newTokens, expressionTokens, trailingWhitespaces);
    };
    splitByWhitespaces = (template, rawTemplate) => {
      if (rawTemplate.length === 0) {
        return { nextTokens: [], leadingWhitespaces: false, trailingWhitespaces: false };
      }
      const nextTokens = [];
      let templateStart = 0;
      const leadingWhitespaces = DELIMITERS.has(rawTemplate[0]);
      for (let templateIndex = 0, rawIndex = 0; templateIndex < template.length; templateIndex += 1, rawIndex += 1) {
        const rawCharacter = rawTemplate[rawIndex];
        if (DELIMITERS.has(rawCharacter)) {
          if (templateStart !== templateIndex) {
            nextTokens.push(template.slice(templateStart, templateIndex));
          }
          templateStart = templateIndex + 1;
        } else if (rawCharacter === "\\") {
          const nextRawCharacter = rawTemplate[rawIndex + 1];
          if (nextRawCharacter === "\n") {
            templateIndex -= 1;
            rawIndex += 1;
          } else if (nextRawCharacter === "u" && rawTemplate[rawIndex + 2] === "{") {
            rawIndex = rawTemplate.indexOf("}", rawIndex + 3);
          } else {
            rawIndex += ESCAPE_LENGTH[nextRawCharacter] ?? 1;
          }
        }
      }
      const trailingWhitespaces = templateStart === template.length;
      if (!trailingWhitespaces) {
        nextTokens.push(template.slice(templateStart));
      }
      return { nextTokens, leadingWhitespaces, trailingWhitespaces };
    };
    DELIMITERS = /* @__PURE__ */ new Set([" ", "	", "\r", "\n"]);
    ESCAPE_LENGTH = { x: 3, u: 5 };
    concatTokens = (tokens, nextTokens, isSeparated) => isSeparated || tokens.length === 0 || nextTokens.length === 0 ? [...tokens, ...nextTokens] : [
      ...tokens.slice(0, -1),
      `${tokens.at(-1)}${nextTokens[0]}`,
      ...nextTokens.slice(1)
    ];
    parseExpression = (expression) => {
      const typeOfExpression = typeof expression;
      if (typeOfExpression === "string") {
        return expression;
      }
      if (typeOfExpression === "number") {
        return String(expression);
      }
      if (isPlainObject(expression) && ("stdout" in expression || "isMaxBuffer" in expression)) {
        return getSubprocessResult(expression);
      }
      if (expression instanceof import_node_child_process2.ChildProcess || Object.prototype.toString.call(expression) === "[object Promise]") {
        throw new TypeError("Unexpected subprocess in template expression. Please use ${await subprocess} instead of ${subprocess}.");
      }
      throw new TypeError(`Unexpected "${typeOfExpression}" in template expression`);
    };
    getSubprocessResult = ({ stdout }) => {
      if (typeof stdout === "string") {
        return stdout;
      }
      if (isUint8Array(stdout)) {
        return uint8ArrayToString(stdout);
      }
      if (stdout === void 0) {
        throw new TypeError(`Missing result.stdout in template expression. This is probably due to the previous subprocess' "stdout" option.`);
      }
      throw new TypeError(`Unexpected "${typeof stdout}" stdout in template expression`);
    };
  }
});

// node_modules/execa/lib/utils/standard-stream.js
var import_node_process, isStandardStream, STANDARD_STREAMS, STANDARD_STREAMS_ALIASES, getStreamName;
var init_standard_stream = __esm({
  "node_modules/execa/lib/utils/standard-stream.js"() {
    import_node_process = __toESM(require("node:process"), 1);
    isStandardStream = (stream) => STANDARD_STREAMS.includes(stream);
    STANDARD_STREAMS = [import_node_process.default.stdin, import_node_process.default.stdout, import_node_process.default.stderr];
    STANDARD_STREAMS_ALIASES = ["stdin", "stdout", "stderr"];
    getStreamName = (fdNumber) => STANDARD_STREAMS_ALIASES[fdNumber] ?? `stdio[${fdNumber}]`;
  }
});

// node_modules/execa/lib/arguments/specific.js
var import_node_util, normalizeFdSpecificOptions, normalizeFdSpecificOption, getStdioLength, normalizeFdSpecificValue, normalizeOptionObject, compareFdName, getFdNameOrder, parseFdName, parseFd, FD_REGEXP, addDefaultValue, verboseDefault, DEFAULT_OPTIONS, FD_SPECIFIC_OPTIONS, getFdSpecificValue;
var init_specific = __esm({
  "node_modules/execa/lib/arguments/specific.js"() {
    import_node_util = require("node:util");
    init_is_plain_obj();
    init_standard_stream();
    normalizeFdSpecificOptions = (options) => {
      const optionsCopy = { ...options };
      for (const optionName of FD_SPECIFIC_OPTIONS) {
        optionsCopy[optionName] = normalizeFdSpecificOption(options, optionName);
      }
      return optionsCopy;
    };
    normalizeFdSpecificOption = (options, optionName) => {
      const optionBaseArray = Array.from({ length: getStdioLength(options) + 1 });
      const optionArray = normalizeFdSpecificValue(options[optionName], optionBaseArray, optionName);
      return addDefaultValue(optionArray, optionName);
    };
    getStdioLength = ({ stdio }) => Array.isArray(stdio) ? Math.max(stdio.length, STANDARD_STREAMS_ALIASES.length) : STANDARD_STREAMS_ALIASES.length;
    normalizeFdSpecificValue = (optionValue, optionArray, optionName) => isPlainObject(optionValue) ? normalizeOptionObject(optionValue, optionArray, optionName) : optionArray.fill(optionValue);
    normalizeOptionObject = (optionValue, optionArray, optionName) => {
      for (const fdName of Object.keys(optionValue).sort(compareFdName)) {
        for (const fdNumber of parseFdName(fdName, optionName, optionArray)) {
          optionArray[fdNumber] = optionValue[fdName];
        }
      }
      return optionArray;
    };
    compareFdName = (fdNameA, fdNameB) => getFdNameOrder(fdNameA) < getFdNameOrder(fdNameB) ? 1 : -1;
    getFdNameOrder = (fdName) => {
      if (fdName === "stdout" || fdName === "stderr") {
        return 0;
      }
      return fdName === "all" ? 2 : 1;
    };
    parseFdName = (fdName, optionName, optionArray) => {
      if (fdName === "ipc") {
        return [optionArray.length - 1];
      }
      const fdNumber = parseFd(fdName);
      if (fdNumber === void 0 || fdNumber === 0) {
        throw new TypeError(`"${optionName}.${fdName}" is invalid.
It must be "${optionName}.stdout", "${optionName}.stderr", "${optionName}.all", "${optionName}.ipc", or "${optionName}.fd3", "${optionName}.fd4" (and so on).`);
      }
      if (fdNumber >= optionArray.length) {
        throw new TypeError(`"${optionName}.${fdName}" is invalid: that file descriptor does not exist.
Please set the "stdio" option to ensure that file descriptor exists.`);
      }
      return fdNumber === "all" ? [1, 2] : [fdNumber];
    };
    parseFd = (fdName) => {
      if (fdName === "all") {
        return fdName;
      }
      if (STANDARD_STREAMS_ALIASES.includes(fdName)) {
        return STANDARD_STREAMS_ALIASES.indexOf(fdName);
      }
      const regexpResult = FD_REGEXP.exec(fdName);
      if (regexpResult !== null) {
        return Number(regexpResult[1]);
      }
    };
    FD_REGEXP = /^fd(\d+)$/;
    addDefaultValue = (optionArray, optionName) => optionArray.map((optionValue) => optionValue === void 0 ? DEFAULT_OPTIONS[optionName] : optionValue);
    verboseDefault = (0, import_node_util.debuglog)("execa").enabled ? "full" : "none";
    DEFAULT_OPTIONS = {
      lines: false,
      buffer: true,
      maxBuffer: 1e3 * 1e3 * 100,
      verbose: verboseDefault,
      stripFinalNewline: true
    };
    FD_SPECIFIC_OPTIONS = ["lines", "buffer", "maxBuffer", "verbose", "stripFinalNewline"];
    getFdSpecificValue = (optionArray, fdNumber) => fdNumber === "ipc" ? optionArray.at(-1) : optionArray[fdNumber];
  }
});

// node_modules/execa/lib/verbose/values.js
var isVerbose, isFullVerbose, getVerboseFunction, getFdVerbose, getFdGenericVerbose, isVerboseFunction, VERBOSE_VALUES;
var init_values = __esm({
  "node_modules/execa/lib/verbose/values.js"() {
    init_specific();
    isVerbose = ({ verbose }, fdNumber) => getFdVerbose(verbose, fdNumber) !== "none";
    isFullVerbose = ({ verbose }, fdNumber) => !["none", "short"].includes(getFdVerbose(verbose, fdNumber));
    getVerboseFunction = ({ verbose }, fdNumber) => {
      const fdVerbose = getFdVerbose(verbose, fdNumber);
      return isVerboseFunction(fdVerbose) ? fdVerbose : void 0;
    };
    getFdVerbose = (verbose, fdNumber) => fdNumber === void 0 ? getFdGenericVerbose(verbose) : getFdSpecificValue(verbose, fdNumber);
    getFdGenericVerbose = (verbose) => verbose.find((fdVerbose) => isVerboseFunction(fdVerbose)) ?? VERBOSE_VALUES.findLast((fdVerbose) => verbose.includes(fdVerbose));
    isVerboseFunction = (fdVerbose) => typeof fdVerbose === "function";
    VERBOSE_VALUES = ["none", "short", "full"];
  }
});

// node_modules/execa/lib/arguments/escape.js
var import_node_process2, import_node_util2, joinCommand, escapeLines, escapeControlCharacters, escapeControlCharacter, getSpecialCharRegExp, SPECIAL_CHAR_REGEXP, COMMON_ESCAPES, ASTRAL_START, quoteString, NO_ESCAPE_REGEXP;
var init_escape = __esm({
  "node_modules/execa/lib/arguments/escape.js"() {
    import_node_process2 = require("node:process");
    import_node_util2 = require("node:util");
    joinCommand = (filePath, rawArguments) => {
      const fileAndArguments = [filePath, ...rawArguments];
      const command = fileAndArguments.join(" ");
      const escapedCommand = fileAndArguments.map((fileAndArgument) => quoteString(escapeControlCharacters(fileAndArgument))).join(" ");
      return { command, escapedCommand };
    };
    escapeLines = (lines) => (0, import_node_util2.stripVTControlCharacters)(lines).split("\n").map((line) => escapeControlCharacters(line)).join("\n");
    escapeControlCharacters = (line) => line.replaceAll(SPECIAL_CHAR_REGEXP, (character) => escapeControlCharacter(character));
    escapeControlCharacter = (character) => {
      const commonEscape = COMMON_ESCAPES[character];
      if (commonEscape !== void 0) {
        return commonEscape;
      }
      const codepoint = character.codePointAt(0);
      const codepointHex = codepoint.toString(16);
      return codepoint <= ASTRAL_START ? `\\u${codepointHex.padStart(4, "0")}` : `\\U${codepointHex}`;
    };
    getSpecialCharRegExp = () => {
      try {
        return new RegExp("\\p{Separator}|\\p{Other}", "gu");
      } catch {
        return /[\s\u0000-\u001F\u007F-\u009F\u00AD]/g;
      }
    };
    SPECIAL_CHAR_REGEXP = getSpecialCharRegExp();
    COMMON_ESCAPES = {
      " ": " ",
      "\b": "\\b",
      "\f": "\\f",
      "\n": "\\n",
      "\r": "\\r",
      "	": "\\t"
    };
    ASTRAL_START = 65535;
    quoteString = (escapedArgument) => {
      if (NO_ESCAPE_REGEXP.test(escapedArgument)) {
        return escapedArgument;
      }
      return import_node_process2.platform === "win32" ? `"${escapedArgument.replaceAll('"', '""')}"` : `'${escapedArgument.replaceAll("'", "'\\''")}'`;
    };
    NO_ESCAPE_REGEXP = /^[\w./-]+$/;
  }
});

// node_modules/is-unicode-supported/index.js
function isUnicodeSupported() {
  const { env } = import_node_process3.default;
  const { TERM, TERM_PROGRAM } = env;
  if (import_node_process3.default.platform !== "win32") {
    return TERM !== "linux";
  }
  return Boolean(env.WT_SESSION) || Boolean(env.TERMINUS_SUBLIME) || env.ConEmuTask === "{cmd::Cmder}" || TERM_PROGRAM === "Terminus-Sublime" || TERM_PROGRAM === "vscode" || TERM === "xterm-256color" || TERM === "alacritty" || TERM === "rxvt-unicode" || TERM === "rxvt-unicode-256color" || env.TERMINAL_EMULATOR === "JetBrains-JediTerm";
}
var import_node_process3;
var init_is_unicode_supported = __esm({
  "node_modules/is-unicode-supported/index.js"() {
    import_node_process3 = __toESM(require("node:process"), 1);
  }
});

// node_modules/figures/index.js
var common, specialMainSymbols, specialFallbackSymbols, mainSymbols, fallbackSymbols, shouldUseMain, figures, figures_default, replacements;
var init_figures = __esm({
  "node_modules/figures/index.js"() {
    init_is_unicode_supported();
    common = {
      circleQuestionMark: "(?)",
      questionMarkPrefix: "(?)",
      square: "\u2588",
      squareDarkShade: "\u2593",
      squareMediumShade: "\u2592",
      squareLightShade: "\u2591",
      squareTop: "\u2580",
      squareBottom: "\u2584",
      squareLeft: "\u258C",
      squareRight: "\u2590",
      squareCenter: "\u25A0",
      bullet: "\u25CF",
      dot: "\u2024",
      ellipsis: "\u2026",
      pointerSmall: "\u203A",
      triangleUp: "\u25B2",
      triangleUpSmall: "\u25B4",
      triangleDown: "\u25BC",
      triangleDownSmall: "\u25BE",
      triangleLeftSmall: "\u25C2",
      triangleRightSmall: "\u25B8",
      home: "\u2302",
      heart: "\u2665",
      musicNote: "\u266A",
      musicNoteBeamed: "\u266B",
      arrowUp: "\u2191",
      arrowDown: "\u2193",
      arrowLeft: "\u2190",
      arrowRight: "\u2192",
      arrowLeftRight: "\u2194",
      arrowUpDown: "\u2195",
      almostEqual: "\u2248",
      notEqual: "\u2260",
      lessOrEqual: "\u2264",
      greaterOrEqual: "\u2265",
      identical: "\u2261",
      infinity: "\u221E",
      subscriptZero: "\u2080",
      subscriptOne: "\u2081",
      subscriptTwo: "\u2082",
      subscriptThree: "\u2083",
      subscriptFour: "\u2084",
      subscriptFive: "\u2085",
      subscriptSix: "\u2086",
      subscriptSeven: "\u2087",
      subscriptEight: "\u2088",
      subscriptNine: "\u2089",
      oneHalf: "\xBD",
      oneThird: "\u2153",
      oneQuarter: "\xBC",
      oneFifth: "\u2155",
      oneSixth: "\u2159",
      oneEighth: "\u215B",
      twoThirds: "\u2154",
      twoFifths: "\u2156",
      threeQuarters: "\xBE",
      threeFifths: "\u2157",
      threeEighths: "\u215C",
      fourFifths: "\u2158",
      fiveSixths: "\u215A",
      fiveEighths: "\u215D",
      sevenEighths: "\u215E",
      line: "\u2500",
      lineBold: "\u2501",
      lineDouble: "\u2550",
      lineDashed0: "\u2504",
      lineDashed1: "\u2505",
      lineDashed2: "\u2508",
      lineDashed3: "\u2509",
      lineDashed4: "\u254C",
      lineDashed5: "\u254D",
      lineDashed6: "\u2574",
      lineDashed7: "\u2576",
      lineDashed8: "\u2578",
      lineDashed9: "\u257A",
      lineDashed10: "\u257C",
      lineDashed11: "\u257E",
      lineDashed12: "\u2212",
      lineDashed13: "\u2013",
      lineDashed14: "\u2010",
      lineDashed15: "\u2043",
      lineVertical: "\u2502",
      lineVerticalBold: "\u2503",
      lineVerticalDouble: "\u2551",
      lineVerticalDashed0: "\u2506",
      lineVerticalDashed1: "\u2507",
      lineVerticalDashed2: "\u250A",
      lineVerticalDashed3: "\u250B",
      lineVerticalDashed4: "\u254E",
      lineVerticalDashed5: "\u254F",
      lineVerticalDashed6: "\u2575",
      lineVerticalDashed7: "\u2577",
      lineVerticalDashed8: "\u2579",
      lineVerticalDashed9: "\u257B",
      lineVerticalDashed10: "\u257D",
      lineVerticalDashed11: "\u257F",
      lineDownLeft: "\u2510",
      lineDownLeftArc: "\u256E",
      lineDownBoldLeftBold: "\u2513",
      lineDownBoldLeft: "\u2512",
      lineDownLeftBold: "\u2511",
      lineDownDoubleLeftDouble: "\u2557",
      lineDownDoubleLeft: "\u2556",
      lineDownLeftDouble: "\u2555",
      lineDownRight: "\u250C",
      lineDownRightArc: "\u256D",
      lineDownBoldRightBold: "\u250F",
      lineDownBoldRight: "\u250E",
      lineDownRightBold: "\u250D",
      lineDownDoubleRightDouble: "\u2554",
      lineDownDoubleRight: "\u2553",
      lineDownRightDouble: "\u2552",
      lineUpLeft: "\u2518",
      lineUpLeftArc: "\u256F",
      lineUpBoldLeftBold: "\u251B",
      lineUpBoldLeft: "\u251A",
      lineUpLeftBold: "\u2519",
      lineUpDoubleLeftDouble: "\u255D",
      lineUpDoubleLeft: "\u255C",
      lineUpLeftDouble: "\u255B",
      lineUpRight: "\u2514",
      lineUpRightArc: "\u2570",
      lineUpBoldRightBold: "\u2517",
      lineUpBoldRight: "\u2516",
      lineUpRightBold: "\u2515",
      lineUpDoubleRightDouble: "\u255A",
      lineUpDoubleRight: "\u2559",
      lineUpRightDouble: "\u2558",
      lineUpDownLeft: "\u2524",
      lineUpBoldDownBoldLeftBold: "\u252B",
      lineUpBoldDownBoldLeft: "\u2528",
      lineUpDownLeftBold: "\u2525",
      lineUpBoldDownLeftBold: "\u2529",
      lineUpDownBoldLeftBold: "\u252A",
      lineUpDownBoldLeft: "\u2527",
      lineUpBoldDownLeft: "\u2526",
      lineUpDoubleDownDoubleLeftDouble: "\u2563",
      lineUpDoubleDownDoubleLeft: "\u2562",
      lineUpDownLeftDouble: "\u2561",
      lineUpDownRight: "\u251C",
      lineUpBoldDownBoldRightBold: "\u2523",
      lineUpBoldDownBoldRight: "\u2520",
      lineUpDownRightBold: "\u251D",
      lineUpBoldDownRightBold: "\u2521",
      lineUpDownBoldRightBold: "\u2522",
      lineUpDownBoldRight: "\u251F",
      lineUpBoldDownRight: "\u251E",
      lineUpDoubleDownDoubleRightDouble: "\u2560",
      lineUpDoubleDownDoubleRight: "\u255F",
      lineUpDownRightDouble: "\u255E",
      lineDownLeftRight: "\u252C",
      lineDownBoldLeftBoldRightBold: "\u2533",
      lineDownLeftBoldRightBold: "\u252F",
      lineDownBoldLeftRight: "\u2530",
      lineDownBoldLeftBoldRight: "\u2531",
      lineDownBoldLeftRightBold: "\u2532",
      lineDownLeftRightBold: "\u252E",
      lineDownLeftBoldRight: "\u252D",
      lineDownDoubleLeftDoubleRightDouble: "\u2566",
      lineDownDoubleLeftRight: "\u2565",
      lineDownLeftDoubleRightDouble: "\u2564",
      lineUpLeftRight: "\u2534",
      lineUpBoldLeftBoldRightBold: "\u253B",
      lineUpLeftBoldRightBold: "\u2537",
      lineUpBoldLeftRight: "\u2538",
      lineUpBoldLeftBoldRight: "\u2539",
      lineUpBoldLeftRightBold: "\u253A",
      lineUpLeftRightBold: "\u2536",
      lineUpLeftBoldRight: "\u2535",
      lineUpDoubleLeftDoubleRightDouble: "\u2569",
      lineUpDoubleLeftRight: "\u2568",
      lineUpLeftDoubleRightDouble: "\u2567",
      lineUpDownLeftRight: "\u253C",
      lineUpBoldDownBoldLeftBoldRightBold: "\u254B",
      lineUpDownBoldLeftBoldRightBold: "\u2548",
      lineUpBoldDownLeftBoldRightBold: "\u2547",
      lineUpBoldDownBoldLeftRightBold: "\u254A",
      lineUpBoldDownBoldLeftBoldRight: "\u2549",
      lineUpBoldDownLeftRight: "\u2540",
      lineUpDownBoldLeftRight: "\u2541",
      lineUpDownLeftBoldRight: "\u253D",
      lineUpDownLeftRightBold: "\u253E",
      lineUpBoldDownBoldLeftRight: "\u2542",
      lineUpDownLeftBoldRightBold: "\u253F",
      lineUpBoldDownLeftBoldRight: "\u2543",
      lineUpBoldDownLeftRightBold: "\u2544",
      lineUpDownBoldLeftBoldRight: "\u2545",
      lineUpDownBoldLeftRightBold: "\u2546",
      lineUpDoubleDownDoubleLeftDoubleRightDouble: "\u256C",
      lineUpDoubleDownDoubleLeftRight: "\u256B",
      lineUpDownLeftDoubleRightDouble: "\u256A",
      lineCross: "\u2573",
      lineBackslash: "\u2572",
      lineSlash: "\u2571"
    };
    specialMainSymbols = {
      tick: "\u2714",
      info: "\u2139",
      warning: "\u26A0",
      cross: "\u2718",
      squareSmall: "\u25FB",
      squareSmallFilled: "\u25FC",
      circle: "\u25EF",
      circleFilled: "\u25C9",
      circleDotted: "\u25CC",
      circleDouble: "\u25CE",
      circleCircle: "\u24DE",
      circleCross: "\u24E7",
      circlePipe: "\u24BE",
      radioOn: "\u25C9",
      radioOff: "\u25EF",
      checkboxOn: "\u2612",
      checkboxOff: "\u2610",
      checkboxCircleOn: "\u24E7",
      checkboxCircleOff: "\u24BE",
      pointer: "\u276F",
      triangleUpOutline: "\u25B3",
      triangleLeft: "\u25C0",
      triangleRight: "\u25B6",
      lozenge: "\u25C6",
      lozengeOutline: "\u25C7",
      hamburger: "\u2630",
      smiley: "\u32E1",
      mustache: "\u0DF4",
      star: "\u2605",
      play: "\u25B6",
      nodejs: "\u2B22",
      oneSeventh: "\u2150",
      oneNinth: "\u2151",
      oneTenth: "\u2152"
    };
    specialFallbackSymbols = {
      tick: "\u221A",
      info: "i",
      warning: "\u203C",
      cross: "\xD7",
      squareSmall: "\u25A1",
      squareSmallFilled: "\u25A0",
      circle: "( )",
      circleFilled: "(*)",
      circleDotted: "( )",
      circleDouble: "( )",
      circleCircle: "(\u25CB)",
      circleCross: "(\xD7)",
      circlePipe: "(\u2502)",
      radioOn: "(*)",
      radioOff: "( )",
      checkboxOn: "[\xD7]",
      checkboxOff: "[ ]",
      checkboxCircleOn: "(\xD7)",
      checkboxCircleOff: "( )",
      pointer: ">",
      triangleUpOutline: "\u2206",
      triangleLeft: "\u25C4",
      triangleRight: "\u25BA",
      lozenge: "\u2666",
      lozengeOutline: "\u25CA",
      hamburger: "\u2261",
      smiley: "\u263A",
      mustache: "\u250C\u2500\u2510",
      star: "\u2736",
      play: "\u25BA",
      nodejs: "\u2666",
      oneSeventh: "1/7",
      oneNinth: "1/9",
      oneTenth: "1/10"
    };
    mainSymbols = { ...common, ...specialMainSymbols };
    fallbackSymbols = { ...common, ...specialFallbackSymbols };
    shouldUseMain = isUnicodeSupported();
    figures = shouldUseMain ? mainSymbols : fallbackSymbols;
    figures_default = figures;
    replacements = Object.entries(specialMainSymbols);
  }
});

// node_modules/yoctocolors/base.js
var import_node_tty, hasColors, format, reset, bold, dim, italic, underline, underlineDouble, underlineCurly, underlineDotted, underlineDashed, overline, inverse, hidden, strikethrough, black, red, green, yellow, blue, magenta, cyan, white, gray, bgBlack, bgRed, bgGreen, bgYellow, bgBlue, bgMagenta, bgCyan, bgWhite, bgGray, redBright, greenBright, yellowBright, blueBright, magentaBright, cyanBright, whiteBright, bgRedBright, bgGreenBright, bgYellowBright, bgBlueBright, bgMagentaBright, bgCyanBright, bgWhiteBright, underlineBlack, underlineRed, underlineGreen, underlineYellow, underlineBlue, underlineMagenta, underlineCyan, underlineWhite, underlineGray, underlineRedBright, underlineGreenBright, underlineYellowBright, underlineBlueBright, underlineMagentaBright, underlineCyanBright, underlineWhiteBright;
var init_base = __esm({
  "node_modules/yoctocolors/base.js"() {
    import_node_tty = __toESM(require("node:tty"), 1);
    hasColors = import_node_tty.default?.WriteStream?.prototype?.hasColors?.() ?? false;
    format = (open, close) => {
      if (!hasColors) {
        return (input) => input;
      }
      const openCode = `\x1B[${open}m`;
      const closeCode = `\x1B[${close}m`;
      return (input) => {
        const string = input + "";
        let index = string.indexOf(closeCode);
        if (index === -1) {
          return openCode + string + closeCode;
        }
        let result = openCode;
        let lastIndex = 0;
        const reopenOnNestedClose = close === 22;
        const replaceCode = (reopenOnNestedClose ? closeCode : "") + openCode;
        while (index !== -1) {
          result += string.slice(lastIndex, index) + replaceCode;
          lastIndex = index + closeCode.length;
          index = string.indexOf(closeCode, lastIndex);
        }
        result += string.slice(lastIndex) + closeCode;
        return result;
      };
    };
    reset = format(0, 0);
    bold = format(1, 22);
    dim = format(2, 22);
    italic = format(3, 23);
    underline = format(4, 24);
    underlineDouble = format("4:2", 24);
    underlineCurly = format("4:3", 24);
    underlineDotted = format("4:4", 24);
    underlineDashed = format("4:5", 24);
    overline = format(53, 55);
    inverse = format(7, 27);
    hidden = format(8, 28);
    strikethrough = format(9, 29);
    black = format(30, 39);
    red = format(31, 39);
    green = format(32, 39);
    yellow = format(33, 39);
    blue = format(34, 39);
    magenta = format(35, 39);
    cyan = format(36, 39);
    white = format(37, 39);
    gray = format(90, 39);
    bgBlack = format(40, 49);
    bgRed = format(41, 49);
    bgGreen = format(42, 49);
    bgYellow = format(43, 49);
    bgBlue = format(44, 49);
    bgMagenta = format(45, 49);
    bgCyan = format(46, 49);
    bgWhite = format(47, 49);
    bgGray = format(100, 49);
    redBright = format(91, 39);
    greenBright = format(92, 39);
    yellowBright = format(93, 39);
    blueBright = format(94, 39);
    magentaBright = format(95, 39);
    cyanBright = format(96, 39);
    whiteBright = format(97, 39);
    bgRedBright = format(101, 49);
    bgGreenBright = format(102, 49);
    bgYellowBright = format(103, 49);
    bgBlueBright = format(104, 49);
    bgMagentaBright = format(105, 49);
    bgCyanBright = format(106, 49);
    bgWhiteBright = format(107, 49);
    underlineBlack = format("58;5;0", 59);
    underlineRed = format("58;5;1", 59);
    underlineGreen = format("58;5;2", 59);
    underlineYellow = format("58;5;3", 59);
    underlineBlue = format("58;5;4", 59);
    underlineMagenta = format("58;5;5", 59);
    underlineCyan = format("58;5;6", 59);
    underlineWhite = format("58;5;7", 59);
    underlineGray = format("58;5;8", 59);
    underlineRedBright = format("58;5;9", 59);
    underlineGreenBright = format("58;5;10", 59);
    underlineYellowBright = format("58;5;11", 59);
    underlineBlueBright = format("58;5;12", 59);
    underlineMagentaBright = format("58;5;13", 59);
    underlineCyanBright = format("58;5;14", 59);
    underlineWhiteBright = format("58;5;15", 59);
  }
});

// node_modules/yoctocolors/index.js
var init_yoctocolors = __esm({
  "node_modules/yoctocolors/index.js"() {
    init_base();
    init_base();
  }
});

// node_modules/execa/lib/verbose/default.js
var defaultVerboseFunction, serializeTimestamp, padField, getFinalIcon, ICONS, identity, COLORS;
var init_default = __esm({
  "node_modules/execa/lib/verbose/default.js"() {
    init_figures();
    init_yoctocolors();
    defaultVerboseFunction = ({
      type,
      message,
      timestamp,
      piped,
      commandId,
      result: { failed = false } = {},
      options: { reject = true }
    }) => {
      const timestampString = serializeTimestamp(timestamp);
      const icon = ICONS[type]({ failed, reject, piped });
      const color = COLORS[type]({ reject });
      return `${gray(`[${timestampString}]`)} ${gray(`[${commandId}]`)} ${color(icon)} ${color(message)}`;
    };
    serializeTimestamp = (timestamp) => `${padField(timestamp.getHours(), 2)}:${padField(timestamp.getMinutes(), 2)}:${padField(timestamp.getSeconds(), 2)}.${padField(timestamp.getMilliseconds(), 3)}`;
    padField = (field, padding) => String(field).padStart(padding, "0");
    getFinalIcon = ({ failed, reject }) => {
      if (!failed) {
        return figures_default.tick;
      }
      return reject ? figures_default.cross : figures_default.warning;
    };
    ICONS = {
      command: ({ piped }) => piped ? "|" : "$",
      output: () => " ",
      ipc: () => "*",
      error: getFinalIcon,
      duration: getFinalIcon
    };
    identity = (string) => string;
    COLORS = {
      command: () => bold,
      output: () => identity,
      ipc: () => identity,
      error: ({ reject }) => reject ? redBright : yellowBright,
      duration: () => gray
    };
  }
});

// node_modules/execa/lib/verbose/custom.js
var applyVerboseOnLines, applyVerboseFunction, appendNewline;
var init_custom = __esm({
  "node_modules/execa/lib/verbose/custom.js"() {
    init_values();
    applyVerboseOnLines = (printedLines, verboseInfo, fdNumber) => {
      const verboseFunction = getVerboseFunction(verboseInfo, fdNumber);
      return printedLines.map(({ verboseLine, verboseObject }) => applyVerboseFunction(verboseLine, verboseObject, verboseFunction)).filter((printedLine) => printedLine !== void 0).map((printedLine) => appendNewline(printedLine)).join("");
    };
    applyVerboseFunction = (verboseLine, verboseObject, verboseFunction) => {
      if (verboseFunction === void 0) {
        return verboseLine;
      }
      const printedLine = verboseFunction(verboseLine, verboseObject);
      if (typeof printedLine === "string") {
        return printedLine;
      }
    };
    appendNewline = (printedLine) => printedLine.endsWith("\n") ? printedLine : `${printedLine}
`;
  }
});

// node_modules/execa/lib/verbose/log.js
var import_node_util3, verboseLog, getVerboseObject, getPrintedLines, getPrintedLine, serializeVerboseMessage, TAB_SIZE;
var init_log = __esm({
  "node_modules/execa/lib/verbose/log.js"() {
    import_node_util3 = require("node:util");
    init_escape();
    init_default();
    init_custom();
    verboseLog = ({ type, verboseMessage, fdNumber, verboseInfo, result }) => {
      const verboseObject = getVerboseObject({ type, result, verboseInfo });
      const printedLines = getPrintedLines(verboseMessage, verboseObject);
      const finalLines = applyVerboseOnLines(printedLines, verboseInfo, fdNumber);
      if (finalLines !== "") {
        console.warn(finalLines.slice(0, -1));
      }
    };
    getVerboseObject = ({
      type,
      result,
      verboseInfo: { escapedCommand, commandId, rawOptions: { piped = false, ...options } }
    }) => ({
      type,
      escapedCommand,
      commandId: `${commandId}`,
      timestamp: /* @__PURE__ */ new Date(),
      piped,
      result,
      options
    });
    getPrintedLines = (verboseMessage, verboseObject) => verboseMessage.split("\n").map((message) => getPrintedLine({ ...verboseObject, message }));
    getPrintedLine = (verboseObject) => {
      const verboseLine = defaultVerboseFunction(verboseObject);
      return { verboseLine, verboseObject };
    };
    serializeVerboseMessage = (message) => {
      const messageString = typeof message === "string" ? message : (0, import_node_util3.inspect)(message);
      const escapedMessage = escapeLines(messageString);
      return escapedMessage.replaceAll("	", " ".repeat(TAB_SIZE));
    };
    TAB_SIZE = 2;
  }
});

// node_modules/execa/lib/verbose/start.js
var logCommand;
var init_start = __esm({
  "node_modules/execa/lib/verbose/start.js"() {
    init_values();
    init_log();
    logCommand = (escapedCommand, verboseInfo) => {
      if (!isVerbose(verboseInfo)) {
        return;
      }
      verboseLog({
        type: "command",
        verboseMessage: escapedCommand,
        verboseInfo
      });
    };
  }
});

// node_modules/execa/lib/verbose/info.js
var getVerboseInfo, getCommandId, COMMAND_ID, validateVerbose;
var init_info = __esm({
  "node_modules/execa/lib/verbose/info.js"() {
    init_values();
    getVerboseInfo = (verbose, escapedCommand, rawOptions) => {
      validateVerbose(verbose);
      const commandId = getCommandId(verbose);
      return {
        verbose,
        escapedCommand,
        commandId,
        rawOptions
      };
    };
    getCommandId = (verbose) => isVerbose({ verbose }) ? COMMAND_ID++ : void 0;
    COMMAND_ID = 0n;
    validateVerbose = (verbose) => {
      for (const fdVerbose of verbose) {
        if (fdVerbose === false) {
          throw new TypeError(`The "verbose: false" option was renamed to "verbose: 'none'".`);
        }
        if (fdVerbose === true) {
          throw new TypeError(`The "verbose: true" option was renamed to "verbose: 'short'".`);
        }
        if (!VERBOSE_VALUES.includes(fdVerbose) && !isVerboseFunction(fdVerbose)) {
          const allowedValues = VERBOSE_VALUES.map((allowedValue) => `'${allowedValue}'`).join(", ");
          throw new TypeError(`The "verbose" option must not be ${fdVerbose}. Allowed values are: ${allowedValues} or a function.`);
        }
      }
    };
  }
});

// node_modules/execa/lib/return/duration.js
var import_node_process4, getStartTime, getDurationMs;
var init_duration = __esm({
  "node_modules/execa/lib/return/duration.js"() {
    import_node_process4 = require("node:process");
    getStartTime = () => import_node_process4.hrtime.bigint();
    getDurationMs = (startTime) => Number(import_node_process4.hrtime.bigint() - startTime) / 1e6;
  }
});

// node_modules/execa/lib/arguments/command.js
var handleCommand;
var init_command = __esm({
  "node_modules/execa/lib/arguments/command.js"() {
    init_start();
    init_info();
    init_duration();
    init_escape();
    init_specific();
    handleCommand = (filePath, rawArguments, rawOptions) => {
      const startTime = getStartTime();
      const { command, escapedCommand } = joinCommand(filePath, rawArguments);
      const verbose = normalizeFdSpecificOption(rawOptions, "verbose");
      const verboseInfo = getVerboseInfo(verbose, escapedCommand, { ...rawOptions });
      logCommand(escapedCommand, verboseInfo);
      return {
        command,
        escapedCommand,
        startTime,
        verboseInfo
      };
    };
  }
});

// node_modules/isexe/windows.js
var require_windows = __commonJS({
  "node_modules/isexe/windows.js"(exports2, module2) {
    module2.exports = isexe;
    isexe.sync = sync;
    var fs = require("fs");
    function checkPathExt(path7, options) {
      var pathext = options.pathExt !== void 0 ? options.pathExt : process.env.PATHEXT;
      if (!pathext) {
        return true;
      }
      pathext = pathext.split(";");
      if (pathext.indexOf("") !== -1) {
        return true;
      }
      for (var i2 = 0; i2 < pathext.length; i2++) {
        var p = pathext[i2].toLowerCase();
        if (p && path7.substr(-p.length).toLowerCase() === p) {
          return true;
        }
      }
      return false;
    }
    function checkStat(stat, path7, options) {
      if (!stat.isSymbolicLink() && !stat.isFile()) {
        return false;
      }
      return checkPathExt(path7, options);
    }
    function isexe(path7, options, cb) {
      fs.stat(path7, function(er, stat) {
        cb(er, er ? false : checkStat(stat, path7, options));
      });
    }
    function sync(path7, options) {
      return checkStat(fs.statSync(path7), path7, options);
    }
  }
});

// node_modules/isexe/mode.js
var require_mode = __commonJS({
  "node_modules/isexe/mode.js"(exports2, module2) {
    module2.exports = isexe;
    isexe.sync = sync;
    var fs = require("fs");
    function isexe(path7, options, cb) {
      fs.stat(path7, function(er, stat) {
        cb(er, er ? false : checkStat(stat, options));
      });
    }
    function sync(path7, options) {
      return checkStat(fs.statSync(path7), options);
    }
    function checkStat(stat, options) {
      return stat.isFile() && checkMode(stat, options);
    }
    function checkMode(stat, options) {
      var mod = stat.mode;
      var uid = stat.uid;
      var gid = stat.gid;
      var myUid = options.uid !== void 0 ? options.uid : process.getuid && process.getuid();
      var myGid = options.gid !== void 0 ? options.gid : process.getgid && process.getgid();
      var u2 = parseInt("100", 8);
      var g = parseInt("010", 8);
      var o2 = parseInt("001", 8);
      var ug = u2 | g;
      var ret = mod & o2 || mod & g && gid === myGid || mod & u2 && uid === myUid || mod & ug && myUid === 0;
      return ret;
    }
  }
});

// node_modules/isexe/index.js
var require_isexe = __commonJS({
  "node_modules/isexe/index.js"(exports2, module2) {
    var fs = require("fs");
    var core;
    if (process.platform === "win32" || global.TESTING_WINDOWS) {
      core = require_windows();
    } else {
      core = require_mode();
    }
    module2.exports = isexe;
    isexe.sync = sync;
    function isexe(path7, options, cb) {
      if (typeof options === "function") {
        cb = options;
        options = {};
      }
      if (!cb) {
        if (typeof Promise !== "function") {
          throw new TypeError("callback not provided");
        }
        return new Promise(function(resolve3, reject) {
          isexe(path7, options || {}, function(er, is) {
            if (er) {
              reject(er);
            } else {
              resolve3(is);
            }
          });
        });
      }
      core(path7, options || {}, function(er, is) {
        if (er) {
          if (er.code === "EACCES" || options && options.ignoreErrors) {
            er = null;
            is = false;
          }
        }
        cb(er, is);
      });
    }
    function sync(path7, options) {
      try {
        return core.sync(path7, options || {});
      } catch (er) {
        if (options && options.ignoreErrors || er.code === "EACCES") {
          return false;
        } else {
          throw er;
        }
      }
    }
  }
});

// node_modules/which/which.js
var require_which = __commonJS({
  "node_modules/which/which.js"(exports2, module2) {
    var isWindows = process.platform === "win32" || process.env.OSTYPE === "cygwin" || process.env.OSTYPE === "msys";
    var path7 = require("path");
    var COLON = isWindows ? ";" : ":";
    var isexe = require_isexe();
    var getNotFoundError = (cmd) => Object.assign(new Error(`not found: ${cmd}`), { code: "ENOENT" });
    var getPathInfo = (cmd, opt) => {
      const colon = opt.colon || COLON;
      const pathEnv = cmd.match(/\//) || isWindows && cmd.match(/\\/) ? [""] : [
        // windows always checks the cwd first
        ...isWindows ? [process.cwd()] : [],
        ...(opt.path || process.env.PATH || /* istanbul ignore next: very unusual */
        "").split(colon)
      ];
      const pathExtExe = isWindows ? opt.pathExt || process.env.PATHEXT || ".EXE;.CMD;.BAT;.COM" : "";
      const pathExt = isWindows ? pathExtExe.split(colon) : [""];
      if (isWindows) {
        if (cmd.indexOf(".") !== -1 && pathExt[0] !== "")
          pathExt.unshift("");
      }
      return {
        pathEnv,
        pathExt,
        pathExtExe
      };
    };
    var which = (cmd, opt, cb) => {
      if (typeof opt === "function") {
        cb = opt;
        opt = {};
      }
      if (!opt)
        opt = {};
      const { pathEnv, pathExt, pathExtExe } = getPathInfo(cmd, opt);
      const found = [];
      const step = (i2) => new Promise((resolve3, reject) => {
        if (i2 === pathEnv.length)
          return opt.all && found.length ? resolve3(found) : reject(getNotFoundError(cmd));
        const ppRaw = pathEnv[i2];
        const pathPart = /^".*"$/.test(ppRaw) ? ppRaw.slice(1, -1) : ppRaw;
        const pCmd = path7.join(pathPart, cmd);
        const p = !pathPart && /^\.[\\\/]/.test(cmd) ? cmd.slice(0, 2) + pCmd : pCmd;
        resolve3(subStep(p, i2, 0));
      });
      const subStep = (p, i2, ii) => new Promise((resolve3, reject) => {
        if (ii === pathExt.length)
          return resolve3(step(i2 + 1));
        const ext = pathExt[ii];
        isexe(p + ext, { pathExt: pathExtExe }, (er, is) => {
          if (!er && is) {
            if (opt.all)
              found.push(p + ext);
            else
              return resolve3(p + ext);
          }
          return resolve3(subStep(p, i2, ii + 1));
        });
      });
      return cb ? step(0).then((res) => cb(null, res), cb) : step(0);
    };
    var whichSync = (cmd, opt) => {
      opt = opt || {};
      const { pathEnv, pathExt, pathExtExe } = getPathInfo(cmd, opt);
      const found = [];
      for (let i2 = 0; i2 < pathEnv.length; i2++) {
        const ppRaw = pathEnv[i2];
        const pathPart = /^".*"$/.test(ppRaw) ? ppRaw.slice(1, -1) : ppRaw;
        const pCmd = path7.join(pathPart, cmd);
        const p = !pathPart && /^\.[\\\/]/.test(cmd) ? cmd.slice(0, 2) + pCmd : pCmd;
        for (let j = 0; j < pathExt.length; j++) {
          const cur = p + pathExt[j];
          try {
            const is = isexe.sync(cur, { pathExt: pathExtExe });
            if (is) {
              if (opt.all)
                found.push(cur);
              else
                return cur;
            }
          } catch (ex) {
          }
        }
      }
      if (opt.all && found.length)
        return found;
      if (opt.nothrow)
        return null;
      throw getNotFoundError(cmd);
    };
    module2.exports = which;
    which.sync = whichSync;
  }
});

// node_modules/path-key/index.js
var require_path_key = __commonJS({
  "node_modules/path-key/index.js"(exports2, module2) {
    "use strict";
    var pathKey2 = (options = {}) => {
      const environment = options.env || process.env;
      const platform2 = options.platform || process.platform;
      if (platform2 !== "win32") {
        return "PATH";
      }
      return Object.keys(environment).reverse().find((key) => key.toUpperCase() === "PATH") || "Path";
    };
    module2.exports = pathKey2;
    module2.exports.default = pathKey2;
  }
});

// node_modules/cross-spawn/lib/util/resolveCommand.js
var require_resolveCommand = __commonJS({
  "node_modules/cross-spawn/lib/util/resolveCommand.js"(exports2, module2) {
    "use strict";
    var path7 = require("path");
    var which = require_which();
    var getPathKey = require_path_key();
    function resolveCommandAttempt(parsed, withoutPathExt) {
      const env = parsed.options.env || process.env;
      const cwd = process.cwd();
      const hasCustomCwd = parsed.options.cwd != null;
      const shouldSwitchCwd = hasCustomCwd && process.chdir !== void 0 && !process.chdir.disabled;
      if (shouldSwitchCwd) {
        try {
          process.chdir(parsed.options.cwd);
        } catch (err2) {
        }
      }
      let resolved;
      try {
        resolved = which.sync(parsed.command, {
          path: env[getPathKey({ env })],
          pathExt: withoutPathExt ? path7.delimiter : void 0
        });
      } catch (e) {
      } finally {
        if (shouldSwitchCwd) {
          process.chdir(cwd);
        }
      }
      if (resolved) {
        resolved = path7.resolve(hasCustomCwd ? parsed.options.cwd : "", resolved);
      }
      return resolved;
    }
    function resolveCommand(parsed) {
      return resolveCommandAttempt(parsed) || resolveCommandAttempt(parsed, true);
    }
    module2.exports = resolveCommand;
  }
});

// node_modules/cross-spawn/lib/util/escape.js
var require_escape = __commonJS({
  "node_modules/cross-spawn/lib/util/escape.js"(exports2, module2) {
    "use strict";
    var metaCharsRegExp = /([()\][%!^"`<>&|;, *?])/g;
    function escapeCommand(arg) {
      arg = arg.replace(metaCharsRegExp, "^$1");
      return arg;
    }
    function escapeArgument(arg, doubleEscapeMetaChars) {
      arg = `${arg}`;
      arg = arg.replace(/(?=(\\+?)?)\1"/g, '$1$1\\"');
      arg = arg.replace(/(?=(\\+?)?)\1$/, "$1$1");
      arg = `"${arg}"`;
      arg = arg.replace(metaCharsRegExp, "^$1");
      if (doubleEscapeMetaChars) {
        arg = arg.replace(metaCharsRegExp, "^$1");
      }
      return arg;
    }
    module2.exports.command = escapeCommand;
    module2.exports.argument = escapeArgument;
  }
});

// node_modules/shebang-regex/index.js
var require_shebang_regex = __commonJS({
  "node_modules/shebang-regex/index.js"(exports2, module2) {
    "use strict";
    module2.exports = /^#!(.*)/;
  }
});

// node_modules/shebang-command/index.js
var require_shebang_command = __commonJS({
  "node_modules/shebang-command/index.js"(exports2, module2) {
    "use strict";
    var shebangRegex = require_shebang_regex();
    module2.exports = (string = "") => {
      const match2 = string.match(shebangRegex);
      if (!match2) {
        return null;
      }
      const [path7, argument] = match2[0].replace(/#! ?/, "").split(" ");
      const binary = path7.split("/").pop();
      if (binary === "env") {
        return argument;
      }
      return argument ? `${binary} ${argument}` : binary;
    };
  }
});

// node_modules/cross-spawn/lib/util/readShebang.js
var require_readShebang = __commonJS({
  "node_modules/cross-spawn/lib/util/readShebang.js"(exports2, module2) {
    "use strict";
    var fs = require("fs");
    var shebangCommand = require_shebang_command();
    function readShebang(command) {
      const size = 150;
      const buffer = Buffer.alloc(size);
      let fd;
      try {
        fd = fs.openSync(command, "r");
        fs.readSync(fd, buffer, 0, size, 0);
        fs.closeSync(fd);
      } catch (e) {
      }
      return shebangCommand(buffer.toString());
    }
    module2.exports = readShebang;
  }
});

// node_modules/cross-spawn/lib/parse.js
var require_parse = __commonJS({
  "node_modules/cross-spawn/lib/parse.js"(exports2, module2) {
    "use strict";
    var path7 = require("path");
    var resolveCommand = require_resolveCommand();
    var escape = require_escape();
    var readShebang = require_readShebang();
    var isWin = process.platform === "win32";
    var isExecutableRegExp = /\.(?:com|exe)$/i;
    var isCmdShimRegExp = /node_modules[\\/].bin[\\/][^\\/]+\.cmd$/i;
    function detectShebang(parsed) {
      parsed.file = resolveCommand(parsed);
      const shebang = parsed.file && readShebang(parsed.file);
      if (shebang) {
        parsed.args.unshift(parsed.file);
        parsed.command = shebang;
        return resolveCommand(parsed);
      }
      return parsed.file;
    }
    function parseNonShell(parsed) {
      if (!isWin) {
        return parsed;
      }
      const commandFile = detectShebang(parsed);
      const needsShell = !isExecutableRegExp.test(commandFile);
      if (parsed.options.forceShell || needsShell) {
        const needsDoubleEscapeMetaChars = isCmdShimRegExp.test(commandFile);
        parsed.command = path7.normalize(parsed.command);
        parsed.command = escape.command(parsed.command);
        parsed.args = parsed.args.map((arg) => escape.argument(arg, needsDoubleEscapeMetaChars));
        const shellCommand = [parsed.command].concat(parsed.args).join(" ");
        parsed.args = ["/d", "/s", "/c", `"${shellCommand}"`];
        parsed.command = process.env.comspec || "cmd.exe";
        parsed.options.windowsVerbatimArguments = true;
      }
      return parsed;
    }
    function parse(command, args, options) {
      if (args && !Array.isArray(args)) {
        options = args;
        args = null;
      }
      args = args ? args.slice(0) : [];
      options = Object.assign({}, options);
      const parsed = {
        command,
        args,
        options,
        file: void 0,
        original: {
          command,
          args
        }
      };
      return options.shell ? parsed : parseNonShell(parsed);
    }
    module2.exports = parse;
  }
});

// node_modules/cross-spawn/lib/enoent.js
var require_enoent = __commonJS({
  "node_modules/cross-spawn/lib/enoent.js"(exports2, module2) {
    "use strict";
    var isWin = process.platform === "win32";
    function notFoundError(original, syscall) {
      return Object.assign(new Error(`${syscall} ${original.command} ENOENT`), {
        code: "ENOENT",
        errno: "ENOENT",
        syscall: `${syscall} ${original.command}`,
        path: original.command,
        spawnargs: original.args
      });
    }
    function hookChildProcess(cp, parsed) {
      if (!isWin) {
        return;
      }
      const originalEmit = cp.emit;
      cp.emit = function(name, arg1) {
        if (name === "exit") {
          const err2 = verifyENOENT(arg1, parsed);
          if (err2) {
            return originalEmit.call(cp, "error", err2);
          }
        }
        return originalEmit.apply(cp, arguments);
      };
    }
    function verifyENOENT(status3, parsed) {
      if (isWin && status3 === 1 && !parsed.file) {
        return notFoundError(parsed.original, "spawn");
      }
      return null;
    }
    function verifyENOENTSync(status3, parsed) {
      if (isWin && status3 === 1 && !parsed.file) {
        return notFoundError(parsed.original, "spawnSync");
      }
      return null;
    }
    module2.exports = {
      hookChildProcess,
      verifyENOENT,
      verifyENOENTSync,
      notFoundError
    };
  }
});

// node_modules/cross-spawn/index.js
var require_cross_spawn = __commonJS({
  "node_modules/cross-spawn/index.js"(exports2, module2) {
    "use strict";
    var cp = require("child_process");
    var parse = require_parse();
    var enoent = require_enoent();
    function spawn4(command, args, options) {
      const parsed = parse(command, args, options);
      const spawned = cp.spawn(parsed.command, parsed.args, parsed.options);
      enoent.hookChildProcess(spawned, parsed);
      return spawned;
    }
    function spawnSync2(command, args, options) {
      const parsed = parse(command, args, options);
      const result = cp.spawnSync(parsed.command, parsed.args, parsed.options);
      result.error = result.error || enoent.verifyENOENTSync(result.status, parsed);
      return result;
    }
    module2.exports = spawn4;
    module2.exports.spawn = spawn4;
    module2.exports.sync = spawnSync2;
    module2.exports._parse = parse;
    module2.exports._enoent = enoent;
  }
});

// node_modules/npm-run-path/node_modules/path-key/index.js
function pathKey(options = {}) {
  const {
    env = process.env,
    platform: platform2 = process.platform
  } = options;
  if (platform2 !== "win32") {
    return "PATH";
  }
  return Object.keys(env).reverse().find((key) => key.toUpperCase() === "PATH") || "Path";
}
var init_path_key = __esm({
  "node_modules/npm-run-path/node_modules/path-key/index.js"() {
  }
});

// node_modules/unicorn-magic/default.js
var init_default2 = __esm({
  "node_modules/unicorn-magic/default.js"() {
  }
});

// node_modules/unicorn-magic/node.js
function toPath(urlOrPath) {
  return urlOrPath instanceof URL ? (0, import_node_url2.fileURLToPath)(urlOrPath) : urlOrPath;
}
function traversePathUp(startPath) {
  return {
    *[Symbol.iterator]() {
      let currentPath = import_node_path10.default.resolve(toPath(startPath));
      let previousPath;
      while (previousPath !== currentPath) {
        yield currentPath;
        previousPath = currentPath;
        currentPath = import_node_path10.default.resolve(currentPath, "..");
      }
    }
  };
}
var import_node_util4, import_node_child_process3, import_node_path10, import_node_url2, execFileOriginal, TEN_MEGABYTES_IN_BYTES;
var init_node = __esm({
  "node_modules/unicorn-magic/node.js"() {
    import_node_util4 = require("node:util");
    import_node_child_process3 = require("node:child_process");
    import_node_path10 = __toESM(require("node:path"), 1);
    import_node_url2 = require("node:url");
    init_default2();
    execFileOriginal = (0, import_node_util4.promisify)(import_node_child_process3.execFile);
    TEN_MEGABYTES_IN_BYTES = 10 * 1024 * 1024;
  }
});

// node_modules/npm-run-path/index.js
var import_node_process5, import_node_path11, npmRunPath, applyPreferLocal, applyExecPath, npmRunPathEnv;
var init_npm_run_path = __esm({
  "node_modules/npm-run-path/index.js"() {
    import_node_process5 = __toESM(require("node:process"), 1);
    import_node_path11 = __toESM(require("node:path"), 1);
    init_path_key();
    init_node();
    npmRunPath = ({
      cwd = import_node_process5.default.cwd(),
      path: pathOption = import_node_process5.default.env[pathKey()],
      preferLocal = true,
      execPath: execPath2 = import_node_process5.default.execPath,
      addExecPath = true
    } = {}) => {
      const cwdPath = import_node_path11.default.resolve(toPath(cwd));
      const result = [];
      const pathParts = pathOption.split(import_node_path11.default.delimiter);
      if (preferLocal) {
        applyPreferLocal(result, pathParts, cwdPath);
      }
      if (addExecPath) {
        applyExecPath(result, pathParts, execPath2, cwdPath);
      }
      return pathOption === "" || pathOption === import_node_path11.default.delimiter ? `${result.join(import_node_path11.default.delimiter)}${pathOption}` : [...result, pathOption].join(import_node_path11.default.delimiter);
    };
    applyPreferLocal = (result, pathParts, cwdPath) => {
      for (const directory of traversePathUp(cwdPath)) {
        const pathPart = import_node_path11.default.join(directory, "node_modules/.bin");
        if (!pathParts.includes(pathPart)) {
          result.push(pathPart);
        }
      }
    };
    applyExecPath = (result, pathParts, execPath2, cwdPath) => {
      const pathPart = import_node_path11.default.resolve(cwdPath, toPath(execPath2), "..");
      if (!pathParts.includes(pathPart)) {
        result.push(pathPart);
      }
    };
    npmRunPathEnv = ({ env = import_node_process5.default.env, ...options } = {}) => {
      env = { ...env };
      const pathName = pathKey({ env });
      options.path = env[pathName];
      env[pathName] = npmRunPath(options);
      return env;
    };
  }
});

// node_modules/execa/lib/return/final-error.js
var getFinalError, DiscardedError, setErrorName, isExecaError, execaErrorSymbol, isErrorInstance, ExecaError, ExecaSyncError;
var init_final_error = __esm({
  "node_modules/execa/lib/return/final-error.js"() {
    getFinalError = (originalError, message, isSync) => {
      const ErrorClass = isSync ? ExecaSyncError : ExecaError;
      const options = originalError instanceof DiscardedError ? {} : { cause: originalError };
      return new ErrorClass(message, options);
    };
    DiscardedError = class extends Error {
    };
    setErrorName = (ErrorClass, value2) => {
      Object.defineProperty(ErrorClass.prototype, "name", {
        value: value2,
        writable: true,
        enumerable: false,
        configurable: true
      });
      Object.defineProperty(ErrorClass.prototype, execaErrorSymbol, {
        value: true,
        writable: false,
        enumerable: false,
        configurable: false
      });
    };
    isExecaError = (error) => isErrorInstance(error) && execaErrorSymbol in error;
    execaErrorSymbol = /* @__PURE__ */ Symbol("isExecaError");
    isErrorInstance = (value2) => Object.prototype.toString.call(value2) === "[object Error]";
    ExecaError = class extends Error {
    };
    setErrorName(ExecaError, ExecaError.name);
    ExecaSyncError = class extends Error {
    };
    setErrorName(ExecaSyncError, ExecaSyncError.name);
  }
});

// node_modules/human-signals/build/src/realtime.js
var getRealtimeSignals, getRealtimeSignal, SIGRTMIN, SIGRTMAX;
var init_realtime = __esm({
  "node_modules/human-signals/build/src/realtime.js"() {
    getRealtimeSignals = () => {
      const length = SIGRTMAX - SIGRTMIN + 1;
      return Array.from({ length }, getRealtimeSignal);
    };
    getRealtimeSignal = (value2, index) => ({
      name: `SIGRT${index + 1}`,
      number: SIGRTMIN + index,
      action: "terminate",
      description: "Application-specific signal (realtime)",
      standard: "posix"
    });
    SIGRTMIN = 34;
    SIGRTMAX = 64;
  }
});

// node_modules/human-signals/build/src/core.js
var SIGNALS;
var init_core = __esm({
  "node_modules/human-signals/build/src/core.js"() {
    SIGNALS = [
      {
        name: "SIGHUP",
        number: 1,
        action: "terminate",
        description: "Terminal closed",
        standard: "posix"
      },
      {
        name: "SIGINT",
        number: 2,
        action: "terminate",
        description: "User interruption with CTRL-C",
        standard: "ansi"
      },
      {
        name: "SIGQUIT",
        number: 3,
        action: "core",
        description: "User interruption with CTRL-\\",
        standard: "posix"
      },
      {
        name: "SIGILL",
        number: 4,
        action: "core",
        description: "Invalid machine instruction",
        standard: "ansi"
      },
      {
        name: "SIGTRAP",
        number: 5,
        action: "core",
        description: "Debugger breakpoint",
        standard: "posix"
      },
      {
        name: "SIGABRT",
        number: 6,
        action: "core",
        description: "Aborted",
        standard: "ansi"
      },
      {
        name: "SIGIOT",
        number: 6,
        action: "core",
        description: "Aborted",
        standard: "bsd"
      },
      {
        name: "SIGBUS",
        number: 7,
        action: "core",
        description: "Bus error due to misaligned, non-existing address or paging error",
        standard: "bsd"
      },
      {
        name: "SIGEMT",
        number: 7,
        action: "terminate",
        description: "Command should be emulated but is not implemented",
        standard: "other"
      },
      {
        name: "SIGFPE",
        number: 8,
        action: "core",
        description: "Floating point arithmetic error",
        standard: "ansi"
      },
      {
        name: "SIGKILL",
        number: 9,
        action: "terminate",
        description: "Forced termination",
        standard: "posix",
        forced: true
      },
      {
        name: "SIGUSR1",
        number: 10,
        action: "terminate",
        description: "Application-specific signal",
        standard: "posix"
      },
      {
        name: "SIGSEGV",
        number: 11,
        action: "core",
        description: "Segmentation fault",
        standard: "ansi"
      },
      {
        name: "SIGUSR2",
        number: 12,
        action: "terminate",
        description: "Application-specific signal",
        standard: "posix"
      },
      {
        name: "SIGPIPE",
        number: 13,
        action: "terminate",
        description: "Broken pipe or socket",
        standard: "posix"
      },
      {
        name: "SIGALRM",
        number: 14,
        action: "terminate",
        description: "Timeout or timer",
        standard: "posix"
      },
      {
        name: "SIGTERM",
        number: 15,
        action: "terminate",
        description: "Termination",
        standard: "ansi"
      },
      {
        name: "SIGSTKFLT",
        number: 16,
        action: "terminate",
        description: "Stack is empty or overflowed",
        standard: "other"
      },
      {
        name: "SIGCHLD",
        number: 17,
        action: "ignore",
        description: "Child process terminated, paused or unpaused",
        standard: "posix"
      },
      {
        name: "SIGCLD",
        number: 17,
        action: "ignore",
        description: "Child process terminated, paused or unpaused",
        standard: "other"
      },
      {
        name: "SIGCONT",
        number: 18,
        action: "unpause",
        description: "Unpaused",
        standard: "posix",
        forced: true
      },
      {
        name: "SIGSTOP",
        number: 19,
        action: "pause",
        description: "Paused",
        standard: "posix",
        forced: true
      },
      {
        name: "SIGTSTP",
        number: 20,
        action: "pause",
        description: 'Paused using CTRL-Z or "suspend"',
        standard: "posix"
      },
      {
        name: "SIGTTIN",
        number: 21,
        action: "pause",
        description: "Background process cannot read terminal input",
        standard: "posix"
      },
      {
        name: "SIGBREAK",
        number: 21,
        action: "terminate",
        description: "User interruption with CTRL-BREAK",
        standard: "other"
      },
      {
        name: "SIGTTOU",
        number: 22,
        action: "pause",
        description: "Background process cannot write to terminal output",
        standard: "posix"
      },
      {
        name: "SIGURG",
        number: 23,
        action: "ignore",
        description: "Socket received out-of-band data",
        standard: "bsd"
      },
      {
        name: "SIGXCPU",
        number: 24,
        action: "core",
        description: "Process timed out",
        standard: "bsd"
      },
      {
        name: "SIGXFSZ",
        number: 25,
        action: "core",
        description: "File too big",
        standard: "bsd"
      },
      {
        name: "SIGVTALRM",
        number: 26,
        action: "terminate",
        description: "Timeout or timer",
        standard: "bsd"
      },
      {
        name: "SIGPROF",
        number: 27,
        action: "terminate",
        description: "Timeout or timer",
        standard: "bsd"
      },
      {
        name: "SIGWINCH",
        number: 28,
        action: "ignore",
        description: "Terminal window size changed",
        standard: "bsd"
      },
      {
        name: "SIGIO",
        number: 29,
        action: "terminate",
        description: "I/O is available",
        standard: "other"
      },
      {
        name: "SIGPOLL",
        number: 29,
        action: "terminate",
        description: "Watched event",
        standard: "other"
      },
      {
        name: "SIGINFO",
        number: 29,
        action: "ignore",
        description: "Request for process information",
        standard: "other"
      },
      {
        name: "SIGPWR",
        number: 30,
        action: "terminate",
        description: "Device running out of power",
        standard: "systemv"
      },
      {
        name: "SIGSYS",
        number: 31,
        action: "core",
        description: "Invalid system call",
        standard: "other"
      },
      {
        name: "SIGUNUSED",
        number: 31,
        action: "terminate",
        description: "Invalid system call",
        standard: "other"
      }
    ];
  }
});

// node_modules/human-signals/build/src/signals.js
var import_node_os, getSignals, normalizeSignal;
var init_signals = __esm({
  "node_modules/human-signals/build/src/signals.js"() {
    import_node_os = require("node:os");
    init_core();
    init_realtime();
    getSignals = () => {
      const realtimeSignals = getRealtimeSignals();
      const signals2 = [...SIGNALS, ...realtimeSignals].map(normalizeSignal);
      return signals2;
    };
    normalizeSignal = ({
      name,
      number: defaultNumber,
      description,
      action,
      forced = false,
      standard
    }) => {
      const {
        signals: { [name]: constantSignal }
      } = import_node_os.constants;
      const supported = constantSignal !== void 0;
      const number = supported ? constantSignal : defaultNumber;
      return { name, number, description, supported, action, forced, standard };
    };
  }
});

// node_modules/human-signals/build/src/main.js
var import_node_os2, getSignalsByName, getSignalByName, signalsByName, getSignalsByNumber, getSignalByNumber, findSignalByNumber, signalsByNumber;
var init_main = __esm({
  "node_modules/human-signals/build/src/main.js"() {
    import_node_os2 = require("node:os");
    init_realtime();
    init_signals();
    getSignalsByName = () => {
      const signals2 = getSignals();
      return Object.fromEntries(signals2.map(getSignalByName));
    };
    getSignalByName = ({
      name,
      number,
      description,
      supported,
      action,
      forced,
      standard
    }) => [name, { name, number, description, supported, action, forced, standard }];
    signalsByName = getSignalsByName();
    getSignalsByNumber = () => {
      const signals2 = getSignals();
      const length = SIGRTMAX + 1;
      const signalsA = Array.from(
        { length },
        (value2, number) => getSignalByNumber(number, signals2)
      );
      return Object.assign({}, ...signalsA);
    };
    getSignalByNumber = (number, signals2) => {
      const signal = findSignalByNumber(number, signals2);
      if (signal === void 0) {
        return {};
      }
      const { name, description, supported, action, forced, standard } = signal;
      return {
        [number]: {
          name,
          number,
          description,
          supported,
          action,
          forced,
          standard
        }
      };
    };
    findSignalByNumber = (number, signals2) => {
      const signal = signals2.find(({ name }) => import_node_os2.constants.signals[name] === number);
      if (signal !== void 0) {
        return signal;
      }
      return signals2.find((signalA) => signalA.number === number);
    };
    signalsByNumber = getSignalsByNumber();
  }
});

// node_modules/execa/lib/terminate/signal.js
var import_node_os3, normalizeKillSignal, normalizeSignalArgument, normalizeSignal2, normalizeSignalInteger, getSignalsIntegerToName, signalsIntegerToName, normalizeSignalName, getAvailableSignals, getAvailableSignalNames, getAvailableSignalIntegers, getSignalDescription;
var init_signal = __esm({
  "node_modules/execa/lib/terminate/signal.js"() {
    import_node_os3 = require("node:os");
    init_main();
    normalizeKillSignal = (killSignal) => {
      const optionName = "option `killSignal`";
      if (killSignal === 0) {
        throw new TypeError(`Invalid ${optionName}: 0 cannot be used.`);
      }
      return normalizeSignal2(killSignal, optionName);
    };
    normalizeSignalArgument = (signal) => signal === 0 ? signal : normalizeSignal2(signal, "`subprocess.kill()`'s argument");
    normalizeSignal2 = (signalNameOrInteger, optionName) => {
      if (Number.isInteger(signalNameOrInteger)) {
        return normalizeSignalInteger(signalNameOrInteger, optionName);
      }
      if (typeof signalNameOrInteger === "string") {
        return normalizeSignalName(signalNameOrInteger, optionName);
      }
      throw new TypeError(`Invalid ${optionName} ${String(signalNameOrInteger)}: it must be a string or an integer.
${getAvailableSignals()}`);
    };
    normalizeSignalInteger = (signalInteger, optionName) => {
      if (signalsIntegerToName.has(signalInteger)) {
        return signalsIntegerToName.get(signalInteger);
      }
      throw new TypeError(`Invalid ${optionName} ${signalInteger}: this signal integer does not exist.
${getAvailableSignals()}`);
    };
    getSignalsIntegerToName = () => new Map(Object.entries(import_node_os3.constants.signals).reverse().map(([signalName, signalInteger]) => [signalInteger, signalName]));
    signalsIntegerToName = getSignalsIntegerToName();
    normalizeSignalName = (signalName, optionName) => {
      if (signalName in import_node_os3.constants.signals) {
        return signalName;
      }
      if (signalName.toUpperCase() in import_node_os3.constants.signals) {
        throw new TypeError(`Invalid ${optionName} '${signalName}': please rename it to '${signalName.toUpperCase()}'.`);
      }
      throw new TypeError(`Invalid ${optionName} '${signalName}': this signal name does not exist.
${getAvailableSignals()}`);
    };
    getAvailableSignals = () => `Available signal names: ${getAvailableSignalNames()}.
Available signal numbers: ${getAvailableSignalIntegers()}.`;
    getAvailableSignalNames = () => Object.keys(import_node_os3.constants.signals).sort().map((signalName) => `'${signalName}'`).join(", ");
    getAvailableSignalIntegers = () => [...new Set(Object.values(import_node_os3.constants.signals).sort((signalInteger, signalIntegerTwo) => signalInteger - signalIntegerTwo))].join(", ");
    getSignalDescription = (signal) => signalsByName[signal].description;
  }
});

// node_modules/execa/lib/terminate/kill.js
var import_promises, normalizeForceKillAfterDelay, DEFAULT_FORCE_KILL_TIMEOUT, subprocessKill, parseKillArguments, emitKillError, setKillTimeout, killOnTimeout;
var init_kill = __esm({
  "node_modules/execa/lib/terminate/kill.js"() {
    import_promises = require("node:timers/promises");
    init_final_error();
    init_signal();
    normalizeForceKillAfterDelay = (forceKillAfterDelay) => {
      if (forceKillAfterDelay === false) {
        return forceKillAfterDelay;
      }
      if (forceKillAfterDelay === true) {
        return DEFAULT_FORCE_KILL_TIMEOUT;
      }
      if (!Number.isFinite(forceKillAfterDelay) || forceKillAfterDelay < 0) {
        throw new TypeError(`Expected the \`forceKillAfterDelay\` option to be a non-negative integer, got \`${forceKillAfterDelay}\` (${typeof forceKillAfterDelay})`);
      }
      return forceKillAfterDelay;
    };
    DEFAULT_FORCE_KILL_TIMEOUT = 1e3 * 5;
    subprocessKill = ({ kill, options: { forceKillAfterDelay, killSignal }, onInternalError, context: context2, controller }, signalOrError, errorArgument) => {
      const { signal, error } = parseKillArguments(signalOrError, errorArgument, killSignal);
      emitKillError(error, onInternalError);
      const killResult = kill(signal);
      setKillTimeout({
        kill,
        signal,
        forceKillAfterDelay,
        killSignal,
        killResult,
        context: context2,
        controller
      });
      return killResult;
    };
    parseKillArguments = (signalOrError, errorArgument, killSignal) => {
      const [signal = killSignal, error] = isErrorInstance(signalOrError) ? [void 0, signalOrError] : [signalOrError, errorArgument];
      if (typeof signal !== "string" && !Number.isInteger(signal)) {
        throw new TypeError(`The first argument must be an error instance or a signal name string/integer: ${String(signal)}`);
      }
      if (error !== void 0 && !isErrorInstance(error)) {
        throw new TypeError(`The second argument is optional. If specified, it must be an error instance: ${error}`);
      }
      return { signal: normalizeSignalArgument(signal), error };
    };
    emitKillError = (error, onInternalError) => {
      if (error !== void 0) {
        onInternalError.reject(error);
      }
    };
    setKillTimeout = async ({ kill, signal, forceKillAfterDelay, killSignal, killResult, context: context2, controller }) => {
      if (signal === killSignal && killResult) {
        killOnTimeout({
          kill,
          forceKillAfterDelay,
          context: context2,
          controllerSignal: controller.signal
        });
      }
    };
    killOnTimeout = async ({ kill, forceKillAfterDelay, context: context2, controllerSignal }) => {
      if (forceKillAfterDelay === false) {
        return;
      }
      try {
        await (0, import_promises.setTimeout)(forceKillAfterDelay, void 0, { signal: controllerSignal });
        if (kill("SIGKILL")) {
          context2.isForcefullyTerminated ??= true;
        }
      } catch {
      }
    };
  }
});

// node_modules/execa/lib/utils/abort-signal.js
var import_node_events, onAbortedSignal;
var init_abort_signal = __esm({
  "node_modules/execa/lib/utils/abort-signal.js"() {
    import_node_events = require("node:events");
    onAbortedSignal = async (mainSignal, stopSignal) => {
      if (!mainSignal.aborted) {
        await (0, import_node_events.once)(mainSignal, "abort", { signal: stopSignal });
      }
    };
  }
});

// node_modules/execa/lib/terminate/cancel.js
var validateCancelSignal, throwOnCancel, terminateOnCancel;
var init_cancel = __esm({
  "node_modules/execa/lib/terminate/cancel.js"() {
    init_abort_signal();
    validateCancelSignal = ({ cancelSignal }) => {
      if (cancelSignal !== void 0 && Object.prototype.toString.call(cancelSignal) !== "[object AbortSignal]") {
        throw new Error(`The \`cancelSignal\` option must be an AbortSignal: ${String(cancelSignal)}`);
      }
    };
    throwOnCancel = ({ subprocess, cancelSignal, gracefulCancel, context: context2, controller }) => cancelSignal === void 0 || gracefulCancel ? [] : [terminateOnCancel(subprocess, cancelSignal, context2, controller)];
    terminateOnCancel = async (subprocess, cancelSignal, context2, { signal }) => {
      await onAbortedSignal(cancelSignal, signal);
      context2.terminationReason ??= "cancel";
      subprocess.kill();
      throw cancelSignal.reason;
    };
  }
});

// node_modules/execa/lib/ipc/validation.js
var validateIpcMethod, validateIpcOption, validateConnection, throwOnEarlyDisconnect, throwOnStrictDeadlockError, getStrictResponseError, throwOnMissingStrict, throwOnStrictDisconnect, getAbortDisconnectError, throwOnMissingParent, handleEpipeError, handleSerializationError, isSerializationError, SERIALIZATION_ERROR_CODES, SERIALIZATION_ERROR_MESSAGES, getMethodName, getNamespaceName, getOtherProcessName, disconnect;
var init_validation = __esm({
  "node_modules/execa/lib/ipc/validation.js"() {
    validateIpcMethod = ({ methodName, isSubprocess, ipc, isConnected: isConnected2 }) => {
      validateIpcOption(methodName, isSubprocess, ipc);
      validateConnection(methodName, isSubprocess, isConnected2);
    };
    validateIpcOption = (methodName, isSubprocess, ipc) => {
      if (!ipc) {
        throw new Error(`${getMethodName(methodName, isSubprocess)} can only be used if the \`ipc\` option is \`true\`.`);
      }
    };
    validateConnection = (methodName, isSubprocess, isConnected2) => {
      if (!isConnected2) {
        throw new Error(`${getMethodName(methodName, isSubprocess)} cannot be used: the ${getOtherProcessName(isSubprocess)} has already exited or disconnected.`);
      }
    };
    throwOnEarlyDisconnect = (isSubprocess) => {
      throw new Error(`${getMethodName("getOneMessage", isSubprocess)} could not complete: the ${getOtherProcessName(isSubprocess)} exited or disconnected.`);
    };
    throwOnStrictDeadlockError = (isSubprocess) => {
      throw new Error(`${getMethodName("sendMessage", isSubprocess)} failed: the ${getOtherProcessName(isSubprocess)} is sending a message too, instead of listening to incoming messages.
This can be fixed by both sending a message and listening to incoming messages at the same time:

const [receivedMessage] = await Promise.all([
	${getMethodName("getOneMessage", isSubprocess)},
	${getMethodName("sendMessage", isSubprocess, "message, {strict: true}")},
]);`);
    };
    getStrictResponseError = (error, isSubprocess) => new Error(`${getMethodName("sendMessage", isSubprocess)} failed when sending an acknowledgment response to the ${getOtherProcessName(isSubprocess)}.`, { cause: error });
    throwOnMissingStrict = (isSubprocess) => {
      throw new Error(`${getMethodName("sendMessage", isSubprocess)} failed: the ${getOtherProcessName(isSubprocess)} is not listening to incoming messages.`);
    };
    throwOnStrictDisconnect = (isSubprocess) => {
      throw new Error(`${getMethodName("sendMessage", isSubprocess)} failed: the ${getOtherProcessName(isSubprocess)} exited without listening to incoming messages.`);
    };
    getAbortDisconnectError = () => new Error(`\`cancelSignal\` aborted: the ${getOtherProcessName(true)} disconnected.`);
    throwOnMissingParent = () => {
      throw new Error("`getCancelSignal()` cannot be used without setting the `cancelSignal` subprocess option.");
    };
    handleEpipeError = ({ error, methodName, isSubprocess }) => {
      if (error.code === "EPIPE") {
        throw new Error(`${getMethodName(methodName, isSubprocess)} cannot be used: the ${getOtherProcessName(isSubprocess)} is disconnecting.`, { cause: error });
      }
    };
    handleSerializationError = ({ error, methodName, isSubprocess, message }) => {
      if (isSerializationError(error)) {
        throw new Error(`${getMethodName(methodName, isSubprocess)}'s argument type is invalid: the message cannot be serialized: ${String(message)}.`, { cause: error });
      }
    };
    isSerializationError = ({ code, message }) => SERIALIZATION_ERROR_CODES.has(code) || SERIALIZATION_ERROR_MESSAGES.some((serializationErrorMessage) => message.includes(serializationErrorMessage));
    SERIALIZATION_ERROR_CODES = /* @__PURE__ */ new Set([
      // Message is `undefined`
      "ERR_MISSING_ARGS",
      // Message is a function, a bigint, a symbol
      "ERR_INVALID_ARG_TYPE"
    ]);
    SERIALIZATION_ERROR_MESSAGES = [
      // Message is a promise or a proxy, with `serialization: 'advanced'`
      "could not be cloned",
      // Message has cycles, with `serialization: 'json'`
      "circular structure",
      // Message has cycles inside toJSON(), with `serialization: 'json'`
      "call stack size exceeded"
    ];
    getMethodName = (methodName, isSubprocess, parameters = "") => methodName === "cancelSignal" ? "`cancelSignal`'s `controller.abort()`" : `${getNamespaceName(isSubprocess)}${methodName}(${parameters})`;
    getNamespaceName = (isSubprocess) => isSubprocess ? "" : "subprocess.";
    getOtherProcessName = (isSubprocess) => isSubprocess ? "parent process" : "subprocess";
    disconnect = (anyProcess) => {
      if (anyProcess.connected) {
        anyProcess.disconnect();
      }
    };
  }
});

// node_modules/execa/lib/utils/deferred.js
var createDeferred;
var init_deferred = __esm({
  "node_modules/execa/lib/utils/deferred.js"() {
    createDeferred = () => {
      const methods = {};
      const promise = new Promise((resolve3, reject) => {
        Object.assign(methods, { resolve: resolve3, reject });
      });
      return Object.assign(promise, methods);
    };
  }
});

// node_modules/execa/lib/arguments/fd-options.js
var getToStream, getFromStream, SUBPROCESS_OPTIONS, getFdNumber, parseFdNumber, validateFdNumber, getInvalidStdioOptionMessage, getInvalidStdioOption, getUsedDescriptor, getOptionName, serializeOptionValue;
var init_fd_options = __esm({
  "node_modules/execa/lib/arguments/fd-options.js"() {
    init_specific();
    getToStream = (destination, to = "stdin") => {
      const isWritable = true;
      const { options, fileDescriptors } = SUBPROCESS_OPTIONS.get(destination);
      const fdNumber = getFdNumber(fileDescriptors, to, isWritable);
      const destinationStream = destination.stdio[fdNumber];
      if (destinationStream === null) {
        throw new TypeError(getInvalidStdioOptionMessage(fdNumber, to, options, isWritable));
      }
      return destinationStream;
    };
    getFromStream = (source, from = "stdout") => {
      const isWritable = false;
      const { options, fileDescriptors } = SUBPROCESS_OPTIONS.get(source);
      const fdNumber = getFdNumber(fileDescriptors, from, isWritable);
      const sourceStream = fdNumber === "all" ? source.all : source.stdio[fdNumber];
      if (sourceStream === null || sourceStream === void 0) {
        throw new TypeError(getInvalidStdioOptionMessage(fdNumber, from, options, isWritable));
      }
      return sourceStream;
    };
    SUBPROCESS_OPTIONS = /* @__PURE__ */ new WeakMap();
    getFdNumber = (fileDescriptors, fdName, isWritable) => {
      const fdNumber = parseFdNumber(fdName, isWritable);
      validateFdNumber(fdNumber, fdName, isWritable, fileDescriptors);
      return fdNumber;
    };
    parseFdNumber = (fdName, isWritable) => {
      const fdNumber = parseFd(fdName);
      if (fdNumber !== void 0) {
        return fdNumber;
      }
      const { validOptions, defaultValue } = isWritable ? { validOptions: '"stdin"', defaultValue: "stdin" } : { validOptions: '"stdout", "stderr", "all"', defaultValue: "stdout" };
      throw new TypeError(`"${getOptionName(isWritable)}" must not be "${fdName}".
It must be ${validOptions} or "fd3", "fd4" (and so on).
It is optional and defaults to "${defaultValue}".`);
    };
    validateFdNumber = (fdNumber, fdName, isWritable, fileDescriptors) => {
      const fileDescriptor = fileDescriptors[getUsedDescriptor(fdNumber)];
      if (fileDescriptor === void 0) {
        throw new TypeError(`"${getOptionName(isWritable)}" must not be ${fdName}. That file descriptor does not exist.
Please set the "stdio" option to ensure that file descriptor exists.`);
      }
      if (fileDescriptor.direction === "input" && !isWritable) {
        throw new TypeError(`"${getOptionName(isWritable)}" must not be ${fdName}. It must be a readable stream, not writable.`);
      }
      if (fileDescriptor.direction !== "input" && isWritable) {
        throw new TypeError(`"${getOptionName(isWritable)}" must not be ${fdName}. It must be a writable stream, not readable.`);
      }
    };
    getInvalidStdioOptionMessage = (fdNumber, fdName, options, isWritable) => {
      if (fdNumber === "all" && !options.all) {
        return `The "all" option must be true to use "from: 'all'".`;
      }
      const { optionName, optionValue } = getInvalidStdioOption(fdNumber, options);
      return `The "${optionName}: ${serializeOptionValue(optionValue)}" option is incompatible with using "${getOptionName(isWritable)}: ${serializeOptionValue(fdName)}".
Please set this option with "pipe" instead.`;
    };
    getInvalidStdioOption = (fdNumber, { stdin, stdout, stderr, stdio }) => {
      const usedDescriptor = getUsedDescriptor(fdNumber);
      if (usedDescriptor === 0 && stdin !== void 0) {
        return { optionName: "stdin", optionValue: stdin };
      }
      if (usedDescriptor === 1 && stdout !== void 0) {
        return { optionName: "stdout", optionValue: stdout };
      }
      if (usedDescriptor === 2 && stderr !== void 0) {
        return { optionName: "stderr", optionValue: stderr };
      }
      return { optionName: `stdio[${usedDescriptor}]`, optionValue: stdio[usedDescriptor] };
    };
    getUsedDescriptor = (fdNumber) => fdNumber === "all" ? 1 : fdNumber;
    getOptionName = (isWritable) => isWritable ? "to" : "from";
    serializeOptionValue = (value2) => {
      if (typeof value2 === "string") {
        return `'${value2}'`;
      }
      return typeof value2 === "number" ? `${value2}` : "Stream";
    };
  }
});

// node_modules/execa/lib/utils/max-listeners.js
var import_node_events2, incrementMaxListeners;
var init_max_listeners = __esm({
  "node_modules/execa/lib/utils/max-listeners.js"() {
    import_node_events2 = require("node:events");
    incrementMaxListeners = (eventEmitter, maxListenersIncrement, signal) => {
      const maxListeners = eventEmitter.getMaxListeners();
      if (maxListeners === 0 || maxListeners === Number.POSITIVE_INFINITY) {
        return;
      }
      eventEmitter.setMaxListeners(maxListeners + maxListenersIncrement);
      (0, import_node_events2.addAbortListener)(signal, () => {
        eventEmitter.setMaxListeners(eventEmitter.getMaxListeners() - maxListenersIncrement);
      });
    };
  }
});

// node_modules/execa/lib/ipc/reference.js
var addReference, addReferenceCount, removeReference, removeReferenceCount, undoAddedReferences, redoAddedReferences;
var init_reference = __esm({
  "node_modules/execa/lib/ipc/reference.js"() {
    addReference = (channel, reference) => {
      if (reference) {
        addReferenceCount(channel);
      }
    };
    addReferenceCount = (channel) => {
      channel.refCounted();
    };
    removeReference = (channel, reference) => {
      if (reference) {
        removeReferenceCount(channel);
      }
    };
    removeReferenceCount = (channel) => {
      channel.unrefCounted();
    };
    undoAddedReferences = (channel, isSubprocess) => {
      if (isSubprocess) {
        removeReferenceCount(channel);
        removeReferenceCount(channel);
      }
    };
    redoAddedReferences = (channel, isSubprocess) => {
      if (isSubprocess) {
        addReferenceCount(channel);
        addReferenceCount(channel);
      }
    };
  }
});

// node_modules/execa/lib/ipc/incoming.js
var import_node_events3, import_promises2, onMessage, onDisconnect, INCOMING_MESSAGES;
var init_incoming = __esm({
  "node_modules/execa/lib/ipc/incoming.js"() {
    import_node_events3 = require("node:events");
    import_promises2 = require("node:timers/promises");
    init_outgoing();
    init_reference();
    init_strict();
    init_graceful();
    onMessage = async ({ anyProcess, channel, isSubprocess, ipcEmitter }, wrappedMessage) => {
      if (handleStrictResponse(wrappedMessage) || handleAbort(wrappedMessage)) {
        return;
      }
      if (!INCOMING_MESSAGES.has(anyProcess)) {
        INCOMING_MESSAGES.set(anyProcess, []);
      }
      const incomingMessages = INCOMING_MESSAGES.get(anyProcess);
      incomingMessages.push(wrappedMessage);
      if (incomingMessages.length > 1) {
        return;
      }
      while (incomingMessages.length > 0) {
        await waitForOutgoingMessages(anyProcess, ipcEmitter, wrappedMessage);
        await import_promises2.scheduler.yield();
        const message = await handleStrictRequest({
          wrappedMessage: incomingMessages[0],
          anyProcess,
          channel,
          isSubprocess,
          ipcEmitter
        });
        incomingMessages.shift();
        ipcEmitter.emit("message", message);
        ipcEmitter.emit("message:done");
      }
    };
    onDisconnect = async ({ anyProcess, channel, isSubprocess, ipcEmitter, boundOnMessage }) => {
      abortOnDisconnect();
      const incomingMessages = INCOMING_MESSAGES.get(anyProcess);
      while (incomingMessages?.length > 0) {
        await (0, import_node_events3.once)(ipcEmitter, "message:done");
      }
      anyProcess.removeListener("message", boundOnMessage);
      redoAddedReferences(channel, isSubprocess);
      ipcEmitter.connected = false;
      ipcEmitter.emit("disconnect");
    };
    INCOMING_MESSAGES = /* @__PURE__ */ new WeakMap();
  }
});

// node_modules/execa/lib/ipc/forward.js
var import_node_events4, getIpcEmitter, IPC_EMITTERS, forwardEvents, isConnected;
var init_forward = __esm({
  "node_modules/execa/lib/ipc/forward.js"() {
    import_node_events4 = require("node:events");
    init_incoming();
    init_reference();
    getIpcEmitter = (anyProcess, channel, isSubprocess) => {
      if (IPC_EMITTERS.has(anyProcess)) {
        return IPC_EMITTERS.get(anyProcess);
      }
      const ipcEmitter = new import_node_events4.EventEmitter();
      ipcEmitter.connected = true;
      IPC_EMITTERS.set(anyProcess, ipcEmitter);
      forwardEvents({
        ipcEmitter,
        anyProcess,
        channel,
        isSubprocess
      });
      return ipcEmitter;
    };
    IPC_EMITTERS = /* @__PURE__ */ new WeakMap();
    forwardEvents = ({ ipcEmitter, anyProcess, channel, isSubprocess }) => {
      const boundOnMessage = onMessage.bind(void 0, {
        anyProcess,
        channel,
        isSubprocess,
        ipcEmitter
      });
      anyProcess.on("message", boundOnMessage);
      anyProcess.once("disconnect", onDisconnect.bind(void 0, {
        anyProcess,
        channel,
        isSubprocess,
        ipcEmitter,
        boundOnMessage
      }));
      undoAddedReferences(channel, isSubprocess);
    };
    isConnected = (anyProcess) => {
      const ipcEmitter = IPC_EMITTERS.get(anyProcess);
      return ipcEmitter === void 0 ? anyProcess.channel !== null : ipcEmitter.connected;
    };
  }
});

// node_modules/execa/lib/ipc/strict.js
var import_node_events5, handleSendStrict, count, validateStrictDeadlock, handleStrictRequest, handleStrictResponse, waitForStrictResponse, STRICT_RESPONSES, throwOnDisconnect, REQUEST_TYPE, RESPONSE_TYPE;
var init_strict = __esm({
  "node_modules/execa/lib/ipc/strict.js"() {
    import_node_events5 = require("node:events");
    init_deferred();
    init_max_listeners();
    init_send();
    init_validation();
    init_forward();
    init_outgoing();
    handleSendStrict = ({ anyProcess, channel, isSubprocess, message, strict }) => {
      if (!strict) {
        return message;
      }
      const ipcEmitter = getIpcEmitter(anyProcess, channel, isSubprocess);
      const hasListeners = hasMessageListeners(anyProcess, ipcEmitter);
      return {
        id: count++,
        type: REQUEST_TYPE,
        message,
        hasListeners
      };
    };
    count = 0n;
    validateStrictDeadlock = (outgoingMessages, wrappedMessage) => {
      if (wrappedMessage?.type !== REQUEST_TYPE || wrappedMessage.hasListeners) {
        return;
      }
      for (const { id } of outgoingMessages) {
        if (id !== void 0) {
          STRICT_RESPONSES[id].resolve({ isDeadlock: true, hasListeners: false });
        }
      }
    };
    handleStrictRequest = async ({ wrappedMessage, anyProcess, channel, isSubprocess, ipcEmitter }) => {
      if (wrappedMessage?.type !== REQUEST_TYPE || !anyProcess.connected) {
        return wrappedMessage;
      }
      const { id, message } = wrappedMessage;
      const response = { id, type: RESPONSE_TYPE, message: hasMessageListeners(anyProcess, ipcEmitter) };
      try {
        await sendMessage({
          anyProcess,
          channel,
          isSubprocess,
          ipc: true
        }, response);
      } catch (error) {
        ipcEmitter.emit("strict:error", error);
      }
      return message;
    };
    handleStrictResponse = (wrappedMessage) => {
      if (wrappedMessage?.type !== RESPONSE_TYPE) {
        return false;
      }
      const { id, message: hasListeners } = wrappedMessage;
      STRICT_RESPONSES[id]?.resolve({ isDeadlock: false, hasListeners });
      return true;
    };
    waitForStrictResponse = async (wrappedMessage, anyProcess, isSubprocess) => {
      if (wrappedMessage?.type !== REQUEST_TYPE) {
        return;
      }
      const deferred = createDeferred();
      STRICT_RESPONSES[wrappedMessage.id] = deferred;
      const controller = new AbortController();
      try {
        const { isDeadlock, hasListeners } = await Promise.race([
          deferred,
          throwOnDisconnect(anyProcess, isSubprocess, controller)
        ]);
        if (isDeadlock) {
          throwOnStrictDeadlockError(isSubprocess);
        }
        if (!hasListeners) {
          throwOnMissingStrict(isSubprocess);
        }
      } finally {
        controller.abort();
        delete STRICT_RESPONSES[wrappedMessage.id];
      }
    };
    STRICT_RESPONSES = {};
    throwOnDisconnect = async (anyProcess, isSubprocess, { signal }) => {
      incrementMaxListeners(anyProcess, 1, signal);
      await (0, import_node_events5.once)(anyProcess, "disconnect", { signal });
      throwOnStrictDisconnect(isSubprocess);
    };
    REQUEST_TYPE = "execa:ipc:request";
    RESPONSE_TYPE = "execa:ipc:response";
  }
});

// node_modules/execa/lib/ipc/outgoing.js
var startSendMessage, endSendMessage, waitForOutgoingMessages, OUTGOING_MESSAGES, hasMessageListeners, getMinListenerCount;
var init_outgoing = __esm({
  "node_modules/execa/lib/ipc/outgoing.js"() {
    init_deferred();
    init_specific();
    init_fd_options();
    init_strict();
    startSendMessage = (anyProcess, wrappedMessage, strict) => {
      if (!OUTGOING_MESSAGES.has(anyProcess)) {
        OUTGOING_MESSAGES.set(anyProcess, /* @__PURE__ */ new Set());
      }
      const outgoingMessages = OUTGOING_MESSAGES.get(anyProcess);
      const onMessageSent = createDeferred();
      const id = strict ? wrappedMessage.id : void 0;
      const outgoingMessage = { onMessageSent, id };
      outgoingMessages.add(outgoingMessage);
      return { outgoingMessages, outgoingMessage };
    };
    endSendMessage = ({ outgoingMessages, outgoingMessage }) => {
      outgoingMessages.delete(outgoingMessage);
      outgoingMessage.onMessageSent.resolve();
    };
    waitForOutgoingMessages = async (anyProcess, ipcEmitter, wrappedMessage) => {
      while (!hasMessageListeners(anyProcess, ipcEmitter) && OUTGOING_MESSAGES.get(anyProcess)?.size > 0) {
        const outgoingMessages = [...OUTGOING_MESSAGES.get(anyProcess)];
        validateStrictDeadlock(outgoingMessages, wrappedMessage);
        await Promise.all(outgoingMessages.map(({ onMessageSent }) => onMessageSent));
      }
    };
    OUTGOING_MESSAGES = /* @__PURE__ */ new WeakMap();
    hasMessageListeners = (anyProcess, ipcEmitter) => ipcEmitter.listenerCount("message") > getMinListenerCount(anyProcess);
    getMinListenerCount = (anyProcess) => SUBPROCESS_OPTIONS.has(anyProcess) && !getFdSpecificValue(SUBPROCESS_OPTIONS.get(anyProcess).options.buffer, "ipc") ? 1 : 0;
  }
});

// node_modules/execa/lib/ipc/send.js
var import_node_util5, sendMessage, sendMessageAsync, sendOneMessage, getSendMethod, PROCESS_SEND_METHODS;
var init_send = __esm({
  "node_modules/execa/lib/ipc/send.js"() {
    import_node_util5 = require("node:util");
    init_validation();
    init_outgoing();
    init_strict();
    sendMessage = ({ anyProcess, channel, isSubprocess, ipc }, message, { strict = false } = {}) => {
      const methodName = "sendMessage";
      validateIpcMethod({
        methodName,
        isSubprocess,
        ipc,
        isConnected: anyProcess.connected
      });
      return sendMessageAsync({
        anyProcess,
        channel,
        methodName,
        isSubprocess,
        message,
        strict
      });
    };
    sendMessageAsync = async ({ anyProcess, channel, methodName, isSubprocess, message, strict }) => {
      const wrappedMessage = handleSendStrict({
        anyProcess,
        channel,
        isSubprocess,
        message,
        strict
      });
      const outgoingMessagesState = startSendMessage(anyProcess, wrappedMessage, strict);
      try {
        await sendOneMessage({
          anyProcess,
          methodName,
          isSubprocess,
          wrappedMessage,
          message
        });
      } catch (error) {
        disconnect(anyProcess);
        throw error;
      } finally {
        endSendMessage(outgoingMessagesState);
      }
    };
    sendOneMessage = async ({ anyProcess, methodName, isSubprocess, wrappedMessage, message }) => {
      const sendMethod = getSendMethod(anyProcess);
      try {
        await Promise.all([
          waitForStrictResponse(wrappedMessage, anyProcess, isSubprocess),
          sendMethod(wrappedMessage)
        ]);
      } catch (error) {
        handleEpipeError({ error, methodName, isSubprocess });
        handleSerializationError({
          error,
          methodName,
          isSubprocess,
          message
        });
        throw error;
      }
    };
    getSendMethod = (anyProcess) => {
      if (PROCESS_SEND_METHODS.has(anyProcess)) {
        return PROCESS_SEND_METHODS.get(anyProcess);
      }
      const sendMethod = (0, import_node_util5.promisify)(anyProcess.send.bind(anyProcess));
      PROCESS_SEND_METHODS.set(anyProcess, sendMethod);
      return sendMethod;
    };
    PROCESS_SEND_METHODS = /* @__PURE__ */ new WeakMap();
  }
});

// node_modules/execa/lib/ipc/graceful.js
var import_promises3, sendAbort, getCancelSignal, startIpc, cancelListening, handleAbort, GRACEFUL_CANCEL_TYPE, abortOnDisconnect, cancelController;
var init_graceful = __esm({
  "node_modules/execa/lib/ipc/graceful.js"() {
    import_promises3 = require("node:timers/promises");
    init_send();
    init_forward();
    init_validation();
    sendAbort = (subprocess, message) => {
      const methodName = "cancelSignal";
      validateConnection(methodName, false, subprocess.connected);
      return sendOneMessage({
        anyProcess: subprocess,
        methodName,
        isSubprocess: false,
        wrappedMessage: { type: GRACEFUL_CANCEL_TYPE, message },
        message
      });
    };
    getCancelSignal = async ({ anyProcess, channel, isSubprocess, ipc }) => {
      await startIpc({
        anyProcess,
        channel,
        isSubprocess,
        ipc
      });
      return cancelController.signal;
    };
    startIpc = async ({ anyProcess, channel, isSubprocess, ipc }) => {
      if (cancelListening) {
        return;
      }
      cancelListening = true;
      if (!ipc) {
        throwOnMissingParent();
        return;
      }
      if (channel === null) {
        abortOnDisconnect();
        return;
      }
      getIpcEmitter(anyProcess, channel, isSubprocess);
      await import_promises3.scheduler.yield();
    };
    cancelListening = false;
    handleAbort = (wrappedMessage) => {
      if (wrappedMessage?.type !== GRACEFUL_CANCEL_TYPE) {
        return false;
      }
      cancelController.abort(wrappedMessage.message);
      return true;
    };
    GRACEFUL_CANCEL_TYPE = "execa:ipc:cancel";
    abortOnDisconnect = () => {
      cancelController.abort(getAbortDisconnectError());
    };
    cancelController = new AbortController();
  }
});

// node_modules/execa/lib/terminate/graceful.js
var validateGracefulCancel, throwOnGracefulCancel, sendOnAbort, getReason;
var init_graceful2 = __esm({
  "node_modules/execa/lib/terminate/graceful.js"() {
    init_abort_signal();
    init_graceful();
    init_kill();
    validateGracefulCancel = ({ gracefulCancel, cancelSignal, ipc, serialization }) => {
      if (!gracefulCancel) {
        return;
      }
      if (cancelSignal === void 0) {
        throw new Error("The `cancelSignal` option must be defined when setting the `gracefulCancel` option.");
      }
      if (!ipc) {
        throw new Error("The `ipc` option cannot be false when setting the `gracefulCancel` option.");
      }
      if (serialization === "json") {
        throw new Error("The `serialization` option cannot be 'json' when setting the `gracefulCancel` option.");
      }
    };
    throwOnGracefulCancel = ({
      subprocess,
      cancelSignal,
      gracefulCancel,
      forceKillAfterDelay,
      context: context2,
      controller
    }) => gracefulCancel ? [sendOnAbort({
      subprocess,
      cancelSignal,
      forceKillAfterDelay,
      context: context2,
      controller
    })] : [];
    sendOnAbort = async ({ subprocess, cancelSignal, forceKillAfterDelay, context: context2, controller: { signal } }) => {
      await onAbortedSignal(cancelSignal, signal);
      const reason = getReason(cancelSignal);
      await sendAbort(subprocess, reason);
      killOnTimeout({
        kill: subprocess.kill,
        forceKillAfterDelay,
        context: context2,
        controllerSignal: signal
      });
      context2.terminationReason ??= "gracefulCancel";
      throw cancelSignal.reason;
    };
    getReason = ({ reason }) => {
      if (!(reason instanceof DOMException)) {
        return reason;
      }
      const error = new Error(reason.message);
      Object.defineProperty(error, "stack", {
        value: reason.stack,
        enumerable: false,
        configurable: true,
        writable: true
      });
      return error;
    };
  }
});

// node_modules/execa/lib/terminate/timeout.js
var import_promises4, validateTimeout, throwOnTimeout, killAfterTimeout;
var init_timeout = __esm({
  "node_modules/execa/lib/terminate/timeout.js"() {
    import_promises4 = require("node:timers/promises");
    init_final_error();
    validateTimeout = ({ timeout }) => {
      if (timeout !== void 0 && (!Number.isFinite(timeout) || timeout < 0)) {
        throw new TypeError(`Expected the \`timeout\` option to be a non-negative integer, got \`${timeout}\` (${typeof timeout})`);
      }
    };
    throwOnTimeout = (subprocess, timeout, context2, controller) => timeout === 0 || timeout === void 0 ? [] : [killAfterTimeout(subprocess, timeout, context2, controller)];
    killAfterTimeout = async (subprocess, timeout, context2, { signal }) => {
      await (0, import_promises4.setTimeout)(timeout, void 0, { signal });
      context2.terminationReason ??= "timeout";
      subprocess.kill();
      throw new DiscardedError();
    };
  }
});

// node_modules/execa/lib/methods/node.js
var import_node_process6, import_node_path12, mapNode, handleNodeOption;
var init_node2 = __esm({
  "node_modules/execa/lib/methods/node.js"() {
    import_node_process6 = require("node:process");
    import_node_path12 = __toESM(require("node:path"), 1);
    init_file_url();
    mapNode = ({ options }) => {
      if (options.node === false) {
        throw new TypeError('The "node" option cannot be false with `execaNode()`.');
      }
      return { options: { ...options, node: true } };
    };
    handleNodeOption = (file, commandArguments, {
      node: shouldHandleNode = false,
      nodePath = import_node_process6.execPath,
      nodeOptions = import_node_process6.execArgv.filter((nodeOption) => !nodeOption.startsWith("--inspect")),
      cwd,
      execPath: formerNodePath,
      ...options
    }) => {
      if (formerNodePath !== void 0) {
        throw new TypeError('The "execPath" option has been removed. Please use the "nodePath" option instead.');
      }
      const normalizedNodePath = safeNormalizeFileUrl(nodePath, 'The "nodePath" option');
      const resolvedNodePath = import_node_path12.default.resolve(cwd, normalizedNodePath);
      const newOptions = {
        ...options,
        nodePath: resolvedNodePath,
        node: shouldHandleNode,
        cwd
      };
      if (!shouldHandleNode) {
        return [file, commandArguments, newOptions];
      }
      if (import_node_path12.default.basename(file, ".exe") === "node") {
        throw new TypeError('When the "node" option is true, the first argument does not need to be "node".');
      }
      return [
        resolvedNodePath,
        [...nodeOptions, file, ...commandArguments],
        { ipc: true, ...newOptions, shell: false }
      ];
    };
  }
});

// node_modules/execa/lib/ipc/ipc-input.js
var import_node_v8, validateIpcInputOption, validateAdvancedInput, validateJsonInput, validateIpcInput, sendIpcInput;
var init_ipc_input = __esm({
  "node_modules/execa/lib/ipc/ipc-input.js"() {
    import_node_v8 = require("node:v8");
    validateIpcInputOption = ({ ipcInput, ipc, serialization }) => {
      if (ipcInput === void 0) {
        return;
      }
      if (!ipc) {
        throw new Error("The `ipcInput` option cannot be set unless the `ipc` option is `true`.");
      }
      validateIpcInput[serialization](ipcInput);
    };
    validateAdvancedInput = (ipcInput) => {
      try {
        (0, import_node_v8.serialize)(ipcInput);
      } catch (error) {
        throw new Error("The `ipcInput` option is not serializable with a structured clone.", { cause: error });
      }
    };
    validateJsonInput = (ipcInput) => {
      try {
        JSON.stringify(ipcInput);
      } catch (error) {
        throw new Error("The `ipcInput` option is not serializable with JSON.", { cause: error });
      }
    };
    validateIpcInput = {
      advanced: validateAdvancedInput,
      json: validateJsonInput
    };
    sendIpcInput = async (subprocess, ipcInput) => {
      if (ipcInput === void 0) {
        return;
      }
      await subprocess.sendMessage(ipcInput);
    };
  }
});

// node_modules/execa/lib/arguments/encoding-option.js
var validateEncoding, TEXT_ENCODINGS, BINARY_ENCODINGS, ENCODINGS, getCorrectEncoding, ENCODING_ALIASES, serializeEncoding;
var init_encoding_option = __esm({
  "node_modules/execa/lib/arguments/encoding-option.js"() {
    validateEncoding = ({ encoding }) => {
      if (ENCODINGS.has(encoding)) {
        return;
      }
      const correctEncoding = getCorrectEncoding(encoding);
      if (correctEncoding !== void 0) {
        throw new TypeError(`Invalid option \`encoding: ${serializeEncoding(encoding)}\`.
Please rename it to ${serializeEncoding(correctEncoding)}.`);
      }
      const correctEncodings = [...ENCODINGS].map((correctEncoding2) => serializeEncoding(correctEncoding2)).join(", ");
      throw new TypeError(`Invalid option \`encoding: ${serializeEncoding(encoding)}\`.
Please rename it to one of: ${correctEncodings}.`);
    };
    TEXT_ENCODINGS = /* @__PURE__ */ new Set(["utf8", "utf16le"]);
    BINARY_ENCODINGS = /* @__PURE__ */ new Set(["buffer", "hex", "base64", "base64url", "latin1", "ascii"]);
    ENCODINGS = /* @__PURE__ */ new Set([...TEXT_ENCODINGS, ...BINARY_ENCODINGS]);
    getCorrectEncoding = (encoding) => {
      if (encoding === null) {
        return "buffer";
      }
      if (typeof encoding !== "string") {
        return;
      }
      const lowerEncoding = encoding.toLowerCase();
      if (lowerEncoding in ENCODING_ALIASES) {
        return ENCODING_ALIASES[lowerEncoding];
      }
      if (ENCODINGS.has(lowerEncoding)) {
        return lowerEncoding;
      }
    };
    ENCODING_ALIASES = {
      // eslint-disable-next-line unicorn/text-encoding-identifier-case
      "utf-8": "utf8",
      "utf-16le": "utf16le",
      "ucs-2": "utf16le",
      ucs2: "utf16le",
      binary: "latin1"
    };
    serializeEncoding = (encoding) => typeof encoding === "string" ? `"${encoding}"` : String(encoding);
  }
});

// node_modules/execa/lib/arguments/cwd.js
var import_node_fs15, import_node_path13, import_node_process7, normalizeCwd, getDefaultCwd, fixCwdError;
var init_cwd = __esm({
  "node_modules/execa/lib/arguments/cwd.js"() {
    import_node_fs15 = require("node:fs");
    import_node_path13 = __toESM(require("node:path"), 1);
    import_node_process7 = __toESM(require("node:process"), 1);
    init_file_url();
    normalizeCwd = (cwd = getDefaultCwd()) => {
      const cwdString = safeNormalizeFileUrl(cwd, 'The "cwd" option');
      return import_node_path13.default.resolve(cwdString);
    };
    getDefaultCwd = () => {
      try {
        return import_node_process7.default.cwd();
      } catch (error) {
        error.message = `The current directory does not exist.
${error.message}`;
        throw error;
      }
    };
    fixCwdError = (originalMessage, cwd) => {
      if (cwd === getDefaultCwd()) {
        return originalMessage;
      }
      let cwdStat;
      try {
        cwdStat = (0, import_node_fs15.statSync)(cwd);
      } catch (error) {
        return `The "cwd" option is invalid: ${cwd}.
${error.message}
${originalMessage}`;
      }
      if (!cwdStat.isDirectory()) {
        return `The "cwd" option is not a directory: ${cwd}.
${originalMessage}`;
      }
      return originalMessage;
    };
  }
});

// node_modules/execa/lib/arguments/options.js
var import_node_path14, import_node_process8, import_cross_spawn, normalizeOptions, addDefaultOptions, getEnv;
var init_options = __esm({
  "node_modules/execa/lib/arguments/options.js"() {
    import_node_path14 = __toESM(require("node:path"), 1);
    import_node_process8 = __toESM(require("node:process"), 1);
    import_cross_spawn = __toESM(require_cross_spawn(), 1);
    init_npm_run_path();
    init_kill();
    init_signal();
    init_cancel();
    init_graceful2();
    init_timeout();
    init_node2();
    init_ipc_input();
    init_encoding_option();
    init_cwd();
    init_file_url();
    init_specific();
    normalizeOptions = (filePath, rawArguments, rawOptions) => {
      rawOptions.cwd = normalizeCwd(rawOptions.cwd);
      const [processedFile, processedArguments, processedOptions] = handleNodeOption(filePath, rawArguments, rawOptions);
      const { command: file, args: commandArguments, options: initialOptions } = import_cross_spawn.default._parse(processedFile, processedArguments, processedOptions);
      const fdOptions = normalizeFdSpecificOptions(initialOptions);
      const options = addDefaultOptions(fdOptions);
      validateTimeout(options);
      validateEncoding(options);
      validateIpcInputOption(options);
      validateCancelSignal(options);
      validateGracefulCancel(options);
      options.shell = normalizeFileUrl(options.shell);
      options.env = getEnv(options);
      options.killSignal = normalizeKillSignal(options.killSignal);
      options.forceKillAfterDelay = normalizeForceKillAfterDelay(options.forceKillAfterDelay);
      options.lines = options.lines.map((lines, fdNumber) => lines && !BINARY_ENCODINGS.has(options.encoding) && options.buffer[fdNumber]);
      if (import_node_process8.default.platform === "win32" && import_node_path14.default.basename(file, ".exe") === "cmd") {
        commandArguments.unshift("/q");
      }
      return { file, commandArguments, options };
    };
    addDefaultOptions = ({
      extendEnv = true,
      preferLocal = false,
      cwd,
      localDir: localDirectory = cwd,
      encoding = "utf8",
      reject = true,
      cleanup = true,
      all = false,
      windowsHide = true,
      killSignal = "SIGTERM",
      forceKillAfterDelay = true,
      gracefulCancel = false,
      ipcInput,
      ipc = ipcInput !== void 0 || gracefulCancel,
      serialization = "advanced",
      ...options
    }) => ({
      ...options,
      extendEnv,
      preferLocal,
      cwd,
      localDirectory,
      encoding,
      reject,
      cleanup,
      all,
      windowsHide,
      killSignal,
      forceKillAfterDelay,
      gracefulCancel,
      ipcInput,
      ipc,
      serialization
    });
    getEnv = ({ env: envOption, extendEnv, preferLocal, node, localDirectory, nodePath }) => {
      const env = extendEnv ? { ...import_node_process8.default.env, ...envOption } : envOption;
      if (preferLocal || node) {
        return npmRunPathEnv({
          env,
          cwd: localDirectory,
          execPath: nodePath,
          preferLocal,
          addExecPath: node
        });
      }
      return env;
    };
  }
});

// node_modules/execa/lib/arguments/shell.js
var concatenateShell;
var init_shell = __esm({
  "node_modules/execa/lib/arguments/shell.js"() {
    concatenateShell = (file, commandArguments, options) => options.shell && commandArguments.length > 0 ? [[file, ...commandArguments].join(" "), [], options] : [file, commandArguments, options];
  }
});

// node_modules/strip-final-newline/index.js
function stripFinalNewline(input) {
  if (typeof input === "string") {
    return stripFinalNewlineString(input);
  }
  if (!(ArrayBuffer.isView(input) && input.BYTES_PER_ELEMENT === 1)) {
    throw new Error("Input must be a string or a Uint8Array");
  }
  return stripFinalNewlineBinary(input);
}
var stripFinalNewlineString, stripFinalNewlineBinary, LF, LF_BINARY, CR, CR_BINARY;
var init_strip_final_newline = __esm({
  "node_modules/strip-final-newline/index.js"() {
    stripFinalNewlineString = (input) => input.at(-1) === LF ? input.slice(0, input.at(-2) === CR ? -2 : -1) : input;
    stripFinalNewlineBinary = (input) => input.at(-1) === LF_BINARY ? input.subarray(0, input.at(-2) === CR_BINARY ? -2 : -1) : input;
    LF = "\n";
    LF_BINARY = LF.codePointAt(0);
    CR = "\r";
    CR_BINARY = CR.codePointAt(0);
  }
});

// node_modules/is-stream/index.js
function isStream(stream, { checkOpen = true } = {}) {
  return stream !== null && typeof stream === "object" && (stream.writable || stream.readable || !checkOpen || stream.writable === void 0 && stream.readable === void 0) && typeof stream.pipe === "function";
}
function isWritableStream(stream, { checkOpen = true } = {}) {
  return isStream(stream, { checkOpen }) && (stream.writable || !checkOpen) && typeof stream.write === "function" && typeof stream.end === "function" && typeof stream.writable === "boolean" && typeof stream.writableObjectMode === "boolean" && typeof stream.destroy === "function" && typeof stream.destroyed === "boolean";
}
function isReadableStream(stream, { checkOpen = true } = {}) {
  return isStream(stream, { checkOpen }) && (stream.readable || !checkOpen) && typeof stream.read === "function" && typeof stream.readable === "boolean" && typeof stream.readableObjectMode === "boolean" && typeof stream.destroy === "function" && typeof stream.destroyed === "boolean";
}
function isDuplexStream(stream, options) {
  return isWritableStream(stream, options) && isReadableStream(stream, options);
}
var init_is_stream = __esm({
  "node_modules/is-stream/index.js"() {
  }
});

// node_modules/@sec-ant/readable-stream/dist/ponyfill/asyncIterator.js
function i() {
  return this[n].next();
}
function o(r) {
  return this[n].return(r);
}
function h({ preventCancel: r = false } = {}) {
  const e = this.getReader(), t = new c(
    e,
    r
  ), s = Object.create(u);
  return s[n] = t, s;
}
var a, c, n, u;
var init_asyncIterator = __esm({
  "node_modules/@sec-ant/readable-stream/dist/ponyfill/asyncIterator.js"() {
    a = Object.getPrototypeOf(
      Object.getPrototypeOf(
        /* istanbul ignore next */
        async function* () {
        }
      ).prototype
    );
    c = class {
      #t;
      #n;
      #r = false;
      #e = void 0;
      constructor(e, t) {
        this.#t = e, this.#n = t;
      }
      next() {
        const e = () => this.#s();
        return this.#e = this.#e ? this.#e.then(e, e) : e(), this.#e;
      }
      return(e) {
        const t = () => this.#i(e);
        return this.#e ? this.#e.then(t, t) : t();
      }
      async #s() {
        if (this.#r)
          return {
            done: true,
            value: void 0
          };
        let e;
        try {
          e = await this.#t.read();
        } catch (t) {
          throw this.#e = void 0, this.#r = true, this.#t.releaseLock(), t;
        }
        return e.done && (this.#e = void 0, this.#r = true, this.#t.releaseLock()), e;
      }
      async #i(e) {
        if (this.#r)
          return {
            done: true,
            value: e
          };
        if (this.#r = true, !this.#n) {
          const t = this.#t.cancel(e);
          return this.#t.releaseLock(), await t, {
            done: true,
            value: e
          };
        }
        return this.#t.releaseLock(), {
          done: true,
          value: e
        };
      }
    };
    n = /* @__PURE__ */ Symbol();
    Object.defineProperty(i, "name", { value: "next" });
    Object.defineProperty(o, "name", { value: "return" });
    u = Object.create(a, {
      next: {
        enumerable: true,
        configurable: true,
        writable: true,
        value: i
      },
      return: {
        enumerable: true,
        configurable: true,
        writable: true,
        value: o
      }
    });
  }
});

// node_modules/@sec-ant/readable-stream/dist/ponyfill/fromAnyIterable.js
var init_fromAnyIterable = __esm({
  "node_modules/@sec-ant/readable-stream/dist/ponyfill/fromAnyIterable.js"() {
  }
});

// node_modules/@sec-ant/readable-stream/dist/ponyfill/index.js
var init_ponyfill = __esm({
  "node_modules/@sec-ant/readable-stream/dist/ponyfill/index.js"() {
    init_asyncIterator();
    init_fromAnyIterable();
  }
});

// node_modules/get-stream/source/stream.js
var getAsyncIterable, toString, getStreamIterable, handleStreamEnd, nodeImports;
var init_stream = __esm({
  "node_modules/get-stream/source/stream.js"() {
    init_is_stream();
    init_ponyfill();
    getAsyncIterable = (stream) => {
      if (isReadableStream(stream, { checkOpen: false }) && nodeImports.on !== void 0) {
        return getStreamIterable(stream);
      }
      if (typeof stream?.[Symbol.asyncIterator] === "function") {
        return stream;
      }
      if (toString.call(stream) === "[object ReadableStream]") {
        return h.call(stream);
      }
      throw new TypeError("The first argument must be a Readable, a ReadableStream, or an async iterable.");
    };
    ({ toString } = Object.prototype);
    getStreamIterable = async function* (stream) {
      const controller = new AbortController();
      const state = {};
      handleStreamEnd(stream, controller, state);
      try {
        for await (const [chunk] of nodeImports.on(stream, "data", { signal: controller.signal })) {
          yield chunk;
        }
      } catch (error) {
        if (state.error !== void 0) {
          throw state.error;
        } else if (!controller.signal.aborted) {
          throw error;
        }
      } finally {
        stream.destroy();
      }
    };
    handleStreamEnd = async (stream, controller, state) => {
      try {
        await nodeImports.finished(stream, {
          cleanup: true,
          readable: true,
          writable: false,
          error: false
        });
      } catch (error) {
        state.error = error;
      } finally {
        controller.abort();
      }
    };
    nodeImports = {};
  }
});

// node_modules/get-stream/source/contents.js
var getStreamContents, appendFinalChunk, appendChunk, addNewChunk, getChunkType, objectToString2, MaxBufferError;
var init_contents = __esm({
  "node_modules/get-stream/source/contents.js"() {
    init_stream();
    getStreamContents = async (stream, { init, convertChunk, getSize, truncateChunk, addChunk, getFinalChunk, finalize }, { maxBuffer = Number.POSITIVE_INFINITY } = {}) => {
      const asyncIterable = getAsyncIterable(stream);
      const state = init();
      state.length = 0;
      try {
        for await (const chunk of asyncIterable) {
          const chunkType = getChunkType(chunk);
          const convertedChunk = convertChunk[chunkType](chunk, state);
          appendChunk({
            convertedChunk,
            state,
            getSize,
            truncateChunk,
            addChunk,
            maxBuffer
          });
        }
        appendFinalChunk({
          state,
          convertChunk,
          getSize,
          truncateChunk,
          addChunk,
          getFinalChunk,
          maxBuffer
        });
        return finalize(state);
      } catch (error) {
        const normalizedError = typeof error === "object" && error !== null ? error : new Error(error);
        normalizedError.bufferedData = finalize(state);
        throw normalizedError;
      }
    };
    appendFinalChunk = ({ state, getSize, truncateChunk, addChunk, getFinalChunk, maxBuffer }) => {
      const convertedChunk = getFinalChunk(state);
      if (convertedChunk !== void 0) {
        appendChunk({
          convertedChunk,
          state,
          getSize,
          truncateChunk,
          addChunk,
          maxBuffer
        });
      }
    };
    appendChunk = ({ convertedChunk, state, getSize, truncateChunk, addChunk, maxBuffer }) => {
      const chunkSize = getSize(convertedChunk);
      const newLength = state.length + chunkSize;
      if (newLength <= maxBuffer) {
        addNewChunk(convertedChunk, state, addChunk, newLength);
        return;
      }
      const truncatedChunk = truncateChunk(convertedChunk, maxBuffer - state.length);
      if (truncatedChunk !== void 0) {
        addNewChunk(truncatedChunk, state, addChunk, maxBuffer);
      }
      throw new MaxBufferError();
    };
    addNewChunk = (convertedChunk, state, addChunk, newLength) => {
      state.contents = addChunk(convertedChunk, state, newLength);
      state.length = newLength;
    };
    getChunkType = (chunk) => {
      const typeOfChunk = typeof chunk;
      if (typeOfChunk === "string") {
        return "string";
      }
      if (typeOfChunk !== "object" || chunk === null) {
        return "others";
      }
      if (globalThis.Buffer?.isBuffer(chunk)) {
        return "buffer";
      }
      const prototypeName = objectToString2.call(chunk);
      if (prototypeName === "[object ArrayBuffer]") {
        return "arrayBuffer";
      }
      if (prototypeName === "[object DataView]") {
        return "dataView";
      }
      if (Number.isInteger(chunk.byteLength) && Number.isInteger(chunk.byteOffset) && objectToString2.call(chunk.buffer) === "[object ArrayBuffer]") {
        return "typedArray";
      }
      return "others";
    };
    ({ toString: objectToString2 } = Object.prototype);
    MaxBufferError = class extends Error {
      name = "MaxBufferError";
      constructor() {
        super("maxBuffer exceeded");
      }
    };
  }
});

// node_modules/get-stream/source/utils.js
var identity2, noop, getContentsProperty, throwObjectStream, getLengthProperty;
var init_utils = __esm({
  "node_modules/get-stream/source/utils.js"() {
    identity2 = (value2) => value2;
    noop = () => void 0;
    getContentsProperty = ({ contents }) => contents;
    throwObjectStream = (chunk) => {
      throw new Error(`Streams in object mode are not supported: ${String(chunk)}`);
    };
    getLengthProperty = (convertedChunk) => convertedChunk.length;
  }
});

// node_modules/get-stream/source/array.js
async function getStreamAsArray(stream, options) {
  return getStreamContents(stream, arrayMethods, options);
}
var initArray, increment, addArrayChunk, arrayMethods;
var init_array = __esm({
  "node_modules/get-stream/source/array.js"() {
    init_contents();
    init_utils();
    initArray = () => ({ contents: [] });
    increment = () => 1;
    addArrayChunk = (convertedChunk, { contents }) => {
      contents.push(convertedChunk);
      return contents;
    };
    arrayMethods = {
      init: initArray,
      convertChunk: {
        string: identity2,
        buffer: identity2,
        arrayBuffer: identity2,
        dataView: identity2,
        typedArray: identity2,
        others: identity2
      },
      getSize: increment,
      truncateChunk: noop,
      addChunk: addArrayChunk,
      getFinalChunk: noop,
      finalize: getContentsProperty
    };
  }
});

// node_modules/get-stream/source/array-buffer.js
async function getStreamAsArrayBuffer(stream, options) {
  return getStreamContents(stream, arrayBufferMethods, options);
}
var initArrayBuffer, useTextEncoder, textEncoder2, useUint8Array, useUint8ArrayWithOffset, truncateArrayBufferChunk, addArrayBufferChunk, resizeArrayBufferSlow, resizeArrayBuffer, getNewContentsLength, SCALE_FACTOR, finalizeArrayBuffer, hasArrayBufferResize, arrayBufferMethods;
var init_array_buffer = __esm({
  "node_modules/get-stream/source/array-buffer.js"() {
    init_contents();
    init_utils();
    initArrayBuffer = () => ({ contents: new ArrayBuffer(0) });
    useTextEncoder = (chunk) => textEncoder2.encode(chunk);
    textEncoder2 = new TextEncoder();
    useUint8Array = (chunk) => new Uint8Array(chunk);
    useUint8ArrayWithOffset = (chunk) => new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    truncateArrayBufferChunk = (convertedChunk, chunkSize) => convertedChunk.slice(0, chunkSize);
    addArrayBufferChunk = (convertedChunk, { contents, length: previousLength }, length) => {
      const newContents = hasArrayBufferResize() ? resizeArrayBuffer(contents, length) : resizeArrayBufferSlow(contents, length);
      new Uint8Array(newContents).set(convertedChunk, previousLength);
      return newContents;
    };
    resizeArrayBufferSlow = (contents, length) => {
      if (length <= contents.byteLength) {
        return contents;
      }
      const arrayBuffer = new ArrayBuffer(getNewContentsLength(length));
      new Uint8Array(arrayBuffer).set(new Uint8Array(contents), 0);
      return arrayBuffer;
    };
    resizeArrayBuffer = (contents, length) => {
      if (length <= contents.maxByteLength) {
        contents.resize(length);
        return contents;
      }
      const arrayBuffer = new ArrayBuffer(length, { maxByteLength: getNewContentsLength(length) });
      new Uint8Array(arrayBuffer).set(new Uint8Array(contents), 0);
      return arrayBuffer;
    };
    getNewContentsLength = (length) => SCALE_FACTOR ** Math.ceil(Math.log(length) / Math.log(SCALE_FACTOR));
    SCALE_FACTOR = 2;
    finalizeArrayBuffer = ({ contents, length }) => hasArrayBufferResize() ? contents : contents.slice(0, length);
    hasArrayBufferResize = () => "resize" in ArrayBuffer.prototype;
    arrayBufferMethods = {
      init: initArrayBuffer,
      convertChunk: {
        string: useTextEncoder,
        buffer: useUint8Array,
        arrayBuffer: useUint8Array,
        dataView: useUint8ArrayWithOffset,
        typedArray: useUint8ArrayWithOffset,
        others: throwObjectStream
      },
      getSize: getLengthProperty,
      truncateChunk: truncateArrayBufferChunk,
      addChunk: addArrayBufferChunk,
      getFinalChunk: noop,
      finalize: finalizeArrayBuffer
    };
  }
});

// node_modules/get-stream/source/string.js
async function getStreamAsString(stream, options) {
  return getStreamContents(stream, stringMethods, options);
}
var initString, useTextDecoder, addStringChunk, truncateStringChunk, getFinalStringChunk, stringMethods;
var init_string = __esm({
  "node_modules/get-stream/source/string.js"() {
    init_contents();
    init_utils();
    initString = () => ({ contents: "", textDecoder: new TextDecoder() });
    useTextDecoder = (chunk, { textDecoder: textDecoder2 }) => textDecoder2.decode(chunk, { stream: true });
    addStringChunk = (convertedChunk, { contents }) => contents + convertedChunk;
    truncateStringChunk = (convertedChunk, chunkSize) => convertedChunk.slice(0, chunkSize);
    getFinalStringChunk = ({ textDecoder: textDecoder2 }) => {
      const finalChunk = textDecoder2.decode();
      return finalChunk === "" ? void 0 : finalChunk;
    };
    stringMethods = {
      init: initString,
      convertChunk: {
        string: identity2,
        buffer: useTextDecoder,
        arrayBuffer: useTextDecoder,
        dataView: useTextDecoder,
        typedArray: useTextDecoder,
        others: throwObjectStream
      },
      getSize: getLengthProperty,
      truncateChunk: truncateStringChunk,
      addChunk: addStringChunk,
      getFinalChunk: getFinalStringChunk,
      finalize: getContentsProperty
    };
  }
});

// node_modules/get-stream/source/exports.js
var init_exports = __esm({
  "node_modules/get-stream/source/exports.js"() {
    init_array();
    init_array_buffer();
    init_string();
    init_contents();
  }
});

// node_modules/get-stream/source/index.js
var import_node_events6, import_promises5;
var init_source = __esm({
  "node_modules/get-stream/source/index.js"() {
    import_node_events6 = require("node:events");
    import_promises5 = require("node:stream/promises");
    init_stream();
    init_exports();
    Object.assign(nodeImports, { on: import_node_events6.on, finished: import_promises5.finished });
  }
});

// node_modules/execa/lib/io/max-buffer.js
var handleMaxBuffer, getMaxBufferUnit, checkIpcMaxBuffer, getMaxBufferMessage, getMaxBufferInfo, isMaxBufferSync, truncateMaxBufferSync, getMaxBufferSync;
var init_max_buffer = __esm({
  "node_modules/execa/lib/io/max-buffer.js"() {
    init_source();
    init_standard_stream();
    init_specific();
    handleMaxBuffer = ({ error, stream, readableObjectMode, lines, encoding, fdNumber }) => {
      if (!(error instanceof MaxBufferError)) {
        throw error;
      }
      if (fdNumber === "all") {
        return error;
      }
      const unit = getMaxBufferUnit(readableObjectMode, lines, encoding);
      error.maxBufferInfo = { fdNumber, unit };
      stream.destroy();
      throw error;
    };
    getMaxBufferUnit = (readableObjectMode, lines, encoding) => {
      if (readableObjectMode) {
        return "objects";
      }
      if (lines) {
        return "lines";
      }
      if (encoding === "buffer") {
        return "bytes";
      }
      return "characters";
    };
    checkIpcMaxBuffer = (subprocess, ipcOutput, maxBuffer) => {
      if (ipcOutput.length !== maxBuffer) {
        return;
      }
      const error = new MaxBufferError();
      error.maxBufferInfo = { fdNumber: "ipc" };
      throw error;
    };
    getMaxBufferMessage = (error, maxBuffer) => {
      const { streamName, threshold, unit } = getMaxBufferInfo(error, maxBuffer);
      return `Command's ${streamName} was larger than ${threshold} ${unit}`;
    };
    getMaxBufferInfo = (error, maxBuffer) => {
      if (error?.maxBufferInfo === void 0) {
        return { streamName: "output", threshold: maxBuffer[1], unit: "bytes" };
      }
      const { maxBufferInfo: { fdNumber, unit } } = error;
      delete error.maxBufferInfo;
      const threshold = getFdSpecificValue(maxBuffer, fdNumber);
      if (fdNumber === "ipc") {
        return { streamName: "IPC output", threshold, unit: "messages" };
      }
      return { streamName: getStreamName(fdNumber), threshold, unit };
    };
    isMaxBufferSync = (resultError, output, maxBuffer) => resultError?.code === "ENOBUFS" && output !== null && output.some((result) => result !== null && result.length > getMaxBufferSync(maxBuffer));
    truncateMaxBufferSync = (result, isMaxBuffer, maxBuffer) => {
      if (!isMaxBuffer) {
        return result;
      }
      const maxBufferValue = getMaxBufferSync(maxBuffer);
      return result.length > maxBufferValue ? result.slice(0, maxBufferValue) : result;
    };
    getMaxBufferSync = ([, stdoutMaxBuffer]) => stdoutMaxBuffer;
  }
});

// node_modules/execa/lib/return/message.js
var import_node_util6, createMessages, getErrorPrefix, getForcefulSuffix, getOriginalMessage, serializeIpcMessage, serializeMessagePart, serializeMessageItem;
var init_message = __esm({
  "node_modules/execa/lib/return/message.js"() {
    import_node_util6 = require("node:util");
    init_strip_final_newline();
    init_uint_array();
    init_cwd();
    init_escape();
    init_max_buffer();
    init_signal();
    init_final_error();
    createMessages = ({
      stdio,
      all,
      ipcOutput,
      originalError,
      signal,
      signalDescription,
      exitCode,
      escapedCommand,
      timedOut,
      isCanceled,
      isGracefullyCanceled,
      isMaxBuffer,
      isForcefullyTerminated,
      forceKillAfterDelay,
      killSignal,
      maxBuffer,
      timeout,
      cwd
    }) => {
      const errorCode = originalError?.code;
      const prefix = getErrorPrefix({
        originalError,
        timedOut,
        timeout,
        isMaxBuffer,
        maxBuffer,
        errorCode,
        signal,
        signalDescription,
        exitCode,
        isCanceled,
        isGracefullyCanceled,
        isForcefullyTerminated,
        forceKillAfterDelay,
        killSignal
      });
      const originalMessage = getOriginalMessage(originalError, cwd);
      const suffix = originalMessage === void 0 ? "" : `
${originalMessage}`;
      const shortMessage = `${prefix}: ${escapedCommand}${suffix}`;
      const messageStdio = all === void 0 ? [stdio[2], stdio[1]] : [all];
      const message = [
        shortMessage,
        ...messageStdio,
        ...stdio.slice(3),
        ipcOutput.map((ipcMessage) => serializeIpcMessage(ipcMessage)).join("\n")
      ].map((messagePart) => escapeLines(stripFinalNewline(serializeMessagePart(messagePart)))).filter(Boolean).join("\n\n");
      return { originalMessage, shortMessage, message };
    };
    getErrorPrefix = ({
      originalError,
      timedOut,
      timeout,
      isMaxBuffer,
      maxBuffer,
      errorCode,
      signal,
      signalDescription,
      exitCode,
      isCanceled,
      isGracefullyCanceled,
      isForcefullyTerminated,
      forceKillAfterDelay,
      killSignal
    }) => {
      const forcefulSuffix = getForcefulSuffix(isForcefullyTerminated, forceKillAfterDelay);
      if (timedOut) {
        return `Command timed out after ${timeout} milliseconds${forcefulSuffix}`;
      }
      if (isGracefullyCanceled) {
        if (signal === void 0) {
          return `Command was gracefully canceled with exit code ${exitCode}`;
        }
        return isForcefullyTerminated ? `Command was gracefully canceled${forcefulSuffix}` : `Command was gracefully canceled with ${signal} (${signalDescription})`;
      }
      if (isCanceled) {
        return `Command was canceled${forcefulSuffix}`;
      }
      if (isMaxBuffer) {
        return `${getMaxBufferMessage(originalError, maxBuffer)}${forcefulSuffix}`;
      }
      if (errorCode !== void 0) {
        return `Command failed with ${errorCode}${forcefulSuffix}`;
      }
      if (isForcefullyTerminated) {
        return `Command was killed with ${killSignal} (${getSignalDescription(killSignal)})${forcefulSuffix}`;
      }
      if (signal !== void 0) {
        return `Command was killed with ${signal} (${signalDescription})`;
      }
      if (exitCode !== void 0) {
        return `Command failed with exit code ${exitCode}`;
      }
      return "Command failed";
    };
    getForcefulSuffix = (isForcefullyTerminated, forceKillAfterDelay) => isForcefullyTerminated ? ` and was forcefully terminated after ${forceKillAfterDelay} milliseconds` : "";
    getOriginalMessage = (originalError, cwd) => {
      if (originalError instanceof DiscardedError) {
        return;
      }
      const originalMessage = isExecaError(originalError) ? originalError.originalMessage : String(originalError?.message ?? originalError);
      const escapedOriginalMessage = escapeLines(fixCwdError(originalMessage, cwd));
      return escapedOriginalMessage === "" ? void 0 : escapedOriginalMessage;
    };
    serializeIpcMessage = (ipcMessage) => typeof ipcMessage === "string" ? ipcMessage : (0, import_node_util6.inspect)(ipcMessage);
    serializeMessagePart = (messagePart) => Array.isArray(messagePart) ? messagePart.map((messageItem) => stripFinalNewline(serializeMessageItem(messageItem))).filter(Boolean).join("\n") : serializeMessageItem(messagePart);
    serializeMessageItem = (messageItem) => {
      if (typeof messageItem === "string") {
        return messageItem;
      }
      if (isUint8Array(messageItem)) {
        return uint8ArrayToString(messageItem);
      }
      return "";
    };
  }
});

// node_modules/execa/lib/return/result.js
var makeSuccessResult, makeEarlyError, makeError, getErrorProperties, omitUndefinedProperties, normalizeExitPayload;
var init_result = __esm({
  "node_modules/execa/lib/return/result.js"() {
    init_signal();
    init_duration();
    init_final_error();
    init_message();
    makeSuccessResult = ({
      command,
      escapedCommand,
      stdio,
      all,
      ipcOutput,
      options: { cwd },
      startTime
    }) => omitUndefinedProperties({
      command,
      escapedCommand,
      cwd,
      durationMs: getDurationMs(startTime),
      failed: false,
      timedOut: false,
      isCanceled: false,
      isGracefullyCanceled: false,
      isTerminated: false,
      isMaxBuffer: false,
      isForcefullyTerminated: false,
      exitCode: 0,
      stdout: stdio[1],
      stderr: stdio[2],
      all,
      stdio,
      ipcOutput,
      pipedFrom: []
    });
    makeEarlyError = ({
      error,
      command,
      escapedCommand,
      fileDescriptors,
      options,
      startTime,
      isSync
    }) => makeError({
      error,
      command,
      escapedCommand,
      startTime,
      timedOut: false,
      isCanceled: false,
      isGracefullyCanceled: false,
      isMaxBuffer: false,
      isForcefullyTerminated: false,
      stdio: Array.from({ length: fileDescriptors.length }),
      ipcOutput: [],
      options,
      isSync
    });
    makeError = ({
      error: originalError,
      command,
      escapedCommand,
      startTime,
      timedOut,
      isCanceled,
      isGracefullyCanceled,
      isMaxBuffer,
      isForcefullyTerminated,
      exitCode: rawExitCode,
      signal: rawSignal,
      stdio,
      all,
      ipcOutput,
      options: {
        timeoutDuration,
        timeout = timeoutDuration,
        forceKillAfterDelay,
        killSignal,
        cwd,
        maxBuffer
      },
      isSync
    }) => {
      const { exitCode, signal, signalDescription } = normalizeExitPayload(rawExitCode, rawSignal);
      const { originalMessage, shortMessage, message } = createMessages({
        stdio,
        all,
        ipcOutput,
        originalError,
        signal,
        signalDescription,
        exitCode,
        escapedCommand,
        timedOut,
        isCanceled,
        isGracefullyCanceled,
        isMaxBuffer,
        isForcefullyTerminated,
        forceKillAfterDelay,
        killSignal,
        maxBuffer,
        timeout,
        cwd
      });
      const error = getFinalError(originalError, message, isSync);
      Object.assign(error, getErrorProperties({
        error,
        command,
        escapedCommand,
        startTime,
        timedOut,
        isCanceled,
        isGracefullyCanceled,
        isMaxBuffer,
        isForcefullyTerminated,
        exitCode,
        signal,
        signalDescription,
        stdio,
        all,
        ipcOutput,
        cwd,
        originalMessage,
        shortMessage
      }));
      return error;
    };
    getErrorProperties = ({
      error,
      command,
      escapedCommand,
      startTime,
      timedOut,
      isCanceled,
      isGracefullyCanceled,
      isMaxBuffer,
      isForcefullyTerminated,
      exitCode,
      signal,
      signalDescription,
      stdio,
      all,
      ipcOutput,
      cwd,
      originalMessage,
      shortMessage
    }) => omitUndefinedProperties({
      shortMessage,
      originalMessage,
      command,
      escapedCommand,
      cwd,
      durationMs: getDurationMs(startTime),
      failed: true,
      timedOut,
      isCanceled,
      isGracefullyCanceled,
      isTerminated: signal !== void 0,
      isMaxBuffer,
      isForcefullyTerminated,
      exitCode,
      signal,
      signalDescription,
      code: error.cause?.code,
      stdout: stdio[1],
      stderr: stdio[2],
      all,
      stdio,
      ipcOutput,
      pipedFrom: []
    });
    omitUndefinedProperties = (result) => Object.fromEntries(Object.entries(result).filter(([, value2]) => value2 !== void 0));
    normalizeExitPayload = (rawExitCode, rawSignal) => {
      const exitCode = rawExitCode === null ? void 0 : rawExitCode;
      const signal = rawSignal === null ? void 0 : rawSignal;
      const signalDescription = signal === void 0 ? void 0 : getSignalDescription(rawSignal);
      return { exitCode, signal, signalDescription };
    };
  }
});

// node_modules/parse-ms/index.js
function parseNumber(milliseconds) {
  return {
    days: Math.trunc(milliseconds / 864e5),
    hours: Math.trunc(milliseconds / 36e5 % 24),
    minutes: Math.trunc(milliseconds / 6e4 % 60),
    seconds: Math.trunc(milliseconds / 1e3 % 60),
    milliseconds: Math.trunc(milliseconds % 1e3),
    microseconds: Math.trunc(toZeroIfInfinity(milliseconds * 1e3) % 1e3),
    nanoseconds: Math.trunc(toZeroIfInfinity(milliseconds * 1e6) % 1e3)
  };
}
function parseBigint(milliseconds) {
  return {
    days: milliseconds / 86400000n,
    hours: milliseconds / 3600000n % 24n,
    minutes: milliseconds / 60000n % 60n,
    seconds: milliseconds / 1000n % 60n,
    milliseconds: milliseconds % 1000n,
    microseconds: 0n,
    nanoseconds: 0n
  };
}
function parseMilliseconds(milliseconds) {
  switch (typeof milliseconds) {
    case "number": {
      if (Number.isFinite(milliseconds)) {
        return parseNumber(milliseconds);
      }
      break;
    }
    case "bigint": {
      return parseBigint(milliseconds);
    }
  }
  throw new TypeError("Expected a finite number or bigint");
}
var toZeroIfInfinity;
var init_parse_ms = __esm({
  "node_modules/parse-ms/index.js"() {
    toZeroIfInfinity = (value2) => Number.isFinite(value2) ? value2 : 0;
  }
});

// node_modules/pretty-ms/index.js
function prettyMilliseconds(milliseconds, options) {
  const isBigInt = typeof milliseconds === "bigint";
  if (!isBigInt && !Number.isFinite(milliseconds)) {
    throw new TypeError("Expected a finite number or bigint");
  }
  options = { ...options };
  const sign = milliseconds < 0 ? "-" : "";
  milliseconds = milliseconds < 0 ? -milliseconds : milliseconds;
  if (options.colonNotation) {
    options.compact = false;
    options.formatSubMilliseconds = false;
    options.separateMilliseconds = false;
    options.verbose = false;
  }
  if (options.compact) {
    options.unitCount = 1;
    options.secondsDecimalDigits = 0;
    options.millisecondsDecimalDigits = 0;
  }
  let result = [];
  const floorDecimals = (value2, decimalDigits) => {
    const flooredInterimValue = Math.floor(value2 * 10 ** decimalDigits + SECOND_ROUNDING_EPSILON);
    const flooredValue = Math.round(flooredInterimValue) / 10 ** decimalDigits;
    return flooredValue.toFixed(decimalDigits);
  };
  const add = (value2, long, short, valueString) => {
    if ((result.length === 0 || !options.colonNotation) && isZero(value2) && !(options.colonNotation && short === "m")) {
      return;
    }
    valueString ??= String(value2);
    if (options.colonNotation) {
      const wholeDigits = valueString.includes(".") ? valueString.split(".")[0].length : valueString.length;
      const minLength = result.length > 0 ? 2 : 1;
      valueString = "0".repeat(Math.max(0, minLength - wholeDigits)) + valueString;
    } else {
      valueString += options.verbose ? " " + pluralize(long, value2) : short;
    }
    result.push(valueString);
  };
  const parsed = parseMilliseconds(milliseconds);
  const days = BigInt(parsed.days);
  if (options.hideYearAndDays) {
    add(BigInt(days) * 24n + BigInt(parsed.hours), "hour", "h");
  } else {
    if (options.hideYear) {
      add(days, "day", "d");
    } else {
      add(days / 365n, "year", "y");
      add(days % 365n, "day", "d");
    }
    add(Number(parsed.hours), "hour", "h");
  }
  add(Number(parsed.minutes), "minute", "m");
  if (!options.hideSeconds) {
    if (options.separateMilliseconds || options.formatSubMilliseconds || !options.colonNotation && milliseconds < 1e3 && !options.subSecondsAsDecimals) {
      const seconds = Number(parsed.seconds);
      const milliseconds2 = Number(parsed.milliseconds);
      const microseconds = Number(parsed.microseconds);
      const nanoseconds = Number(parsed.nanoseconds);
      add(seconds, "second", "s");
      if (options.formatSubMilliseconds) {
        add(milliseconds2, "millisecond", "ms");
        add(microseconds, "microsecond", "\xB5s");
        add(nanoseconds, "nanosecond", "ns");
      } else {
        const millisecondsAndBelow = milliseconds2 + microseconds / 1e3 + nanoseconds / 1e6;
        const millisecondsDecimalDigits = typeof options.millisecondsDecimalDigits === "number" ? options.millisecondsDecimalDigits : 0;
        const roundedMilliseconds = millisecondsAndBelow >= 1 ? Math.round(millisecondsAndBelow) : Math.ceil(millisecondsAndBelow);
        const maximumMilliseconds = 1e3 - 10 ** -millisecondsDecimalDigits;
        const millisecondsString = millisecondsDecimalDigits ? Math.min(millisecondsAndBelow, maximumMilliseconds).toFixed(millisecondsDecimalDigits) : Math.min(roundedMilliseconds, maximumMilliseconds);
        add(
          Number.parseFloat(millisecondsString),
          "millisecond",
          "ms",
          millisecondsString
        );
      }
    } else {
      const seconds = (isBigInt ? Number(milliseconds % ONE_DAY_IN_MILLISECONDS) : milliseconds) / 1e3 % 60;
      const secondsDecimalDigits = typeof options.secondsDecimalDigits === "number" ? options.secondsDecimalDigits : 1;
      const secondsFixed = floorDecimals(seconds, secondsDecimalDigits);
      const secondsString = options.keepDecimalsOnWholeSeconds ? secondsFixed : secondsFixed.replace(/\.0+$/, "");
      add(Number.parseFloat(secondsString), "second", "s", secondsString);
    }
  }
  if (result.length === 0) {
    return sign + "0" + (options.verbose ? " milliseconds" : "ms");
  }
  const separator = options.colonNotation ? ":" : " ";
  if (typeof options.unitCount === "number") {
    result = result.slice(0, Math.max(options.unitCount, 1));
  }
  return sign + result.join(separator);
}
var isZero, pluralize, SECOND_ROUNDING_EPSILON, ONE_DAY_IN_MILLISECONDS;
var init_pretty_ms = __esm({
  "node_modules/pretty-ms/index.js"() {
    init_parse_ms();
    isZero = (value2) => value2 === 0 || value2 === 0n;
    pluralize = (word, count2) => count2 === 1 || count2 === 1n ? word : `${word}s`;
    SECOND_ROUNDING_EPSILON = 1e-7;
    ONE_DAY_IN_MILLISECONDS = 24n * 60n * 60n * 1000n;
  }
});

// node_modules/execa/lib/verbose/error.js
var logError;
var init_error = __esm({
  "node_modules/execa/lib/verbose/error.js"() {
    init_log();
    logError = (result, verboseInfo) => {
      if (result.failed) {
        verboseLog({
          type: "error",
          verboseMessage: result.shortMessage,
          verboseInfo,
          result
        });
      }
    };
  }
});

// node_modules/execa/lib/verbose/complete.js
var logResult, logDuration;
var init_complete = __esm({
  "node_modules/execa/lib/verbose/complete.js"() {
    init_pretty_ms();
    init_values();
    init_log();
    init_error();
    logResult = (result, verboseInfo) => {
      if (!isVerbose(verboseInfo)) {
        return;
      }
      logError(result, verboseInfo);
      logDuration(result, verboseInfo);
    };
    logDuration = (result, verboseInfo) => {
      const verboseMessage = `(done in ${prettyMilliseconds(result.durationMs)})`;
      verboseLog({
        type: "duration",
        verboseMessage,
        verboseInfo,
        result
      });
    };
  }
});

// node_modules/execa/lib/return/reject.js
var handleResult;
var init_reject = __esm({
  "node_modules/execa/lib/return/reject.js"() {
    init_complete();
    handleResult = (result, verboseInfo, { reject }) => {
      logResult(result, verboseInfo);
      if (result.failed && reject) {
        throw result;
      }
      return result;
    };
  }
});

// node_modules/execa/lib/stdio/type.js
var getStdioItemType, getTransformObjectType, getDuplexType, getTransformStreamType, validateNonGeneratorType, checkUndefinedOption, getGeneratorObjectType, checkBooleanOption, isGenerator, isAsyncGenerator, isSyncGenerator, isTransformOptions, isUrl, isRegularUrl, isFilePathObject, FILE_PATH_KEYS, isFilePathString, isUnknownStdioString, KNOWN_STDIO_STRINGS, isReadableStream2, isWritableStream2, isWebStream, isTransformStream, isAsyncIterableObject, isIterableObject, isObject3, TRANSFORM_TYPES, FILE_TYPES, SPECIAL_DUPLICATE_TYPES_SYNC, SPECIAL_DUPLICATE_TYPES, FORBID_DUPLICATE_TYPES, TYPE_TO_MESSAGE;
var init_type = __esm({
  "node_modules/execa/lib/stdio/type.js"() {
    init_is_stream();
    init_is_plain_obj();
    init_uint_array();
    getStdioItemType = (value2, optionName) => {
      if (isAsyncGenerator(value2)) {
        return "asyncGenerator";
      }
      if (isSyncGenerator(value2)) {
        return "generator";
      }
      if (isUrl(value2)) {
        return "fileUrl";
      }
      if (isFilePathObject(value2)) {
        return "filePath";
      }
      if (isWebStream(value2)) {
        return "webStream";
      }
      if (isStream(value2, { checkOpen: false })) {
        return "native";
      }
      if (isUint8Array(value2)) {
        return "uint8Array";
      }
      if (isAsyncIterableObject(value2)) {
        return "asyncIterable";
      }
      if (isIterableObject(value2)) {
        return "iterable";
      }
      if (isTransformStream(value2)) {
        return getTransformStreamType({ transform: value2 }, optionName);
      }
      if (isTransformOptions(value2)) {
        return getTransformObjectType(value2, optionName);
      }
      return "native";
    };
    getTransformObjectType = (value2, optionName) => {
      if (isDuplexStream(value2.transform, { checkOpen: false })) {
        return getDuplexType(value2, optionName);
      }
      if (isTransformStream(value2.transform)) {
        return getTransformStreamType(value2, optionName);
      }
      return getGeneratorObjectType(value2, optionName);
    };
    getDuplexType = (value2, optionName) => {
      validateNonGeneratorType(value2, optionName, "Duplex stream");
      return "duplex";
    };
    getTransformStreamType = (value2, optionName) => {
      validateNonGeneratorType(value2, optionName, "web TransformStream");
      return "webTransform";
    };
    validateNonGeneratorType = ({ final, binary, objectMode }, optionName, typeName) => {
      checkUndefinedOption(final, `${optionName}.final`, typeName);
      checkUndefinedOption(binary, `${optionName}.binary`, typeName);
      checkBooleanOption(objectMode, `${optionName}.objectMode`);
    };
    checkUndefinedOption = (value2, optionName, typeName) => {
      if (value2 !== void 0) {
        throw new TypeError(`The \`${optionName}\` option can only be defined when using a generator, not a ${typeName}.`);
      }
    };
    getGeneratorObjectType = ({ transform, final, binary, objectMode }, optionName) => {
      if (transform !== void 0 && !isGenerator(transform)) {
        throw new TypeError(`The \`${optionName}.transform\` option must be a generator, a Duplex stream or a web TransformStream.`);
      }
      if (isDuplexStream(final, { checkOpen: false })) {
        throw new TypeError(`The \`${optionName}.final\` option must not be a Duplex stream.`);
      }
      if (isTransformStream(final)) {
        throw new TypeError(`The \`${optionName}.final\` option must not be a web TransformStream.`);
      }
      if (final !== void 0 && !isGenerator(final)) {
        throw new TypeError(`The \`${optionName}.final\` option must be a generator.`);
      }
      checkBooleanOption(binary, `${optionName}.binary`);
      checkBooleanOption(objectMode, `${optionName}.objectMode`);
      return isAsyncGenerator(transform) || isAsyncGenerator(final) ? "asyncGenerator" : "generator";
    };
    checkBooleanOption = (value2, optionName) => {
      if (value2 !== void 0 && typeof value2 !== "boolean") {
        throw new TypeError(`The \`${optionName}\` option must use a boolean.`);
      }
    };
    isGenerator = (value2) => isAsyncGenerator(value2) || isSyncGenerator(value2);
    isAsyncGenerator = (value2) => Object.prototype.toString.call(value2) === "[object AsyncGeneratorFunction]";
    isSyncGenerator = (value2) => Object.prototype.toString.call(value2) === "[object GeneratorFunction]";
    isTransformOptions = (value2) => isPlainObject(value2) && (value2.transform !== void 0 || value2.final !== void 0);
    isUrl = (value2) => Object.prototype.toString.call(value2) === "[object URL]";
    isRegularUrl = (value2) => isUrl(value2) && value2.protocol !== "file:";
    isFilePathObject = (value2) => isPlainObject(value2) && Object.keys(value2).length > 0 && Object.keys(value2).every((key) => FILE_PATH_KEYS.has(key)) && isFilePathString(value2.file);
    FILE_PATH_KEYS = /* @__PURE__ */ new Set(["file", "append"]);
    isFilePathString = (file) => typeof file === "string";
    isUnknownStdioString = (type, value2) => type === "native" && typeof value2 === "string" && !KNOWN_STDIO_STRINGS.has(value2);
    KNOWN_STDIO_STRINGS = /* @__PURE__ */ new Set(["ipc", "ignore", "inherit", "overlapped", "pipe"]);
    isReadableStream2 = (value2) => Object.prototype.toString.call(value2) === "[object ReadableStream]";
    isWritableStream2 = (value2) => Object.prototype.toString.call(value2) === "[object WritableStream]";
    isWebStream = (value2) => isReadableStream2(value2) || isWritableStream2(value2);
    isTransformStream = (value2) => isReadableStream2(value2?.readable) && isWritableStream2(value2?.writable);
    isAsyncIterableObject = (value2) => isObject3(value2) && typeof value2[Symbol.asyncIterator] === "function";
    isIterableObject = (value2) => isObject3(value2) && typeof value2[Symbol.iterator] === "function";
    isObject3 = (value2) => typeof value2 === "object" && value2 !== null;
    TRANSFORM_TYPES = /* @__PURE__ */ new Set(["generator", "asyncGenerator", "duplex", "webTransform"]);
    FILE_TYPES = /* @__PURE__ */ new Set(["fileUrl", "filePath", "fileNumber"]);
    SPECIAL_DUPLICATE_TYPES_SYNC = /* @__PURE__ */ new Set(["fileUrl", "filePath"]);
    SPECIAL_DUPLICATE_TYPES = /* @__PURE__ */ new Set([...SPECIAL_DUPLICATE_TYPES_SYNC, "webStream", "nodeStream"]);
    FORBID_DUPLICATE_TYPES = /* @__PURE__ */ new Set(["webTransform", "duplex"]);
    TYPE_TO_MESSAGE = {
      generator: "a generator",
      asyncGenerator: "an async generator",
      fileUrl: "a file URL",
      filePath: "a file path string",
      fileNumber: "a file descriptor number",
      webStream: "a web stream",
      nodeStream: "a Node.js stream",
      webTransform: "a web TransformStream",
      duplex: "a Duplex stream",
      native: "any value",
      iterable: "an iterable",
      asyncIterable: "an async iterable",
      string: "a string",
      uint8Array: "a Uint8Array"
    };
  }
});

// node_modules/execa/lib/transform/object-mode.js
var getTransformObjectModes, getOutputObjectModes, getInputObjectModes, getFdObjectMode;
var init_object_mode = __esm({
  "node_modules/execa/lib/transform/object-mode.js"() {
    init_type();
    getTransformObjectModes = (objectMode, index, newTransforms, direction) => direction === "output" ? getOutputObjectModes(objectMode, index, newTransforms) : getInputObjectModes(objectMode, index, newTransforms);
    getOutputObjectModes = (objectMode, index, newTransforms) => {
      const writableObjectMode = index !== 0 && newTransforms[index - 1].value.readableObjectMode;
      const readableObjectMode = objectMode ?? writableObjectMode;
      return { writableObjectMode, readableObjectMode };
    };
    getInputObjectModes = (objectMode, index, newTransforms) => {
      const writableObjectMode = index === 0 ? objectMode === true : newTransforms[index - 1].value.readableObjectMode;
      const readableObjectMode = index !== newTransforms.length - 1 && (objectMode ?? writableObjectMode);
      return { writableObjectMode, readableObjectMode };
    };
    getFdObjectMode = (stdioItems, direction) => {
      const lastTransform = stdioItems.findLast(({ type }) => TRANSFORM_TYPES.has(type));
      if (lastTransform === void 0) {
        return false;
      }
      return direction === "input" ? lastTransform.value.writableObjectMode : lastTransform.value.readableObjectMode;
    };
  }
});

// node_modules/execa/lib/transform/normalize.js
var normalizeTransforms, getTransforms, normalizeTransform, normalizeDuplex, normalizeTransformStream, normalizeGenerator, sortTransforms;
var init_normalize = __esm({
  "node_modules/execa/lib/transform/normalize.js"() {
    init_is_plain_obj();
    init_encoding_option();
    init_type();
    init_object_mode();
    normalizeTransforms = (stdioItems, optionName, direction, options) => [
      ...stdioItems.filter(({ type }) => !TRANSFORM_TYPES.has(type)),
      ...getTransforms(stdioItems, optionName, direction, options)
    ];
    getTransforms = (stdioItems, optionName, direction, { encoding }) => {
      const transforms = stdioItems.filter(({ type }) => TRANSFORM_TYPES.has(type));
      const newTransforms = Array.from({ length: transforms.length });
      for (const [index, stdioItem] of Object.entries(transforms)) {
        newTransforms[index] = normalizeTransform({
          stdioItem,
          index: Number(index),
          newTransforms,
          optionName,
          direction,
          encoding
        });
      }
      return sortTransforms(newTransforms, direction);
    };
    normalizeTransform = ({ stdioItem, stdioItem: { type }, index, newTransforms, optionName, direction, encoding }) => {
      if (type === "duplex") {
        return normalizeDuplex({ stdioItem, optionName });
      }
      if (type === "webTransform") {
        return normalizeTransformStream({
          stdioItem,
          index,
          newTransforms,
          direction
        });
      }
      return normalizeGenerator({
        stdioItem,
        index,
        newTransforms,
        direction,
        encoding
      });
    };
    normalizeDuplex = ({
      stdioItem,
      stdioItem: {
        value: {
          transform,
          transform: { writableObjectMode, readableObjectMode },
          objectMode = readableObjectMode
        }
      },
      optionName
    }) => {
      if (objectMode && !readableObjectMode) {
        throw new TypeError(`The \`${optionName}.objectMode\` option can only be \`true\` if \`new Duplex({objectMode: true})\` is used.`);
      }
      if (!objectMode && readableObjectMode) {
        throw new TypeError(`The \`${optionName}.objectMode\` option cannot be \`false\` if \`new Duplex({objectMode: true})\` is used.`);
      }
      return {
        ...stdioItem,
        value: { transform, writableObjectMode, readableObjectMode }
      };
    };
    normalizeTransformStream = ({ stdioItem, stdioItem: { value: value2 }, index, newTransforms, direction }) => {
      const { transform, objectMode } = isPlainObject(value2) ? value2 : { transform: value2 };
      const { writableObjectMode, readableObjectMode } = getTransformObjectModes(objectMode, index, newTransforms, direction);
      return {
        ...stdioItem,
        value: { transform, writableObjectMode, readableObjectMode }
      };
    };
    normalizeGenerator = ({ stdioItem, stdioItem: { value: value2 }, index, newTransforms, direction, encoding }) => {
      const {
        transform,
        final,
        binary: binaryOption = false,
        preserveNewlines = false,
        objectMode
      } = isPlainObject(value2) ? value2 : { transform: value2 };
      const binary = binaryOption || BINARY_ENCODINGS.has(encoding);
      const { writableObjectMode, readableObjectMode } = getTransformObjectModes(objectMode, index, newTransforms, direction);
      return {
        ...stdioItem,
        value: {
          transform,
          final,
          binary,
          preserveNewlines,
          writableObjectMode,
          readableObjectMode
        }
      };
    };
    sortTransforms = (newTransforms, direction) => direction === "input" ? newTransforms.reverse() : newTransforms;
  }
});

// node_modules/execa/lib/stdio/direction.js
var import_node_process9, getStreamDirection, getStdioItemDirection, KNOWN_DIRECTIONS, anyDirection, alwaysInput, guessStreamDirection, getStandardStreamDirection, DEFAULT_DIRECTION;
var init_direction = __esm({
  "node_modules/execa/lib/stdio/direction.js"() {
    import_node_process9 = __toESM(require("node:process"), 1);
    init_is_stream();
    init_type();
    getStreamDirection = (stdioItems, fdNumber, optionName) => {
      const directions = stdioItems.map((stdioItem) => getStdioItemDirection(stdioItem, fdNumber));
      if (directions.includes("input") && directions.includes("output")) {
        throw new TypeError(`The \`${optionName}\` option must not be an array of both readable and writable values.`);
      }
      return directions.find(Boolean) ?? DEFAULT_DIRECTION;
    };
    getStdioItemDirection = ({ type, value: value2 }, fdNumber) => KNOWN_DIRECTIONS[fdNumber] ?? guessStreamDirection[type](value2);
    KNOWN_DIRECTIONS = ["input", "output", "output"];
    anyDirection = () => void 0;
    alwaysInput = () => "input";
    guessStreamDirection = {
      generator: anyDirection,
      asyncGenerator: anyDirection,
      fileUrl: anyDirection,
      filePath: anyDirection,
      iterable: alwaysInput,
      asyncIterable: alwaysInput,
      uint8Array: alwaysInput,
      webStream: (value2) => isWritableStream2(value2) ? "output" : "input",
      nodeStream(value2) {
        if (!isReadableStream(value2, { checkOpen: false })) {
          return "output";
        }
        return isWritableStream(value2, { checkOpen: false }) ? void 0 : "input";
      },
      webTransform: anyDirection,
      duplex: anyDirection,
      native(value2) {
        const standardStreamDirection = getStandardStreamDirection(value2);
        if (standardStreamDirection !== void 0) {
          return standardStreamDirection;
        }
        if (isStream(value2, { checkOpen: false })) {
          return guessStreamDirection.nodeStream(value2);
        }
      }
    };
    getStandardStreamDirection = (value2) => {
      if ([0, import_node_process9.default.stdin].includes(value2)) {
        return "input";
      }
      if ([1, 2, import_node_process9.default.stdout, import_node_process9.default.stderr].includes(value2)) {
        return "output";
      }
    };
    DEFAULT_DIRECTION = "output";
  }
});

// node_modules/execa/lib/ipc/array.js
var normalizeIpcStdioArray;
var init_array2 = __esm({
  "node_modules/execa/lib/ipc/array.js"() {
    normalizeIpcStdioArray = (stdioArray, ipc) => ipc && !stdioArray.includes("ipc") ? [...stdioArray, "ipc"] : stdioArray;
  }
});

// node_modules/execa/lib/stdio/stdio-option.js
var normalizeStdioOption, getStdioArray, hasAlias, addDefaultValue2, normalizeStdioSync, isOutputPipeOnly;
var init_stdio_option = __esm({
  "node_modules/execa/lib/stdio/stdio-option.js"() {
    init_standard_stream();
    init_array2();
    init_values();
    normalizeStdioOption = ({ stdio, ipc, buffer, ...options }, verboseInfo, isSync) => {
      const stdioArray = getStdioArray(stdio, options).map((stdioOption, fdNumber) => addDefaultValue2(stdioOption, fdNumber));
      return isSync ? normalizeStdioSync(stdioArray, buffer, verboseInfo) : normalizeIpcStdioArray(stdioArray, ipc);
    };
    getStdioArray = (stdio, options) => {
      if (stdio === void 0) {
        return STANDARD_STREAMS_ALIASES.map((alias) => options[alias]);
      }
      if (hasAlias(options)) {
        throw new Error(`It's not possible to provide \`stdio\` in combination with one of ${STANDARD_STREAMS_ALIASES.map((alias) => `\`${alias}\``).join(", ")}`);
      }
      if (typeof stdio === "string") {
        return [stdio, stdio, stdio];
      }
      if (!Array.isArray(stdio)) {
        throw new TypeError(`Expected \`stdio\` to be of type \`string\` or \`Array\`, got \`${typeof stdio}\``);
      }
      const length = Math.max(stdio.length, STANDARD_STREAMS_ALIASES.length);
      return Array.from({ length }, (_, fdNumber) => stdio[fdNumber]);
    };
    hasAlias = (options) => STANDARD_STREAMS_ALIASES.some((alias) => options[alias] !== void 0);
    addDefaultValue2 = (stdioOption, fdNumber) => {
      if (Array.isArray(stdioOption)) {
        return stdioOption.map((item) => addDefaultValue2(item, fdNumber));
      }
      if (stdioOption === null || stdioOption === void 0) {
        return fdNumber >= STANDARD_STREAMS_ALIASES.length ? "ignore" : "pipe";
      }
      return stdioOption;
    };
    normalizeStdioSync = (stdioArray, buffer, verboseInfo) => stdioArray.map((stdioOption, fdNumber) => !buffer[fdNumber] && fdNumber !== 0 && !isFullVerbose(verboseInfo, fdNumber) && isOutputPipeOnly(stdioOption) ? "ignore" : stdioOption);
    isOutputPipeOnly = (stdioOption) => stdioOption === "pipe" || Array.isArray(stdioOption) && stdioOption.every((item) => item === "pipe");
  }
});

// node_modules/execa/lib/stdio/native.js
var import_node_fs16, import_node_tty2, handleNativeStream, handleNativeStreamSync, getTargetFd, getTargetFdNumber, handleNativeStreamAsync, getStandardStream;
var init_native = __esm({
  "node_modules/execa/lib/stdio/native.js"() {
    import_node_fs16 = require("node:fs");
    import_node_tty2 = __toESM(require("node:tty"), 1);
    init_is_stream();
    init_standard_stream();
    init_uint_array();
    init_fd_options();
    handleNativeStream = ({ stdioItem, stdioItem: { type }, isStdioArray, fdNumber, direction, isSync }) => {
      if (!isStdioArray || type !== "native") {
        return stdioItem;
      }
      return isSync ? handleNativeStreamSync({ stdioItem, fdNumber, direction }) : handleNativeStreamAsync({ stdioItem, fdNumber });
    };
    handleNativeStreamSync = ({ stdioItem, stdioItem: { value: value2, optionName }, fdNumber, direction }) => {
      const targetFd = getTargetFd({
        value: value2,
        optionName,
        fdNumber,
        direction
      });
      if (targetFd !== void 0) {
        return targetFd;
      }
      if (isStream(value2, { checkOpen: false })) {
        throw new TypeError(`The \`${optionName}: Stream\` option cannot both be an array and include a stream with synchronous methods.`);
      }
      return stdioItem;
    };
    getTargetFd = ({ value: value2, optionName, fdNumber, direction }) => {
      const targetFdNumber = getTargetFdNumber(value2, fdNumber);
      if (targetFdNumber === void 0) {
        return;
      }
      if (direction === "output") {
        return { type: "fileNumber", value: targetFdNumber, optionName };
      }
      if (import_node_tty2.default.isatty(targetFdNumber)) {
        throw new TypeError(`The \`${optionName}: ${serializeOptionValue(value2)}\` option is invalid: it cannot be a TTY with synchronous methods.`);
      }
      return { type: "uint8Array", value: bufferToUint8Array((0, import_node_fs16.readFileSync)(targetFdNumber)), optionName };
    };
    getTargetFdNumber = (value2, fdNumber) => {
      if (value2 === "inherit") {
        return fdNumber;
      }
      if (typeof value2 === "number") {
        return value2;
      }
      const standardStreamIndex = STANDARD_STREAMS.indexOf(value2);
      if (standardStreamIndex !== -1) {
        return standardStreamIndex;
      }
    };
    handleNativeStreamAsync = ({ stdioItem, stdioItem: { value: value2, optionName }, fdNumber }) => {
      if (value2 === "inherit") {
        return { type: "nodeStream", value: getStandardStream(fdNumber, value2, optionName), optionName };
      }
      if (typeof value2 === "number") {
        return { type: "nodeStream", value: getStandardStream(value2, value2, optionName), optionName };
      }
      if (isStream(value2, { checkOpen: false })) {
        return { type: "nodeStream", value: value2, optionName };
      }
      return stdioItem;
    };
    getStandardStream = (fdNumber, value2, optionName) => {
      const standardStream = STANDARD_STREAMS[fdNumber];
      if (standardStream === void 0) {
        throw new TypeError(`The \`${optionName}: ${value2}\` option is invalid: no such standard stream.`);
      }
      return standardStream;
    };
  }
});

// node_modules/execa/lib/stdio/input-option.js
var handleInputOptions, handleInputOption, getInputType, handleInputFileOption, getInputFileType;
var init_input_option = __esm({
  "node_modules/execa/lib/stdio/input-option.js"() {
    init_is_stream();
    init_uint_array();
    init_type();
    handleInputOptions = ({ input, inputFile }, fdNumber) => fdNumber === 0 ? [
      ...handleInputOption(input),
      ...handleInputFileOption(inputFile)
    ] : [];
    handleInputOption = (input) => input === void 0 ? [] : [{
      type: getInputType(input),
      value: input,
      optionName: "input"
    }];
    getInputType = (input) => {
      if (isReadableStream(input, { checkOpen: false })) {
        return "nodeStream";
      }
      if (typeof input === "string") {
        return "string";
      }
      if (isUint8Array(input)) {
        return "uint8Array";
      }
      throw new Error("The `input` option must be a string, a Uint8Array or a Node.js Readable stream.");
    };
    handleInputFileOption = (inputFile) => inputFile === void 0 ? [] : [{
      ...getInputFileType(inputFile),
      optionName: "inputFile"
    }];
    getInputFileType = (inputFile) => {
      if (isUrl(inputFile)) {
        return { type: "fileUrl", value: inputFile };
      }
      if (isFilePathString(inputFile)) {
        return { type: "filePath", value: { file: inputFile } };
      }
      throw new Error("The `inputFile` option must be a file path string or a file URL.");
    };
  }
});

// node_modules/execa/lib/stdio/duplicate.js
var filterDuplicates, getDuplicateStream, getOtherStdioItems, validateDuplicateStreamSync, getDuplicateStreamInstance, hasSameValue, validateDuplicateTransform, throwOnDuplicateStream;
var init_duplicate = __esm({
  "node_modules/execa/lib/stdio/duplicate.js"() {
    init_type();
    filterDuplicates = (stdioItems) => stdioItems.filter((stdioItemOne, indexOne) => stdioItems.every((stdioItemTwo, indexTwo) => stdioItemOne.value !== stdioItemTwo.value || indexOne >= indexTwo || stdioItemOne.type === "generator" || stdioItemOne.type === "asyncGenerator"));
    getDuplicateStream = ({ stdioItem: { type, value: value2, optionName }, direction, fileDescriptors, isSync }) => {
      const otherStdioItems = getOtherStdioItems(fileDescriptors, type);
      if (otherStdioItems.length === 0) {
        return;
      }
      if (isSync) {
        validateDuplicateStreamSync({
          otherStdioItems,
          type,
          value: value2,
          optionName,
          direction
        });
        return;
      }
      if (SPECIAL_DUPLICATE_TYPES.has(type)) {
        return getDuplicateStreamInstance({
          otherStdioItems,
          type,
          value: value2,
          optionName,
          direction
        });
      }
      if (FORBID_DUPLICATE_TYPES.has(type)) {
        validateDuplicateTransform({
          otherStdioItems,
          type,
          value: value2,
          optionName
        });
      }
    };
    getOtherStdioItems = (fileDescriptors, type) => fileDescriptors.flatMap(({ direction, stdioItems }) => stdioItems.filter((stdioItem) => stdioItem.type === type).map(((stdioItem) => ({ ...stdioItem, direction }))));
    validateDuplicateStreamSync = ({ otherStdioItems, type, value: value2, optionName, direction }) => {
      if (SPECIAL_DUPLICATE_TYPES_SYNC.has(type)) {
        getDuplicateStreamInstance({
          otherStdioItems,
          type,
          value: value2,
          optionName,
          direction
        });
      }
    };
    getDuplicateStreamInstance = ({ otherStdioItems, type, value: value2, optionName, direction }) => {
      const duplicateStdioItems = otherStdioItems.filter((stdioItem) => hasSameValue(stdioItem, value2));
      if (duplicateStdioItems.length === 0) {
        return;
      }
      const differentStdioItem = duplicateStdioItems.find((stdioItem) => stdioItem.direction !== direction);
      throwOnDuplicateStream(differentStdioItem, optionName, type);
      return direction === "output" ? duplicateStdioItems[0].stream : void 0;
    };
    hasSameValue = ({ type, value: value2 }, secondValue) => {
      if (type === "filePath") {
        return value2.file === secondValue.file;
      }
      if (type === "fileUrl") {
        return value2.href === secondValue.href;
      }
      return value2 === secondValue;
    };
    validateDuplicateTransform = ({ otherStdioItems, type, value: value2, optionName }) => {
      const duplicateStdioItem = otherStdioItems.find(({ value: { transform } }) => transform === value2.transform);
      throwOnDuplicateStream(duplicateStdioItem, optionName, type);
    };
    throwOnDuplicateStream = (stdioItem, optionName, type) => {
      if (stdioItem !== void 0) {
        throw new TypeError(`The \`${stdioItem.optionName}\` and \`${optionName}\` options must not target ${TYPE_TO_MESSAGE[type]} that is the same.`);
      }
    };
  }
});

// node_modules/execa/lib/stdio/handle.js
var handleStdio, getFileDescriptor, initializeStdioItems, initializeStdioItem, validateStdioArray, INVALID_STDIO_ARRAY_OPTIONS, validateStreams, validateFileStdio, validateFileObjectMode, getFinalFileDescriptors, getFinalFileDescriptor, addStreamProperties, cleanupCustomStreams, forwardStdio;
var init_handle = __esm({
  "node_modules/execa/lib/stdio/handle.js"() {
    init_standard_stream();
    init_normalize();
    init_object_mode();
    init_type();
    init_direction();
    init_stdio_option();
    init_native();
    init_input_option();
    init_duplicate();
    handleStdio = (addProperties3, options, verboseInfo, isSync) => {
      const stdio = normalizeStdioOption(options, verboseInfo, isSync);
      const initialFileDescriptors = stdio.map((stdioOption, fdNumber) => getFileDescriptor({
        stdioOption,
        fdNumber,
        options,
        isSync
      }));
      const fileDescriptors = getFinalFileDescriptors({
        initialFileDescriptors,
        addProperties: addProperties3,
        options,
        isSync
      });
      options.stdio = fileDescriptors.map(({ stdioItems }) => forwardStdio(stdioItems));
      return fileDescriptors;
    };
    getFileDescriptor = ({ stdioOption, fdNumber, options, isSync }) => {
      const optionName = getStreamName(fdNumber);
      const { stdioItems: initialStdioItems, isStdioArray } = initializeStdioItems({
        stdioOption,
        fdNumber,
        options,
        optionName
      });
      const direction = getStreamDirection(initialStdioItems, fdNumber, optionName);
      const stdioItems = initialStdioItems.map((stdioItem) => handleNativeStream({
        stdioItem,
        isStdioArray,
        fdNumber,
        direction,
        isSync
      }));
      const normalizedStdioItems = normalizeTransforms(stdioItems, optionName, direction, options);
      const objectMode = getFdObjectMode(normalizedStdioItems, direction);
      validateFileObjectMode(normalizedStdioItems, objectMode);
      return { direction, objectMode, stdioItems: normalizedStdioItems };
    };
    initializeStdioItems = ({ stdioOption, fdNumber, options, optionName }) => {
      const values = Array.isArray(stdioOption) ? stdioOption : [stdioOption];
      const initialStdioItems = [
        ...values.map((value2) => initializeStdioItem(value2, optionName)),
        ...handleInputOptions(options, fdNumber)
      ];
      const stdioItems = filterDuplicates(initialStdioItems);
      const isStdioArray = stdioItems.length > 1;
      validateStdioArray(stdioItems, isStdioArray, optionName);
      validateStreams(stdioItems);
      return { stdioItems, isStdioArray };
    };
    initializeStdioItem = (value2, optionName) => ({
      type: getStdioItemType(value2, optionName),
      value: value2,
      optionName
    });
    validateStdioArray = (stdioItems, isStdioArray, optionName) => {
      if (stdioItems.length === 0) {
        throw new TypeError(`The \`${optionName}\` option must not be an empty array.`);
      }
      if (!isStdioArray) {
        return;
      }
      for (const { value: value2, optionName: optionName2 } of stdioItems) {
        if (INVALID_STDIO_ARRAY_OPTIONS.has(value2)) {
          throw new Error(`The \`${optionName2}\` option must not include \`${value2}\`.`);
        }
      }
    };
    INVALID_STDIO_ARRAY_OPTIONS = /* @__PURE__ */ new Set(["ignore", "ipc"]);
    validateStreams = (stdioItems) => {
      for (const stdioItem of stdioItems) {
        validateFileStdio(stdioItem);
      }
    };
    validateFileStdio = ({ type, value: value2, optionName }) => {
      if (isRegularUrl(value2)) {
        throw new TypeError(`The \`${optionName}: URL\` option must use the \`file:\` scheme.
For example, you can use the \`pathToFileURL()\` method of the \`url\` core module.`);
      }
      if (isUnknownStdioString(type, value2)) {
        throw new TypeError(`The \`${optionName}: { file: '...' }\` option must be used instead of \`${optionName}: '...'\`.`);
      }
    };
    validateFileObjectMode = (stdioItems, objectMode) => {
      if (!objectMode) {
        return;
      }
      const fileStdioItem = stdioItems.find(({ type }) => FILE_TYPES.has(type));
      if (fileStdioItem !== void 0) {
        throw new TypeError(`The \`${fileStdioItem.optionName}\` option cannot use both files and transforms in objectMode.`);
      }
    };
    getFinalFileDescriptors = ({ initialFileDescriptors, addProperties: addProperties3, options, isSync }) => {
      const fileDescriptors = [];
      try {
        for (const fileDescriptor of initialFileDescriptors) {
          fileDescriptors.push(getFinalFileDescriptor({
            fileDescriptor,
            fileDescriptors,
            addProperties: addProperties3,
            options,
            isSync
          }));
        }
        return fileDescriptors;
      } catch (error) {
        cleanupCustomStreams(fileDescriptors);
        throw error;
      }
    };
    getFinalFileDescriptor = ({
      fileDescriptor: { direction, objectMode, stdioItems },
      fileDescriptors,
      addProperties: addProperties3,
      options,
      isSync
    }) => {
      const finalStdioItems = stdioItems.map((stdioItem) => addStreamProperties({
        stdioItem,
        addProperties: addProperties3,
        direction,
        options,
        fileDescriptors,
        isSync
      }));
      return { direction, objectMode, stdioItems: finalStdioItems };
    };
    addStreamProperties = ({ stdioItem, addProperties: addProperties3, direction, options, fileDescriptors, isSync }) => {
      const duplicateStream = getDuplicateStream({
        stdioItem,
        direction,
        fileDescriptors,
        isSync
      });
      if (duplicateStream !== void 0) {
        return { ...stdioItem, stream: duplicateStream };
      }
      return {
        ...stdioItem,
        ...addProperties3[direction][stdioItem.type](stdioItem, options)
      };
    };
    cleanupCustomStreams = (fileDescriptors) => {
      for (const { stdioItems } of fileDescriptors) {
        for (const { stream } of stdioItems) {
          if (stream !== void 0 && !isStandardStream(stream)) {
            stream.destroy();
          }
        }
      }
    };
    forwardStdio = (stdioItems) => {
      if (stdioItems.length > 1) {
        return stdioItems.some(({ value: value3 }) => value3 === "overlapped") ? "overlapped" : "pipe";
      }
      const [{ type, value: value2 }] = stdioItems;
      return type === "native" ? value2 : "pipe";
    };
  }
});

// node_modules/execa/lib/stdio/handle-sync.js
var import_node_fs17, handleStdioSync, forbiddenIfSync, forbiddenNativeIfSync, throwInvalidSyncValue, addProperties, addPropertiesSync;
var init_handle_sync = __esm({
  "node_modules/execa/lib/stdio/handle-sync.js"() {
    import_node_fs17 = require("node:fs");
    init_uint_array();
    init_handle();
    init_type();
    handleStdioSync = (options, verboseInfo) => handleStdio(addPropertiesSync, options, verboseInfo, true);
    forbiddenIfSync = ({ type, optionName }) => {
      throwInvalidSyncValue(optionName, TYPE_TO_MESSAGE[type]);
    };
    forbiddenNativeIfSync = ({ optionName, value: value2 }) => {
      if (value2 === "ipc" || value2 === "overlapped") {
        throwInvalidSyncValue(optionName, `"${value2}"`);
      }
      return {};
    };
    throwInvalidSyncValue = (optionName, value2) => {
      throw new TypeError(`The \`${optionName}\` option cannot be ${value2} with synchronous methods.`);
    };
    addProperties = {
      generator() {
      },
      asyncGenerator: forbiddenIfSync,
      webStream: forbiddenIfSync,
      nodeStream: forbiddenIfSync,
      webTransform: forbiddenIfSync,
      duplex: forbiddenIfSync,
      asyncIterable: forbiddenIfSync,
      native: forbiddenNativeIfSync
    };
    addPropertiesSync = {
      input: {
        ...addProperties,
        fileUrl: ({ value: value2 }) => ({ contents: [bufferToUint8Array((0, import_node_fs17.readFileSync)(value2))] }),
        filePath: ({ value: { file } }) => ({ contents: [bufferToUint8Array((0, import_node_fs17.readFileSync)(file))] }),
        fileNumber: forbiddenIfSync,
        iterable: ({ value: value2 }) => ({ contents: [...value2] }),
        string: ({ value: value2 }) => ({ contents: [value2] }),
        uint8Array: ({ value: value2 }) => ({ contents: [value2] })
      },
      output: {
        ...addProperties,
        fileUrl: ({ value: value2 }) => ({ path: value2 }),
        filePath: ({ value: { file, append } }) => ({ path: file, append }),
        fileNumber: ({ value: value2 }) => ({ path: value2 }),
        iterable: forbiddenIfSync,
        string: forbiddenIfSync,
        uint8Array: forbiddenIfSync
      }
    };
  }
});

// node_modules/execa/lib/io/strip-newline.js
var stripNewline, getStripFinalNewline;
var init_strip_newline = __esm({
  "node_modules/execa/lib/io/strip-newline.js"() {
    init_strip_final_newline();
    stripNewline = (value2, { stripFinalNewline: stripFinalNewline2 }, fdNumber) => getStripFinalNewline(stripFinalNewline2, fdNumber) && value2 !== void 0 && !Array.isArray(value2) ? stripFinalNewline(value2) : value2;
    getStripFinalNewline = (stripFinalNewline2, fdNumber) => fdNumber === "all" ? stripFinalNewline2[1] || stripFinalNewline2[2] : stripFinalNewline2[fdNumber];
  }
});

// node_modules/execa/lib/transform/split.js
var getSplitLinesGenerator, splitLinesSync, splitLinesItemSync, initializeSplitLines, splitGenerator, getNewlineLength, linesFinal, getAppendNewlineGenerator, appendNewlineGenerator, concatString, linesStringInfo, concatUint8Array, linesUint8ArrayInfo;
var init_split = __esm({
  "node_modules/execa/lib/transform/split.js"() {
    getSplitLinesGenerator = (binary, preserveNewlines, skipped, state) => binary || skipped ? void 0 : initializeSplitLines(preserveNewlines, state);
    splitLinesSync = (chunk, preserveNewlines, objectMode) => objectMode ? chunk.flatMap((item) => splitLinesItemSync(item, preserveNewlines)) : splitLinesItemSync(chunk, preserveNewlines);
    splitLinesItemSync = (chunk, preserveNewlines) => {
      const { transform, final } = initializeSplitLines(preserveNewlines, {});
      return [...transform(chunk), ...final()];
    };
    initializeSplitLines = (preserveNewlines, state) => {
      state.previousChunks = "";
      return {
        transform: splitGenerator.bind(void 0, state, preserveNewlines),
        final: linesFinal.bind(void 0, state)
      };
    };
    splitGenerator = function* (state, preserveNewlines, chunk) {
      if (typeof chunk !== "string") {
        yield chunk;
        return;
      }
      let { previousChunks } = state;
      let start3 = -1;
      for (let end = 0; end < chunk.length; end += 1) {
        if (chunk[end] === "\n") {
          const newlineLength = getNewlineLength(chunk, end, preserveNewlines, state);
          let line = chunk.slice(start3 + 1, end + 1 - newlineLength);
          if (previousChunks.length > 0) {
            line = concatString(previousChunks, line);
            previousChunks = "";
          }
          yield line;
          start3 = end;
        }
      }
      if (start3 !== chunk.length - 1) {
        previousChunks = concatString(previousChunks, chunk.slice(start3 + 1));
      }
      state.previousChunks = previousChunks;
    };
    getNewlineLength = (chunk, end, preserveNewlines, state) => {
      if (preserveNewlines) {
        return 0;
      }
      state.isWindowsNewline = end !== 0 && chunk[end - 1] === "\r";
      return state.isWindowsNewline ? 2 : 1;
    };
    linesFinal = function* ({ previousChunks }) {
      if (previousChunks.length > 0) {
        yield previousChunks;
      }
    };
    getAppendNewlineGenerator = ({ binary, preserveNewlines, readableObjectMode, state }) => binary || preserveNewlines || readableObjectMode ? void 0 : { transform: appendNewlineGenerator.bind(void 0, state) };
    appendNewlineGenerator = function* ({ isWindowsNewline = false }, chunk) {
      const { unixNewline, windowsNewline, LF: LF2, concatBytes } = typeof chunk === "string" ? linesStringInfo : linesUint8ArrayInfo;
      if (chunk.at(-1) === LF2) {
        yield chunk;
        return;
      }
      const newline = isWindowsNewline ? windowsNewline : unixNewline;
      yield concatBytes(chunk, newline);
    };
    concatString = (firstChunk, secondChunk) => `${firstChunk}${secondChunk}`;
    linesStringInfo = {
      windowsNewline: "\r\n",
      unixNewline: "\n",
      LF: "\n",
      concatBytes: concatString
    };
    concatUint8Array = (firstChunk, secondChunk) => {
      const chunk = new Uint8Array(firstChunk.length + secondChunk.length);
      chunk.set(firstChunk, 0);
      chunk.set(secondChunk, firstChunk.length);
      return chunk;
    };
    linesUint8ArrayInfo = {
      windowsNewline: new Uint8Array([13, 10]),
      unixNewline: new Uint8Array([10]),
      LF: 10,
      concatBytes: concatUint8Array
    };
  }
});

// node_modules/execa/lib/transform/validate.js
var import_node_buffer, getValidateTransformInput, validateStringTransformInput, getValidateTransformReturn, validateObjectTransformReturn, validateStringTransformReturn, validateEmptyReturn;
var init_validate = __esm({
  "node_modules/execa/lib/transform/validate.js"() {
    import_node_buffer = require("node:buffer");
    init_uint_array();
    getValidateTransformInput = (writableObjectMode, optionName) => writableObjectMode ? void 0 : validateStringTransformInput.bind(void 0, optionName);
    validateStringTransformInput = function* (optionName, chunk) {
      if (typeof chunk !== "string" && !isUint8Array(chunk) && !import_node_buffer.Buffer.isBuffer(chunk)) {
        throw new TypeError(`The \`${optionName}\` option's transform must use "objectMode: true" to receive as input: ${typeof chunk}.`);
      }
      yield chunk;
    };
    getValidateTransformReturn = (readableObjectMode, optionName) => readableObjectMode ? validateObjectTransformReturn.bind(void 0, optionName) : validateStringTransformReturn.bind(void 0, optionName);
    validateObjectTransformReturn = function* (optionName, chunk) {
      validateEmptyReturn(optionName, chunk);
      yield chunk;
    };
    validateStringTransformReturn = function* (optionName, chunk) {
      validateEmptyReturn(optionName, chunk);
      if (typeof chunk !== "string" && !isUint8Array(chunk)) {
        throw new TypeError(`The \`${optionName}\` option's function must yield a string or an Uint8Array, not ${typeof chunk}.`);
      }
      yield chunk;
    };
    validateEmptyReturn = (optionName, chunk) => {
      if (chunk === null || chunk === void 0) {
        throw new TypeError(`The \`${optionName}\` option's function must not call \`yield ${chunk}\`.
Instead, \`yield\` should either be called with a value, or not be called at all. For example:
  if (condition) { yield value; }`);
      }
    };
  }
});

// node_modules/execa/lib/transform/encoding-transform.js
var import_node_buffer2, import_node_string_decoder2, getEncodingTransformGenerator, encodingUint8ArrayGenerator, encodingStringGenerator, encodingStringFinal;
var init_encoding_transform = __esm({
  "node_modules/execa/lib/transform/encoding-transform.js"() {
    import_node_buffer2 = require("node:buffer");
    import_node_string_decoder2 = require("node:string_decoder");
    init_uint_array();
    getEncodingTransformGenerator = (binary, encoding, skipped) => {
      if (skipped) {
        return;
      }
      if (binary) {
        return { transform: encodingUint8ArrayGenerator.bind(void 0, new TextEncoder()) };
      }
      const stringDecoder = new import_node_string_decoder2.StringDecoder(encoding);
      return {
        transform: encodingStringGenerator.bind(void 0, stringDecoder),
        final: encodingStringFinal.bind(void 0, stringDecoder)
      };
    };
    encodingUint8ArrayGenerator = function* (textEncoder3, chunk) {
      if (import_node_buffer2.Buffer.isBuffer(chunk)) {
        yield bufferToUint8Array(chunk);
      } else if (typeof chunk === "string") {
        yield textEncoder3.encode(chunk);
      } else {
        yield chunk;
      }
    };
    encodingStringGenerator = function* (stringDecoder, chunk) {
      yield isUint8Array(chunk) ? stringDecoder.write(chunk) : chunk;
    };
    encodingStringFinal = function* (stringDecoder) {
      const lastChunk = stringDecoder.end();
      if (lastChunk !== "") {
        yield lastChunk;
      }
    };
  }
});

// node_modules/execa/lib/transform/run-async.js
var import_node_util7, pushChunks, transformChunk, finalChunks, generatorFinalChunks, destroyTransform, identityGenerator;
var init_run_async = __esm({
  "node_modules/execa/lib/transform/run-async.js"() {
    import_node_util7 = require("node:util");
    pushChunks = (0, import_node_util7.callbackify)(async (getChunks, state, getChunksArguments, transformStream) => {
      state.currentIterable = getChunks(...getChunksArguments);
      try {
        for await (const chunk of state.currentIterable) {
          transformStream.push(chunk);
        }
      } finally {
        delete state.currentIterable;
      }
    });
    transformChunk = async function* (chunk, generators, index) {
      if (index === generators.length) {
        yield chunk;
        return;
      }
      const { transform = identityGenerator } = generators[index];
      for await (const transformedChunk of transform(chunk)) {
        yield* transformChunk(transformedChunk, generators, index + 1);
      }
    };
    finalChunks = async function* (generators) {
      for (const [index, { final }] of Object.entries(generators)) {
        yield* generatorFinalChunks(final, Number(index), generators);
      }
    };
    generatorFinalChunks = async function* (final, index, generators) {
      if (final === void 0) {
        return;
      }
      for await (const finalChunk of final()) {
        yield* transformChunk(finalChunk, generators, index + 1);
      }
    };
    destroyTransform = (0, import_node_util7.callbackify)(async ({ currentIterable }, error) => {
      if (currentIterable !== void 0) {
        await (error ? currentIterable.throw(error) : currentIterable.return());
        return;
      }
      if (error) {
        throw error;
      }
    });
    identityGenerator = function* (chunk) {
      yield chunk;
    };
  }
});

// node_modules/execa/lib/transform/run-sync.js
var pushChunksSync, runTransformSync, transformChunkSync, finalChunksSync, generatorFinalChunksSync, identityGenerator2;
var init_run_sync = __esm({
  "node_modules/execa/lib/transform/run-sync.js"() {
    pushChunksSync = (getChunksSync, getChunksArguments, transformStream, done) => {
      try {
        for (const chunk of getChunksSync(...getChunksArguments)) {
          transformStream.push(chunk);
        }
        done();
      } catch (error) {
        done(error);
      }
    };
    runTransformSync = (generators, chunks) => [
      ...chunks.flatMap((chunk) => [...transformChunkSync(chunk, generators, 0)]),
      ...finalChunksSync(generators)
    ];
    transformChunkSync = function* (chunk, generators, index) {
      if (index === generators.length) {
        yield chunk;
        return;
      }
      const { transform = identityGenerator2 } = generators[index];
      for (const transformedChunk of transform(chunk)) {
        yield* transformChunkSync(transformedChunk, generators, index + 1);
      }
    };
    finalChunksSync = function* (generators) {
      for (const [index, { final }] of Object.entries(generators)) {
        yield* generatorFinalChunksSync(final, Number(index), generators);
      }
    };
    generatorFinalChunksSync = function* (final, index, generators) {
      if (final === void 0) {
        return;
      }
      for (const finalChunk of final()) {
        yield* transformChunkSync(finalChunk, generators, index + 1);
      }
    };
    identityGenerator2 = function* (chunk) {
      yield chunk;
    };
  }
});

// node_modules/execa/lib/transform/generator.js
var import_node_stream, generatorToStream, runGeneratorsSync, addInternalGenerators;
var init_generator = __esm({
  "node_modules/execa/lib/transform/generator.js"() {
    import_node_stream = require("node:stream");
    init_type();
    init_split();
    init_validate();
    init_encoding_transform();
    init_run_async();
    init_run_sync();
    generatorToStream = ({
      value: value2,
      value: { transform, final, writableObjectMode, readableObjectMode },
      optionName
    }, { encoding }) => {
      const state = {};
      const generators = addInternalGenerators(value2, encoding, optionName);
      const transformAsync = isAsyncGenerator(transform);
      const finalAsync = isAsyncGenerator(final);
      const transformMethod = transformAsync ? pushChunks.bind(void 0, transformChunk, state) : pushChunksSync.bind(void 0, transformChunkSync);
      const finalMethod = transformAsync || finalAsync ? pushChunks.bind(void 0, finalChunks, state) : pushChunksSync.bind(void 0, finalChunksSync);
      const destroyMethod = transformAsync || finalAsync ? destroyTransform.bind(void 0, state) : void 0;
      const stream = new import_node_stream.Transform({
        writableObjectMode,
        writableHighWaterMark: (0, import_node_stream.getDefaultHighWaterMark)(writableObjectMode),
        readableObjectMode,
        readableHighWaterMark: (0, import_node_stream.getDefaultHighWaterMark)(readableObjectMode),
        transform(chunk, encoding2, done) {
          transformMethod([chunk, generators, 0], this, done);
        },
        flush(done) {
          finalMethod([generators], this, done);
        },
        destroy: destroyMethod
      });
      return { stream };
    };
    runGeneratorsSync = (chunks, stdioItems, encoding, isInput) => {
      const generators = stdioItems.filter(({ type }) => type === "generator");
      const reversedGenerators = isInput ? generators.reverse() : generators;
      for (const { value: value2, optionName } of reversedGenerators) {
        const generators2 = addInternalGenerators(value2, encoding, optionName);
        chunks = runTransformSync(generators2, chunks);
      }
      return chunks;
    };
    addInternalGenerators = ({ transform, final, binary, writableObjectMode, readableObjectMode, preserveNewlines }, encoding, optionName) => {
      const state = {};
      return [
        { transform: getValidateTransformInput(writableObjectMode, optionName) },
        getEncodingTransformGenerator(binary, encoding, writableObjectMode),
        getSplitLinesGenerator(binary, preserveNewlines, writableObjectMode, state),
        { transform, final },
        { transform: getValidateTransformReturn(readableObjectMode, optionName) },
        getAppendNewlineGenerator({
          binary,
          preserveNewlines,
          readableObjectMode,
          state
        })
      ].filter(Boolean);
    };
  }
});

// node_modules/execa/lib/io/input-sync.js
var addInputOptionsSync, getInputFdNumbers, addInputOptionSync, applySingleInputGeneratorsSync, validateSerializable;
var init_input_sync = __esm({
  "node_modules/execa/lib/io/input-sync.js"() {
    init_generator();
    init_uint_array();
    init_type();
    addInputOptionsSync = (fileDescriptors, options) => {
      for (const fdNumber of getInputFdNumbers(fileDescriptors)) {
        addInputOptionSync(fileDescriptors, fdNumber, options);
      }
    };
    getInputFdNumbers = (fileDescriptors) => new Set(Object.entries(fileDescriptors).filter(([, { direction }]) => direction === "input").map(([fdNumber]) => Number(fdNumber)));
    addInputOptionSync = (fileDescriptors, fdNumber, options) => {
      const { stdioItems } = fileDescriptors[fdNumber];
      const allStdioItems = stdioItems.filter(({ contents }) => contents !== void 0);
      if (allStdioItems.length === 0) {
        return;
      }
      if (fdNumber !== 0) {
        const [{ type, optionName }] = allStdioItems;
        throw new TypeError(`Only the \`stdin\` option, not \`${optionName}\`, can be ${TYPE_TO_MESSAGE[type]} with synchronous methods.`);
      }
      const allContents = allStdioItems.map(({ contents }) => contents);
      const transformedContents = allContents.map((contents) => applySingleInputGeneratorsSync(contents, stdioItems));
      options.input = joinToUint8Array(transformedContents);
    };
    applySingleInputGeneratorsSync = (contents, stdioItems) => {
      const newContents = runGeneratorsSync(contents, stdioItems, "utf8", true);
      validateSerializable(newContents);
      return joinToUint8Array(newContents);
    };
    validateSerializable = (newContents) => {
      const invalidItem = newContents.find((item) => typeof item !== "string" && !isUint8Array(item));
      if (invalidItem !== void 0) {
        throw new TypeError(`The \`stdin\` option is invalid: when passing objects as input, a transform must be used to serialize them to strings or Uint8Arrays: ${invalidItem}.`);
      }
    };
  }
});

// node_modules/execa/lib/verbose/output.js
var shouldLogOutput, fdUsesVerbose, PIPED_STDIO_VALUES, logLines, logLinesSync, isPipingStream, logLine;
var init_output = __esm({
  "node_modules/execa/lib/verbose/output.js"() {
    init_encoding_option();
    init_type();
    init_log();
    init_values();
    shouldLogOutput = ({ stdioItems, encoding, verboseInfo, fdNumber }) => fdNumber !== "all" && isFullVerbose(verboseInfo, fdNumber) && !BINARY_ENCODINGS.has(encoding) && fdUsesVerbose(fdNumber) && (stdioItems.some(({ type, value: value2 }) => type === "native" && PIPED_STDIO_VALUES.has(value2)) || stdioItems.every(({ type }) => TRANSFORM_TYPES.has(type)));
    fdUsesVerbose = (fdNumber) => fdNumber === 1 || fdNumber === 2;
    PIPED_STDIO_VALUES = /* @__PURE__ */ new Set(["pipe", "overlapped"]);
    logLines = async (linesIterable, stream, fdNumber, verboseInfo) => {
      for await (const line of linesIterable) {
        if (!isPipingStream(stream)) {
          logLine(line, fdNumber, verboseInfo);
        }
      }
    };
    logLinesSync = (linesArray, fdNumber, verboseInfo) => {
      for (const line of linesArray) {
        logLine(line, fdNumber, verboseInfo);
      }
    };
    isPipingStream = (stream) => stream._readableState.pipes.length > 0;
    logLine = (line, fdNumber, verboseInfo) => {
      const verboseMessage = serializeVerboseMessage(line);
      verboseLog({
        type: "output",
        verboseMessage,
        fdNumber,
        verboseInfo
      });
    };
  }
});

// node_modules/execa/lib/io/output-sync.js
var import_node_fs18, transformOutputSync, transformOutputResultSync, runOutputGeneratorsSync, serializeChunks, logOutputSync, writeToFiles;
var init_output_sync = __esm({
  "node_modules/execa/lib/io/output-sync.js"() {
    import_node_fs18 = require("node:fs");
    init_output();
    init_generator();
    init_split();
    init_uint_array();
    init_type();
    init_max_buffer();
    transformOutputSync = ({ fileDescriptors, syncResult: { output }, options, isMaxBuffer, verboseInfo }) => {
      if (output === null) {
        return { output: Array.from({ length: 3 }) };
      }
      const state = {};
      const outputFiles = /* @__PURE__ */ new Set([]);
      const transformedOutput = output.map((result, fdNumber) => transformOutputResultSync({
        result,
        fileDescriptors,
        fdNumber,
        state,
        outputFiles,
        isMaxBuffer,
        verboseInfo
      }, options));
      return { output: transformedOutput, ...state };
    };
    transformOutputResultSync = ({ result, fileDescriptors, fdNumber, state, outputFiles, isMaxBuffer, verboseInfo }, { buffer, encoding, lines, stripFinalNewline: stripFinalNewline2, maxBuffer }) => {
      if (result === null) {
        return;
      }
      const truncatedResult = truncateMaxBufferSync(result, isMaxBuffer, maxBuffer);
      const uint8ArrayResult = bufferToUint8Array(truncatedResult);
      const { stdioItems, objectMode } = fileDescriptors[fdNumber];
      const chunks = runOutputGeneratorsSync([uint8ArrayResult], stdioItems, encoding, state);
      const { serializedResult, finalResult = serializedResult } = serializeChunks({
        chunks,
        objectMode,
        encoding,
        lines,
        stripFinalNewline: stripFinalNewline2,
        fdNumber
      });
      logOutputSync({
        serializedResult,
        fdNumber,
        state,
        verboseInfo,
        encoding,
        stdioItems,
        objectMode
      });
      const returnedResult = buffer[fdNumber] ? finalResult : void 0;
      try {
        if (state.error === void 0) {
          writeToFiles(serializedResult, stdioItems, outputFiles);
        }
        return returnedResult;
      } catch (error) {
        state.error = error;
        return returnedResult;
      }
    };
    runOutputGeneratorsSync = (chunks, stdioItems, encoding, state) => {
      try {
        return runGeneratorsSync(chunks, stdioItems, encoding, false);
      } catch (error) {
        state.error = error;
        return chunks;
      }
    };
    serializeChunks = ({ chunks, objectMode, encoding, lines, stripFinalNewline: stripFinalNewline2, fdNumber }) => {
      if (objectMode) {
        return { serializedResult: chunks };
      }
      if (encoding === "buffer") {
        return { serializedResult: joinToUint8Array(chunks) };
      }
      const serializedResult = joinToString(chunks, encoding);
      if (lines[fdNumber]) {
        return { serializedResult, finalResult: splitLinesSync(serializedResult, !stripFinalNewline2[fdNumber], objectMode) };
      }
      return { serializedResult };
    };
    logOutputSync = ({ serializedResult, fdNumber, state, verboseInfo, encoding, stdioItems, objectMode }) => {
      if (!shouldLogOutput({
        stdioItems,
        encoding,
        verboseInfo,
        fdNumber
      })) {
        return;
      }
      const linesArray = splitLinesSync(serializedResult, false, objectMode);
      try {
        logLinesSync(linesArray, fdNumber, verboseInfo);
      } catch (error) {
        state.error ??= error;
      }
    };
    writeToFiles = (serializedResult, stdioItems, outputFiles) => {
      for (const { path: path7, append } of stdioItems.filter(({ type }) => FILE_TYPES.has(type))) {
        const pathString = typeof path7 === "string" ? path7 : path7.toString();
        if (append || outputFiles.has(pathString)) {
          (0, import_node_fs18.appendFileSync)(path7, serializedResult);
        } else {
          outputFiles.add(pathString);
          (0, import_node_fs18.writeFileSync)(path7, serializedResult);
        }
      }
    };
  }
});

// node_modules/execa/lib/resolve/all-sync.js
var getAllSync;
var init_all_sync = __esm({
  "node_modules/execa/lib/resolve/all-sync.js"() {
    init_uint_array();
    init_strip_newline();
    getAllSync = ([, stdout, stderr], options) => {
      if (!options.all) {
        return;
      }
      if (stdout === void 0) {
        return stderr;
      }
      if (stderr === void 0) {
        return stdout;
      }
      if (Array.isArray(stdout)) {
        return Array.isArray(stderr) ? [...stdout, ...stderr] : [...stdout, stripNewline(stderr, options, "all")];
      }
      if (Array.isArray(stderr)) {
        return [stripNewline(stdout, options, "all"), ...stderr];
      }
      if (isUint8Array(stdout) && isUint8Array(stderr)) {
        return concatUint8Arrays([stdout, stderr]);
      }
      return `${stdout}${stderr}`;
    };
  }
});

// node_modules/execa/lib/resolve/exit-async.js
var import_node_events7, waitForExit, waitForExitOrError, waitForSubprocessExit, waitForSuccessfulExit, isSubprocessErrorExit, isFailedExit;
var init_exit_async = __esm({
  "node_modules/execa/lib/resolve/exit-async.js"() {
    import_node_events7 = require("node:events");
    init_final_error();
    waitForExit = async (subprocess, context2) => {
      const [exitCode, signal] = await waitForExitOrError(subprocess);
      context2.isForcefullyTerminated ??= false;
      return [exitCode, signal];
    };
    waitForExitOrError = async (subprocess) => {
      const [spawnPayload, exitPayload] = await Promise.allSettled([
        (0, import_node_events7.once)(subprocess, "spawn"),
        (0, import_node_events7.once)(subprocess, "exit")
      ]);
      if (spawnPayload.status === "rejected") {
        return [];
      }
      return exitPayload.status === "rejected" ? waitForSubprocessExit(subprocess) : exitPayload.value;
    };
    waitForSubprocessExit = async (subprocess) => {
      try {
        return await (0, import_node_events7.once)(subprocess, "exit");
      } catch {
        return waitForSubprocessExit(subprocess);
      }
    };
    waitForSuccessfulExit = async (exitPromise) => {
      const [exitCode, signal] = await exitPromise;
      if (!isSubprocessErrorExit(exitCode, signal) && isFailedExit(exitCode, signal)) {
        throw new DiscardedError();
      }
      return [exitCode, signal];
    };
    isSubprocessErrorExit = (exitCode, signal) => exitCode === void 0 && signal === void 0;
    isFailedExit = (exitCode, signal) => exitCode !== 0 || signal !== null;
  }
});

// node_modules/execa/lib/resolve/exit-sync.js
var getExitResultSync, getResultError;
var init_exit_sync = __esm({
  "node_modules/execa/lib/resolve/exit-sync.js"() {
    init_final_error();
    init_max_buffer();
    init_exit_async();
    getExitResultSync = ({ error, status: exitCode, signal, output }, { maxBuffer }) => {
      const resultError = getResultError(error, exitCode, signal);
      const timedOut = resultError?.code === "ETIMEDOUT";
      const isMaxBuffer = isMaxBufferSync(resultError, output, maxBuffer);
      return {
        resultError,
        exitCode,
        signal,
        timedOut,
        isMaxBuffer
      };
    };
    getResultError = (error, exitCode, signal) => {
      if (error !== void 0) {
        return error;
      }
      return isFailedExit(exitCode, signal) ? new DiscardedError() : void 0;
    };
  }
});

// node_modules/execa/lib/methods/main-sync.js
var import_node_child_process4, execaCoreSync, handleSyncArguments, normalizeSyncOptions, validateSyncOptions, throwInvalidSyncOption, spawnSubprocessSync, runSubprocessSync, normalizeSpawnSyncOptions, getSyncResult;
var init_main_sync = __esm({
  "node_modules/execa/lib/methods/main-sync.js"() {
    import_node_child_process4 = require("node:child_process");
    init_command();
    init_options();
    init_shell();
    init_result();
    init_reject();
    init_handle_sync();
    init_strip_newline();
    init_input_sync();
    init_output_sync();
    init_max_buffer();
    init_all_sync();
    init_exit_sync();
    execaCoreSync = (rawFile, rawArguments, rawOptions) => {
      const { file, commandArguments, command, escapedCommand, startTime, verboseInfo, options, fileDescriptors } = handleSyncArguments(rawFile, rawArguments, rawOptions);
      const result = spawnSubprocessSync({
        file,
        commandArguments,
        options,
        command,
        escapedCommand,
        verboseInfo,
        fileDescriptors,
        startTime
      });
      return handleResult(result, verboseInfo, options);
    };
    handleSyncArguments = (rawFile, rawArguments, rawOptions) => {
      const { command, escapedCommand, startTime, verboseInfo } = handleCommand(rawFile, rawArguments, rawOptions);
      const syncOptions = normalizeSyncOptions(rawOptions);
      const { file, commandArguments, options } = normalizeOptions(rawFile, rawArguments, syncOptions);
      validateSyncOptions(options);
      const fileDescriptors = handleStdioSync(options, verboseInfo);
      return {
        file,
        commandArguments,
        command,
        escapedCommand,
        startTime,
        verboseInfo,
        options,
        fileDescriptors
      };
    };
    normalizeSyncOptions = (options) => options.node && !options.ipc ? { ...options, ipc: false } : options;
    validateSyncOptions = ({ ipc, ipcInput, detached, cancelSignal }) => {
      if (ipcInput) {
        throwInvalidSyncOption("ipcInput");
      }
      if (ipc) {
        throwInvalidSyncOption("ipc: true");
      }
      if (detached) {
        throwInvalidSyncOption("detached: true");
      }
      if (cancelSignal) {
        throwInvalidSyncOption("cancelSignal");
      }
    };
    throwInvalidSyncOption = (value2) => {
      throw new TypeError(`The "${value2}" option cannot be used with synchronous methods.`);
    };
    spawnSubprocessSync = ({ file, commandArguments, options, command, escapedCommand, verboseInfo, fileDescriptors, startTime }) => {
      const syncResult = runSubprocessSync({
        file,
        commandArguments,
        options,
        command,
        escapedCommand,
        fileDescriptors,
        startTime
      });
      if (syncResult.failed) {
        return syncResult;
      }
      const { resultError, exitCode, signal, timedOut, isMaxBuffer } = getExitResultSync(syncResult, options);
      const { output, error = resultError } = transformOutputSync({
        fileDescriptors,
        syncResult,
        options,
        isMaxBuffer,
        verboseInfo
      });
      const stdio = output.map((stdioOutput, fdNumber) => stripNewline(stdioOutput, options, fdNumber));
      const all = stripNewline(getAllSync(output, options), options, "all");
      return getSyncResult({
        error,
        exitCode,
        signal,
        timedOut,
        isMaxBuffer,
        stdio,
        all,
        options,
        command,
        escapedCommand,
        startTime
      });
    };
    runSubprocessSync = ({ file, commandArguments, options, command, escapedCommand, fileDescriptors, startTime }) => {
      try {
        addInputOptionsSync(fileDescriptors, options);
        const normalizedOptions = normalizeSpawnSyncOptions(options);
        return (0, import_node_child_process4.spawnSync)(...concatenateShell(file, commandArguments, normalizedOptions));
      } catch (error) {
        return makeEarlyError({
          error,
          command,
          escapedCommand,
          fileDescriptors,
          options,
          startTime,
          isSync: true
        });
      }
    };
    normalizeSpawnSyncOptions = ({ encoding, maxBuffer, ...options }) => ({ ...options, encoding: "buffer", maxBuffer: getMaxBufferSync(maxBuffer) });
    getSyncResult = ({ error, exitCode, signal, timedOut, isMaxBuffer, stdio, all, options, command, escapedCommand, startTime }) => error === void 0 ? makeSuccessResult({
      command,
      escapedCommand,
      stdio,
      all,
      ipcOutput: [],
      options,
      startTime
    }) : makeError({
      error,
      command,
      escapedCommand,
      timedOut,
      isCanceled: false,
      isGracefullyCanceled: false,
      isMaxBuffer,
      isForcefullyTerminated: false,
      exitCode,
      signal,
      stdio,
      all,
      ipcOutput: [],
      options,
      startTime,
      isSync: true
    });
  }
});

// node_modules/execa/lib/ipc/get-one.js
var import_node_events8, getOneMessage, getOneMessageAsync, getMessage, throwOnDisconnect2, throwOnStrictError;
var init_get_one = __esm({
  "node_modules/execa/lib/ipc/get-one.js"() {
    import_node_events8 = require("node:events");
    init_validation();
    init_forward();
    init_reference();
    getOneMessage = ({ anyProcess, channel, isSubprocess, ipc }, { reference = true, filter } = {}) => {
      validateIpcMethod({
        methodName: "getOneMessage",
        isSubprocess,
        ipc,
        isConnected: isConnected(anyProcess)
      });
      return getOneMessageAsync({
        anyProcess,
        channel,
        isSubprocess,
        filter,
        reference
      });
    };
    getOneMessageAsync = async ({ anyProcess, channel, isSubprocess, filter, reference }) => {
      addReference(channel, reference);
      const ipcEmitter = getIpcEmitter(anyProcess, channel, isSubprocess);
      const controller = new AbortController();
      try {
        return await Promise.race([
          getMessage(ipcEmitter, filter, controller),
          throwOnDisconnect2(ipcEmitter, isSubprocess, controller),
          throwOnStrictError(ipcEmitter, isSubprocess, controller)
        ]);
      } catch (error) {
        disconnect(anyProcess);
        throw error;
      } finally {
        controller.abort();
        removeReference(channel, reference);
      }
    };
    getMessage = async (ipcEmitter, filter, { signal }) => {
      if (filter === void 0) {
        const [message] = await (0, import_node_events8.once)(ipcEmitter, "message", { signal });
        return message;
      }
      for await (const [message] of (0, import_node_events8.on)(ipcEmitter, "message", { signal })) {
        if (filter(message)) {
          return message;
        }
      }
    };
    throwOnDisconnect2 = async (ipcEmitter, isSubprocess, { signal }) => {
      await (0, import_node_events8.once)(ipcEmitter, "disconnect", { signal });
      throwOnEarlyDisconnect(isSubprocess);
    };
    throwOnStrictError = async (ipcEmitter, isSubprocess, { signal }) => {
      const [error] = await (0, import_node_events8.once)(ipcEmitter, "strict:error", { signal });
      throw getStrictResponseError(error, isSubprocess);
    };
  }
});

// node_modules/execa/lib/ipc/get-each.js
var import_node_events9, getEachMessage, loopOnMessages, stopOnDisconnect, abortOnStrictError, iterateOnMessages, throwIfStrictError;
var init_get_each = __esm({
  "node_modules/execa/lib/ipc/get-each.js"() {
    import_node_events9 = require("node:events");
    init_validation();
    init_forward();
    init_reference();
    getEachMessage = ({ anyProcess, channel, isSubprocess, ipc }, { reference = true } = {}) => loopOnMessages({
      anyProcess,
      channel,
      isSubprocess,
      ipc,
      shouldAwait: !isSubprocess,
      reference
    });
    loopOnMessages = ({ anyProcess, channel, isSubprocess, ipc, shouldAwait, reference }) => {
      validateIpcMethod({
        methodName: "getEachMessage",
        isSubprocess,
        ipc,
        isConnected: isConnected(anyProcess)
      });
      addReference(channel, reference);
      const ipcEmitter = getIpcEmitter(anyProcess, channel, isSubprocess);
      const controller = new AbortController();
      const state = {};
      stopOnDisconnect(anyProcess, ipcEmitter, controller);
      abortOnStrictError({
        ipcEmitter,
        isSubprocess,
        controller,
        state
      });
      return iterateOnMessages({
        anyProcess,
        channel,
        ipcEmitter,
        isSubprocess,
        shouldAwait,
        controller,
        state,
        reference
      });
    };
    stopOnDisconnect = async (anyProcess, ipcEmitter, controller) => {
      try {
        await (0, import_node_events9.once)(ipcEmitter, "disconnect", { signal: controller.signal });
        controller.abort();
      } catch {
      }
    };
    abortOnStrictError = async ({ ipcEmitter, isSubprocess, controller, state }) => {
      try {
        const [error] = await (0, import_node_events9.once)(ipcEmitter, "strict:error", { signal: controller.signal });
        state.error = getStrictResponseError(error, isSubprocess);
        controller.abort();
      } catch {
      }
    };
    iterateOnMessages = async function* ({ anyProcess, channel, ipcEmitter, isSubprocess, shouldAwait, controller, state, reference }) {
      try {
        for await (const [message] of (0, import_node_events9.on)(ipcEmitter, "message", { signal: controller.signal })) {
          throwIfStrictError(state);
          yield message;
        }
      } catch {
        throwIfStrictError(state);
      } finally {
        controller.abort();
        removeReference(channel, reference);
        if (!isSubprocess) {
          disconnect(anyProcess);
        }
        if (shouldAwait) {
          await anyProcess;
        }
      }
    };
    throwIfStrictError = ({ error }) => {
      if (error) {
        throw error;
      }
    };
  }
});

// node_modules/execa/lib/ipc/methods.js
var import_node_process10, addIpcMethods, getIpcExport, getIpcMethods;
var init_methods = __esm({
  "node_modules/execa/lib/ipc/methods.js"() {
    import_node_process10 = __toESM(require("node:process"), 1);
    init_send();
    init_get_one();
    init_get_each();
    init_graceful();
    addIpcMethods = (subprocess, { ipc }) => {
      Object.assign(subprocess, getIpcMethods(subprocess, false, ipc));
    };
    getIpcExport = () => {
      const anyProcess = import_node_process10.default;
      const isSubprocess = true;
      const ipc = import_node_process10.default.channel !== void 0;
      return {
        ...getIpcMethods(anyProcess, isSubprocess, ipc),
        getCancelSignal: getCancelSignal.bind(void 0, {
          anyProcess,
          channel: anyProcess.channel,
          isSubprocess,
          ipc
        })
      };
    };
    getIpcMethods = (anyProcess, isSubprocess, ipc) => ({
      sendMessage: sendMessage.bind(void 0, {
        anyProcess,
        channel: anyProcess.channel,
        isSubprocess,
        ipc
      }),
      getOneMessage: getOneMessage.bind(void 0, {
        anyProcess,
        channel: anyProcess.channel,
        isSubprocess,
        ipc
      }),
      getEachMessage: getEachMessage.bind(void 0, {
        anyProcess,
        channel: anyProcess.channel,
        isSubprocess,
        ipc
      })
    });
  }
});

// node_modules/execa/lib/return/early-error.js
var import_node_child_process5, import_node_stream2, handleEarlyError, createDummyStreams, createDummyStream, readable, writable, duplex, handleDummyPromise;
var init_early_error = __esm({
  "node_modules/execa/lib/return/early-error.js"() {
    import_node_child_process5 = require("node:child_process");
    import_node_stream2 = require("node:stream");
    init_handle();
    init_result();
    init_reject();
    handleEarlyError = ({ error, command, escapedCommand, fileDescriptors, options, startTime, verboseInfo }) => {
      cleanupCustomStreams(fileDescriptors);
      const subprocess = new import_node_child_process5.ChildProcess();
      createDummyStreams(subprocess, fileDescriptors);
      Object.assign(subprocess, { readable, writable, duplex });
      const earlyError = makeEarlyError({
        error,
        command,
        escapedCommand,
        fileDescriptors,
        options,
        startTime,
        isSync: false
      });
      const promise = handleDummyPromise(earlyError, verboseInfo, options);
      return { subprocess, promise };
    };
    createDummyStreams = (subprocess, fileDescriptors) => {
      const stdin = createDummyStream();
      const stdout = createDummyStream();
      const stderr = createDummyStream();
      const extraStdio = Array.from({ length: fileDescriptors.length - 3 }, createDummyStream);
      const all = createDummyStream();
      const stdio = [stdin, stdout, stderr, ...extraStdio];
      Object.assign(subprocess, {
        stdin,
        stdout,
        stderr,
        all,
        stdio
      });
    };
    createDummyStream = () => {
      const stream = new import_node_stream2.PassThrough();
      stream.end();
      return stream;
    };
    readable = () => new import_node_stream2.Readable({ read() {
    } });
    writable = () => new import_node_stream2.Writable({ write() {
    } });
    duplex = () => new import_node_stream2.Duplex({ read() {
    }, write() {
    } });
    handleDummyPromise = async (error, verboseInfo, options) => handleResult(error, verboseInfo, options);
  }
});

// node_modules/execa/lib/stdio/handle-async.js
var import_node_fs19, import_node_buffer3, import_node_stream3, handleStdioAsync, forbiddenIfAsync, addProperties2, addPropertiesAsync;
var init_handle_async = __esm({
  "node_modules/execa/lib/stdio/handle-async.js"() {
    import_node_fs19 = require("node:fs");
    import_node_buffer3 = require("node:buffer");
    import_node_stream3 = require("node:stream");
    init_generator();
    init_handle();
    init_type();
    handleStdioAsync = (options, verboseInfo) => handleStdio(addPropertiesAsync, options, verboseInfo, false);
    forbiddenIfAsync = ({ type, optionName }) => {
      throw new TypeError(`The \`${optionName}\` option cannot be ${TYPE_TO_MESSAGE[type]}.`);
    };
    addProperties2 = {
      fileNumber: forbiddenIfAsync,
      generator: generatorToStream,
      asyncGenerator: generatorToStream,
      nodeStream: ({ value: value2 }) => ({ stream: value2 }),
      webTransform({ value: { transform, writableObjectMode, readableObjectMode } }) {
        const objectMode = writableObjectMode || readableObjectMode;
        const stream = import_node_stream3.Duplex.fromWeb(transform, { objectMode });
        return { stream };
      },
      duplex: ({ value: { transform } }) => ({ stream: transform }),
      native() {
      }
    };
    addPropertiesAsync = {
      input: {
        ...addProperties2,
        fileUrl: ({ value: value2 }) => ({ stream: (0, import_node_fs19.createReadStream)(value2) }),
        filePath: ({ value: { file } }) => ({ stream: (0, import_node_fs19.createReadStream)(file) }),
        webStream: ({ value: value2 }) => ({ stream: import_node_stream3.Readable.fromWeb(value2) }),
        iterable: ({ value: value2 }) => ({ stream: import_node_stream3.Readable.from(value2) }),
        asyncIterable: ({ value: value2 }) => ({ stream: import_node_stream3.Readable.from(value2) }),
        string: ({ value: value2 }) => ({ stream: import_node_stream3.Readable.from(value2) }),
        uint8Array: ({ value: value2 }) => ({ stream: import_node_stream3.Readable.from(import_node_buffer3.Buffer.from(value2)) })
      },
      output: {
        ...addProperties2,
        fileUrl: ({ value: value2 }) => ({ stream: (0, import_node_fs19.createWriteStream)(value2) }),
        filePath: ({ value: { file, append } }) => ({ stream: (0, import_node_fs19.createWriteStream)(file, append ? { flags: "a" } : {}) }),
        webStream: ({ value: value2 }) => ({ stream: import_node_stream3.Writable.fromWeb(value2) }),
        iterable: forbiddenIfAsync,
        asyncIterable: forbiddenIfAsync,
        string: forbiddenIfAsync,
        uint8Array: forbiddenIfAsync
      }
    };
  }
});

// node_modules/@sindresorhus/merge-streams/index.js
function mergeStreams(streams2) {
  if (!Array.isArray(streams2)) {
    throw new TypeError(`Expected an array, got \`${typeof streams2}\`.`);
  }
  for (const stream of streams2) {
    validateStream(stream);
  }
  const objectMode = streams2.some(({ readableObjectMode }) => readableObjectMode);
  const highWaterMark = getHighWaterMark(streams2, objectMode);
  const passThroughStream = new MergedStream({
    objectMode,
    writableHighWaterMark: highWaterMark,
    readableHighWaterMark: highWaterMark
  });
  for (const stream of streams2) {
    passThroughStream.add(stream);
  }
  return passThroughStream;
}
var import_node_events10, import_node_stream4, import_promises6, getHighWaterMark, MergedStream, onMergedStreamFinished, onMergedStreamEnd, onInputStreamsUnpipe, validateStream, endWhenStreamsDone, afterMergedStreamFinished, onInputStreamEnd, onInputStreamUnpipe, endStream, errorOrAbortStream, isAbortError, abortStream, errorStream, noop2, updateMaxListeners, PASSTHROUGH_LISTENERS_COUNT, PASSTHROUGH_LISTENERS_PER_STREAM;
var init_merge_streams = __esm({
  "node_modules/@sindresorhus/merge-streams/index.js"() {
    import_node_events10 = require("node:events");
    import_node_stream4 = require("node:stream");
    import_promises6 = require("node:stream/promises");
    getHighWaterMark = (streams2, objectMode) => {
      if (streams2.length === 0) {
        return (0, import_node_stream4.getDefaultHighWaterMark)(objectMode);
      }
      const highWaterMarks = streams2.filter(({ readableObjectMode }) => readableObjectMode === objectMode).map(({ readableHighWaterMark }) => readableHighWaterMark);
      return Math.max(...highWaterMarks);
    };
    MergedStream = class extends import_node_stream4.PassThrough {
      #streams = /* @__PURE__ */ new Set([]);
      #ended = /* @__PURE__ */ new Set([]);
      #aborted = /* @__PURE__ */ new Set([]);
      #onFinished;
      #unpipeEvent = /* @__PURE__ */ Symbol("unpipe");
      #streamPromises = /* @__PURE__ */ new WeakMap();
      add(stream) {
        validateStream(stream);
        if (this.#streams.has(stream)) {
          return;
        }
        this.#streams.add(stream);
        this.#onFinished ??= onMergedStreamFinished(this, this.#streams, this.#unpipeEvent);
        const streamPromise = endWhenStreamsDone({
          passThroughStream: this,
          stream,
          streams: this.#streams,
          ended: this.#ended,
          aborted: this.#aborted,
          onFinished: this.#onFinished,
          unpipeEvent: this.#unpipeEvent
        });
        this.#streamPromises.set(stream, streamPromise);
        stream.pipe(this, { end: false });
      }
      async remove(stream) {
        validateStream(stream);
        if (!this.#streams.has(stream)) {
          return false;
        }
        const streamPromise = this.#streamPromises.get(stream);
        if (streamPromise === void 0) {
          return false;
        }
        this.#streamPromises.delete(stream);
        stream.unpipe(this);
        await streamPromise;
        return true;
      }
    };
    onMergedStreamFinished = async (passThroughStream, streams2, unpipeEvent) => {
      updateMaxListeners(passThroughStream, PASSTHROUGH_LISTENERS_COUNT);
      const controller = new AbortController();
      try {
        await Promise.race([
          onMergedStreamEnd(passThroughStream, controller),
          onInputStreamsUnpipe(passThroughStream, streams2, unpipeEvent, controller)
        ]);
      } finally {
        controller.abort();
        updateMaxListeners(passThroughStream, -PASSTHROUGH_LISTENERS_COUNT);
      }
    };
    onMergedStreamEnd = async (passThroughStream, { signal }) => {
      try {
        await (0, import_promises6.finished)(passThroughStream, { signal, cleanup: true });
      } catch (error) {
        errorOrAbortStream(passThroughStream, error);
        throw error;
      }
    };
    onInputStreamsUnpipe = async (passThroughStream, streams2, unpipeEvent, { signal }) => {
      for await (const [unpipedStream] of (0, import_node_events10.on)(passThroughStream, "unpipe", { signal })) {
        if (streams2.has(unpipedStream)) {
          unpipedStream.emit(unpipeEvent);
        }
      }
    };
    validateStream = (stream) => {
      if (typeof stream?.pipe !== "function") {
        throw new TypeError(`Expected a readable stream, got: \`${typeof stream}\`.`);
      }
    };
    endWhenStreamsDone = async ({ passThroughStream, stream, streams: streams2, ended, aborted: aborted2, onFinished, unpipeEvent }) => {
      updateMaxListeners(passThroughStream, PASSTHROUGH_LISTENERS_PER_STREAM);
      const controller = new AbortController();
      try {
        await Promise.race([
          afterMergedStreamFinished(onFinished, stream, controller),
          onInputStreamEnd({
            passThroughStream,
            stream,
            streams: streams2,
            ended,
            aborted: aborted2,
            controller
          }),
          onInputStreamUnpipe({
            stream,
            streams: streams2,
            ended,
            aborted: aborted2,
            unpipeEvent,
            controller
          })
        ]);
      } finally {
        controller.abort();
        updateMaxListeners(passThroughStream, -PASSTHROUGH_LISTENERS_PER_STREAM);
      }
      if (streams2.size > 0 && streams2.size === ended.size + aborted2.size) {
        if (ended.size === 0 && aborted2.size > 0) {
          abortStream(passThroughStream);
        } else {
          endStream(passThroughStream);
        }
      }
    };
    afterMergedStreamFinished = async (onFinished, stream, { signal }) => {
      try {
        await onFinished;
        if (!signal.aborted) {
          abortStream(stream);
        }
      } catch (error) {
        if (!signal.aborted) {
          errorOrAbortStream(stream, error);
        }
      }
    };
    onInputStreamEnd = async ({ passThroughStream, stream, streams: streams2, ended, aborted: aborted2, controller: { signal } }) => {
      try {
        await (0, import_promises6.finished)(stream, {
          signal,
          cleanup: true,
          readable: true,
          writable: false
        });
        if (streams2.has(stream)) {
          ended.add(stream);
        }
      } catch (error) {
        if (signal.aborted || !streams2.has(stream)) {
          return;
        }
        if (isAbortError(error)) {
          aborted2.add(stream);
        } else {
          errorStream(passThroughStream, error);
        }
      }
    };
    onInputStreamUnpipe = async ({ stream, streams: streams2, ended, aborted: aborted2, unpipeEvent, controller: { signal } }) => {
      await (0, import_node_events10.once)(stream, unpipeEvent, { signal });
      if (!stream.readable) {
        return (0, import_node_events10.once)(signal, "abort", { signal });
      }
      streams2.delete(stream);
      ended.delete(stream);
      aborted2.delete(stream);
    };
    endStream = (stream) => {
      if (stream.writable) {
        stream.end();
      }
    };
    errorOrAbortStream = (stream, error) => {
      if (isAbortError(error)) {
        abortStream(stream);
      } else {
        errorStream(stream, error);
      }
    };
    isAbortError = (error) => error?.code === "ERR_STREAM_PREMATURE_CLOSE";
    abortStream = (stream) => {
      if (stream.readable || stream.writable) {
        stream.destroy();
      }
    };
    errorStream = (stream, error) => {
      if (!stream.destroyed) {
        stream.once("error", noop2);
        stream.destroy(error);
      }
    };
    noop2 = () => {
    };
    updateMaxListeners = (passThroughStream, increment2) => {
      const maxListeners = passThroughStream.getMaxListeners();
      if (maxListeners !== 0 && maxListeners !== Number.POSITIVE_INFINITY) {
        passThroughStream.setMaxListeners(maxListeners + increment2);
      }
    };
    PASSTHROUGH_LISTENERS_COUNT = 2;
    PASSTHROUGH_LISTENERS_PER_STREAM = 1;
  }
});

// node_modules/execa/lib/io/pipeline.js
var import_promises7, pipeStreams, onSourceFinish, endDestinationStream, onDestinationFinish, abortSourceStream;
var init_pipeline = __esm({
  "node_modules/execa/lib/io/pipeline.js"() {
    import_promises7 = require("node:stream/promises");
    init_standard_stream();
    pipeStreams = (source, destination) => {
      source.pipe(destination);
      onSourceFinish(source, destination);
      onDestinationFinish(source, destination);
    };
    onSourceFinish = async (source, destination) => {
      if (isStandardStream(source) || isStandardStream(destination)) {
        return;
      }
      try {
        await (0, import_promises7.finished)(source, { cleanup: true, readable: true, writable: false });
      } catch {
      }
      endDestinationStream(destination);
    };
    endDestinationStream = (destination) => {
      if (destination.writable) {
        destination.end();
      }
    };
    onDestinationFinish = async (source, destination) => {
      if (isStandardStream(source) || isStandardStream(destination)) {
        return;
      }
      try {
        await (0, import_promises7.finished)(destination, { cleanup: true, readable: false, writable: true });
      } catch {
      }
      abortSourceStream(source);
    };
    abortSourceStream = (source) => {
      if (source.readable) {
        source.destroy();
      }
    };
  }
});

// node_modules/execa/lib/io/output-async.js
var pipeOutputAsync, pipeTransform, SUBPROCESS_STREAM_PROPERTIES, pipeStdioItem, setStandardStreamMaxListeners, MAX_LISTENERS_INCREMENT;
var init_output_async = __esm({
  "node_modules/execa/lib/io/output-async.js"() {
    init_merge_streams();
    init_standard_stream();
    init_max_listeners();
    init_type();
    init_pipeline();
    pipeOutputAsync = (subprocess, fileDescriptors, controller) => {
      const pipeGroups = /* @__PURE__ */ new Map();
      for (const [fdNumber, { stdioItems, direction }] of Object.entries(fileDescriptors)) {
        for (const { stream } of stdioItems.filter(({ type }) => TRANSFORM_TYPES.has(type))) {
          pipeTransform(subprocess, stream, direction, fdNumber);
        }
        for (const { stream } of stdioItems.filter(({ type }) => !TRANSFORM_TYPES.has(type))) {
          pipeStdioItem({
            subprocess,
            stream,
            direction,
            fdNumber,
            pipeGroups,
            controller
          });
        }
      }
      for (const [outputStream, inputStreams] of pipeGroups.entries()) {
        const inputStream = inputStreams.length === 1 ? inputStreams[0] : mergeStreams(inputStreams);
        pipeStreams(inputStream, outputStream);
      }
    };
    pipeTransform = (subprocess, stream, direction, fdNumber) => {
      if (direction === "output") {
        pipeStreams(subprocess.stdio[fdNumber], stream);
      } else {
        pipeStreams(stream, subprocess.stdio[fdNumber]);
      }
      const streamProperty = SUBPROCESS_STREAM_PROPERTIES[fdNumber];
      if (streamProperty !== void 0) {
        subprocess[streamProperty] = stream;
      }
      subprocess.stdio[fdNumber] = stream;
    };
    SUBPROCESS_STREAM_PROPERTIES = ["stdin", "stdout", "stderr"];
    pipeStdioItem = ({ subprocess, stream, direction, fdNumber, pipeGroups, controller }) => {
      if (stream === void 0) {
        return;
      }
      setStandardStreamMaxListeners(stream, controller);
      const [inputStream, outputStream] = direction === "output" ? [stream, subprocess.stdio[fdNumber]] : [subprocess.stdio[fdNumber], stream];
      const outputStreams = pipeGroups.get(inputStream) ?? [];
      pipeGroups.set(inputStream, [...outputStreams, outputStream]);
    };
    setStandardStreamMaxListeners = (stream, { signal }) => {
      if (isStandardStream(stream)) {
        incrementMaxListeners(stream, MAX_LISTENERS_INCREMENT, signal);
      }
    };
    MAX_LISTENERS_INCREMENT = 2;
  }
});

// node_modules/signal-exit/dist/mjs/signals.js
var signals;
var init_signals2 = __esm({
  "node_modules/signal-exit/dist/mjs/signals.js"() {
    signals = [];
    signals.push("SIGHUP", "SIGINT", "SIGTERM");
    if (process.platform !== "win32") {
      signals.push(
        "SIGALRM",
        "SIGABRT",
        "SIGVTALRM",
        "SIGXCPU",
        "SIGXFSZ",
        "SIGUSR2",
        "SIGTRAP",
        "SIGSYS",
        "SIGQUIT",
        "SIGIOT"
        // should detect profiler and enable/disable accordingly.
        // see #21
        // 'SIGPROF'
      );
    }
    if (process.platform === "linux") {
      signals.push("SIGIO", "SIGPOLL", "SIGPWR", "SIGSTKFLT");
    }
  }
});

// node_modules/signal-exit/dist/mjs/index.js
var processOk, kExitEmitter, global2, ObjectDefineProperty, Emitter, SignalExitBase, signalExitWrap, SignalExitFallback, SignalExit, process9, onExit, load, unload;
var init_mjs = __esm({
  "node_modules/signal-exit/dist/mjs/index.js"() {
    init_signals2();
    processOk = (process10) => !!process10 && typeof process10 === "object" && typeof process10.removeListener === "function" && typeof process10.emit === "function" && typeof process10.reallyExit === "function" && typeof process10.listeners === "function" && typeof process10.kill === "function" && typeof process10.pid === "number" && typeof process10.on === "function";
    kExitEmitter = /* @__PURE__ */ Symbol.for("signal-exit emitter");
    global2 = globalThis;
    ObjectDefineProperty = Object.defineProperty.bind(Object);
    Emitter = class {
      emitted = {
        afterExit: false,
        exit: false
      };
      listeners = {
        afterExit: [],
        exit: []
      };
      count = 0;
      id = Math.random();
      constructor() {
        if (global2[kExitEmitter]) {
          return global2[kExitEmitter];
        }
        ObjectDefineProperty(global2, kExitEmitter, {
          value: this,
          writable: false,
          enumerable: false,
          configurable: false
        });
      }
      on(ev, fn) {
        this.listeners[ev].push(fn);
      }
      removeListener(ev, fn) {
        const list2 = this.listeners[ev];
        const i2 = list2.indexOf(fn);
        if (i2 === -1) {
          return;
        }
        if (i2 === 0 && list2.length === 1) {
          list2.length = 0;
        } else {
          list2.splice(i2, 1);
        }
      }
      emit(ev, code, signal) {
        if (this.emitted[ev]) {
          return false;
        }
        this.emitted[ev] = true;
        let ret = false;
        for (const fn of this.listeners[ev]) {
          ret = fn(code, signal) === true || ret;
        }
        if (ev === "exit") {
          ret = this.emit("afterExit", code, signal) || ret;
        }
        return ret;
      }
    };
    SignalExitBase = class {
    };
    signalExitWrap = (handler) => {
      return {
        onExit(cb, opts) {
          return handler.onExit(cb, opts);
        },
        load() {
          return handler.load();
        },
        unload() {
          return handler.unload();
        }
      };
    };
    SignalExitFallback = class extends SignalExitBase {
      onExit() {
        return () => {
        };
      }
      load() {
      }
      unload() {
      }
    };
    SignalExit = class extends SignalExitBase {
      // "SIGHUP" throws an `ENOSYS` error on Windows,
      // so use a supported signal instead
      /* c8 ignore start */
      #hupSig = process9.platform === "win32" ? "SIGINT" : "SIGHUP";
      /* c8 ignore stop */
      #emitter = new Emitter();
      #process;
      #originalProcessEmit;
      #originalProcessReallyExit;
      #sigListeners = {};
      #loaded = false;
      constructor(process10) {
        super();
        this.#process = process10;
        this.#sigListeners = {};
        for (const sig of signals) {
          this.#sigListeners[sig] = () => {
            const listeners = this.#process.listeners(sig);
            let { count: count2 } = this.#emitter;
            const p = process10;
            if (typeof p.__signal_exit_emitter__ === "object" && typeof p.__signal_exit_emitter__.count === "number") {
              count2 += p.__signal_exit_emitter__.count;
            }
            if (listeners.length === count2) {
              this.unload();
              const ret = this.#emitter.emit("exit", null, sig);
              const s = sig === "SIGHUP" ? this.#hupSig : sig;
              if (!ret)
                process10.kill(process10.pid, s);
            }
          };
        }
        this.#originalProcessReallyExit = process10.reallyExit;
        this.#originalProcessEmit = process10.emit;
      }
      onExit(cb, opts) {
        if (!processOk(this.#process)) {
          return () => {
          };
        }
        if (this.#loaded === false) {
          this.load();
        }
        const ev = opts?.alwaysLast ? "afterExit" : "exit";
        this.#emitter.on(ev, cb);
        return () => {
          this.#emitter.removeListener(ev, cb);
          if (this.#emitter.listeners["exit"].length === 0 && this.#emitter.listeners["afterExit"].length === 0) {
            this.unload();
          }
        };
      }
      load() {
        if (this.#loaded) {
          return;
        }
        this.#loaded = true;
        this.#emitter.count += 1;
        for (const sig of signals) {
          try {
            const fn = this.#sigListeners[sig];
            if (fn)
              this.#process.on(sig, fn);
          } catch (_) {
          }
        }
        this.#process.emit = (ev, ...a2) => {
          return this.#processEmit(ev, ...a2);
        };
        this.#process.reallyExit = (code) => {
          return this.#processReallyExit(code);
        };
      }
      unload() {
        if (!this.#loaded) {
          return;
        }
        this.#loaded = false;
        signals.forEach((sig) => {
          const listener = this.#sigListeners[sig];
          if (!listener) {
            throw new Error("Listener not defined for signal: " + sig);
          }
          try {
            this.#process.removeListener(sig, listener);
          } catch (_) {
          }
        });
        this.#process.emit = this.#originalProcessEmit;
        this.#process.reallyExit = this.#originalProcessReallyExit;
        this.#emitter.count -= 1;
      }
      #processReallyExit(code) {
        if (!processOk(this.#process)) {
          return 0;
        }
        this.#process.exitCode = code || 0;
        this.#emitter.emit("exit", this.#process.exitCode, null);
        return this.#originalProcessReallyExit.call(this.#process, this.#process.exitCode);
      }
      #processEmit(ev, ...args) {
        const og = this.#originalProcessEmit;
        if (ev === "exit" && processOk(this.#process)) {
          if (typeof args[0] === "number") {
            this.#process.exitCode = args[0];
          }
          const ret = og.call(this.#process, ev, ...args);
          this.#emitter.emit("exit", this.#process.exitCode, null);
          return ret;
        } else {
          return og.call(this.#process, ev, ...args);
        }
      }
    };
    process9 = globalThis.process;
    ({
      onExit: (
        /**
         * Called when the process is exiting, whether via signal, explicit
         * exit, or running out of stuff to do.
         *
         * If the global process object is not suitable for instrumentation,
         * then this will be a no-op.
         *
         * Returns a function that may be used to unload signal-exit.
         */
        onExit
      ),
      load: (
        /**
         * Load the listeners.  Likely you never need to call this, unless
         * doing a rather deep integration with signal-exit functionality.
         * Mostly exposed for the benefit of testing.
         *
         * @internal
         */
        load
      ),
      unload: (
        /**
         * Unload the listeners.  Likely you never need to call this, unless
         * doing a rather deep integration with signal-exit functionality.
         * Mostly exposed for the benefit of testing.
         *
         * @internal
         */
        unload
      )
    } = signalExitWrap(processOk(process9) ? new SignalExit(process9) : new SignalExitFallback()));
  }
});

// node_modules/execa/lib/terminate/cleanup.js
var import_node_events11, cleanupOnExit;
var init_cleanup = __esm({
  "node_modules/execa/lib/terminate/cleanup.js"() {
    import_node_events11 = require("node:events");
    init_mjs();
    cleanupOnExit = (subprocess, { cleanup, detached }, { signal }) => {
      if (!cleanup || detached) {
        return;
      }
      const removeExitHandler = onExit(() => {
        subprocess.kill();
      });
      (0, import_node_events11.addAbortListener)(signal, () => {
        removeExitHandler();
      });
    };
  }
});

// node_modules/execa/lib/pipe/pipe-arguments.js
var normalizePipeArguments, getDestinationStream, getDestination, mapDestinationArguments, getSourceStream;
var init_pipe_arguments = __esm({
  "node_modules/execa/lib/pipe/pipe-arguments.js"() {
    init_parameters();
    init_duration();
    init_fd_options();
    init_file_url();
    normalizePipeArguments = ({ source, sourcePromise, boundOptions, createNested }, ...pipeArguments) => {
      const startTime = getStartTime();
      const {
        destination,
        destinationStream,
        destinationError,
        from,
        unpipeSignal
      } = getDestinationStream(boundOptions, createNested, pipeArguments);
      const { sourceStream, sourceError } = getSourceStream(source, from);
      const { options: sourceOptions, fileDescriptors } = SUBPROCESS_OPTIONS.get(source);
      return {
        sourcePromise,
        sourceStream,
        sourceOptions,
        sourceError,
        destination,
        destinationStream,
        destinationError,
        unpipeSignal,
        fileDescriptors,
        startTime
      };
    };
    getDestinationStream = (boundOptions, createNested, pipeArguments) => {
      try {
        const {
          destination,
          pipeOptions: { from, to, unpipeSignal } = {}
        } = getDestination(boundOptions, createNested, ...pipeArguments);
        const destinationStream = getToStream(destination, to);
        return {
          destination,
          destinationStream,
          from,
          unpipeSignal
        };
      } catch (error) {
        return { destinationError: error };
      }
    };
    getDestination = (boundOptions, createNested, firstArgument, ...pipeArguments) => {
      if (Array.isArray(firstArgument)) {
        const destination = createNested(mapDestinationArguments, boundOptions)(firstArgument, ...pipeArguments);
        return { destination, pipeOptions: boundOptions };
      }
      if (typeof firstArgument === "string" || firstArgument instanceof URL || isDenoExecPath(firstArgument)) {
        if (Object.keys(boundOptions).length > 0) {
          throw new TypeError('Please use .pipe("file", ..., options) or .pipe(execa("file", ..., options)) instead of .pipe(options)("file", ...).');
        }
        const [rawFile, rawArguments, rawOptions] = normalizeParameters(firstArgument, ...pipeArguments);
        const destination = createNested(mapDestinationArguments)(rawFile, rawArguments, rawOptions);
        return { destination, pipeOptions: rawOptions };
      }
      if (SUBPROCESS_OPTIONS.has(firstArgument)) {
        if (Object.keys(boundOptions).length > 0) {
          throw new TypeError("Please use .pipe(options)`command` or .pipe($(options)`command`) instead of .pipe(options)($`command`).");
        }
        return { destination: firstArgument, pipeOptions: pipeArguments[0] };
      }
      throw new TypeError(`The first argument must be a template string, an options object, or an Execa subprocess: ${firstArgument}`);
    };
    mapDestinationArguments = ({ options }) => ({ options: { ...options, stdin: "pipe", piped: true } });
    getSourceStream = (source, from) => {
      try {
        const sourceStream = getFromStream(source, from);
        return { sourceStream };
      } catch (error) {
        return { sourceError: error };
      }
    };
  }
});

// node_modules/execa/lib/pipe/throw.js
var handlePipeArgumentsError, getPipeArgumentsError, createNonCommandError, PIPE_COMMAND_MESSAGE;
var init_throw = __esm({
  "node_modules/execa/lib/pipe/throw.js"() {
    init_result();
    init_pipeline();
    handlePipeArgumentsError = ({
      sourceStream,
      sourceError,
      destinationStream,
      destinationError,
      fileDescriptors,
      sourceOptions,
      startTime
    }) => {
      const error = getPipeArgumentsError({
        sourceStream,
        sourceError,
        destinationStream,
        destinationError
      });
      if (error !== void 0) {
        throw createNonCommandError({
          error,
          fileDescriptors,
          sourceOptions,
          startTime
        });
      }
    };
    getPipeArgumentsError = ({ sourceStream, sourceError, destinationStream, destinationError }) => {
      if (sourceError !== void 0 && destinationError !== void 0) {
        return destinationError;
      }
      if (destinationError !== void 0) {
        abortSourceStream(sourceStream);
        return destinationError;
      }
      if (sourceError !== void 0) {
        endDestinationStream(destinationStream);
        return sourceError;
      }
    };
    createNonCommandError = ({ error, fileDescriptors, sourceOptions, startTime }) => makeEarlyError({
      error,
      command: PIPE_COMMAND_MESSAGE,
      escapedCommand: PIPE_COMMAND_MESSAGE,
      fileDescriptors,
      options: sourceOptions,
      startTime,
      isSync: false
    });
    PIPE_COMMAND_MESSAGE = "source.pipe(destination)";
  }
});

// node_modules/execa/lib/pipe/sequence.js
var waitForBothSubprocesses;
var init_sequence = __esm({
  "node_modules/execa/lib/pipe/sequence.js"() {
    waitForBothSubprocesses = async (subprocessPromises) => {
      const [
        { status: sourceStatus, reason: sourceReason, value: sourceResult = sourceReason },
        { status: destinationStatus, reason: destinationReason, value: destinationResult = destinationReason }
      ] = await subprocessPromises;
      if (!destinationResult.pipedFrom.includes(sourceResult)) {
        destinationResult.pipedFrom.push(sourceResult);
      }
      if (destinationStatus === "rejected") {
        throw destinationResult;
      }
      if (sourceStatus === "rejected") {
        throw sourceResult;
      }
      return destinationResult;
    };
  }
});

// node_modules/execa/lib/pipe/streaming.js
var import_promises8, pipeSubprocessStream, pipeFirstSubprocessStream, pipeMoreSubprocessStream, cleanupMergedStreamsMap, MERGED_STREAMS, SOURCE_LISTENERS_PER_PIPE, DESTINATION_LISTENERS_PER_PIPE;
var init_streaming = __esm({
  "node_modules/execa/lib/pipe/streaming.js"() {
    import_promises8 = require("node:stream/promises");
    init_merge_streams();
    init_max_listeners();
    init_pipeline();
    pipeSubprocessStream = (sourceStream, destinationStream, maxListenersController) => {
      const mergedStream = MERGED_STREAMS.has(destinationStream) ? pipeMoreSubprocessStream(sourceStream, destinationStream) : pipeFirstSubprocessStream(sourceStream, destinationStream);
      incrementMaxListeners(sourceStream, SOURCE_LISTENERS_PER_PIPE, maxListenersController.signal);
      incrementMaxListeners(destinationStream, DESTINATION_LISTENERS_PER_PIPE, maxListenersController.signal);
      cleanupMergedStreamsMap(destinationStream);
      return mergedStream;
    };
    pipeFirstSubprocessStream = (sourceStream, destinationStream) => {
      const mergedStream = mergeStreams([sourceStream]);
      pipeStreams(mergedStream, destinationStream);
      MERGED_STREAMS.set(destinationStream, mergedStream);
      return mergedStream;
    };
    pipeMoreSubprocessStream = (sourceStream, destinationStream) => {
      const mergedStream = MERGED_STREAMS.get(destinationStream);
      mergedStream.add(sourceStream);
      return mergedStream;
    };
    cleanupMergedStreamsMap = async (destinationStream) => {
      try {
        await (0, import_promises8.finished)(destinationStream, { cleanup: true, readable: false, writable: true });
      } catch {
      }
      MERGED_STREAMS.delete(destinationStream);
    };
    MERGED_STREAMS = /* @__PURE__ */ new WeakMap();
    SOURCE_LISTENERS_PER_PIPE = 2;
    DESTINATION_LISTENERS_PER_PIPE = 1;
  }
});

// node_modules/execa/lib/pipe/abort.js
var import_node_util8, unpipeOnAbort, unpipeOnSignalAbort;
var init_abort = __esm({
  "node_modules/execa/lib/pipe/abort.js"() {
    import_node_util8 = require("node:util");
    init_throw();
    unpipeOnAbort = (unpipeSignal, unpipeContext) => unpipeSignal === void 0 ? [] : [unpipeOnSignalAbort(unpipeSignal, unpipeContext)];
    unpipeOnSignalAbort = async (unpipeSignal, { sourceStream, mergedStream, fileDescriptors, sourceOptions, startTime }) => {
      await (0, import_node_util8.aborted)(unpipeSignal, sourceStream);
      await mergedStream.remove(sourceStream);
      const error = new Error("Pipe canceled by `unpipeSignal` option.");
      throw createNonCommandError({
        error,
        fileDescriptors,
        sourceOptions,
        startTime
      });
    };
  }
});

// node_modules/execa/lib/pipe/setup.js
var pipeToSubprocess, handlePipePromise, getSubprocessPromises;
var init_setup = __esm({
  "node_modules/execa/lib/pipe/setup.js"() {
    init_is_plain_obj();
    init_pipe_arguments();
    init_throw();
    init_sequence();
    init_streaming();
    init_abort();
    pipeToSubprocess = (sourceInfo, ...pipeArguments) => {
      if (isPlainObject(pipeArguments[0])) {
        return pipeToSubprocess.bind(void 0, {
          ...sourceInfo,
          boundOptions: { ...sourceInfo.boundOptions, ...pipeArguments[0] }
        });
      }
      const { destination, ...normalizedInfo } = normalizePipeArguments(sourceInfo, ...pipeArguments);
      const promise = handlePipePromise({ ...normalizedInfo, destination });
      promise.pipe = pipeToSubprocess.bind(void 0, {
        ...sourceInfo,
        source: destination,
        sourcePromise: promise,
        boundOptions: {}
      });
      return promise;
    };
    handlePipePromise = async ({
      sourcePromise,
      sourceStream,
      sourceOptions,
      sourceError,
      destination,
      destinationStream,
      destinationError,
      unpipeSignal,
      fileDescriptors,
      startTime
    }) => {
      const subprocessPromises = getSubprocessPromises(sourcePromise, destination);
      handlePipeArgumentsError({
        sourceStream,
        sourceError,
        destinationStream,
        destinationError,
        fileDescriptors,
        sourceOptions,
        startTime
      });
      const maxListenersController = new AbortController();
      try {
        const mergedStream = pipeSubprocessStream(sourceStream, destinationStream, maxListenersController);
        return await Promise.race([
          waitForBothSubprocesses(subprocessPromises),
          ...unpipeOnAbort(unpipeSignal, {
            sourceStream,
            mergedStream,
            sourceOptions,
            fileDescriptors,
            startTime
          })
        ]);
      } finally {
        maxListenersController.abort();
      }
    };
    getSubprocessPromises = (sourcePromise, destination) => Promise.allSettled([sourcePromise, destination]);
  }
});

// node_modules/execa/lib/io/iterate.js
var import_node_events12, import_node_stream5, iterateOnSubprocessStream, stopReadingOnExit, iterateForResult, stopReadingOnStreamEnd, iterateOnStream, DEFAULT_OBJECT_HIGH_WATER_MARK, HIGH_WATER_MARK, iterateOnData, getGenerators;
var init_iterate = __esm({
  "node_modules/execa/lib/io/iterate.js"() {
    import_node_events12 = require("node:events");
    import_node_stream5 = require("node:stream");
    init_encoding_transform();
    init_split();
    init_run_sync();
    iterateOnSubprocessStream = ({ subprocessStdout, subprocess, binary, shouldEncode, encoding, preserveNewlines }) => {
      const controller = new AbortController();
      stopReadingOnExit(subprocess, controller);
      return iterateOnStream({
        stream: subprocessStdout,
        controller,
        binary,
        shouldEncode: !subprocessStdout.readableObjectMode && shouldEncode,
        encoding,
        shouldSplit: !subprocessStdout.readableObjectMode,
        preserveNewlines
      });
    };
    stopReadingOnExit = async (subprocess, controller) => {
      try {
        await subprocess;
      } catch {
      } finally {
        controller.abort();
      }
    };
    iterateForResult = ({ stream, onStreamEnd, lines, encoding, stripFinalNewline: stripFinalNewline2, allMixed }) => {
      const controller = new AbortController();
      stopReadingOnStreamEnd(onStreamEnd, controller, stream);
      const objectMode = stream.readableObjectMode && !allMixed;
      return iterateOnStream({
        stream,
        controller,
        binary: encoding === "buffer",
        shouldEncode: !objectMode,
        encoding,
        shouldSplit: !objectMode && lines,
        preserveNewlines: !stripFinalNewline2
      });
    };
    stopReadingOnStreamEnd = async (onStreamEnd, controller, stream) => {
      try {
        await onStreamEnd;
      } catch {
        stream.destroy();
      } finally {
        controller.abort();
      }
    };
    iterateOnStream = ({ stream, controller, binary, shouldEncode, encoding, shouldSplit, preserveNewlines }) => {
      const onStdoutChunk = (0, import_node_events12.on)(stream, "data", {
        signal: controller.signal,
        highWaterMark: HIGH_WATER_MARK,
        // Backward compatibility with older name for this option
        // See https://github.com/nodejs/node/pull/52080#discussion_r1525227861
        // @todo Remove after removing support for Node 21
        highWatermark: HIGH_WATER_MARK
      });
      return iterateOnData({
        onStdoutChunk,
        controller,
        binary,
        shouldEncode,
        encoding,
        shouldSplit,
        preserveNewlines
      });
    };
    DEFAULT_OBJECT_HIGH_WATER_MARK = (0, import_node_stream5.getDefaultHighWaterMark)(true);
    HIGH_WATER_MARK = DEFAULT_OBJECT_HIGH_WATER_MARK;
    iterateOnData = async function* ({ onStdoutChunk, controller, binary, shouldEncode, encoding, shouldSplit, preserveNewlines }) {
      const generators = getGenerators({
        binary,
        shouldEncode,
        encoding,
        shouldSplit,
        preserveNewlines
      });
      try {
        for await (const [chunk] of onStdoutChunk) {
          yield* transformChunkSync(chunk, generators, 0);
        }
      } catch (error) {
        if (!controller.signal.aborted) {
          throw error;
        }
      } finally {
        yield* finalChunksSync(generators);
      }
    };
    getGenerators = ({ binary, shouldEncode, encoding, shouldSplit, preserveNewlines }) => [
      getEncodingTransformGenerator(binary, encoding, !shouldEncode),
      getSplitLinesGenerator(binary, preserveNewlines, !shouldSplit, {})
    ].filter(Boolean);
  }
});

// node_modules/execa/lib/io/contents.js
var import_promises9, getStreamOutput, logOutputAsync, resumeStream, getStreamContents2, getBufferedData, handleBufferedData;
var init_contents2 = __esm({
  "node_modules/execa/lib/io/contents.js"() {
    import_promises9 = require("node:timers/promises");
    init_source();
    init_uint_array();
    init_output();
    init_iterate();
    init_max_buffer();
    init_strip_newline();
    getStreamOutput = async ({ stream, onStreamEnd, fdNumber, encoding, buffer, maxBuffer, lines, allMixed, stripFinalNewline: stripFinalNewline2, verboseInfo, streamInfo }) => {
      const logPromise = logOutputAsync({
        stream,
        onStreamEnd,
        fdNumber,
        encoding,
        allMixed,
        verboseInfo,
        streamInfo
      });
      if (!buffer) {
        await Promise.all([resumeStream(stream), logPromise]);
        return;
      }
      const stripFinalNewlineValue = getStripFinalNewline(stripFinalNewline2, fdNumber);
      const iterable = iterateForResult({
        stream,
        onStreamEnd,
        lines,
        encoding,
        stripFinalNewline: stripFinalNewlineValue,
        allMixed
      });
      const [output] = await Promise.all([
        getStreamContents2({
          stream,
          iterable,
          fdNumber,
          encoding,
          maxBuffer,
          lines
        }),
        logPromise
      ]);
      return output;
    };
    logOutputAsync = async ({ stream, onStreamEnd, fdNumber, encoding, allMixed, verboseInfo, streamInfo: { fileDescriptors } }) => {
      if (!shouldLogOutput({
        stdioItems: fileDescriptors[fdNumber]?.stdioItems,
        encoding,
        verboseInfo,
        fdNumber
      })) {
        return;
      }
      const linesIterable = iterateForResult({
        stream,
        onStreamEnd,
        lines: true,
        encoding,
        stripFinalNewline: true,
        allMixed
      });
      await logLines(linesIterable, stream, fdNumber, verboseInfo);
    };
    resumeStream = async (stream) => {
      await (0, import_promises9.setImmediate)();
      if (stream.readableFlowing === null) {
        stream.resume();
      }
    };
    getStreamContents2 = async ({ stream, stream: { readableObjectMode }, iterable, fdNumber, encoding, maxBuffer, lines }) => {
      try {
        if (readableObjectMode || lines) {
          return await getStreamAsArray(iterable, { maxBuffer });
        }
        if (encoding === "buffer") {
          return new Uint8Array(await getStreamAsArrayBuffer(iterable, { maxBuffer }));
        }
        return await getStreamAsString(iterable, { maxBuffer });
      } catch (error) {
        return handleBufferedData(handleMaxBuffer({
          error,
          stream,
          readableObjectMode,
          lines,
          encoding,
          fdNumber
        }));
      }
    };
    getBufferedData = async (streamPromise) => {
      try {
        return await streamPromise;
      } catch (error) {
        return handleBufferedData(error);
      }
    };
    handleBufferedData = ({ bufferedData }) => isArrayBuffer(bufferedData) ? new Uint8Array(bufferedData) : bufferedData;
  }
});

// node_modules/execa/lib/resolve/wait-stream.js
var import_promises10, waitForStream, handleStdinDestroy, spyOnStdinDestroy, setStdinCleanedUp, handleStreamError, shouldIgnoreStreamError, isInputFileDescriptor, isStreamAbort, isStreamEpipe;
var init_wait_stream = __esm({
  "node_modules/execa/lib/resolve/wait-stream.js"() {
    import_promises10 = require("node:stream/promises");
    waitForStream = async (stream, fdNumber, streamInfo, { isSameDirection, stopOnExit = false } = {}) => {
      const state = handleStdinDestroy(stream, streamInfo);
      const abortController = new AbortController();
      try {
        await Promise.race([
          ...stopOnExit ? [streamInfo.exitPromise] : [],
          (0, import_promises10.finished)(stream, { cleanup: true, signal: abortController.signal })
        ]);
      } catch (error) {
        if (!state.stdinCleanedUp) {
          handleStreamError(error, fdNumber, streamInfo, isSameDirection);
        }
      } finally {
        abortController.abort();
      }
    };
    handleStdinDestroy = (stream, { originalStreams: [originalStdin], subprocess }) => {
      const state = { stdinCleanedUp: false };
      if (stream === originalStdin) {
        spyOnStdinDestroy(stream, subprocess, state);
      }
      return state;
    };
    spyOnStdinDestroy = (subprocessStdin, subprocess, state) => {
      const { _destroy } = subprocessStdin;
      subprocessStdin._destroy = (...destroyArguments) => {
        setStdinCleanedUp(subprocess, state);
        _destroy.call(subprocessStdin, ...destroyArguments);
      };
    };
    setStdinCleanedUp = ({ exitCode, signalCode }, state) => {
      if (exitCode !== null || signalCode !== null) {
        state.stdinCleanedUp = true;
      }
    };
    handleStreamError = (error, fdNumber, streamInfo, isSameDirection) => {
      if (!shouldIgnoreStreamError(error, fdNumber, streamInfo, isSameDirection)) {
        throw error;
      }
    };
    shouldIgnoreStreamError = (error, fdNumber, streamInfo, isSameDirection = true) => {
      if (streamInfo.propagating) {
        return isStreamEpipe(error) || isStreamAbort(error);
      }
      streamInfo.propagating = true;
      return isInputFileDescriptor(streamInfo, fdNumber) === isSameDirection ? isStreamEpipe(error) : isStreamAbort(error);
    };
    isInputFileDescriptor = ({ fileDescriptors }, fdNumber) => fdNumber !== "all" && fileDescriptors[fdNumber].direction === "input";
    isStreamAbort = (error) => error?.code === "ERR_STREAM_PREMATURE_CLOSE";
    isStreamEpipe = (error) => error?.code === "EPIPE";
  }
});

// node_modules/execa/lib/resolve/stdio.js
var waitForStdioStreams, waitForSubprocessStream;
var init_stdio = __esm({
  "node_modules/execa/lib/resolve/stdio.js"() {
    init_contents2();
    init_wait_stream();
    waitForStdioStreams = ({ subprocess, encoding, buffer, maxBuffer, lines, stripFinalNewline: stripFinalNewline2, verboseInfo, streamInfo }) => subprocess.stdio.map((stream, fdNumber) => waitForSubprocessStream({
      stream,
      fdNumber,
      encoding,
      buffer: buffer[fdNumber],
      maxBuffer: maxBuffer[fdNumber],
      lines: lines[fdNumber],
      allMixed: false,
      stripFinalNewline: stripFinalNewline2,
      verboseInfo,
      streamInfo
    }));
    waitForSubprocessStream = async ({ stream, fdNumber, encoding, buffer, maxBuffer, lines, allMixed, stripFinalNewline: stripFinalNewline2, verboseInfo, streamInfo }) => {
      if (!stream) {
        return;
      }
      const onStreamEnd = waitForStream(stream, fdNumber, streamInfo);
      if (isInputFileDescriptor(streamInfo, fdNumber)) {
        await onStreamEnd;
        return;
      }
      const [output] = await Promise.all([
        getStreamOutput({
          stream,
          onStreamEnd,
          fdNumber,
          encoding,
          buffer,
          maxBuffer,
          lines,
          allMixed,
          stripFinalNewline: stripFinalNewline2,
          verboseInfo,
          streamInfo
        }),
        onStreamEnd
      ]);
      return output;
    };
  }
});

// node_modules/execa/lib/resolve/all-async.js
var makeAllStream, waitForAllStream, getAllStream, getAllMixed;
var init_all_async = __esm({
  "node_modules/execa/lib/resolve/all-async.js"() {
    init_merge_streams();
    init_stdio();
    makeAllStream = ({ stdout, stderr }, { all }) => all && (stdout || stderr) ? mergeStreams([stdout, stderr].filter(Boolean)) : void 0;
    waitForAllStream = ({ subprocess, encoding, buffer, maxBuffer, lines, stripFinalNewline: stripFinalNewline2, verboseInfo, streamInfo }) => waitForSubprocessStream({
      ...getAllStream(subprocess, buffer),
      fdNumber: "all",
      encoding,
      maxBuffer: maxBuffer[1] + maxBuffer[2],
      lines: lines[1] || lines[2],
      allMixed: getAllMixed(subprocess),
      stripFinalNewline: stripFinalNewline2,
      verboseInfo,
      streamInfo
    });
    getAllStream = ({ stdout, stderr, all }, [, bufferStdout, bufferStderr]) => {
      const buffer = bufferStdout || bufferStderr;
      if (!buffer) {
        return { stream: all, buffer };
      }
      if (!bufferStdout) {
        return { stream: stderr, buffer };
      }
      if (!bufferStderr) {
        return { stream: stdout, buffer };
      }
      return { stream: all, buffer };
    };
    getAllMixed = ({ all, stdout, stderr }) => all && stdout && stderr && stdout.readableObjectMode !== stderr.readableObjectMode;
  }
});

// node_modules/execa/lib/verbose/ipc.js
var shouldLogIpc, logIpcOutput;
var init_ipc = __esm({
  "node_modules/execa/lib/verbose/ipc.js"() {
    init_log();
    init_values();
    shouldLogIpc = (verboseInfo) => isFullVerbose(verboseInfo, "ipc");
    logIpcOutput = (message, verboseInfo) => {
      const verboseMessage = serializeVerboseMessage(message);
      verboseLog({
        type: "ipc",
        verboseMessage,
        fdNumber: "ipc",
        verboseInfo
      });
    };
  }
});

// node_modules/execa/lib/ipc/buffer-messages.js
var waitForIpcOutput, getBufferedIpcOutput;
var init_buffer_messages = __esm({
  "node_modules/execa/lib/ipc/buffer-messages.js"() {
    init_max_buffer();
    init_ipc();
    init_specific();
    init_get_each();
    waitForIpcOutput = async ({
      subprocess,
      buffer: bufferArray,
      maxBuffer: maxBufferArray,
      ipc,
      ipcOutput,
      verboseInfo
    }) => {
      if (!ipc) {
        return ipcOutput;
      }
      const isVerbose2 = shouldLogIpc(verboseInfo);
      const buffer = getFdSpecificValue(bufferArray, "ipc");
      const maxBuffer = getFdSpecificValue(maxBufferArray, "ipc");
      for await (const message of loopOnMessages({
        anyProcess: subprocess,
        channel: subprocess.channel,
        isSubprocess: false,
        ipc,
        shouldAwait: false,
        reference: true
      })) {
        if (buffer) {
          checkIpcMaxBuffer(subprocess, ipcOutput, maxBuffer);
          ipcOutput.push(message);
        }
        if (isVerbose2) {
          logIpcOutput(message, verboseInfo);
        }
      }
      return ipcOutput;
    };
    getBufferedIpcOutput = async (ipcOutputPromise, ipcOutput) => {
      await Promise.allSettled([ipcOutputPromise]);
      return ipcOutput;
    };
  }
});

// node_modules/execa/lib/resolve/wait-subprocess.js
var import_node_events13, waitForSubprocessResult, waitForOriginalStreams, waitForCustomStreamsEnd, throwOnSubprocessError;
var init_wait_subprocess = __esm({
  "node_modules/execa/lib/resolve/wait-subprocess.js"() {
    import_node_events13 = require("node:events");
    init_is_stream();
    init_timeout();
    init_cancel();
    init_graceful2();
    init_standard_stream();
    init_type();
    init_contents2();
    init_buffer_messages();
    init_ipc_input();
    init_all_async();
    init_stdio();
    init_exit_async();
    init_wait_stream();
    waitForSubprocessResult = async ({
      subprocess,
      options: {
        encoding,
        buffer,
        maxBuffer,
        lines,
        timeoutDuration: timeout,
        cancelSignal,
        gracefulCancel,
        forceKillAfterDelay,
        stripFinalNewline: stripFinalNewline2,
        ipc,
        ipcInput
      },
      context: context2,
      verboseInfo,
      fileDescriptors,
      originalStreams,
      onInternalError,
      controller
    }) => {
      const exitPromise = waitForExit(subprocess, context2);
      const streamInfo = {
        originalStreams,
        fileDescriptors,
        subprocess,
        exitPromise,
        propagating: false
      };
      const stdioPromises = waitForStdioStreams({
        subprocess,
        encoding,
        buffer,
        maxBuffer,
        lines,
        stripFinalNewline: stripFinalNewline2,
        verboseInfo,
        streamInfo
      });
      const allPromise = waitForAllStream({
        subprocess,
        encoding,
        buffer,
        maxBuffer,
        lines,
        stripFinalNewline: stripFinalNewline2,
        verboseInfo,
        streamInfo
      });
      const ipcOutput = [];
      const ipcOutputPromise = waitForIpcOutput({
        subprocess,
        buffer,
        maxBuffer,
        ipc,
        ipcOutput,
        verboseInfo
      });
      const originalPromises = waitForOriginalStreams(originalStreams, subprocess, streamInfo);
      const customStreamsEndPromises = waitForCustomStreamsEnd(fileDescriptors, streamInfo);
      try {
        return await Promise.race([
          Promise.all([
            {},
            waitForSuccessfulExit(exitPromise),
            Promise.all(stdioPromises),
            allPromise,
            ipcOutputPromise,
            sendIpcInput(subprocess, ipcInput),
            ...originalPromises,
            ...customStreamsEndPromises
          ]),
          onInternalError,
          throwOnSubprocessError(subprocess, controller),
          ...throwOnTimeout(subprocess, timeout, context2, controller),
          ...throwOnCancel({
            subprocess,
            cancelSignal,
            gracefulCancel,
            context: context2,
            controller
          }),
          ...throwOnGracefulCancel({
            subprocess,
            cancelSignal,
            gracefulCancel,
            forceKillAfterDelay,
            context: context2,
            controller
          })
        ]);
      } catch (error) {
        context2.terminationReason ??= "other";
        return Promise.all([
          { error },
          exitPromise,
          Promise.all(stdioPromises.map((stdioPromise) => getBufferedData(stdioPromise))),
          getBufferedData(allPromise),
          getBufferedIpcOutput(ipcOutputPromise, ipcOutput),
          Promise.allSettled(originalPromises),
          Promise.allSettled(customStreamsEndPromises)
        ]);
      }
    };
    waitForOriginalStreams = (originalStreams, subprocess, streamInfo) => originalStreams.map((stream, fdNumber) => stream === subprocess.stdio[fdNumber] ? void 0 : waitForStream(stream, fdNumber, streamInfo));
    waitForCustomStreamsEnd = (fileDescriptors, streamInfo) => fileDescriptors.flatMap(({ stdioItems }, fdNumber) => stdioItems.filter(({ value: value2, stream = value2 }) => isStream(stream, { checkOpen: false }) && !isStandardStream(stream)).map(({ type, value: value2, stream = value2 }) => waitForStream(stream, fdNumber, streamInfo, {
      isSameDirection: TRANSFORM_TYPES.has(type),
      stopOnExit: type === "native"
    })));
    throwOnSubprocessError = async (subprocess, { signal }) => {
      const [error] = await (0, import_node_events13.once)(subprocess, "error", { signal });
      throw error;
    };
  }
});

// node_modules/execa/lib/convert/concurrent.js
var initializeConcurrentStreams, addConcurrentStream, waitForConcurrentStreams;
var init_concurrent = __esm({
  "node_modules/execa/lib/convert/concurrent.js"() {
    init_deferred();
    initializeConcurrentStreams = () => ({
      readableDestroy: /* @__PURE__ */ new WeakMap(),
      writableFinal: /* @__PURE__ */ new WeakMap(),
      writableDestroy: /* @__PURE__ */ new WeakMap()
    });
    addConcurrentStream = (concurrentStreams, stream, waitName) => {
      const weakMap = concurrentStreams[waitName];
      if (!weakMap.has(stream)) {
        weakMap.set(stream, []);
      }
      const promises = weakMap.get(stream);
      const promise = createDeferred();
      promises.push(promise);
      const resolve3 = promise.resolve.bind(promise);
      return { resolve: resolve3, promises };
    };
    waitForConcurrentStreams = async ({ resolve: resolve3, promises }, subprocess) => {
      resolve3();
      const [isSubprocessExit] = await Promise.race([
        Promise.allSettled([true, subprocess]),
        Promise.all([false, ...promises])
      ]);
      return !isSubprocessExit;
    };
  }
});

// node_modules/execa/lib/convert/shared.js
var import_promises11, safeWaitForSubprocessStdin, safeWaitForSubprocessStdout, waitForSubprocessStdin, waitForSubprocessStdout, waitForSubprocess, destroyOtherStream;
var init_shared = __esm({
  "node_modules/execa/lib/convert/shared.js"() {
    import_promises11 = require("node:stream/promises");
    init_wait_stream();
    safeWaitForSubprocessStdin = async (subprocessStdin) => {
      if (subprocessStdin === void 0) {
        return;
      }
      try {
        await waitForSubprocessStdin(subprocessStdin);
      } catch {
      }
    };
    safeWaitForSubprocessStdout = async (subprocessStdout) => {
      if (subprocessStdout === void 0) {
        return;
      }
      try {
        await waitForSubprocessStdout(subprocessStdout);
      } catch {
      }
    };
    waitForSubprocessStdin = async (subprocessStdin) => {
      await (0, import_promises11.finished)(subprocessStdin, { cleanup: true, readable: false, writable: true });
    };
    waitForSubprocessStdout = async (subprocessStdout) => {
      await (0, import_promises11.finished)(subprocessStdout, { cleanup: true, readable: true, writable: false });
    };
    waitForSubprocess = async (subprocess, error) => {
      await subprocess;
      if (error) {
        throw error;
      }
    };
    destroyOtherStream = (stream, isOpen, error) => {
      if (error && !isStreamAbort(error)) {
        stream.destroy(error);
      } else if (isOpen) {
        stream.destroy();
      }
    };
  }
});

// node_modules/execa/lib/convert/readable.js
var import_node_stream6, import_node_util9, createReadable, getSubprocessStdout, getReadableOptions, getReadableMethods, onRead, onStdoutFinished, onReadableDestroy, destroyOtherReadable;
var init_readable = __esm({
  "node_modules/execa/lib/convert/readable.js"() {
    import_node_stream6 = require("node:stream");
    import_node_util9 = require("node:util");
    init_encoding_option();
    init_fd_options();
    init_iterate();
    init_deferred();
    init_concurrent();
    init_shared();
    createReadable = ({ subprocess, concurrentStreams, encoding }, { from, binary: binaryOption = true, preserveNewlines = true } = {}) => {
      const binary = binaryOption || BINARY_ENCODINGS.has(encoding);
      const { subprocessStdout, waitReadableDestroy } = getSubprocessStdout(subprocess, from, concurrentStreams);
      const { readableEncoding, readableObjectMode, readableHighWaterMark } = getReadableOptions(subprocessStdout, binary);
      const { read: read3, onStdoutDataDone } = getReadableMethods({
        subprocessStdout,
        subprocess,
        binary,
        encoding,
        preserveNewlines
      });
      const readable2 = new import_node_stream6.Readable({
        read: read3,
        destroy: (0, import_node_util9.callbackify)(onReadableDestroy.bind(void 0, { subprocessStdout, subprocess, waitReadableDestroy })),
        highWaterMark: readableHighWaterMark,
        objectMode: readableObjectMode,
        encoding: readableEncoding
      });
      onStdoutFinished({
        subprocessStdout,
        onStdoutDataDone,
        readable: readable2,
        subprocess
      });
      return readable2;
    };
    getSubprocessStdout = (subprocess, from, concurrentStreams) => {
      const subprocessStdout = getFromStream(subprocess, from);
      const waitReadableDestroy = addConcurrentStream(concurrentStreams, subprocessStdout, "readableDestroy");
      return { subprocessStdout, waitReadableDestroy };
    };
    getReadableOptions = ({ readableEncoding, readableObjectMode, readableHighWaterMark }, binary) => binary ? { readableEncoding, readableObjectMode, readableHighWaterMark } : { readableEncoding, readableObjectMode: true, readableHighWaterMark: DEFAULT_OBJECT_HIGH_WATER_MARK };
    getReadableMethods = ({ subprocessStdout, subprocess, binary, encoding, preserveNewlines }) => {
      const onStdoutDataDone = createDeferred();
      const onStdoutData = iterateOnSubprocessStream({
        subprocessStdout,
        subprocess,
        binary,
        shouldEncode: !binary,
        encoding,
        preserveNewlines
      });
      return {
        read() {
          onRead(this, onStdoutData, onStdoutDataDone);
        },
        onStdoutDataDone
      };
    };
    onRead = async (readable2, onStdoutData, onStdoutDataDone) => {
      try {
        const { value: value2, done } = await onStdoutData.next();
        if (done) {
          onStdoutDataDone.resolve();
        } else {
          readable2.push(value2);
        }
      } catch {
      }
    };
    onStdoutFinished = async ({ subprocessStdout, onStdoutDataDone, readable: readable2, subprocess, subprocessStdin }) => {
      try {
        await waitForSubprocessStdout(subprocessStdout);
        await subprocess;
        await safeWaitForSubprocessStdin(subprocessStdin);
        await onStdoutDataDone;
        if (readable2.readable) {
          readable2.push(null);
        }
      } catch (error) {
        await safeWaitForSubprocessStdin(subprocessStdin);
        destroyOtherReadable(readable2, error);
      }
    };
    onReadableDestroy = async ({ subprocessStdout, subprocess, waitReadableDestroy }, error) => {
      if (await waitForConcurrentStreams(waitReadableDestroy, subprocess)) {
        destroyOtherReadable(subprocessStdout, error);
        await waitForSubprocess(subprocess, error);
      }
    };
    destroyOtherReadable = (stream, error) => {
      destroyOtherStream(stream, stream.readable, error);
    };
  }
});

// node_modules/execa/lib/convert/writable.js
var import_node_stream7, import_node_util10, createWritable, getSubprocessStdin, getWritableMethods, onWrite, onWritableFinal, onStdinFinished, onWritableDestroy, destroyOtherWritable;
var init_writable = __esm({
  "node_modules/execa/lib/convert/writable.js"() {
    import_node_stream7 = require("node:stream");
    import_node_util10 = require("node:util");
    init_fd_options();
    init_concurrent();
    init_shared();
    createWritable = ({ subprocess, concurrentStreams }, { to } = {}) => {
      const { subprocessStdin, waitWritableFinal, waitWritableDestroy } = getSubprocessStdin(subprocess, to, concurrentStreams);
      const writable2 = new import_node_stream7.Writable({
        ...getWritableMethods(subprocessStdin, subprocess, waitWritableFinal),
        destroy: (0, import_node_util10.callbackify)(onWritableDestroy.bind(void 0, {
          subprocessStdin,
          subprocess,
          waitWritableFinal,
          waitWritableDestroy
        })),
        highWaterMark: subprocessStdin.writableHighWaterMark,
        objectMode: subprocessStdin.writableObjectMode
      });
      onStdinFinished(subprocessStdin, writable2);
      return writable2;
    };
    getSubprocessStdin = (subprocess, to, concurrentStreams) => {
      const subprocessStdin = getToStream(subprocess, to);
      const waitWritableFinal = addConcurrentStream(concurrentStreams, subprocessStdin, "writableFinal");
      const waitWritableDestroy = addConcurrentStream(concurrentStreams, subprocessStdin, "writableDestroy");
      return { subprocessStdin, waitWritableFinal, waitWritableDestroy };
    };
    getWritableMethods = (subprocessStdin, subprocess, waitWritableFinal) => ({
      write: onWrite.bind(void 0, subprocessStdin),
      final: (0, import_node_util10.callbackify)(onWritableFinal.bind(void 0, subprocessStdin, subprocess, waitWritableFinal))
    });
    onWrite = (subprocessStdin, chunk, encoding, done) => {
      if (subprocessStdin.write(chunk, encoding)) {
        done();
      } else {
        subprocessStdin.once("drain", done);
      }
    };
    onWritableFinal = async (subprocessStdin, subprocess, waitWritableFinal) => {
      if (await waitForConcurrentStreams(waitWritableFinal, subprocess)) {
        if (subprocessStdin.writable) {
          subprocessStdin.end();
        }
        await subprocess;
      }
    };
    onStdinFinished = async (subprocessStdin, writable2, subprocessStdout) => {
      try {
        await waitForSubprocessStdin(subprocessStdin);
        if (writable2.writable) {
          writable2.end();
        }
      } catch (error) {
        await safeWaitForSubprocessStdout(subprocessStdout);
        destroyOtherWritable(writable2, error);
      }
    };
    onWritableDestroy = async ({ subprocessStdin, subprocess, waitWritableFinal, waitWritableDestroy }, error) => {
      await waitForConcurrentStreams(waitWritableFinal, subprocess);
      if (await waitForConcurrentStreams(waitWritableDestroy, subprocess)) {
        destroyOtherWritable(subprocessStdin, error);
        await waitForSubprocess(subprocess, error);
      }
    };
    destroyOtherWritable = (stream, error) => {
      destroyOtherStream(stream, stream.writable, error);
    };
  }
});

// node_modules/execa/lib/convert/duplex.js
var import_node_stream8, import_node_util11, createDuplex, onDuplexDestroy;
var init_duplex = __esm({
  "node_modules/execa/lib/convert/duplex.js"() {
    import_node_stream8 = require("node:stream");
    import_node_util11 = require("node:util");
    init_encoding_option();
    init_readable();
    init_writable();
    createDuplex = ({ subprocess, concurrentStreams, encoding }, { from, to, binary: binaryOption = true, preserveNewlines = true } = {}) => {
      const binary = binaryOption || BINARY_ENCODINGS.has(encoding);
      const { subprocessStdout, waitReadableDestroy } = getSubprocessStdout(subprocess, from, concurrentStreams);
      const { subprocessStdin, waitWritableFinal, waitWritableDestroy } = getSubprocessStdin(subprocess, to, concurrentStreams);
      const { readableEncoding, readableObjectMode, readableHighWaterMark } = getReadableOptions(subprocessStdout, binary);
      const { read: read3, onStdoutDataDone } = getReadableMethods({
        subprocessStdout,
        subprocess,
        binary,
        encoding,
        preserveNewlines
      });
      const duplex2 = new import_node_stream8.Duplex({
        read: read3,
        ...getWritableMethods(subprocessStdin, subprocess, waitWritableFinal),
        destroy: (0, import_node_util11.callbackify)(onDuplexDestroy.bind(void 0, {
          subprocessStdout,
          subprocessStdin,
          subprocess,
          waitReadableDestroy,
          waitWritableFinal,
          waitWritableDestroy
        })),
        readableHighWaterMark,
        writableHighWaterMark: subprocessStdin.writableHighWaterMark,
        readableObjectMode,
        writableObjectMode: subprocessStdin.writableObjectMode,
        encoding: readableEncoding
      });
      onStdoutFinished({
        subprocessStdout,
        onStdoutDataDone,
        readable: duplex2,
        subprocess,
        subprocessStdin
      });
      onStdinFinished(subprocessStdin, duplex2, subprocessStdout);
      return duplex2;
    };
    onDuplexDestroy = async ({ subprocessStdout, subprocessStdin, subprocess, waitReadableDestroy, waitWritableFinal, waitWritableDestroy }, error) => {
      await Promise.all([
        onReadableDestroy({ subprocessStdout, subprocess, waitReadableDestroy }, error),
        onWritableDestroy({
          subprocessStdin,
          subprocess,
          waitWritableFinal,
          waitWritableDestroy
        }, error)
      ]);
    };
  }
});

// node_modules/execa/lib/convert/iterable.js
var createIterable, iterateOnStdoutData;
var init_iterable = __esm({
  "node_modules/execa/lib/convert/iterable.js"() {
    init_encoding_option();
    init_fd_options();
    init_iterate();
    createIterable = (subprocess, encoding, {
      from,
      binary: binaryOption = false,
      preserveNewlines = false
    } = {}) => {
      const binary = binaryOption || BINARY_ENCODINGS.has(encoding);
      const subprocessStdout = getFromStream(subprocess, from);
      const onStdoutData = iterateOnSubprocessStream({
        subprocessStdout,
        subprocess,
        binary,
        shouldEncode: true,
        encoding,
        preserveNewlines
      });
      return iterateOnStdoutData(onStdoutData, subprocessStdout, subprocess);
    };
    iterateOnStdoutData = async function* (onStdoutData, subprocessStdout, subprocess) {
      try {
        yield* onStdoutData;
      } finally {
        if (subprocessStdout.readable) {
          subprocessStdout.destroy();
        }
        await subprocess;
      }
    };
  }
});

// node_modules/execa/lib/convert/add.js
var addConvertedStreams;
var init_add = __esm({
  "node_modules/execa/lib/convert/add.js"() {
    init_concurrent();
    init_readable();
    init_writable();
    init_duplex();
    init_iterable();
    addConvertedStreams = (subprocess, { encoding }) => {
      const concurrentStreams = initializeConcurrentStreams();
      subprocess.readable = createReadable.bind(void 0, { subprocess, concurrentStreams, encoding });
      subprocess.writable = createWritable.bind(void 0, { subprocess, concurrentStreams });
      subprocess.duplex = createDuplex.bind(void 0, { subprocess, concurrentStreams, encoding });
      subprocess.iterable = createIterable.bind(void 0, subprocess, encoding);
      subprocess[Symbol.asyncIterator] = createIterable.bind(void 0, subprocess, encoding, {});
    };
  }
});

// node_modules/execa/lib/methods/promise.js
var mergePromise, nativePromisePrototype, descriptors;
var init_promise = __esm({
  "node_modules/execa/lib/methods/promise.js"() {
    mergePromise = (subprocess, promise) => {
      for (const [property, descriptor] of descriptors) {
        const value2 = descriptor.value.bind(promise);
        Reflect.defineProperty(subprocess, property, { ...descriptor, value: value2 });
      }
    };
    nativePromisePrototype = (async () => {
    })().constructor.prototype;
    descriptors = ["then", "catch", "finally"].map((property) => [
      property,
      Reflect.getOwnPropertyDescriptor(nativePromisePrototype, property)
    ]);
  }
});

// node_modules/execa/lib/methods/main-async.js
var import_node_events14, import_node_child_process6, execaCoreAsync, handleAsyncArguments, handleAsyncOptions, spawnSubprocessAsync, handlePromise, getAsyncResult;
var init_main_async = __esm({
  "node_modules/execa/lib/methods/main-async.js"() {
    import_node_events14 = require("node:events");
    import_node_child_process6 = require("node:child_process");
    init_source();
    init_command();
    init_options();
    init_fd_options();
    init_shell();
    init_methods();
    init_result();
    init_reject();
    init_early_error();
    init_handle_async();
    init_strip_newline();
    init_output_async();
    init_kill();
    init_cleanup();
    init_setup();
    init_all_async();
    init_wait_subprocess();
    init_add();
    init_deferred();
    init_promise();
    execaCoreAsync = (rawFile, rawArguments, rawOptions, createNested) => {
      const { file, commandArguments, command, escapedCommand, startTime, verboseInfo, options, fileDescriptors } = handleAsyncArguments(rawFile, rawArguments, rawOptions);
      const { subprocess, promise } = spawnSubprocessAsync({
        file,
        commandArguments,
        options,
        startTime,
        verboseInfo,
        command,
        escapedCommand,
        fileDescriptors
      });
      subprocess.pipe = pipeToSubprocess.bind(void 0, {
        source: subprocess,
        sourcePromise: promise,
        boundOptions: {},
        createNested
      });
      mergePromise(subprocess, promise);
      SUBPROCESS_OPTIONS.set(subprocess, { options, fileDescriptors });
      return subprocess;
    };
    handleAsyncArguments = (rawFile, rawArguments, rawOptions) => {
      const { command, escapedCommand, startTime, verboseInfo } = handleCommand(rawFile, rawArguments, rawOptions);
      const { file, commandArguments, options: normalizedOptions } = normalizeOptions(rawFile, rawArguments, rawOptions);
      const options = handleAsyncOptions(normalizedOptions);
      const fileDescriptors = handleStdioAsync(options, verboseInfo);
      return {
        file,
        commandArguments,
        command,
        escapedCommand,
        startTime,
        verboseInfo,
        options,
        fileDescriptors
      };
    };
    handleAsyncOptions = ({ timeout, signal, ...options }) => {
      if (signal !== void 0) {
        throw new TypeError('The "signal" option has been renamed to "cancelSignal" instead.');
      }
      return { ...options, timeoutDuration: timeout };
    };
    spawnSubprocessAsync = ({ file, commandArguments, options, startTime, verboseInfo, command, escapedCommand, fileDescriptors }) => {
      let subprocess;
      try {
        subprocess = (0, import_node_child_process6.spawn)(...concatenateShell(file, commandArguments, options));
      } catch (error) {
        return handleEarlyError({
          error,
          command,
          escapedCommand,
          fileDescriptors,
          options,
          startTime,
          verboseInfo
        });
      }
      const controller = new AbortController();
      (0, import_node_events14.setMaxListeners)(Number.POSITIVE_INFINITY, controller.signal);
      const originalStreams = [...subprocess.stdio];
      pipeOutputAsync(subprocess, fileDescriptors, controller);
      cleanupOnExit(subprocess, options, controller);
      const context2 = {};
      const onInternalError = createDeferred();
      subprocess.kill = subprocessKill.bind(void 0, {
        kill: subprocess.kill.bind(subprocess),
        options,
        onInternalError,
        context: context2,
        controller
      });
      subprocess.all = makeAllStream(subprocess, options);
      addConvertedStreams(subprocess, options);
      addIpcMethods(subprocess, options);
      const promise = handlePromise({
        subprocess,
        options,
        startTime,
        verboseInfo,
        fileDescriptors,
        originalStreams,
        command,
        escapedCommand,
        context: context2,
        onInternalError,
        controller
      });
      return { subprocess, promise };
    };
    handlePromise = async ({ subprocess, options, startTime, verboseInfo, fileDescriptors, originalStreams, command, escapedCommand, context: context2, onInternalError, controller }) => {
      const [
        errorInfo,
        [exitCode, signal],
        stdioResults,
        allResult,
        ipcOutput
      ] = await waitForSubprocessResult({
        subprocess,
        options,
        context: context2,
        verboseInfo,
        fileDescriptors,
        originalStreams,
        onInternalError,
        controller
      });
      controller.abort();
      onInternalError.resolve();
      const stdio = stdioResults.map((stdioResult, fdNumber) => stripNewline(stdioResult, options, fdNumber));
      const all = stripNewline(allResult, options, "all");
      const result = getAsyncResult({
        errorInfo,
        exitCode,
        signal,
        stdio,
        all,
        ipcOutput,
        context: context2,
        options,
        command,
        escapedCommand,
        startTime
      });
      return handleResult(result, verboseInfo, options);
    };
    getAsyncResult = ({ errorInfo, exitCode, signal, stdio, all, ipcOutput, context: context2, options, command, escapedCommand, startTime }) => "error" in errorInfo ? makeError({
      error: errorInfo.error,
      command,
      escapedCommand,
      timedOut: context2.terminationReason === "timeout",
      isCanceled: context2.terminationReason === "cancel" || context2.terminationReason === "gracefulCancel",
      isGracefullyCanceled: context2.terminationReason === "gracefulCancel",
      isMaxBuffer: errorInfo.error instanceof MaxBufferError,
      isForcefullyTerminated: context2.isForcefullyTerminated,
      exitCode,
      signal,
      stdio,
      all,
      ipcOutput,
      options,
      startTime,
      isSync: false
    }) : makeSuccessResult({
      command,
      escapedCommand,
      stdio,
      all,
      ipcOutput,
      options,
      startTime
    });
  }
});

// node_modules/execa/lib/methods/bind.js
var mergeOptions, mergeOption, DEEP_OPTIONS;
var init_bind = __esm({
  "node_modules/execa/lib/methods/bind.js"() {
    init_is_plain_obj();
    init_specific();
    mergeOptions = (boundOptions, options) => {
      const newOptions = Object.fromEntries(
        Object.entries(options).map(([optionName, optionValue]) => [
          optionName,
          mergeOption(optionName, boundOptions[optionName], optionValue)
        ])
      );
      return { ...boundOptions, ...newOptions };
    };
    mergeOption = (optionName, boundOptionValue, optionValue) => {
      if (DEEP_OPTIONS.has(optionName) && isPlainObject(boundOptionValue) && isPlainObject(optionValue)) {
        return { ...boundOptionValue, ...optionValue };
      }
      return optionValue;
    };
    DEEP_OPTIONS = /* @__PURE__ */ new Set(["env", ...FD_SPECIFIC_OPTIONS]);
  }
});

// node_modules/execa/lib/methods/create.js
var createExeca, callBoundExeca, parseArguments;
var init_create = __esm({
  "node_modules/execa/lib/methods/create.js"() {
    init_is_plain_obj();
    init_parameters();
    init_template();
    init_main_sync();
    init_main_async();
    init_bind();
    createExeca = (mapArguments, boundOptions, deepOptions, setBoundExeca) => {
      const createNested = (mapArguments2, boundOptions2, setBoundExeca2) => createExeca(mapArguments2, boundOptions2, deepOptions, setBoundExeca2);
      const boundExeca = (...execaArguments) => callBoundExeca({
        mapArguments,
        deepOptions,
        boundOptions,
        setBoundExeca,
        createNested
      }, ...execaArguments);
      if (setBoundExeca !== void 0) {
        setBoundExeca(boundExeca, createNested, boundOptions);
      }
      return boundExeca;
    };
    callBoundExeca = ({ mapArguments, deepOptions = {}, boundOptions = {}, setBoundExeca, createNested }, firstArgument, ...nextArguments) => {
      if (isPlainObject(firstArgument)) {
        return createNested(mapArguments, mergeOptions(boundOptions, firstArgument), setBoundExeca);
      }
      const { file, commandArguments, options, isSync } = parseArguments({
        mapArguments,
        firstArgument,
        nextArguments,
        deepOptions,
        boundOptions
      });
      return isSync ? execaCoreSync(file, commandArguments, options) : execaCoreAsync(file, commandArguments, options, createNested);
    };
    parseArguments = ({ mapArguments, firstArgument, nextArguments, deepOptions, boundOptions }) => {
      const callArguments = isTemplateString(firstArgument) ? parseTemplates(firstArgument, nextArguments) : [firstArgument, ...nextArguments];
      const [initialFile, initialArguments, initialOptions] = normalizeParameters(...callArguments);
      const mergedOptions = mergeOptions(mergeOptions(deepOptions, boundOptions), initialOptions);
      const {
        file = initialFile,
        commandArguments = initialArguments,
        options = mergedOptions,
        isSync = false
      } = mapArguments({ file: initialFile, commandArguments: initialArguments, options: mergedOptions });
      return {
        file,
        commandArguments,
        options,
        isSync
      };
    };
  }
});

// node_modules/execa/lib/methods/command.js
var mapCommandAsync, mapCommandSync, parseCommand, parseCommandString, SPACES_REGEXP;
var init_command2 = __esm({
  "node_modules/execa/lib/methods/command.js"() {
    mapCommandAsync = ({ file, commandArguments }) => parseCommand(file, commandArguments);
    mapCommandSync = ({ file, commandArguments }) => ({ ...parseCommand(file, commandArguments), isSync: true });
    parseCommand = (command, unusedArguments) => {
      if (unusedArguments.length > 0) {
        throw new TypeError(`The command and its arguments must be passed as a single string: ${command} ${unusedArguments}.`);
      }
      const [file, ...commandArguments] = parseCommandString(command);
      return { file, commandArguments };
    };
    parseCommandString = (command) => {
      if (typeof command !== "string") {
        throw new TypeError(`The command must be a string: ${String(command)}.`);
      }
      const trimmedCommand = command.trim();
      if (trimmedCommand === "") {
        return [];
      }
      const tokens = [];
      for (const token of trimmedCommand.split(SPACES_REGEXP)) {
        const previousToken = tokens.at(-1);
        if (previousToken && previousToken.endsWith("\\")) {
          tokens[tokens.length - 1] = `${previousToken.slice(0, -1)} ${token}`;
        } else {
          tokens.push(token);
        }
      }
      return tokens;
    };
    SPACES_REGEXP = / +/g;
  }
});

// node_modules/execa/lib/methods/script.js
var setScriptSync, mapScriptAsync, mapScriptSync, getScriptOptions, getScriptStdinOption, deepScriptOptions;
var init_script = __esm({
  "node_modules/execa/lib/methods/script.js"() {
    setScriptSync = (boundExeca, createNested, boundOptions) => {
      boundExeca.sync = createNested(mapScriptSync, boundOptions);
      boundExeca.s = boundExeca.sync;
    };
    mapScriptAsync = ({ options }) => getScriptOptions(options);
    mapScriptSync = ({ options }) => ({ ...getScriptOptions(options), isSync: true });
    getScriptOptions = (options) => ({ options: { ...getScriptStdinOption(options), ...options } });
    getScriptStdinOption = ({ input, inputFile, stdio }) => input === void 0 && inputFile === void 0 && stdio === void 0 ? { stdin: "inherit" } : {};
    deepScriptOptions = { preferLocal: true };
  }
});

// node_modules/execa/index.js
var execa_exports = {};
__export(execa_exports, {
  $: () => $,
  ExecaError: () => ExecaError,
  ExecaSyncError: () => ExecaSyncError,
  execa: () => execa,
  execaCommand: () => execaCommand,
  execaCommandSync: () => execaCommandSync,
  execaNode: () => execaNode,
  execaSync: () => execaSync,
  getCancelSignal: () => getCancelSignal2,
  getEachMessage: () => getEachMessage2,
  getOneMessage: () => getOneMessage2,
  parseCommandString: () => parseCommandString,
  sendMessage: () => sendMessage2
});
var execa, execaSync, execaCommand, execaCommandSync, execaNode, $, sendMessage2, getOneMessage2, getEachMessage2, getCancelSignal2;
var init_execa = __esm({
  "node_modules/execa/index.js"() {
    init_create();
    init_command2();
    init_node2();
    init_script();
    init_methods();
    init_command2();
    init_final_error();
    execa = createExeca(() => ({}));
    execaSync = createExeca(() => ({ isSync: true }));
    execaCommand = createExeca(mapCommandAsync);
    execaCommandSync = createExeca(mapCommandSync);
    execaNode = createExeca(mapNode);
    $ = createExeca(mapScriptAsync, {}, deepScriptOptions, setScriptSync);
    ({
      sendMessage: sendMessage2,
      getOneMessage: getOneMessage2,
      getEachMessage: getEachMessage2,
      getCancelSignal: getCancelSignal2
    } = getIpcExport());
  }
});

// ts/main.ts
var main_exports = {};
__export(main_exports, {
  main: () => main,
  start: () => start2
});
module.exports = __toCommonJS(main_exports);

// ts/audit.ts
var import_node_fs = require("node:fs");
function openAuditLog(file, maxBytes, log) {
  let fd;
  let size = 0;
  let failing = false;
  let pending = [];
  let scheduled = false;
  const open = () => {
    fd = (0, import_node_fs.openSync)(file, "a", 416);
    size = (0, import_node_fs.fstatSync)(fd).size;
  };
  open();
  const write = (text2) => {
    const bytes = Buffer.byteLength(text2);
    try {
      if (fd === void 0 || size + bytes > maxBytes && size > 0) {
        if (fd !== void 0) (0, import_node_fs.closeSync)(fd);
        fd = void 0;
        (0, import_node_fs.renameSync)(file, `${file}.1`);
        open();
      }
      size += (0, import_node_fs.writeSync)(fd, text2);
      failing = false;
    } catch (err2) {
      if (!failing) log.error(`cannot write the audit log ${file}: ${err2.message}; requests are still served`);
      failing = true;
      if (fd === void 0) {
        try {
          open();
        } catch {
        }
      }
    }
  };
  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const lines = pending;
    pending = [];
    let chunk = "";
    let bytes = 0;
    for (const line of lines) {
      const n2 = Buffer.byteLength(line);
      if (bytes > 0 && size + bytes + n2 > maxBytes) {
        write(chunk);
        chunk = "";
        bytes = 0;
      }
      chunk += line;
      bytes += n2;
    }
    write(chunk);
  };
  const audit = (entry2) => {
    pending.push(`${JSON.stringify(entry2)}
`);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
  return Object.assign(audit, { flush });
}

// ts/auth/warnings.ts
var LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;
function authWarnings(config, closed) {
  const { auth } = config;
  const warnings = [];
  if (!closed && !LOOPBACK.test(config.bind)) {
    warnings.push(
      `anyone who can reach ${config.bind} may trigger puppet runs and read their records: configure auth.tokens, auth.webhooks, auth.allow_from or TLS client certificates (README, "Security")`
    );
  }
  const certs = config.tls !== void 0 && config.tls.client_certs !== "none" ? config.tls.allowed_certnames.length : 0;
  const triggerers = auth.tokens.filter((t) => t.scopes.includes("trigger") || t.scopes.includes("trigger_noop")).length + auth.webhooks.length + certs;
  if (closed && triggerers === 0 && auth.allow_from.length > 0) {
    warnings.push("auth.allow_from is set, but no token, webhook or client certificate may trigger: every trigger is refused (401)");
  }
  return warnings;
}

// ts/errors.ts
var ERROR_STATUS = {
  BAD_PARAMETER: 400,
  UNKNOWN_PARAMETER: 400,
  BAD_REQUEST: 400,
  BAD_HOST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  ADDRESS_NOT_ALLOWED: 403,
  NOT_FOUND: 404,
  RUN_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  REQUEST_TIMEOUT: 408,
  QUEUE_CONFLICT: 409,
  BODY_TOO_LARGE: 413,
  URL_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  EXPECTATION_FAILED: 417,
  TOO_MANY_REQUESTS: 429,
  HEADERS_TOO_LARGE: 431,
  RUN_FAILED: 500,
  HELPER_FAILED: 500,
  SHUTTING_DOWN: 503,
  HTTP_VERSION_NOT_SUPPORTED: 505,
  CONFIG_INVALID: 2,
  USAGE: 2
};
function twitchError(code, message, headers2) {
  return Object.assign(new Error(message), { code, headers: headers2 });
}
function isTwitchError(err2) {
  return err2 instanceof Error && typeof err2.code === "string" && err2.code in ERROR_STATUS;
}

// ts/text.ts
function printable(text2, max = 64) {
  const clipped = text2.length > max ? `${text2.slice(0, max)}...` : text2;
  return clipped.replace(/[\0-\x1f\x7f]/g, (c3) => `\\x${c3.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

// ts/auth/addresses.ts
var import_node_net2 = require("node:net");

// ts/config.ts
var import_node_fs3 = require("node:fs");
var import_node_net = require("node:net");
var import_node_path2 = require("node:path");

// ts/cron.ts
var FIELD_NAMES_5 = ["minute", "hour", "day of month", "month", "day of week"];
var FIELD_NAMES_6 = ["second", ...FIELD_NAMES_5];
var BOUNDS = {
  second: [0, 59],
  minute: [0, 59],
  hour: [0, 23],
  "day of month": [1, 31],
  month: [1, 12],
  "day of week": [0, 7]
};
var MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
var DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
var FULL_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
var FULL_DAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
var CRON_HINT = 'give 5 fields (minute hour day-of-month month day-of-week) or 6 (seconds first), e.g. "*/30 * * * *"';
var cron;
function loadCron() {
  cron ??= require_node_cron();
  return cron;
}
function normalizeCron(expression) {
  return expression.trim().split(/ +/).join(" ");
}
function value(text2, field) {
  if (/^\d+$/.test(text2)) {
    const n2 = Number(text2);
    const [min, max] = BOUNDS[field];
    return n2 < min || n2 > max ? `${text2} is outside ${min}-${max} in the ${field} field` : n2;
  }
  const name = text2.toLowerCase();
  const names = field === "month" ? [MONTHS, FULL_MONTHS] : field === "day of week" ? [DAYS, FULL_DAYS] : void 0;
  const index = names?.map((list2) => list2.indexOf(name)).find((i2) => i2 >= 0);
  if (index === void 0) return `"${text2}" is not a value of the ${field} field`;
  return field === "month" ? index + 1 : index;
}
function fieldProblem(text2, field) {
  const items = text2.split(",");
  if (items.includes("")) return `the ${field} field "${text2}" has an empty item`;
  if (text2.includes("*") && items.length > 1) return `the ${field} field "${text2}" combines * with other items`;
  for (const item of items) {
    const m = /^(?:(\*)|([a-z0-9]+)(?:-([a-z0-9]+))?)(?:\/(\d{1,2}))?$/i.exec(item);
    if (m === null) return `"${item}" in the ${field} field is not a value, a range a-b, * or a step /n`;
    const [, star, from, to, step] = m;
    if (step !== void 0 && (Number(step) === 0 || star === void 0 && to === void 0)) {
      return `"${item}" in the ${field} field: a step /n needs n from 1 and a range or * before it`;
    }
    if (star !== void 0) continue;
    const first = value(from, field);
    if (typeof first === "string") return first;
    if (to === void 0) continue;
    const last = value(to, field);
    if (typeof last === "string") return last;
    if (first > last) return `the range "${item}" in the ${field} field goes backwards`;
    if (field === "day of week" && last === 7) return `write Sunday as 0 or SUN in a range: "${item}" in the ${field} field`;
  }
  return null;
}
function cronSyntaxProblem(expression) {
  const fields = normalizeCron(expression).split(" ");
  if (fields.length !== 5 && fields.length !== 6) return `it has ${fields.length} field${fields.length === 1 ? "" : "s"}`;
  const names = fields.length === 5 ? FIELD_NAMES_5 : FIELD_NAMES_6;
  for (let i2 = 0; i2 < fields.length; i2++) {
    const problem2 = fieldProblem(fields[i2], names[i2]);
    if (problem2 !== null) return problem2;
  }
  return null;
}
function cronProblem(expression) {
  return cronSyntaxProblem(expression) ?? (loadCron().validate(normalizeCron(expression)) ? null : "node-cron does not accept it");
}
function startCronTask(expression, timezone, onTick) {
  const task = loadCron().createTask(normalizeCron(expression), () => onTick(), { timezone, name: "puppet-twitch schedule" });
  void task.start();
  let stopped = false;
  return {
    nextRun: () => stopped ? null : task.getNextRun() ?? null,
    stop() {
      stopped = true;
      void task.destroy();
    }
  };
}

// ts/options.ts
var ENVIRONMENT_NAME = /^[a-z0-9_]+$/;
var OPTION_NAMES = ["noop", "tags", "skip_tags", "environment"];
var TAG = /^[a-z0-9_][a-z0-9_:.-]*$/;
var TAG_LIMITS = { count: 32, chars: 1024 };
function bad(name, message) {
  throw twitchError("BAD_PARAMETER", `Invalid value for parameter '${name}': ${message}`);
}
function tagList(name, value2) {
  if (!Array.isArray(value2) || value2.some((t) => typeof t !== "string")) bad(name, "must be a list of tags");
  const tags = value2.map((t) => t.toLowerCase());
  if (tags.length === 0) bad(name, "give at least one tag, or leave the parameter out");
  if (tags.length > TAG_LIMITS.count) bad(name, `at most ${TAG_LIMITS.count} tags`);
  if (tags.join(",").length > TAG_LIMITS.chars) bad(name, `at most ${TAG_LIMITS.chars} characters`);
  for (const tag of tags) {
    if (!TAG.test(tag)) bad(name, `"${printable(tag)}" is not a Puppet tag (letters, digits, _ : . -, not starting with : . -)`);
  }
  return tags;
}
function checkOptions(raw, puppet) {
  const options = {};
  for (const [name, value2] of Object.entries(raw)) {
    if (!OPTION_NAMES.includes(name)) {
      throw twitchError("UNKNOWN_PARAMETER", `Unknown run option '${printable(name)}'. Known: ${OPTION_NAMES.join(", ")}.`);
    }
    if (value2 === void 0) continue;
    switch (name) {
      case "noop":
        if (typeof value2 !== "boolean") bad(name, "use true or false");
        options.noop = value2;
        break;
      case "tags":
      case "skip_tags":
        options[name] = tagList(name, value2);
        break;
      case "environment":
        if (typeof value2 !== "string" || !ENVIRONMENT_NAME.test(value2)) {
          bad(name, `"${printable(String(value2))}" is not an environment name (lower case letters, digits and _)`);
        }
        if (!puppet.environments.includes(value2)) {
          throw twitchError(
            "FORBIDDEN",
            `Environment '${value2}' is not allowed. The node's config lists the environments a caller may choose (puppet.environments).`
          );
        }
        options.environment = value2;
        break;
    }
  }
  return options;
}
function optionArgs(options) {
  const args = [];
  if (options.noop !== void 0) args.push(options.noop ? "--noop" : "--no-noop");
  if (options.tags !== void 0) args.push("--tags", options.tags.join(","));
  if (options.skip_tags !== void 0) args.push("--skip_tags", options.skip_tags.join(","));
  if (options.environment !== void 0) args.push("--environment", options.environment);
  return args;
}
function sameOptions(a2, b) {
  const key = (o2) => JSON.stringify([o2.noop ?? null, [...o2.tags ?? []].sort(), [...o2.skip_tags ?? []].sort(), o2.environment ?? null]);
  return key(a2) === key(b);
}

// ts/tls/certnames.ts
var PATTERN = /^[a-z0-9._*?-]+$/;
var CERTNAME = /^[ -.0-~]+$/;
function certnamePatternProblem(pattern) {
  if (typeof pattern !== "string" || pattern === "") return `must be a non-empty string, got ${JSON.stringify(pattern)}`;
  if (!PATTERN.test(pattern)) {
    return `must be a certname pattern of lower case letters, digits, ".", "-", "_" and the wildcards "*" and "?", got ${JSON.stringify(pattern.slice(0, 100))}`;
  }
  return void 0;
}
function certnameMatches(pattern, certname) {
  let p = 0;
  let c3 = 0;
  let star = -1;
  let resume = 0;
  while (c3 < certname.length) {
    if (p < pattern.length && pattern[p] === "*") {
      star = ++p;
      resume = c3;
    } else if (p < pattern.length && (pattern[p] === "?" || pattern[p] === certname[c3])) {
      p++;
      c3++;
    } else if (star !== -1) {
      p = star;
      c3 = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === "*") p++;
  return p === pattern.length;
}
function isAllowedCertname(patterns, certname) {
  return CERTNAME.test(certname) && patterns.some((pattern) => certnameMatches(pattern, certname));
}

// ts/trusted.ts
var import_node_fs2 = require("node:fs");
var import_node_path = require("node:path");
function kind(st) {
  if (st.isFile()) return "a regular file";
  if (st.isDirectory()) return "a directory";
  if (st.isFIFO()) return "a FIFO";
  if (st.isSocket()) return "a socket";
  if (st.isSymbolicLink()) return "a symbolic link";
  return "a device";
}
function readRegularFile(file, opts) {
  const flags = import_node_fs2.constants.O_RDONLY | import_node_fs2.constants.O_NONBLOCK | (opts.followSymlinks ? 0 : import_node_fs2.constants.O_NOFOLLOW);
  let fd;
  try {
    fd = (0, import_node_fs2.openSync)(file, flags);
  } catch (err2) {
    const code = err2.code;
    if (code === "ENOENT") return void 0;
    if (code === "ELOOP") throw new Error(`${file} is a symbolic link; give the path of the file itself`);
    throw new Error(`cannot open ${file}: ${err2.message}`);
  }
  try {
    const st = (0, import_node_fs2.fstatSync)(fd);
    if (!st.isFile()) throw new Error(`${file} is ${kind(st)}, not a regular file`);
    return (0, import_node_fs2.readFileSync)(fd, "utf8");
  } finally {
    (0, import_node_fs2.closeSync)(fd);
  }
}
function rootOnly(path7, st, what) {
  if (st.uid !== 0 || (st.mode & 18) !== 0) {
    throw new Error(
      `${what} ${path7} must be owned by root and not writable by group or others (it is uid ${st.uid}, mode ${(st.mode & 4095).toString(8)}): fix its owner and mode`
    );
  }
}
function checkRootOnlyParents(path7) {
  for (let dir = (0, import_node_path.dirname)(path7); ; dir = (0, import_node_path.dirname)(dir)) {
    rootOnly(dir, (0, import_node_fs2.lstatSync)(dir), "The directory");
    if (dir === "/") return;
  }
}
function checkRootOnlyPath(path7, what, types = ["file"]) {
  const real = (0, import_node_fs2.realpathSync)(path7);
  const st = (0, import_node_fs2.lstatSync)(real);
  const ok = st.isFile() && types.includes("file") || st.isDirectory() && types.includes("directory");
  if (!ok) throw new Error(`${what} ${path7} is ${kind(st)}; expected ${types.map((t) => `a ${t === "file" ? "regular file" : t}`).join(" or ")}`);
  rootOnly(real, st, what);
  checkRootOnlyParents(real);
}

// ts/config.ts
var DEFAULT_CONFIG_FILE = "/etc/puppet-twitch/config.json";
var DEFAULTS = {
  bind: "0.0.0.0",
  port: 2023,
  max_connections: 4096,
  state_dir: "/var/lib/puppet-twitch",
  history: 100,
  setsid: "/usr/bin/setsid",
  max_splay: 0,
  run_timeout: 3600,
  tls: { client_certs: "none", allowed_certnames: [] },
  public_read: false,
  /** a webhook's payload; every other request body is small (LIMITS.maxBodyBytes) */
  max_body_bytes: 1024 * 1024,
  triggers_per_minute: 60,
  min_run_interval: 0,
  audit_file: "audit.log",
  audit_max_bytes: 10 * 1024 * 1024,
  /** each run's stored output, <state_dir>/<id>.log; 0 keeps none */
  output_max_bytes: 1024 * 1024,
  schedule_splay: 0,
  access_log: "default",
  metrics: { enabled: true, public: false }
};
var MAX_SPLAY = 86400;
var AIO_PUPPET = "/opt/puppetlabs/bin/puppet";
var PACKAGING = {
  aio: {
    statedir: "/opt/puppetlabs/puppet/cache/state",
    lastrunfile: "/opt/puppetlabs/puppet/public/last_run_summary.yaml",
    conf: "/etc/puppetlabs/puppet/puppet.conf"
  },
  distro: {
    statedir: "/var/cache/puppet/state",
    lastrunfile: "/var/cache/puppet/public/last_run_summary.yaml",
    conf: "/etc/puppet/puppet.conf"
  }
};
var CLIENT_CERTS = ["none", "optional", "required"];
var ACCESS_LOG = ["all", "default", "none"];
var SCOPES = ["trigger", "trigger_noop", "read"];
var WEBHOOK_TYPES = ["github", "gitlab", "hmac"];
var IDENTITY_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
var TOP_KEYS = [
  "bind",
  "port",
  "max_connections",
  "run_dir",
  "state_dir",
  "history",
  "puppet",
  "tls",
  "auth",
  "limits",
  "audit_log",
  "audit_max_bytes",
  "access_log",
  "output_max_bytes",
  "schedule",
  "metrics"
];
var METRICS_KEYS = ["enabled", "public"];
var TLS_KEYS = ["cert", "key", "ca", "crl", "client_certs", "allowed_certnames"];
var AUTH_KEYS = ["tokens", "webhooks", "allow_from", "public_read"];
var LIMITS_KEYS = ["max_body_bytes", "triggers_per_minute", "min_run_interval"];
var SCHEDULE_KEYS = ["cron", "splay", "options", "timezone"];
var PUPPET_KEYS = [
  "bin",
  "mode",
  "manifest",
  "sudo",
  "setsid",
  "statedir",
  "lastrunfile",
  "conf",
  "environments",
  "max_splay",
  "run_timeout",
  "args"
];
function invalid(key, message) {
  throw twitchError("CONFIG_INVALID", `Invalid config key '${key}': ${message}`);
}
function checkKeys(obj, allowed, prefix) {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      throw twitchError("CONFIG_INVALID", `Unknown config key '${prefix}${key}'. Known keys: ${allowed.map((k) => prefix + k).join(", ")}.`);
    }
  }
}
function isObject(value2) {
  return typeof value2 === "object" && value2 !== null && !Array.isArray(value2);
}
function str(obj, key, name) {
  const value2 = obj[key];
  if (value2 === void 0) return void 0;
  if (typeof value2 !== "string" || value2 === "") invalid(name, `must be a non-empty string, got ${JSON.stringify(value2)}`);
  if (/[\0-\x1f]/.test(value2)) invalid(name, "must not contain control characters");
  return value2;
}
function path(obj, key, name) {
  const value2 = str(obj, key, name);
  if (value2 !== void 0 && !(0, import_node_path2.isAbsolute)(value2)) invalid(name, `must be an absolute path, got "${value2}"`);
  return value2;
}
function integer(value2, name, min, max) {
  if (value2 === void 0) return void 0;
  if (typeof value2 !== "number" || !Number.isInteger(value2) || value2 < min || value2 > max) {
    invalid(name, `must be an integer from ${min} to ${max}, got ${JSON.stringify(value2)}`);
  }
  return value2;
}
function flagInteger(value2, name, min, max) {
  if (value2 === void 0) return void 0;
  if (!/^\d{1,7}$/.test(value2)) invalid(name, `must be an integer from ${min} to ${max}, got "${value2}"`);
  return integer(Number(value2), name, min, max);
}
var TLS_FILES = {
  cert: "the service's certificate (PEM), e.g. Puppet's ssl/certs/<certname>.pem",
  key: "its private key (PEM), e.g. Puppet's ssl/private_keys/<certname>.pem",
  ca: "the CA certificates (PEM) client certificates must chain to, e.g. Puppet's ssl/certs/ca.pem"
};
function tlsConfig(raw) {
  if (raw === void 0) return void 0;
  if (!isObject(raw)) invalid("tls", 'must be an object with cert, key and ca (see README, "TLS")');
  checkKeys(raw, TLS_KEYS, "tls.");
  const file = (key) => path(raw, key, `tls.${key}`) ?? invalid(`tls.${key}`, `is required when tls is set: the absolute path of ${TLS_FILES[key]}`);
  const client_certs = oneOf(raw.client_certs, "tls.client_certs", CLIENT_CERTS) ?? DEFAULTS.tls.client_certs;
  const allowed = raw.allowed_certnames ?? [...DEFAULTS.tls.allowed_certnames];
  if (!Array.isArray(allowed)) invalid("tls.allowed_certnames", 'must be an array of certname patterns such as "*.ops.example.com"');
  allowed.forEach((pattern, i2) => {
    const problem2 = certnamePatternProblem(pattern);
    if (problem2 !== void 0) invalid(`tls.allowed_certnames[${i2}]`, problem2);
  });
  const crl = path(raw, "crl", "tls.crl");
  return {
    cert: file("cert"),
    key: file("key"),
    ca: file("ca"),
    ...crl !== void 0 ? { crl } : {},
    client_certs,
    allowed_certnames: allowed
  };
}
function systemTimeZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone ?? "UTC";
}
function isTimeZone(name) {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
function scheduleConfig(raw, environments, host2) {
  if (raw === void 0) return void 0;
  if (!isObject(raw)) invalid("schedule", 'must be an object such as {"cron": "*/30 * * * *"}');
  checkKeys(raw, SCHEDULE_KEYS, "schedule.");
  const cron2 = str(raw, "cron", "schedule.cron");
  if (cron2 === void 0) invalid("schedule.cron", `is required in a schedule: ${CRON_HINT}`);
  const runs = host2.runsSchedule !== false;
  const problem2 = runs ? cronProblem(cron2) : cronSyntaxProblem(cron2);
  if (problem2 !== null) invalid("schedule.cron", `"${printable(cron2)}" is not a cron expression: ${problem2}; ${CRON_HINT}`);
  const options = raw.options ?? {};
  if (!isObject(options)) invalid("schedule.options", "must be an object of run options");
  checkKeys(options, [...OPTION_NAMES], "schedule.options.");
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => !(Array.isArray(v) && v.length === 0)));
  let checked;
  try {
    checked = checkOptions(given, { environments });
  } catch (err2) {
    if (!isTwitchError(err2)) throw err2;
    invalid("schedule.options", err2.message);
  }
  const splay = integer(raw.splay, "schedule.splay", 0, MAX_SPLAY) ?? DEFAULTS.schedule_splay;
  const zone = str(raw, "timezone", "schedule.timezone");
  if (!runs) return void 0;
  const timezone = zone ?? (host2.timeZone ?? systemTimeZone)();
  if (!isTimeZone(timezone)) {
    invalid("schedule.timezone", `"${printable(timezone)}" is not a time zone this Node.js knows; use an IANA name such as "Europe/Berlin" or "UTC"`);
  }
  return {
    cron: normalizeCron(cron2),
    splay,
    options: checked,
    timezone
  };
}
var ARG = /^--[a-z][a-z0-9_-]*(=[^\0-\x1f]*)?$/;
function normalizeConfig(raw, overrides, host2, file) {
  if (!isObject(raw)) throw twitchError("CONFIG_INVALID", "The config must be a JSON object.");
  checkKeys(raw, TOP_KEYS, "");
  const p = raw.puppet ?? {};
  if (!isObject(p)) invalid("puppet", "must be an object");
  checkKeys(p, PUPPET_KEYS, "puppet.");
  const fileBind = str(raw, "bind", "bind");
  const filePort = integer(raw.port, "port", 0, 65535);
  const bind = overrides.bind ?? fileBind ?? DEFAULTS.bind;
  if ((0, import_node_net.isIP)(bind) === 0) invalid("bind", `must be an IP address such as 0.0.0.0, 127.0.0.1 or ::, got "${printable(bind)}"`);
  const port = flagInteger(overrides.port, "port", 0, 65535) ?? filePort ?? DEFAULTS.port;
  const max_connections = integer(raw.max_connections, "max_connections", 16, 1e6) ?? DEFAULTS.max_connections;
  const mode = p.mode ?? "agent";
  if (mode !== "agent" && mode !== "apply") invalid("puppet.mode", `must be "agent" or "apply", got ${JSON.stringify(mode)}`);
  const manifest = path(p, "manifest", "puppet.manifest");
  if (mode === "apply" && manifest === void 0) invalid("puppet.manifest", 'is required when puppet.mode is "apply"');
  if (mode === "agent" && manifest !== void 0) invalid("puppet.manifest", 'is used only when puppet.mode is "apply"; remove it');
  const sudo = p.sudo ?? !host2.isRoot;
  if (typeof sudo !== "boolean") invalid("puppet.sudo", `must be true or false, got ${JSON.stringify(sudo)}`);
  if (sudo && file === void 0) {
    invalid("puppet.sudo", "needs a config file: the root helper reads its settings only from a root-owned file (give --config)");
  }
  const bin = path(p, "bin", "puppet.bin") ?? host2.findPuppet();
  if (bin === void 0) {
    invalid("puppet.bin", `no puppet found in ${AIO_PUPPET} or on PATH; set it to the puppet binary's path`);
  }
  const packaging = bin.startsWith("/opt/puppetlabs/") ? PACKAGING.aio : PACKAGING.distro;
  const args = p.args ?? [];
  if (!Array.isArray(args)) invalid("puppet.args", "must be an array of strings");
  args.forEach((arg, i2) => {
    if (typeof arg !== "string" || !ARG.test(arg)) {
      invalid(`puppet.args[${i2}]`, `must be one "--option" or "--option=value" without control characters, got ${JSON.stringify(arg)}`);
    }
  });
  const environments = p.environments ?? [];
  if (!Array.isArray(environments)) invalid("puppet.environments", "must be an array of environment names");
  environments.forEach((name, i2) => {
    if (typeof name !== "string" || !ENVIRONMENT_NAME.test(name)) {
      invalid(`puppet.environments[${i2}]`, `must be an environment name (lower case letters, digits and _), got ${JSON.stringify(name)}`);
    }
  });
  const tls2 = tlsConfig(raw.tls);
  const state_dir = path(raw, "state_dir", "state_dir") ?? DEFAULTS.state_dir;
  const schedule = scheduleConfig(raw.schedule, environments, host2);
  return {
    file,
    bind,
    port,
    max_connections,
    run_dir: path(raw, "run_dir", "run_dir"),
    state_dir,
    history: integer(raw.history, "history", 1, 1e4) ?? DEFAULTS.history,
    puppet: {
      bin,
      mode,
      ...manifest !== void 0 ? { manifest } : {},
      sudo,
      setsid: path(p, "setsid", "puppet.setsid") ?? DEFAULTS.setsid,
      statedir: path(p, "statedir", "puppet.statedir") ?? packaging.statedir,
      lastrunfile: path(p, "lastrunfile", "puppet.lastrunfile") ?? packaging.lastrunfile,
      conf: path(p, "conf", "puppet.conf") ?? packaging.conf,
      environments,
      max_splay: integer(p.max_splay, "puppet.max_splay", 0, MAX_SPLAY) ?? DEFAULTS.max_splay,
      run_timeout: integer(p.run_timeout, "puppet.run_timeout", 0, 604800) ?? DEFAULTS.run_timeout,
      args
    },
    ...tls2 !== void 0 ? { tls: tls2 } : {},
    auth: authConfig(raw.auth),
    limits: limitsConfig(raw.limits),
    audit_log: path(raw, "audit_log", "audit_log") ?? (0, import_node_path2.join)(state_dir, DEFAULTS.audit_file),
    audit_max_bytes: integer(raw.audit_max_bytes, "audit_max_bytes", 4096, 1024 ** 4) ?? DEFAULTS.audit_max_bytes,
    access_log: oneOf(raw.access_log, "access_log", ACCESS_LOG) ?? DEFAULTS.access_log,
    output_max_bytes: integer(raw.output_max_bytes, "output_max_bytes", 0, 1024 ** 3) ?? DEFAULTS.output_max_bytes,
    ...schedule !== void 0 ? { schedule } : {},
    metrics: metricsConfig(raw.metrics)
  };
}
function redactSecrets(config) {
  return { ...config, auth: { ...config.auth, webhooks: config.auth.webhooks.map((w) => ({ ...w, secret: REDACTED })) } };
}
var REDACTED = "(redacted)";
function oneOf(value2, key, allowed) {
  if (value2 === void 0) return void 0;
  if (typeof value2 !== "string" || !allowed.includes(value2)) {
    invalid(key, `must be ${allowed.map((m) => `"${m}"`).join(", ")}, got ${JSON.stringify(value2)}`);
  }
  return value2;
}
function section(value2, name, keys) {
  if (value2 === void 0) return {};
  if (!isObject(value2)) invalid(name, "must be an object");
  checkKeys(value2, keys, `${name}.`);
  return value2;
}
function list(value2, name) {
  if (value2 === void 0) return [];
  if (!Array.isArray(value2)) invalid(name, "must be an array");
  return value2;
}
function entry(value2, name, keys) {
  if (!isObject(value2)) invalid(name, `must be an object with keys ${keys.join(", ")}`);
  checkKeys(value2, keys, `${name}.`);
  for (const key of keys) if (value2[key] === void 0) invalid(`${name}.${key}`, "is required");
  return value2;
}
function identityId(value2, name, seen) {
  if (typeof value2 !== "string" || !IDENTITY_ID.test(value2)) {
    invalid(name, `must be 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit, got ${JSON.stringify(value2)}`);
  }
  if (seen.has(value2)) invalid(name, `"${value2}" is used twice; every id must be unique`);
  seen.add(value2);
  return value2;
}
function authConfig(value2) {
  const auth = section(value2, "auth", AUTH_KEYS);
  const tokenIds = /* @__PURE__ */ new Set();
  const tokens = list(auth.tokens, "auth.tokens").map((item, i2) => {
    const name = `auth.tokens[${i2}]`;
    const t = entry(item, name, ["id", "sha256", "scopes"]);
    const id = identityId(t.id, `${name}.id`, tokenIds);
    if (typeof t.sha256 !== "string" || !/^[0-9a-f]{64}$/.test(t.sha256)) {
      invalid(`${name}.sha256`, "must be the 64 lower-case hex digits of the token's SHA-256 (puppet-twitch token hash); never the token itself");
    }
    const scopes = list(t.scopes, `${name}.scopes`);
    if (scopes.length === 0) invalid(`${name}.scopes`, `must name at least one of ${SCOPES.join(", ")}`);
    scopes.forEach((scope, j) => {
      if (!SCOPES.includes(scope)) {
        invalid(`${name}.scopes[${j}]`, `must be one of ${SCOPES.join(", ")}, got ${JSON.stringify(scope)}`);
      }
    });
    return { id, sha256: t.sha256, scopes: [...new Set(scopes)] };
  });
  const hookIds = /* @__PURE__ */ new Set();
  const webhooks = list(auth.webhooks, "auth.webhooks").map((item, i2) => {
    const name = `auth.webhooks[${i2}]`;
    const w = entry(item, name, ["id", "type", "secret"]);
    const id = identityId(w.id, `${name}.id`, hookIds);
    if (!WEBHOOK_TYPES.includes(w.type)) {
      invalid(`${name}.type`, `must be one of ${WEBHOOK_TYPES.join(", ")}, got ${JSON.stringify(w.type)}`);
    }
    if (typeof w.secret !== "string" || w.secret.length < 16 || w.secret.length > 1024 || /[\0-\x1f\x7f]/.test(w.secret)) {
      invalid(`${name}.secret`, "must be a string of 16 to 1024 printable characters");
    }
    return { id, type: w.type, secret: w.secret };
  });
  const allow_from = list(auth.allow_from, "auth.allow_from").map((cidr, i2) => {
    if (typeof cidr !== "string" || parseCidr(cidr) === void 0) {
      invalid(`auth.allow_from[${i2}]`, `must be an IPv4 or IPv6 address or CIDR such as 10.0.0.0/8 or 2001:db8::/32, got ${JSON.stringify(cidr)}`);
    }
    return cidr;
  });
  const public_read = auth.public_read ?? DEFAULTS.public_read;
  if (typeof public_read !== "boolean") invalid("auth.public_read", `must be true or false, got ${JSON.stringify(public_read)}`);
  return { tokens, webhooks, allow_from, public_read };
}
function bool(obj, key, name, fallback) {
  const value2 = obj[key] ?? fallback;
  if (typeof value2 !== "boolean") invalid(name, `must be true or false, got ${JSON.stringify(value2)}`);
  return value2;
}
function metricsConfig(value2) {
  const metrics = section(value2, "metrics", METRICS_KEYS);
  return {
    enabled: bool(metrics, "enabled", "metrics.enabled", DEFAULTS.metrics.enabled),
    public: bool(metrics, "public", "metrics.public", DEFAULTS.metrics.public)
  };
}
function limitsConfig(value2) {
  const limits = section(value2, "limits", LIMITS_KEYS);
  return {
    max_body_bytes: integer(limits.max_body_bytes, "limits.max_body_bytes", 1024, 64 * 1024 * 1024) ?? DEFAULTS.max_body_bytes,
    triggers_per_minute: integer(limits.triggers_per_minute, "limits.triggers_per_minute", 1, 1e5) ?? DEFAULTS.triggers_per_minute,
    min_run_interval: integer(limits.min_run_interval, "limits.min_run_interval", 0, 86400) ?? DEFAULTS.min_run_interval
  };
}
function parseCidr(text2) {
  const slash = text2.indexOf("/");
  const address = slash === -1 ? text2 : text2.slice(0, slash);
  const family = (0, import_node_net.isIP)(address);
  if (family !== 4 && family !== 6) return void 0;
  const max = family === 4 ? 32 : 128;
  const prefixText = slash === -1 ? String(max) : text2.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) return void 0;
  return { address, family, prefix: Number(prefixText) };
}
function isExecutable(file) {
  try {
    (0, import_node_fs3.accessSync)(file, import_node_fs3.constants.X_OK);
    return (0, import_node_fs3.statSync)(file).isFile();
  } catch {
    return false;
  }
}
function findPuppet() {
  const dirs = (process.env.PATH ?? "").split(import_node_path2.delimiter).filter((d) => (0, import_node_path2.isAbsolute)(d));
  return [AIO_PUPPET, ...dirs.map((d) => (0, import_node_path2.join)(d, "puppet"))].find(isExecutable);
}
function hostFacts() {
  return { isRoot: process.getuid?.() === 0, findPuppet, timeZone: systemTimeZone };
}
function runBySudo() {
  return process.getuid?.() === 0 && process.env.SUDO_UID !== void 0;
}
function loadConfig(overrides, host2 = hostFacts(), trusting = false) {
  let file;
  let raw = {};
  if (overrides.config !== void 0) file = (0, import_node_path2.resolve)(overrides.config);
  else if (fileExists(DEFAULT_CONFIG_FILE)) file = DEFAULT_CONFIG_FILE;
  if (file !== void 0) {
    let text2;
    try {
      text2 = readRegularFile(file, { followSymlinks: !trusting });
    } catch (err2) {
      throw twitchError("CONFIG_INVALID", `Cannot read config file: ${err2.message}`);
    }
    if (text2 === void 0) throw twitchError("CONFIG_INVALID", `Cannot read config file ${file}: it does not exist`);
    try {
      raw = JSON.parse(text2);
    } catch (err2) {
      throw twitchError("CONFIG_INVALID", `Config file ${file} is not valid JSON: ${err2.message}`);
    }
  }
  try {
    return normalizeConfig(raw, overrides, host2, file);
  } catch (err2) {
    if (file !== void 0 && err2 instanceof Error) err2.message = `${file}: ${err2.message}`;
    throw err2;
  }
}
function fileExists(file) {
  try {
    return (0, import_node_fs3.statSync)(file).isFile();
  } catch {
    return false;
  }
}

// ts/auth/addresses.ts
function plainAddress(address) {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped === null ? address : mapped[1];
}
function allowList(cidrs) {
  if (cidrs.length === 0) return () => true;
  const list2 = new import_node_net2.BlockList();
  for (const text2 of cidrs) {
    const cidr = parseCidr(text2);
    if (cidr === void 0) throw new Error(`invalid CIDR ${text2}`);
    list2.addSubnet(cidr.address, cidr.prefix, cidr.family === 4 ? "ipv4" : "ipv6");
  }
  return (address) => {
    const plain2 = plainAddress(address);
    try {
      return list2.check(plain2, (0, import_node_net2.isIPv4)(plain2) ? "ipv4" : "ipv6");
    } catch {
      return false;
    }
  };
}

// ts/auth/limiter.ts
function slidingWindow(limit, windowMs, maxKeys = 5e4) {
  const events = /* @__PURE__ */ new Map();
  const live = (key, now) => {
    const list2 = events.get(key);
    if (list2 === void 0) return [];
    while (list2.length > 0 && list2[0] <= now - windowMs) list2.shift();
    if (list2.length === 0) events.delete(key);
    return list2;
  };
  const retryAfter = (list2, now) => Math.max(1, Math.ceil((list2[list2.length - limit] + windowMs - now) / 1e3));
  return {
    hit(key, now = Date.now()) {
      const list2 = live(key, now);
      if (list2.length >= limit) return retryAfter(list2, now);
      if (!events.has(key)) {
        if (events.size >= maxKeys) {
          for (const k of events.keys()) {
            live(k, now);
            if (events.size < maxKeys) break;
          }
          if (events.size >= maxKeys) events.delete(events.keys().next().value);
        }
        events.set(key, list2);
      }
      list2.push(now);
      return void 0;
    },
    over(key, now = Date.now()) {
      const list2 = live(key, now);
      return list2.length >= limit ? retryAfter(list2, now) : void 0;
    }
  };
}

// ts/lazy.ts
var crypto;
var tls;
var https;
var os;
var nodeCrypto = () => crypto ??= require("node:crypto");
var nodeTls = () => tls ??= require("node:tls");
var nodeHttps = () => https ??= require("node:https");
var nodeOs = () => os ??= require("node:os");

// ts/auth/crypto.ts
function sha256(data) {
  return nodeCrypto().createHash("sha256").update(data).digest();
}
function sameSecret(a2, b) {
  return nodeCrypto().timingSafeEqual(sha256(a2), sha256(b));
}
function hmacSha256(secret, data) {
  return nodeCrypto().createHmac("sha256", secret).update(data).digest();
}
function firstOfAll(items, matches) {
  let found;
  for (const item of items) if (matches(item) && found === void 0) found = item;
  return found;
}

// ts/auth/tokens.ts
function newToken() {
  return nodeCrypto().randomBytes(32).toString("base64url");
}
function tokenHash(token) {
  return sha256(token).toString("hex");
}
function tokenEntry(id, scopes, token) {
  return { id, sha256: tokenHash(token), scopes };
}
var BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
function bearerToken(header2) {
  if (header2 === void 0) return void 0;
  return BEARER.exec(header2)?.[1] ?? null;
}
function findToken(tokens, token) {
  const presented = sha256(token);
  const { timingSafeEqual } = nodeCrypto();
  return firstOfAll(tokens, (entry2) => timingSafeEqual(presented, Buffer.from(entry2.sha256, "hex")));
}

// ts/auth/webhooks.ts
var WEBHOOK_HEADERS = {
  github: "x-hub-signature-256",
  gitlab: "x-gitlab-token",
  hmac: "x-twitch-signature"
};
var HMAC_TOLERANCE_SECONDS = 300;
function signatureType(headers2) {
  return Object.keys(WEBHOOK_HEADERS).find((type) => headers2[WEBHOOK_HEADERS[type]] !== void 0);
}
function replayGuard(maxEntries = 1e5) {
  const seen = /* @__PURE__ */ new Map();
  return {
    firstUse(signature, expiresAt, now) {
      const known = seen.get(signature);
      if (known !== void 0 && known > now) return false;
      if (seen.size >= maxEntries) {
        for (const [key, until] of seen) if (until <= now) seen.delete(key);
        for (const key of seen.keys()) {
          if (seen.size < maxEntries) break;
          seen.delete(key);
        }
      }
      seen.set(signature, expiresAt);
      return true;
    }
  };
}
function hexEqual(expected, hex) {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return false;
  return nodeCrypto().timingSafeEqual(expected, Buffer.from(hex, "hex"));
}
var one = (value2) => Array.isArray(value2) ? value2.join(",") : value2 ?? "";
function verifyWebhook(all, type, headers2, body, guard, nowMs = Date.now()) {
  const hooks = all.filter((hook) => hook.type === type);
  const header2 = WEBHOOK_HEADERS[type];
  if (hooks.length === 0) return { error: `no ${type} webhook is configured on this node (auth.webhooks), so ${header2} is not accepted` };
  const value2 = one(headers2[header2]);
  switch (type) {
    case "github": {
      const hex = /^sha256=(.*)$/.exec(value2)?.[1];
      if (hex === void 0) return { error: `${header2} must be "sha256=" and the hex HMAC-SHA256 of the body` };
      const hook = firstOfAll(hooks, (h2) => hexEqual(hmacSha256(h2.secret, body), hex));
      return hook === void 0 ? { error: `${header2} does not match the body with any configured github webhook secret` } : { hook };
    }
    case "gitlab": {
      const hook = firstOfAll(hooks, (h2) => sameSecret(h2.secret, value2));
      return hook === void 0 ? { error: `${header2} is not the secret of any configured gitlab webhook` } : { hook };
    }
    case "hmac": {
      const parts = /^t=(\d{1,12}),v1=([0-9a-fA-F]{64})$/.exec(value2);
      if (parts === null) return { error: `${header2} must be "t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">"` };
      const t = Number(parts[1]);
      if (Math.abs(nowMs / 1e3 - t) > HMAC_TOLERANCE_SECONDS) {
        return { error: `${header2} timestamp is more than ${HMAC_TOLERANCE_SECONDS} s from this node's clock: sign each request when it is sent` };
      }
      const signed = Buffer.concat([Buffer.from(`${parts[1]}.`), body]);
      const hook = firstOfAll(hooks, (h2) => hexEqual(hmacSha256(h2.secret, signed), parts[2]));
      if (hook === void 0) return { error: `${header2} does not match the body with any configured hmac webhook secret` };
      const expiresAt = (t + HMAC_TOLERANCE_SECONDS + 1) * 1e3;
      if (!guard.firstUse(`${hook.id}:${parts[2].toLowerCase()}`, expiresAt, nowMs)) {
        return { error: `${header2} was already used: every request needs a new signature` };
      }
      return { hook };
    }
  }
}

// ts/auth/gate.ts
var REALM = "puppet-twitch";
var CHALLENGE = { "WWW-Authenticate": `Bearer realm="${REALM}"` };
var FAILED_AUTH_LIMIT = 10;
var FAILED_AUTH_BLOCK_SECONDS = 60;
var MINUTE = 6e4;
var CERT_SCOPES = /* @__PURE__ */ new Set(["trigger", "read"]);
var WEBHOOK_SCOPES = /* @__PURE__ */ new Set(["trigger"]);
var triggerKey = (identity3, peer) => identity3?.name ?? `address:${plainAddress(peer)}`;
function tooMany(seconds, message) {
  return twitchError("TOO_MANY_REQUESTS", message, { "Retry-After": String(seconds) });
}
function createGate(options) {
  const { auth, limits } = options;
  const now = options.now ?? Date.now;
  const closed = auth.tokens.length + auth.webhooks.length + auth.allow_from.length > 0 || options.clientCerts;
  const allowed = allowList(auth.allow_from);
  const failures = slidingWindow(FAILED_AUTH_LIMIT, MINUTE);
  const blocked = slidingWindow(1, FAILED_AUTH_BLOCK_SECONDS * 1e3);
  const triggers = slidingWindow(limits.triggers_per_minute, MINUTE);
  const replays = replayGuard();
  const unauthorized = (peer, message) => {
    const key = plainAddress(peer);
    if (failures.hit(key, now()) !== void 0) blocked.hit(key, now());
    return twitchError("UNAUTHORIZED", message, CHALLENGE);
  };
  const throttle = (peer) => {
    const wait = blocked.over(plainAddress(peer), now());
    if (wait !== void 0) {
      throw tooMany(wait, `Too many failed authentications from ${plainAddress(peer)}: try again in ${wait} s with valid credentials.`);
    }
  };
  return {
    closed,
    admit(peer) {
      if (!allowed(peer)) {
        throw twitchError("ADDRESS_NOT_ALLOWED", `Forbidden: ${printable(plainAddress(peer))} is not in this node's auth.allow_from.`);
      }
    },
    identify(headers2, cert, peer, scope) {
      if (!closed || scope === null) return null;
      throttle(peer);
      const token = bearerToken(headers2.authorization);
      if (token === null) throw unauthorized(peer, 'Unauthorized: the Authorization header must be "Bearer <token>".');
      if (token !== void 0) {
        const entry2 = findToken(auth.tokens, token);
        if (entry2 === void 0) throw unauthorized(peer, "Unauthorized: the bearer token is not valid on this node.");
        return { kind: "token", name: `token:${entry2.id}`, scopes: new Set(entry2.scopes) };
      }
      if (cert !== null) {
        if (!cert.allowed) {
          throw twitchError(
            "FORBIDDEN",
            `Forbidden: certificate ${printable(cert.certname)} is not in this node's tls.allowed_certnames.`
          );
        }
        return { kind: "cert", name: `cert:${cert.certname}`, scopes: CERT_SCOPES };
      }
      return null;
    },
    signature(headers2) {
      if (auth.webhooks.length === 0 || headers2.authorization !== void 0) return void 0;
      return signatureType(headers2);
    },
    verify(type, headers2, body, peer) {
      const verdict = verifyWebhook(auth.webhooks, type, headers2, body, replays, now());
      if ("error" in verdict) throw unauthorized(peer, `Unauthorized: ${verdict.error}.`);
      return { kind: "webhook", name: `webhook:${verdict.hook.id}`, scopes: WEBHOOK_SCOPES };
    },
    authorize(identity3, scope) {
      if (!closed || scope === null) return;
      if (scope === "read" && auth.public_read) return;
      if (identity3 === null) {
        throw twitchError(
          "UNAUTHORIZED",
          `Unauthorized: this node needs credentials with scope '${scope}': send "Authorization: Bearer <token>"${options.clientCerts ? " or a client certificate" : ""}.`,
          CHALLENGE
        );
      }
      const ok = identity3.scopes.has(scope) || scope === "trigger" && identity3.scopes.has("trigger_noop");
      if (!ok) throw twitchError("FORBIDDEN", `Forbidden: ${identity3.name} lacks scope '${scope}'.`);
    },
    checkTriggerRate(identity3, peer) {
      const key = triggerKey(identity3, peer);
      const wait = triggers.over(key, now());
      if (wait !== void 0) {
        throw tooMany(wait, `Too many triggers: ${limits.triggers_per_minute} a minute for ${key} (limits.triggers_per_minute); try again in ${wait} s.`);
      }
    },
    countTrigger(identity3, peer) {
      triggers.hit(triggerKey(identity3, peer), now());
    }
  };
}

// ts/auth/token-command.ts
var import_node_fs4 = require("node:fs");
var DEFAULT_TOKEN_SCOPES = ["trigger"];
function parseScopes(text2) {
  if (text2 === void 0) return DEFAULT_TOKEN_SCOPES;
  const scopes = text2.split(",").map((s) => s.trim());
  for (const scope of scopes) {
    if (!SCOPES.includes(scope)) {
      throw twitchError("USAGE", `Unknown scope '${scope}' in --scopes: use a comma-separated list of ${SCOPES.join(", ")}.`);
    }
  }
  return [...new Set(scopes)];
}
function tokenNew(id, scopesText) {
  if (!IDENTITY_ID.test(id)) {
    throw twitchError("USAGE", `Invalid --id '${id}': use 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit.`);
  }
  const token = newToken();
  const entry2 = tokenEntry(id, parseScopes(scopesText), token);
  return `${token}
# The token above is shown only now: give it to the caller (for example as a CI secret).
# Add this entry to auth.tokens in the config (or to the twitch class's tokens parameter):
${JSON.stringify(entry2)}
`;
}
function tokenHashCommand(stdin = 0) {
  const token = (0, import_node_fs4.readFileSync)(stdin, "utf8").trim();
  if (token === "" || /\s/.test(token)) throw twitchError("USAGE", 'token hash reads one token on stdin, for example: echo "$TOKEN" | puppet-twitch token hash');
  return `${tokenHash(token)}
`;
}

// ts/cli.ts
var DAEMON_COMMANDS = ["start", "stop", "restart", "status"];
var COMMANDS = ["serve", "helper", "config", "token", ...DAEMON_COMMANDS];
var TOKEN_ACTIONS = ["new", "hash"];
var OPTIONS = {
  serve: ["config", "bind", "port"],
  helper: ["config"],
  config: ["config", "bind", "port"],
  token: ["id", "scopes"],
  start: ["dir", "config", "bind", "port"],
  restart: ["dir", "config", "bind", "port"],
  stop: ["dir", "config"],
  status: ["dir", "config"]
};
var AFTER_SEPARATOR = {
  start: ["bind", "port"],
  restart: ["bind", "port"]
};
function isDaemonCommand(command) {
  return DAEMON_COMMANDS.includes(command);
}
var USAGE = `Usage:
  puppet-twitch serve [--config FILE] [--bind ADDR] [--port N]
  puppet-twitch start|restart [dir=DIR] [--config FILE] [-- [bind=ADDR] [port=N]]
  puppet-twitch stop|status [dir=DIR] [--config FILE]
  puppet-twitch config [--config FILE] [--bind ADDR] [--port N]   (print the effective config as JSON)
  puppet-twitch token new --id NAME [--scopes trigger,read]   (a new bearer token and its config entry)
  puppet-twitch token hash                 (the SHA-256 of a token read on stdin, for auth.tokens)
  puppet-twitch helper [--config FILE]     (the root entry point, run through sudo by the service)
  puppet-twitch --help | --version

The original's form is accepted too: puppet-twitch [serve] bind=127.0.0.1 port=8090 [config=FILE]

Commands:
  serve    run the service in the foreground, logging to stdout (the default); SIGHUP re-reads the
           TLS files (config key tls)
  start    run the service in the background; PID in DIR/puppet-twitch.pid, log in DIR/puppet-twitch.log
           (SIGHUP makes it reopen the log, for logrotate, and re-read the TLS files)
  stop     stop the background service (SIGTERM; a puppet run in progress goes on)
  restart  stop, then start with the same options (the last start's when none are given)
  status   running or not, with PID, address and the current run; exit 0 running, 1 dead but
           PID file left, 3 not running

Options:
  --config FILE  JSON config (default /etc/puppet-twitch/config.json when it exists)
  --bind ADDR    address to listen on (default 0.0.0.0)
  --port N       port to listen on (default 2023; 0 picks a free port)
  --dir DIR      run directory of start/stop/restart/status (default: the last start's, else the
                 config's run_dir); it must exist and be writable
`;
function parseArgs(argv) {
  if (argv[0] === "help" || argv.some((a2) => a2 === "--help" || a2 === "-h")) return { command: "help" };
  if (argv[0] === "version" || argv.some((a2) => a2 === "--version" || a2 === "-V")) return { command: "version" };
  let rest = [...argv];
  let command = "serve";
  if (rest.length > 0 && !rest[0].startsWith("-") && !rest[0].includes("=")) {
    const word = rest.shift();
    if (!COMMANDS.includes(word)) {
      throw twitchError("USAGE", `Unknown command '${word}'. Commands: ${COMMANDS.join(", ")}. See --help.`);
    }
    command = word;
  }
  const invocation = { command };
  if (command === "token") {
    const action = rest.shift();
    if (!TOKEN_ACTIONS.includes(action)) {
      throw twitchError("USAGE", `'token' needs an action: token new --id NAME [--scopes trigger,read], or token hash. See --help.`);
    }
    invocation.action = action;
  }
  let allowed = OPTIONS[command];
  const set = (key, value2, given) => {
    if (!allowed.includes(key)) {
      throw twitchError("USAGE", `Unknown option '${given}' for '${command}'. It takes: ${allowed.map((o2) => `--${o2}`).join(", ")}.`);
    }
    if (value2 === void 0 || value2 === "") throw twitchError("USAGE", `Option '${given}' needs a value.`);
    if (invocation[key] !== void 0) {
      throw twitchError("USAGE", `Option '--${key}' is given more than once.`);
    }
    invocation[key] = value2;
  };
  let separated = false;
  while (rest.length > 0) {
    const arg = rest.shift();
    if (arg === "--" && !separated && AFTER_SEPARATOR[command] !== void 0) {
      separated = true;
      allowed = AFTER_SEPARATOR[command];
    } else if (arg.startsWith("--") && arg !== "--") {
      const eq = arg.indexOf("=");
      if (eq > 0) set(arg.slice(2, eq), arg.slice(eq + 1), arg.slice(0, eq));
      else set(arg.slice(2), rest.shift(), arg);
    } else if (/^[a-z_]+=/.test(arg)) {
      const eq = arg.indexOf("=");
      set(arg.slice(0, eq), arg.slice(eq + 1), arg.slice(0, eq));
    } else {
      throw twitchError("USAGE", `Unexpected argument '${arg}'. See --help.`);
    }
  }
  if (invocation.action === "new" && invocation.id === void 0) throw twitchError("USAGE", `'token new' needs --id NAME.`);
  if (invocation.action === "hash" && (invocation.id ?? invocation.scopes) !== void 0) {
    throw twitchError("USAGE", `'token hash' takes no options: it reads the token on stdin.`);
  }
  return invocation;
}

// ts/daemon/commands.ts
var import_node_child_process = require("node:child_process");
var import_node_fs9 = require("node:fs");
var http = __toESM(require("node:http"));
var net = __toESM(require("node:net"));
var import_node_path6 = require("node:path");

// package.json
var version = "0.1.0";

// ts/version.ts
var version2 = version;
var INFO = "Puppet Twitch - A simple endpoint for triggering puppet";

// ts/http/api.ts
var PATHS = {
  trigger: "/puppet/twitch",
  runs: "/puppet/runs",
  run: "/puppet/runs/:id",
  runOutput: "/puppet/runs/:id/output",
  status: "/puppet/status",
  version: "/version",
  info: "/info",
  healthz: "/healthz",
  metrics: "/metrics",
  openapi: "/openapi.json"
};
var ROUTE_SCOPES = {
  [PATHS.trigger]: "trigger",
  [PATHS.runs]: "read",
  [PATHS.run]: "read",
  [PATHS.runOutput]: "read",
  [PATHS.status]: "read",
  [PATHS.metrics]: "read"
};
var ACCESS_LOGGED = /* @__PURE__ */ new Set([PATHS.trigger, PATHS.runs, PATHS.run, PATHS.runOutput, PATHS.status]);
function routeScopes(metrics) {
  if (!metrics.public) return ROUTE_SCOPES;
  const { [PATHS.metrics]: _metrics, ...scopes } = ROUTE_SCOPES;
  return scopes;
}
var OTHER_ROUTE = "other";
var runPath = (id) => `${PATHS.runs}/${id}`;
var runOutputPath = (id) => `${PATHS.runs}/${id}/output`;
var serviceUrl = (address, port, tls2) => `${tls2 ? "https" : "http"}://${address.includes(":") && !address.startsWith("[") ? `[${address}]` : address}:${port}`;
var TRIGGER_PARAMS = ["async", "stream", "noop", "tags", "skip_tags", "environment", "splay", "when_busy"];
var RUNS_PARAMS = ["limit"];
var RUN_PARAMS = ["wait"];
var TEXT = {
  triggered: "Triggered puppet run",
  queued: "Queued puppet run",
  busy: "Puppet already running",
  complete: "Puppet run complete",
  disabled: "Puppet agent is disabled",
  queueConflict: "A different run is already queued",
  healthy: "ok",
  info: INFO
};
var RETRY_AFTER_SECONDS = 30;
var MAX_WAIT_SECONDS = 600;
var JSON_TYPE = "application/json; charset=utf-8";

// ts/tls/files.ts
function problem(tls2, key, what) {
  return twitchError("CONFIG_INVALID", `Cannot use 'tls.${key}' ${tls2[key]}: ${what}`);
}
function read(tls2, key) {
  const path7 = tls2[key];
  let text2;
  try {
    text2 = readRegularFile(path7, { followSymlinks: true });
  } catch (err2) {
    const denied = /EACCES|EPERM/.test(err2.message);
    const uid = process.getuid?.();
    throw problem(
      tls2,
      key,
      denied ? `permission denied: make it readable by the user the service runs as${uid === void 0 ? "" : ` (uid ${uid})`}` : err2.message
    );
  }
  if (text2 === void 0) throw problem(tls2, key, "it does not exist: give the path of an existing PEM file");
  return text2;
}
var pemBlocks = (text2, label) => text2.match(new RegExp(`-----BEGIN ${label}-----[^-]+-----END ${label}-----`, "g")) ?? [];
function certificates(tls2, key, text2) {
  const blocks = pemBlocks(text2, "CERTIFICATE");
  if (blocks.length === 0) throw problem(tls2, key, 'it holds no PEM certificate ("-----BEGIN CERTIFICATE-----")');
  return blocks.map((block, i2) => {
    try {
      return new (nodeCrypto()).X509Certificate(block);
    } catch (err2) {
      throw problem(tls2, key, `certificate ${i2 + 1} in it cannot be parsed (${err2.message})`);
    }
  });
}
function privateKey(tls2, text2) {
  try {
    return nodeCrypto().createPrivateKey({ key: text2, format: "pem" });
  } catch (err2) {
    const code = err2.code;
    throw problem(tls2, "key", `it holds no usable PEM private key (one protected by a passphrase is not usable either)${code ? ` (${code})` : ""}`);
  }
}
function crls(tls2, text2) {
  const blocks = pemBlocks(text2, "X509 CRL");
  if (blocks.length === 0) throw problem(tls2, "crl", 'it holds no PEM CRL ("-----BEGIN X509 CRL-----")');
  blocks.forEach((crl, i2) => {
    try {
      nodeTls().createSecureContext({ crl });
    } catch (err2) {
      throw problem(tls2, "crl", `CRL ${i2 + 1} in it cannot be parsed (${err2.message})`);
    }
  });
  return blocks;
}
function loadTls(tls2, now = /* @__PURE__ */ new Date()) {
  const certText = read(tls2, "cert");
  const keyText = read(tls2, "key");
  const caText = read(tls2, "ca");
  const crlText = tls2.crl !== void 0 ? read(tls2, "crl") : void 0;
  const [leaf] = certificates(tls2, "cert", certText);
  if (!leaf.checkPrivateKey(privateKey(tls2, keyText))) {
    throw problem(tls2, "key", `this private key does not belong to the certificate in 'tls.cert' ${tls2.cert}: give the key that certificate was made for`);
  }
  const ca = certificates(tls2, "ca", caText).map((c3) => c3.toString());
  const crl = crlText !== void 0 ? crls(tls2, crlText) : void 0;
  const options = {
    cert: certText,
    key: keyText,
    ca,
    ...crl !== void 0 ? { crl } : {},
    // No session resumption when clients present certificates: every connection's certificate is checked
    // against the CA and the CRL as they are now, not as they were when a session ticket was issued.
    ...tls2.client_certs !== "none" ? { secureOptions: nodeCrypto().constants.SSL_OP_NO_TICKET } : {}
  };
  try {
    nodeTls().createSecureContext(options);
  } catch (err2) {
    throw twitchError(
      "CONFIG_INVALID",
      `Cannot use 'tls.cert' ${tls2.cert} with 'tls.key' ${tls2.key} and 'tls.ca' ${tls2.ca}: ${printable(err2.message)}`
    );
  }
  const validTo = new Date(leaf.validTo);
  const subject = leaf.subject.replace(/\n/g, ", ");
  return {
    options,
    summary: `certificate ${printable(subject)} (serial ${leaf.serialNumber}, valid until ${validTo.toISOString()})`,
    expired: validTo.getTime() < now.getTime()
  };
}
function localClientOptions(tls2) {
  const ca = pemBlocks(read(tls2, "ca"), "CERTIFICATE");
  try {
    return { ca, cert: read(tls2, "cert"), key: read(tls2, "key"), checkServerIdentity: () => void 0 };
  } catch {
    return { ca, checkServerIdentity: () => void 0 };
  }
}

// ts/daemon/logfile.ts
var import_node_fs5 = require("node:fs");
var LOG_FILE_ENV = "PUPPET_TWITCH_LOG_FILE";
function openLogFile(path7) {
  let fd = (0, import_node_fs5.openSync)(path7, "a", 420);
  return {
    write(text2) {
      try {
        (0, import_node_fs5.writeSync)(fd, text2);
      } catch {
      }
    },
    reopen() {
      const next = (0, import_node_fs5.openSync)(path7, "a", 420);
      const old = fd;
      fd = next;
      (0, import_node_fs5.closeSync)(old);
    }
  };
}

// ts/daemon/pidfile.ts
var import_node_fs7 = require("node:fs");
var import_node_path4 = require("node:path");

// ts/files.ts
var import_node_fs6 = require("node:fs");
var import_node_path3 = require("node:path");
function isAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch (err2) {
    if (err2.code !== "EPERM") return false;
  }
  try {
    const stat = (0, import_node_fs6.readFileSync)(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true;
  }
}
function writeFileAtomic(file, text2, mode) {
  const temp = (0, import_node_path3.join)((0, import_node_path3.dirname)(file), `.${(0, import_node_path3.basename)(file)}.${process.pid}.tmp`);
  (0, import_node_fs6.writeFileSync)(temp, text2, { mode });
  (0, import_node_fs6.renameSync)(temp, file);
}

// ts/daemon/pidfile.ts
function runFiles(dir) {
  return {
    dir,
    pid: (0, import_node_path4.join)(dir, "puppet-twitch.pid"),
    state: (0, import_node_path4.join)(dir, "puppet-twitch.json"),
    log: (0, import_node_path4.join)(dir, "puppet-twitch.log")
  };
}
function parsePid(text2) {
  const match2 = /^\s*(\d{1,10})\s*$/.exec(text2);
  if (!match2) return void 0;
  const pid = Number(match2[1]);
  return pid > 0 && pid <= 1073741823 ? pid : void 0;
}
function isServiceCmdline(cmdline, bundle) {
  const args = cmdline.split("\0").filter((a2) => a2 !== "");
  const at = args.findIndex((a2) => a2 === bundle || (0, import_node_path4.basename)(a2) === (0, import_node_path4.basename)(bundle));
  return at > 0 && args[at + 1] === "serve";
}
function readText(file) {
  try {
    return (0, import_node_fs7.readFileSync)(file, "utf8");
  } catch (err2) {
    if (err2.code === "ENOENT") return void 0;
    throw err2;
  }
}
function inspectPid(pid, bundle) {
  if (!isAlive(pid)) return { kind: "dead", pid };
  let cmdline = "";
  try {
    cmdline = readText(`/proc/${pid}/cmdline`) ?? "";
  } catch {
  }
  return isServiceCmdline(cmdline, bundle) ? { kind: "ours", pid } : { kind: "other", pid, cmdline: cmdline.split("\0").join(" ").trim() };
}
function readPidFile(file, bundle) {
  const text2 = readText(file);
  if (text2 === void 0) return { kind: "none" };
  const pid = parsePid(text2);
  return pid === void 0 ? { kind: "unreadable", text: text2 } : inspectPid(pid, bundle);
}
function reservePidFile(file) {
  const fd = (0, import_node_fs7.openSync)(file, "wx", 420);
  (0, import_node_fs7.fchmodSync)(fd, 420);
  return {
    fill(pid) {
      try {
        (0, import_node_fs7.writeSync)(fd, `${pid}
`);
      } finally {
        (0, import_node_fs7.closeSync)(fd);
      }
    }
  };
}
function readState(file) {
  try {
    const text2 = readText(file);
    return text2 === void 0 ? void 0 : JSON.parse(text2);
  } catch {
    return void 0;
  }
}
function writeState(file, state) {
  writeFileAtomic(file, `${JSON.stringify(state, null, 2)}
`, 420);
}
function removeRunFiles(files) {
  (0, import_node_fs7.rmSync)(files.pid, { force: true });
  (0, import_node_fs7.rmSync)(files.state, { force: true });
}

// ts/daemon/remember.ts
var import_node_fs8 = require("node:fs");
var import_node_path5 = require("node:path");
function lastFile(env = process.env, home = () => nodeOs().homedir()) {
  const base = env.XDG_STATE_HOME !== void 0 && (0, import_node_path5.isAbsolute)(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : (0, import_node_path5.join)(home(), ".local", "state");
  return (0, import_node_path5.join)(base, "puppet-twitch", "last.json");
}
function recall(file = lastFile()) {
  try {
    const data = JSON.parse((0, import_node_fs8.readFileSync)(file, "utf8"));
    if (typeof data.dir !== "string" || !(0, import_node_path5.isAbsolute)(data.dir)) return void 0;
    return { dir: data.dir, config: typeof data.config === "string" ? data.config : null };
  } catch {
    return void 0;
  }
}
function remember(value2, file = lastFile()) {
  (0, import_node_fs8.mkdirSync)((0, import_node_path5.join)(file, ".."), { recursive: true, mode: 448 });
  writeFileAtomic(file, `${JSON.stringify(value2, null, 2)}
`, 420);
}

// ts/daemon/commands.ts
var START_TIMEOUT_MS = 15e3;
var STOP_TIMEOUT_MS = 1e4;
var LISTENING = /listening on (https?):\/\/(\[[^\]]+\]|[^\s:]+):(\d+)/;
var out = (line) => process.stdout.write(`${line}
`);
var err = (line) => process.stderr.write(`puppet-twitch: ${line}
`);
var sleep = (ms) => new Promise((done) => setTimeout(done, ms));
function checkDir(dir) {
  let isDir;
  try {
    isDir = (0, import_node_fs9.statSync)(dir).isDirectory();
  } catch {
    throw twitchError("USAGE", `Run directory ${dir} does not exist: create it (mkdir -p ${dir}) or give another with dir=DIR.`);
  }
  if (!isDir) throw twitchError("USAGE", `Run directory ${dir} is not a directory: give a directory with dir=DIR.`);
  try {
    (0, import_node_fs9.accessSync)(dir, import_node_fs9.constants.W_OK | import_node_fs9.constants.X_OK);
  } catch {
    throw twitchError("USAGE", `Run directory ${dir} is not writable by this user: change its owner or mode, or give another with dir=DIR.`);
  }
}
function resolveTarget(inv) {
  const last = recall();
  let dir;
  let config = inv.config !== void 0 ? (0, import_node_path6.resolve)(inv.config) : void 0;
  if (inv.dir !== void 0) {
    dir = (0, import_node_path6.resolve)(inv.dir);
    config ??= readState(runFiles(dir).state)?.config ?? (last?.dir === dir ? last.config ?? void 0 : void 0);
  } else if (last !== void 0) {
    dir = last.dir;
    config ??= readState(runFiles(dir).state)?.config ?? last.config ?? void 0;
  } else {
    const loaded = loadConfig({ config: inv.config });
    if (loaded.run_dir === void 0) {
      throw twitchError(
        "USAGE",
        `No run directory: give one with dir=DIR (or --dir DIR), or set run_dir in the config (${loaded.file ?? "none found; give --config FILE"}).`
      );
    }
    dir = loaded.run_dir;
    config = loaded.file;
  }
  checkDir(dir);
  return { files: runFiles(dir), config };
}
function describe(found, file) {
  switch (found.kind) {
    case "unreadable":
      return `the PID file ${file} does not hold a PID`;
    case "dead":
      return `the PID file ${file} names pid ${found.pid}, which is not running`;
    case "other":
      return `the PID file ${file} names pid ${found.pid}, which is not puppet-twitch (${found.cmdline || "unknown command"})`;
    default:
      return "";
  }
}
function connectHost(address) {
  const bare = address.replace(/^\[(.*)\]$/, "$1");
  if (bare === "0.0.0.0") return "127.0.0.1";
  if (bare === "::") return "::1";
  return bare;
}
function accepts(host2, port) {
  return new Promise((done) => {
    const socket = net.connect({ host: host2, port });
    socket.setTimeout(1e3, () => socket.destroy());
    socket.on("connect", () => {
      socket.destroy();
      done(true);
    });
    socket.on("error", () => done(false));
    socket.on("close", () => done(false));
  });
}
function readFrom(file, offset) {
  let fd;
  try {
    fd = (0, import_node_fs9.openSync)(file, "r");
    const size = (0, import_node_fs9.fstatSync)(fd).size;
    if (size <= offset) return "";
    const buf = Buffer.alloc(Math.min(size - offset, 64 * 1024));
    const n2 = (0, import_node_fs9.readSync)(fd, buf, 0, buf.length, offset);
    return buf.subarray(0, n2).toString("utf8");
  } catch {
    return "";
  } finally {
    if (fd !== void 0) (0, import_node_fs9.closeSync)(fd);
  }
}
function indent(text2) {
  const lines = text2.trimEnd().split("\n");
  return lines.length === 1 && lines[0] === "" ? "  (nothing)" : lines.map((l) => `  ${l}`).join("\n");
}
async function start(target, opts, bundle) {
  const { files } = target;
  const found = readPidFile(files.pid, bundle);
  if (found.kind === "ours") {
    const state = readState(files.state);
    const where = state?.pid === found.pid ? ` on ${serviceUrl(state.address, state.port, state.tls === true)}` : "";
    out(`puppet-twitch is already running (pid ${found.pid})${where}`);
    return 0;
  }
  if (found.kind !== "none") {
    err(`${describe(found, files.pid)}: removing it (nothing is signalled)`);
    removeRunFiles(files);
  }
  let pidFile;
  try {
    pidFile = reservePidFile(files.pid);
  } catch (e) {
    if (e.code !== "EEXIST") throw e;
    err(`${files.pid} appeared while starting: another start is under way. Run 'puppet-twitch status dir=${files.dir}'.`);
    return 1;
  }
  const logFd = (0, import_node_fs9.openSync)(files.log, "a", 420);
  const offset = (0, import_node_fs9.fstatSync)(logFd).size;
  const args = [
    bundle,
    "serve",
    ...target.config !== void 0 ? ["--config", target.config] : [],
    ...opts.bind !== void 0 ? ["--bind", opts.bind] : [],
    ...opts.port !== void 0 ? ["--port", opts.port] : []
  ];
  const child = (0, import_node_child_process.spawn)(process.execPath, args, {
    detached: true,
    stdio: ["ignore", logFd, logFd],
    cwd: "/",
    env: { ...process.env, [LOG_FILE_ENV]: files.log }
  });
  (0, import_node_fs9.closeSync)(logFd);
  let exit;
  child.on("exit", (code, signal) => exit = signal !== null ? `killed by ${signal}` : `exit code ${code}`);
  child.on("error", (e) => exit = e.message);
  if (child.pid === void 0) {
    await sleep(10);
    removeRunFiles(files);
    err(`cannot run ${process.execPath}: ${exit ?? "unknown error"}`);
    return 1;
  }
  pidFile.fill(child.pid);
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (; ; ) {
    if (exit !== void 0) {
      removeRunFiles(files);
      err(`the service did not start (${exit}). Its log ${files.log} says:
${indent(readFrom(files.log, offset))}`);
      return 1;
    }
    const match2 = LISTENING.exec(readFrom(files.log, offset));
    if (match2 && await accepts(connectHost(match2[2]), Number(match2[3]))) {
      const tls2 = match2[1] === "https";
      const address = match2[2].replace(/^\[(.*)\]$/, "$1");
      const port = Number(match2[3]);
      writeState(files.state, {
        pid: child.pid,
        address,
        port,
        tls: tls2,
        config: target.config ?? null,
        bind_option: opts.bind ?? null,
        port_option: opts.port ?? null,
        started_at: (/* @__PURE__ */ new Date()).toISOString()
      });
      try {
        remember({ dir: files.dir, config: target.config ?? null });
      } catch (e) {
        err(`started, but cannot remember the run directory for later commands (${e.message}); give dir=${files.dir} to them`);
      }
      child.unref();
      out(`puppet-twitch started (pid ${child.pid}) on ${serviceUrl(address, port, tls2)}`);
      return 0;
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      removeRunFiles(files);
      err(
        `the service did not accept connections within ${START_TIMEOUT_MS / 1e3} s and was killed. Its log ${files.log} says:
` + indent(readFrom(files.log, offset))
      );
      return 1;
    }
    await sleep(25);
  }
}
async function stop(target, bundle) {
  const { files } = target;
  const found = readPidFile(files.pid, bundle);
  if (found.kind === "none") {
    removeRunFiles(files);
    out(`puppet-twitch is not running (no PID file in ${files.dir})`);
    return 0;
  }
  if (found.kind !== "ours") {
    removeRunFiles(files);
    out(`puppet-twitch is not running: ${describe(found, files.pid)}; left that process alone and removed the PID file`);
    return 0;
  }
  try {
    process.kill(found.pid, "SIGTERM");
  } catch (e) {
    if (e.code !== "ESRCH") throw e;
  }
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (inspectPid(found.pid, bundle).kind === "ours") {
    if (Date.now() > deadline) {
      err(
        `pid ${found.pid} did not exit within ${STOP_TIMEOUT_MS / 1e3} s of SIGTERM and is still running. See its log ${files.log}; 'kill -KILL ${found.pid}' stops it for good (a puppet run in progress goes on).`
      );
      return 1;
    }
    await sleep(25);
  }
  removeRunFiles(files);
  out(`puppet-twitch stopped (pid ${found.pid})`);
  return 0;
}
function currentRun(host2, port, tls2, config) {
  return new Promise((done, fail3) => {
    const onAnswer = (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => body += chunk);
      res.on("end", () => {
        try {
          if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}: ${body.trim()}`);
          const status3 = JSON.parse(body);
          done(status3.current_run ?? "none");
        } catch (e) {
          fail3(e);
        }
      });
    };
    let req;
    if (!tls2) req = http.get({ host: host2, port, path: PATHS.status, agent: false }, onAnswer);
    else {
      const settings = loadConfig({ config }).tls;
      if (settings === void 0) throw new Error(`the service speaks HTTPS, but its config (${config ?? "none"}) has no tls now`);
      req = nodeHttps().get({ host: host2, port, path: PATHS.status, agent: false, ...localClientOptions(settings) }, onAnswer);
    }
    req.setTimeout(5e3, () => req.destroy(new Error("no answer within 5 s")));
    req.on("error", fail3);
  });
}
async function status(target, bundle) {
  const { files } = target;
  const found = readPidFile(files.pid, bundle);
  if (found.kind === "none") {
    out(`puppet-twitch is stopped (no PID file in ${files.dir})`);
    return 3;
  }
  if (found.kind !== "ours") {
    out(`puppet-twitch is stopped, but ${describe(found, files.pid)}; 'puppet-twitch stop dir=${files.dir}' removes it`);
    return 1;
  }
  const state = readState(files.state);
  if (state?.pid !== found.pid) {
    out(`puppet-twitch is running (pid ${found.pid}); its address is unknown (${files.state} is missing or stale)`);
    return 0;
  }
  let run;
  try {
    run = `current run: ${await currentRun(connectHost(state.address), state.port, state.tls === true, target.config)}`;
  } catch (e) {
    run = `its status is unavailable: ${e.message}`;
  }
  out(`puppet-twitch is running (pid ${found.pid}) on ${serviceUrl(state.address, state.port, state.tls === true)}, ${run}`);
  return 0;
}
async function runDaemonCommand(command, inv, bundle) {
  const target = resolveTarget(inv);
  switch (command) {
    case "start":
      return start(target, { bind: inv.bind, port: inv.port }, bundle);
    case "stop":
      return stop(target, bundle);
    case "status":
      return status(target, bundle);
    case "restart": {
      const given = inv.bind !== void 0 || inv.port !== void 0;
      const state = readState(target.files.state);
      const opts = given ? { bind: inv.bind, port: inv.port } : { bind: state?.bind_option ?? void 0, port: state?.port_option ?? void 0 };
      const stopped = await stop(target, bundle);
      return stopped !== 0 ? stopped : start(target, opts, bundle);
    }
  }
}

// ts/http/server.ts
var import_node_http = require("node:http");
var import_node_fs11 = require("node:fs");

// ts/tls/peer.ts
var REASONS = {
  CERT_HAS_EXPIRED: "the certificate has expired: renew it",
  CERT_NOT_YET_VALID: "the certificate is not valid yet: check the clocks",
  CERT_REVOKED: "the certificate is revoked in tls.crl",
  UNABLE_TO_GET_ISSUER_CERT: "the certificate is not from the CA in tls.ca",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "the certificate is not from the CA in tls.ca",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the certificate is not from the CA in tls.ca",
  SELF_SIGNED_CERT_IN_CHAIN: "the certificate is not from the CA in tls.ca",
  DEPTH_ZERO_SELF_SIGNED_CERT: "the certificate is self-signed, not from the CA in tls.ca",
  CERT_SIGNATURE_FAILURE: "the certificate signature does not verify",
  UNABLE_TO_GET_CRL: "tls.crl holds no CRL from the certificate's issuer: give the CA's CRL file",
  CRL_HAS_EXPIRED: "the CRL in tls.crl has expired: refresh it from the CA",
  CRL_NOT_YET_VALID: "the CRL in tls.crl is not valid yet: check the clocks",
  INVALID_PURPOSE: "the certificate is not made for client authentication"
};
function describeVerifyError(code) {
  const key = code ?? "unknown";
  return `${REASONS[key] ?? "the certificate does not verify"} (${key})`;
}
function clientCertVerdict(mode, allowedCertnames, peer) {
  if (mode === "none") return { ok: true, clientCert: null };
  if (!peer.presented) {
    return mode === "required" ? { ok: false, reason: 'no client certificate, and tls.client_certs is "required": present a certificate from the CA in tls.ca' } : { ok: true, clientCert: null };
  }
  if (!peer.authorized) return { ok: false, reason: describeVerifyError(peer.error) };
  if (typeof peer.cn !== "string" || peer.cn === "") {
    return { ok: false, reason: "the certificate has no single subject CN to take the certname from" };
  }
  return { ok: true, clientCert: { certname: peer.cn, allowed: isAllowedCertname(allowedCertnames, peer.cn) } };
}
function describeHandshakeError(err2) {
  switch (err2.code) {
    case "ERR_SSL_HTTP_REQUEST":
      return "plain HTTP sent to the HTTPS port: use https://";
    case "ERR_TLS_HANDSHAKE_TIMEOUT":
      return "no complete handshake in time";
    case "ECONNRESET":
    case "EPIPE":
      return "the client closed the connection during the handshake";
  }
  const reason = err2.reason ?? err2.code ?? err2.message ?? "unknown error";
  return `${reason.slice(0, 120).replace(/[\0-\x1f\x7f]/g, " ")}${err2.code !== void 0 && err2.reason !== void 0 ? ` (${err2.code})` : ""}`;
}

// ts/http/limits.ts
var LIMITS = {
  maxUrlBytes: 4096,
  maxHeaderBytes: 16 * 1024,
  maxBodyBytes: 4 * 1024,
  /** Webhook bodies (up to limits.max_body_bytes each) received at once. */
  maxWebhookBodies: 32,
  headersTimeoutMs: 1e4,
  /** TLS: the handshake must be done within this (Node's default, 120 s, lets a silent client sit far longer). */
  handshakeTimeoutMs: 1e4,
  requestTimeoutMs: 3e4,
  keepAliveTimeoutMs: 5e3,
  /** How often header and request timeouts are enforced (Node's default, 30 s, would let them run 40 s). */
  timeoutCheckMs: 1e3,
  shutdownGraceMs: 1e4,
  /** File descriptors kept free for puppet's helper, log writes and the listening socket. */
  fdReserve: 64,
  /** GET /puppet/runs/<id>?wait= answers held at once (a held answer protects its connection from eviction). */
  maxHeldAnswers: 256,
  /** Streamed answers (stream=true, GET /puppet/runs/<id>/output) open at once, at most a quarter of max_connections. */
  maxStreams: 64,
  /** A watcher of a run's output with more than this unsent is cut off: it never holds the run or others back. */
  streamBufferBytes: 256 * 1024,
  /** A cut-off or shut-down stream's connection is destroyed this long after its last line, sent or not. */
  streamCloseGraceMs: 1e3,
  /** What a watcher joining a running run gets of what was printed before it came, at least (else output_max_bytes). */
  replayMinBytes: 64 * 1024
};

// ts/puppet/outcome.ts
var OUTCOME_NAMES = [
  "no_changes",
  "changes",
  "failures",
  "changes_and_failures",
  "failed",
  "disabled",
  "timeout",
  "killed",
  "unknown"
];
var BY_CODE = {
  0: { name: "no_changes", ok: true, meaning: "no changes" },
  2: { name: "changes", ok: true, meaning: "changes applied" },
  1: {
    name: "failed",
    ok: false,
    meaning: "the run failed, or was not attempted because another run holds the lock or the agent is disabled"
  },
  4: { name: "failures", ok: false, meaning: "the run had resource failures" },
  6: { name: "changes_and_failures", ok: false, meaning: "changes applied, with resource failures" }
};
function outcomeOf(code, signal, timedOut = false) {
  if (timedOut) return { name: "timeout", ok: false, code, signal, meaning: "stopped after the run timeout (puppet.run_timeout)" };
  if (code === null) {
    return signal === null ? { name: "unknown", ok: false, code, signal, meaning: "the helper ended without reporting how puppet ended" } : { name: "killed", ok: false, code, signal, meaning: `killed by signal ${signal}` };
  }
  const known = BY_CODE[code] ?? { name: "unknown", ok: false, meaning: "unexpected exit code" };
  return { code, signal, ...known };
}
function describeFailure(outcome) {
  return outcome.code === null ? `Puppet run failed: ${outcome.meaning}` : `Puppet run failed: exit code ${outcome.code} (${outcome.meaning})`;
}

// ts/http/respond.ts
var CLOSES_CONNECTION = /* @__PURE__ */ new Set([
  "ADDRESS_NOT_ALLOWED",
  "BAD_HOST",
  "BODY_TOO_LARGE",
  "EXPECTATION_FAILED",
  "HTTP_VERSION_NOT_SUPPORTED"
]);
function jsonReply(status3, value2, headers2 = {}) {
  return { status: status3, body: JSON.stringify(value2), headers: { "Content-Type": JSON_TYPE, ...headers2 } };
}
function replyForTrigger(result, json = false) {
  const reply = (status3, body, record, headers2 = {}) => {
    const location = record === void 0 ? {} : { Location: runPath(record.id) };
    return json && record !== void 0 ? jsonReply(status3, record, { ...location, ...headers2 }) : { status: status3, body, headers: { ...location, ...headers2 } };
  };
  const retry = { "Retry-After": String(RETRY_AFTER_SECONDS) };
  switch (result.kind) {
    case "started":
      return reply(202, TEXT.triggered, result.record);
    case "queued":
      return reply(202, TEXT.queued, result.record);
    case "busy":
      return reply(409, TEXT.busy, void 0, retry);
    case "queue_conflict":
      return reply(409, TEXT.queueConflict, void 0, { ...retry, Location: runPath(result.queued.id) });
    case "disabled":
      return reply(423, result.message === null ? TEXT.disabled : `${TEXT.disabled}: ${result.message}`);
    case "error":
      return reply(ERROR_STATUS.HELPER_FAILED, result.message);
    case "finished":
      if (result.record.outcome === "disabled") return reply(423, `${TEXT.disabled}`, result.record);
      return result.outcome.ok ? reply(200, TEXT.complete, result.record) : reply(ERROR_STATUS.RUN_FAILED, describeFailure(result.outcome), result.record);
    case "shutdown":
      return reply(
        ERROR_STATUS.SHUTTING_DOWN,
        "The service is shutting down before the puppet run ended; the run goes on, and its result is in the service log."
      );
  }
}
function replyForError(err2) {
  if (isTwitchError(err2)) {
    const reply = { status: ERROR_STATUS[err2.code], body: err2.message, headers: err2.headers };
    return CLOSES_CONNECTION.has(err2.code) ? { ...reply, close: true } : reply;
  }
  return { status: 500, body: `Internal error: ${err2?.message ?? String(err2)}` };
}

// ts/metrics/text.ts
var METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
var escapeLabelValue = (value2) => value2.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
var escapeHelp = (text2) => text2.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
function formatValue(value2) {
  if (Number.isNaN(value2)) return "NaN";
  if (value2 === Infinity) return "+Inf";
  if (value2 === -Infinity) return "-Inf";
  return String(value2);
}
function labelText(labels) {
  if (labels === void 0) return "";
  const pairs = Object.entries(labels).map(([name, value2]) => `${name}="${escapeLabelValue(value2)}"`);
  return pairs.length === 0 ? "" : `{${pairs.join(",")}}`;
}
function encode(families) {
  let out2 = "";
  for (const f of families) {
    if (f.samples.length === 0) continue;
    out2 += `# HELP ${f.name} ${escapeHelp(f.help)}
# TYPE ${f.name} ${f.type}
`;
    for (const s of f.samples) out2 += `${f.name}${s.suffix ?? ""}${labelText(s.labels)} ${formatValue(s.value)}
`;
  }
  return out2;
}
function histogramSamples(bounds, counts2, sum) {
  const samples = [];
  let cumulative = 0;
  bounds.forEach((le, i2) => {
    cumulative += counts2[i2];
    samples.push({ suffix: "_bucket", labels: { le: formatValue(le) }, value: cumulative });
  });
  const count2 = cumulative + counts2[bounds.length];
  samples.push({ suffix: "_bucket", labels: { le: "+Inf" }, value: count2 });
  samples.push({ suffix: "_sum", value: sum });
  samples.push({ suffix: "_count", value: count2 });
  return samples;
}

// ts/records.ts
var import_node_fs10 = require("node:fs");
var import_node_path7 = require("node:path");

// ts/puppet/protocol.ts
var RUN_ID = /^\d{8}T\d{9}Z-[0-9a-f]{6}$/;
var MAX_REQUEST_BYTES = 64 * 1024;
function encodeRequest(request) {
  return `${JSON.stringify(request)}
`;
}
function isObject2(value2) {
  return typeof value2 === "object" && value2 !== null && !Array.isArray(value2);
}
function parseRequest(line, puppet) {
  if (Buffer.byteLength(line) > MAX_REQUEST_BYTES) throw new Error(`the request is over ${MAX_REQUEST_BYTES} bytes`);
  let doc;
  try {
    doc = JSON.parse(line);
  } catch {
    throw new Error("the request is not JSON");
  }
  if (!isObject2(doc)) throw new Error("the request is not a JSON object");
  const keys = Object.keys(doc).sort().join(",");
  if (doc.action === "status") {
    if (keys !== "action") throw new Error(`a status request has no other keys (got ${keys})`);
    return { action: "status" };
  }
  if (doc.action !== "run") throw new Error('the action must be "run" or "status"');
  if (keys !== "action,id,options") throw new Error(`a run request has exactly the keys action, id, options (got ${keys})`);
  if (typeof doc.id !== "string" || !RUN_ID.test(doc.id)) throw new Error("the run id is malformed");
  if (!isObject2(doc.options)) throw new Error("the options are not a JSON object");
  return { action: "run", id: doc.id, options: checkOptions(doc.options, puppet) };
}
function encodeReport(report2) {
  return `${JSON.stringify(report2)}
`;
}
function parseReport(line) {
  try {
    const value2 = JSON.parse(line);
    return typeof value2 === "object" && value2 !== null && typeof value2.event === "string" ? value2 : void 0;
  } catch {
    return void 0;
  }
}
var HELPER_EXIT = { ok: 0, busy: 75, disabled: 76, error: 78 };

// ts/records.ts
var RUN_SOURCES = ["http", "schedule"];
var OUTPUT_TAIL_LINES = 50;
var MAX_LINE = 1e3;
function newRunId(now = /* @__PURE__ */ new Date()) {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(".", "");
  const random = Math.floor(Math.random() * 16777216).toString(16).padStart(6, "0");
  return `${stamp}-${random}`;
}
function newRecord(fields, now = /* @__PURE__ */ new Date()) {
  return {
    id: newRunId(now),
    state: "queued",
    ...fields,
    requested_at: now.toISOString(),
    started_at: null,
    finished_at: null,
    pid: null,
    exit_code: null,
    signal: null,
    outcome: null,
    summary: null,
    output_tail: [],
    error: null
  };
}
function addTail(tail, line) {
  tail.push(line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}...` : line);
  if (tail.length > OUTPUT_TAIL_LINES) tail.shift();
}
var FILE = /^(.+)\.json$/;
function looksLikeRecord(value2, id) {
  const r = value2;
  return typeof r === "object" && r !== null && r.id === id && typeof r.state === "string" && typeof r.requested_at === "string";
}
function openRecordStore(dir, history, log) {
  (0, import_node_fs10.mkdirSync)(dir, { recursive: true, mode: 488 });
  const records = /* @__PURE__ */ new Map();
  for (const name of (0, import_node_fs10.readdirSync)(dir).sort()) {
    const id = FILE.exec(name)?.[1];
    if (id === void 0 || !RUN_ID.test(id)) continue;
    try {
      const value2 = JSON.parse((0, import_node_fs10.readFileSync)((0, import_node_path7.join)(dir, name), "utf8"));
      if (!looksLikeRecord(value2, id)) throw new Error("not a run record");
      records.set(id, { ...value2, identity: value2.identity ?? null });
    } catch (err2) {
      log.error(`skipping run record ${(0, import_node_path7.join)(dir, name)}: ${err2.message}`);
    }
  }
  const prune = () => {
    for (const id of [...records.keys()].sort()) {
      if (records.size <= history) return;
      if (records.get(id)?.state !== "finished") continue;
      records.delete(id);
      (0, import_node_fs10.rmSync)((0, import_node_path7.join)(dir, `${id}.json`), { force: true });
      (0, import_node_fs10.rmSync)((0, import_node_path7.join)(dir, `${id}.log`), { force: true });
    }
  };
  return {
    save(record) {
      writeFileAtomic((0, import_node_path7.join)(dir, `${record.id}.json`), `${JSON.stringify(record)}
`, 416);
      const isNew = !records.has(record.id);
      records.set(record.id, record);
      if (isNew) prune();
    },
    get: (id) => records.get(id),
    list(limit = history) {
      return [...records.values()].sort((a2, b) => a2.id < b.id ? 1 : -1).slice(0, limit);
    }
  };
}

// ts/runner.ts
var NEXT = {
  idle: ["splaying", "starting", "running"],
  splaying: ["starting"],
  starting: ["running", "idle"],
  running: ["idle"]
};
var NO_RUN_LOG = () => ({ write: () => void 0, close: () => void 0 });
var NO_OUTPUT = () => ({ write: () => void 0, close: () => void 0 });
function outcomeFromSummary(summary, startedAt) {
  if (summary?.last_run === null || summary?.last_run === void 0 || startedAt === null) return "unknown";
  if (summary.last_run * 1e3 < Date.parse(startedAt) - 1e3) return "unknown";
  const failed = (summary.resources.failed ?? 0) + (summary.events.failure ?? 0) > 0;
  const changed = (summary.changes ?? 0) > 0;
  if (failed) return changed ? "changes_and_failures" : "failures";
  return changed ? "changes" : "no_changes";
}
function createRunner(deps) {
  const { launch, log, store, puppetStatus } = deps;
  const openRunLog = deps.openRunLog ?? NO_RUN_LOG;
  const openOutput = deps.openOutput ?? NO_OUTPUT;
  const now = deps.now ?? (() => /* @__PURE__ */ new Date());
  const random = deps.random ?? Math.random;
  let state = "idle";
  let current;
  let queued;
  const waiters = /* @__PURE__ */ new Map();
  const move = (to) => {
    if (!NEXT[state].includes(to)) throw new Error(`runner: illegal transition ${state} -> ${to}`);
    state = to;
  };
  const save = (record) => {
    try {
      store.save(record);
    } catch (err2) {
      log.error(`cannot write the record of puppet run ${record.id}: ${err2.message}`);
    }
  };
  const onFinish = (id, resolve3) => {
    const set = waiters.get(id) ?? /* @__PURE__ */ new Set();
    set.add(resolve3);
    waiters.set(id, set);
    return () => set.delete(resolve3);
  };
  const untilFinished = (record) => new Promise(
    (resolve3) => onFinish(
      record.id,
      (done) => resolve3(done === void 0 ? { kind: "shutdown" } : { kind: "finished", record: done, outcome: outcomeOfRecord(done) })
    )
  );
  const finalize = (record, fields) => {
    Object.assign(record, fields, { state: "finished", finished_at: now().toISOString() });
    save(record);
    deps.onFinished?.(record);
    for (const resolve3 of waiters.get(record.id) ?? []) resolve3(record);
    waiters.delete(record.id);
  };
  function startNext() {
    if (queued === void 0 || state !== "idle") return;
    const next = queued;
    queued = void 0;
    void begin(next.record, next.request, true);
  }
  async function begin(record, request, persisted) {
    current = record;
    if (request.splay > 0) {
      move("splaying");
      record.state = "splaying";
      save(record);
      const delay = Math.floor(random() * request.splay * 1e3);
      log.info(`puppet run ${record.id} splaying for ${(delay / 1e3).toFixed(1)}s`);
      return new Promise((resolve3) => setTimeout(resolve3, delay)).then(() => launchRun(record, request, true));
    }
    move("starting");
    return launchRun(record, request, persisted);
  }
  async function launchRun(record, request, persisted) {
    if (state === "splaying") move("starting");
    const runLog = openRunLog(record.id);
    const output = openOutput(record.id);
    const tail = [];
    const notStarted = (result) => {
      runLog.close();
      output.close();
      current = void 0;
      move("idle");
      if (persisted) {
        const outcome = result.kind === "disabled" ? "disabled" : "failed";
        const error = result.kind === "disabled" ? `the agent is disabled${result.message === null ? "" : `: ${result.message}`}` : result.kind === "busy" ? `another puppet run held the catalog lock (pid ${result.pid})` : result.message;
        if (result.kind !== "error") log.info(`puppet run ${record.id} not started: ${error}`);
        finalize(record, { outcome, error });
      }
      startNext();
      return result;
    };
    let proc;
    try {
      proc = launch({ action: "run", id: record.id, options: request.options }, (line) => {
        log.info(`puppet run ${record.id}: ${line}`);
        runLog.write(line);
        output.write(line);
        addTail(tail, line);
      });
    } catch (err2) {
      return notStarted({ kind: "error", message: `Cannot start the puppet-twitch helper: ${err2.message}` });
    }
    const first = await proc.first;
    if (first.event !== "started") {
      if (first.event === "busy") return notStarted({ kind: "busy", pid: first.pid });
      if (first.event === "disabled") return notStarted({ kind: "disabled", message: first.message });
      const message = first.event === "error" ? first.message : `The helper reported '${first.event}' before the run started`;
      log.error(`puppet run ${record.id} not started: ${message}`);
      return notStarted({ kind: "error", message });
    }
    move("running");
    Object.assign(record, { state: "running", started_at: now().toISOString(), pid: first.pid });
    save(record);
    log.info(`puppet run ${record.id} started (pid ${first.pid})`);
    void proc.done.then(
      (end) => finish(record, end, tail, runLog, output),
      (err2) => finish(record, { code: null, signal: null, timed_out: false, summary: null }, tail, runLog, output, err2.message)
    );
    return { kind: "started", record };
  }
  function finish(record, end, tail, runLog, output, error) {
    const outcome = outcomeOf(end.code, end.signal, end.timed_out);
    const took = ((now().getTime() - Date.parse(record.started_at ?? record.requested_at)) / 1e3).toFixed(1);
    const how = outcome.code === null ? outcome.meaning : `exit code ${outcome.code} (${outcome.meaning})`;
    log.info(`puppet run ${record.id} finished after ${took}s: ${how}`);
    runLog.write(`puppet run ${record.id} finished after ${took}s: ${how}`);
    runLog.close();
    output.close();
    current = void 0;
    move("idle");
    finalize(record, {
      exit_code: end.code,
      signal: end.signal,
      outcome: outcome.name,
      summary: end.summary,
      output_tail: tail,
      error: error ?? null
    });
    startNext();
  }
  function adopt(record) {
    if (record.state !== "running" || record.pid === null || current !== void 0) {
      finalize(record, { outcome: "unknown", error: "the service stopped before this run started or ended" });
      return;
    }
    const pid = record.pid;
    current = record;
    move("running");
    log.info(`puppet run ${record.id} (pid ${pid}) outlived a service restart; following it`);
    const check = () => {
      if (isAlive(pid)) return void setTimeout(check, deps.pollMs ?? 250).unref();
      current = void 0;
      move("idle");
      startNext();
      void puppetStatus().then((status3) => status3.summary, () => null).then((summary) => {
        const outcome = outcomeFromSummary(summary, record.started_at);
        finalize(record, {
          outcome,
          summary: outcome === "unknown" ? null : summary,
          error: "the service restarted during this run: its outcome comes from Puppet's last_run_summary.yaml"
        });
        log.info(`puppet run ${record.id} finished (seen after a restart): ${outcome}`);
      });
    };
    check();
  }
  for (const record of store.list()) if (record.state !== "finished") adopt(record);
  async function trigger(request) {
    if (state !== "idle") {
      if (request.when_busy === "reject") return { kind: "busy", pid: current?.pid ?? void 0 };
      if (queued !== void 0) {
        const same = sameOptions(queued.record.options, request.options) && (queued.record.options.splay ?? 0) === request.splay;
        if (!same) return { kind: "queue_conflict", queued: queued.record };
        return request.async ? { kind: "queued", record: queued.record } : untilFinished(queued.record);
      }
      const record2 = newRecord({ source: request.source, client: request.client, identity: request.identity, options: recordOptions(request) }, now());
      save(record2);
      queued = { record: record2, request };
      log.info(`puppet run ${record2.id} queued behind ${current?.id ?? "the current run"}`);
      return request.async ? { kind: "queued", record: record2 } : untilFinished(record2);
    }
    const record = newRecord({ source: request.source, client: request.client, identity: request.identity, options: recordOptions(request) }, now());
    const accepted = begin(record, request, false);
    if (request.splay > 0) {
      if (!request.async) return accepted.then((r) => r.kind === "started" ? untilFinished(record) : r);
      void accepted;
      return { kind: "started", record };
    }
    const result = await accepted;
    if (result.kind !== "started" || request.async) return result;
    return untilFinished(record);
  }
  return {
    trigger,
    wait(id, ms) {
      const record = store.get(id);
      if (record === void 0 || record.state === "finished" || ms <= 0) return Promise.resolve(record);
      return new Promise((resolve3) => {
        const timer = setTimeout(() => {
          cancel();
          resolve3(store.get(id));
        }, ms);
        const cancel = onFinish(id, (done) => {
          clearTimeout(timer);
          resolve3(done ?? store.get(id));
        });
      });
    },
    current: () => current,
    queued: () => queued?.record,
    state: () => state,
    shutdown() {
      for (const set of waiters.values()) for (const resolve3 of set) resolve3(void 0);
      waiters.clear();
    }
  };
}
function recordOptions(request) {
  return request.splay > 0 ? { ...request.options, splay: request.splay } : { ...request.options };
}
function outcomeOfRecord(record) {
  if (record.outcome === "timeout") return outcomeOf(record.exit_code, record.signal, true);
  if (record.exit_code !== null || record.signal !== null) return outcomeOf(record.exit_code, record.signal);
  const ok = record.outcome === "no_changes" || record.outcome === "changes";
  return { name: record.outcome ?? "unknown", ok, code: null, signal: null, meaning: record.error ?? (record.outcome ?? "unknown") };
}

// ts/output/format.ts
var PLAIN_TYPE = "text/plain; charset=utf-8";
var SSE_TYPE = "text/event-stream; charset=utf-8";
var wantsEvents = (accept) => /\btext\/event-stream\b/i.test(String(accept ?? ""));
function finishedLine(record) {
  const outcome = outcomeOfRecord(record);
  const how = outcome.code === null ? `${outcome.name} (${record.error ?? outcome.meaning})` : `exit code ${outcome.code} (${outcome.meaning})`;
  return `puppet-twitch: run ${record.id} finished: ${how}`;
}
var NOTE = {
  cutOff: (id) => `puppet-twitch: output cut off: this client read too slowly (GET ${runOutputPath(id)} has the whole output)`,
  truncated: (max) => `puppet-twitch: output truncated at ${max} bytes (output_max_bytes)`,
  /** a watcher that joined after the first `max` bytes of a run that prints more */
  skipped: (max) => `puppet-twitch: output skipped after the first ${max} bytes; following the run from here`,
  notKept: (id) => `puppet-twitch: the output of run ${id} is not kept (output_max_bytes is 0, or the file is gone)`,
  shutdown: (id) => `puppet-twitch: the service is shutting down; run ${id} goes on (GET ${runPath(id)} has its result once the service is back)`
};
var plainChunk = (line) => `${line}
`;
var outputEvent = (line) => `event: output
data: ${line}

`;
var finishedEvent = (record) => `event: finished
data: ${JSON.stringify(record)}

`;
var encodeLine = (line, events) => events ? outputEvent(line) : plainChunk(line);
function createCap(max) {
  let used = 0;
  let full = max === 0;
  let noted = max === 0;
  return {
    take(bytes) {
      if (!full && used + bytes <= max) {
        used += bytes;
        return "keep";
      }
      full = true;
      if (noted) return "drop";
      noted = true;
      return "truncate";
    },
    get used() {
      return used;
    },
    get full() {
      return full && max > 0;
    }
  };
}

// ts/status.ts
var STATUS_CACHE_MS = 2e3;
function cachedPuppetStatus(launch, cacheMs = STATUS_CACHE_MS, now = Date.now) {
  let cached;
  let inFlight;
  return () => {
    if (cached !== void 0 && now() - cached.at < cacheMs) {
      return "error" in cached ? Promise.reject(cached.error) : Promise.resolve(cached.value);
    }
    inFlight ??= (async () => {
      try {
        const first = await launch({ action: "status" }).first;
        if (first.event !== "status") {
          throw new Error(first.event === "error" ? first.message : `the helper answered '${first.event}' to a status request`);
        }
        const { event: _event, ...value2 } = first;
        cached = { at: now(), value: value2 };
        return value2;
      } catch (err2) {
        cached = { at: now(), error: err2 };
        throw err2;
      } finally {
        inFlight = void 0;
      }
    })();
    return inFlight;
  };
}
async function statusDocument(puppetStatus, runner, store, config, schedule, startedAt, now = Date.now()) {
  const puppet = await puppetStatus();
  const last = store.list().find((r) => r.state === "finished");
  const lastrun = puppet.summary?.last_run ?? null;
  const current = runner.current();
  return {
    applying: puppet.applying || runner.state() === "running",
    enabled: puppet.enabled,
    disabled_message: puppet.disabled_message,
    lastrun,
    since_lastrun: lastrun === null ? null : Math.max(0, Math.round(now / 1e3 - lastrun)),
    last_run: last === void 0 ? puppet.summary === null ? null : { id: null, outcome: null, summary: puppet.summary } : { id: last.id, outcome: last.outcome, summary: last.summary ?? puppet.summary },
    current_run: current?.id ?? null,
    queued_run: runner.queued()?.id ?? null,
    schedule: schedule?.expression ?? null,
    next_scheduled_run: schedule?.nextRun()?.toISOString() ?? null,
    idling: !puppet.applying && current === void 0,
    mode: config.puppet.mode,
    version: version2,
    uptime_seconds: Math.round((now - startedAt) / 1e3)
  };
}

// ts/trigger.ts
var TRUE = ["", "true", "1", "yes"];
var FALSE = ["false", "0", "no"];
function repeatedKey(text2) {
  const keys = /* @__PURE__ */ new Set();
  let depth = 0;
  for (let i2 = 0; i2 < text2.length; i2++) {
    const c3 = text2[i2];
    if (c3 === "{" || c3 === "[") depth++;
    else if (c3 === "}" || c3 === "]") depth--;
    else if (c3 === '"') {
      const start3 = i2;
      for (i2++; text2[i2] !== '"'; i2++) if (text2[i2] === "\\") i2++;
      let next = i2 + 1;
      while (/\s/.test(text2[next] ?? "")) next++;
      if (depth !== 1 || text2[next] !== ":") continue;
      const key = JSON.parse(text2.slice(start3, i2 + 1));
      if (keys.has(key)) return key;
      keys.add(key);
    }
  }
  return void 0;
}
function jsonParams(body) {
  let doc;
  try {
    doc = JSON.parse(body);
  } catch {
    throw twitchError("BAD_REQUEST", "The JSON body is not valid JSON.");
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw twitchError("BAD_REQUEST", "The JSON body must be an object.");
  const repeated = repeatedKey(body);
  if (repeated !== void 0) throw twitchError("BAD_PARAMETER", `Parameter '${printable(repeated)}' is given more than once.`);
  return Object.entries(doc).map(([key, value2]) => {
    if (typeof value2 === "string" || typeof value2 === "number" || typeof value2 === "boolean") return [key, String(value2)];
    if (Array.isArray(value2) && value2.every((v) => typeof v === "string")) return [key, value2.join(",")];
    throw twitchError("BAD_PARAMETER", `Invalid value for parameter '${printable(key)}': use a string, number, boolean or list of strings.`);
  });
}
function bodyParams(input) {
  if (input.body.length === 0) return [];
  if (input.contentType === "application/x-www-form-urlencoded") return [...new URLSearchParams(input.body)];
  if (input.contentType === "application/json") return jsonParams(input.body);
  throw twitchError(
    "UNSUPPORTED_MEDIA_TYPE",
    "Send parameters in the query string, or as an application/x-www-form-urlencoded or application/json POST body."
  );
}
function collectParams(input, accepted, path7) {
  const seen = /* @__PURE__ */ new Map();
  for (const [key, value2] of [...input.query, ...bodyParams(input)]) {
    if (!accepted.includes(key)) {
      const takes = accepted.length === 0 ? "takes no parameters" : `accepts ${accepted.map((a2) => `'${a2}'`).join(", ")}`;
      throw twitchError("UNKNOWN_PARAMETER", `Unknown parameter '${printable(key)}': ${path7} ${takes}.`);
    }
    if (seen.has(key)) throw twitchError("BAD_PARAMETER", `Parameter '${key}' is given more than once.`);
    seen.set(key, value2);
  }
  return seen;
}
function parseBoolean(name, raw) {
  const value2 = raw.toLowerCase();
  if (TRUE.includes(value2)) return true;
  if (FALSE.includes(value2)) return false;
  throw twitchError("BAD_PARAMETER", `Invalid value for parameter '${name}': "${printable(raw)}". Use true or false (also 1/0, yes/no).`);
}
function parseWholeNumber(name, raw, max, unit) {
  if (!/^\d{1,7}$/.test(raw) || Number(raw) > max) {
    throw twitchError("BAD_PARAMETER", `Invalid value for parameter '${name}': "${printable(raw)}". Use whole ${unit} from 0 to ${max}.`);
  }
  return Number(raw);
}
function parseRunRequest(input, puppet) {
  const params = collectParams(input, TRIGGER_PARAMS, "/puppet/twitch");
  const get2 = (name) => params.get(name);
  const list2 = (raw) => raw === void 0 ? void 0 : raw.split(",").map((t) => t.trim());
  const whenBusy = get2("when_busy") ?? "reject";
  if (whenBusy !== "reject" && whenBusy !== "queue") {
    throw twitchError("BAD_PARAMETER", `Invalid value for parameter 'when_busy': "${printable(whenBusy)}". Use reject or queue.`);
  }
  const splayRaw = get2("splay");
  const splay = splayRaw === void 0 ? 0 : parseWholeNumber("splay", splayRaw, 86400, "seconds");
  if (splay > puppet.max_splay) {
    throw twitchError(
      "FORBIDDEN",
      puppet.max_splay === 0 ? "Splay is not allowed on this node (puppet.max_splay is 0)." : `Splay ${splay} is over this node's limit of ${puppet.max_splay} seconds (puppet.max_splay).`
    );
  }
  const noop3 = get2("noop");
  const options = checkOptions(
    {
      noop: noop3 === void 0 ? void 0 : parseBoolean("noop", noop3),
      tags: list2(get2("tags")),
      skip_tags: list2(get2("skip_tags")),
      environment: get2("environment")
    },
    puppet
  );
  const asyncRaw = get2("async");
  const streamRaw = get2("stream");
  const stream = streamRaw === void 0 ? false : parseBoolean("stream", streamRaw);
  const async = asyncRaw === void 0 ? !stream : parseBoolean("async", asyncRaw);
  if (stream && async) {
    throw twitchError("BAD_PARAMETER", "Parameter 'stream' needs async=false: a streamed answer lasts as long as the run. Leave out async, or set it to false.");
  }
  return {
    options,
    splay,
    async,
    stream,
    when_busy: whenBusy,
    source: "http",
    client: input.client
  };
}

// ts/http/openapi.ts
var states = () => Object.keys({ queued: true, splaying: true, running: true, finished: true });
var sources = () => Object.keys({ http: true, schedule: true });
var outcomes = () => Object.keys({
  no_changes: true,
  changes: true,
  failures: true,
  changes_and_failures: true,
  failed: true,
  disabled: true,
  timeout: true,
  killed: true,
  unknown: true
});
var modes = () => Object.keys({ agent: true, apply: true });
var templated = (path7) => path7.replace(/:([A-Za-z_]+)/g, "{$1}");
var nullable = (schema) => ({ ...schema, type: [schema.type, "null"] });
var ref = (kind2, name) => ({ $ref: `#/components/${kind2}/${name}` });
var TEXT_PLAIN = "text/plain";
var SSE = "text/event-stream";
var plain = (description, example) => ({
  [TEXT_PLAIN]: { schema: { type: "string", description, ...example === void 0 ? {} : { examples: [example] } } }
});
var time = () => ({ type: "string", format: "date-time" });
var counts = () => ({ type: "object", additionalProperties: { type: "number" } });
function summarySchema() {
  const properties = {
    last_run: nullable({ type: "number", description: "time.last_run of last_run_summary.yaml: when the run ended, epoch seconds" }),
    total_time: nullable({ type: "number", description: "time.total: seconds" }),
    config_retrieval: nullable({ type: "number", description: "time.config_retrieval: seconds" }),
    config_version: nullable({ type: "string" }),
    environment: nullable({ type: "string" }),
    resources: { ...counts(), description: "resource counts (total, changed, failed, ...)" },
    events: { ...counts(), description: "event counts (total, success, failure, ...)" },
    changes: nullable({ type: "number", description: "changes.total" })
  };
  return {
    type: "object",
    description: "Puppet's last_run_summary.yaml after the run, read as root by the helper.",
    required: Object.keys(properties),
    properties,
    additionalProperties: false
  };
}
function optionsSchema() {
  const tags = { type: "array", items: { type: "string" }, minItems: 1 };
  const properties = {
    noop: { type: "boolean" },
    tags,
    skip_tags: tags,
    environment: { type: "string" },
    splay: { type: "integer", minimum: 0, description: "seconds" }
  };
  return { type: "object", description: "the run options asked for", properties, additionalProperties: false };
}
function recordSchema() {
  const properties = {
    id: { type: "string", pattern: RUN_ID.source, description: "UTC time to the millisecond, then 24 random bits" },
    state: { enum: states() },
    source: { enum: sources() },
    client: nullable({ type: "string", description: "the caller's address; null for a scheduled run" }),
    identity: nullable({ type: "string", description: "who the caller proved to be (token:<id>, webhook:<id>, cert:<certname>); null: anonymous" }),
    options: ref("schemas", "RunOptions"),
    requested_at: time(),
    started_at: nullable(time()),
    finished_at: nullable(time()),
    pid: nullable({ type: "integer", description: "puppet's PID" }),
    exit_code: nullable({ type: "integer", description: "puppet's exit code (--detailed-exitcodes)" }),
    signal: nullable({ type: "string" }),
    outcome: { enum: [...outcomes(), null] },
    summary: { oneOf: [ref("schemas", "Summary"), { type: "null" }] },
    output_tail: { type: "array", items: { type: "string" }, maxItems: OUTPUT_TAIL_LINES, description: "the last lines of puppet's output" },
    error: nullable({ type: "string", description: "why a run did not run or ended without puppet's own result" })
  };
  return { type: "object", description: 'A run record (README, "Run records").', required: Object.keys(properties), properties, additionalProperties: false };
}
function statusSchema() {
  const runId = nullable({ type: "string", pattern: RUN_ID.source });
  const properties = {
    applying: { type: "boolean", description: "a catalog run holds Puppet's lock with a live PID, or this service's run is going" },
    enabled: { type: "boolean" },
    disabled_message: nullable({ type: "string" }),
    lastrun: nullable({ type: "number", description: "time.last_run of last_run_summary.yaml, epoch seconds" }),
    since_lastrun: nullable({ type: "integer", minimum: 0, description: "seconds since lastrun" }),
    last_run: {
      oneOf: [
        {
          type: "object",
          required: ["id", "outcome", "summary"],
          properties: {
            id: runId,
            outcome: { enum: [...outcomes(), null] },
            summary: { oneOf: [ref("schemas", "Summary"), { type: "null" }] }
          },
          additionalProperties: false
        },
        { type: "null" }
      ]
    },
    current_run: runId,
    queued_run: runId,
    schedule: nullable({ type: "string", description: "schedule.cron" }),
    next_scheduled_run: nullable(time()),
    idling: { type: "boolean" },
    mode: { enum: modes() },
    version: { type: "string" },
    uptime_seconds: { type: "integer", minimum: 0 }
  };
  return { type: "object", required: Object.keys(properties), properties, additionalProperties: false };
}
var headers = () => ({
  Location: { description: "the run record: /puppet/runs/<id>", schema: { type: "string", pattern: "^/puppet/runs/[^/]+$" }, required: true },
  RetryAfter: { description: "seconds to wait before trying again", schema: { type: "string", pattern: "^[0-9]+$" }, required: true },
  WWWAuthenticate: { description: "the challenge", schema: { type: "string", const: CHALLENGE["WWW-Authenticate"] }, required: true },
  Allow: { description: "the path's methods", schema: { type: "string" }, required: true }
});
var header = (name, required = true) => required ? ref("headers", name) : { ...headers()[name], required: false };
var errorText = (description, headers2) => ({
  description,
  ...headers2 === void 0 ? {} : { headers: headers2 },
  content: plain("what went wrong and what to do")
});
var generic = () => ({
  BadRequest: [ERROR_STATUS.BAD_REQUEST, errorText("Malformed request (not valid HTTP/1.1, a target that is not a path, two Authorization headers), or an HTTP/1.1 request without exactly one valid Host header (BAD_REQUEST, BAD_HOST).")],
  Forbidden: [ERROR_STATUS.ADDRESS_NOT_ALLOWED, errorText("The client's address is not in auth.allow_from (ADDRESS_NOT_ALLOWED); the connection closes.")],
  NotFound: [ERROR_STATUS.NOT_FOUND, errorText("No such path (NOT_FOUND).")],
  MethodNotAllowed: [ERROR_STATUS.METHOD_NOT_ALLOWED, errorText("The path does not take this method (METHOD_NOT_ALLOWED).", { Allow: header("Allow") })],
  RequestTimeout: [ERROR_STATUS.REQUEST_TIMEOUT, errorText(`The headers did not arrive within ${LIMITS.headersTimeoutMs / 1e3} s or the whole request within ${LIMITS.requestTimeoutMs / 1e3} s (REQUEST_TIMEOUT).`)],
  BodyTooLarge: [ERROR_STATUS.BODY_TOO_LARGE, errorText(`Body over ${LIMITS.maxBodyBytes} bytes; a signed webhook request: over limits.max_body_bytes (BODY_TOO_LARGE).`)],
  UrlTooLong: [ERROR_STATUS.URL_TOO_LONG, errorText(`URL over ${LIMITS.maxUrlBytes} bytes (URL_TOO_LONG).`)],
  UnsupportedMediaType: [ERROR_STATUS.UNSUPPORTED_MEDIA_TYPE, errorText("A body on a method other than POST, or a POST body of another media type than application/x-www-form-urlencoded or application/json (UNSUPPORTED_MEDIA_TYPE).")],
  ExpectationFailed: [ERROR_STATUS.EXPECTATION_FAILED, errorText("An Expect header other than 100-continue (EXPECTATION_FAILED).")],
  HeadersTooLarge: [ERROR_STATUS.HEADERS_TOO_LARGE, errorText(`Request line and headers over ${LIMITS.maxHeaderBytes} bytes (HEADERS_TOO_LARGE).`)],
  InternalError: [500, errorText('Something broke in the service: "Internal error: ..."')],
  HttpVersionNotSupported: [ERROR_STATUS.HTTP_VERSION_NOT_SUPPORTED, errorText("A version other than HTTP/1.1 or HTTP/1.0, or none (HTTP_VERSION_NOT_SUPPORTED).")],
  Unauthorized: [ERROR_STATUS.UNAUTHORIZED, errorText("No credentials, or wrong ones, on a node that needs them (UNAUTHORIZED).", { "WWW-Authenticate": header("WWWAuthenticate") })],
  NotPermitted: [ERROR_STATUS.FORBIDDEN, errorText("The identity lacks the scope, a client certificate whose certname is not in tls.allowed_certnames, or an address outside auth.allow_from (FORBIDDEN, ADDRESS_NOT_ALLOWED).")],
  TooManyFailures: [ERROR_STATUS.TOO_MANY_REQUESTS, errorText(`More than ${FAILED_AUTH_LIMIT} failed authentications from the address in a minute, or too many signed webhook bodies arriving at once (TOO_MANY_REQUESTS).`, { "Retry-After": header("RetryAfter") })],
  ShuttingDown: [ERROR_STATUS.SHUTTING_DOWN, errorText("The service stopped while the caller waited for the run; the run goes on (SHUTTING_DOWN).")]
});
var anyRequestNames = () => ["BadRequest", "Forbidden", "NotFound", "MethodNotAllowed", "RequestTimeout", "UrlTooLong", "ExpectationFailed", "HeadersTooLarge", "HttpVersionNotSupported"];
var everyOperation = () => ["BadRequest", "Forbidden", "RequestTimeout", "BodyTooLarge", "UrlTooLong", "UnsupportedMediaType", "ExpectationFailed", "HeadersTooLarge", "InternalError", "HttpVersionNotSupported"];
var protectedOnly = () => ["Unauthorized", "NotPermitted", "TooManyFailures"];
var capitalized = (name) => name.replace(/(^|-)([a-z])/g, (_, dash, c3) => dash + c3.toUpperCase());
var webhookSchemes = () => ({
  github: { scheme: "githubSignature", description: 'GitHub: "sha256=" and the hex HMAC-SHA256 of the body with the webhook secret.' },
  gitlab: { scheme: "gitlabToken", description: "GitLab: the webhook's secret token." },
  hmac: { scheme: "twitchSignature", description: '"t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">", each signature accepted once, within 300 s of the clock.' }
});
function securitySchemes() {
  const schemes = {
    bearerAuth: { type: "http", scheme: "bearer", description: 'A token of auth.tokens (README, "Security"); the scopes are the ones of its entry.' },
    mutualTLS: { type: "mutualTLS", description: "A client certificate that chains to tls.ca, with a certname in tls.allowed_certnames: scopes trigger and read." }
  };
  for (const [type, { scheme, description }] of Object.entries(webhookSchemes())) {
    schemes[scheme] = { type: "apiKey", in: "header", name: capitalized(WEBHOOK_HEADERS[type]), description: `${description} Scope trigger.` };
  }
  return schemes;
}
function security(scope) {
  const scopes = scope === "trigger" ? ["trigger", "trigger_noop"] : [scope];
  const webhooks = scope === "trigger" ? Object.values(webhookSchemes()).map(({ scheme }) => ({ [scheme]: [] })) : [];
  return [{ bearerAuth: scopes }, { mutualTLS: scopes.filter((s) => s !== "trigger_noop") }, ...webhooks, {}];
}
var booleanText = () => ({ type: "string", pattern: "^(|true|false|1|0|yes|no)$", description: "any case; a bare name means true" });
var tagList2 = () => ({ type: "string", description: "comma-separated Puppet tags" });
var triggerDoc = () => ({
  async: { schema: booleanText(), description: "true (default): answer once the run is accepted; false: wait for its result" },
  noop: { schema: booleanText(), description: "--noop / --no-noop; absent: puppet's own setting" },
  tags: { schema: tagList2(), description: "--tags" },
  skip_tags: { schema: tagList2(), description: "--skip_tags" },
  environment: { schema: { type: "string", pattern: "^[a-z0-9_]+$" }, description: "one of puppet.environments (else 403)" },
  splay: { schema: { type: "string", pattern: "^[0-9]+$" }, description: "seconds, at most puppet.max_splay (else 403): wait a random time up to that long before puppet starts" },
  when_busy: { schema: { enum: ["reject", "queue"] }, description: "queue: while a run is in progress, queue one follow-up run (202)" },
  stream: {
    schema: booleanText(),
    description: "true: answer 200 at once and stream the run's output (text/plain, or text/event-stream when Accept asks); implies async=false, and with async=true is a 400"
  }
});
var query = (name, p) => ({ name, in: "query", required: false, description: p.description, schema: p.schema });
function triggerBody() {
  const json = {};
  for (const [name, p] of Object.entries(triggerDoc())) {
    json[name] = name === "tags" || name === "skip_tags" ? { oneOf: [{ type: "array", items: { type: "string" } }, { type: "string" }], description: p.description } : { type: ["string", "boolean", "number"], description: p.description };
  }
  const form = Object.fromEntries(Object.entries(triggerDoc()).map(([name, p]) => [name, { ...p.schema, description: p.description }]));
  return {
    required: false,
    description: "The parameters, instead of (not also in) the query string. A request signed as a webhook carries the sender's payload (up to limits.max_body_bytes), which is not read as parameters.",
    content: {
      "application/x-www-form-urlencoded": { schema: { type: "object", properties: form } },
      "application/json": { schema: { type: "object", properties: json } }
    }
  };
}
var recordOrText = (text2, example) => ({
  ...plain(text2, example),
  "application/json": { schema: ref("schemas", "RunRecord") }
});
var runOutputLines = (id) => `Each output line, then "puppet-twitch: run ${id} finished: exit code N (meaning)" (or "finished: <outcome> (<error>)"); a reader that falls too far behind gets "puppet-twitch: output cut off: ..." and the connection ends.`;
var streams = (subject) => ({
  [TEXT_PLAIN]: { schema: { type: "string", description: `chunked: ${runOutputLines("<id>")}` } },
  [SSE]: {
    schema: {
      type: "string",
      description: `${subject} as server-sent events when Accept asks for text/event-stream: "event: output" with one line of data per output line, then "event: finished" whose data is the run record JSON; then the response ends.`
    }
  }
});
function triggerResponses() {
  return {
    "200": {
      description: `async=false: the run finished well ("${TEXT.complete}", or with Accept: application/json the record). stream=true: the run started or was queued, and its output follows. A GitHub ping signed with a configured secret: "pong: webhook:<id> is verified".`,
      headers: { Location: header("Location", false) },
      content: {
        ...recordOrText(`"${TEXT.complete}", or "pong: ..."`, TEXT.complete),
        ...streams("the run's output")
      }
    },
    "202": {
      description: `The run has started (or splays, or is queued behind the current one): "${TEXT.triggered}" or "${TEXT.queued}"; with Accept: application/json the record.`,
      headers: { Location: header("Location") },
      content: recordOrText(`"${TEXT.triggered}" or "${TEXT.queued}"`, TEXT.triggered)
    },
    "400": errorText("A bad or repeated parameter, an unknown one (the body names it), stream=true with async=true, invalid JSON, or a malformed request (BAD_PARAMETER, UNKNOWN_PARAMETER, BAD_REQUEST, BAD_HOST)."),
    "403": errorText("An environment the config does not list, a splay over puppet.max_splay, a trigger_noop identity asking for a run that is not noop, an identity without the scope, a certname not allowed, an address outside auth.allow_from (FORBIDDEN, ADDRESS_NOT_ALLOWED)."),
    "409": {
      description: `"${TEXT.busy}" (a run is in progress, here or elsewhere), or "${TEXT.queueConflict}" (when_busy=queue with other options; Location names the queued run) (QUEUE_CONFLICT); Retry-After: ${RETRY_AFTER_SECONDS}.`,
      headers: { "Retry-After": header("RetryAfter"), Location: header("Location", false) },
      content: plain("why no run started", TEXT.busy)
    },
    "423": {
      description: `"${TEXT.disabled}: <message>": the agent is disabled, no run starts (async=false with Accept: application/json: the record, outcome disabled).`,
      headers: { Location: header("Location", false) },
      content: recordOrText("the disabled message", TEXT.disabled)
    },
    "429": errorText(
      "Over limits.triggers_per_minute, within limits.min_run_interval of the last run's start, after too many failed authentications, or too many signed bodies at once (TOO_MANY_REQUESTS).",
      { "Retry-After": header("RetryAfter") }
    ),
    "500": {
      description: 'async=false: the run failed ("Puppet run failed: exit code N (meaning)", or the record with Accept: application/json) (RUN_FAILED); the root helper could not start puppet (HELPER_FAILED); or something broke.',
      headers: { Location: header("Location", false) },
      content: recordOrText("what failed", "Puppet run failed: exit code 4 (the run had resource failures)")
    },
    "503": ref("responses", "ShuttingDown")
  };
}
var runIdParam = () => ({
  name: "id",
  in: "path",
  required: true,
  description: "the run id (a malformed or unknown one is a 404)",
  schema: { type: "string", pattern: RUN_ID.source }
});
var runNotFound = () => errorText(`No such run on this node (RUN_NOT_FOUND): GET ${PATHS.runs} lists the runs it remembers.`);
var rejectsParameters = () => errorText("Any query parameter: the path takes none (UNKNOWN_PARAMETER), or a malformed request.");
var textRoute = (summary, body) => ({
  summary,
  methods: ["GET", "HEAD"],
  responses: { "200": { description: body, content: plain(body, body) } }
});
function describedRoutes() {
  const P = PATHS;
  return {
    [P.trigger]: {
      summary: "Trigger a puppet run",
      description: "Parameters come from the query string or a POST body, each once. Signed webhook requests (X-Hub-Signature-256, X-Gitlab-Token, X-Twitch-Signature) take parameters from the query string only.",
      methods: ["GET", "POST"],
      parameters: Object.entries(triggerDoc()).map(([name, p]) => query(name, p)),
      requestBody: triggerBody(),
      responses: triggerResponses()
    },
    [P.runs]: {
      summary: "The run records, newest first",
      methods: ["GET"],
      parameters: [query(RUNS_PARAMS[0], { schema: { type: "integer", minimum: 0 }, description: "at most this many (default and most: history)" })],
      responses: {
        "200": { description: "run records, newest first", content: { "application/json": { schema: { type: "array", items: ref("schemas", "RunRecord") } } } },
        "400": errorText("A bad limit or an unknown parameter (BAD_PARAMETER, UNKNOWN_PARAMETER), or a malformed request.")
      }
    },
    [P.run]: {
      summary: "One run record",
      methods: ["GET"],
      parameters: [
        runIdParam(),
        query(RUN_PARAMS[0], {
          schema: { type: "integer", minimum: 0, maximum: MAX_WAIT_SECONDS },
          description: `hold the answer until the run finishes or this many seconds pass (at most ${MAX_WAIT_SECONDS}), then the record as it is`
        })
      ],
      responses: {
        "200": { description: "the record", content: { "application/json": { schema: ref("schemas", "RunRecord") } } },
        "400": errorText("A bad wait or an unknown parameter (BAD_PARAMETER, UNKNOWN_PARAMETER), or a malformed request."),
        "404": runNotFound()
      }
    },
    [P.runOutput]: {
      summary: "A run's output",
      description: "A finished run: its stored output (up to output_max_bytes), then the finished line. A running one: what it printed so far, then live. A queued or splaying one: waits for it to start.",
      methods: ["GET"],
      parameters: [runIdParam()],
      responses: {
        "200": { description: "the run's output", content: streams("the output") },
        "400": rejectsParameters(),
        "404": runNotFound()
      }
    },
    [P.status]: {
      summary: "Puppet's state, and the service's",
      methods: ["GET"],
      responses: {
        "200": { description: 'the status document (README, "Status")', content: { "application/json": { schema: ref("schemas", "Status") } } },
        "400": rejectsParameters(),
        "500": errorText("Puppet's state cannot be read through the root helper (HELPER_FAILED), or something broke.")
      }
    },
    [P.metrics]: {
      summary: "Prometheus metrics",
      description: "Needs the read scope unless auth.public_read or metrics.public is true or the node is open.",
      methods: ["GET", "HEAD"],
      responses: {
        "200": { description: "Prometheus text exposition format 0.0.4", content: { "text/plain; version=0.0.4": { schema: { type: "string" } } } },
        "404": errorText("metrics.enabled is false (NOT_FOUND).")
      }
    },
    [P.openapi]: {
      summary: "This document",
      methods: ["GET", "HEAD"],
      responses: { "200": { description: "the OpenAPI document", content: { "application/json": { schema: { type: "object" } } } } }
    },
    [P.version]: textRoute("The service's version", version2),
    [P.info]: textRoute("What this is", TEXT.info),
    [P.healthz]: textRoute("Liveness", TEXT.healthy)
  };
}
function operation(path7, route2, method) {
  const scope = ROUTE_SCOPES[path7];
  const responses = {};
  const answers = generic();
  for (const name of [...everyOperation(), ...scope === void 0 ? [] : protectedOnly()]) responses[String(answers[name][0])] = ref("responses", name);
  Object.assign(responses, route2.responses);
  const sorted = Object.fromEntries(Object.entries(responses).sort(([a2], [b]) => Number(a2) - Number(b)));
  return {
    operationId: `${method.toLowerCase()}${path7.replace(/[/.:]+([a-z])?/g, (_, c3) => (c3 ?? "").toUpperCase())}`,
    summary: route2.summary,
    ...route2.description === void 0 ? {} : { description: route2.description },
    ...route2.parameters === void 0 ? {} : { parameters: route2.parameters },
    ...method === "POST" && route2.requestBody !== void 0 ? { requestBody: route2.requestBody } : {},
    ...scope === void 0 ? { security: [] } : { security: security(scope) },
    responses: sorted
  };
}
function buildOpenApi() {
  const paths = {};
  for (const [path7, route2] of Object.entries(describedRoutes())) {
    paths[templated(path7)] = Object.fromEntries(route2.methods.map((m) => [m.toLowerCase(), operation(path7, route2, m)]));
  }
  const anyRequest = {};
  const answers = generic();
  for (const name of anyRequestNames()) anyRequest[String(answers[name][0])] = ref("responses", name);
  return {
    openapi: "3.1.0",
    info: {
      title: "puppet-twitch",
      version: version2,
      summary: "Trigger a Puppet agent run on a node over HTTP, safely",
      description: `Every error answer is plain text that says what went wrong and what to do. x-any-request lists the answers any request can get whatever its path: an unknown path is a 404, a method a path does not list is a 405 with Allow. Scopes: ${SCOPES.join(", ")} (README, "Security"). The JSON bodies are ${JSON_TYPE}.`,
      license: { name: "Apache-2.0", identifier: "Apache-2.0" }
    },
    "x-any-request": anyRequest,
    paths,
    components: {
      schemas: { RunRecord: recordSchema(), RunOptions: optionsSchema(), Summary: summarySchema(), Status: statusSchema() },
      responses: Object.fromEntries(Object.entries(generic()).map(([name, [, response]]) => [name, response])),
      headers: headers(),
      securitySchemes: securitySchemes()
    }
  };
}
var text;
var openApiJson = () => text ??= JSON.stringify(buildOpenApi());

// ts/http/routes.ts
var wantsJson = (ctx) => /\bapplication\/json\b/i.test(String(ctx.headers.accept ?? ""));
var queryOnly = (ctx) => ({ query: ctx.query, body: "", contentType: "", client: ctx.peer });
var isWebhook = (ctx) => ctx.identity?.kind === "webhook";
var FOREVER_MS = 2 ** 31 - 1;
function lastStart(store) {
  for (const record of store.list()) {
    const at = record.started_at ?? (record.state === "splaying" ? record.requested_at : null);
    if (at !== null) return Date.parse(at);
  }
  return void 0;
}
function routes(deps) {
  const { runner, store, config } = deps;
  const text2 = (body) => () => ({ status: 200, body });
  const now = deps.now ?? Date.now;
  const maxStreams = Math.max(1, Math.min(LIMITS.maxStreams, Math.floor(config.max_connections / 4)));
  let streams2 = 0;
  const streamSlot = () => {
    if (streams2 >= maxStreams) {
      throw twitchError(
        "TOO_MANY_REQUESTS",
        `Too many streamed answers are open (${maxStreams}, the service's limit of output streams): try again later, or poll ${PATHS.runs}/<id>.`,
        { "Retry-After": "5" }
      );
    }
    streams2 += 1;
    let released = false;
    return () => {
      if (!released) streams2 -= 1;
      released = true;
    };
  };
  const streamed = (ctx, record, release, headers2 = {}) => {
    const events = wantsEvents(ctx.headers.accept);
    const finished7 = () => runner.wait(record.id, FOREVER_MS);
    return {
      status: 200,
      body: "",
      headers: { "Content-Type": events ? SSE_TYPE : PLAIN_TYPE, "Cache-Control": "no-cache", ...headers2 },
      stream: (res) => deps.output.stream(res, { id: record.id, events, record, finished: finished7 }).finally(release)
    };
  };
  const trigger = async (ctx) => {
    if (isWebhook(ctx) && ctx.headers["x-github-event"] === "ping") return { status: 200, body: `pong: ${ctx.identity?.name} is verified` };
    deps.gate.checkTriggerRate(ctx.identity, ctx.peer ?? "-");
    const input = isWebhook(ctx) ? queryOnly(ctx) : { query: ctx.query, body: ctx.body, contentType: ctx.contentType, client: ctx.peer };
    const { stream, ...parsed } = parseRunRequest(input, config.puppet);
    const request = { ...parsed, identity: ctx.identity?.name ?? null };
    const scopes = ctx.identity?.scopes;
    if (scopes !== void 0 && !scopes.has("trigger") && request.options.noop !== true) {
      throw twitchError("FORBIDDEN", `Forbidden: ${ctx.identity?.name} may only trigger noop runs (scope 'trigger_noop'): add noop=true.`);
    }
    const interval = config.limits.min_run_interval * 1e3;
    const last = interval === 0 ? void 0 : lastStart(store);
    if (last !== void 0 && now() - last < interval) {
      const wait = Math.max(1, Math.ceil((last + interval - now()) / 1e3));
      throw twitchError(
        "TOO_MANY_REQUESTS",
        `The last puppet run started less than ${config.limits.min_run_interval} s ago (limits.min_run_interval): try again in ${wait} s.`,
        { "Retry-After": String(wait) }
      );
    }
    const release = stream ? streamSlot() : void 0;
    let result;
    try {
      result = await runner.trigger(stream ? { ...request, async: true } : request);
    } catch (err2) {
      release?.();
      throw err2;
    }
    if (result.kind === "started" || result.kind === "queued" || result.kind === "finished") deps.gate.countTrigger(ctx.identity, ctx.peer ?? "-");
    const run_id = "record" in result ? result.record.id : null;
    const audit = { options: request.options, run_id };
    if (release !== void 0 && (result.kind === "started" || result.kind === "queued")) {
      return { ...streamed(ctx, result.record, release, { Location: runPath(result.record.id) }), audit };
    }
    release?.();
    return { ...replyForTrigger(result, wantsJson(ctx)), audit };
  };
  const runs = (ctx) => {
    const limit = collectParams(queryOnly(ctx), RUNS_PARAMS, PATHS.runs).get("limit");
    const count2 = limit === void 0 ? config.history : parseWholeNumber("limit", limit, config.history, "runs");
    return jsonReply(200, store.list(count2));
  };
  let held = 0;
  const known = (id) => {
    const record = RUN_ID.test(id) ? store.get(id) : void 0;
    if (record === void 0) throw twitchError("RUN_NOT_FOUND", `No run ${id.slice(0, 64)}: GET ${PATHS.runs} lists the runs this node remembers.`);
    return record;
  };
  const run = async (ctx) => {
    const { id } = ctx.params;
    known(id);
    const wait = collectParams(queryOnly(ctx), RUN_PARAMS, PATHS.runs).get("wait");
    const seconds = wait === void 0 ? 0 : parseWholeNumber("wait", wait, MAX_WAIT_SECONDS, "seconds");
    if (seconds === 0 || held >= LIMITS.maxHeldAnswers) return { ...jsonReply(200, store.get(id)), audit: { run_id: id } };
    held += 1;
    try {
      return { ...jsonReply(200, await runner.wait(id, seconds * 1e3)), audit: { run_id: id } };
    } finally {
      held -= 1;
    }
  };
  const output = (ctx) => {
    const record = known(ctx.params.id);
    collectParams(queryOnly(ctx), [], PATHS.runOutput);
    return { ...streamed(ctx, record, streamSlot()), audit: { run_id: record.id } };
  };
  const status3 = async (ctx) => {
    collectParams(queryOnly(ctx), [], PATHS.status);
    try {
      return jsonReply(200, await statusDocument(deps.puppetStatus, runner, store, config, deps.schedule, deps.startedAt));
    } catch (err2) {
      throw twitchError("HELPER_FAILED", `Cannot read Puppet's state through the helper: ${err2.message}`);
    }
  };
  const metrics = deps.metrics;
  const scrape = metrics && (async () => ({
    status: 200,
    body: await metrics.render({ puppetStatus: deps.puppetStatus, runner }),
    headers: { "Content-Type": METRICS_CONTENT_TYPE }
  }));
  const openapi = () => ({ status: 200, body: openApiJson(), headers: { "Content-Type": JSON_TYPE } });
  return {
    ...scrape === void 0 ? {} : { [PATHS.metrics]: { GET: scrape, HEAD: scrape } },
    [PATHS.trigger]: { GET: trigger, POST: trigger },
    [PATHS.runs]: { GET: runs },
    [PATHS.run]: { GET: run },
    [PATHS.runOutput]: { GET: output },
    [PATHS.status]: { GET: status3 },
    [PATHS.version]: { GET: text2(version2), HEAD: text2(version2) },
    [PATHS.info]: { GET: text2(TEXT.info), HEAD: text2(TEXT.info) },
    [PATHS.healthz]: { GET: text2(TEXT.healthy), HEAD: text2(TEXT.healthy) },
    [PATHS.openapi]: { GET: openapi, HEAD: openapi }
  };
}
function match(table, path7) {
  if (Object.prototype.hasOwnProperty.call(table, path7)) return { key: path7, params: {} };
  const parts = path7.split("/");
  for (const key of Object.keys(table)) {
    if (!key.includes("/:")) continue;
    const pattern = key.split("/");
    if (pattern.length !== parts.length) continue;
    const params = {};
    const ok = pattern.every((seg, i2) => {
      if (!seg.startsWith(":")) return seg === parts[i2];
      if (parts[i2] === "") return false;
      params[seg.slice(1)] = parts[i2];
      return true;
    });
    if (ok) return { key, params };
  }
  return void 0;
}
function route(table, path7, method) {
  const found = match(table, path7);
  if (found === void 0) throw twitchError("NOT_FOUND", `Not found: ${path7.slice(0, 200)}. Try POST ${PATHS.trigger}.`);
  const methods = table[found.key];
  const handler = methods[method];
  if (handler === void 0) {
    const allow = Object.keys(methods).join(", ");
    throw twitchError("METHOD_NOT_ALLOWED", `Method ${method} is not allowed on ${path7.slice(0, 200)}. Allowed: ${allow}.`, { Allow: allow });
  }
  return { handler, params: found.params, key: found.key };
}

// ts/http/server.ts
var EMPTY = Buffer.alloc(0);
function openFileLimit() {
  try {
    const line = (0, import_node_fs11.readFileSync)("/proc/self/limits", "utf8").split("\n").find((l) => l.startsWith("Max open files"));
    const soft = line?.split(/\s{2,}/)[1];
    return soft !== void 0 && /^\d+$/.test(soft) ? Number(soft) : void 0;
  } catch {
    return void 0;
  }
}
function readBody(req, limit) {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve3, reject) => {
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners("data");
        reject(tooLarge(limit));
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve3(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
var CONTINUE = /(?:^|\W)100-continue(?:$|\W)/i;
var HOST = /^(?:\[[0-9A-Za-z:.]+\]|[0-9A-Za-z\-._~!$&'()*+,;=%]*)(?::[0-9]*)?$/;
var EXAMPLE_LINE = 'e.g. "POST /puppet/twitch HTTP/1.1"';
var EXAMPLE_HOST = 'e.g. "Host: node01:2023"';
function checkProtocol(req) {
  if (req.httpVersionMajor !== 1 || req.httpVersionMinor > 1) {
    const version3 = req.httpVersionMajor === 0 ? "HTTP/0.9 (a request line without a version)" : `HTTP/${req.httpVersion}`;
    throw twitchError("HTTP_VERSION_NOT_SUPPORTED", `${version3} is not supported: send HTTP/1.1 (or HTTP/1.0), ${EXAMPLE_LINE}.`);
  }
  checkHost(req);
  const expect = req.headers.expect;
  if (expect !== void 0 && !CONTINUE.test(expect)) {
    throw twitchError(
      "EXPECTATION_FAILED",
      `Cannot meet "Expect: ${printable(expect)}": only "Expect: 100-continue" is supported; send the request without it.`
    );
  }
}
function checkHost(req) {
  let hosts = 0;
  let authorizations = 0;
  const raw = req.rawHeaders;
  for (let i2 = 0; i2 < raw.length; i2 += 2) {
    const name = raw[i2];
    if (name.length === 4 && (name === "Host" || name.toLowerCase() === "host")) hosts++;
    else if (name.length === 13 && name.toLowerCase() === "authorization") authorizations++;
  }
  if (hosts > 1) throw twitchError("BAD_HOST", `The request has ${hosts} Host headers: send exactly one, ${EXAMPLE_HOST}.`);
  if (authorizations > 1) {
    throw twitchError("BAD_REQUEST", `The request has ${authorizations} Authorization headers: send one, "Authorization: Bearer <token>".`);
  }
  const host2 = req.headers.host;
  if (host2 === void 0) {
    if (req.httpVersionMinor === 1) throw twitchError("BAD_HOST", `An HTTP/1.1 request needs a Host header: send one, ${EXAMPLE_HOST}.`);
  } else if (!HOST.test(host2)) {
    throw twitchError(
      "BAD_HOST",
      `Invalid Host header "${printable(host2)}": send the node's name or address, optionally with the port, ${EXAMPLE_HOST}.`
    );
  }
}
function parserError(err2) {
  switch (err2.code) {
    case "HPE_INVALID_EOF_STATE":
      return void 0;
    // the client closed its end mid-request: an abort, not something to answer
    case "HPE_HEADER_OVERFLOW":
      return twitchError(
        "HEADERS_TOO_LARGE",
        `Request headers too large: the limit is ${LIMITS.maxHeaderBytes} bytes for the request line and headers together; send fewer or shorter headers.`
      );
    case "HPE_INVALID_VERSION":
      if (err2.reason !== "Invalid HTTP version") break;
      return twitchError("HTTP_VERSION_NOT_SUPPORTED", `Unsupported HTTP version: send HTTP/1.1 (or HTTP/1.0), ${EXAMPLE_LINE}.`);
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return twitchError(
        "REQUEST_TIMEOUT",
        `Request not received in time: send the headers within ${LIMITS.headersTimeoutMs / 1e3} s and the whole request within ${LIMITS.requestTimeoutMs / 1e3} s.`
      );
  }
  if (!err2.code?.startsWith("HPE_")) return void 0;
  const reason = err2.reason === void 0 ? "" : ` (${printable(err2.reason)})`;
  return twitchError("BAD_REQUEST", `Malformed HTTP request${reason}: send a valid HTTP/1.1 request, ${EXAMPLE_LINE} with a Host header.`);
}
function rawReply(error) {
  const { status: status3, body } = replyForError(error);
  const text2 = `HTTP/1.1 ${status3} ${import_node_http.STATUS_CODES[status3]}\r
Content-Type: text/plain; charset=utf-8\r
Content-Length: ${Buffer.byteLength(body)}\r
Connection: close\r
\r
${body}`;
  return { status: status3, text: text2 };
}
function tooLarge(limit) {
  return twitchError("BODY_TOO_LARGE", `Request body too large: the limit is ${limit} bytes.`);
}
function splitTarget(target) {
  if (!target.startsWith("/")) return void 0;
  const q = target.indexOf("?");
  return q === -1 ? { path: target, query: "" } : { path: target.slice(0, q), query: target.slice(q + 1) };
}
function context(req, conn, path7, query2, params, raw, identity3) {
  if (raw.length > 0 && req.method !== "POST") {
    throw twitchError("UNSUPPORTED_MEDIA_TYPE", `Only POST takes a body: send the parameters of ${req.method} in the query string.`);
  }
  return {
    method: req.method ?? "",
    path: path7,
    query: new URLSearchParams(query2),
    headers: req.headers,
    peer: conn.address,
    body: raw.toString("utf8"),
    contentType: (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase(),
    params,
    identity: identity3,
    clientCert: conn.clientCert
  };
}
function addressOf(conn) {
  const cert = conn.clientCert;
  if (cert === null) return conn.address;
  return `${conn.address} cert:${printable(cert.certname, 255).replace(/ /g, "\\x20")}${cert.allowed ? "" : "(disallowed)"}`;
}
var ends = (s) => `${s.remoteAddress} ${s.remotePort} ${s.localAddress} ${s.localPort}`;
function createHttpService(table, log, options) {
  const { gate, audit, tls: tls2, observe } = options;
  const scopes = options.scopes ?? ROUTE_SCOPES;
  const accessLog = options.accessLog ?? "all";
  const logs = (route2, status3) => accessLog === "all" || accessLog === "default" && (status3 >= 400 || ACCESS_LOGGED.has(route2));
  const conns = /* @__PURE__ */ new Map();
  const handshaking = /* @__PURE__ */ new Map();
  let closing = false;
  let webhookBodies = 0;
  const fdLimit = openFileLimit();
  const cap = fdLimit === void 0 ? options.maxConnections : Math.max(16, Math.min(options.maxConnections, fdLimit - LIMITS.fdReserve));
  function refused(address) {
    try {
      gate.admit(address);
      return void 0;
    } catch (err2) {
      return err2;
    }
  }
  async function handle(conn, req, target, seen) {
    gate.admit(conn.address);
    checkProtocol(req);
    if ((req.url ?? "").length > LIMITS.maxUrlBytes) {
      throw twitchError("URL_TOO_LONG", `Request URL too long: the limit is ${LIMITS.maxUrlBytes} bytes.`);
    }
    if (target === void 0) throw twitchError("BAD_REQUEST", 'The request target must be a path starting with "/".');
    const { handler, params, key } = route(table, target.path, req.method ?? "");
    seen.route = key;
    const scope = scopes[key] ?? null;
    seen.audited = audit !== void 0 && scope !== null;
    let identity3 = gate.identify(req.headers, conn.clientCert, conn.address, scope);
    seen.identity = identity3;
    const hook = identity3 === null && scope !== null ? gate.signature(req.headers) : void 0;
    if (hook === void 0) gate.authorize(identity3, scope);
    const length = req.headers["content-length"];
    const hasBody = length !== void 0 && length !== "0" || req.headers["transfer-encoding"] !== void 0;
    let raw = EMPTY;
    if (hasBody && hook === void 0) raw = await readBody(req, LIMITS.maxBodyBytes);
    else if (hasBody) {
      if (webhookBodies >= LIMITS.maxWebhookBodies) {
        throw twitchError("TOO_MANY_REQUESTS", "Too many signed requests are being received at once: try again in a second.", {
          "Retry-After": "1"
        });
      }
      webhookBodies++;
      try {
        raw = await readBody(req, options.maxWebhookBody);
      } finally {
        webhookBodies--;
      }
    }
    if (hook !== void 0) {
      identity3 = gate.verify(hook, req.headers, raw, conn.address);
      seen.identity = identity3;
      gate.authorize(identity3, scope);
    }
    return handler(context(req, conn, target.path, target.query, params, raw, identity3));
  }
  function onRequest(req, res) {
    const conn = conns.get(req.socket);
    if (conn === void 0 || conn.closing) return;
    if (conn.active === void 0) serve2(conn, req, res);
    else (conn.queue ??= []).push(() => serve2(conn, req, res));
  }
  function serve2(conn, req, res) {
    conn.active = req;
    const start3 = process.hrtime.bigint();
    const target = splitTarget(req.url ?? "");
    const seen = { identity: null, audited: false, route: OTHER_ROUTE };
    handle(conn, req, target, seen).catch(replyForError).then((reply) => {
      const path7 = (target?.path ?? (req.url ?? "").split("?")[0]).slice(0, 200);
      if (seen.audited) {
        audit?.({
          time: (/* @__PURE__ */ new Date()).toISOString(),
          client: conn.address,
          identity: seen.identity?.name ?? null,
          method: req.method ?? "",
          path: path7,
          options: reply.audit?.options ?? null,
          status: reply.status,
          run_id: reply.audit?.run_id ?? null
        });
      }
      const logged = logs(seen.route, reply.status);
      const who = () => seen.identity === null || seen.identity.kind === "cert" ? "" : ` ${seen.identity.name}`;
      const took = () => `${(Number(process.hrtime.bigint() - start3) / 1e6).toFixed(1)}ms${who()}`;
      const outcome = () => `${reply.status} ${took()}`;
      if (req.socket.destroyed) {
        void reply.stream?.(res).catch(() => void 0);
        return logged ? logUnsent(conn, req, path7, outcome()) : void 0;
      }
      const close = closing || reply.close === true || !res.shouldKeepAlive;
      if (reply.stream !== void 0) {
        return streamReply(conn, req, res, reply, close, () => {
          observe?.(seen.route, reply.status);
          return logged ? `${req.method} ${path7} ${outcome()}` : void 0;
        });
      }
      const headers2 = {
        "Content-Type": "text/plain; charset=utf-8",
        "Content-Length": Buffer.byteLength(reply.body),
        ...reply.headers
      };
      if (close) headers2.Connection = "close";
      res.writeHead(reply.status, headers2);
      res.end(reply.body);
      observe?.(seen.route, reply.status);
      if (logged) log.info(`${addressOf(conn)} ${req.method} ${path7} ${outcome()}`);
      answered(conn, res, close);
    }).catch((err2) => {
      log.error(`cannot answer ${req.method} ${target?.path ?? "-"}: ${err2.message}`);
      res.destroy();
    });
  }
  async function streamReply(conn, req, res, reply, close, ended) {
    const headers2 = { ...reply.headers };
    if (close) headers2.Connection = "close";
    res.writeHead(reply.status, headers2);
    res.flushHeaders();
    try {
      await reply.stream?.(res);
    } finally {
      const line = ended();
      if (line !== void 0) log.info(`${addressOf(conn)} ${line}${res.writableFinished || res.writableEnded ? "" : " (client left)"}`);
      if (!res.writableEnded) res.end();
      const done = close || closing || res.destroyed;
      if (done) {
        const socket = req.socket;
        socket.destroySoon();
        setTimeout(() => socket.destroy(), LIMITS.streamCloseGraceMs).unref();
      }
      answered(conn, res, done);
    }
  }
  function logUnsent(conn, req, path7, outcome) {
    if (conn.closedBy === "error") return;
    const what = req.complete ? `${outcome} (not sent: the client closed the connection)` : conn.closedBy === "cap" ? "- closed before the request was complete, to make room for a new connection (max_connections)" : "- client aborted the request";
    log.info(`${addressOf(conn)} ${req.method} ${path7} ${what}`);
  }
  function answered(conn, res, close) {
    conn.active = void 0;
    if (close) {
      conn.closing = true;
      conn.queue = conn.deferred = void 0;
      return;
    }
    const next = conn.queue?.shift();
    if (next !== void 0) return next();
    if (conn.deferred !== void 0) {
      conn.closing = true;
      res.once("finish", conn.deferred);
    }
  }
  const serverOptions = {
    maxHeaderSize: LIMITS.maxHeaderBytes,
    headersTimeout: LIMITS.headersTimeoutMs,
    requestTimeout: LIMITS.requestTimeoutMs,
    keepAliveTimeout: LIMITS.keepAliveTimeoutMs,
    connectionsCheckingInterval: LIMITS.timeoutCheckMs,
    requireHostHeader: false
    // checked by checkProtocol, so the answer is ours
  };
  const server = tls2 === void 0 ? (0, import_node_http.createServer)(serverOptions, onRequest) : nodeHttps().createServer(
    {
      ...serverOptions,
      ...tls2.options,
      // Asked for, and checked by clientCertVerdict once the handshake is done, so that every refusal is
      // logged with its reason (Node would drop a bad certificate without a word).
      requestCert: tls2.clientCerts !== "none",
      rejectUnauthorized: false,
      handshakeTimeout: LIMITS.handshakeTimeoutMs
    },
    onRequest
  );
  server.on("checkExpectation", onRequest);
  server.on("connection", (socket) => {
    const address = socket.remoteAddress ?? "-";
    const conn = { active: void 0, queue: void 0, closing: false, deferred: void 0, closedBy: void 0, address, socket, clientCert: null };
    conns.set(socket, conn);
    const key = ends(socket);
    if (tls2 !== void 0) handshaking.set(key, conn);
    socket.once("close", () => {
      conns.delete(conn.socket);
      if (handshaking.get(key) === conn) handshaking.delete(key);
    });
    if (conns.size > cap) evict(socket);
  });
  if (tls2 !== void 0) serveTls(tls2);
  function serveTls({ clientCerts, allowedCertnames }) {
    server.on("secureConnection", (socket) => {
      const key = ends(socket);
      const conn = handshaking.get(key);
      handshaking.delete(key);
      if (conn === void 0 || conns.get(conn.socket) !== conn) return void socket.destroy();
      const cert = socket.getPeerCertificate();
      const presented = Object.keys(cert).length > 0;
      const verdict = clientCertVerdict(clientCerts, allowedCertnames, {
        presented,
        authorized: socket.authorized,
        error: socket.authorizationError === void 0 ? null : String(socket.authorizationError),
        cn: presented ? cert.subject?.CN : void 0
      });
      conns.delete(conn.socket);
      if (!verdict.ok) {
        const name = typeof cert.subject?.CN === "string" ? ` CN=${printable(cert.subject.CN)}` : "";
        log.info(`${conn.address} - TLS client certificate${name} refused: ${verdict.reason}`);
        return void socket.destroy();
      }
      conn.clientCert = verdict.clientCert;
      conn.socket = socket;
      conns.set(socket, conn);
    });
    server.on("tlsClientError", (err2, socket) => {
      log.info(`${socket.remoteAddress ?? "-"} - TLS handshake failed: ${describeHandshakeError(err2)}`);
      socket.destroy();
    });
  }
  function evict(newcomer) {
    for (const [socket, conn] of conns) {
      if (socket !== newcomer && conn.active?.complete !== true) {
        conn.closedBy = "cap";
        conns.delete(socket);
        socket.destroy();
        return;
      }
    }
    newcomer.destroy();
  }
  server.on("clientError", (err2, socket) => {
    const conn = conns.get(socket);
    const error = conn === void 0 ? void 0 : refused(conn.address) ?? parserError(err2);
    if (conn === void 0 || error === void 0 || !socket.writable) return void socket.destroy();
    if (conn.closing) return;
    const { status: status3, text: text2 } = rawReply(error);
    const write = (then) => {
      observe?.(OTHER_ROUTE, status3);
      if (logs(OTHER_ROUTE, status3)) log.info(`${addressOf(conn)} - - ${status3} ${err2.code}`);
      socket.end(text2, then);
    };
    if (conn.active?.complete === true) {
      conn.deferred ??= () => write(() => socket.destroy());
      return;
    }
    conn.closedBy = "error";
    write(() => void 0);
    socket.destroy();
  });
  return {
    listen(port, bind) {
      return new Promise((resolve3, reject) => {
        server.once("error", reject);
        server.listen(port, bind, () => {
          server.off("error", reject);
          const addr = server.address();
          if (addr === null || typeof addr === "string") return reject(new Error("server has no TCP address"));
          resolve3({ address: addr.address, port: addr.port });
        });
      });
    },
    setSecureContext(secure) {
      if (tls2 === void 0) throw new Error("setSecureContext: this service does not serve TLS");
      server.setSecureContext(secure);
    },
    close() {
      closing = true;
      for (const conn of handshaking.values()) conn.socket.destroy();
      return new Promise((resolve3) => {
        const force = setTimeout(() => server.closeAllConnections(), LIMITS.shutdownGraceMs);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve3();
        });
        server.closeIdleConnections();
      });
    }
  };
}

// ts/log.ts
function createLogger(write, now = () => /* @__PURE__ */ new Date()) {
  let pending = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const text2 = pending.join("");
    pending = [];
    write(text2);
  };
  const add = (level, message) => {
    pending.push(`${now().toISOString()} ${level} ${message}
`);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
  return { info: (m) => add("INFO", m), error: (m) => add("ERROR", m), flush };
}

// ts/metrics/process.ts
var import_node_fs12 = require("node:fs");
var processStartTime = () => Math.round(Date.now() / 1e3 - process.uptime());
function virtualMemory() {
  try {
    const kb = /^VmSize:\s+(\d+)\s+kB/m.exec((0, import_node_fs12.readFileSync)("/proc/self/status", "utf8"))?.[1];
    return kb === void 0 ? void 0 : Number(kb) * 1024;
  } catch {
    return void 0;
  }
}
function openFds() {
  try {
    return (0, import_node_fs12.readdirSync)("/proc/self/fd").length - 1;
  } catch {
    return void 0;
  }
}
function processFamilies(startTime) {
  const cpu = process.cpuUsage();
  const families = [
    { name: "process_cpu_seconds_total", help: "Total user and system CPU time spent in seconds.", type: "counter", samples: [{ value: (cpu.user + cpu.system) / 1e6 }] },
    { name: "process_resident_memory_bytes", help: "Resident memory size in bytes.", type: "gauge", samples: [{ value: process.memoryUsage.rss() }] },
    { name: "process_start_time_seconds", help: "Start time of the process since unix epoch in seconds.", type: "gauge", samples: [{ value: startTime }] }
  ];
  const optional = [
    ["process_virtual_memory_bytes", "Virtual memory size in bytes.", virtualMemory()],
    ["process_open_fds", "Number of open file descriptors.", openFds()],
    ["process_max_fds", "Maximum number of open file descriptors.", openFileLimit()]
  ];
  for (const [name, help, value2] of optional) if (value2 !== void 0) families.push({ name, help, type: "gauge", samples: [{ value: value2 }] });
  return families;
}

// ts/metrics/puppet.ts
function lastRunSucceeded(summary) {
  const { resources, events } = summary;
  if (Object.keys(resources).length === 0) return false;
  return (resources.failed ?? 0) === 0 && (resources.failed_to_restart ?? 0) === 0 && (events.failure ?? 0) === 0;
}
var gauge = (name, help, samples) => ({ name, help, type: "gauge", samples });
var one2 = (value2) => value2 === null || value2 === void 0 ? [] : [{ value: value2 }];
var byState = (counts2) => Object.entries(counts2).map(([state, value2]) => ({ labels: { state }, value: value2 }));
function puppetFamilies(status3) {
  const s = status3.summary;
  const environment = s?.environment ?? null;
  const config = environment === null && status3.server === null ? [] : [{ labels: { environment: environment ?? "", server: status3.server ?? "" }, value: 1 }];
  const families = [
    gauge("puppet_disabled_since_seconds", "When the agent was disabled (Unix time); 0 when enabled.", [{ value: status3.disabled_since ?? 0 }]),
    gauge("puppet_config", "The agent's environment (of its last run) and server (puppet.conf); always 1.", config)
  ];
  if (s === null) return families;
  return [
    ...families,
    gauge("puppet_last_run_at_seconds", "When the last run ended (Unix time; time.last_run).", one2(s.last_run)),
    gauge("puppet_last_run_duration_seconds", "How long the last run took (time.total).", one2(s.total_time)),
    gauge("puppet_last_run_success", "1 when the last run had a resources section and no failed resources, restarts or events.", [
      { value: lastRunSucceeded(s) ? 1 : 0 }
    ]),
    gauge("puppet_last_catalog_version", "The last run's catalog version (version.config); always 1.", s.config_version === null ? [] : [{ labels: { version: s.config_version }, value: 1 }]),
    gauge("puppet_config_retrieval_duration_seconds", "How long the last run took to get its catalog (time.config_retrieval).", one2(s.config_retrieval)),
    gauge("puppet_last_catalog_resources", `Resources of the last run by state (last_run_summary.yaml's resources; state="total": all).`, byState(s.resources)),
    gauge("puppet_last_catalog_events", `Events of the last run by state (last_run_summary.yaml's events; state="total": all).`, byState(s.events)),
    gauge("puppet_last_catalog_changes", "Changes the last run made (changes.total).", one2(s.changes))
  ];
}

// ts/metrics/metrics.ts
var RUN_DURATION_BUCKETS = [1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];
var STATUS_CODES2 = 600;
function createMetrics(log) {
  const requests = /* @__PURE__ */ new Map();
  const runs = /* @__PURE__ */ new Map();
  for (const source of RUN_SOURCES) for (const outcome of OUTCOME_NAMES) runs.set(`${source}\0${outcome}`, 0);
  const durations = new Float64Array(RUN_DURATION_BUCKETS.length + 1);
  let durationSum = 0;
  const startTime = processStartTime();
  let helperFailing = false;
  function observeRequest(route2, status3) {
    let counts2 = requests.get(route2);
    if (counts2 === void 0) requests.set(route2, counts2 = new Float64Array(STATUS_CODES2));
    counts2[status3]++;
  }
  function observeRun(record) {
    const key = `${record.source}\0${record.outcome ?? "unknown"}`;
    runs.set(key, (runs.get(key) ?? 0) + 1);
    if (record.started_at === null || record.finished_at === null) return;
    const seconds = Math.max(0, (Date.parse(record.finished_at) - Date.parse(record.started_at)) / 1e3);
    const bucket = RUN_DURATION_BUCKETS.findIndex((le) => seconds <= le);
    durations[bucket === -1 ? RUN_DURATION_BUCKETS.length : bucket]++;
    durationSum += seconds;
  }
  function serviceFamilies(runner) {
    const requestSamples = [];
    for (const [route2, counts2] of requests) {
      counts2.forEach((value2, code) => {
        if (value2 > 0) requestSamples.push({ labels: { route: route2, code: String(code) }, value: value2 });
      });
    }
    const runSamples = [...runs].map(([key, value2]) => {
      const [source, outcome] = key.split("\0");
      return { labels: { source, outcome }, value: value2 };
    });
    const gauge2 = (name, help, value2) => ({ name, help, type: "gauge", samples: [{ value: value2 }] });
    return [
      { name: "puppet_twitch_requests_total", help: "HTTP requests answered, by route and status code.", type: "counter", samples: requestSamples },
      { name: "puppet_twitch_runs_total", help: "Puppet runs of this service that finished, by source and outcome.", type: "counter", samples: runSamples },
      {
        name: "puppet_twitch_run_duration_seconds",
        help: "How long the runs of this service took, from start to end (runs that started).",
        type: "histogram",
        samples: histogramSamples(RUN_DURATION_BUCKETS, durations, durationSum)
      },
      gauge2("puppet_twitch_run_in_progress", "1 while a run of this service is splaying, starting or running.", runner.state() === "idle" ? 0 : 1),
      gauge2("puppet_twitch_run_queued", "1 while a run waits behind the current one.", runner.queued() === void 0 ? 0 : 1),
      {
        name: "puppet_twitch_build_info",
        help: "The version of puppet-twitch and of the Node.js running it; always 1.",
        type: "gauge",
        samples: [{ labels: { version: version2, node_version: process.version }, value: 1 }]
      }
    ];
  }
  async function render({ puppetStatus, runner }) {
    let puppet = [];
    let up = 1;
    try {
      puppet = puppetFamilies(await puppetStatus());
      if (helperFailing) log.info("metrics: Puppet's state is readable again");
      helperFailing = false;
    } catch (err2) {
      up = 0;
      if (!helperFailing) log.error(`metrics: cannot read Puppet's state through the helper: ${err2.message}`);
      helperFailing = true;
    }
    const stateUp = {
      name: "puppet_twitch_puppet_state_up",
      help: "1 when Puppet's state could be read through the helper, 0 when not (the puppet_* metrics are then missing).",
      type: "gauge",
      samples: [{ value: up }]
    };
    return encode([...serviceFamilies(runner), stateUp, ...puppet, ...processFamilies(startTime)]);
  }
  return { observeRequest, observeRun, render };
}

// ts/output/hub.ts
var import_node_fs13 = require("node:fs");
var import_node_path8 = require("node:path");

// ts/lines.ts
var MAX_LINE_BYTES = 64 * 1024;
function splitLines(pending, chunk, maxLine = MAX_LINE_BYTES) {
  const parts = (pending + chunk).split("\n");
  let rest = parts.pop();
  const lines = parts.map((line) => line.endsWith("\r") ? line.slice(0, -1) : line);
  while (rest.length > maxLine) {
    lines.push(rest.slice(0, maxLine));
    rest = rest.slice(maxLine);
  }
  return { lines, rest };
}
function eachLine(stream, onLine) {
  let pending = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk) => {
    const { lines, rest } = splitLines(pending, chunk);
    pending = rest;
    for (const line of lines) onLine(line);
  });
  stream.on("end", () => {
    if (pending !== "") onLine(pending);
    pending = "";
  });
}

// ts/output/hub.ts
var FLUSH_MS = 100;
var FLUSH_BYTES = 64 * 1024;
var outputFile = (dir, id) => (0, import_node_path8.join)(dir, `${id}.log`);
function createOutputHub(options) {
  const { dir, maxBytes, log } = options;
  const lives = /* @__PURE__ */ new Map();
  const waiting = /* @__PURE__ */ new Map();
  const watchers = /* @__PURE__ */ new Set();
  const endings = /* @__PURE__ */ new Map();
  const replayBytes = Math.max(maxBytes, LIMITS.replayMinBytes);
  function end(w, note) {
    if (w.ended) return;
    w.ended = true;
    watchers.delete(w);
    lives.get(w.id)?.watchers.delete(w);
    waiting.get(w.id)?.delete(w);
    endings.get(w.id)?.delete(w);
    if (!w.res.destroyed) w.res.end(note === void 0 ? void 0 : encodeLine(note, w.events));
    w.resolve();
  }
  function endAndClose(w, note) {
    const socket = w.res.socket;
    end(w, note);
    if (socket === null) return;
    socket.destroySoon();
    setTimeout(() => socket.destroy(), LIMITS.streamCloseGraceMs).unref();
  }
  function send(w, chunk) {
    if (w.ended) return false;
    if (w.res.destroyed) {
      end(w);
      return false;
    }
    if (w.res.writableLength > w.allowance) {
      log.info(`${w.res.socket?.remoteAddress ?? "-"} output stream of run ${w.id} cut off: the client read too slowly (over ${w.allowance} bytes unsent)`);
      endAndClose(w, NOTE.cutOff(w.id));
      return false;
    }
    w.res.write(chunk);
    return true;
  }
  function follow(w, live) {
    w.live = true;
    live.watchers.add(w);
    if (live.replay.length > 0) {
      const start3 = live.replay.map((line) => encodeLine(line, w.events)).join("");
      w.allowance += Buffer.byteLength(start3);
      send(w, start3);
    }
    if (live.replayCap.full) send(w, encodeLine(NOTE.skipped(replayBytes), w.events));
  }
  function open(id) {
    const live = { replay: [], replayCap: createCap(replayBytes), watchers: /* @__PURE__ */ new Set() };
    lives.set(id, live);
    for (const w of waiting.get(id) ?? []) follow(w, live);
    waiting.delete(id);
    const file = storedFile(id);
    return {
      write(line) {
        const plain2 = plainChunk(line);
        const bytes = Buffer.byteLength(plain2);
        if (live.replayCap.take(bytes) === "keep") live.replay.push(line);
        file.write(plain2, bytes);
        if (live.watchers.size === 0) return;
        const chunks = {};
        for (const w of live.watchers) {
          const chunk = w.events ? chunks.events ??= Buffer.from(outputEvent(line)) : chunks.plain ??= Buffer.from(plain2);
          send(w, chunk);
        }
      },
      close() {
        file.close();
        lives.delete(id);
        live.replay = [];
      }
    };
  }
  function storedFile(id) {
    if (maxBytes === 0) return { write: () => void 0, close: () => void 0 };
    const path7 = outputFile(dir, id);
    const cap = createCap(maxBytes);
    let fd;
    let pending = [];
    let pendingBytes = 0;
    let timer;
    let failed = false;
    const fail3 = (err2) => {
      log.error(`cannot write the output of puppet run ${id} to ${path7}: ${err2.message} (it stays in the service log)`);
      if (fd !== void 0) (0, import_node_fs13.closeSync)(fd);
      fd = void 0;
      failed = true;
    };
    const flush = () => {
      clearTimeout(timer);
      timer = void 0;
      if (failed || pending.length === 0) return;
      try {
        fd ??= (0, import_node_fs13.openSync)(path7, "w", 416);
        (0, import_node_fs13.writeSync)(fd, pending.join(""));
      } catch (err2) {
        fail3(err2);
      }
      pending = [];
      pendingBytes = 0;
    };
    const add = (text2, bytes) => {
      pending.push(text2);
      pendingBytes += bytes;
      if (pendingBytes >= FLUSH_BYTES) flush();
      else timer ??= setTimeout(flush, FLUSH_MS);
    };
    return {
      write(text2, bytes) {
        if (failed) return;
        const verdict = cap.take(bytes);
        if (verdict === "keep") add(text2, bytes);
        else if (verdict === "truncate") add(plainChunk(NOTE.truncated(maxBytes)), 0);
      },
      close() {
        flush();
        if (fd !== void 0) (0, import_node_fs13.closeSync)(fd);
        fd = void 0;
      }
    };
  }
  async function sendStored(w, record) {
    if (record.started_at === null) return;
    const stream2 = (0, import_node_fs13.createReadStream)(outputFile(dir, record.id), { encoding: "utf8", highWaterMark: FLUSH_BYTES });
    let rest = "";
    try {
      for await (const text2 of stream2) {
        let chunk = text2;
        if (w.events) {
          const split = splitLines(rest, chunk);
          rest = split.rest;
          chunk = split.lines.map(outputEvent).join("");
        }
        if (!send(w, chunk)) return;
        if (w.res.writableLength > LIMITS.streamBufferBytes / 2) await drained(w);
      }
      if (w.events && rest !== "") send(w, outputEvent(rest));
    } catch {
      send(w, encodeLine(NOTE.notKept(record.id), w.events));
    } finally {
      stream2.destroy();
    }
  }
  const drained = (w) => new Promise((resolve3) => {
    const done = () => {
      w.res.off("drain", done);
      w.res.off("close", done);
      resolve3();
    };
    w.res.once("drain", done);
    w.res.once("close", done);
  });
  async function stream(res, watch) {
    if (res.destroyed) return;
    let resolve3;
    const done = new Promise((r) => resolve3 = r);
    const w = { res, id: watch.id, events: watch.events, live: false, allowance: LIMITS.streamBufferBytes, ended: false, resolve: resolve3 };
    watchers.add(w);
    res.once("close", () => end(w));
    const live = lives.get(watch.id);
    if (live !== void 0) follow(w, live);
    else if (watch.record.state !== "finished") {
      const set2 = waiting.get(watch.id) ?? /* @__PURE__ */ new Set();
      set2.add(w);
      waiting.set(watch.id, set2);
    }
    let set = endings.get(watch.id);
    if (set === void 0) {
      const waiters = /* @__PURE__ */ new Set();
      set = waiters;
      endings.set(watch.id, waiters);
      void watch.finished().then((record) => {
        endings.delete(watch.id);
        for (const waiter of waiters) void complete(waiter, record);
      });
    }
    set.add(w);
    return done;
  }
  async function complete(w, record) {
    if (w.ended) return;
    if (record?.state !== "finished") return endAndClose(w, NOTE.shutdown(w.id));
    if (!w.live) await sendStored(w, record);
    if (w.ended) return;
    if (w.events) {
      send(w, finishedEvent(record));
      end(w);
    } else end(w, finishedLine(record));
  }
  return {
    open,
    stream,
    shutdown() {
      for (const w of [...watchers]) endAndClose(w, NOTE.shutdown(w.id));
    }
  };
}

// ts/puppet/command.ts
function puppetCommand(puppet, options = {}) {
  if (puppet.mode === "apply") {
    return {
      file: puppet.bin,
      args: ["apply", "--detailed-exitcodes", ...puppet.args, ...optionArgs(options), puppet.manifest]
    };
  }
  return {
    file: puppet.bin,
    args: ["agent", "--onetime", "--no-daemonize", "--detailed-exitcodes", "--no-usecacheonfailure", ...puppet.args, ...optionArgs(options)]
  };
}

// ts/puppet/conf.ts
function sections(text2) {
  const out2 = /* @__PURE__ */ new Map([["main", /* @__PURE__ */ new Map()]]);
  let current = out2.get("main");
  for (const raw of text2.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const header2 = /^\[([^\]]+)\]$/.exec(line);
    if (header2) {
      const name = header2[1].trim();
      current = out2.get(name) ?? /* @__PURE__ */ new Map();
      out2.set(name, current);
      continue;
    }
    const eq = line.indexOf("=");
    if (eq > 0) current.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  return out2;
}
function host(entry2) {
  const e = entry2.trim();
  if (e.startsWith("[")) return e.slice(1, e.indexOf("]") === -1 ? void 0 : e.indexOf("]"));
  const colon = e.indexOf(":");
  return colon !== -1 && e.indexOf(":", colon + 1) === -1 ? e.slice(0, colon) : e;
}
function puppetServer(text2) {
  const s = sections(text2);
  const setting = (key) => s.get("agent")?.get(key) ?? s.get("main")?.get(key);
  const first = setting("server_list")?.split(",").map(host).find((h2) => h2 !== "");
  if (first !== void 0) return first;
  const server = setting("server");
  return server === void 0 || server === "" ? null : server;
}
function serverFromArgs(args) {
  const value2 = (name) => args.filter((a2) => a2.startsWith(`--${name}=`)).map((a2) => a2.slice(name.length + 3)).pop();
  const first = value2("server_list")?.split(",").map(host).find((h2) => h2 !== "");
  const server = value2("server")?.trim();
  return first ?? (server === "" ? void 0 : server);
}

// ts/puppet/state.ts
var import_node_fs14 = require("node:fs");
var import_node_path9 = require("node:path");
function lockFiles(puppet) {
  return { lockfile: (0, import_node_path9.join)(puppet.statedir, "agent_catalog_run.lock"), disabled: (0, import_node_path9.join)(puppet.statedir, "agent_disabled.lock") };
}
function read2(file) {
  return readRegularFile(file, { followSymlinks: false });
}
function runningPid(lockfile, alive = isAlive) {
  const pid = parseLockPid(read2(lockfile));
  return pid !== void 0 && alive(pid) ? pid : void 0;
}
function parseLockPid(text2) {
  if (text2 === void 0 || !/^\s*\d+\s*$/.test(text2)) return void 0;
  const pid = Number(text2.trim());
  return pid > 0 ? pid : void 0;
}
function disabledMessage(disabledLockfile) {
  const text2 = read2(disabledLockfile);
  return text2 === void 0 ? void 0 : parseDisabledMessage(text2);
}
function parseDisabledMessage(text2) {
  try {
    const parsed = JSON.parse(text2);
    const message = parsed?.disabled_message;
    return typeof message === "string" && message.trim() !== "" ? message.replace(/[\0-\x1f]/g, " ") : null;
  } catch {
    return null;
  }
}
function disabledSince(disabledLockfile) {
  try {
    const st = (0, import_node_fs14.lstatSync)(disabledLockfile);
    return st.isFile() ? Math.round(st.mtimeMs) / 1e3 : null;
  } catch {
    return null;
  }
}

// ts/puppet/summary.ts
function scalar(text2) {
  const t = text2.trim();
  if (t.startsWith("'") && t.endsWith("'") || t.startsWith('"') && t.endsWith('"')) return t.slice(1, -1);
  return t;
}
function sections2(text2) {
  const out2 = {};
  let current;
  for (const line of text2.split("\n")) {
    if (line.trim() === "" || line.trim() === "---" || line.trimStart().startsWith("#")) continue;
    const top = /^([A-Za-z_]+):\s*$/.exec(line);
    const entry2 = /^ {2}([A-Za-z_]+):\s*(.*)$/.exec(line);
    if (top) out2[top[1]] = current = {};
    else if (entry2 && current) current[entry2[1]] = scalar(entry2[2]);
    else return void 0;
  }
  return out2;
}
function numbers(section2) {
  const out2 = {};
  for (const [key, value2] of Object.entries(section2 ?? {})) if (/^-?\d+(\.\d+)?(e-?\d+)?$/i.test(value2)) out2[key] = Number(value2);
  return out2;
}
function parseSummary(text2) {
  const s = sections2(text2);
  if (s === void 0 || s.time === void 0) return void 0;
  const time2 = numbers(s.time);
  return {
    last_run: time2.last_run ?? null,
    total_time: time2.total ?? null,
    config_retrieval: time2.config_retrieval ?? null,
    config_version: s.version?.config ?? null,
    environment: s.application?.converged_environment ?? s.application?.initial_environment ?? null,
    resources: numbers(s.resources),
    events: numbers(s.events),
    changes: numbers(s.changes).total ?? null
  };
}

// ts/puppet/helper.ts
var REQUEST_TIMEOUT_MS = 1e4;
var KILL_GRACE_MS = 3e4;
var IGNORED_SIGNALS = ["SIGHUP", "SIGINT", "SIGTERM", "SIGUSR1", "SIGUSR2", "SIGPIPE", "SIGQUIT", "SIGALRM"];
function report(r) {
  try {
    process.stdout.write(encodeReport(r));
  } catch {
  }
}
function forward(chunk) {
  try {
    process.stderr.write(chunk);
  } catch {
  }
}
function checkTrusted(config) {
  if (process.env.NODE_OPTIONS !== void 0 || process.execArgv.length > 0) {
    throw new Error("refusing to run with NODE_OPTIONS or node options: the sudoers rule must reset the environment (env_reset)");
  }
  if (config.file === void 0) throw new Error("run through sudo without --config: refusing to use defaults");
  checkRootOnlyPath(config.file, "The config file");
  checkRootOnlyPath(process.execPath, "The node binary");
  checkRootOnlyPath(process.argv[1], "The bundle");
  checkRootOnlyPath(config.puppet.bin, "The puppet binary");
  if (config.puppet.manifest !== void 0) checkRootOnlyPath(config.puppet.manifest, "The manifest", ["file", "directory"]);
}
function prepare(configFile) {
  const sudo = runBySudo();
  const config = loadConfig({ config: configFile }, { ...hostFacts(), runsSchedule: false }, sudo);
  if (sudo) checkTrusted(config);
  return config;
}
function readRequestLine() {
  return new Promise((resolve3, reject) => {
    const chunks = [];
    let size = 0;
    const finish = (err2, line) => {
      clearTimeout(timer);
      process.stdin.removeAllListeners("data").removeAllListeners("end").destroy();
      if (err2) reject(err2);
      else resolve3(line);
    };
    const timer = setTimeout(() => finish(new Error("no request on stdin")), REQUEST_TIMEOUT_MS);
    process.stdin.on("data", (chunk) => {
      const newline = chunk.indexOf(10);
      const part = newline === -1 ? chunk : chunk.subarray(0, newline);
      size += part.length;
      if (size > MAX_REQUEST_BYTES) return finish(new Error(`the request on stdin is over ${MAX_REQUEST_BYTES} bytes`));
      chunks.push(part);
      if (newline !== -1) finish(void 0, Buffer.concat(chunks).toString("utf8"));
    });
    process.stdin.on("end", () => size === 0 ? finish(new Error("no request on stdin")) : finish(void 0, Buffer.concat(chunks).toString("utf8")));
    process.stdin.on("error", (err2) => finish(err2));
  });
}
function readSummary(file) {
  try {
    const text2 = readRegularFile(file, { followSymlinks: false });
    return text2 !== void 0 && parseSummary(text2) || null;
  } catch {
    return null;
  }
}
function readServer(file) {
  try {
    const text2 = readRegularFile(file, { followSymlinks: false });
    return text2 === void 0 ? null : puppetServer(text2);
  } catch {
    return null;
  }
}
function status2(config) {
  const { puppet } = config;
  const files = lockFiles(puppet);
  const message = disabledMessage(files.disabled);
  const pid = runningPid(files.lockfile) ?? null;
  report({
    event: "status",
    applying: pid !== null,
    pid,
    enabled: message === void 0,
    disabled_message: message ?? null,
    disabled_since: message === void 0 ? null : disabledSince(files.disabled),
    server: serverFromArgs(puppet.args) ?? readServer(puppet.conf),
    summary: readSummary(puppet.lastrunfile)
  });
  return HELPER_EXIT.ok;
}
async function runPuppet(config, options) {
  const { puppet } = config;
  const files = lockFiles(puppet);
  const message = disabledMessage(files.disabled);
  if (message !== void 0) {
    report({ event: "disabled", message });
    return HELPER_EXIT.disabled;
  }
  const holder = runningPid(files.lockfile);
  if (holder !== void 0) {
    report({ event: "busy", pid: holder });
    return HELPER_EXIT.busy;
  }
  const before = readSummary(puppet.lastrunfile);
  const { file, args } = puppetCommand(puppet, options);
  const { execa: execa2 } = await Promise.resolve().then(() => (init_execa(), execa_exports));
  const child = execa2(file, args, {
    cwd: "/",
    // a process group of its own, so the run timeout stops puppet and everything it started
    detached: true,
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
    buffer: false,
    reject: false,
    cleanup: false
  });
  child.stdout?.on("data", forward);
  child.stderr?.on("data", forward);
  if (child.pid !== void 0) report({ event: "started", pid: child.pid });
  let timedOut = false;
  const group = (signal2) => {
    try {
      if (child.pid !== void 0) process.kill(-child.pid, signal2);
    } catch {
    }
  };
  const timer = puppet.run_timeout > 0 ? setTimeout(() => {
    timedOut = true;
    group("SIGTERM");
    setTimeout(() => group("SIGKILL"), KILL_GRACE_MS).unref();
  }, puppet.run_timeout * 1e3) : void 0;
  const result = await child;
  clearTimeout(timer);
  if (result.failed && result.exitCode === void 0 && result.signal === void 0) {
    report({ event: "error", message: `Cannot run ${file}: ${result.shortMessage}` });
    return HELPER_EXIT.error;
  }
  const code = result.exitCode ?? null;
  const signal = result.signal ?? null;
  const after = readSummary(puppet.lastrunfile);
  const summary = after !== null && after.last_run !== before?.last_run ? after : null;
  report({ event: "exit", code, signal, timed_out: timedOut, summary });
  return code ?? 128 + (nodeOs().constants.signals[signal] ?? 0);
}
function fail(err2) {
  report({ event: "error", message: err2 instanceof Error ? err2.message : String(err2) });
  return HELPER_EXIT.error;
}
async function runHelper(configFile) {
  for (const signal of IGNORED_SIGNALS) process.on(signal, () => void 0);
  for (const stream of [process.stdout, process.stderr]) stream.on("error", () => void 0);
  process.on("uncaughtException", (err2) => process.exit(fail(err2)));
  try {
    process.chdir("/");
    const config = prepare(configFile);
    const request = parseRequest(await readRequestLine(), config.puppet);
    return request.action === "status" ? status2(config) : await runPuppet(config, request.options);
  } catch (err2) {
    return fail(err2);
  }
}

// ts/puppet/launch.ts
var import_node_child_process7 = require("node:child_process");
function helperCommand(config, node, bundle) {
  const helper = [node, bundle, "helper", ...config.file !== void 0 ? ["--config", config.file] : []];
  return config.puppet.sudo ? { file: "sudo", args: ["-n", config.puppet.setsid, "--fork", ...helper] } : { file: helper[0], args: helper.slice(1) };
}
var TAIL_LINES = 5;
function plainText(line) {
  return line.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "").replace(/[\0-\x1f\x7f]/g, " ");
}
function helperLauncher(command, sudo) {
  return (request, output = () => void 0) => {
    const tail = [];
    let firstReport;
    let exitReport;
    let resolveFirst;
    const first = new Promise((resolve3) => resolveFirst = resolve3);
    const report2 = (r) => {
      if (firstReport !== void 0) return;
      firstReport = r;
      resolveFirst(r);
    };
    const child = (0, import_node_child_process7.spawn)(command.file, command.args, { stdio: ["pipe", "pipe", "pipe"], detached: true });
    child.stdin.on("error", () => void 0);
    child.stdin.end(encodeRequest(request));
    eachLine(child.stderr, (raw) => {
      const line = plainText(raw);
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      output(line);
    });
    eachLine(child.stdout, (line) => {
      const parsed = parseReport(line);
      if (parsed === void 0) output(plainText(line));
      else if (parsed.event === "exit") {
        exitReport = { code: parsed.code, signal: parsed.signal, timed_out: parsed.timed_out === true, summary: parsed.summary ?? null };
      } else report2(parsed);
    });
    const done = new Promise((resolve3, reject) => {
      child.once("error", reject);
      child.once("close", (code, signal) => {
        const why = tail.join(" ").trim() || "no output";
        report2({
          event: "error",
          message: sudo ? `sudo did not run the puppet-twitch helper (exit ${code ?? signal}): ${why}. Check the sudoers rule for this user (see README, "The sudo boundary").` : `The puppet-twitch helper failed before starting puppet (exit ${code ?? signal}): ${why}`
        });
        const none = { timed_out: false, summary: null };
        resolve3(exitReport ?? (sudo ? { code: null, signal: null, ...none } : { code, signal, ...none }));
      });
    });
    done.catch((err2) => report2({ event: "error", message: `Cannot start the puppet-twitch helper: ${err2.message}` }));
    return { first, done };
  };
}

// ts/runlog.ts
var import_node_fs20 = require("node:fs");
var import_node_path15 = require("node:path");
function runLogOpener(runDir, log) {
  let warned = false;
  return (id) => {
    if (runDir === void 0) return { write: () => void 0, close: () => void 0 };
    const file = (0, import_node_path15.join)(runDir, "last-run.log");
    const stream = (0, import_node_fs20.createWriteStream)(file, { flags: "w", mode: 416 });
    stream.on("error", (err2) => {
      if (!warned) log.error(`cannot write ${file}: ${err2.message} (run output stays in this log only)`);
      warned = true;
    });
    stream.write(`puppet run ${id} started ${(/* @__PURE__ */ new Date()).toISOString()}
`);
    return { write: (line) => stream.write(`${line}
`), close: () => stream.end() };
  };
}

// ts/schedule.ts
function scheduledRequest(schedule) {
  return { options: schedule.options, splay: schedule.splay, async: true, when_busy: "reject", source: "schedule", client: null, identity: null };
}
function tickLine(result, busyWith) {
  const skipped = (why) => ({ error: false, text: `scheduled puppet run skipped: ${why}` });
  switch (result.kind) {
    case "started":
      return { error: false, text: `scheduled puppet run ${result.record.id} triggered` };
    case "busy":
      if (busyWith !== void 0) return skipped(`puppet run ${busyWith.id} (${busyWith.source}) is still ${busyWith.state}`);
      return skipped(`another puppet run holds the catalog lock${result.pid === void 0 ? "" : ` (pid ${result.pid})`}`);
    case "disabled":
      return skipped(`the agent is disabled${result.message === null ? "" : `: ${result.message}`}`);
    case "error":
      return { error: true, text: `scheduled puppet run not started: ${result.message}` };
    default:
      return { error: true, text: `scheduled puppet run: unexpected answer '${result.kind}' from the runner` };
  }
}
async function tick(runner, request, log) {
  const current = runner.current();
  const state = runner.state();
  const busyWith = state !== "idle" && current !== void 0 ? { id: current.id, state, source: current.source } : void 0;
  let result;
  try {
    result = await runner.trigger(request);
  } catch (err2) {
    log.error(`scheduled puppet run not started: ${err2.message}`);
    return;
  }
  const line = tickLine(result, busyWith);
  if (line.error) log.error(line.text);
  else log.info(line.text);
}
function cachedNextRun(nextRun, now = Date.now) {
  let cached = null;
  return () => {
    if (cached === null || cached.getTime() <= now()) cached = nextRun();
    return cached;
  };
}
function startSchedule(schedule, runner, log, start3 = startCronTask, now = Date.now) {
  const request = scheduledRequest(schedule);
  const task = start3(schedule.cron, schedule.timezone, () => void tick(runner, request, log));
  const next = cachedNextRun(task.nextRun, now);
  let stopped = false;
  return {
    expression: schedule.cron,
    nextRun: () => stopped ? null : next(),
    stop() {
      stopped = true;
      task.stop();
    }
  };
}
function describeSchedule(schedule, next) {
  const splay = schedule.splay > 0 ? `, splay up to ${schedule.splay} s` : "";
  return `scheduled runs "${schedule.cron}" (${schedule.timezone}${splay}), next at ${next?.toISOString() ?? "never"}`;
}

// ts/tls/reload.ts
var import_node_fs21 = require("node:fs");
var WATCH_INTERVAL_MS = 1e3;
var SETTLE_MS = 500;
function logLoaded(log, what, material) {
  log.info(`TLS: ${what} ${material.summary}`);
  if (material.expired) log.error(`TLS: the certificate in tls.cert has expired: clients refuse it; renew it`);
}
function watchTls(tls2, log, apply) {
  const files = ["cert", "key", "ca", "crl"].flatMap((key) => tls2[key] === void 0 ? [] : [{ key, path: tls2[key] }]);
  let timer;
  let changed = /* @__PURE__ */ new Set();
  function reload(why) {
    try {
      const material = loadTls(tls2);
      apply(material);
      logLoaded(log, `reloaded (${why}):`, material);
    } catch (err2) {
      log.error(
        `TLS: reload (${why}) failed: ${err2.message}. Still serving with the files loaded before; fix the file, then send SIGHUP (a change to the file is noticed too).`
      );
    }
  }
  const listeners = files.map(({ key, path: path7 }) => {
    const listener = (curr, prev) => {
      if (curr.mtimeMs === prev.mtimeMs && curr.ctimeMs === prev.ctimeMs && curr.ino === prev.ino) return;
      changed.add(`tls.${key}`);
      clearTimeout(timer);
      timer = setTimeout(() => {
        const what = [...changed].join(", ");
        changed = /* @__PURE__ */ new Set();
        reload(`${what} changed`);
      }, SETTLE_MS);
    };
    (0, import_node_fs21.watchFile)(path7, { interval: WATCH_INTERVAL_MS, persistent: false }, listener);
    return { path: path7, listener };
  });
  return {
    reload,
    close() {
      clearTimeout(timer);
      for (const { path: path7, listener } of listeners) (0, import_node_fs21.unwatchFile)(path7, listener);
    }
  };
}

// ts/main.ts
async function start2(config, write = (text2) => process.stdout.write(text2)) {
  const log = createLogger(write);
  const tls2 = config.tls === void 0 ? void 0 : { config: config.tls, material: loadTls(config.tls) };
  const launch = helperLauncher(helperCommand(config, process.execPath, __filename), config.puppet.sudo);
  let store;
  try {
    store = openRecordStore(config.state_dir, config.history, log);
  } catch (err2) {
    throw twitchError("CONFIG_INVALID", `Cannot use state_dir ${config.state_dir} for run records: ${err2.message}`);
  }
  let audit;
  try {
    audit = openAuditLog(config.audit_log, config.audit_max_bytes, log);
  } catch (err2) {
    throw twitchError("CONFIG_INVALID", `Cannot open audit_log ${config.audit_log}: ${err2.message}`);
  }
  const gate = createGate({ auth: config.auth, limits: config.limits, clientCerts: (config.tls?.client_certs ?? "none") !== "none" });
  const puppetStatus = cachedPuppetStatus(launch);
  const metrics = config.metrics.enabled ? createMetrics(log) : void 0;
  const output = createOutputHub({ dir: config.state_dir, maxBytes: config.output_max_bytes, log });
  const runner = createRunner({
    launch,
    log,
    store,
    puppetStatus,
    openRunLog: runLogOpener(config.run_dir, log),
    openOutput: output.open,
    onFinished: metrics?.observeRun
  });
  let schedule = null;
  const scheduleView = config.schedule === void 0 ? null : { expression: config.schedule.cron, nextRun: () => schedule?.nextRun() ?? null };
  const table = routes({ runner, store, puppetStatus, config, gate, output, schedule: scheduleView, startedAt: Date.now(), metrics });
  const http2 = createHttpService(table, log, {
    maxConnections: config.max_connections,
    gate,
    maxWebhookBody: config.limits.max_body_bytes,
    audit,
    accessLog: config.access_log,
    scopes: routeScopes(config.metrics),
    observe: metrics?.observeRequest,
    tls: tls2 && { options: tls2.material.options, clientCerts: tls2.config.client_certs, allowedCertnames: tls2.config.allowed_certnames }
  });
  const { address, port } = await http2.listen(config.port, config.bind);
  if (config.schedule !== void 0) schedule = startSchedule(config.schedule, runner, log);
  const via = config.puppet.sudo ? "through sudo" : "directly";
  const scheduled = config.schedule === void 0 ? "" : `; ${describeSchedule(config.schedule, schedule?.nextRun() ?? null)}`;
  log.info(`puppet-twitch ${version2} listening on ${serviceUrl(address, port, tls2 !== void 0)} (puppet ${config.puppet.mode} ${via})${scheduled}`);
  for (const warning of authWarnings(config, gate.closed)) log.error(`WARNING: ${warning}`);
  let reloader;
  if (tls2 !== void 0) {
    const { client_certs, allowed_certnames } = tls2.config;
    const names = allowed_certnames.length === 0 ? "none" : allowed_certnames.join(" ");
    log.info(`TLS: client certificates ${client_certs}${client_certs === "none" ? "" : `, allowed certnames: ${names}`}`);
    logLoaded(log, "loaded", tls2.material);
    reloader = watchTls(tls2.config, log, (next) => http2.setSecureContext(next.options));
  }
  return {
    address,
    port,
    reload(why) {
      reloader?.reload(why);
    },
    async close() {
      reloader?.close();
      schedule?.stop();
      runner.shutdown();
      output.shutdown();
      await http2.close();
      audit.flush();
      log.info("stopped");
      log.flush();
    }
  };
}
function fail2(err2) {
  process.stderr.write(`puppet-twitch: ${err2?.message ?? String(err2)}
`);
  process.exit(isTwitchError(err2) && (err2.code === "USAGE" || err2.code === "CONFIG_INVALID") ? ERROR_STATUS[err2.code] : 1);
}
async function serve(config) {
  process.stdout.on("error", () => void 0);
  let write = (text2) => process.stdout.write(text2);
  let reopenLog = () => void 0;
  const logPath = process.env[LOG_FILE_ENV];
  if (logPath !== void 0 && logPath !== "") {
    delete process.env[LOG_FILE_ENV];
    const logFile = openLogFile(logPath);
    write = logFile.write;
    reopenLog = () => {
      try {
        logFile.reopen();
        write(`${(/* @__PURE__ */ new Date()).toISOString()} INFO SIGHUP: log file reopened
`);
      } catch (err2) {
        write(`${(/* @__PURE__ */ new Date()).toISOString()} ERROR SIGHUP: cannot reopen ${logPath}: ${err2.message}; still writing to the old file
`);
      }
    };
  }
  let service;
  process.on("SIGHUP", () => {
    reopenLog();
    service?.reload("SIGHUP");
  });
  let stopping = false;
  const stop2 = async (signal) => {
    if (stopping) return;
    stopping = true;
    write(`${(/* @__PURE__ */ new Date()).toISOString()} INFO ${signal}: stopping; a puppet run in progress goes on
`);
    while (service === void 0) await new Promise((resolve3) => setTimeout(resolve3, 5));
    await service.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop2("SIGTERM"));
  process.on("SIGINT", () => void stop2("SIGINT"));
  service = await start2(config, write);
}
async function main(argv) {
  const invocation = parseArgs(argv);
  switch (invocation.command) {
    case "help":
      process.stdout.write(USAGE);
      return;
    case "version":
      process.stdout.write(`${version2}
`);
      return;
    case "helper":
      process.exitCode = await runHelper(invocation.config);
      return;
    case "config": {
      const { file: _file, ...config } = loadConfig(invocation);
      process.stdout.write(`${JSON.stringify(redactSecrets(config), null, 2)}
`);
      return;
    }
    case "token":
      process.stdout.write(invocation.action === "new" ? tokenNew(invocation.id, invocation.scopes) : tokenHashCommand());
      return;
    case "serve":
      return serve(loadConfig(invocation));
    default:
      if (isDaemonCommand(invocation.command)) process.exitCode = await runDaemonCommand(invocation.command, invocation, __filename);
  }
}
if (require.main === module) main(process.argv.slice(2)).catch(fail2);
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  main,
  start
});
