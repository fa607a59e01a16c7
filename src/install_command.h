#pragma once
// `whlinst [install] WHEEL... [options]`.

#include <string>
#include <vector>

namespace whlinst {

// Returns the exit status: 0 installed, 1 a wheel failed, 2 usage error.
int run_install_command(const std::vector<std::string>& arguments);

} // namespace whlinst
