#pragma once
// The install plan: where every file of a wheel goes and how RECORD names it,
// computed from the wheel's entries and the scheme alone (no I/O). Follows the
// binary distribution format's "Installing a wheel" steps: root files to
// purelib or platlib per Root-Is-Purelib, "<name>.data/<category>/..." to the
// scheme directory of that category, RECORD paths relative to the root
// library directory.

#include "launcher_scripts.h"
#include "scheme.h"
#include "wheel_contents.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace whlinst {

enum class FileRole : uint8_t {
  package,     // installed as is
  data_script, // from .data/scripts: "#!python" is rewritten
  dist_info,   // inside the .dist-info directory: written to its staging copy
};

// A pyc file byte-compiling a placed .py file gives.
struct BytecodeTarget {
  int level = 0;   // optimization level
  std::string pyc; // final absolute path, in __pycache__
};

// Where one archive file goes: its destination is not held but made from
// its entry's name when needed (destination()), so that a placement is a
// few words.
struct Placement {
  const ExpectedFile* file = nullptr;
  // The directory it goes to (the library directory or a .data category's
  // scheme directory), held by its plan (InstallPlan::directory).
  const std::string* directory = nullptr;
  uint32_t name_start = 0; // the path under `directory`: the entry's name from here
  FileRole role = FileRole::package;
  bool executable = false;
  bool compiled = false; // byte-compiled: InstallPlan::bytecode gives its pyc files (plan_bytecode)

  // Final absolute path (without --root): `directory` joined with the rest
  // of the entry's name. RECORD path: record_path_for.
  std::string destination() const;
};

struct GeneratedScript {
  std::string destination;
  std::string record_path;
  std::string content;
};

struct InstallPlan {
  std::string lib_dir;        // purelib or platlib
  std::string dist_info_path; // lib_dir + "/" + dist-info name
  std::vector<Placement> placements;
  std::vector<GeneratedScript> scripts;
  // .data/scripts files that setuptools generated for an entry point whose
  // script is generated instead: not installed, their RECORD rows kept as
  // the wheel has them (pip's rule, see is_entry_point_wrapper).
  std::vector<const ExpectedFile*> dropped_wrappers;
  // One line each, to print as warnings (a script replacing a venv's
  // activation script, see reserved_scripts.h).
  std::vector<std::string> warnings;

  // Set by plan_bytecode: the interpreter's cache tag and the optimization
  // levels each compiled placement gets a pyc file for.
  std::string cache_tag;
  std::vector<int> bytecode_levels;

  // `path` held by the plan (once however often asked) for
  // Placement::directory: valid while the plan or a copy of it lives, moves
  // included.
  const std::string* directory(const std::string& path);
  // The pyc files of `placement`, one per level; none when not compiled.
  std::vector<BytecodeTarget> bytecode(const Placement& placement) const;

private:
  std::vector<std::shared_ptr<const std::string>> directories_; // shared by copies
};

// pip drops a .data/scripts file when its base name, less a suffix ".exe",
// "-script.py" or ".pya" (suffixes matched in any case, the rest exactly),
// names a console_scripts or gui_scripts entry point: "easy_install",
// "easy_install.exe", "easy_install-script.py". Not "-script.pyw" nor
// ".exe.manifest": pip installs those.
bool is_entry_point_wrapper(std::string_view script_path, const std::vector<EntryPoint>& entry_points);

// Fails on an unknown .data category, a .data category used as a file, two
// entries installing to the same destination, or a file installed where
// another entry needs a directory; also when two destinations (or their
// directories) differ as bytes but are equal after Unicode NFC normalization
// (checked only when some entry or script name is not ASCII). Fails too on a
// script that would replace the environment's interpreter and warns (in
// `warnings`) about one replacing an activation script, reserved_scripts.h
// stating the rule: "ENTRY: the script name 'python3' is reserved for the
// environment's interpreter", ENTRY being the archive entry or
// "console_scripts entry point 'python3 = pkg:main'".
Result<InstallPlan> plan_install(const WheelContents& wheel, const Scheme& scheme,
                                 const std::vector<ScriptSpec>& scripts,
                                 const std::string& interpreter);

// Marks every package or data .py file of `plan` (not the .dist-info's)
// compiled, with a pyc file per level in `levels` named for the
// interpreter's `cache_tag` (importlib.util.cache_from_source,
// InstallPlan::bytecode); no level means no compilation.
void plan_bytecode(InstallPlan& plan, const std::string& cache_tag, const std::vector<int>& levels);

// The .dist-info files the installer writes itself ("INSTALLER",
// "REQUESTED", "direct_url.json"): a wheel that ships one of them is
// refused while planning, before anything is written (--dry-run included).
// Error: `NAME.dist-info/INSTALLER: must not be shipped in the wheel`.
Status check_generated_dist_info(const InstallPlan& plan, const std::vector<std::string>& generated_names);

// RECORD path of a final destination (os.path.relpath to lib_dir).
std::string record_path_for(const std::string& destination, const std::string& lib_dir);

} // namespace whlinst
