// SIP-portalen widgets: wires a form rendered at build time (macros/widgets.py) to Python in a
// Web Worker (worker.mjs). Loaded only by pages that hold a widget.
//
// Nothing the user types leaves the browser or is stored in it: answers live in the form,
// travel only to the worker, and leave the page only as a file the user chooses to save.

const WORKER_URL = new URL("./worker.mjs", import.meta.url);

// Every Swedish text of the page and the worker comes from forms/messages.py: the build writes
// it as JSON on this script's tag (macros/overrides/main.html), which is in the page before the
// script runs, so even the worker started below, before the form is parsed, has it.
const MESSAGES = (() => {
  try {
    return JSON.parse(document.querySelector("script[data-sip-messages]")?.dataset.sipMessages || "{}");
  } catch {
    return {};
  }
})();

// The text `key`, with each {name} filled in from `values` (as Python's str.format would).
function text(key, values = {}) {
  const template = MESSAGES[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

// The limit of forms/saved.py (MAX_FILE_BYTES): a larger file is refused before it is read.
const MAX_FILE_BYTES = 10 * 1024 * 1024;
// The format of an answers file, as forms/pdf.py (DATA_FORMAT, answers_file) writes it.
const DATA_FORMAT = "sip-portalen/1";

// A page of the portal inside another site's frame could be overlaid to trick the user; the
// server should forbid framing (README, "Security headers"), and the widget does not start.
const framed = (() => {
  try {
    return window.top !== window.self;
  } catch {
    return true;
  }
})();

// ---- Python worker ---------------------------------------------------------------------

// Pyodide's folder is named after a hash of its content, written in by release/postbuild.py,
// so a server can let browsers keep it without asking again (README, "Caching").
const PYODIDE_DIR = new URL("../../pyodide/__PYODIDE_DIR__/", import.meta.url);
const RUNTIME_URL = new URL("pyodide.asm.wasm", PYODIDE_DIR);

// Chromium keeps compiled WebAssembly in its code cache only for modules compiled by a page,
// not by a worker. The page therefore compiles Pyodide's runtime (off the main thread, as the
// bytes stream in) and hands the compiled module to the worker, which instantiates it instead
// of compiling it again. On a repeat visit this halves Python's start-up (README, "Caching").
// Any failure here only means the worker compiles the runtime itself.
async function compileRuntime() {
  try {
    if (typeof WebAssembly.compileStreaming !== "function") return null;
    return await WebAssembly.compileStreaming(fetch(RUNTIME_URL));
  } catch (error) {
    console.warn("runtime compile in page:", error);
    return null;
  }
}

// The worker may die: Python can fail fatally (WebAssembly has no way back from, say, a stack
// overflow), the worker can throw, or it can stop answering. The form does not depend on it:
// the answers live in the page, a new worker is started, a pending call fails with a Swedish
// message, and saving works without Python at all.
//
// How a dead worker is noticed: it says so ("crashed": a call into Python threw, which
// forms._browser.handle never does), or its error event fires, or it stops answering. While
// Python runs a call the worker cannot answer, so it reports "busy" first and the call gets a
// deadline (BUSY_MS); otherwise, when a call waits, the page pings it and waits PING_MS.
const PING_MS = 5000;
const BUSY_MS = { open: 30_000, warm: 120_000, default: 300_000 };
const MAX_RESTARTS = 3;

class Python {
  constructor(widgetId, mode) {
    this.widgetId = widgetId;
    this.mode = mode;
    this.calls = new Map();
    this.nextId = 1;
    this.lastProgress = null;
    this.restarts = 0;
    this.onProgress = (p) => {
      this.lastProgress = p;
    };
    // Page-side milestones (performance.now()), read by tools/bench.py with the worker's own.
    this.timings = { created: performance.now() };
    this.runtime = compileRuntime().then((module) => {
      this.timings.compiled ??= performance.now();
      return module;
    });
    this.start();
    setInterval(() => this.watch(), 1000);
  }

  start() {
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.ready.catch(() => {}); // a failed start is reported where `ready` is awaited
    this.started = false;
    this.busy = null;
    this.pingedAt = null;
    this.lastHeard = performance.now();
    const worker = new Worker(WORKER_URL, { type: "module" });
    this.worker = worker;
    worker.onmessage = (event) => {
      if (worker === this.worker) this.receive(event.data);
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      if (worker !== this.worker) return;
      if (this.started) this.crash("error event");
      else this.rejectReady(new Error(text("load_failed")));
    };
    worker.postMessage({ type: "start", widget: this.widgetId, mode: this.mode, messages: MESSAGES });
    this.runtime.then((module) => worker.postMessage({ type: "runtime", module }));
  }

  receive(message) {
    this.lastHeard = performance.now();
    if (message.type === "progress") this.onProgress(message);
    else if (message.type === "ready") {
      this.started = true;
      this.resolveReady(message.timings);
    } else if (message.type === "warm") this.onWarm?.(message.ms);
    else if (message.type === "failed") this.rejectReady(new Error(message.message));
    else if (message.type === "busy") this.busy = { op: message.op, since: performance.now() };
    else if (message.type === "idle") this.busy = null;
    else if (message.type === "crashed") this.crash("python");
    else if (message.type === "reply") {
      this.busy = null;
      const pending = this.calls.get(message.id);
      this.calls.delete(message.id);
      pending?.resolve(message);
    }
  }

  // Runs every second: a worker that is busy past its deadline, or does not answer a ping
  // while a call waits, is dead.
  watch() {
    if (!this.started || !this.calls.size) return;
    const now = performance.now();
    if (this.busy) {
      if (now - this.busy.since > (BUSY_MS[this.busy.op] ?? BUSY_MS.default)) this.crash("deadline");
    } else if (this.pingedAt === null) {
      if (now - this.lastHeard > PING_MS) {
        this.pingedAt = now;
        this.worker.postMessage({ type: "ping" });
      }
    } else if (this.lastHeard > this.pingedAt) {
      this.pingedAt = null;
    } else if (now - this.pingedAt > PING_MS) {
      this.crash("silent");
    }
  }

  crash(reason) {
    console.warn("Python worker stopped:", reason);
    this.worker.terminate();
    this.started = false;
    for (const pending of this.calls.values()) pending.reject(new Error(text("call_lost")));
    this.calls.clear();
    if (this.restarts >= MAX_RESTARTS) {
      this.worker = null;
      this.rejectReady(new Error(text("gave_up")));
      this.ready = Promise.reject(new Error(text("gave_up")));
      this.ready.catch(() => {});
      this.onGiveUp?.();
      return;
    }
    this.restarts += 1;
    this.onCrash?.();
    this.start();
    this.ready.then(
      () => this.onRestart?.(),
      (error) => this.onRestartFailed?.(error),
    );
  }

  // The request travels as JSON text: a string always arrives, whereas a structured clone of
  // deeply nested data can fail in the worker and leave the call without an answer.
  async call(request, file = null) {
    await this.ready;
    let text;
    try {
      text = JSON.stringify(request);
    } catch (error) {
      console.error(error);
      throw new Error(text("fatal"));
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.calls.set(id, { resolve, reject });
      const message = { type: "call", id, op: request.op, request: text };
      try {
        if (file) {
          message.file = file;
          this.worker.postMessage(message, [file]);
        } else {
          this.worker.postMessage(message);
        }
      } catch (error) {
        console.error(error);
        this.calls.delete(id);
        reject(new Error(text("fatal")));
      }
    });
  }
}

// ---- answers <-> form ----------------------------------------------------------------------

function setPath(target, path, value) {
  const parts = path.split(".");
  let node = target;
  for (let i = 0; i < parts.length - 1; i++) {
    const key = parts[i];
    const nextIsIndex = /^\d+$/.test(parts[i + 1]);
    if (node[key] === undefined) node[key] = nextIsIndex ? [] : {};
    node = node[key];
  }
  node[parts[parts.length - 1]] = value;
}

// The answers on the page. `shownOnly` leaves out follow-up questions that are hidden, as
// Python's validation does (e.g. the address of a person with skyddade personuppgifter).
export function collect(form, { shownOnly = false } = {}) {
  const answers = {};
  for (const repeat of form.querySelectorAll("[data-repeat]")) answers[repeat.dataset.repeat] = [];
  for (const el of form.elements) {
    if (!el.name || el.closest("template")) continue;
    if (shownOnly && el.closest("[data-show-if][hidden]")) continue;
    if (el.type === "checkbox") {
      if (el.closest(".sip-single-check")) setPath(answers, el.name, el.checked);
      else {
        const current = el.name.split(".").reduce((n, k) => (n ? n[k] : undefined), answers);
        const list = Array.isArray(current) ? current : [];
        if (el.checked) list.push(el.value);
        setPath(answers, el.name, list);
      }
    } else if (el.type === "radio") {
      if (el.checked) setPath(answers, el.name, el.value);
      else if (el.name.split(".").reduce((n, k) => (n ? n[k] : undefined), answers) === undefined)
        setPath(answers, el.name, "");
    } else if (el.type !== "file" && el.type !== "button" && el.type !== "submit") {
      setPath(answers, el.name, el.value);
    }
  }
  for (const repeat of form.querySelectorAll("[data-repeat]")) {
    const list = answers[repeat.dataset.repeat];
    if (Array.isArray(list)) answers[repeat.dataset.repeat] = list.filter((x) => x !== undefined);
  }
  return answers;
}

function isRecord(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

// Put answers into the form. Python has already fitted opened files to the form
// (forms/saved.py); this is the page's own guard: never more rows than the group's data-max,
// rows built in one batch, only plain values set, and no text longer than its field allows.
// Returns a Swedish notice for anything left out.
function fillFields(form, answers, prefix = "", notices = []) {
  if (!isRecord(answers)) return notices;
  for (const [key, value] of Object.entries(answers)) {
    const repeat = !prefix && form.querySelector(`[data-repeat="${CSS.escape(key)}"]`);
    if (repeat) {
      if (!Array.isArray(value)) continue;
      const max = Number(repeat.dataset.max || 50);
      const legend = repeat.querySelector(":scope > legend")?.textContent.trim() || key;
      if (value.length > max) {
        notices.push(text("rows_left_out", { count: value.length, legend, max }));
      }
      const rows = value.slice(0, max);
      setItemCount(repeat, Math.max(Number(repeat.dataset.min || 0), rows.length));
      rows.forEach((item, index) => fillFields(form, item, `${key}.${index}.`, notices));
      continue;
    }
    const elements = form.querySelectorAll(`[name="${CSS.escape(prefix + key)}"]`);
    for (const el of elements) {
      if (el.closest("template")) continue;
      if (el.type === "checkbox") {
        el.checked = Array.isArray(value) ? value.includes(el.value) : value === true || value === "true";
      } else if (el.type === "radio") {
        el.checked = el.value === value;
      } else if (typeof value === "string" || typeof value === "number") {
        const typed = String(value);
        if (el.maxLength > 0 && typed.length > el.maxLength) {
          const label = el.labels?.[0]?.textContent.trim() || key;
          notices.push(text("text_cut", { label, length: typed.length, max: el.maxLength }));
        }
        el.value = el.maxLength > 0 ? typed.slice(0, el.maxLength) : typed;
      } else if (value === null || value === undefined) {
        el.value = "";
      }
    }
  }
  return notices;
}

// ---- repeat groups -------------------------------------------------------------------------

// A row is numbered from its group's <template> (macros/widgets.py): wherever the template's
// attributes hold the placeholder (its own data-index), the row holds its index, so name, id,
// for, aria-describedby, data-field and data-show-if follow the build's own naming. A row and
// the template have the same elements in the same order; the page changes only attributes and
// text inside a row. Per group: the template's first element and [position, attribute, value].
const rowTemplates = new WeakMap();

function rowTemplate(repeat) {
  let known = rowTemplates.get(repeat);
  if (!known) {
    const root = repeat.querySelector(":scope > template").content.firstElementChild;
    const placeholder = root.dataset.index;
    const indexed = [];
    [root, ...root.querySelectorAll("*")].forEach((el, position) => {
      for (const { name, value } of el.attributes) {
        if (value.includes(placeholder)) indexed.push([position, name, value]);
      }
    });
    known = { root, placeholder, indexed };
    rowTemplates.set(repeat, known);
  }
  return known;
}

function numberRow(repeat, item, index) {
  const { placeholder, indexed } = rowTemplate(repeat);
  const elements = [item, ...item.querySelectorAll("*")];
  for (const [position, name, value] of indexed) {
    elements[position].setAttribute(name, value.replaceAll(placeholder, String(index)));
  }
  // A field with an error shown stays described by its own message (showErrors).
  for (const el of item.querySelectorAll("[aria-invalid]")) {
    const described = (el.getAttribute("aria-describedby") || "").split(" ");
    const kept = described.filter((token) => token && !token.endsWith("-error"));
    el.setAttribute("aria-describedby", [...kept, `${el.id}-error`].join(" "));
  }
}

function renumber(repeat) {
  const items = repeat.querySelectorAll(":scope > .sip-repeat-items > .sip-repeat-item");
  items.forEach((item, index) => {
    if (item.dataset.index !== String(index)) numberRow(repeat, item, index);
    for (const no of item.querySelectorAll(".sip-item-no")) {
      if (no.closest(".sip-repeat-item") === item) no.textContent = String(index + 1);
    }
  });
  const max = Number(repeat.dataset.max || 50);
  const min = Number(repeat.dataset.min || 0);
  repeat.querySelector(":scope > .sip-add").hidden = items.length >= max;
  for (const button of repeat.querySelectorAll(":scope > .sip-repeat-items > .sip-repeat-item > .sip-remove")) {
    button.hidden = items.length <= min;
  }
}

function addItem(repeat) {
  const list = repeat.querySelector(":scope > .sip-repeat-items");
  setItemCount(repeat, list.children.length + 1);
  return list.lastElementChild;
}

// Exactly `count` rows (within the group's data-min and data-max), added in one batch and
// renumbered once: a file with many rows costs one pass, not one pass per row.
function setItemCount(repeat, count) {
  const list = repeat.querySelector(":scope > .sip-repeat-items");
  const max = Number(repeat.dataset.max || 50);
  const wanted = Math.min(Math.max(count, Number(repeat.dataset.min || 0)), max);
  if (list.children.length < wanted) {
    const { root } = rowTemplate(repeat);
    const rows = document.createDocumentFragment();
    for (let index = list.children.length; index < wanted; index++) rows.append(document.importNode(root, true));
    list.append(rows);
  }
  while (list.children.length > wanted) list.lastElementChild.remove();
  renumber(repeat);
}

// ---- conditional questions -----------------------------------------------------------------

function currentValue(form, name) {
  const elements = [...form.querySelectorAll(`[name="${CSS.escape(name)}"]`)].filter(
    (el) => !el.closest("template"),
  );
  if (!elements.length) return [];
  if (elements[0].type === "radio") return elements.filter((e) => e.checked).map((e) => e.value);
  if (elements[0].type === "checkbox") {
    if (elements[0].closest(".sip-single-check")) return [elements[0].checked ? "true" : "false"];
    return elements.filter((e) => e.checked).map((e) => e.value);
  }
  return [elements[0].value];
}

function updateVisibility(form) {
  for (const el of form.querySelectorAll("[data-show-if]")) {
    if (el.closest("template")) continue;
    const rule = JSON.parse(el.dataset.showIf);
    const values = currentValue(form, rule.field);
    el.hidden = !values.some((v) => rule.values.includes(v));
  }
}

// ---- errors ----------------------------------------------------------------------------------

function clearErrors(widget) {
  const summary = widget.querySelector(".sip-error-summary");
  summary.hidden = true;
  summary.querySelector("ul").replaceChildren();
  for (const p of widget.querySelectorAll(".sip-field-error")) p.hidden = true;
  for (const el of widget.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  for (const el of widget.querySelectorAll(".sip-field--error")) el.classList.remove("sip-field--error");
  if (document.title.startsWith("Fel: ")) document.title = document.title.slice(5);
}

// Focus a question: the field itself, or in a group of options the chosen one (else the first).
function focusField(widget, id) {
  const el = document.getElementById(id);
  if (!el) return;
  const target = el.matches("fieldset")
    ? el.querySelector("input:checked") || el.querySelector("input, select, textarea")
    : el;
  (target || el).focus();
  el.scrollIntoView({ block: "center" });
}

function showErrors(widget, errors) {
  clearErrors(widget);
  const summary = widget.querySelector(".sip-error-summary");
  const list = summary.querySelector("ul");
  for (const error of errors) {
    const message = widget.querySelector(`[id="${CSS.escape(error.id)}-error"]`);
    const field = document.getElementById(error.id);
    if (message) {
      message.querySelector(".sip-msg").textContent = error.message;
      message.hidden = false;
    }
    if (field) {
      field.setAttribute("aria-invalid", "true");
      field.closest(".sip-field")?.classList.add("sip-field--error");
      const described = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      if (!described.includes(`${error.id}-error`)) {
        described.push(`${error.id}-error`);
        field.setAttribute("aria-describedby", described.join(" "));
      }
    }
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = `#${error.id}`;
    a.textContent = error.message;
    a.addEventListener("click", (event) => {
      event.preventDefault();
      focusField(widget, error.id);
    });
    li.append(a);
    list.append(li);
  }
  summary.hidden = false;
  if (!document.title.startsWith("Fel: ")) document.title = `Fel: ${document.title}`;
  summary.focus();
}

// ---- small helpers ---------------------------------------------------------------------------

function download(data, filename, type) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30000);
}

// The answers file that forms/pdf.py (answers_file) writes, written by the page itself, so
// that saving never depends on Python: the same format marker and keys, the same JSON layout
// (indent 1, UTF-8, characters as they are). forms.saved.parse_answers reads it back.
function answersFile(formId, answers) {
  const payload = { format: DATA_FORMAT, blankett: formId, svar: answers };
  return new TextEncoder().encode(JSON.stringify(payload, null, 1));
}

// The file name forms/_browser.py (_filename) gives: the title as a slug and today's date.
function fileName(title, extension) {
  const slug = title
    .toLowerCase()
    .replace(/[åäöé]/g, (c) => ({ å: "a", ä: "a", ö: "o", é: "e" })[c])
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const now = new Date();
  const day = [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n) => String(n).padStart(2, "0"));
  return `${slug}-${day.join("-")}.${extension}`;
}

