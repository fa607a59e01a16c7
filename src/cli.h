#pragma once
// The command line: parses arguments, dispatches to a command, maps results to
// exit statuses (0 success, 1 failure, 2 usage error).

namespace whlinst {

int run_cli(int argc, char** argv);

} // namespace whlinst
