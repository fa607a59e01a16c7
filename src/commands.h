#pragma once
// The commands of the whlinst executable, one file each; each returns the
// exit status (0 success, 1 failure, 2 usage error).

#include <string>
#include <vector>

namespace whlinst {

int run_install_command(const std::vector<std::string>& arguments);
int run_uninstall_command(const std::vector<std::string>& arguments);
int run_verify_command(const std::vector<std::string>& arguments);
int run_list_command(const std::vector<std::string>& arguments);
int run_show_command(const std::vector<std::string>& arguments);
int run_sync_command(const std::vector<std::string>& arguments);

} // namespace whlinst
