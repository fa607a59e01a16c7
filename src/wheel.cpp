#include "wheel.h"

#include "paths.h"
#include "project_name.h"
#include "text.h"
#include "unicode_normalization.h"
#include "utf8.h"
#include "version.h"

#include <algorithm>
#include <memory>
#include <set>
#include <sys/stat.h>
#include <unordered_map>

namespace whlinst {

namespace {
constexpr uint64_t kMaxMetadataSize = 16u << 20;
// RECORD grows with the wheel: a row is a path, a hash and a size, so a
// RECORD may take this much per archive entry when that is more than
// kMaxMetadataSize (a wheel of 300,000 files has a RECORD of ~30 MiB).
constexpr uint64_t kRecordBytesPerEntry = 512;

std::string_view top_level(std::string_view name) { return name.substr(0, name.find('/')); }

Status check_entry_type(const ArchiveEntry& entry) {
  if (entry.is_symlink())
    return entry_error(entry.name, "symbolic link entries are not allowed");
  mode_t type = entry.unix_mode & S_IFMT;
  if (type != 0 && type != S_IFREG && type != S_IFDIR)
    return entry_error(entry.name, "special file entries are not allowed");
  if (entry.is_directory() && entry.size != 0)
    return entry_error(entry.name, "directory entry with data");
  if (entry.encrypted)
    return entry_error(entry.name, "encrypted entry");
  if (!entry.is_directory() && !entry.compression_supported)
    return entry_error(entry.name, entry.unsupported_compression());
  return {};
}

bool exceeds_ratio(uint64_t size, uint64_t compressed, uint64_t ratio) {
  if (compressed == 0)
    return true;
  uint64_t quotient = size / compressed;
  return quotient > ratio || (quotient == ratio && size % compressed != 0);
}

Status check_declared_size(const ArchiveEntry& entry, uint64_t& total, const SizeLimits& limits) {
  if (entry.size > limits.ratio_min_size &&
      exceeds_ratio(entry.size, entry.compressed_size, limits.max_ratio))
    return entry_error(entry.name, "declares ", std::to_string(entry.size), " bytes from ",
                      std::to_string(entry.compressed_size), " compressed (ratio over ",
                      std::to_string(limits.max_ratio), "): decompression bomb");
  total += entry.size;
  if (entry.size > limits.max_total_size || total > limits.max_total_size)
    return entry_error(entry.name, "declared sizes add up to more than the limit of ",
                      std::to_string(limits.max_total_size), " bytes: decompression bomb");
  return {};
}

// Paths that differ as bytes but are equal after NFC normalization look the
// same and are one file on a normalizing file system: among the entry names
// and their parent directories, the first such pair is refused.
Status check_normalization_collisions(const std::vector<ArchiveEntry>& entries) {
  auto ascii = [](const ArchiveEntry& entry) { return is_ascii(entry.name); };
  if (std::all_of(entries.begin(), entries.end(), ascii))
    return {};
  struct Seen {
    std::string_view path;
    bool directory;
  };
  std::unordered_map<std::string, Seen> seen; // NFC form -> first path with it
  for (const ArchiveEntry& entry : entries) {
    std::string_view name = entry.name;
    if (entry.is_directory())
      name.remove_suffix(1);
    for (size_t end = name.find('/');; end = name.find('/', end + 1)) {
      std::string_view path = name.substr(0, end);
      bool directory = end != std::string_view::npos || entry.is_directory();
      auto [first, inserted] = seen.try_emplace(is_ascii(path) ? std::string(path) : nfc(path),
                                                Seen{path, directory});
      if (!inserted && first->second.path != path) {
        const char* kind = first->second.directory != directory ? "path" : directory ? "directory" : "file";
        return make_error("\"", first->second.path, "\" and \"", path, "\" name the same ", kind,
                          " after Unicode normalization (NFC)");
      }
      if (end == std::string_view::npos)
        break;
    }
  }
  return {};
}

Status check_entries(const std::vector<ArchiveEntry>& entries, const SizeLimits& limits) {
  if (entries.empty())
    return make_error("empty archive");
  std::set<std::string_view> seen;
  uint64_t total = 0;
  for (const ArchiveEntry& entry : entries) {
    std::string_view name = entry.name;
    if (entry.is_directory())
      name.remove_suffix(1);
    TRY(check_entry_name(name));
    TRY(check_entry_type(entry));
    if (!seen.insert(entry.name).second)
      return entry_error(entry.name, "duplicate entry");
    TRY(check_declared_size(entry, total, limits));
  }
  return check_normalization_collisions(entries);
}

bool same_version(std::string_view a, std::string_view b) {
  auto first = parse_version(a);
  auto second = parse_version(b);
  return first && second ? *first == *second : a == b;
}

// Finds the one top-level NAME-VERSION.dist-info directory and checks that it
// belongs to the project named by the file name.
Result<std::string> find_dist_info(const std::vector<ArchiveEntry>& entries, const WheelName& name) {
  std::set<std::string> found;
  for (const ArchiveEntry& entry : entries) {
    std::string_view first = top_level(entry.name);
    if (first.size() < entry.name.size() && ends_with(first, ".dist-info"))
      found.emplace(first);
  }
  if (found.empty())
    return make_error("no .dist-info directory");
  if (found.size() > 1)
    return make_error("more than one .dist-info directory (", *found.begin(), ", ",
                      *std::next(found.begin()), ")");
  std::string dist_info = *found.begin();
  std::string_view stem = std::string_view(dist_info).substr(0, dist_info.size() - 10);
  size_t dash = stem.rfind('-');
  if (dash == std::string_view::npos ||
      normalize_project_name(stem.substr(0, dash)) != name.project_key())
    return make_error(dist_info, ": .dist-info directory does not match the project name '",
                      name.distribution, "'");
  if (!same_version(stem.substr(dash + 1), name.version))
    return make_error(dist_info, ": .dist-info directory does not match the version '", name.version,
                      "' of the wheel file name");
  return dist_info;
}

Result<std::optional<std::string>> find_data_dir(const std::vector<ArchiveEntry>& entries,
                                                 const std::string& dist_info) {
  std::string expected = dist_info.substr(0, dist_info.size() - 10) + ".data";
  for (const ArchiveEntry& entry : entries) {
    std::string_view first = top_level(entry.name);
    if (first.size() < entry.name.size() && ends_with(first, ".data") && first != expected)
      return entry_error(entry.name, "unexpected .data directory (expected ", expected, ")");
  }
  for (const ArchiveEntry& entry : entries)
    if (top_level(entry.name) == expected && entry.name.size() > expected.size())
      return std::optional<std::string>(expected);
  return std::optional<std::string>();
}

// The core metadata, RECORD and entry points specifications require UTF-8:
// a file that is not would break every reader of the environment
// (importlib.metadata, pip list), so it is refused, naming the first bad byte.
Result<std::string> require_utf8(std::string_view entry_name, std::string text) {
  size_t bad = first_invalid_utf8(text);
  if (bad != std::string::npos)
    return entry_error(entry_name, "not valid UTF-8 (byte offset ", std::to_string(bad), ")");
  return text;
}

Result<std::string> read_utf8(Wheel& wheel, const ExpectedFile& file) {
  TRY_ASSIGN(text, wheel.read_verified(file));
  return require_utf8(file.entry->name, std::move(text));
}

Result<std::string> read_required(Wheel& wheel, const std::string& file_name) {
  std::string entry_name = wheel.dist_info + "/" + file_name;
  const ExpectedFile* file = wheel.find(entry_name);
  if (file == nullptr)
    return entry_error(entry_name, "missing");
  return read_utf8(wheel, *file);
}

} // namespace

uint64_t max_record_size(size_t archive_entries) {
  return std::max<uint64_t>(kMaxMetadataSize, archive_entries * kRecordBytesPerEntry);
}

namespace {
const ArchiveEntry* find_entry(const Wheel& wheel, std::string_view name) {
  for (const ArchiveEntry& entry : wheel.archive.entries())
    if (entry.name == name)
      return &entry;
  return nullptr;
}

// RECORD's text handed to `stream` as it is inflated, 64 KiB at a time.
// Its errors in the order reading it whole would give them: the entry's
// (unreadable, CRC...), then not UTF-8, then the stream's (its syntax), so
// a syntax error does not stop the reading.
Status feed_record(Wheel& wheel, const ArchiveEntry& entry, RecordStream& stream) {
  constexpr size_t kPiece = 64 << 10;
  TRY_ASSIGN(reader, wheel.archive.open_entry(entry));
  auto buffer = std::make_unique<char[]>(kPiece);
  Utf8Check utf8;
  Status parsed;
  for (;;) {
    TRY_ASSIGN(piece, reader.read(buffer.get(), kPiece));
    if (piece.empty())
      break;
    utf8.feed(piece);
    if (parsed && utf8.first_invalid() == std::string_view::npos)
      parsed = stream.feed(piece);
  }
  utf8.finish();
  if (size_t bad = utf8.first_invalid(); bad != std::string_view::npos)
    return entry_error(entry.name, "not valid UTF-8 (byte offset ", std::to_string(bad), ")");
  if (parsed)
    parsed = stream.finish();
  if (!parsed)
    return entry_error(entry.name, parsed.error().message);
  return {};
}

Status read_record(Wheel& wheel) {
  std::string entry_name = wheel.dist_info + "/RECORD";
  const ArchiveEntry* entry = find_entry(wheel, entry_name);
  if (entry == nullptr)
    return entry_error(entry_name, "missing");
  if (entry->size > max_record_size(wheel.archive.entries().size()))
    return entry_error(entry_name, "too large");
  auto feed = [&](RecordStream& stream) { return feed_record(wheel, *entry, stream); };
  TRY_ASSIGN(expected, expected_files(wheel.archive.entries(), feed, wheel.dist_info));
  wheel.files = std::move(expected.files);
  wheel.digests = std::move(expected.digests);
  return {};
}

Status read_metadata(Wheel& wheel) {
  TRY_ASSIGN(wheel_text, read_required(wheel, "WHEEL"));
  auto info = parse_wheel_info(wheel_text);
  if (!info)
    return entry_error(wheel.dist_info + "/WHEEL", info.error().message);
  wheel.info = std::move(*info);
  TRY_ASSIGN(metadata_text, read_required(wheel, "METADATA"));
  auto metadata = parse_headers(metadata_text);
  if (!metadata)
    return entry_error(wheel.dist_info + "/METADATA", metadata.error().message);
  wheel.metadata_text = std::move(metadata_text);
  wheel.metadata = std::move(*metadata);
  if (const ExpectedFile* file = wheel.find(wheel.dist_info + "/entry_points.txt")) {
    TRY_ASSIGN(text, read_utf8(wheel, *file));
    auto entry_points = parse_entry_points(text);
    if (!entry_points)
      return entry_error(wheel.dist_info + "/entry_points.txt", entry_points.error().message);
    wheel.entry_points = std::move(*entry_points);
  }
  return {};
}

Status open_contents(Wheel& wheel, const SizeLimits& limits) {
  TRY(check_entries(wheel.archive.entries(), limits));
  TRY_ASSIGN(dist_info, find_dist_info(wheel.archive.entries(), wheel.name));
  wheel.dist_info = std::move(dist_info);
  TRY_ASSIGN(data_dir, find_data_dir(wheel.archive.entries(), wheel.dist_info));
  wheel.data_dir = std::move(data_dir);
  TRY(read_record(wheel));
  return read_metadata(wheel);
}
} // namespace

Status check_entry_name(std::string_view name) {
  if (name.empty())
    return make_error("entry with an empty name");
  std::string quoted = "'" + printable_name(name) + "'";
  if (!is_valid_utf8(name))
    return make_error(quoted, ": entry name is not valid UTF-8");
  if (name.front() == '/')
    return make_error(quoted, ": absolute path");
  if (name.find('\\') != std::string_view::npos)
    return make_error(quoted, ": backslash in path");
  for (char c : name)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      return make_error(quoted, ": control character in path");
  for (std::string_view part : split(name, '/')) {
    if (part == "..")
      return make_error(quoted, ": path escapes with '..'");
    if (part.empty() || part == ".")
      return make_error(quoted, ": empty or '.' path component");
    if (part == ".whlinst" || starts_with(part, ".whlinst-"))
      return make_error(quoted, ": name reserved for whlinst's own files");
  }
  return {};
}

Result<std::string> Wheel::read_verified(const ExpectedFile& file) {
  if (file.entry->size > kMaxMetadataSize)
    return entry_error(file.entry->name, "too large");
  TRY_ASSIGN(content, archive.read_entry(*file.entry));
  if (file.algorithm && digest_base64url(*file.algorithm, content) != file.digest())
    return entry_error(file.entry->name, "hash mismatch with RECORD");
  return content;
}

Result<std::string> Wheel::sha256_hex() const {
  if (auto bytes = archive.bytes_in_memory()) {
    Hasher hasher(HashAlgorithm::sha256);
    hasher.update(*bytes);
    return hasher.finish_hex();
  }
  TRY_ASSIGN(digest, digest_file(path, HashAlgorithm::sha256));
  return digest.hex;
}

Result<Wheel> Wheel::open(const std::string& path, const SizeLimits& limits) {
  TRY(parse_wheel_name(base_name(path)));
  TRY_ASSIGN(archive, Archive::open(path));
  return from_archive(path, std::move(archive), limits);
}

Result<Wheel> Wheel::from_archive(const std::string& path, Archive archive, const SizeLimits& limits) {
  std::string file_name(base_name(path));
  TRY_ASSIGN(name, parse_wheel_name(file_name));
  Wheel wheel{{std::move(name), {}, {}, {}, {}, {}, {}}, path, file_name, std::move(archive), {}, {}};
  TRY(open_contents(wheel, limits));
  return wheel;
}

} // namespace whlinst
