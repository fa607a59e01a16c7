#include "transaction.h"

#include "file_system.h"
#include "paths.h"

#include <chrono>
#include <unistd.h>

namespace whlinst {

struct Transaction::Step {
  enum class Kind { created_directory, created_file, replaced_file, hidden_path } kind;
  std::string path;  // the final (or created) path
  std::string saved; // backup or hidden name
};

namespace {
std::string make_id() {
  auto now = std::chrono::steady_clock::now().time_since_epoch().count();
  unsigned long mixed = static_cast<unsigned long>(now) ^ (static_cast<unsigned long>(::getpid()) << 20);
  static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuv";
  std::string id;
  for (int i = 0; i < 8; ++i, mixed >>= 5)
    id.push_back(kDigits[mixed & 31]);
  return std::to_string(::getpid()) + id;
}
} // namespace

Transaction::Transaction() : id_(make_id()) {}

Transaction::~Transaction() {
  if (!finished_)
    rollback();
}

std::string Transaction::next_temporary_name(const std::string& directory) {
  return join_path(directory, ".whlinst-" + id_ + "-" + std::to_string(counter_++));
}

Status Transaction::make_directories(const std::string& directory) {
  if (directory.empty() || file_kind(directory) == FileKind::directory)
    return {};
  TRY(make_directories(parent_path(directory)));
  FileKind before = file_kind(directory);
  TRY(whlinst::make_directories(directory));
  if (before == FileKind::missing)
    steps_.push_back({Step::Kind::created_directory, directory, ""});
  return {};
}

Result<std::string> Transaction::temporary_beside(const std::string& final_path) {
  std::string directory = parent_path(final_path);
  TRY(make_directories(directory));
  std::string temporary = next_temporary_name(directory);
  steps_.push_back({Step::Kind::created_file, temporary, ""});
  return temporary;
}

Status Transaction::keep_backup(const std::string& path) {
  FileKind kind = file_kind(path);
  if (kind == FileKind::missing)
    return {};
  if (kind == FileKind::directory)
    return make_error(path, ": is a directory, cannot be replaced by a file");
  std::string backup = next_temporary_name(parent_path(path));
  TRY(hard_link(path, backup));
  steps_.push_back({Step::Kind::replaced_file, path, backup});
  return {};
}

Status Transaction::put_in_place(const std::string& temporary, const std::string& final_path) {
  size_t steps_before = steps_.size();
  TRY(keep_backup(final_path));
  bool replaced = steps_.size() > steps_before;
  TRY(rename_path(temporary, final_path));
  // Rollback of a replaced file is the backup's restore; of a new one, removal.
  for (Step& step : steps_)
    if (step.kind == Step::Kind::created_file && step.path == temporary)
      step.path = replaced ? std::string() : final_path;
  return {};
}

Status Transaction::hide(const std::string& path) {
  std::string hidden = next_temporary_name(parent_path(path));
  TRY(rename_path(path, hidden));
  steps_.push_back({Step::Kind::hidden_path, path, hidden});
  return {};
}

void Transaction::note_created(const std::string& path) {
  steps_.push_back({Step::Kind::created_file, path, ""});
}

void Transaction::remove_at_commit(const std::string& path, const std::string& prune_stop) {
  removals_.emplace_back(path, prune_stop);
}

void Transaction::commit() {
  finished_ = true;
  for (const Step& step : steps_)
    if (step.kind == Step::Kind::replaced_file)
      (void)remove_file(step.saved);
    else if (step.kind == Step::Kind::hidden_path)
      (void)remove_tree(step.saved);
  for (const auto& [path, stop] : removals_) {
    (void)remove_file(path);
    remove_empty_directories(parent_path(path), stop);
  }
}

void Transaction::rollback() {
  finished_ = true;
  for (auto step = steps_.rbegin(); step != steps_.rend(); ++step) {
    switch (step->kind) {
    case Step::Kind::created_file:
      if (!step->path.empty())
        (void)remove_file(step->path);
      break;
    case Step::Kind::created_directory: (void)::rmdir(step->path.c_str()); break;
    case Step::Kind::replaced_file: (void)rename_path(step->saved, step->path); break;
    case Step::Kind::hidden_path: (void)rename_path(step->saved, step->path); break;
    }
  }
}

} // namespace whlinst
