// SIP-portalen's Python worker. Every widget talks to Python only through these messages.
//
// Page -> worker
//   {type: "start", widget: "kallelse", mode: "pdf"|"assess", messages}   load Pyodide and our
//       wheel; messages: the page's Swedish texts (forms/messages.py), the worker has none
//   {type: "runtime", module: WebAssembly.Module | null}   Pyodide's runtime compiled by the page
//   {type: "call", id, op, request: JSON text of {op, form, answers, variant}, file?: ArrayBuffer}
//       op: "validate" | "pdf" | "save" | "assess" | "open"   (see forms/_browser.py)
//   {type: "ping"}                                       answered with "pong" when not busy
// Worker -> page
//   {type: "progress", step, steps, message}             while loading
//   {type: "ready", timings}                             Python answers calls; timings are
//       milliseconds since the worker's script began: runtime (the page's compiled module
//       arrived), instantiated (runtime instantiated), loaded (Python and our wheel loaded),
//       ready; plus origin (the worker's performance.timeOrigin) for the benchmarks
//   {type: "warm", ms}                                   the PDF engine is loaded (start-up step 4)
//   {type: "failed", message}                            could not start (Swedish message)
//   {type: "reply", id, response, data?: Uint8Array}     answer to a call (data: PDF/file)
//   {type: "busy", op} / {type: "idle"}                  Python runs (the worker cannot answer
//       pings until it replies or says idle); op is the call's op, or "warm"
//   {type: "crashed"}                                    Python failed and cannot be used again;
//       the page starts a new worker (widgets.mjs, class Python)
//   {type: "pong"}
//
// Start-up, in order (one thread: each step waits for the one before):
//   1. "start": Pyodide's files and our wheel are fetched while the page compiles the runtime;
//   2. "runtime": Python starts, sip-forms is installed and forms._browser imported; a widget
//      that assesses imports its module too. Then "ready": calls are answered from here on;
//   3. a widget that prints goes on (importEngine): fpdf2 and fontTools are installed, and the
//      widget's module and forms.pdf imported. Calls other than "assess" wait for this step;
//      if its files could not be fetched, the first such call tries once more (engineForCall);
//   4. then (warmUp), unless a call is already waiting, a throw-away PDF primes the engine;
//      then "warm". A call that comes during step 4 waits for it.
//
// Everything the worker loads comes from the site's own folder ../../pyodide/<content hash>/
// (the hash is written in by release/postbuild.py), resolved relative to this file, so the
// site works under any sub-path.

const PYODIDE_DIR = new URL("../../pyodide/__PYODIDE_DIR__/", import.meta.url).href;
let python = null;
let handle = null;
let starting = null;
let engine = null; // the PDF engine imported (widgets that print); calls wait for it
let waiting = 0; // calls received and not yet answered
let printed = false; // a PDF has been asked for: a warm-up would come too late
let ready = false;
let messages = {};

// The page compiles pyodide.asm.wasm (widgets.mjs, compileRuntime: only a page's compile is kept
// in Chromium's code cache) and posts the module here. Pyodide fetches and instantiates its
// runtime itself, so these two calls are intercepted for that one file: the fetch waits for
// the page's module, and instantiation reuses it. If the page sends null, both fall through
// to Pyodide's own path.
const RUNTIME_URL = PYODIDE_DIR + "pyodide.asm.wasm";
const timings = { origin: performance.timeOrigin };
let receiveRuntime;
const runtime = new Promise((resolve) => (receiveRuntime = resolve)).then((module) => {
  timings.runtime = performance.now();
  return module;
});
const originalFetch = globalThis.fetch;
const originalInstantiateStreaming = WebAssembly.instantiateStreaming;
const PRECOMPILED = "x-sip-precompiled";

globalThis.fetch = async (resource, options) => {
  if (String(resource) === RUNTIME_URL && (await runtime)) {
    return new Response(null, { headers: { "content-type": "application/wasm", [PRECOMPILED]: "1" } });
  }
  return originalFetch(resource, options);
};

// Pyodide only logs a runtime that cannot be fetched or instantiated, and then waits for ever;
// the page is told here that the start failed.
WebAssembly.instantiateStreaming = async (source, imports) => {
  try {
    const response = await source;
    const module = response?.headers?.get(PRECOMPILED) ? await runtime : null;
    const result = module
      ? { instance: await WebAssembly.instantiate(module, imports), module }
      : await originalInstantiateStreaming(response, imports);
    timings.instantiated = performance.now();
    return result;
  } catch (error) {
    startFailed(error);
    throw error;
  }
};

const progress = (step, steps, message) =>
  postMessage({ type: "progress", step, steps, message });

async function start(widget, mode) {
  progress(1, 2, messages.loading_python);
  const { loadPyodide } = await import(PYODIDE_DIR + "pyodide.mjs");
  // `packages` lets Pyodide download our wheels while the runtime starts up.
  python = await loadPyodide({
    indexURL: PYODIDE_DIR,
    packages: ["sip-forms"],
    checkAPIVersion: true,
  });
  timings.loaded = performance.now();
  progress(2, 2, messages.starting_form);
  python.runPython(`
import warnings
warnings.filterwarnings("ignore", message="Pillow could not be imported")
from forms import _browser, registry
`);
  handle = python.pyimport("forms._browser").handle;
  python.globals.set("widget_id", widget);
  // A widget that answers as you type needs its module before it is ready; a widget that
  // prints imports its module (and the PDF engine) just after, while the user fills it in.
  if (mode === "assess") python.runPython("registry.get_module(widget_id)");
  timings.ready = performance.now();
  postMessage({ type: "ready", timings });
  ready = true;
  // The PDF engine only for widgets whose purpose is a PDF: the worker has one thread, and a
  // widget that answers as you type must not wait behind it.
  if (mode !== "assess") {
    startEngine();
    warmUp();
  }
}

