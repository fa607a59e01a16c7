// libFuzzer target: the whole install path, on a scratch prefix. The input
// is a zip archive, opened from memory as a wheel and installed with
// install_wheel (extraction on two threads, fresh trees, transaction,
// journal, dist-info; no byte-compilation: no Python is started) into
// SCRATCH/prefix, for a fixed CPython 3.11 scheme. Beyond "no crash, leak or
// sanitizer report", the product's invariants are checked after each input
// and abort() on a violation:
//   - nothing is ever written beside the prefix (docs/design.md invariant 7);
//   - a refused install leaves the prefix as it was (invariant 4);
//   - an install that succeeds is uninstalled again, leaving no file of the
//     project, no journal and no temporary name in the prefix.
// The prefix is emptied between inputs.

#include "file_system.h"
#include "fixed_interpreter.h"
#include "fuzz_support.h"
#include "installer.h"
#include "lock_wait.h"
#include "paths.h"
#include "text.h"
#include "uninstaller.h"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

using namespace whlinst;

namespace {
struct Scratch {
  std::string base, prefix;
  Interpreter interpreter;
};

const Scratch& scratch() {
  static const Scratch made = [] {
    init_umask();
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/whlinst-fuzz-install-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr)
      std::abort();
    std::atexit([] { (void)remove_tree(scratch().base); });
    Scratch scratch{pattern, join_path(pattern, "prefix"), {}};
    scratch.interpreter = fixed_cpython311(scratch.prefix);
    return scratch;
  }();
  return made;
}

// Every path under `root` with its kind and size ("" when missing).
std::map<std::string, std::string> listing(const std::string& root) {
  std::map<std::string, std::string> found;
  auto entries = list_tree(root);
  if (!entries)
    return found;
  for (const TreeEntry& entry : *entries) {
    auto bytes = entry.directory ? Result<std::string>(std::string()) : read_file(join_path(root, entry.relative));
    found[entry.relative] = entry.directory ? "dir" : bytes ? *bytes : "unreadable";
  }
  return found;
}

void require(bool holds, const char* what) {
  if (!holds) {
    std::fprintf(stderr, "fuzz_install: invariant broken: %s\n", what);
    std::abort();
  }
}

InstallOptions options_for(const Scratch& scratch) {
  InstallOptions options;
  options.prefix = scratch.prefix;
  options.compile = false;
  options.write_direct_url = false; // the wheel has no file to take a URL and digest from
  options.jobs = 2;
  options.size_limits = fuzz::kLimits;
  options.verbosity = Verbosity::quiet;
  return options;
}

// Uninstalls what was installed, then checks that only directories remain
// (no lock file, journal or temporary name: nothing of whlinst stays).
void check_uninstall(const Scratch& scratch, const InstallSummary& summary) {
  auto scheme = make_scheme(scratch.interpreter, SchemeRequest{scratch.prefix, "", summary.project});
  require(scheme.ok(), "the scheme of an installed wheel");
  auto removed = uninstall_project(*scheme, summary.project, scratch.interpreter.cache_tag, LockWait{});
  require(removed.ok(), "an installed project uninstalls");
  for (const auto& [relative, content] : listing(scratch.prefix))
    require(content == "dir" && relative.find(".whlinst") == std::string::npos,
            "uninstall leaves no file and nothing of whlinst");
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Scratch& dirs = scratch();
  (void)remove_tree(dirs.prefix);
  require(make_directories(dirs.prefix).ok(), "the scratch prefix is made");
  auto archive = Archive::open_memory(std::string(reinterpret_cast<const char*>(data), size), "fuzz");
  if (!archive)
    return 0;
  std::string file_name = fuzz::file_name_for(archive->entries());
  auto wheel = Wheel::from_archive(file_name, std::move(*archive), fuzz::kLimits);
  if (!wheel)
    return 0;
  auto before = listing(dirs.prefix);
  InstallServices services{nullptr, nullptr, 2};
  auto installed = install_wheel(*wheel, dirs.interpreter, options_for(dirs), services);
  auto around = listing(dirs.base);
  for (const auto& [relative, content] : around)
    require(relative == "prefix" || starts_with(relative, "prefix/"), "nothing written beside the prefix");
  if (!installed) {
    // Directories of the scheme may stay (pip makes site-packages too); no file.
    for (const auto& [relative, content] : listing(dirs.prefix))
      require((content == "dir" && relative.find(".whlinst") == std::string::npos) || before.count(relative) != 0,
              "a refused install leaves the prefix as it was");
    return 0;
  }
  check_uninstall(dirs, *installed);
  return 0;
}
