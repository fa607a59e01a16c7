#include "result.h"

namespace whlinst {

namespace {
std::string_view without_prefix(std::string_view line, const std::string& part) {
  if (part.empty() || line.substr(0, part.size()) != part || line.substr(part.size(), 2) != ": ")
    return line;
  return line.substr(part.size() + 2);
}
} // namespace

std::string Error::what() const {
  return std::string(without_prefix(without_prefix(message, wheel), entry));
}

Error in_wheel(Error error, std::string_view wheel_file) {
  error.message = std::string(wheel_file) + ": " + error.message;
  error.wheel = wheel_file;
  return error;
}

} // namespace whlinst
