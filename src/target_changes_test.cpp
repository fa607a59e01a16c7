#include "target_changes.h"

#include "test_support.h"
#include "wheel_in_memory.h"

#include <doctest/doctest.h>

using namespace whlinst;
using namespace whlinst::testing;

namespace {
const std::string kSite = "/p/lib/python3.11/site-packages";

Scheme test_scheme() {
  return Scheme{kSite, kSite, "/p/include/python3.11/pkg", "/p/bin", "/p", ""};
}

// The plan of pkg 2.0 (pkg/__init__.py, pkg/new.py), compiled at level 0.
struct PlannedWheel {
  WheelInMemory wheel{"pkg-2.0-py3-none-any.whl",
                      wheel_entries("pkg-2.0", {{"pkg/__init__.py", "x = 2\n"}, {"pkg/new.py", "y = 1\n"}})};
  InstallPlan plan;
  PlannedWheel() {
    Result<InstallPlan> planned = plan_install(*wheel, test_scheme(), {}, "/p/bin/python3");
    REQUIRE_MESSAGE(planned.ok(), planned.error().message);
    plan = std::move(*planned);
    plan_bytecode(plan, "cpython-311", {0});
  }
};

InstalledProject previous_version() { return {kSite + "/pkg-1.0.dist-info", kSite, "pkg", "1.0"}; }

PreviousFile present(const std::string& relative) { return {kSite + "/" + relative, std::nullopt, std::nullopt}; }

TargetChanges planned_changes(const InstallPlan& plan, const TargetSurvey& survey,
                              OwnedFiles policy = OwnedFiles::refuse) {
  Result<TargetChanges> changes = plan_target_changes(plan, survey, policy);
  REQUIRE_MESSAGE(changes.ok(), changes.error().message);
  return std::move(*changes);
}
} // namespace

TEST_CASE("plan_target_changes: an upgrade hides the old .dist-info, then the kind changes") {
  PlannedWheel planned;
  TargetSurvey survey;
  survey.previous = {previous_version()};
  survey.kind_changes = {kSite + "/pkg/data"};
  survey.fresh_roots = {kSite + "/pkg/sub"};
  TargetChanges changes = planned_changes(planned.plan, survey);
  CHECK(changes.hidden == std::vector<std::string>{kSite + "/pkg-1.0.dist-info", kSite + "/pkg/data"});
  CHECK(changes.fresh_roots == survey.fresh_roots);
  CHECK(changes.removed.empty());
  CHECK(changes.warnings.empty());
}

TEST_CASE("plan_target_changes: previous files not rewritten are removed; a pyc compiled again only if it fails") {
  PlannedWheel planned;
  TargetSurvey survey;
  survey.previous = {previous_version()};
  PreviousFile owned = present("pkg/shared.txt");
  owned.owner = "other 1.0";
  PreviousFile refused = present("../../../../etc/passwd");
  refused.refusal = "outside the scheme directories";
  survey.not_rewritten = {present("pkg/old.py"), present("pkg/__pycache__/__init__.cpython-311.pyc"),
                          present("pkg/__pycache__/old.cpython-311.pyc"), owned, refused};
  TargetChanges changes = planned_changes(planned.plan, survey);
  CHECK(changes.removed ==
        std::vector<std::string>{kSite + "/pkg/old.py", kSite + "/pkg/__pycache__/old.cpython-311.pyc"});
  CHECK(changes.removed_unless_compiled ==
        std::vector<std::string>{kSite + "/pkg/__pycache__/__init__.cpython-311.pyc"});
  REQUIRE(changes.warnings.size() == 1);
  CHECK(changes.warnings[0] == "not removed: " + kSite + "/../../../../etc/passwd: outside the scheme directories");
}

TEST_CASE("plan_target_changes: another project's file overwritten is refused, or replaced with --overwrite") {
  PlannedWheel planned;
  TargetSurvey survey;
  survey.overwritten = {{kSite + "/pkg/new.py", "other 1.0"}};
  Result<TargetChanges> refused = plan_target_changes(planned.plan, survey, OwnedFiles::refuse);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message ==
        kSite + "/pkg/new.py: already installed by other 1.0 with other content (--overwrite replaces it)");
  TargetChanges replaced = planned_changes(planned.plan, survey, OwnedFiles::replace);
  CHECK(replaced.warnings ==
        std::vector<std::string>{kSite + "/pkg/new.py: replaces the file of other 1.0 (--overwrite)"});
}

TEST_CASE("plan_target_changes: --overwrite replaces the same version's .dist-info, and only then") {
  PlannedWheel planned;
  TargetSurvey survey;
  survey.dist_info_present = true;
  CHECK(planned_changes(planned.plan, survey, OwnedFiles::replace).hidden ==
        std::vector<std::string>{kSite + "/pkg-2.0.dist-info"});
  CHECK(planned_changes(planned.plan, survey, OwnedFiles::refuse).hidden.empty());
  survey.dist_info_present = false;
  CHECK(planned_changes(planned.plan, survey, OwnedFiles::replace).hidden.empty());
}
