# Trusted build products shared by every grader workspace.
#
# The provided sources of an exercise (its driver, base classes, the support
# library) are the same for every submission: the kit compiles them once
# (<id>_provided, <id>_provided_asan, ipclab_common) into <kit>/prebuilt/, and
# a workspace links them instead of compiling them again. Students' builds
# only read them (the build sandbox mounts the kit read-only), so a submission
# cannot change what the next one links.
#
# A workspace uses an exercise's prebuilt library only when the digest the kit
# recorded equals the digest of the course it builds: the provided files, the
# support library, this build's rules, the compiler and the student file list.
# Any difference (another course, an edited provided file, another compiler)
# and the workspace compiles the provided sources itself, as before.

set(IPCLAB_PREBUILT_FORMAT 1)

# Every file whose change changes the provided code of EXERCISE (absolute).
function(ipclab_provided_inputs out exercise)
  set(course ${IPCLAB_COURSE_DIR})
  file(GLOB_RECURSE common CONFIGURE_DEPENDS ${course}/exercises/common/*)
  file(GLOB own LIST_DIRECTORIES false CONFIGURE_DEPENDS ${course}/exercises/${exercise}/*)
  # The statements, in every language (README.md, README.es.md), are not code.
  list(FILTER own EXCLUDE REGEX "/README(\\.[A-Za-z_]+)?\\.md$")
  foreach(file ${ARGN})
    list(REMOVE_ITEM own ${course}/exercises/${exercise}/${file})
  endforeach()
  set(inputs)
  # Normal form: a course dir given as "dir/" would name a file twice ("dir//x"
  # and "dir/x"), and Ninja refuses two rules for one configure dependency.
  foreach(input ${common} ${own} ${course}/cmake/IpcLabExercise.cmake)
    cmake_path(NORMAL_PATH input)
    list(APPEND inputs ${input})
  endforeach()
  list(SORT inputs)
  set(${out} ${inputs} PARENT_SCOPE)
endfunction()

# ipclab_provided_digest(OUT EXERCISE STUDENT_FILES...)
# The digest of what the provided library of EXERCISE is built from. Editing
# any of its inputs reconfigures the project that asked, so it is recomputed.
function(ipclab_provided_digest out exercise)
  ipclab_provided_inputs(inputs ${exercise} ${ARGN})
  set(base ${IPCLAB_COURSE_DIR})
  cmake_path(NORMAL_PATH base)
  set(text "format ${IPCLAB_PREBUILT_FORMAT}\n")
  string(APPEND text "compiler ${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER_VERSION}\n")
  set(student_files ${ARGN})
  list(SORT student_files)
  string(APPEND text "student files ${student_files}\n")
  foreach(input ${inputs})
    file(SHA256 ${input} hash)
    cmake_path(RELATIVE_PATH input BASE_DIRECTORY ${base} OUTPUT_VARIABLE name)
    string(APPEND text "${hash} ${name}\n")
  endforeach()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${inputs})
  string(SHA256 digest "${text}")
  set(${out} ${digest} PARENT_SCOPE)
endfunction()

# True when a student file list can share provided code: .cpp files only (a
# student header would change what the provided sources compile to).
function(ipclab_sources_only out)
  set(result TRUE)
  foreach(file ${ARGN})
    if(NOT file MATCHES "\\.(cpp|cc|cxx)$")
      set(result FALSE)
    endif()
  endforeach()
  set(${out} ${result} PARENT_SCOPE)
endfunction()

# ipclab_export_prebuilt(DIR EXERCISES...)
# Kit side: places ipclab_common and each <id>_provided[_asan] in DIR, and
# writes DIR/provided.cmake (their digests) once they are built. Expects
# IPCLAB_<id>_STUDENT_FILES for every exercise.
function(ipclab_export_prebuilt dir)
  set(text "# Written by the kit build: its prebuilt provided code (see IpcLabPrebuilt.cmake).\n")
  string(APPEND text "set(IPCLAB_PREBUILT_FORMAT_FOUND ${IPCLAB_PREBUILT_FORMAT})\n")
  set(libraries ipclab_common)
  foreach(exercise ${ARGN})
    ipclab_provided_digest(digest ${exercise} ${IPCLAB_${exercise}_STUDENT_FILES})
    string(APPEND text "set(IPCLAB_PREBUILT_${exercise} ${digest})\n")
    list(APPEND libraries ${exercise}_provided ${exercise}_provided_asan)
  endforeach()
  set_target_properties(${libraries} PROPERTIES ARCHIVE_OUTPUT_DIRECTORY ${dir})
  set(staged ${CMAKE_CURRENT_BINARY_DIR}/provided.cmake)
  file(GENERATE OUTPUT ${staged} CONTENT "${text}")
  # Only after the libraries: a failed build leaves the previous digests,
  # which then no longer match the sources, so workspaces compile their own.
  add_custom_command(OUTPUT ${dir}/provided.cmake
    COMMAND ${CMAKE_COMMAND} -E copy ${staged} ${dir}/provided.cmake
    DEPENDS ${staged} ${libraries}
    COMMENT "Recording the kit's prebuilt provided code")
  add_custom_target(ipclab_prebuilt ALL DEPENDS ${dir}/provided.cmake)
  install(DIRECTORY ${dir}/ DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/ipclab/prebuilt)
endfunction()

# ipclab_import_prebuilt(DIR EXERCISES...)
# Workspace side: for each exercise whose digest matches, imports
# <id>_provided and <id>_provided_asan from DIR and sets
# IPCLAB_<id>_PREBUILT to TRUE in the caller; imports ipclab_common when any
# matches. Expects IPCLAB_<id>_FILES for every exercise.
macro(ipclab_import_prebuilt dir)
  if(NOT "${dir}" STREQUAL "" AND EXISTS ${dir}/provided.cmake)
    include(${dir}/provided.cmake)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${dir}/provided.cmake)
  endif()
  foreach(exercise ${ARGN})
    set(IPCLAB_${exercise}_PREBUILT FALSE)
    ipclab_sources_only(shareable ${IPCLAB_${exercise}_FILES})
    if(shareable AND IPCLAB_PREBUILT_FORMAT_FOUND STREQUAL IPCLAB_PREBUILT_FORMAT
       AND DEFINED IPCLAB_PREBUILT_${exercise})
      ipclab_provided_digest(digest ${exercise} ${IPCLAB_${exercise}_FILES})
      if(digest STREQUAL IPCLAB_PREBUILT_${exercise})
        set(IPCLAB_${exercise}_PREBUILT TRUE)
        ipclab_import_provided(${dir} ${exercise})
      endif()
    endif()
  endforeach()
endmacro()

function(ipclab_import_provided dir exercise)
  if(NOT TARGET ipclab_common)
    add_library(ipclab_common STATIC IMPORTED GLOBAL)
    set_target_properties(ipclab_common PROPERTIES
      IMPORTED_LOCATION ${dir}/libipclab_common.a
      INTERFACE_INCLUDE_DIRECTORIES ${IPCLAB_COURSE_DIR}/exercises/common/include
      INTERFACE_LINK_LIBRARIES Threads::Threads)
  endif()
  foreach(variant provided provided_asan)
    add_library(${exercise}_${variant} STATIC IMPORTED GLOBAL)
    set_target_properties(${exercise}_${variant} PROPERTIES
      IMPORTED_LOCATION ${dir}/lib${exercise}_${variant}.a
      INTERFACE_LINK_LIBRARIES "ipclab_common;Boost::headers;Threads::Threads")
  endforeach()
  message(STATUS "${exercise}: provided code from the kit (${dir})")
endfunction()
