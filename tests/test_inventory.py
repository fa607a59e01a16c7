#!/usr/bin/env python3
"""The inventory reflects modern metadata (issue 16): what `show`, `--report`
and `--sbom` say of the wheels of wheels-fixtures/make_inventory_fixtures.py
(Metadata 2.4 with License-Expression, License-File and a Project-URL home
page, SBOM documents under .dist-info/sboms/; legacy License and Home-page
only; a license text over several lines).

  show        the Metadata 2.4 fields and the home page from Project-URL;
              the fields pip's `pip show` prints compared with it on the
              same installed tree (a field pip does not print is skipped).
  report      summary, license_expression and license of every project,
              installed, skipped (already installed) and --dry-run (from the
              wheel).
  sbom        CycloneDX 1.5 XML (default) and JSON (--sbom-format json, and
              the configuration key): the JSON validated structurally, both
              checked against the installed tree (licenses, one `bom`
              external reference per shipped SBOM with the SHA-256 of the
              installed file, file hashes), both stating the same facts; the
              same install gives the same document; --root stays out of the
              URLs; a bad format is a usage error that writes nothing.

Usage: test_inventory.py --whlinst W --fixtures-script make_inventory_fixtures.py [--python PY]
"""

import argparse
import email.parser
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.request
import xml.etree.ElementTree as ET
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_support import (Checks, Whlinst, describe, dist_infos, is_one_error_line, normalize,  # noqa: E402
                         record_rows, run_command, target_site_packages)
from tree_snapshot import file_sha256, snapshot  # noqa: E402

WHEELS = {"inv_modern": "inv_modern-2.0-py3-none-any.whl", "inv_legacy": "inv_legacy-1.0-py3-none-any.whl",
          "inv_longtext": "inv_longtext-1.0-py3-none-any.whl"}
