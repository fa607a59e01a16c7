#include "interpreter_cache.h"

#include "fd.h"
#include "file_system.h"
#include "interpreter_record.h"
#include "paths.h"
#include "text.h"

#include <cstdint>
#include <cstdlib>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace whlinst {

namespace {
// The SHA-256 of interpreter_query.py, computed when whlinst was built: a
// description is valid only for the script that produced it.
constexpr char kQueryDigest[] =
#include "interpreter_query.py.sha256.inc"
    ;
constexpr off_t kMaxEntrySize = 1 << 20;

std::optional<std::string> cache_directory() {
  if (const char* disabled = std::getenv("WHLINST_NO_CACHE"); disabled && *disabled)
    return std::nullopt;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/')
    return join_path(xdg, "whlinst");
  if (const char* home = std::getenv("HOME"); home && *home == '/')
    return join_path(join_path(home, ".cache"), "whlinst");
  return std::nullopt;
}

// `value` as 16 hexadecimal digits.
void append_hex(std::string& out, uint64_t value) {
  char digits[16];
  for (size_t digit = 16; digit-- > 0; value >>= 4)
    digits[digit] = "0123456789abcdef"[value & 15];
  out.append(digits, sizeof digits);
}

// The file's device, inode, size and modification time; "-" when missing.
std::string identity(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0)
    return "-";
  std::string text;
  for (uint64_t field : {uint64_t(st.st_dev), uint64_t(st.st_ino), uint64_t(st.st_size), uint64_t(st.st_mtim.tv_sec),
                         uint64_t(st.st_mtim.tv_nsec)})
    append_hex(text, field);
  return text;
}

// Where a command name would be found in PATH ("" if nowhere).
std::string find_in_path(const std::string& name) {
  const char* search = std::getenv("PATH");
  for (std::string_view directory : split(search ? search : "", ':')) {
    std::string candidate = join_path(directory.empty() ? "." : directory, name);
    if (::access(candidate.c_str(), X_OK) == 0)
      return candidate;
  }
  return "";
}

// Everything the description of `given`, found at `path`, depends on.
std::string cache_key(const std::string& given, const std::string& path) {
  std::string venv_config = join_path(parent_path(parent_path(path)), "pyvenv.cfg");
  return given + "\n" + path + "\n" + identity(path) + "\n" + identity(venv_config) + "\n" + kQueryDigest;
}

// The entry's file name: a 64-bit FNV-1a hash of the interpreter as given
// and as found, and the record's version. It only chooses the file: two
// interpreters whose names collide replace each other's entry, never use it.
std::string entry_name(const std::string& given, const std::string& path) {
  uint64_t hash = 14695981039346656037ull;
  for (const std::string* part : {&given, &path})
    for (unsigned char byte : *part + '\0')
      hash = (hash ^ byte) * 1099511628211ull;
  std::string name;
  append_hex(name, hash);
  return name + ".interpreter-" + std::string(kInterpreterRecordVersion);
}

// The entry's bytes, in one read(2); nullopt if it is missing, not a regular
// file, implausibly large or not read whole.
std::optional<std::string> read_entry(const std::string& entry) {
  Fd file(::open(entry.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  struct stat st;
  if (!file.valid() || ::fstat(file.get(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > kMaxEntrySize)
    return std::nullopt;
  std::string text(static_cast<size_t>(st.st_size), '\0');
  if (::read(file.get(), text.data(), text.size()) != static_cast<ssize_t>(text.size()))
    return std::nullopt;
  return text;
}

// Removes the entries of whlinst versions before the compact record
// (`<hash>.json`), which no version reads any more: a cache that outlived
// an upgrade does not keep them for ever.
void remove_superseded_entries(const std::string& directory) {
  auto names = list_directory(directory);
  if (!names)
    return;
  for (const std::string& name : *names)
    if (ends_with(name, ".json"))
      (void)remove_file(join_path(directory, name));
}

void store(const std::string& directory, const std::string& entry, const std::string& record) {
  if (!make_directories(directory))
    return;
  std::string temporary = entry + "." + std::to_string(::getpid()) + ".tmp";
  if (write_new_file(temporary, record) && rename_path(temporary, entry)) {
    remove_superseded_entries(directory);
    return;
  }
  (void)remove_file(temporary);
}
} // namespace

Result<Interpreter> describe_interpreter(const std::string& given) {
  auto directory = cache_directory();
  if (!directory)
    return query_interpreter(given);
  std::string path = given.find('/') == std::string::npos ? find_in_path(given) : given;
  std::string key = cache_key(given, path);
  std::string entry = join_path(*directory, entry_name(given, path));
  if (auto text = read_entry(entry))
    if (auto interpreter = read_interpreter_record(*text, key, given))
      return std::move(*interpreter);
  TRY_ASSIGN(interpreter, query_interpreter(given));
  store(*directory, entry, write_interpreter_record(key, interpreter));
  return interpreter;
}

} // namespace whlinst
