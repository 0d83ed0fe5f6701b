# The kit programs of a student release, prebuilt.
#
# A student release (`grader release`, docs/ci.md) carries no implementation
# of a student file: the reference drivers (the provided driver linked with
# the reference implementation) and the visible-only harnesses (whose helpers
# frame messages, read shared layouts and build pickles) reach the student as
# stripped programs in reference/bin/, with
#   reference/bin/SHA256SUMS  their digests, in `sha256sum` format;
#   reference/bin/kit.cmake   the platform they run on, the exercises and
#                             each exercise's student files.
# A configure of the release checks the platform and every digest, then
# copies the programs into the kit where the grader looks for them.
#
# The course side builds them: target ipclab_release_kit, into
# <build>/release-kit/. `grader release` builds it in a configure of its own
# with the workspace's flags (no build type), or takes one built (--kit).

set(IPCLAB_RELEASE_KIT_DIR ${CMAKE_SOURCE_DIR}/reference/bin)

# ipclab_course_exercises(OUT)
# The exercise ids: the folders of reference/ in the course, the list of
# reference/bin/kit.cmake in a release.
function(ipclab_course_exercises out)
  if(EXISTS ${IPCLAB_RELEASE_KIT_DIR}/kit.cmake)
    include(${IPCLAB_RELEASE_KIT_DIR}/kit.cmake)
    set(${out} ${IPCLAB_KIT_EXERCISES} PARENT_SCOPE)
    return()
  endif()
  file(GLOB dirs LIST_DIRECTORIES true ${CMAKE_SOURCE_DIR}/reference/*)
  set(exercises)
  foreach(dir ${dirs})
    if(IS_DIRECTORY ${dir})
      get_filename_component(name ${dir} NAME)
      list(APPEND exercises ${name})
    endif()
  endforeach()
  set(${out} ${exercises} PARENT_SCOPE)
endfunction()

# ipclab_check_kit_platform(PLATFORM SYSTEM PROCESSOR)
# Stops the configure with a message naming the supported platform when the
# programs (built for PLATFORM, "Linux x86_64") cannot run on SYSTEM PROCESSOR.
function(ipclab_check_kit_platform platform system processor)
  if("${system} ${processor}" STREQUAL "${platform}")
    return()
  endif()
  message(FATAL_ERROR
    "reference/bin/: the reference programs of this course are built for ${platform}, "
    "and this machine is ${system} ${processor}. Run the checks on a ${platform} machine "
    "(GitHub's ubuntu-24.04 runners are), or ask your instructor for a release built on "
    "your platform (docs/ci.md: a release built on an aarch64 machine, or with Debian's "
    "g++-aarch64-linux-gnu, carries aarch64 programs).")
endfunction()

# ipclab_verify_kit_program(DIR NAME)
# Stops the configure when DIR/NAME is missing or its SHA-256 is not the one
# DIR/SHA256SUMS records.
function(ipclab_verify_kit_program dir name)
  file(STRINGS ${dir}/SHA256SUMS lines REGEX "^[0-9a-f]+  ${name}$")
  if(NOT lines)
    message(FATAL_ERROR "reference/bin/SHA256SUMS: no digest for ${name}: restore "
      "reference/bin/ from the course release (git checkout -- reference/bin)")
  endif()
  string(REGEX REPLACE " .*" "" expected "${lines}")
  if(NOT EXISTS ${dir}/${name})
    message(FATAL_ERROR "reference/bin/${name} is missing: restore it from the course "
      "release (git checkout -- reference/bin)")
  endif()
  file(SHA256 ${dir}/${name} actual)
  if(NOT actual STREQUAL expected)
    message(FATAL_ERROR "reference/bin/${name}: its SHA-256 is ${actual}, not the ${expected} "
      "of reference/bin/SHA256SUMS: the program was changed or damaged; restore it from "
      "the course release (git checkout -- reference/bin)")
  endif()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${dir}/${name})
endfunction()

# ipclab_check_kit_runs(DIR NAME)
# Stops the configure when the harness DIR/NAME cannot start here (a C
# library or C++ runtime older than the one it was built with, a missing
# shared library): better now, with the loader's words, than as every test
# failing later.
function(ipclab_check_kit_runs dir name)
  execute_process(COMMAND ${dir}/${name} --gtest_list_tests
    RESULT_VARIABLE status OUTPUT_QUIET ERROR_VARIABLE errors TIMEOUT 60)
  if(NOT status EQUAL 0)
    string(STRIP "${errors}" errors)
    message(FATAL_ERROR "reference/bin/${name} does not run on this machine (${status}: "
      "${errors}). The programs need the C library and C++ runtime of the distribution the "
      "release was built on, or newer (docs/ci.md, Platforms): use that distribution or a "
      "newer one, or ask your instructor for a release built on the oldest one students use.")
  endif()
endfunction()

# ipclab_use_kit_program(TARGET DIR NAME)
# TARGET: a copy of the verified DIR/NAME in the kit, as the grader names it.
function(ipclab_use_kit_program target dir name)
  ipclab_verify_kit_program(${dir} ${name})
  set(copy ${IPCLAB_KIT_DIR}/${target})
  add_custom_command(OUTPUT ${copy}
    COMMAND ${CMAKE_COMMAND} -E copy ${dir}/${name} ${copy}
    COMMAND chmod 0755 ${copy}
    DEPENDS ${dir}/${name} ${dir}/SHA256SUMS
    COMMENT "Kit: ${target} (prebuilt, reference/bin/${name})")
  add_custom_target(${target} ALL DEPENDS ${copy})
  install(PROGRAMS ${copy} DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/ipclab)
endfunction()

# ipclab_use_release_kit(EXERCISES...)
# Release side: the reference driver and harness of each exercise from
# reference/bin/, after the platform and digest checks.
function(ipclab_use_release_kit)
  set(dir ${IPCLAB_RELEASE_KIT_DIR})
  include(${dir}/kit.cmake)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
    ${dir}/kit.cmake ${dir}/SHA256SUMS)
  ipclab_check_kit_platform("${IPCLAB_KIT_PLATFORM}" ${CMAKE_HOST_SYSTEM_NAME}
    ${CMAKE_HOST_SYSTEM_PROCESSOR})
  foreach(exercise ${ARGN})
    ipclab_use_kit_program(${exercise}_reference ${dir} ${exercise}_reference_driver)
    ipclab_use_kit_program(${exercise}_harness ${dir} ${exercise}_harness)
    ipclab_check_kit_runs(${dir} ${exercise}_harness)
  endforeach()
endfunction()

# ipclab_release_kit_program(OUT_LIST TARGET NAME)
# Course side: a stripped copy of TARGET as <build>/release-kit/NAME.
function(ipclab_release_kit_program out target name)
  set(file ${CMAKE_BINARY_DIR}/release-kit/${name})
  add_custom_command(OUTPUT ${file}
    COMMAND ${CMAKE_STRIP} --strip-all -o ${file} $<TARGET_FILE:${target}>
    DEPENDS ${target}
    COMMENT "Release kit: ${name} (stripped)")
  set(${out} ${${out}} ${file} PARENT_SCOPE)
endfunction()

# ipclab_add_release_kit(EXERCISES...)
# Course side: target ipclab_release_kit, the programs a release ships
# (<id>_reference_driver, <id>_harness built from the visible tests only) and
# release-kit/PLATFORM. Expects <id>_reference and <id>_visible_harness.
function(ipclab_add_release_kit)
  if(NOT CMAKE_STRIP)
    message(STATUS "No strip program: the release kit cannot be built")
    return()
  endif()
  set(files)
  foreach(exercise ${ARGN})
    ipclab_release_kit_program(files ${exercise}_reference ${exercise}_reference_driver)
    ipclab_release_kit_program(files ${exercise}_visible_harness ${exercise}_harness)
  endforeach()
  file(WRITE ${CMAKE_BINARY_DIR}/release-kit/PLATFORM
    "${CMAKE_SYSTEM_NAME} ${CMAKE_SYSTEM_PROCESSOR}\n")
  # With the tests: the end-to-end tests release the course with this kit.
  set(all)
  if(IPCLAB_BUILD_TESTS)
    set(all ALL)
  endif()
  add_custom_target(ipclab_release_kit ${all} DEPENDS ${files})
endfunction()