MODERN_HOME = "https://inv-modern.example.org/"
LEGACY_HOME = "https://legacy.example.org"
MODERN_SBOMS = ("sboms/vendored/y.spdx.json", "sboms/x.cdx.json")
BOM = "{http://cyclonedx.org/schema/bom/1.5}"
SERIAL = re.compile(r"^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
HASH_LENGTHS = {"SHA-256": 64, "SHA-384": 96, "SHA-512": 128, "SHA3-256": 64, "SHA3-384": 96, "SHA3-512": 128,
                "BLAKE2b-512": 128}
# The order of a component's elements in CycloneDX 1.5's XML schema (those whlinst writes).
# What pip show prints (pip 23; License-Expression since pip 25.1), -v and -f aside.
PIP_LABELS = {"Name", "Version", "Summary", "Home-page", "Author", "Author-email", "License", "License-Expression",
              "Location", "Editable project location", "Requires", "Required-by"}
XML_ORDER = ["name", "version", "description", "hashes", "licenses", "purl", "externalReferences", "components"]


class Inventory:
    """The binary, the fixtures, a work directory and the checks."""

    def __init__(self, whlinst, fixtures, workdir, python):
        self.whlinst = whlinst
        self.fixtures = fixtures
        self.workdir = workdir
        self.python = python
        self.checks = Checks()

    def check(self, name, ok, detail=""):
        return self.checks.check(name, ok, detail)

    def wheel(self, name):
        return os.path.join(self.fixtures, WHEELS[name])

    def wheels(self):
        return [self.wheel(name) for name in WHEELS]

    def path(self, name):
        return os.path.join(self.workdir, name)

    def install(self, label, prefix, *options, names=tuple(WHEELS)):
        result = self.whlinst.run(*[self.wheel(n) for n in names], "--no-compile", *options, prefix=prefix)
        self.check(f"{label}: exit 0", result.returncode == 0, describe(result))
        return result

    def site(self, prefix):
        return target_site_packages(prefix, self.python)

    def dist_info(self, prefix, name):
        found = dist_infos(self.site(prefix), name)
        return found[0] if found else os.path.join(self.site(prefix), "missing.dist-info")


def wheel_metadata(path):
    """The wheel's METADATA as email.parser's HeaderParser reads it (compat32)."""
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return email.parser.HeaderParser().parsestr(archive.read(name).decode("utf-8"))


def labelled_lines(text, labels=None):
    """{label: [value, ...]} of `Label: value` lines (show's and pip show's).
    With `labels`, only those start a field: another line continues the
    value before it (pip show prints a value of several lines as it is)."""
    fields, last = {}, None
    for line in text.splitlines():
        label, colon, value = line.partition(":")
        if colon and not line.startswith(" ") and (labels is None or label in labels):
            fields.setdefault(label, []).append(value.strip())
            last = fields[label]
        elif last is not None and labels is not None:
            last[-1] += "\n" + line
    return fields


def words(text):
    """Whitespace-normalized text; show's escaped line breaks count as whitespace."""
    return " ".join(text.replace("\\x0A", "\n").split())


# --- show ------------------------------------------------------------------------

def show_fields(inv, prefix, name):
    result = inv.whlinst.run("show", name, prefix=prefix)
    inv.check(f"show {name}: exit 0", result.returncode == 0, describe(result))
    return labelled_lines(result.stdout)


def test_show(inv):
    prefix = inv.path("show")
    inv.install("show: install the three", prefix)
    modern = show_fields(inv, prefix, "inv_modern")
    expected = {"Name": ["inv_modern"], "Version": ["2.0"], "Summary": ["A project with Metadata 2.4"],
                "Home-page": [MODERN_HOME], "License-Expression": ["MIT OR Apache-2.0"],
                "License-File": ["LICENSE", "vendor/NOTICE.txt"]}
    inv.check("show inv_modern: License-Expression, each License-File, Home-page from Project-URL",
              all(modern.get(k) == v for k, v in expected.items()) and "License" not in modern, modern)
    licenses = os.path.join(inv.dist_info(prefix, "inv_modern"), "licenses")
    inv.check("show inv_modern: each License-File is installed under .dist-info/licenses/",
              all(os.path.isfile(os.path.join(licenses, p)) for p in expected["License-File"]))
    legacy = show_fields(inv, prefix, "inv_legacy")
    inv.check("show inv_legacy: the legacy License and Home-page, no License-Expression or License-File",
              legacy.get("License") == ["BSD-3-Clause"] and legacy.get("Home-page") == [LEGACY_HOME]
              and "License-Expression" not in legacy and "License-File" not in legacy, legacy)
    long_text = show_fields(inv, prefix, "inv_longtext")
    license_text = wheel_metadata(inv.wheel("inv_longtext"))["License"]
    inv.check("show inv_longtext: a License of several lines on one line, its words intact",
              len(long_text.get("License", [])) == 1 and words(long_text["License"][0]) == words(license_text),
              long_text)
    for name in WHEELS:
        compare_with_pip(inv, prefix, name)


def pip_show(inv, prefix, name):
    """`python -m pip show NAME` finding the prefix's projects through PYTHONPATH; None without pip."""
    result = run_command([inv.python, "-m", "pip", "show", name], env={"PYTHONPATH": inv.site(prefix)})
    return labelled_lines(result.stdout, PIP_LABELS) if result.returncode == 0 else None


def compare_with_pip(inv, prefix, name):
    """The fields pip show prints that whlinst show prints too; a field whlinst
    leaves out is pip's empty value. Skipped: a field pip does not print, and
    pip's empty Home-page when METADATA has no Home-page field (pip 23 does not
    read Project-URL; whlinst takes the PEP 753 home page)."""
    pip = pip_show(inv, prefix, name)
    if pip is None:
        print(f"SKIP show {name} versus pip show: pip is not available to {inv.python}")
        return
    ours = show_fields(inv, prefix, name)
    metadata = wheel_metadata(inv.wheel(name))
    compared, skipped, differences = [], [], []
    for label in ("Name", "Version", "Summary", "Home-page", "License", "License-Expression", "Location"):
        if label not in pip:
            skipped.append(label)
            continue
        theirs, mine = words(pip[label][0]), words(ours.get(label, [""])[0])
        if label == "Home-page" and theirs == "" and metadata["Home-page"] is None:
            skipped.append(label)
            continue
        compared.append(label)
        if theirs != mine:
            differences.append(f"{label}: pip {theirs!r}, whlinst {mine!r}")
    inv.check(f"show {name} = pip show for {', '.join(compared)} (skipped: {', '.join(skipped) or 'none'})",
              len(compared) >= 4 and not differences, differences)


# --- report ------------------------------------------------------------------------

def report_projects(path):
    with open(path, encoding="utf-8") as stream:
        return {p["name"]: p for p in json.load(stream)["projects"]}


def expected_report_fields(inv, name):
    metadata = wheel_metadata(inv.wheel(name))
    fields = {"summary": metadata["Summary"], "license_expression": metadata["License-Expression"]}
    if metadata["License-Expression"] is None and metadata["License"] is not None:
        fields["license"] = metadata["License"]
    return fields


def check_report(inv, label, report, status):
    projects = report_projects(report)
    inv.check(f"{label}: every project listed, {status}",
              sorted(projects) == sorted(WHEELS) and all(p["status"] == status for p in projects.values()),
              {n: p.get("status") for n, p in projects.items()})
    for name in WHEELS:
        project = projects.get(name, {})
        expected = expected_report_fields(inv, name)
        got = {key: project.get(key) for key in expected}
        inv.check(f"{label} {name}: summary, license_expression, license as METADATA says",
                  got == expected and ("license" in project) == ("license" in expected), (got, expected))


def test_report(inv):
    prefix, report = inv.path("report"), inv.path("report.json")
    inv.install("--report", prefix, "--report", report)
    check_report(inv, "--report", report, "installed")
    modern = report_projects(report)["inv_modern"]
    inv.check("--report inv_modern: the expression, no legacy license",
              modern.get("license_expression") == "MIT OR Apache-2.0" and "license" not in modern, modern)
    inv.install("--report again", prefix, "--report", report)
    check_report(inv, "--report again", report, "skipped")
    inv.install("--report --dry-run", inv.path("report-dry"), "--report", report, "--dry-run")
    check_report(inv, "--report --dry-run (from the wheels)", report, "planned")


# --- sbom ------------------------------------------------------------------------

def check_hashes(hashes):
    """A CycloneDX hashes array: objects {alg, content} of known algorithms, hex of the right length."""
    return isinstance(hashes, list) and all(
        isinstance(h, dict) and set(h) == {"alg", "content"} and h["alg"] in HASH_LENGTHS
        and re.fullmatch(f"[0-9a-f]{{{HASH_LENGTHS[h['alg']]}}}", h["content"]) for h in hashes)


def json_structure_problems(document):
    """What does not fit CycloneDX 1.5's JSON structure in the parts whlinst writes."""
    problems = []
    if set(document) != {"bomFormat", "specVersion", "serialNumber", "version", "metadata", "components"}:
        problems.append(f"top-level keys {sorted(document)}")
    if document.get("bomFormat") != "CycloneDX" or document.get("specVersion") != "1.5":
        problems.append("bomFormat/specVersion")
    if not SERIAL.match(str(document.get("serialNumber"))):
        problems.append(f"serialNumber {document.get('serialNumber')!r}")
    if document.get("version") != 1 or isinstance(document.get("version"), bool):
        problems.append("version is not the integer 1")
    tools = document.get("metadata", {}).get("tools")
    if not (isinstance(tools, list) and tools and all(set(t) == {"name", "version"} for t in tools)):
        problems.append(f"metadata.tools {tools!r}")
    for component in document.get("components", []):
        problems += component_problems(component)
    return problems


def component_problems(component):
    name = component.get("name")
    problems = []
    allowed = {"type", "bom-ref", "name", "version", "description", "hashes", "licenses", "purl",
               "externalReferences", "components"}
    if not set(component) <= allowed or component.get("type") != "library":
        problems.append(f"{name}: keys {sorted(component)}")
    if component.get("bom-ref") != component.get("purl") or not str(component.get("purl")).startswith("pkg:pypi/"):
        problems.append(f"{name}: bom-ref/purl")
    if not all(isinstance(component.get(k), str) for k in ("name", "version", "purl")):
        problems.append(f"{name}: name, version or purl not a string")
    if not check_hashes(component.get("hashes", [])):
        problems.append(f"{name}: hashes")
    licenses = component.get("licenses", [{"expression": "-"}])
    if not (isinstance(licenses, list) and len(licenses) == 1 and (
            set(licenses[0]) == {"expression"} or set(licenses[0]) == {"license"}
            and set(licenses[0]["license"]) == {"name"})):
        problems.append(f"{name}: licenses {licenses!r}")
    for reference in component.get("externalReferences", []):
        if set(reference) - {"type", "url", "hashes"} or reference.get("type") != "bom" \
                or not check_hashes(reference.get("hashes", [])):
            problems.append(f"{name}: externalReference {reference!r}")
    for file in component.get("components", []):
        if set(file) - {"type", "name", "hashes"} or file.get("type") != "file" \
                or not check_hashes(file.get("hashes", [])):
            problems.append(f"{name}: file {file!r}")
    return problems


def facts_from_json(document):
    """{"serial": ..., purl: {...}} from a JSON BOM."""
    facts = {"serial": document["serialNumber"]}
    for component in document["components"]:
        licenses = component.get("licenses")
        license_fact = None
        if licenses:
            first = licenses[0]
            license_fact = ("expression", first["expression"]) if "expression" in first \
                else ("name", first["license"]["name"])
        facts[component["purl"]] = {
            "name": component["name"], "version": component["version"],
            "description": component.get("description"),
            "hashes": [(h["alg"], h["content"]) for h in component.get("hashes", [])],
            "license": license_fact,
            "sboms": sorted((r["url"], tuple((h["alg"], h["content"]) for h in r.get("hashes", [])))
                            for r in component.get("externalReferences", [])),
            "files": {f["name"]: [(h["alg"], h["content"]) for h in f.get("hashes", [])]
                      for f in component.get("components", [])}}
    return facts


def xml_hashes(element):
    return [(h.get("alg"), h.text) for h in element.findall(f"{BOM}hashes/{BOM}hash")]


def xml_license(component):
    expression = component.findtext(f"{BOM}licenses/{BOM}expression")
    if expression is not None:
        return ("expression", expression)
    name = component.findtext(f"{BOM}licenses/{BOM}license/{BOM}name")
    return ("name", name) if name is not None else None


def facts_from_xml(root):
    facts = {"serial": root.get("serialNumber")}
    for component in root.findall(f"{BOM}components/{BOM}component"):
        references = component.findall(f"{BOM}externalReferences/{BOM}reference")
        files = component.findall(f"{BOM}components/{BOM}component")
        facts[component.findtext(f"{BOM}purl")] = {
            "name": component.findtext(f"{BOM}name"), "version": component.findtext(f"{BOM}version"),
            "description": component.findtext(f"{BOM}description"), "hashes": xml_hashes(component),
            "license": xml_license(component),
            "sboms": sorted((r.findtext(f"{BOM}url"), tuple(xml_hashes(r))) for r in references
                            if r.get("type") == "bom"),
            "files": {f.findtext(f"{BOM}name"): xml_hashes(f) for f in files}}
    return facts


def expected_facts(inv, prefix, name, version):
    """What the BOM must say of one installed project, from the tree and hashlib."""
    site, dist_info = inv.site(prefix), inv.dist_info(prefix, name)
    metadata = wheel_metadata(inv.wheel(name))
    license_fact = None
    if metadata["License-Expression"]:
        license_fact = ("expression", metadata["License-Expression"])
    elif metadata["License"] and "\n" not in metadata["License"]:
        license_fact = ("name", metadata["License"])
    rows = record_rows(dist_info)
    files = {row[0]: [("SHA-256", file_sha256(os.path.join(site, row[0])))] if row[1].startswith("sha256=")
             else [] for row in rows}
    sboms = []
    if name == "inv_modern":
        for relative in MODERN_SBOMS:
            path = os.path.join(dist_info, relative)
            sboms.append(("file://" + urllib.request.pathname2url(path), (("SHA-256", file_sha256(path)),)))
    return {"name": name, "version": version, "description": metadata["Summary"],
            "hashes": [("SHA-256", file_sha256(inv.wheel(name)))], "license": license_fact,
            "sboms": sorted(sboms), "files": files}


def check_facts(inv, label, facts, prefix):
    for name, version in (("inv_modern", "2.0"), ("inv_legacy", "1.0"), ("inv_longtext", "1.0")):
        purl = f"pkg:pypi/{normalize(name)}@{version}"
        got, expected = facts.get(purl), expected_facts(inv, prefix, name, version)
        if got is None:
            inv.check(f"{label} {name}: a library component {purl}", False, sorted(facts))
            continue
        for key in ("license", "sboms", "hashes", "description"):
            inv.check(f"{label} {name}: {key} as METADATA, RECORD and hashlib say",
                      got[key] == expected[key], (got[key], expected[key]))
        inv.check(f"{label} {name}: one file component per RECORD row, hashes = hashlib of the installed file",
                  got["files"] == expected["files"], sorted(set(got["files"]) ^ set(expected["files"]))[:5])


def test_sbom(inv):
    prefix, xml_path, json_path = inv.path("sbom"), inv.path("sbom.xml"), inv.path("sbom.json")
    inv.install("--sbom (XML by default)", prefix, "--sbom", xml_path)
    root = ET.parse(xml_path).getroot()
    inv.check("--sbom: a CycloneDX 1.5 XML bom, version 1, a serial number",
              root.tag == f"{BOM}bom" and root.get("version") == "1" and SERIAL.match(root.get("serialNumber") or ""),
              root.attrib)
    orders = [[child.tag[len(BOM):] for child in component]
              for component in root.findall(f"{BOM}components/{BOM}component")]
    inv.check("--sbom: each component's elements in the 1.5 schema's order",
              orders and all(order == sorted(order, key=XML_ORDER.index) for order in orders), orders)
    xml_facts = facts_from_xml(root)
    check_facts(inv, "--sbom XML", xml_facts, prefix)
    with open(xml_path, "rb") as stream:
        first_xml = stream.read()

    result = inv.whlinst.run("uninstall", *WHEELS, prefix=prefix)
    inv.check("--sbom: uninstall before installing again", result.returncode == 0, describe(result))
    inv.install("--sbom-format json", prefix, "--sbom", json_path, "--sbom-format", "json")
    with open(json_path, encoding="utf-8") as stream:
        document = json.load(stream)
    problems = json_structure_problems(document)
    inv.check("--sbom-format json: CycloneDX 1.5 JSON, structurally", not problems, problems[:5])
    json_facts = facts_from_json(document)
    check_facts(inv, "--sbom JSON", json_facts, prefix)
    inv.check("--sbom: the JSON and the XML of one install state the same facts, serial number included",
              json_facts == xml_facts, sorted(k for k in json_facts if json_facts.get(k) != xml_facts.get(k)))

    inv.whlinst.run("uninstall", *WHEELS, prefix=prefix)
    inv.install("--sbom again", prefix, "--sbom", xml_path)
    with open(xml_path, "rb") as stream:
        inv.check("--sbom: the same install gives the same document, byte for byte", stream.read() == first_xml)


def test_sbom_options(inv):
    config, json_path = inv.path("whlinst.toml"), inv.path("configured.json")
    with open(config, "w", encoding="utf-8") as stream:
        stream.write(f'sbom = "{json_path}"\nsbom_format = "json"\n')
    prefix = inv.path("configured")
    inv.install("sbom-format in whlinst.toml", prefix, "--config", config, names=("inv_modern",))
    with open(json_path, encoding="utf-8") as stream:
        document = json.load(stream)
    inv.check("sbom-format = \"json\" in whlinst.toml: a JSON BOM", document.get("bomFormat") == "CycloneDX")
    xml_path = inv.path("flag-wins.xml")
    inv.install("--sbom-format xml over the configuration", inv.path("flag-wins"), "--config", config,
                "--sbom", xml_path, "--sbom-format", "xml", names=("inv_modern",))
    inv.check("--sbom-format xml wins over the configuration", ET.parse(xml_path).getroot().tag == f"{BOM}bom")

    root, final = inv.path("stage"), "/opt/inv-final"
    staged = inv.path("staged.json")
    inv.install("--root", final, "--root", root, "--sbom", staged, "--sbom-format", "json", names=("inv_modern",))
    with open(staged, encoding="utf-8") as stream:
        urls = [r["url"] for c in json.load(stream)["components"] for r in c.get("externalReferences", [])]
    inv.check("--root: the SBOM references name the final paths, not the staging directory",
              len(urls) == 2 and all(u.startswith("file://" + final + "/") for u in urls), urls)

    for label, options in (("--sbom-format yaml", ["--sbom-format", "yaml"]),
                           ("sbom-format = \"yaml\" in whlinst.toml", ["--config", bad_config(inv)])):
        prefix, sbom = inv.path(f"refused-{len(os.listdir(inv.workdir))}"), inv.path("refused.json")
        os.makedirs(prefix)
        before = snapshot(prefix)
        result = inv.whlinst.run(inv.wheel("inv_modern"), "--sbom", sbom, *options, prefix=prefix)
        inv.check(f"{label}: exit 2, one error line", result.returncode == 2 and is_one_error_line(result)
                  and "expected xml or json, got 'yaml'" in result.stderr, describe(result))
        inv.check(f"{label}: nothing installed, no SBOM written",
                  snapshot(prefix) == before and not os.path.exists(sbom))


def bad_config(inv):
    path = inv.path("bad-whlinst.toml")
    with open(path, "w", encoding="utf-8") as stream:
        stream.write('sbom-format = "yaml"\n')
    return path


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--whlinst", required=True)
    parser.add_argument("--fixtures-script", required=True)
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="whlinst-inventory-") as workdir:
        fixtures = os.path.join(workdir, "fixtures")
        subprocess.run([sys.executable, args.fixtures_script, fixtures], check=True, stdout=subprocess.DEVNULL)
        inv = Inventory(Whlinst(args.whlinst, args.python), fixtures, workdir, args.python)
        for test in (test_show, test_report, test_sbom, test_sbom_options):
            test(inv)
        return inv.checks.finish()


if __name__ == "__main__":
    sys.exit(main())