function megabytes(bytes) {
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "").replace(".", ",")} MB`;
}

// What an opened file did not bring along: shown above the form, announced, and kept until the
// form is cleared or another file is opened, so the user reads it before printing.
function showNotices(widget, notices) {
  widget.querySelector(".sip-notices")?.remove();
  if (!notices.length) return;
  const box = element("div", undefined, "sip-notices");
  box.setAttribute("role", "alert");
  box.tabIndex = -1;
  box.append(element("h2", text("notices_title"), "sip-notices-title"));
  box.append(element("p", text("notices_intro")));
  const list = element("ul");
  for (const notice of notices) list.append(element("li", notice));
  box.append(list);
  widget.querySelector("form.sip-form").before(box);
  box.focus();
}

function say(node, message, kind = "info") {
  node.replaceChildren();
  const p = document.createElement("p");
  p.className = `sip-message sip-message--${kind}`;
  p.textContent = message;
  node.append(p);
}

function element(tag, content, className) {
  const el = document.createElement(tag);
  if (content !== undefined) el.textContent = content;
  if (className) el.className = className;
  return el;
}

// ---- "Granska dina svar" ---------------------------------------------------------------------
//
// The answers as the form shows them, section by section, read from the form itself: section
// headings, labels and legends, only the questions that are shown, rows numbered as in the form.
// Each answer has an "Ändra" link to its question (the GOV.UK "check answers" pattern).

// A label or legend as the form shows it, without "(måste fyllas i)".
function labelText(node) {
  if (!node) return "";
  const copy = node.cloneNode(true);
  for (const mark of copy.querySelectorAll(".sip-required")) mark.remove();
  return copy.textContent.trim();
}

// One shown question: its label, its answer as the user sees it (the chosen options' labels,
// "Ja" or "Nej" for a single box, the text; nothing when unanswered) and what "Ändra" focuses.
function answerOf(field) {
  if (field.matches("fieldset")) {
    const chosen = [...field.querySelectorAll("input:checked")].map((input) => labelText(input.labels[0]));
    return { label: labelText(field.querySelector(":scope > legend")), values: chosen, id: field.id };
  }
  const control = field.querySelector("input, select, textarea");
  if (field.matches(".sip-single-check")) {
    const value = text(control.checked ? "review_yes" : "review_no");
    return { label: labelText(control.labels[0]), values: [value], id: control.id };
  }
  const value = control.matches("select")
    ? control.value && control.selectedOptions[0].textContent.trim()
    : control.value.trim();
  return { label: labelText(field.querySelector(".sip-label")), values: value ? [value] : [], id: control.id };
}

// <div><dt>label</dt><dd>answer</dd><dd><a>Ändra</a></dd></div>; `row` names a repeat row
// ("Deltagare 2") in the link's name, so that every "Ändra" says which answer it changes.
function reviewRow(answer, row = "") {
  const line = element("div", undefined, "sip-review-row");
  const value = element("dd", undefined, "sip-review-value");
  if (!answer.values.length) value.append(element("span", text("review_empty"), "sip-review-empty"));
  else if (answer.values.length === 1) value.textContent = answer.values[0];
  else {
    const list = element("ul");
    for (const one of answer.values) list.append(element("li", one));
    value.append(list);
  }
  const link = element("a", text("review_change"));
  link.href = `#${answer.id}`;
  link.dataset.action = "change";
  link.append(element("span", ` ${row ? `${answer.label}, ${row}` : answer.label}`, "md-visually-hidden"));
  const change = element("dd", undefined, "sip-review-change");
  change.append(link);
  line.append(element("dt", answer.label), value, change);
  return line;
}

