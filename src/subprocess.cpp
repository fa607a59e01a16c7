#include "subprocess.h"

#include "file_system.h"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace whlinst {

namespace {
struct Pipe {
  Fd read_end;
  Fd write_end;
};

Result<Pipe> make_pipe() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0)
    return errno_error("cannot create", "pipe");
  return Pipe{Fd(fds[0]), Fd(fds[1])};
}

struct SpawnActions {
  posix_spawn_file_actions_t actions;
  SpawnActions() { posix_spawn_file_actions_init(&actions); }
  ~SpawnActions() { posix_spawn_file_actions_destroy(&actions); }
};

std::vector<char*> c_arguments(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const std::string& arg : argv)
    args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  return args;
}

Result<pid_t> spawn(const std::vector<std::string>& argv, int child_in, int child_out,
                    int child_err) {
  SpawnActions spawn_actions;
  posix_spawn_file_actions_adddup2(&spawn_actions.actions, child_in, 0);
  posix_spawn_file_actions_adddup2(&spawn_actions.actions, child_out, 1);
  if (child_err >= 0)
    posix_spawn_file_actions_adddup2(&spawn_actions.actions, child_err, 2);
  std::vector<char*> args = c_arguments(argv);
  pid_t pid = -1;
  int code = ::posix_spawnp(&pid, args[0], &spawn_actions.actions, nullptr, args.data(), environ);
  if (code != 0) {
    errno = code;
    return errno_error("cannot run", argv[0]);
  }
  return pid;
}

int wait_for(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR)
      return -1;
  if (WIFEXITED(status))
    return WEXITSTATUS(status);
  return 128 + WTERMSIG(status);
}

// In the child of fork(): only async-signal-safe calls. Makes `from` the
// descriptor `to`, inherited by the program executed.
bool inherit_as(int from, int to) {
  if (from == to)
    return ::fcntl(to, F_SETFD, 0) == 0;
  return ::dup2(from, to) == to;
}

// posix_spawn cannot ask for PR_SET_PDEATHSIG: fork, prctl, exec, without
// waiting for the exec (several children start at once). An exec failure
// comes back as its errno through the close-on-exec pipe `failure`
// (ChildProcess::check_started).
Result<pid_t> spawn_dying_with_parent(const std::vector<std::string>& argv, int child_in, int child_out, Fd failure) {
  std::vector<char*> args = c_arguments(argv);
  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0)
    return errno_error("cannot run", argv[0]);
  if (pid == 0) {
    if (inherit_as(child_in, 0) && inherit_as(child_out, 1) && ::prctl(PR_SET_PDEATHSIG, SIGKILL) == 0 &&
        ::getppid() == parent)
      ::execvp(args[0], args.data());
    int code = errno;
    (void)!::write(failure.get(), &code, sizeof code);
    ::_exit(127);
  }
  return pid;
}

// Writes `input` to `in` while draining `out` and `err`, until both close.
void pump(int in, std::string_view input, int out, int err, ProcessOutput& output) {
  if (input.empty())
    ::close(in), in = -1;
  while (out >= 0 || err >= 0) {
    pollfd fds[3] = {{out, POLLIN, 0}, {err, POLLIN, 0}, {in, POLLOUT, 0}};
    if (::poll(fds, 3, -1) < 0 && errno != EINTR)
      break;
    char buffer[65536];
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0)
        continue;
      ssize_t got = ::read(fds[i].fd, buffer, sizeof buffer);
      if (got <= 0) {
        (i == 0 ? out : err) = -1;
        continue;
      }
      (i == 0 ? output.out : output.err).append(buffer, static_cast<size_t>(got));
    }
    if (in >= 0 && fds[2].revents != 0) {
      ssize_t written = ::write(in, input.data(), input.size());
      if (written > 0)
        input.remove_prefix(static_cast<size_t>(written));
      if (written < 0 || input.empty())
        ::close(in), in = -1;
    }
  }
  if (in >= 0)
    ::close(in);
}
} // namespace

Result<ProcessOutput> run_process(const std::vector<std::string>& argv, const std::string& input) {
  TRY_ASSIGN(in, make_pipe());
  TRY_ASSIGN(out, make_pipe());
  TRY_ASSIGN(err, make_pipe());
  TRY_ASSIGN(pid, spawn(argv, in.read_end.get(), out.write_end.get(), err.write_end.get()));
  in.read_end.reset();
  out.write_end.reset();
  err.write_end.reset();
  struct sigaction ignore {}, previous{};
  ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGPIPE, &ignore, &previous);
  ProcessOutput output;
  pump(in.write_end.release(), input, out.read_end.get(), err.read_end.get(), output);
  ::sigaction(SIGPIPE, &previous, nullptr);
  output.exit_status = wait_for(pid);
  return output;
}

ChildProcess::ChildProcess(pid_t pid, Fd to_child, Fd from_child, Fd exec_failure)
    : pid_(pid), to_child_(std::move(to_child)), from_child_(std::move(from_child)),
      exec_failure_(std::move(exec_failure)) {}

ChildProcess::~ChildProcess() {
  if (pid_ > 0) {
    to_child_.reset();
    ::kill(pid_, SIGTERM);
    wait_for(pid_);
  }
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)), to_child_(std::move(other.to_child_)),
      from_child_(std::move(other.from_child_)), exec_failure_(std::move(other.exec_failure_)) {}

ChildProcess& ChildProcess::operator=(ChildProcess&& other) noexcept {
  if (this != &other) {
    this->~ChildProcess();
    new (this) ChildProcess(std::move(other));
  }
  return *this;
}

Result<ChildProcess> ChildProcess::start(const std::vector<std::string>& argv, ParentDeath parent_death) {
  TRY_ASSIGN(in, make_pipe());
  TRY_ASSIGN(out, make_pipe());
  if (parent_death == ParentDeath::ignored) {
    TRY_ASSIGN(pid, spawn(argv, in.read_end.get(), out.write_end.get(), -1));
    return ChildProcess(pid, std::move(in.write_end), std::move(out.read_end), Fd());
  }
  TRY_ASSIGN(failure, make_pipe());
  TRY_ASSIGN(pid, spawn_dying_with_parent(argv, in.read_end.get(), out.write_end.get(), std::move(failure.write_end)));
  return ChildProcess(pid, std::move(in.write_end), std::move(out.read_end), std::move(failure.read_end));
}

Status ChildProcess::check_started(const std::string& program) {
  if (exec_failure_.get() < 0)
    return {};
  int code = 0;
  ssize_t got;
  while ((got = ::read(exec_failure_.get(), &code, sizeof code)) < 0 && errno == EINTR) {
  }
  exec_failure_.reset();
  if (got <= 0)
    return {};
  errno = code;
  return errno_error("cannot run", program);
}

void ChildProcess::kill() {
  if (pid_ <= 0)
    return;
  ::kill(pid_, SIGKILL);
  wait_for(pid_);
  pid_ = -1;
}

} // namespace whlinst
