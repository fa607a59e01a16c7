#include "process_identity.h"

#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

using namespace whlinst;

TEST_CASE("process identity: formats and parses PID:START") {
  auto self = identify_process(::getpid());
  REQUIRE(self.has_value());
  CHECK(self->start_time > 0);
  auto parsed = parse_process_identity(format_process_identity(*self));
  REQUIRE(parsed.has_value());
  CHECK(parsed->pid == self->pid);
  CHECK(parsed->start_time == self->start_time);
  for (const char* bad : {"", "12", ":5", "12:", "x:1", "12:5x", "-3:4", "0:4"})
    CHECK_MESSAGE(!parse_process_identity(bad), bad);
}

TEST_CASE("process identity: waiting ends when the process exits, not before") {
  auto self = identify_process(::getpid());
  REQUIRE(self.has_value());
  CHECK(!wait_for_process_exit(*self, std::chrono::milliseconds(20)));
  ProcessIdentity reused = *self;
  reused.start_time += 1; // the same ID, another process: gone
  CHECK(wait_for_process_exit(reused, std::chrono::milliseconds(0)));

  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::usleep(50 * 1000);
    ::_exit(0);
  }
  auto identity = identify_process(child);
  REQUIRE(identity.has_value());
  CHECK(wait_for_process_exit(*identity, std::chrono::seconds(10))); // a zombie counts as gone
  CHECK(!identify_process(child).has_value());
  int status = 0;
  ::waitpid(child, &status, 0);
}