function reviewRows(fields, row) {
  const list = element("dl", undefined, "sip-review-rows");
  for (const field of fields) if (!field.hidden) list.append(reviewRow(answerOf(field), row));
  return list.children.length ? list : document.createDocumentFragment();
}

function reviewRepeat(repeat) {
  const out = document.createDocumentFragment();
  out.append(element("h4", repeat.querySelector(":scope > legend").textContent.trim()));
  const items = repeat.querySelectorAll(":scope > .sip-repeat-items > .sip-repeat-item");
  if (!items.length) out.append(element("p", text("review_empty"), "sip-review-empty"));
  for (const item of items) {
    const row = item.querySelector(":scope > legend").textContent.trim();
    out.append(element("h5", row), reviewRows(item.querySelectorAll(":scope > .sip-field"), row));
  }
  return out;
}

// Questions that follow a repeat group in its section get a heading of their own ("Vad
// samtycket gäller (forts.)"), so that they are not read as part of the group's last row.
function reviewList(form) {
  const out = document.createDocumentFragment();
  for (const section of form.querySelectorAll(":scope > .sip-section")) {
    if (section.hidden) continue;
    const title = section.querySelector(":scope > h2").textContent.trim();
    out.append(element("h3", title));
    let fields = [];
    let afterGroup = false;
    const flush = () => {
      const rows = reviewRows(fields);
      if (afterGroup && rows.children.length) out.append(element("h4", text("review_continued", { section: title })));
      out.append(rows);
      fields = [];
    };
    for (const child of section.children) {
      if (child.matches(".sip-repeat")) {
        flush();
        out.append(reviewRepeat(child));
        afterGroup = true;
      } else if (child.matches(".sip-field")) fields.push(child);
    }
    flush();
  }
  return out;
}

