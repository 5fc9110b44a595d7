#pragma once
// A Catch2 matcher for errors whose message names a value: CHECK_THROWS_MATCHES(expr,
// mgr::UsageError, WhatContains("2026-02-30")).
#include <catch2/catch.hpp>

#include <exception>
#include <string>

#include "domain/errors.hpp"

class WhatContains : public Catch::MatcherBase<std::exception> {
 public:
  explicit WhatContains(std::string part) : m_part(std::move(part)) {}
  bool match(const std::exception& error) const override {
    return std::string{error.what()}.find(m_part) != std::string::npos;
  }
  std::string describe() const override { return "what() contains \"" + m_part + "\""; }

 private:
  std::string m_part;
};

// The same for the hint line of mgr's own errors.
class HintContains : public Catch::MatcherBase<mgr::Error> {
 public:
  explicit HintContains(std::string part) : m_part(std::move(part)) {}
  bool match(const mgr::Error& error) const override {
    return error.hint().find(m_part) != std::string::npos;
  }
  std::string describe() const override { return "hint() contains \"" + m_part + "\""; }

 private:
  std::string m_part;
};
