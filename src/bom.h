#pragma once
// The software bill of materials of one install command, whatever its
// format (cyclonedx_xml.h and cyclonedx_json.h write it as CycloneDX 1.5):
// one component per project the command installed — not those skipped
// (already installed), failed or only planned (--dry-run) — with its wheel's
// hash, its license, the SBOM documents it ships (PEP 770) and its installed
// files. Every text from the wheel or the disk goes through printable_name
// here (XML 1.0 cannot carry control characters at all), so that both
// formats state the same facts. Pure functions, no I/O.

#include "install_outcome.h"
#include "project_metadata.h"
#include "record.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace whlinst {

struct BomHash {
  std::string algorithm; // CycloneDX's name: "SHA-256", "SHA3-512", "BLAKE2b-512"...
  std::string hex;       // lowercase
};

enum class LicenseForm { expression, name };

struct BomLicense {
  LicenseForm form = LicenseForm::expression;
  std::string text;
};

// An SBOM document the project ships in its .dist-info/sboms/ directory
// (PEP 770; binary distribution format, "The .dist-info/sboms/ directory"):
// a CycloneDX external reference of type "bom".
struct BomReference {
  std::string url;             // file:// URL of the installed file (its final path, without --root)
  std::optional<BomHash> hash; // from RECORD
};

struct BomFile {
  std::string name;            // the RECORD path, relative to the library directory
  std::optional<BomHash> hash; // from RECORD
};

struct BomComponent {
  std::string name;        // as in the wheel's file name
  std::string version;     // as in the wheel's file name
  std::string description; // METADATA's Summary, "" when absent
  std::string purl;        // pkg:pypi/NORMALIZED-NAME@VERSION, also the bom-ref
  std::optional<BomHash> wheel_hash;
  std::optional<BomLicense> license;
  std::vector<BomReference> sboms;
  std::vector<BomFile> files; // every RECORD row, in RECORD's order
};

struct Bom {
  // "urn:uuid:" and a UUID made of the SHA-256 of the components, with the
  // version 4 and variant bits set (CycloneDX 1.5's schema accepts versions
  // 1 to 5 only): the same installs give the same BOM, byte for byte
  // (reproducible, as the installed tree is).
  std::string serial_number;
  std::vector<BomComponent> components;
};

Bom bom_of(const std::vector<InstallOutcome>& outcomes);

// The component's license: License-Expression when there is one; else the
// legacy License field as a license name when it is one line of at most
// kLicenseNameMax bytes (longer, it is a license text, which says no name);
// else none.
constexpr size_t kLicenseNameMax = 100;
std::optional<BomLicense> bom_license(const ProjectMetadata& metadata);

// A RECORD row's hash in CycloneDX's terms; none when the row has no hash or
// one CycloneDX has no name for.
std::optional<BomHash> bom_hash(const RecordRow& row);

// Whether the RECORD path `path` names a file under `dist_info`/sboms/, at
// any depth (`dist_info` is the directory's name, "name-1.0.dist-info").
bool is_shipped_sbom(std::string_view path, std::string_view dist_info);

} // namespace whlinst