// ---- needs assessment result -----------------------------------------------------------------

// "(Källa: <document, its own section>. <portal heading as a link>)": the document is named as a
// reader would look for it; the link goes to the portal page that publishes the rule.
function sourceLink(root, item) {
  const span = element("span", "", "sip-source");
  if (!item.source) return span;
  span.append(` (${text("source")}: ${item.short || item.source}.`);
  if (item.href) {
    const a = element("a", item.link || item.source);
    a.href = root + item.href;
    span.append(" ", a);
  }
  span.append(")");
  return span;
}

function renderAssessment(widget, assessment) {
  const root = widget.dataset.root;
  const body = widget.querySelector(".sip-result-body");
  const out = document.createDocumentFragment();
  const verdict = element("p", "", `sip-verdict sip-verdict--${assessment.verdict}`);
  verdict.append(element("strong", assessment.verdict_label));
  out.append(verdict);
  if (assessment.summary) out.append(element("p", assessment.summary, "sip-summary"));
  const list = (title, items, ordered = false) => {
    if (!items?.length) return;
    out.append(element("h3", title));
    const ul = element(ordered ? "ol" : "ul");
    for (const item of items) {
      const li = element("li", typeof item === "string" ? item : item.text);
      if (typeof item !== "string") li.append(sourceLink(root, item));
      ul.append(li);
    }
    out.append(ul);
  };
  const headings = assessment.headings || {};
  list(headings.reasons, assessment.reasons);
  for (const section of assessment.sections || []) list(section.title, section.items);
  list(headings.checklist, assessment.checklist, true);
  if (canStartKallelse(widget, assessment)) {
    const button = element("button", text("start_kallelse"), "md-button md-button--primary");
    button.type = "button";
    button.dataset.action = "start-kallelse";
    out.append(button);
  }
  body.replaceChildren(out);
}

