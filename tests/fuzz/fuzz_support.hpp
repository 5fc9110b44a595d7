#pragma once
// Shared by the libFuzzer targets: a property that does not hold stops the run with the input
// that broke it (libFuzzer saves it as a crash-* file).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace fuzz {

inline void require(bool holds, const char* property, std::string_view input) {
  if (holds) return;
  std::fprintf(stderr, "property does not hold: %s\ninput: '%.*s'\n", property,
               static_cast<int>(input.size()), input.data());
  std::abort();
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace fuzz
