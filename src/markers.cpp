#include "markers.h"

#include "text.h"

#include <algorithm>
#include <array>

namespace whlinst {

namespace {
constexpr size_t kMaxDepth = 64;

struct VariableName {
  std::string_view spelled;
  std::string_view canonical;
};

constexpr std::array<VariableName, 20> kVariables{{
    {"python_version", "python_version"},
    {"python_full_version", "python_full_version"},
    {"os_name", "os_name"},
    {"sys_platform", "sys_platform"},
    {"platform_release", "platform_release"},
    {"platform_system", "platform_system"},
    {"platform_version", "platform_version"},
    {"platform_machine", "platform_machine"},
    {"platform_python_implementation", "platform_python_implementation"},
    {"implementation_name", "implementation_name"},
    {"implementation_version", "implementation_version"},
    {"extra", "extra"},
    {"extras", "extras"},
    {"dependency_groups", "dependency_groups"},
    {"os.name", "os_name"},
    {"sys.platform", "sys_platform"},
    {"platform.version", "platform_version"},
    {"platform.machine", "platform_machine"},
    {"platform.python_implementation", "platform_python_implementation"},
    {"python_implementation", "platform_python_implementation"},
}};

struct OperatorName {
  std::string_view spelled;
  MarkerOperator op;
};

// Longest spellings first, so that "===" is not read as "==".
constexpr std::array<OperatorName, 8> kOperators{{
    {"===", MarkerOperator::arbitrary},
    {"==", MarkerOperator::equal},
    {"!=", MarkerOperator::not_equal},
    {"<=", MarkerOperator::less_equal},
    {">=", MarkerOperator::greater_equal},
    {"~=", MarkerOperator::compatible},
    {"<", MarkerOperator::less},
    {">", MarkerOperator::greater},
}};

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
}

std::optional<std::string_view> canonical_variable(std::string_view name) {
  for (const VariableName& variable : kVariables)
    if (variable.spelled == name)
      return variable.canonical;
  return std::nullopt;
}

class Parser {
public:
  explicit Parser(std::string_view text) : text_(text) {}

  Result<MarkerNode> parse() {
    TRY_ASSIGN(node, parse_or());
    skip_space();
    if (pos_ != text_.size())
      return fail("expected 'and', 'or' or the end");
    return node;
  }

private:
  std::string_view text_;
  size_t pos_ = 0;
  size_t depth_ = 0;

  Error fail(std::string_view what) const {
    return make_error("invalid marker '", std::string(text_), "': ", std::string(what), " at column ",
                      std::to_string(pos_ + 1));
  }
  void skip_space() {
    while (pos_ < text_.size() && is_ascii_space(text_[pos_]))
      ++pos_;
  }
  bool accept(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word)
      return false;
    pos_ += word.size();
    return true;
  }
  // A keyword not followed by a name character.
  bool accept_keyword(std::string_view word) {
    size_t end = pos_ + word.size();
    if (text_.substr(pos_, word.size()) != word || (end < text_.size() && is_name_char(text_[end])))
      return false;
    pos_ = end;
    return true;
  }

  static void add_child(MarkerNode& parent, MarkerNode child) {
    if (child.kind == parent.kind)
      for (MarkerNode& grandchild : child.children)
        parent.children.push_back(std::move(grandchild));
    else
      parent.children.push_back(std::move(child));
  }

  template <typename ParseOperand>
  Result<MarkerNode> parse_chain(MarkerNode::Kind kind, std::string_view keyword, ParseOperand operand) {
    TRY_ASSIGN(first, (this->*operand)());
    MarkerNode chain;
    chain.kind = kind;
    add_child(chain, std::move(first));
    for (;;) {
      size_t before = pos_;
      skip_space();
      if (!accept_keyword(keyword)) {
        pos_ = before;
        break;
      }
      TRY_ASSIGN(next, (this->*operand)());
      add_child(chain, std::move(next));
    }
    if (chain.children.size() == 1)
      return std::move(chain.children.front());
    return chain;
  }

  Result<MarkerNode> parse_or() { return parse_chain(MarkerNode::Kind::any_of, "or", &Parser::parse_and); }
  Result<MarkerNode> parse_and() { return parse_chain(MarkerNode::Kind::all_of, "and", &Parser::parse_expression); }

