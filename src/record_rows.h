#pragma once
// The rows of a RECORD being written and the characters they view: text
// that is held here whole (the wheel's digests, which installed files as
// they are reuse, and the archive's entry names, their paths in the
// library directory) and the few strings made for them (paths outside
// the library directory, digests of rewritten or generated files). Copies
// share what they hold, so copies and moves keep every view valid.

#include "record.h"

#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace whlinst {

struct RecordRows {
  std::vector<RecordRow> rows;

  // Holds `owner` (text, or what holds text) as long as these rows: rows
  // may view it.
  void hold(std::shared_ptr<const void> owner) { held_.push_back(std::move(owner)); }
  // `text`, held as long as these rows.
  std::string_view keep(std::string text) {
    if (!kept_)
      kept_ = std::make_shared<std::deque<std::string>>();
    return kept_->emplace_back(std::move(text));
  }

private:
  std::vector<std::shared_ptr<const void>> held_;
  std::shared_ptr<std::deque<std::string>> kept_; // a deque never moves its elements
};

} // namespace whlinst