// The widget pages' addresses, relative to the site root (macros/widgets.py, widget_pages).
function pageOf(widget, formId) {
  try {
    const path = JSON.parse(widget.dataset.pages || "{}")[formId];
    return path === undefined ? null : widget.dataset.root + path;
  } catch {
    return null;
  }
}

function canStartKallelse(widget, assessment) {
  return Boolean(
    assessment.kallelse && Object.keys(assessment.kallelse_prefill || {}).length && pageOf(widget, "kallelse"),
  );
}

// ---- one widget --------------------------------------------------------------------------------

function supported() {
  try {
    return (
      typeof WebAssembly === "object" &&
      typeof WebAssembly.instantiate === "function" &&
      typeof Worker === "function" &&
      typeof BigInt64Array === "function"
    );
  } catch {
    return false;
  }
}

// One widget on the page: its form, its status line, its result, and the Python behind it.
// `early` is the Python started before the page was parsed (see the end of this file).
class FormWidget {
  constructor(widget, early) {
    this.widget = widget;
    this.form = widget.querySelector("form.sip-form");
    this.statusText = widget.querySelector(".sip-status .sip-status-text");
    this.progress = widget.querySelector(".sip-status .sip-progress");
    this.result = widget.querySelector(".sip-result-body");
    this.review = widget.querySelector(".sip-review");
    this.mode = widget.dataset.mode;
    this.id = widget.dataset.sipWidget;
    this.dirty = false;
    this.lastAssessment = null;
    this.sequence = 0;
    this.numberRows();
    this.guardUnsavedInput();
    const refusal = framed ? text("framed") : supported() ? null : text("unsupported");
    if (refusal) {
      this.refuse(refusal);
      return;
    }
    this.startPython(early);
    this.listen();
    if (this.assesses) this.keepVerdictInView();
    this.acceptPrefill();
  }

  get ready() {
    return this.widget.dataset.ready === "true";
  }

