# The layers of src/ and what each may include (ARCHITECTURE.md says why):
#   util     std and POSIX only
#   domain   util + date
#   storage  domain + util + SQLiteCpp
#   mail     domain + util + libcurl
#   cli      every layer above + CLI11, fmt, nlohmann-json, toml++
# Each layer compiles against its own include root under the build tree: a folder of links to
# the source folders of the layers it may use and nothing else. `#include "storage/store.hpp"`
# in src/domain therefore fails to compile, and tests/layers proves it does.
set(MGR_LAYER_DEPENDS_util "")
set(MGR_LAYER_DEPENDS_domain util)
set(MGR_LAYER_DEPENDS_storage domain util)
set(MGR_LAYER_DEPENDS_mail domain util)
set(MGR_LAYER_DEPENDS_cli storage mail domain util)

function(mgr_layer_root layer out_var)
  set(root ${CMAKE_BINARY_DIR}/layers/${layer})
  foreach(visible ${layer} ${MGR_LAYER_DEPENDS_${layer}})
    if(NOT EXISTS ${root}/${visible})
      file(MAKE_DIRECTORY ${root})
      file(CREATE_LINK ${CMAKE_SOURCE_DIR}/src/${visible} ${root}/${visible} SYMBOLIC)
    endif()
  endforeach()
  set(${out_var} ${root} PARENT_SCOPE)
endfunction()

# Compiles `target` against the include root of `layer`.
function(mgr_use_layer_root target layer)
  mgr_layer_root(${layer} root)
  target_include_directories(${target} PRIVATE ${root})
endfunction()

# mgr_<layer>: a static library of src/<layer>/*.cpp.
function(mgr_add_layer layer)
  cmake_parse_arguments(ARG "" "" "EXTRA_SOURCES" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/${layer}/*.cpp)
  add_library(mgr_${layer} STATIC ${sources} ${ARG_EXTRA_SOURCES})
  mgr_use_layer_root(mgr_${layer} ${layer})
  target_link_libraries(mgr_${layer} PRIVATE mgr_warnings)
endfunction()
