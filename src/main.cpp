#include "cli.h"
#include "phase_timing.h"

#include <cstdlib>

namespace {
// libzip converts every entry's DOS time with mktime(), and glibc re-reads
// /etc/localtime on each call while TZ is unset (one stat per entry). whlinst
// never uses those times: naming the same zone explicitly makes glibc load it
// once. Done before any thread starts (setenv is not thread-safe).
void load_time_zone_once() {
  if (std::getenv("TZ") == nullptr)
    ::setenv("TZ", ":/etc/localtime", 0);
}
} // namespace

int main(int argc, char** argv) {
  whlinst::mark_phase("main");
  load_time_zone_once();
  int status = whlinst::run_cli(argc, argv);
  whlinst::mark_phase("end of main");
  whlinst::write_phase_timing();
  return status;
}
