#include "bom.h"

#include "dist_info_files.h"
#include "hash.h"
#include "paths.h"
#include "project_name.h"
#include "text.h"
#include "utf8.h"

namespace whlinst {

namespace {
// RECORD's algorithm names (hash.h) and CycloneDX's (hash-alg).
constexpr std::pair<std::string_view, std::string_view> kHashNames[] = {
    {"sha256", "SHA-256"},    {"sha384", "SHA-384"},    {"sha512", "SHA-512"},      {"sha3_256", "SHA3-256"},
    {"sha3_384", "SHA3-384"}, {"sha3_512", "SHA3-512"}, {"blake2b", "BLAKE2b-512"},
};

std::vector<BomReference> shipped_sboms(const InstallSummary& summary) {
  std::string lib_dir = parent_path(summary.dist_info_path);
  std::string_view dist_info = base_name(summary.dist_info_path);
  std::vector<BomReference> sboms;
  for (const RecordRow& row : summary.record.rows)
    if (is_shipped_sbom(row.path, dist_info))
      sboms.push_back({file_url(normalize_path(join_path(lib_dir, row.path))), bom_hash(row)});
  return sboms;
}

std::vector<BomFile> installed_files(const InstallSummary& summary) {
  std::vector<BomFile> files;
  files.reserve(summary.record.rows.size());
  for (const RecordRow& row : summary.record.rows)
    files.push_back({printable_name(row.path), bom_hash(row)});
  return files;
}

BomComponent component_of(const InstallOutcome& outcome) {
  const InstallSummary& summary = *outcome.summary;
  BomComponent component;
  component.name = printable_name(summary.project);
  component.version = printable_name(summary.version);
  component.description = printable_name(outcome.metadata.summary);
  component.purl = printable_name("pkg:pypi/" + normalize_project_name(summary.project) + "@" + summary.version);
  if (!outcome.wheel_sha256.empty())
    component.wheel_hash = BomHash{"SHA-256", outcome.wheel_sha256};
  component.license = bom_license(outcome.metadata);
  component.sboms = shipped_sboms(summary);
  component.files = installed_files(summary);
  return component;
}

void add_hash(Hasher& hasher, const std::optional<BomHash>& hash) {
  if (hash)
    hasher.update(hash->algorithm + '=' + hash->hex);
  hasher.update(std::string_view("\n", 1));
}

// Each field ended by a byte no field holds (printable_name escapes it).
void add_component(Hasher& hasher, const BomComponent& component) {
  for (const std::string* field : {&component.name, &component.version, &component.description, &component.purl})
    hasher.update(*field + '\n');
  add_hash(hasher, component.wheel_hash);
  if (component.license)
    hasher.update((component.license->form == LicenseForm::expression ? "expression=" : "name=") +
                  component.license->text);
  hasher.update(std::string_view("\n", 1));
  for (const BomReference& sbom : component.sboms) {
    hasher.update(sbom.url + '\n');
    add_hash(hasher, sbom.hash);
  }
  for (const BomFile& file : component.files) {
    hasher.update(file.name + '\n');
    add_hash(hasher, file.hash);
  }
}

// RFC 9562 layout of 16 bytes, with the version 4 and variant 10 bits.
std::string uuid_urn(std::string bytes) {
  bytes[6] = static_cast<char>((bytes[6] & 0x0f) | 0x40);
  bytes[8] = static_cast<char>((bytes[8] & 0x3f) | 0x80);
  std::string hex = hex_of(std::string_view(bytes).substr(0, 16));
  return "urn:uuid:" + hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20);
}

std::string serial_number_of(const std::vector<BomComponent>& components) {
  Hasher hasher(HashAlgorithm::sha256);
  hasher.update(std::string_view("whlinst bom\n"));
  for (const BomComponent& component : components)
    add_component(hasher, component);
  return uuid_urn(hasher.finish_raw());
}
} // namespace

Bom bom_of(const std::vector<InstallOutcome>& outcomes) {
  Bom bom;
  for (const InstallOutcome& outcome : outcomes)
    if (outcome.summary && !outcome.summary->record.rows.empty())
      bom.components.push_back(component_of(outcome));
  bom.serial_number = serial_number_of(bom.components);
  return bom;
}

std::optional<BomLicense> bom_license(const ProjectMetadata& metadata) {
  if (!metadata.license_expression.empty())
    return BomLicense{LicenseForm::expression, printable_name(metadata.license_expression)};
  std::string_view name = trim(metadata.license);
  if (name.empty() || name.size() > kLicenseNameMax || name.find('\n') != std::string_view::npos)
    return std::nullopt;
  return BomLicense{LicenseForm::name, printable_name(name)};
}

std::optional<BomHash> bom_hash(const RecordRow& row) {
  for (const auto& [record_name, cyclonedx_name] : kHashNames)
    if (row.hash_algorithm == record_name) {
      std::string hex = hex_of_base64url(row.hash_digest);
      if (hex.empty())
        return std::nullopt;
      return BomHash{std::string(cyclonedx_name), std::move(hex)};
    }
  return std::nullopt;
}

bool is_shipped_sbom(std::string_view path, std::string_view dist_info) {
  std::string directory = std::string(dist_info) + "/sboms/";
  return starts_with(path, directory) && path.size() > directory.size() && !ends_with(path, "/");
}

} // namespace whlinst
