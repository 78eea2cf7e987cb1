#!/usr/bin/env python3
"""Imports a fieldnotes REFI-QDA export into QualCoder through QualCoder's own
import code (`qualcoder/refi.py`, class `RefiImport`), without a screen, and
checks what QualCoder read against the export and the library it came from.

QualCoder is not on PyPI: it runs from its source tree, which needs PyQt6
(and, for the modules refi.py imports, PyMuPDF and Pillow). The by-hand
procedure is in scripts/README.md.

    QT_QPA_PLATFORM=offscreen python3 scripts/qualcoder_import.py \
        QUALCODER_SRC DATA_DIR CODEBOOK.qdc PROJECT.qdpx

QUALCODER_SRC is the folder that holds the `qualcoder` package (`src/` in
QualCoder's repository). Exit status 0 when every check holds, 1 otherwise;
what was read is printed either way.
"""

import ast
from collections import Counter
import os
import sqlite3
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import yaml

CB = "{urn:QDA-XML:codebook:1.0}"
PR = "{urn:QDA-XML:project:1.0}"


def qualcoder_schema(src: Path) -> list[str]:
    """The CREATE TABLE statements of QualCoder's own `new_project`."""
    tree = ast.parse((src / "qualcoder" / "__main__.py").read_text(encoding="utf8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "new_project":
            return [
                call.args[0].value
                for call in ast.walk(node)
                if isinstance(call, ast.Call)
                and getattr(call.func, "attr", "") == "execute"
                and call.args
                and isinstance(call.args[0], ast.Constant)
                and str(call.args[0].value).startswith("CREATE TABLE")
            ]
    raise SystemExit("no new_project in QualCoder's __main__.py")


class Log:
    """Stands for the main window's text pane, where the import reports."""

    def __init__(self):
        self.lines = []

    def append(self, line):
        self.lines.append(str(line))


class Project:
    """The little of QualCoder's `App` that the import uses: an open project."""

    def __init__(self, schema: list[str], folder: Path):
        (folder / "documents").mkdir(parents=True)
        self.project_path = str(folder)
        self.conn = sqlite3.connect(str(folder / "data.qda"))
        for statement in schema:
            self.conn.execute(statement)
        self.settings = {"directory": str(folder), "codername": "default", "ai_enable": "False"}
        self.ai_models = []

    def write_config_ini(self, *_args):
        pass


def run_import(refi, schema, folder: Path, kind: str, path: str) -> tuple[Project, Log]:
    """QualCoder's import of `path` (kind "qdc" or "qdpx") into a new project."""
    from PyQt6 import QtWidgets

    QtWidgets.QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: (path, True))
    project, log = Project(schema, folder), Log()
    refi.RefiImport(project, log, kind)
    return project, log


def expected_codebook(root, ns):
    """(code name -> (description, theme)) and (theme -> description) as written."""
    codes, themes = {}, {}

    def walk(el, theme):
        for code in el.findall(f"{ns}Code"):
            desc = code.findtext(f"{ns}Description") or ""
            if code.get("isCodable") == "false":
                themes[code.get("name")] = desc
                walk(code, code.get("name"))
            else:
                codes[code.get("name")] = (desc, theme)
                walk(code, theme)

    walk(root.find(f"{ns}Codes"), None)
    return codes, themes


def read_codebook(conn):
    """What QualCoder holds: codes with memo and category, categories with memo."""
    cats = {catid: (name, memo or "") for catid, name, memo in conn.execute("select catid, name, memo from code_cat")}
    codes = {
        name: (memo or "", cats[catid][0] if catid in cats else None)
        for name, memo, catid in conn.execute("select name, memo, catid from code_name")
    }
    return codes, {name: memo for name, memo in cats.values()}


def compare_codebook(label, expected, got, failures):
    codes, themes = expected
    got_codes, got_themes = got
    print(f"{label}: QualCoder read {len(got_codes)} codes ({len(codes)} written), "
          f"{len(got_themes)} categories ({len(themes)} themes written)")
    if got_codes != codes:
        failures.append(f"{label}: codes differ: {sorted(set(codes.items()) ^ set(got_codes.items()))[:5]}")
    if got_themes != themes:
        failures.append(f"{label}: themes differ: {got_themes} vs {themes}")
    described = sum(1 for d, _ in got_codes.values() if d)
    themed = sum(1 for _, t in got_codes.values() if t)
    print(f"{label}: {described} codes with a description, {themed} codes under a theme")


def library_notes(data_dir: Path, codebook_yaml: dict):
    """Per session id, the (text, code) pairs its tagged notes give, counted
    (two notes of one interview may say the same words)."""
    alias = {}
    for code in codebook_yaml.get("codes", []):
        for a in code.get("aliases", []) or []:
            alias[a.lower()] = code["name"]
    pairs = {}
    for f in (data_dir / "sessions").glob("*.yaml"):
        s = yaml.safe_load(f.read_text(encoding="utf8"))
        # Quotes of a participant who did not consent to quotes are withheld
        # from every export, so they are not expected in the project.
        no_quotes = (s.get("consent") or {}).get("quotes") is False
        notes = [n for n in s.get("notes") or [] if not (no_quotes and n.get("kind") == "quote")]
        items = [(n.get("text", ""), n.get("tags") or []) for n in notes]
        closing = s.get("closing") or {}
        if isinstance(closing, dict) and closing.get("tags"):
            items.append((closing.get("answer", ""), closing["tags"]))
        pairs[s["id"]] = Counter((text, alias.get(t.lower(), t)) for text, tags in items for t in set(tags))
    return pairs


def compare_project(project, qdpx: Path, data_dir: Path, failures):
    conn = project.conn
    with zipfile.ZipFile(qdpx) as z:
        root = ET.fromstring(z.read("project.qde"))
        texts = {n[len("Sources/"):]: z.read(n).decode("utf8") for n in z.namelist() if n.startswith("Sources/")}
    sources = root.find(f"{PR}Sources").findall(f"{PR}TextSource")
    codings = sum(len(sel.findall(f"{PR}Coding")) for s in sources for sel in s.findall(f"{PR}PlainTextSelection"))
    selections = sum(len(s.findall(f"{PR}PlainTextSelection")) for s in sources)
    cases = root.find(f"{PR}Cases")
    n_cases = len(cases.findall(f"{PR}Case")) if cases is not None else 0

    got_sources = {name: text for name, text in conn.execute("select name, fulltext from source")}
    print(f"project: QualCoder read {len(got_sources)} text sources ({len(sources)} written)")
    for s in sources:
        text = texts[s.get("plainTextPath").split("internal://")[1]]
        if got_sources.get(s.get("name")) != text:
            failures.append(f"source {s.get('name')}: text differs from Sources/")

    rows = conn.execute(
        "select s.name, c.name, t.seltext, t.pos0, t.pos1 from code_text t "
        "join source s on s.id = t.fid left join code_name c on c.cid = t.cid"
    ).fetchall()
    print(f"project: QualCoder read {len(rows)} codings ({codings} written, on {selections} selections)")
    if len(rows) != codings:
        failures.append(f"{codings} codings written, {len(rows)} read")
    unknown = [r for r in rows if r[1] is None]
    if unknown:
        failures.append(f"{len(unknown)} codings point at no code QualCoder knows")
    book = yaml.safe_load((data_dir / "codebook.yaml").read_text(encoding="utf8")) or {}
    truth = library_notes(data_dir, book)
    read = {}
    for r in rows:
        read.setdefault(r[0], Counter())[(r[2], r[1])] += 1
    wrong = [r for r in rows if (r[2], r[1]) not in truth.get(r[0], Counter())]
    print(f"project: {len(rows) - len(wrong)} of {len(rows)} coded selections are exactly a note's text "
          f"carrying that code in the library")
    for r in wrong[:5]:
        failures.append(f"{r[0]} [{r[3]}, {r[4]}) coded {r[1]}: {r[2]!r} is no note carrying that code")
    in_library = sum(sum(p.values()) for p in truth.values())
    if read != {k: v for k, v in truth.items() if v}:
        failures.append(f"the library has {in_library} (note, code) pairs, QualCoder read {len(rows)} codings")

    got_cases = conn.execute("select count(*) from cases").fetchone()[0]
    case_links = conn.execute("select count(*) from case_text").fetchone()[0]
    values = conn.execute("select count(*) from attribute where attr_type = 'case'").fetchone()[0]
    # QualCoder links a case to text only through codings whose code is the
    # case (NVivo's way); it reads no Case/SourceRef, so no link is expected.
    print(f"project: QualCoder read {got_cases} cases ({n_cases} written), {case_links} case-source links, "
          f"{values} case variable values")
    if got_cases != n_cases:
        failures.append(f"{n_cases} cases written, {got_cases} read")


def main():
    if len(sys.argv) != 5:
        raise SystemExit(__doc__)
    src, data_dir, qdc, qdpx = (Path(a).resolve() for a in sys.argv[1:])
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(src))
    from PyQt6 import QtWidgets

    app = QtWidgets.QApplication([])  # noqa: F841 (dialogs need one)
    import qualcoder.refi as refi

    class Message:  # the import's closing dialog, which would wait for a click
        def __init__(self, *args, **kwargs):
            self.text = args[2] if len(args) > 2 else ""

        def exec(self):
            return 0

    refi.Message = Message
    schema = qualcoder_schema(src)
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        project, log = run_import(refi, schema, Path(tmp) / "codebook", "qdc", str(qdc))
        written = expected_codebook(ET.parse(qdc).getroot(), CB)
        compare_codebook("codebook (.qdc)", written, read_codebook(project.conn), failures)
        print("  QualCoder said:", " | ".join(log.lines[-1:]))

        project, log = run_import(refi, schema, Path(tmp) / "project", "qdpx", str(qdpx))
        with zipfile.ZipFile(qdpx) as z:
            in_project = expected_codebook(ET.fromstring(z.read("project.qde")).find(f"{PR}CodeBook"), PR)
        compare_codebook("project (.qdpx) codebook", in_project, read_codebook(project.conn), failures)
        compare_project(project, qdpx, data_dir, failures)
        complaints = [line for line in log.lines if "Cannot" in line or "Duplicated" in line or "rror" in line]
        print(f"  QualCoder's log: {len(log.lines)} lines, {len(complaints)} complaints")
        failures.extend(complaints[:5])
    for f in failures:
        print("FAIL", f)
    print("OK: QualCoder read everything as written" if not failures else f"{len(failures)} problems")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
