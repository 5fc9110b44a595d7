// Must not compile: the domain layer may not see storage (tests/CMakeLists.txt expects the
// compiler to say the header does not exist).
#include "storage/store.hpp"

int main() {
  return 0;
}