  get assesses() {
    return this.mode === "assess";
  }

  // The rows the build rendered get their numbers and buttons; follow-ups show or hide.
  numberRows() {
    for (const repeat of this.form.querySelectorAll("[data-repeat]")) renumber(repeat);
    updateVisibility(this.form);
  }

  // The browser asks before a page with unsaved answers is left.
  guardUnsavedInput() {
    window.addEventListener("beforeunload", (event) => {
      if (this.dirty) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
  }

  refuse(message) {
    this.widget.classList.add("sip-unsupported");
    this.statusText.textContent = message;
  }

  // ---- Python ----

  startPython(early) {
    this.widget.classList.add("sip-loading");
    this.progress.hidden = false;
    this.statusText.textContent = text("starting");
    const python = early?.id === this.id ? early.python : new Python(this.id, this.mode);
    this.python = python;
    this.widget.sipPython = python;
    python.onProgress = (p) => this.showProgress(p);
    if (python.lastProgress) this.showProgress(python.lastProgress);
    python.onWarm = () => {
      this.widget.dataset.warmAt = String(Math.round(performance.now()));
    };
    python.onCrash = () => this.pythonRestarting();
    python.onRestart = () => this.pythonRestarted();
    python.onRestartFailed = python.onGiveUp = () => this.pythonGaveUp();
    python.ready.then(
      (timings) => this.pythonReady(timings),
      (error) => this.pythonFailed(error),
    );
  }

  showProgress(p) {
    this.progress.value = Math.round(((p.step - 1) / p.steps) * 100) + 10;
    this.statusText.textContent = text("progress", p);
  }

  pythonReady(timings) {
    const widget = this.widget;
    widget.classList.remove("sip-loading");
    widget.classList.add("sip-ready");
    widget.dataset.ready = "true";
    widget.dataset.readyAt = String(Math.round(performance.now()));
    widget.sipTimings = { page: this.python.timings, worker: timings };
    this.progress.hidden = true;
    this.statusText.textContent = text("ready");
    if (navigator.serviceWorker?.controller) cacheForOffline(widget);
    else navigator.serviceWorker?.addEventListener("controllerchange", () => cacheForOffline(widget), { once: true });
    // Material's search index (about 0.3 s of processor time) is built now beside a widget
    // that assesses. Beside one that prints it waits for a search or four seconds
    // (search-deferred.js): built now, it would compete with the PDF engine's start and the
    // first "Skapa PDF".
    if (this.assesses) {
      this.assess();
      startSearch();
    }
  }

  pythonFailed(error) {
    startSearch();
    this.widget.classList.remove("sip-loading");
    this.widget.classList.add("sip-failed");
    this.progress.hidden = true;
    this.statusText.textContent = error.message;
  }

  pythonRestarting() {
    this.widget.dataset.ready = "false";
    this.widget.dataset.restarts = String(this.python.restarts);
    this.widget.classList.add("sip-loading");
    this.statusText.textContent = text("restarting");
  }

  pythonRestarted() {
    this.widget.classList.remove("sip-loading");
    this.widget.dataset.ready = "true";
    this.statusText.textContent = text("restarted");
  }

  pythonGaveUp() {
    this.widget.classList.remove("sip-loading");
    this.widget.classList.add("sip-failed");
    this.statusText.textContent = text("gave_up");
  }

  // One call to Python with the form's answers; null (and the reason shown) when it fails.
  async request(op, extra = {}) {
    let reply;
    try {
      reply = await this.python.call({ op, form: this.id, answers: collect(this.form), ...extra });
    } catch (error) {
      this.tell(error.message);
      return null;
    }
    if (reply.response.fatal) {
      this.tell(reply.response.fatal);
      return null;
    }
    return reply;
  }

  // A failure, where the result is shown. The needs assessment's result is not a live region,
  // so its small verdict region says it too.
  tell(message) {
    say(this.result, message, "error");
    if (this.live) this.live.textContent = message;
  }

  // ---- events ----

  listen() {
    this.form.addEventListener("input", (event) => this.onInput(event));
    this.form.addEventListener("change", () => this.onChange());
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.makePdf();
    });
    this.widget.addEventListener("click", (event) => this.onClick(event));
    const opener = this.widget.querySelector("input[type=file][data-action=open]");
    opener?.addEventListener("change", () => this.openFile(opener));
  }

  onInput(event) {
    this.dirty = true;
    if (this.assesses && this.ready && event.target.matches("input[type=text], textarea")) this.assess();
  }

  onChange() {
    this.dirty = true;
    updateVisibility(this.form);
    this.refreshReview();
    if (this.assesses && this.ready) this.assess();
  }

  onClick(event) {
    const target = event.target.closest("button[data-action], a[data-action]");
    if (!target) return;
    if (target.matches("a")) event.preventDefault();
    const actions = {
      add: () => this.addRow(target.closest("[data-repeat]")),
      remove: () => this.removeRow(target.closest(".sip-repeat-item")),
      pdf: () => this.makePdf(target.dataset.variant),
      "print-pdf": () => this.makePdf(),
      save: () => this.saveAnswers(),
      clear: () => this.clear(),
      review: () => this.openReview(),
      "close-review": () => this.closeReview(),
      change: () => focusField(this.widget, decodeURIComponent(target.hash.slice(1))),
      "start-kallelse": () => this.startKallelse(),
      "to-result": () => this.goToResult(),
      "hide-bar": () => this.hideBar(),
    };
    actions[target.dataset.action]?.();
  }

  // ---- repeat groups ----

