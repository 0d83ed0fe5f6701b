# Shared compile settings for every target of the project.
# Boost and other dependencies come in through imported targets, so their
# headers are system headers and do not trip -Wall -Wextra.

add_library(ipclab_warnings INTERFACE)
# Designated initializers that leave fields to their defaults are intended:
# GCC 12 warns about them under -Wextra, later releases do not.
target_compile_options(ipclab_warnings INTERFACE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)

# ipclab_add_kit_executable(NAME SOURCES...)
# An executable the grader runs (reference driver, harness): placed in the kit.
function(ipclab_kit_output target)
  set_target_properties(${target} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${IPCLAB_KIT_DIR})
  install(TARGETS ${target} RUNTIME DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/ipclab)
endfunction()
