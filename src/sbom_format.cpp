#include "sbom_format.h"

#include "cyclonedx_json.h"
#include "cyclonedx_xml.h"

namespace whlinst {

Result<SbomFormat> sbom_format_named(std::string_view name) {
  if (name == "xml")
    return SbomFormat::xml;
  if (name == "json")
    return SbomFormat::json;
  return make_error("expected xml or json, got '", std::string(name), "'");
}

std::string sbom_document(const Bom& bom, SbomFormat format) {
  return format == SbomFormat::json ? cyclonedx_json(bom) : cyclonedx_xml(bom);
}

} // namespace whlinst
