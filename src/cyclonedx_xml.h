#pragma once
// A BOM (bom.h) as a CycloneDX 1.5 XML document (--sbom FILE, the default
// --sbom-format xml): <bom serialNumber version="1"> with the tool in
// <metadata>, one "library" <component> per project (bom-ref and purl
// pkg:pypi/NAME@VERSION, <description>, the wheel's <hashes>, <licenses>
// holding an <expression> or a <license><name>, one <externalReferences>
// <reference type="bom"> per SBOM it ships with its hash) and, nested, one
// "file" component per installed file with its hash from RECORD. Elements
// in the order of the 1.5 schema's sequences.

#include "bom.h"

#include <string>

namespace whlinst {

std::string cyclonedx_xml(const Bom& bom);

} // namespace whlinst
