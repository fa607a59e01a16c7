#include "exclusive_rename.h"

#include "file_system.h"
#include "file_system_calls.h"

#include <cerrno>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>

namespace whlinst {

namespace {
bool means_exists(int error) { return error == EEXIST || error == ENOTEMPTY || error == ENOTDIR; }

Error rename_error(const std::string& from, const std::string& to) {
  return errno_error("cannot rename to " + to + ":", from);
}

} // namespace

Result<ExclusiveRename> rename_directory_by_claim(const std::string& from, const std::string& to,
                                                  const std::function<Status()>& journal_claim) {
  TRY(journal_claim());
  if (file_system_calls().mkdir(to.c_str(), 0777) != 0) {
    if (errno == EEXIST)
      return ExclusiveRename::exists;
    return errno_error("cannot create directory", to);
  }
  if (file_system_calls().rename(from.c_str(), to.c_str()) == 0)
    return ExclusiveRename::renamed;
  if (means_exists(errno) || errno == EISDIR)
    return ExclusiveRename::exists;
  return rename_error(from, to);
}

bool rename_flag_refused(int error) { return error == EINVAL || error == ENOSYS || error == EOPNOTSUPP; }

Result<ExclusiveRename> rename_directory_exclusive(const std::string& from, const std::string& to,
                                                   const std::function<Status()>& journal_claim) {
  if (file_system_calls().rename_with_flags(from.c_str(), to.c_str(), RENAME_NOREPLACE) == 0)
    return ExclusiveRename::renamed;
  if (means_exists(errno))
    return ExclusiveRename::exists;
  if (!rename_flag_refused(errno))
    return rename_error(from, to);
  return rename_directory_by_claim(from, to, journal_claim);
}

} // namespace whlinst
