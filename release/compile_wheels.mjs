// Compile pure-Python wheels to bytecode *inside Pyodide* (Node), so the .pyc files match the
// browser's Python exactly (the build machine's Python is another version).
//
//   node release/compile_wheels.mjs IN_DIR OUT_DIR
//
// For every IN_DIR/*.whl it writes OUT_DIR/<same name>.whl where each module's .py is replaced
// by a sourceless .pyc beside it (the layout Pyodide's own packages use), RECORD is rewritten,
// and "Requires-Dist: Pillow" is dropped (fpdf2 only needs Pillow for raster images, which the
// portal never adds; Pyodide here ships no Pillow).
//
// IN_DIR/python_stdlib.zip (Pyodide's standard library, shipped as .py sources) is compiled the
// same way: otherwise every start of Python compiles the modules it imports from source.
// Every archive is written uncompressed (ZIP_STORED) and served gzip-compressed.
import { loadPyodide } from "pyodide";
import path from "node:path";
import { fileURLToPath } from "node:url";

const [inDir, outDir] = process.argv.slice(2).map((p) => path.resolve(p));
const here = path.dirname(fileURLToPath(import.meta.url));
const indexURL = path.join(here, "..", "node_modules", "pyodide") + path.sep;

const py = await loadPyodide({ indexURL, stdout: console.log, stderr: console.error });
py.FS.mkdirTree("/in");
py.FS.mkdirTree("/out");
py.FS.mount(py.FS.filesystems.NODEFS, { root: inDir }, "/in");
py.FS.mount(py.FS.filesystems.NODEFS, { root: outDir }, "/out");

py.runPython(`
import base64, csv, hashlib, importlib._bootstrap_external as ext, io, os, sys, zipfile

def record_hash(data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return "sha256=" + digest.decode()

def compile_wheel(src, dst):
    files = {}
    with zipfile.ZipFile(src) as zin:
        for info in zin.infolist():
            if not info.is_dir():
                files[info.filename] = zin.read(info)
    out = {}
    for name, data in files.items():
        top = name.split("/", 1)[0]
        if name.endswith(".py") and not top.endswith(".dist-info") and not top.endswith(".data"):
            try:
                code = compile(data, name, "exec", dont_inherit=True, optimize=0)
            except SyntaxError:
                out[name] = data  # e.g. deliberately broken test data: keep the source
                continue
            out[name + "c"] = bytes(ext._code_to_timestamp_pyc(code, 0, 0))
        elif name.endswith(".dist-info/METADATA"):
            lines = data.decode("utf-8").split("\\n")
            lines = [l for l in lines if not l.lower().startswith("requires-dist: pillow")]
            out[name] = "\\n".join(lines).encode("utf-8")
        elif not name.endswith(".dist-info/RECORD") and not name.endswith(".pyi"):
            out[name] = data
    record_name = next((n for n in files if n.endswith(".dist-info/RECORD")), None)
    if record_name:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\\n")
        for name in sorted(out):
            writer.writerow([name, record_hash(out[name]), len(out[name])])
        writer.writerow([record_name, "", ""])
        out[record_name] = buf.getvalue().encode("utf-8")
    # Stored, not deflated: the server sends the file gzip-compressed (release/postbuild.py
    # writes a .gz beside it), the browser inflates it natively, and Python in the browser
    # reads each module without running zlib in WebAssembly. Gzip over the whole archive is
    # also smaller on the wire than deflate per file (the stdlib: 4.0 MB against 4.4 MB).
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_STORED) as zout:
        for name in sorted(out):
            zi = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_STORED
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, out[name])

for wheel in sorted(os.listdir("/in")):
    if wheel.endswith((".whl", ".zip")):
        compile_wheel("/in/" + wheel, "/out/" + wheel)
        print(f"compiled {wheel} for Python {sys.version.split()[0]}")
`);
