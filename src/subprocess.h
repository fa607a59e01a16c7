#pragma once
// Child processes: run-to-completion with captured output, and long-lived
// children talked to over pipes (the bytecode workers).

#include "fd.h"
#include "result.h"

#include <string>
#include <sys/types.h>
#include <vector>

namespace whlinst {

struct ProcessOutput {
  int exit_status = -1; // exit code, or 128 + signal number
  std::string out;
  std::string err;
};

// Runs argv[0] (searched in PATH when it has no '/') to completion, feeding
// `input` on stdin and capturing stdout and stderr.
Result<ProcessOutput> run_process(const std::vector<std::string>& argv, const std::string& input);

// Whether a child is killed (SIGKILL) when the thread that started it ends,
// the whole process killed included.
enum class ParentDeath { ignored, kills_child };

// A running child with its stdin and stdout connected to pipes. The
// destructor closes stdin and reaps the child (killing it if needed).
class ChildProcess {
public:
  // With ParentDeath::kills_child, returns before the program is executed:
  // check_started() tells whether it was.
  static Result<ChildProcess> start(const std::vector<std::string>& argv,
                                    ParentDeath parent_death = ParentDeath::ignored);
  // Waits until the child has executed `program` (argv[0]) or failed to.
  Status check_started(const std::string& program);
  ~ChildProcess();
  ChildProcess(ChildProcess&&) noexcept;
  ChildProcess& operator=(ChildProcess&&) noexcept;

  int stdin_fd() const { return to_child_.get(); }
  int stdout_fd() const { return from_child_.get(); }
  pid_t pid() const { return pid_; }
  // Kills the child (SIGKILL) and reaps it: for a child with nothing left
  // to do, much faster than letting it exit (an interpreter's finalization).
  void kill();

private:
  ChildProcess(pid_t pid, Fd to_child, Fd from_child, Fd exec_failure);
  pid_t pid_ = -1;
  Fd to_child_;
  Fd from_child_;
  Fd exec_failure_; // closed by the exec; -1 once checked
};

} // namespace whlinst