  Result<MarkerNode> parse_expression() {
    skip_space();
    if (accept("(")) {
      if (++depth_ > kMaxDepth)
        return fail("parentheses nested too deep");
      TRY_ASSIGN(inner, parse_or());
      skip_space();
      if (!accept(")"))
        return fail("expected ')'");
      --depth_;
      return inner;
    }
    MarkerNode node;
    TRY_ASSIGN(left, parse_value());
    TRY_ASSIGN(op, parse_operator());
    TRY_ASSIGN(right, parse_value());
    if (left.kind == right.kind)
      return fail(left.kind == MarkerValue::Kind::string ? "two strings compared" : "two variables compared");
    node.left = std::move(left);
    node.op = op;
    node.right = std::move(right);
    return node;
  }

  Result<MarkerValue> parse_value() {
    skip_space();
    if (pos_ < text_.size() && (text_[pos_] == '"' || text_[pos_] == '\'')) {
      char quote = text_[pos_];
      size_t end = text_.find(quote, pos_ + 1);
      if (end == std::string_view::npos)
        return fail("unterminated string");
      MarkerValue value{MarkerValue::Kind::string, std::string(text_.substr(pos_ + 1, end - pos_ - 1))};
      pos_ = end + 1;
      return value;
    }
    size_t start = pos_;
    while (pos_ < text_.size() && is_name_char(text_[pos_]))
      ++pos_;
    std::string_view name = text_.substr(start, pos_ - start);
    auto canonical = canonical_variable(name);
    if (!canonical) {
      pos_ = start;
      return fail(name.empty() ? "expected a variable or a quoted string"
                               : "unknown variable '" + std::string(name) + "'");
    }
    return MarkerValue{MarkerValue::Kind::variable, std::string(*canonical)};
  }

  Result<MarkerOperator> parse_operator() {
    skip_space();
    for (const OperatorName& name : kOperators)
      if (accept(name.spelled))
        return name.op;
    if (accept_keyword("in"))
      return MarkerOperator::in;
    size_t before = pos_;
    if (accept_keyword("not")) {
      size_t after_not = pos_;
      skip_space();
      if (pos_ > after_not && accept_keyword("in"))
        return MarkerOperator::not_in;
      pos_ = before;
    }
    return fail("expected a comparison operator");
  }
};

std::string_view operator_spelling(MarkerOperator op) {
  if (op == MarkerOperator::in)
    return "in";
  if (op == MarkerOperator::not_in)
    return "not in";
  for (const OperatorName& name : kOperators)
    if (name.op == op)
      return name.spelled;
  return "?";
}

std::string value_text(const MarkerValue& value) {
  if (value.kind == MarkerValue::Kind::variable)
    return value.text;
  char quote = value.text.find('"') == std::string::npos ? '"' : '\'';
  return quote + value.text + quote;
}

std::string node_text(const MarkerNode& node, MarkerNode::Kind parent) {
  if (node.kind == MarkerNode::Kind::compare)
    return value_text(node.left) + " " + std::string(operator_spelling(node.op)) + " " + value_text(node.right);
  std::string text;
  for (const MarkerNode& child : node.children) {
    if (!text.empty())
      text += node.kind == MarkerNode::Kind::all_of ? " and " : " or ";
    text += node_text(child, node.kind);
  }
  bool needs_parentheses = parent == MarkerNode::Kind::all_of && node.kind == MarkerNode::Kind::any_of;
  return needs_parentheses ? "(" + text + ")" : text;
}
} // namespace

std::string_view marker_operator_spelling(MarkerOperator op) { return operator_spelling(op); }

bool is_marker_variable(std::string_view text) { return canonical_variable(text).has_value(); }

Result<Marker> Marker::parse(std::string_view text) {
  Parser parser(text);
  TRY_ASSIGN(root, parser.parse());
  Marker marker;
  marker.root_ = std::move(root);
  return marker;
}

std::string Marker::to_string() const { return node_text(root_, MarkerNode::Kind::compare); }

} // namespace whlinst
