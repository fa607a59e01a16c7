#pragma once
// The formats --sbom writes (--sbom-format, the `sbom-format` key of
// whlinst.toml): CycloneDX 1.5 as XML (the default) or as JSON.

#include "result.h"

#include <string>
#include <string_view>

namespace whlinst {

struct Bom;

enum class SbomFormat { xml, json };

// "xml" or "json"; any other name is the error "expected xml or json, got
// 'NAME'".
Result<SbomFormat> sbom_format_named(std::string_view name);

// The document `format` says (cyclonedx_xml.h, cyclonedx_json.h).
std::string sbom_document(const Bom& bom, SbomFormat format);

} // namespace whlinst
