// Run the widgets' Python operations in Pyodide under Node, from a built Pyodide folder:
//
//   node tools/pyodide_ops.mjs PYODIDE_FOLDER WORK_DIR [--trace SITE_PACKAGES SITE_DIR]
//
// WORK_DIR holds requests.json (written by tests/widget_ops.py); tools/pyodide_ops.py answers
// them in WORK_DIR/results.json. The steps follow docs/assets/sip/worker.mjs: start Pyodide,
// load sip-forms, run the worker's snippet, load fpdf2, import it for every widget that prints
// and prime it, load pypdf, then the operations.
//
// --trace (tools/list_imports.py, on the full, untrimmed folder): tools/import_tracer.py sees
// every import from just after start-up; after the operations the repository's own tests run
// too (pytest from SITE_PACKAGES, against the built site SITE_DIR), and WORK_DIR/trace.json is
// written.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [folder, work, flag, sitePackages, site] = process.argv.slice(2);
const trace = flag === "--trace";
const { modes } = JSON.parse(fs.readFileSync(path.join(work, "requests.json"), "utf-8"));
const tools = path.dirname(fileURLToPath(import.meta.url));
const indexURL = path.resolve(folder) + path.sep;

// A Python error's message is its traceback; Node would print minified Pyodide around it.
process.on("uncaughtException", (error) => {
  console.error(error?.message ?? error);
  process.exit(1);
});

const { loadPyodide } = await import(pathToFileURL(indexURL + "pyodide.mjs").href);
const py = await loadPyodide({ indexURL, stdout: console.log, stderr: console.error });
const mount = (dir, at) => {
  py.FS.mkdirTree(at);
  py.FS.mount(py.FS.filesystems.NODEFS, { root: path.resolve(dir) }, at);
};
mount(work, "/work");
mount(tools, "/tools");
// A helper file is read with open() and run with exec() in a namespace of its own: loading it
// imports nothing.
const helper = (file, name) => `
${name} = {"__name__": "${name}"}
with open("/tools/${file}", encoding="utf-8") as fh:
    exec(compile(fh.read(), "/tools/${file}", "exec"), ${name})
`;
py.runPython(`
import sys
sys.dont_write_bytecode = True
__worker__ = {"__name__": "__worker__"}
`);
if (trace) {
  py.runPython(helper("import_tracer.py", "import_tracer") + "import_tracer['install']()");
}
// The worker's own Python, in a namespace of its own (the tracer counts it as the portal's).
const worker = (code) => {
  py.globals.set("snippet", code);
  return py.runPython("exec(snippet, __worker__)");
};

const load = (name) => py.loadPackage([name], { messageCallback: () => {}, checkIntegrity: true });
await load("sip-forms");
// As worker.mjs runs it once sip-forms is loaded: a widget that assesses imports its module
// at once; one that prints loads the PDF engine and imports it, then primes it.
worker(`
import warnings
warnings.filterwarnings("ignore", message="Pillow could not be imported")
from forms import _browser, registry
`);
const each = (mode, code) => {
  for (const [widget, m] of Object.entries(modes)) {
    if (m === mode) worker(`widget_id = ${JSON.stringify(widget)}\n${code}`);
  }
};
each("assess", "registry.get_module(widget_id)");
await load("fpdf2");
each("pdf", "_browser.import_engine(widget_id)");
worker("_browser.prime()");
await load("pypdf");
py.runPython(helper("pyodide_ops.py", "sip_ops") + "sip_ops['run']('/work')");

if (trace) {
  mount(path.resolve(tools, ".."), "/repo");
  mount(sitePackages, "/site-packages");
  mount(site, "/site");
  const code = py.runPython("import_tracer['run_tests']('/repo', '/site-packages', '/site')");
  console.log(`pytest in Pyodide exited with ${code}`);
  py.runPython("import_tracer['dump']('/work/trace.json')");
}
