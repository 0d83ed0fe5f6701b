# FindLibClang: libclang's C API (clang-c/Index.h), for `grader selftest
# --mutants`, which parses the model answers to make mutants. Debian and
# Ubuntu ship it as libclang-dev, under /usr/lib/llvm-<version>/.
#
# Defines LibClang_FOUND and the imported target LibClang::LibClang.

file(GLOB _libclang_roots /usr/lib/llvm-*)
list(SORT _libclang_roots COMPARE NATURAL ORDER DESCENDING)  # the newest first
set(_libclang_includes)
set(_libclang_libs)
foreach(root ${_libclang_roots})
  list(APPEND _libclang_includes ${root}/include)
  list(APPEND _libclang_libs ${root}/lib)
endforeach()

find_path(LibClang_INCLUDE_DIR clang-c/Index.h PATHS ${_libclang_includes})
find_library(LibClang_LIBRARY NAMES clang libclang PATHS ${_libclang_libs})

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(LibClang REQUIRED_VARS LibClang_LIBRARY LibClang_INCLUDE_DIR)

if(LibClang_FOUND AND NOT TARGET LibClang::LibClang)
  add_library(LibClang::LibClang UNKNOWN IMPORTED)
  set_target_properties(LibClang::LibClang PROPERTIES
    IMPORTED_LOCATION ${LibClang_LIBRARY}
    INTERFACE_INCLUDE_DIRECTORIES ${LibClang_INCLUDE_DIR})
endif()
mark_as_advanced(LibClang_INCLUDE_DIR LibClang_LIBRARY)
