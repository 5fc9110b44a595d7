#pragma once
// A Catch2 matcher for errors whose message names a value: CHECK_THROWS_MATCHES(expr,
// mgr::UsageError, WhatContains("2026-02-30")).
#include <catch2/catch.hpp>

#include <exception>
#include <string>

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
