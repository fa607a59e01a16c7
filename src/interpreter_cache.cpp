#include "interpreter_cache.h"

#include "file_system.h"
#include "hash.h"
#include "paths.h"
#include "text.h"

#include <cstdlib>
#include <sys/stat.h>
#include <unistd.h>

namespace whlinst {

namespace {
std::optional<std::string> cache_directory() {
  if (const char* disabled = std::getenv("WHLINST_NO_CACHE"); disabled && *disabled)
    return std::nullopt;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/')
    return join_path(xdg, "whlinst");
  if (const char* home = std::getenv("HOME"); home && *home == '/')
    return join_path(join_path(home, ".cache"), "whlinst");
  return std::nullopt;
}

std::string identity(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0)
    return "-";
  return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino) + ":" + std::to_string(st.st_size) +
         ":" + std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
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

// Everything the description depends on, hashed into the entry's name.
std::string cache_key(const std::string& given) {
  std::string path = given.find('/') == std::string::npos ? find_in_path(given) : given;
  std::string venv_config = join_path(parent_path(parent_path(path)), "pyvenv.cfg");
  std::string key = given + "\n" + path + "\n" + identity(path) + "\n" + identity(venv_config) + "\n" +
                    interpreter_query_script();
  Hasher hasher(HashAlgorithm::sha256);
  hasher.update(key);
  return hasher.finish_hex().substr(0, 32);
}

void store(const std::string& directory, const std::string& entry, const std::string& json) {
  if (!make_directories(directory))
    return;
  std::string temporary = entry + "." + std::to_string(::getpid()) + ".tmp";
  if (write_new_file(temporary, json) && rename_path(temporary, entry))
    return;
  (void)remove_file(temporary);
}
} // namespace

Result<Interpreter> describe_interpreter(const std::string& path) {
  auto directory = cache_directory();
  std::string entry = directory ? join_path(*directory, cache_key(path) + ".json") : "";
  if (directory) {
    if (auto cached = read_file(entry)) {
      if (auto interpreter = parse_interpreter_description(path, *cached))
        return interpreter;
    }
  }
  TRY_ASSIGN(json, run_interpreter_query(path));
  TRY_ASSIGN(interpreter, parse_interpreter_description(path, json));
  if (directory)
    store(*directory, entry, json);
  return interpreter;
}

} // namespace whlinst
