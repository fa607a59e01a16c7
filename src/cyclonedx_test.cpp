// Both CycloneDX writers (cyclonedx_xml.h, cyclonedx_json.h) on one BOM:
// the same facts in each format.
#include "cyclonedx_json.h"
#include "cyclonedx_xml.h"
#include "sbom_format.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

using namespace whlinst;

namespace {
Bom sample_bom() {
  BomComponent modern;
  modern.name = "Inv_Modern";
  modern.version = "2.0";
  modern.description = "A modern project";
  modern.purl = "pkg:pypi/inv-modern@2.0";
  modern.wheel_hash = BomHash{"SHA-256", "aa"};
  modern.license = BomLicense{LicenseForm::expression, "MIT OR Apache-2.0"};
  modern.sboms = {{"file:///site/Inv_Modern-2.0.dist-info/sboms/x.cdx.json", BomHash{"SHA-256", "bb"}}};
  modern.files = {{"inv_modern/__init__.py", BomHash{"SHA-256", "cc"}}, {"Inv_Modern-2.0.dist-info/RECORD", {}}};
  BomComponent legacy;
  legacy.name = "inv_legacy";
  legacy.version = "1.0";
  legacy.purl = "pkg:pypi/inv-legacy@1.0";
  legacy.license = BomLicense{LicenseForm::name, "BSD License"};
  return Bom{"urn:uuid:01234567-89ab-4def-8123-456789abcdef", {modern, legacy}};
}
} // namespace

TEST_CASE("cyclonedx_xml: the BOM's facts in CycloneDX 1.5 XML, in the schema's order") {
  pugi::xml_document document;
  REQUIRE(document.load_string(cyclonedx_xml(sample_bom()).c_str()));
  pugi::xml_node bom = document.child("bom");
  CHECK(std::string(bom.attribute("xmlns").value()) == "http://cyclonedx.org/schema/bom/1.5");
  CHECK(std::string(bom.attribute("serialNumber").value()) == "urn:uuid:01234567-89ab-4def-8123-456789abcdef");
  CHECK(std::string(bom.attribute("version").value()) == "1");
  CHECK(std::string(bom.child("metadata").child("tools").child("tool").child_value("name")) == "whlinst");
  pugi::xml_node modern = bom.child("components").child("component");
  std::vector<std::string> order;
  for (pugi::xml_node child : modern.children())
    order.emplace_back(child.name());
  CHECK(order == std::vector<std::string>{"name", "version", "description", "hashes", "licenses", "purl",
                                          "externalReferences", "components"});
  CHECK(std::string(modern.attribute("bom-ref").value()) == "pkg:pypi/inv-modern@2.0");
  CHECK(std::string(modern.child("licenses").child_value("expression")) == "MIT OR Apache-2.0");
  pugi::xml_node reference = modern.child("externalReferences").child("reference");
  CHECK(std::string(reference.attribute("type").value()) == "bom");
  CHECK(std::string(reference.child_value("url")) == "file:///site/Inv_Modern-2.0.dist-info/sboms/x.cdx.json");
  CHECK(std::string(reference.child("hashes").child("hash").attribute("alg").value()) == "SHA-256");
  CHECK(std::string(reference.child("hashes").child_value("hash")) == "bb");
  pugi::xml_node files = modern.child("components");
  CHECK(std::string(files.first_child().child("hashes").child_value("hash")) == "cc");
  CHECK(files.last_child().child("hashes").empty());
  pugi::xml_node legacy = modern.next_sibling("component");
  CHECK(std::string(legacy.child("licenses").child("license").child_value("name")) == "BSD License");
  CHECK(legacy.child("description").empty());
  CHECK(legacy.child("externalReferences").empty());
}

TEST_CASE("cyclonedx_json: the same facts in CycloneDX 1.5 JSON") {
  nlohmann::json bom = nlohmann::json::parse(cyclonedx_json(sample_bom()));
  CHECK(bom["bomFormat"] == "CycloneDX");
  CHECK(bom["specVersion"] == "1.5");
  CHECK(bom["serialNumber"] == "urn:uuid:01234567-89ab-4def-8123-456789abcdef");
  CHECK(bom["version"] == 1);
  CHECK(bom["metadata"]["tools"][0]["name"] == "whlinst");
  REQUIRE(bom["components"].size() == 2);
  const nlohmann::json& modern = bom["components"][0];
  CHECK(modern["type"] == "library");
  CHECK(modern["bom-ref"] == "pkg:pypi/inv-modern@2.0");
  CHECK(modern["purl"] == "pkg:pypi/inv-modern@2.0");
  CHECK(modern["description"] == "A modern project");
  CHECK(modern["hashes"] == nlohmann::json::parse(R"([{"alg": "SHA-256", "content": "aa"}])"));
  CHECK(modern["licenses"] == nlohmann::json::parse(R"([{"expression": "MIT OR Apache-2.0"}])"));
  CHECK(modern["externalReferences"] ==
        nlohmann::json::parse(R"([{"type": "bom", "url": "file:///site/Inv_Modern-2.0.dist-info/sboms/x.cdx.json",
                                  "hashes": [{"alg": "SHA-256", "content": "bb"}]}])"));
  CHECK(modern["components"] == nlohmann::json::parse(R"([
      {"type": "file", "name": "inv_modern/__init__.py", "hashes": [{"alg": "SHA-256", "content": "cc"}]},
      {"type": "file", "name": "Inv_Modern-2.0.dist-info/RECORD"}])"));
  const nlohmann::json& legacy = bom["components"][1];
  CHECK(legacy["licenses"] == nlohmann::json::parse(R"([{"license": {"name": "BSD License"}}])"));
  CHECK_FALSE(legacy.contains("description"));
  CHECK_FALSE(legacy.contains("externalReferences"));
  CHECK(legacy["components"].empty());
}

TEST_CASE("sbom_format_named and sbom_document") {
  CHECK(*sbom_format_named("xml") == SbomFormat::xml);
  CHECK(*sbom_format_named("json") == SbomFormat::json);
  CHECK(sbom_format_named("XML").error().message == "expected xml or json, got 'XML'");
  Bom bom = sample_bom();
  CHECK(sbom_document(bom, SbomFormat::xml) == cyclonedx_xml(bom));
  CHECK(sbom_document(bom, SbomFormat::json) == cyclonedx_json(bom));
}
