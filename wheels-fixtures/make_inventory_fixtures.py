#!/usr/bin/env python3
"""Wheels for the inventory tests (tests/test_inventory.py): what show,
--report and --sbom say of a project's Metadata 2.4 fields and of the SBOM
documents it ships (PEP 770).

  inv_modern-2.0   Metadata-Version 2.4: License-Expression
                   `MIT OR Apache-2.0`, two License-File entries (LICENSE and
                   vendor/NOTICE.txt) with their files under
                   .dist-info/licenses/, a Project-URL `Home page` (no
                   Home-page field) after a Documentation one, and two SBOM
                   documents under .dist-info/sboms/: x.cdx.json and
                   vendored/y.spdx.json.
  inv_legacy-1.0   Metadata-Version 2.1 with only the legacy fields:
                   `License: BSD-3-Clause`, `Home-page:`; no License-File, no
                   SBOM.
  inv_longtext-1.0 Metadata-Version 2.1 whose legacy License is a license
                   text over several lines (no license name for an SBOM).

Usage: make_inventory_fixtures.py OUTDIR      write the wheels, print their count
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_fixtures as mf  # noqa: E402

MODERN_HOME = "https://inv-modern.example.org/"
LEGACY_HOME = "https://legacy.example.org"
LONG_LICENSE = ("Copyright (c) 2024 The inv_longtext authors\n"
                "        Permission is hereby granted, free of charge, to any person\n"
                "        obtaining a copy of this software.")


def shipped_cyclonedx() -> str:
    """A small CycloneDX document such as a build tool writes for a vendored library."""
    document = {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
                "components": [{"type": "library", "name": "vendored-zlib", "version": "1.3.1",
                                "purl": "pkg:generic/zlib@1.3.1"}]}
    return json.dumps(document, indent=2) + "\n"


def shipped_spdx() -> str:
    document = {"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT", "name": "inv_modern-vendored",
                "dataLicense": "CC0-1.0", "packages": [{"SPDXID": "SPDXRef-libfoo", "name": "libfoo",
                                                        "versionInfo": "0.9"}]}
    return json.dumps(document, indent=2) + "\n"


def modern() -> mf.Wheel:
    name = "inv_modern"
    metadata = mf.metadata(name, "2.0", "Metadata-Version: 2.4", "Summary: A project with Metadata 2.4",
                           "License-Expression: MIT OR Apache-2.0", "License-File: LICENSE",
                           "License-File: vendor/NOTICE.txt",
                           "Project-URL: Documentation, https://docs.inv-modern.example.org",
                           f"Project-URL: Home page, {MODERN_HOME}")
    extra = [mf.file("licenses/LICENSE", "MIT License or Apache License 2.0, at your option.\n"),
             mf.file("licenses/vendor/NOTICE.txt", "Includes vendored zlib.\n"),
             mf.file("sboms/x.cdx.json", shipped_cyclonedx()),
             mf.file("sboms/vendored/y.spdx.json", shipped_spdx())]
    return mf.Wheel(name, "2.0", metadata, [mf.module(f"{name}/__init__.py")], dist_info_extra=extra)


def legacy() -> mf.Wheel:
    return mf.one_package("inv_legacy", "Summary: A project with the legacy fields only",
                          f"Home-page: {LEGACY_HOME}", "License: BSD-3-Clause")


def long_text() -> mf.Wheel:
    return mf.one_package("inv_longtext", f"License: {LONG_LICENSE}")


def main(argv):
    return mf.write_set_main(argv, [modern(), legacy(), long_text()], __doc__.strip().splitlines()[-1])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
