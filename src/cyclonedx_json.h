#pragma once
// A BOM (bom.h) as a CycloneDX 1.5 JSON document (--sbom-format json): the
// same facts as cyclonedx_xml.h in the JSON form, "bomFormat":
// "CycloneDX", "specVersion": "1.5", "serialNumber", "version": 1,
// "metadata": {"tools": [...]}, "components": [...] with "hashes" as
// [{"alg", "content"}], "licenses" as [{"expression"}] or
// [{"license": {"name"}}] and "externalReferences" as [{"type": "bom",
// "url", "hashes"}]. Keys in that order, indented by two spaces.

#include "bom.h"

#include <string>

namespace whlinst {

std::string cyclonedx_json(const Bom& bom);

} // namespace whlinst
