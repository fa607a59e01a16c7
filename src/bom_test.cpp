#include "bom.h"

#include <doctest/doctest.h>

using namespace whlinst;

namespace {
// sha256 of b"sbom" as RECORD writes it, and as hex.
constexpr const char* kSbomDigest = "mPOuHvZxE9gUDU9suNKDAHDiHqSPCRvlGWWYRsdxo3Q";
constexpr const char* kSbomHex = "98f3ae1ef67113d8140d4f6cb8d2830070e21ea48f091be519659846c771a374";

InstallOutcome installed(const std::string& name, ProjectMetadata metadata) {
  InstallOutcome outcome;
  outcome.project = name;
  outcome.version = "1.0";
  outcome.wheel_sha256 = std::string(64, 'a');
  outcome.metadata = std::move(metadata);
  InstallSummary summary;
  summary.project = name;
  summary.version = "1.0";
  summary.dist_info_path = "/p/lib/python3.11/site-packages/" + name + "-1.0.dist-info";
  RecordRows& record = summary.record;
  record.rows = {{record.keep(name + "/__init__.py"), "sha256", kSbomDigest, 4},
                 {record.keep(name + "-1.0.dist-info/sboms/x.cdx.json"), "sha256", kSbomDigest, 4},
                 {record.keep(name + "-1.0.dist-info/sboms/deeper/y spdx.json"), "sha512", "AAAA", 1},
                 {record.keep(name + "-1.0.dist-info/RECORD"), "", "", std::nullopt}};
  outcome.summary = std::move(summary);
  return outcome;
}

ProjectMetadata with_license(std::string expression, std::string legacy) {
  ProjectMetadata metadata;
  metadata.summary = "The summary";
  metadata.license_expression = std::move(expression);
  metadata.license = std::move(legacy);
  return metadata;
}
} // namespace

TEST_CASE("bom_of: one component per installed project, with license, shipped SBOMs and files") {
  Bom bom = bom_of({installed("Inv_Modern", with_license("MIT OR Apache-2.0", ""))});
  REQUIRE(bom.components.size() == 1);
  const BomComponent& component = bom.components[0];
  CHECK(component.name == "Inv_Modern");
  CHECK(component.purl == "pkg:pypi/inv-modern@1.0");
  CHECK(component.description == "The summary");
  REQUIRE(component.wheel_hash);
  CHECK(component.wheel_hash->algorithm == "SHA-256");
  REQUIRE(component.license);
  CHECK(component.license->form == LicenseForm::expression);
  CHECK(component.license->text == "MIT OR Apache-2.0");
  REQUIRE(component.sboms.size() == 2);
  CHECK(component.sboms[0].url == "file:///p/lib/python3.11/site-packages/Inv_Modern-1.0.dist-info/sboms/x.cdx.json");
  REQUIRE(component.sboms[0].hash);
  CHECK(component.sboms[0].hash->hex == kSbomHex);
  CHECK(component.sboms[1].url ==
        "file:///p/lib/python3.11/site-packages/Inv_Modern-1.0.dist-info/sboms/deeper/y%20spdx.json");
  CHECK(component.sboms[1].hash->algorithm == "SHA-512");
  REQUIRE(component.files.size() == 4);
  CHECK(component.files[3].name == "Inv_Modern-1.0.dist-info/RECORD");
  CHECK_FALSE(component.files[3].hash);
}

TEST_CASE("bom_of leaves out failed, skipped and planned projects") {
  InstallOutcome failed = installed("a", {});
  failed.summary.reset();
  InstallOutcome skipped = installed("b", {});
  skipped.summary->record.rows.clear(); // skipped and dry-run summaries have no RECORD rows
  CHECK(bom_of({failed, skipped}).components.empty());
}

TEST_CASE("bom_of: the serial number is a UUID of the content, the same for the same installs") {
  Bom first = bom_of({installed("a", with_license("MIT", ""))});
  Bom again = bom_of({installed("a", with_license("MIT", ""))});
  Bom other = bom_of({installed("a", with_license("BSD-3-Clause", ""))});
  CHECK(first.serial_number == again.serial_number);
  CHECK(first.serial_number != other.serial_number);
  REQUIRE(first.serial_number.size() == 45);
  CHECK(first.serial_number.substr(0, 9) == "urn:uuid:");
  CHECK(first.serial_number[23] == '4');
  CHECK(std::string_view("89ab").find(first.serial_number[28]) != std::string_view::npos);
}

TEST_CASE("bom_license: the expression, else a short one-line legacy License, else none") {
  auto license = bom_license(with_license("Apache-2.0", "Apache License"));
  REQUIRE(license);
  CHECK(license->form == LicenseForm::expression);
  CHECK(license->text == "Apache-2.0");
  license = bom_license(with_license("", " BSD License "));
  REQUIRE(license);
  CHECK(license->form == LicenseForm::name);
  CHECK(license->text == "BSD License");
  CHECK_FALSE(bom_license(with_license("", "")));
  CHECK_FALSE(bom_license(with_license("", "Copyright (c) 2020\n        Permission is hereby granted")));
  CHECK_FALSE(bom_license(with_license("", std::string(kLicenseNameMax + 1, 'x'))));
  CHECK(bom_license(with_license("", std::string(kLicenseNameMax, 'x'))));
}

TEST_CASE("bom_hash names RECORD's algorithms as CycloneDX does") {
  CHECK(bom_hash({"p", "sha256", kSbomDigest, 1})->hex == kSbomHex);
  CHECK(bom_hash({"p", "sha3_256", "AA", 1})->algorithm == "SHA3-256");
  CHECK(bom_hash({"p", "blake2b", "AA", 1})->algorithm == "BLAKE2b-512");
  CHECK_FALSE(bom_hash({"p", "", "", std::nullopt}));
  CHECK_FALSE(bom_hash({"p", "whirlpool", "AA", 1}));
  CHECK_FALSE(bom_hash({"p", "sha256", "not base64!", 1}));
}

TEST_CASE("is_shipped_sbom: files under the project's own .dist-info/sboms/, at any depth") {
  CHECK(is_shipped_sbom("a-1.0.dist-info/sboms/x.cdx.json", "a-1.0.dist-info"));
  CHECK(is_shipped_sbom("a-1.0.dist-info/sboms/sub/x.spdx.json", "a-1.0.dist-info"));
  CHECK_FALSE(is_shipped_sbom("a-1.0.dist-info/sboms/", "a-1.0.dist-info"));
  CHECK_FALSE(is_shipped_sbom("a-1.0.dist-info/sboms", "a-1.0.dist-info"));
  CHECK_FALSE(is_shipped_sbom("a-1.0.dist-info/licenses/x.cdx.json", "a-1.0.dist-info"));
  CHECK_FALSE(is_shipped_sbom("b-1.0.dist-info/sboms/x.cdx.json", "a-1.0.dist-info"));
  CHECK_FALSE(is_shipped_sbom("a/a-1.0.dist-info/sboms/x.cdx.json", "a-1.0.dist-info"));
}
