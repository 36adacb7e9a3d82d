// Compile pure-Python wheels and Pyodide's standard library to bytecode *inside Pyodide*
// (Node), so the .pyc files match the browser's Python exactly:
//
//   node release/compile_wheels.mjs IN_DIR OUT_DIR
//
// For every IN_DIR/*.whl and *.zip it writes OUT_DIR/<same name>. The work is done in Python by
// release/bytecode.py (with release/wheelfile.py); this file only starts Pyodide and gives it
// the folders.
//
// Python runs with PYTHONNODEBUGRANGES (CPython's -X no_debug_ranges): the bytecode keeps line
// numbers but not the column ranges that point ^^^ at an expression in a traceback. Those
// ranges are a quarter of the brotli-compressed size of the standard library and fontTools.
import { loadPyodide } from "pyodide";
import path from "node:path";
import { fileURLToPath } from "node:url";

const [inDir, outDir] = process.argv.slice(2).map((p) => path.resolve(p));
const here = path.dirname(fileURLToPath(import.meta.url));
const indexURL = path.join(here, "..", "node_modules", "pyodide") + path.sep;

const py = await loadPyodide({
  indexURL,
  env: { PYTHONNODEBUGRANGES: "1" },
  stdout: console.log,
  stderr: console.error,
});
for (const [dir, mount] of [[inDir, "/in"], [outDir, "/out"], [here, "/release"]]) {
  py.FS.mkdirTree(mount);
  py.FS.mount(py.FS.filesystems.NODEFS, { root: dir }, mount);
}
py.runPython(`
import sys
assert {p[2:] for p in compile("x", "", "eval").co_positions()} == {(None, None)}
sys.dont_write_bytecode = True  # no __pycache__ in release/
sys.path.insert(0, "/release")
import bytecode
bytecode.compile_folder("/in", "/out")
`);
