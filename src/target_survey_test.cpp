#include "target_survey.h"

#include "file_system.h"
#include "installed_project.h"
#include "test_support.h"
#include "wheel_in_memory.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <unistd.h>

using namespace whlinst;
using namespace whlinst::testing;

namespace {
// pkg 1.0 installed in DIR/site: pkg/__init__.py (with its pyc), pkg/old.py,
// pkg/data (a file that 2.0 makes a directory), pkg/shared.txt (also listed
// by "other"), pkg/gone.py (listed, absent).
struct Installed {
  TemporaryDirectory dir;
  std::string site = dir / "site";
  Scheme scheme{site, site, dir / "include", dir / "bin", dir.path(), ""};
  Installed() {
    std::filesystem::create_directories(site + "/pkg/__pycache__");
    for (const char* file : {"pkg/__init__.py", "pkg/__pycache__/__init__.cpython-311.pyc", "pkg/old.py", "pkg/data",
                             "pkg/shared.txt"})
      write_text_file(site + "/" + file, "1.0\n");
    install_record(site, "pkg-1.0", {"pkg/__init__.py", "pkg/old.py", "pkg/data", "pkg/shared.txt", "pkg/gone.py"});
    install_record(site, "other-1.0", {"pkg/shared.txt"});
  }
  std::string at(const std::string& relative) const { return site + "/" + relative; }
};

// pkg 2.0: pkg/__init__.py, pkg/data/table.txt, pkg/sub/new.py, compiled at level 0.
struct PlannedWheel {
  WheelInMemory wheel{"pkg-2.0-py3-none-any.whl",
                      wheel_entries("pkg-2.0", {{"pkg/__init__.py", "x = 2\n"},
                                                {"pkg/data/table.txt", "t\n"},
                                                {"pkg/sub/new.py", "y = 1\n"}})};
  InstallPlan plan;
  explicit PlannedWheel(const Scheme& scheme) {
    Result<InstallPlan> planned = plan_install(*wheel, scheme, {}, "/usr/bin/python3");
    REQUIRE_MESSAGE(planned.ok(), planned.error().message);
    plan = std::move(*planned);
    plan_bytecode(plan, "cpython-311", {0});
  }
};

TargetSurvey surveyed(const Installed& target, const InstallPlan& plan) {
  Result<std::vector<InstalledProject>> previous = find_installed(target.scheme, "pkg");
  REQUIRE(previous.ok());
  Result<TargetSurvey> survey = survey_target(plan, target.scheme, {"pkg", "cpython-311", *previous});
  REQUIRE_MESSAGE(survey.ok(), survey.error().message);
  return std::move(*survey);
}
} // namespace

TEST_CASE("survey_target: the previous version, a kind change, fresh trees and the files not rewritten") {
  Installed target;
  PlannedWheel planned(target.scheme);
  TargetSurvey survey = surveyed(target, planned.plan);
  REQUIRE(survey.previous.size() == 1);
  CHECK(survey.previous_files.count(target.at("pkg/old.py")) == 1);
  // The bytecode of a listed source when it exists, and only then.
  CHECK(survey.previous_files.count(target.at("pkg/__pycache__/__init__.cpython-311.pyc")) == 1);
  CHECK(survey.previous_files.count(target.at("pkg/__pycache__/old.cpython-311.pyc")) == 0);
  CHECK(survey.previous_files.count(target.at("pkg-1.0.dist-info/RECORD")) == 0);
  CHECK(survey.kind_changes == std::vector<std::string>{target.at("pkg/data")});
  // pkg/data is replaced, so the directory pkg/data is built whole, as pkg/sub.
  CHECK(survey.fresh_roots == std::vector<std::string>{target.at("pkg/data"), target.at("pkg/sub")});
  CHECK(survey.overwritten.empty());
  CHECK_FALSE(survey.dist_info_present);
  std::map<std::string, PreviousFile> facts;
  for (const PreviousFile& file : survey.not_rewritten)
    facts[file.path] = file;
  CHECK(facts.count(target.at("pkg/__init__.py")) == 0); // rewritten
  CHECK(facts.count(target.at("pkg/data")) == 0);        // hidden with the kind change
  REQUIRE(facts.count(target.at("pkg/old.py")) == 1);
  CHECK_FALSE(facts.at(target.at("pkg/old.py")).owner);
  CHECK_FALSE(facts.at(target.at("pkg/old.py")).refusal);
  CHECK(facts.at(target.at("pkg/shared.txt")).owner == std::optional<std::string>("other 1.0"));
  CHECK(facts.count(target.at("pkg/gone.py")) == 0); // listed, not on disk: nothing to remove
  CHECK(facts.count(target.at("pkg/__pycache__/__init__.cpython-311.pyc")) == 1);
}

TEST_CASE("survey_target: another project's file written over with other bytes") {
  Installed target;
  install_record(target.site, "intruder-1.0", {"pkg/sub/new.py"});
  std::filesystem::create_directories(target.at("pkg/sub"));
  write_text_file(target.at("pkg/sub/new.py"), "not the wheel's\n");
  PlannedWheel planned(target.scheme);
  TargetSurvey survey = surveyed(target, planned.plan);
  REQUIRE(survey.overwritten.size() == 1);
  CHECK(survey.overwritten[0].path == target.at("pkg/sub/new.py"));
  CHECK(survey.overwritten[0].owner == "intruder 1.0");
}

TEST_CASE("survey_target: a directory on the way that is a symbolic link stops the install") {
  Installed target;
  TemporaryDirectory elsewhere;
  std::filesystem::create_directories(target.at("pkg"));
  REQUIRE(symlink(elsewhere.path().c_str(), target.at("pkg/sub").c_str()) == 0);
  PlannedWheel planned(target.scheme);
  Result<std::vector<InstalledProject>> previous = find_installed(target.scheme, "pkg");
  REQUIRE(previous.ok());
  Result<TargetSurvey> survey = survey_target(planned.plan, target.scheme, {"pkg", "cpython-311", *previous});
  REQUIRE_FALSE(survey.ok());
  CHECK(survey.error().message.find("is a symbolic link") != std::string::npos);
}
