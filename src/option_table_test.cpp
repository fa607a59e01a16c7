#include "option_table.h"

#include "config_value.h"
#include "configuration.h"

#include <doctest/doctest.h>

#include <set>
#include <string>

using namespace whlinst;

namespace {
constexpr Command kCommands[] = {Command::install, Command::uninstall, Command::list, Command::verify, Command::show};

std::set<std::string_view> names_of(Command command) {
  std::set<std::string_view> names;
  for (const OptionSpec& option : options_of(command))
    names.insert(option.long_name);
  return names;
}
} // namespace

TEST_CASE("option table: each command's names and letters are unique") {
  for (Command command : kCommands) {
    std::set<std::string_view> names;
    std::set<char> letters;
    for (const OptionSpec& option : options_of(command)) {
      CHECK_MESSAGE(names.insert(option.long_name).second, option.long_name);
      if (option.short_name)
        CHECK_MESSAGE(letters.insert(option.short_name).second, option.long_name);
    }
  }
}

TEST_CASE("option table: every command takes the scheme, its overrides, --config, -q, -v, -h") {
  for (Command command : kCommands) {
    std::set<std::string_view> names = names_of(command);
    for (std::string_view name : {"prefix", "root", "user", "target", "python", "purelib", "platlib", "headers",
                                  "scripts", "data", "config", "quiet", "verbose", "help"})
      CHECK_MESSAGE(names.count(name) == 1, name);
  }
  CHECK(names_of(Command::list).size() == 15);
  CHECK(names_of(Command::show).count("files") == 1);
  CHECK(names_of(Command::verify).count("lock-timeout") == 1);
}

TEST_CASE("option table: configuration keys are unique, each with its reader") {
  std::set<std::string_view> keys;
  for (const OptionDefinition& option : option_table()) {
    if (option.config_key.empty()) {
      CHECK((option.configure == nullptr));
      continue;
    }
    CHECK_MESSAGE(keys.insert(option.config_key).second, option.config_key);
    CHECK((option.configure != nullptr));
    CHECK(option_with_config_key(option.config_key) == &option);
  }
  CHECK(keys.size() == 17);
  CHECK(option_with_config_key("bogus") == nullptr);
  CHECK(option_with_config_key("") == nullptr);
}

TEST_CASE("option table: a key's reader sets its configuration member") {
  Configuration config;
  REQUIRE(option_with_config_key("jobs")->configure(config, ConfigValue{int64_t{3}}).ok());
  CHECK(config.jobs == 3u);
  REQUIRE(option_with_config_key("requested")->configure(config, ConfigValue{false}).ok());
  CHECK(config.requested == false);
  auto refused = option_with_config_key("lock-timeout")->configure(config, ConfigValue{std::string("soon")});
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message == "lock-timeout: expected a number of seconds");
  CHECK_FALSE(config.lock_timeout.has_value());
}
