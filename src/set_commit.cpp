#include "set_commit.h"

#include "file_lock.h"
#include "file_system.h"
#include "file_system_calls.h"
#include "journal.h"
#include "paths.h"
#include "text.h"

#include <cerrno>
#include <cstdio>
#include <sys/file.h>

namespace whlinst {

SetCommit::SetCommit(const std::string& state_dir) : marker_(join_path(state_dir, "_set." + make_id() + ".commit")) {}

Status SetCommit::decide(Durability durability) {
  TRY_ASSIGN(fd, create_new_file(marker_));
  // Waits out a recovery probing the marker (held_by_a_process); unlocked
  // until then, it is kept by the journals that name it.
  while (::flock(fd.get(), LOCK_EX) != 0)
    if (errno != EINTR)
      return errno_error("cannot lock", marker_);
  fd_ = std::move(fd);
  decided_ = true; // the marker exists: from here a recovery completes the set
  if (durability == Durability::power_loss) {
    Status synced = file_system_calls().fsync(fd_.get()) == 0 ? sync_directory(parent_path(marker_))
                                                                : Status(errno_error("cannot sync", marker_));
    if (!synced) // decided all the same: complete against a crash, not proven against a power cut
      std::fprintf(stderr, "whlinst: warning: %s; the set is committed, but a power cut now could undo it\n",
                   synced.error().message.c_str());
  }
  return {};
}

void SetCommit::finish() {
  (void)remove_file(marker_);
  fd_.reset();
}

namespace {
bool named_by_a_journal(const std::string& state_dir, const std::vector<std::string>& names,
                        const std::string& marker) {
  std::string record = encode_journal_record({JournalAction::set_member, marker, ""});
  for (const std::string& name : names) {
    if (!ends_with(name, ".journal"))
      continue;
    auto text = read_file(join_path(state_dir, name));
    if (!text || text->find(record) != std::string::npos)
      return true; // unreadable: it may name it
  }
  return false;
}
} // namespace

void remove_finished_set_markers(const std::string& state_dir) {
  auto names = list_directory(state_dir);
  if (!names)
    return;
  for (const std::string& name : *names) {
    std::string marker = join_path(state_dir, name);
    if (starts_with(name, "_set.") && ends_with(name, ".commit") && !held_by_a_process(marker) &&
        !named_by_a_journal(state_dir, *names, marker))
      (void)remove_file(marker);
  }
}

} // namespace whlinst
