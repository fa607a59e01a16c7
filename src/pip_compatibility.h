#pragma once
// The options of `pip install`, `pip uninstall`, `python -m installer` and
// `gpep517 install-wheel` that build scripts pass, so that their command
// lines run unchanged with whlinst in place of the tool (the product contract, "Drop-in
// means verbatim"). They are declared in the option table (option_table.h);
// each is one of:
//   - an alias, rewritten to whlinst's own option before anything reads the
//     arguments: --ignore-installed/-I -> --overwrite, --destdir/-d -> --root,
//     --interpreter -> --python, --compile-bytecode L (repeatable) ->
//     --compile --optimize L,..., --no-compile-bytecode -> --no-compile;
//   - implemented by the command (--user, --target, --progress-bar off,
//     uninstall -r FILE);
//   - a no-op whose value is still checked as pip checks it (--upgrade,
//     --upgrade-strategy, --root-user-action, --no-build-isolation,
//     --only-binary, --no-input, ...); --no-binary naming a wheel given (or
//     :all:) is a usage error, since only wheels can be installed.

#include "command_line.h"
#include "result.h"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace whlinst {

// pip's general options may come before the command ("pip -vvv --no-input
// install ..."). When the first word that is not such an option is a command
// name accepted by `is_command`, returns the arguments with that word moved
// first; otherwise returns them unchanged.
std::vector<std::string> command_word_first(const std::vector<std::string>& arguments,
                                            bool (*is_command)(std::string_view));

// Rewrites the aliases above into whlinst's spellings (in place) and checks
// the values pip would check. Errors are usage errors (exit 2).
Status apply_pip_compatibility(ParsedArguments& arguments);

} // namespace whlinst
