#pragma once
// Result<T>: the value of an operation that can fail in an expected way (bad
// wheel, hash mismatch, I/O error, lock). Exceptions are reserved for bugs.

#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace whlinst {

// What went wrong, as one human-readable line without the "whlinst: error:"
// prefix, e.g. "pkg-1.0-py3-none-any.whl: pkg/a.py: hash mismatch", and,
// when known, which wheel and which archive entry it is about, so that a
// report can name them without parsing the line (the line then starts with
// "WHEEL: ENTRY: "; what() is the rest).
struct Error {
  Error() = default;
  explicit Error(std::string text) : message(std::move(text)) {}

  std::string message;
  std::string wheel; // the wheel's file name, or ""
  std::string entry; // the archive entry's name, or ""
  int system_error = 0; // the errno of the failed system call (errno_error), or 0

  std::string what() const;
};

template <typename T> class [[nodiscard]] Result {
public:
  Result(T value) : state_(std::move(value)) {}
  Result(Error error) : state_(std::move(error)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { return std::get<1>(state_); }
  Error&& take_error() { return std::get<1>(std::move(state_)); }

private:
  std::variant<T, Error> state_;
};

struct Ok {};

template <> class [[nodiscard]] Result<void> {
public:
  Result() = default;
  Result(Ok) {}
  Result(Error error) : error_(std::move(error)), failed_(true) {}

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return error_; }
  Error&& take_error() { return std::move(error_); }

private:
  Error error_;
  bool failed_ = false;
};

using Status = Result<void>;

// Makes an Error from message parts.
template <typename... Parts> Error make_error(Parts&&... parts) {
  std::string message;
  (message.append(std::forward<Parts>(parts)), ...);
  return Error{std::move(message)};
}

// An error about the archive entry `entry`: "ENTRY: " and the parts.
template <typename... Parts> Error entry_error(std::string_view entry, Parts&&... parts) {
  Error error = make_error(entry, ": ", std::forward<Parts>(parts)...);
  error.entry = entry;
  return error;
}

// `error` as an error about the wheel `wheel_file`: its line prefixed by
// "WHEEL: ".
Error in_wheel(Error error, std::string_view wheel_file);

} // namespace whlinst

// TRY(expr): evaluates a Status; returns its error from the enclosing function.
#define WHLINST_CONCAT_(a, b) a##b
#define WHLINST_CONCAT(a, b) WHLINST_CONCAT_(a, b)
#define TRY(expr)                                                              \
  do {                                                                         \
    auto WHLINST_CONCAT(try_result_, __LINE__) = (expr);                       \
    if (!WHLINST_CONCAT(try_result_, __LINE__))                                \
      return WHLINST_CONCAT(try_result_, __LINE__).take_error();               \
  } while (false)

// TRY_ASSIGN(var, expr): evaluates a Result<T>; on success moves the value
// into the new variable `var`, otherwise returns the error.
#define TRY_ASSIGN(var, expr)                                                  \
  auto WHLINST_CONCAT(try_result_, __LINE__) = (expr);                         \
  if (!WHLINST_CONCAT(try_result_, __LINE__))                                  \
    return WHLINST_CONCAT(try_result_, __LINE__).take_error();                 \
  auto var = std::move(WHLINST_CONCAT(try_result_, __LINE__)).value()