  addRow(repeat) {
    const item = addItem(repeat);
    updateVisibility(this.form);
    item.querySelector("input, select, textarea")?.focus();
    const label = item.querySelector("legend").textContent.trim();
    repeat.querySelector(".sip-repeat-status").textContent = text("row_added", { label });
    this.dirty = true;
    this.refreshReview();
  }

  removeRow(item) {
    const repeat = item.closest("[data-repeat]");
    const label = item.querySelector("legend").textContent.trim();
    item.remove();
    renumber(repeat);
    updateVisibility(this.form);
    repeat.querySelector(".sip-repeat-status").textContent = text("row_removed", { label });
    repeat.querySelector(":scope > .sip-add").focus();
    this.dirty = true;
    this.refreshReview();
    if (this.assesses && this.ready) this.assess();
  }

  // ---- "Granska dina svar" ----

  // Listed afresh from the form each time it is opened; the heading takes the focus.
  openReview() {
    this.review.querySelector(".sip-review-list").replaceChildren(reviewList(this.form));
    this.review.hidden = false;
    const heading = this.review.querySelector("h2");
    heading.focus({ preventScroll: true });
    heading.scrollIntoView({ block: "start" });
  }

  // While the list is open it follows every change the user makes in the form.
  refreshReview() {
    if (this.review && !this.review.hidden) {
      this.review.querySelector(".sip-review-list").replaceChildren(reviewList(this.form));
    }
  }

  closeReview() {
    this.review.hidden = true;
    this.widget.querySelector("[data-action=review]").focus();
  }

  // ---- the needs assessment ----

  async assess() {
    const mine = ++this.sequence;
    const reply = await this.request("assess");
    if (!reply || mine !== this.sequence) return;
    const previous = this.lastAssessment;
    this.lastAssessment = reply.response.assessment;
    renderAssessment(this.widget, this.lastAssessment);
    this.showVerdict(this.lastAssessment, previous);
    this.widget.dataset.assessed = String(mine);
  }

  // ---- the answer in view ----
  //
  // The full result stands after the questions. While the user answers, the verdict stays in
  // view: in a panel in the right-hand column where Material shows one (its secondary sidebar,
  // which is sticky), else in a bar at the bottom edge that leads to the full result and can be
  // hidden. The bar comes after the questions in the tab order, just before the result. Only
  // the verdict is announced, and only when it changes.

  keepVerdictInView() {
    this.live = this.widget.querySelector(".sip-verdict-live");
    this.aside = this.widget.querySelector(".sip-aside");
    this.verdictBar = this.widget.querySelector(".sip-verdict-bar");
    this.resultHeading = this.widget.querySelector(".sip-result h2");
    this.barDismissed = false;
    const column = document.querySelector(".md-sidebar--secondary:not([hidden]) .md-sidebar__inner");
    if (column) {
      column.prepend(this.aside);
      this.aside.addEventListener("click", (event) => this.onClick(event));
    } else {
      this.aside.remove();
      this.aside = null;
      this.verdictBar.classList.add("sip-bar-always");
    }
    new ResizeObserver(() => this.padForBar()).observe(this.verdictBar);
  }

  showVerdict(assessment, previous) {
    const label = assessment.verdict_label;
    if (this.aside) {
      this.aside.querySelector(".sip-aside-verdict strong").textContent = label;
      this.aside.querySelector(".sip-aside-summary").textContent = assessment.summary || "";
      const reason = this.aside.querySelector(".sip-aside-reason");
      const deciding = assessment.reasons?.[0];
      reason.replaceChildren();
      if (deciding) reason.append(element("strong", `${assessment.headings?.reasons}:`), ` ${deciding.text}`);
      reason.hidden = !deciding;
      this.aside.hidden = false;
    }
    this.verdictBar.querySelector(".sip-bar-verdict").textContent = label;
    this.placeBar();
    if (previous && previous.verdict_label !== label) this.live.textContent = text("verdict_now", { verdict: label });
  }

  // The bar shows once there is a verdict, until the user hides it (sip.css shows it only
  // where there is no right-hand column).
  placeBar() {
    this.verdictBar.hidden = !this.lastAssessment || this.barDismissed;
    this.padForBar();
  }

  // The page gets room for the bar below its end, and a focused field is scrolled clear of it
  // (sip.css: body padding and scroll-padding-bottom from --sip-bar-height).
  padForBar() {
    const height = this.verdictBar.hidden ? 0 : this.verdictBar.offsetHeight;
    document.documentElement.style.setProperty("--sip-bar-height", `${height}px`);
  }

  hideBar() {
    this.barDismissed = true;
    this.resultHeading.focus({ preventScroll: true });
    this.placeBar();
  }

  goToResult() {
    this.resultHeading.focus({ preventScroll: true });
    this.resultHeading.scrollIntoView({ block: "start" });
  }

  // A new tab with the kallelse, prefilled with what the assessment knows.
  startKallelse() {
    const url = this.lastAssessment && pageOf(this.widget, "kallelse");
    if (url) openPrefilled(url, this.lastAssessment.kallelse_prefill);
  }

  // ---- files ----

  // "Spara svaren som fil" needs no Python: the page writes the answers file itself, so the
  // answers can be saved even when Python has stopped or never started.
  saveAnswers() {
    const title = this.form.getAttribute("aria-label") || this.id;
    const filename = fileName(title, "json");
    download(answersFile(this.id, collect(this.form, { shownOnly: true })), filename, "application/json");
    this.dirty = false;
    say(this.result, text("saved", { filename }), "success");
  }