// Packages that could not be fetched. Pyodide only logs such a package, so a load counts as
// failed here unless every package it needs is loaded. Python itself is unharmed: the call gets
// a Swedish message (fetch_failed), and the next call tries the network again.
class Unavailable extends Error {}

async function loadPackages(names) {
  const needed = new Set();
  const visit = (name) => {
    if (needed.has(name)) return;
    needed.add(name);
    for (const dependency of python.lockfile.packages[name]?.depends ?? []) visit(dependency);
  };
  names.forEach(visit);
  const missing = () => [...needed].filter((name) => !python.loadedPackages[name]);
  if (!missing().length) return;
  // Every package by name: Pyodide does not look again at what a loaded package depends on.
  await python.loadPackage(missing(), { messageCallback: () => {}, checkIntegrity: true });
  if (missing().length) throw new Unavailable(`not loaded: ${missing().join(", ")}`);
}

// fpdf2 and fontTools (3 MB) are an optional part of sip-forms: loaded after the widget is
// ready, or on the first call that needs them.
const loadPdfEngine = () => loadPackages(["fpdf2"]);

// The widget's module and the PDF engine, unpacked and imported: what a call that prints
// needs first.
async function importEngine() {
  await loadPdfEngine();
  runWhileBusy("_browser.import_engine(widget_id)");
}

function startEngine() {
  engine = importEngine();
  engine.catch(() => {}); // a failure is met where the engine is awaited
}

// What a call waits for: the engine's import. If its files could not be fetched, the import is
// tried once more now (the network may be back); a second failure fails the call.
async function engineForCall() {
  const current = engine;
  try {
    await current;
  } catch (error) {
    if (!(error instanceof Unavailable)) throw error;
    if (engine === current) startEngine();
    await engine;
  }
}

// Once the engine is imported, a throw-away PDF makes the first real one faster; a call
// that already waits is the first real one, so the warm-up lets the messages that came in
// meanwhile be received before it decides.
async function warmUp() {
  const start = performance.now();
  try {
    await engine;
  } catch (error) {
    console.warn("PDF engine:", error);
    return; // the first call tries again
  }
  await new Promise((resolve) => setTimeout(resolve));
  if (!waiting && !printed && !dead) runWhileBusy("_browser.prime()");
  postMessage({ type: "warm", ms: performance.now() - start });
}

// Python that takes a while and is not a call: the page knows the worker is busy (it
// cannot answer pings meanwhile). A failure here is as fatal as one in a call.
function runWhileBusy(code) {
  postMessage({ type: "busy", op: "warm" });
  try {
    python.runPython(code);
  } catch (error) {
    pythonFailed(error);
    throw error;
  }
  postMessage({ type: "idle" });
}

function reply(id, response, data) {
  const message = { type: "reply", id, response };
  if (data) {
    message.data = data;
    postMessage(message, [data.buffer]);
  } else {
    postMessage(message);
  }
}

// Python failed in a way it cannot recover from (a fatal Pyodide error, e.g. WebAssembly's stack
// overflowing, or any exception out of forms._browser.handle, which never raises). Nothing
// more is run here; the page starts a new worker and keeps the answers.
let dead = false;
function pythonFailed(error) {
  console.error(error);
  dead = true;
  postMessage({ type: "crashed" });
}

async function call({ id, op, request, file }) {
  if (dead) return pythonFailed(new Error("Python has already failed"));
  if (op === "pdf") printed = true;
  if (op !== "assess") await loadPdfEngine();
  if (op === "open") await loadPackages(["pypdf"]);
  postMessage({ type: "busy", op });
  let result;
  try {
    // A JS Uint8Array reaches Python as a JsProxy; forms._browser turns it into bytes.
    result = handle(request, file ? new Uint8Array(file) : undefined);
  } catch (error) {
    return pythonFailed(error);
  }
  // toJs() converts the tuple deeply: str -> string, bytes -> Uint8Array (a copy), None -> undefined
  const [json, data] = result.toJs();
  result.destroy();
  reply(id, JSON.parse(json), data ?? null);
}

function startFailed(error) {
  console.error(error);
  if (!ready) postMessage({ type: "failed", message: messages.load_failed });
}

// Pyodide reports some load failures (e.g. the .wasm file cannot be fetched) only as an
// unhandled rejection; turn those into a clear message instead of an endless spinner.
addEventListener("unhandledrejection", (event) => {
  if (!ready) return startFailed(event.reason);
  console.error(event.reason);
  if (event.reason?.pyodide_fatal_error && !dead) pythonFailed(event.reason);
});

onmessage = async (event) => {
  const message = event.data;
  if (!message) return;
  if (message.type === "ping") {
    postMessage({ type: "pong" });
    return;
  }
  try {
    if (message.type === "runtime") {
      receiveRuntime(message.module);
    } else if (message.type === "start") {
      messages = message.messages ?? messages;
      starting ??= start(message.widget, message.mode);
      await starting;
    } else if (message.type === "call") {
      waiting += 1;
      try {
        await starting;
        await engineForCall();
        await call(message);
      } finally {
        waiting -= 1;
      }
    }
  } catch (error) {
    if (message.type !== "call") return startFailed(error);
    console.error(error);
    // after "crashed" the page fails the call itself
    if (!dead) reply(message.id, { fatal: error instanceof Unavailable ? messages.fetch_failed : messages.fatal });
  }
};
