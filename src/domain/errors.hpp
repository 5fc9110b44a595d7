#pragma once
#include <stdexcept>
#include <string>

namespace mgr {

// The documented exit codes; every failure inside mgr is one of the typed errors below and is
// mapped to its code in exactly one place (main).
enum class ExitCode : int { ok = 0, failure = 1, usage = 2, temporary = 75 };

class Error : public std::runtime_error {
 public:
  Error(ExitCode code, const std::string& what, std::string hint = {})
      : std::runtime_error(what), m_code(code), m_hint(std::move(hint)) {}
  ExitCode code() const { return m_code; }
  const std::string& hint() const { return m_hint; }

 private:
  ExitCode m_code;
  std::string m_hint;
};

// Bad input from the user: a value that does not parse, an unknown handle or id (exit 2).
class UsageError : public Error {
 public:
  explicit UsageError(const std::string& what, std::string hint = {})
      : Error(ExitCode::usage, what, std::move(hint)) {}
};

// A permanent failure: I/O, a corrupt or foreign database (exit 1).
class Failure : public Error {
 public:
  explicit Failure(const std::string& what, std::string hint = {})
      : Error(ExitCode::failure, what, std::move(hint)) {}
};

// Worth retrying later: the database stayed locked, the mail server was unreachable (exit 75).
class TemporaryFailure : public Error {
 public:
  explicit TemporaryFailure(const std::string& what, std::string hint = {})
      : Error(ExitCode::temporary, what, std::move(hint)) {}
};

}  // namespace mgr