  async makePdf(variant) {
    if (!this.ready) say(this.result, text("still_starting"));
    try {
      await this.python.ready;
    } catch (error) {
      say(this.result, error.message, "error");
      return;
    }
    const reply = await this.request("pdf", variant ? { variant } : {});
    if (!reply) return;
    const { response, data } = reply;
    if (response.errors?.length) {
      showErrors(this.widget, response.errors);
      return;
    }
    clearErrors(this.widget);
    if (data) {
      download(data, response.filename, "application/pdf");
      this.dirty = false;
      if (!this.assesses) say(this.result, text("pdf_made", { filename: response.filename }), "success");
    }
  }

  async openFile(opener) {
    const file = opener.files?.[0];
    const note = this.widget.querySelector(".sip-open-status");
    if (!file) return;
    showNotices(this.widget, []);
    if (file.size > MAX_FILE_BYTES) {
      opener.value = "";
      note.textContent = text("file_too_large", { size: megabytes(file.size), limit: megabytes(MAX_FILE_BYTES) });
      return;
    }
    note.textContent = text("file_reading", { name: file.name });
    let reply;
    try {
      reply = await this.python.call({ op: "open", form: this.id }, await file.arrayBuffer());
    } catch (error) {
      note.textContent = error.message === text("call_lost") ? text("file_crashed", { name: file.name }) : error.message;
      return;
    } finally {
      opener.value = "";
    }
    const response = reply.response;
    if (response.error || response.fatal) {
      note.textContent = response.error || response.fatal;
      return;
    }
    const notices = [...(response.notices || []), ...this.fill(response.answers)];
    note.textContent = text(notices.length ? "file_partly_filled" : "file_filled", { name: file.name });
    showNotices(this.widget, notices);
  }

  // Put answers into the form (an opened file, a prefill); returns what was left out.
  fill(answers) {
    const notices = fillFields(this.form, answers);
    updateVisibility(this.form);
    clearErrors(this.widget);
    this.dirty = true;
    this.refreshReview();
    return notices;
  }

  clear() {
    if (!window.confirm(text("confirm_clear"))) return;
    this.form.reset();
    for (const repeat of this.form.querySelectorAll("[data-repeat]")) setItemCount(repeat, Number(repeat.dataset.min || 0));
    updateVisibility(this.form);
    clearErrors(this.widget);
    showNotices(this.widget, []);
    if (this.review) this.review.hidden = true;
    this.dirty = false;
    if (!this.assesses) say(this.result, text("cleared"));
    else if (this.ready) this.assess();
    this.form.querySelector("input, select, textarea")?.focus();
  }

  // A page opened by the needs assessment receives its prefill by postMessage (same origin);
  // nothing passes through the URL or any storage.
  acceptPrefill() {
    this.widget.sipFill = (answers) => this.fill(answers);
    if (!window.opener || this.assesses) return;
    window.addEventListener("message", (event) => {
      if (event.origin !== location.origin || event.data?.type !== "sip-prefill") return;
      if (event.data.form !== this.id) return;
      this.fill(event.data.answers || {});
      say(this.result, text("prefilled"), "info");
    });
    try {
      window.opener.postMessage({ type: "sip-prefill-ready", form: this.id }, location.origin);
    } catch {
      /* the opener is another site: ignore */
    }
  }
}

// Asks sip-page.js, which runs on every page before the form is wired up, to start Material's
// search worker (search-deferred.js).
function startSearch() {
  document.dispatchEvent(new Event("sip-search"));
}

// Once Python runs, ask the service worker to keep Pyodide and the wheels for offline use:
// Pyodide's own files, as the build names them on the widget (data-pyodide-files), and every
// package its lockfile lists.
async function cacheForOffline(widget) {
  if (!("serviceWorker" in navigator) || !navigator.serviceWorker.controller) return;
  try {
    const registration = await navigator.serviceWorker.ready;
    const lock = await (await fetch(new URL("pyodide-lock.json", PYODIDE_DIR))).json();
    const files = [
      ...JSON.parse(widget.dataset.pyodideFiles || "[]"),
      ...Object.values(lock.packages).map((p) => p.file_name),
    ];
    navigator.serviceWorker.addEventListener("message", (event) => {
      if (event.data?.type === "pyodide-cached") widget.dataset.offline = "ready";
    });
    registration.active.postMessage({
      type: "cache-pyodide",
      urls: files.map((f) => new URL(f, PYODIDE_DIR).href),
    });
  } catch (error) {
    console.warn("offline cache:", error);
  }
}

function openPrefilled(url, answers) {
  const child = window.open(url, "_blank");
  if (!child) return;
  const onMessage = (event) => {
    if (event.origin !== location.origin || event.source !== child) return;
    if (event.data?.type !== "sip-prefill-ready") return;
    child.postMessage({ type: "sip-prefill", form: event.data.form, answers }, location.origin);
    window.removeEventListener("message", onMessage);
  };
  window.addEventListener("message", onMessage);
}

// The page's script tag names its widget (widgets.mjs?widget=…&mode=…) and is async, so the
// worker starts loading Python before the rest of the page is parsed.
const params = new URL(import.meta.url).searchParams;
const early =
  params.get("widget") && supported() && !framed
    ? { id: params.get("widget"), python: new Python(params.get("widget"), params.get("mode")) }
    : null;

if (document.readyState === "loading") {
  await new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
}
for (const widget of document.querySelectorAll("[data-sip-widget]")) {
  try {
    new FormWidget(widget, early);
  } catch (error) {
    console.error(error);
    const status = widget.querySelector(".sip-status-text");
    if (status) status.textContent = text("fatal");
  }
}
