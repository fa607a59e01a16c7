// Marker::evaluate (markers.h): PEP 508 "Environment Markers", the
// comparison rules.

#include "markers.h"
#include "project_name.h"
#include "specifier.h"
#include "text.h"
#include "version.h"

#include <algorithm>

namespace whlinst {

namespace {
using Kind = MarkerValue::Kind;

bool is_set_variable(const MarkerValue& value) {
  return value.kind == Kind::variable && (value.text == "extras" || value.text == "dependency_groups");
}

Result<std::string> value_of(const MarkerValue& value, const MarkerEnvironment& environment,
                             const std::string& marker_text) {
  if (value.kind == Kind::string)
    return value.text;
  if (value.text == "extra")
    return environment.extra;
  auto found = environment.variables.find(value.text);
  if (found == environment.variables.end())
    return make_error("marker '", marker_text, "': the target's ", value.text, " is unknown");
  return found->second;
}

Result<bool> compare_set(const MarkerNode& node, const MarkerEnvironment& environment,
                         const std::string& marker_text) {
  const MarkerValue& set = is_set_variable(node.right) ? node.right : node.left;
  const MarkerValue& item = is_set_variable(node.right) ? node.left : node.right;
  if (&set != &node.right || (node.op != MarkerOperator::in && node.op != MarkerOperator::not_in))
    return make_error("marker '", marker_text, "': ", set.text, " can only be used as 'STRING in ", set.text, "'");
  const auto& members = set.text == "extras" ? environment.extras : environment.dependency_groups;
  std::string key = normalize_project_name(item.text);
  bool found = std::any_of(members.begin(), members.end(),
                           [&](const std::string& member) { return normalize_project_name(member) == key; });
  return node.op == MarkerOperator::in ? found : !found;
}

std::optional<bool> compare_strings(const std::string& left, MarkerOperator op, const std::string& right) {
  switch (op) {
  case MarkerOperator::less: return left < right;
  case MarkerOperator::less_equal: return left <= right;
  case MarkerOperator::equal: return left == right;
  case MarkerOperator::not_equal: return left != right;
  case MarkerOperator::greater_equal: return left >= right;
  case MarkerOperator::greater: return left > right;
  case MarkerOperator::in: return right.find(left) != std::string::npos;
  case MarkerOperator::not_in: return right.find(left) == std::string::npos;
  case MarkerOperator::arbitrary: return to_lower(left) == to_lower(right);
  case MarkerOperator::compatible: return std::nullopt;
  }
  return std::nullopt;
}

// PEP 440 rules when the right side forms a specifier and the left side is
// a version; nullopt otherwise.
std::optional<bool> compare_versions(const std::string& left, MarkerOperator op, const std::string& right) {
  if (op == MarkerOperator::in || op == MarkerOperator::not_in || op == MarkerOperator::arbitrary)
    return std::nullopt;
  auto specifier = parse_specifier(std::string(marker_operator_spelling(op)) + right);
  auto version = parse_version(left);
  if (!specifier || !version)
    return std::nullopt;
  return specifier->contains(*version);
}

Result<bool> compare(const MarkerNode& node, const MarkerEnvironment& environment, const std::string& marker_text) {
  if (is_set_variable(node.left) || is_set_variable(node.right))
    return compare_set(node, environment, marker_text);
  TRY_ASSIGN(left, value_of(node.left, environment, marker_text));
  TRY_ASSIGN(right, value_of(node.right, environment, marker_text));
  bool names = (node.left.kind == Kind::variable && node.left.text == "extra") ||
               (node.right.kind == Kind::variable && node.right.text == "extra");
  if (names) {
    left = normalize_project_name(left);
    right = normalize_project_name(right);
  } else if (auto by_version = compare_versions(left, node.op, right)) {
    return *by_version;
  }
  if (auto by_string = compare_strings(left, node.op, right))
    return *by_string;
  return make_error("cannot compare '", left, "' ", std::string(marker_operator_spelling(node.op)), " '", right,
                    "' in marker '", marker_text, "'");
}

Result<bool> evaluate_node(const MarkerNode& node, const MarkerEnvironment& environment,
                           const std::string& marker_text) {
  if (node.kind == MarkerNode::Kind::compare)
    return compare(node, environment, marker_text);
  bool all = node.kind == MarkerNode::Kind::all_of;
  for (const MarkerNode& child : node.children) {
    TRY_ASSIGN(value, evaluate_node(child, environment, marker_text));
    if (value != all)
      return value;
  }
  return all;
}
} // namespace

Result<bool> Marker::evaluate(const MarkerEnvironment& environment) const {
  return evaluate_node(root_, environment, to_string());
}

} // namespace whlinst
