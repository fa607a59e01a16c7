#include "cyclonedx_xml.h"

#include <pugixml.hpp>
#include <sstream>

namespace whlinst {

namespace {
void add_text(pugi::xml_node parent, const char* name, const std::string& text) {
  parent.append_child(name).text() = text.c_str();
}

void add_hashes(pugi::xml_node parent, const std::optional<BomHash>& hash) {
  if (!hash)
    return;
  pugi::xml_node element = parent.append_child("hashes").append_child("hash");
  element.append_attribute("alg") = hash->algorithm.c_str();
  element.text() = hash->hex.c_str();
}

void add_license(pugi::xml_node component, const std::optional<BomLicense>& license) {
  if (!license)
    return;
  pugi::xml_node licenses = component.append_child("licenses");
  if (license->form == LicenseForm::expression)
    add_text(licenses, "expression", license->text);
  else
    add_text(licenses.append_child("license"), "name", license->text);
}

// <ELEMENT type="TYPE"><LABEL>TEXT</LABEL><hashes>...</hashes></ELEMENT>:
// a shipped SBOM's reference, an installed file's component.
void add_typed(pugi::xml_node parent, const char* element, const char* type, const char* label, const std::string& text,
               const std::optional<BomHash>& hash) {
  pugi::xml_node child = parent.append_child(element);
  child.append_attribute("type") = type;
  add_text(child, label, text);
  add_hashes(child, hash);
}

void add_sboms(pugi::xml_node component, const std::vector<BomReference>& sboms) {
  if (sboms.empty())
    return;
  pugi::xml_node references = component.append_child("externalReferences");
  for (const BomReference& sbom : sboms)
    add_typed(references, "reference", "bom", "url", sbom.url, sbom.hash);
}

void add_files(pugi::xml_node component, const std::vector<BomFile>& files) {
  pugi::xml_node children = component.append_child("components");
  for (const BomFile& file : files)
    add_typed(children, "component", "file", "name", file.name, file.hash);
}

void add_component(pugi::xml_node components, const BomComponent& component) {
  pugi::xml_node element = components.append_child("component");
  element.append_attribute("type") = "library";
  element.append_attribute("bom-ref") = component.purl.c_str();
  add_text(element, "name", component.name);
  add_text(element, "version", component.version);
  if (!component.description.empty())
    add_text(element, "description", component.description);
  add_hashes(element, component.wheel_hash);
  add_license(element, component.license);
  add_text(element, "purl", component.purl);
  add_sboms(element, component.sboms);
  add_files(element, component.files);
}
} // namespace

std::string cyclonedx_xml(const Bom& bom) {
  pugi::xml_document document;
  pugi::xml_node root = document.append_child("bom");
  root.append_attribute("xmlns") = "http://cyclonedx.org/schema/bom/1.5";
  root.append_attribute("serialNumber") = bom.serial_number.c_str();
  root.append_attribute("version") = 1;
  pugi::xml_node tool = root.append_child("metadata").append_child("tools").append_child("tool");
  add_text(tool, "name", "whlinst");
  add_text(tool, "version", WHLINST_VERSION);
  pugi::xml_node components = root.append_child("components");
  for (const BomComponent& component : bom.components)
    add_component(components, component);
  std::ostringstream text;
  document.save(text, "  ", pugi::format_default, pugi::encoding_utf8);
  return text.str();
}

} // namespace whlinst
