#include "cyclonedx_json.h"

#include <nlohmann/json.hpp>

namespace whlinst {

namespace {
using Json = nlohmann::ordered_json;

void add_hashes(Json& object, const std::optional<BomHash>& hash) {
  if (hash)
    object["hashes"] = Json::array({{{"alg", hash->algorithm}, {"content", hash->hex}}});
}

Json license_json(const BomLicense& license) {
  if (license.form == LicenseForm::expression)
    return Json::array({{{"expression", license.text}}});
  return Json::array({{{"license", {{"name", license.text}}}}});
}

// {"type": TYPE, LABEL: TEXT, "hashes": [...]}: a shipped SBOM's
// reference, an installed file's component.
Json typed_json(const char* type, const char* label, const std::string& text, const std::optional<BomHash>& hash) {
  Json object = {{"type", type}, {label, text}};
  add_hashes(object, hash);
  return object;
}

Json component_json(const BomComponent& component) {
  Json object = {
      {"type", "library"}, {"bom-ref", component.purl}, {"name", component.name}, {"version", component.version}};
  if (!component.description.empty())
    object["description"] = component.description;
  add_hashes(object, component.wheel_hash);
  if (component.license)
    object["licenses"] = license_json(*component.license);
  object["purl"] = component.purl;
  if (!component.sboms.empty()) {
    object["externalReferences"] = Json::array();
    for (const BomReference& sbom : component.sboms)
      object["externalReferences"].push_back(typed_json("bom", "url", sbom.url, sbom.hash));
  }
  object["components"] = Json::array();
  for (const BomFile& file : component.files)
    object["components"].push_back(typed_json("file", "name", file.name, file.hash));
  return object;
}
} // namespace

std::string cyclonedx_json(const Bom& bom) {
  Json document = {
      {"bomFormat", "CycloneDX"}, {"specVersion", "1.5"}, {"serialNumber", bom.serial_number}, {"version", 1}};
  document["metadata"] = {{"tools", Json::array({{{"name", "whlinst"}, {"version", WHLINST_VERSION}}})}};
  document["components"] = Json::array();
  for (const BomComponent& component : bom.components)
    document["components"].push_back(component_json(component));
  return document.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

} // namespace whlinst
