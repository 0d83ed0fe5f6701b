# ipclab_exercise_driver(TARGET EXERCISE IMPL_DIR [SANITIZE] [PROVIDED LIBRARY]
#                        [FILES IMPL_FILES...])
#
# Builds an exercise driver: the provided sources of exercises/EXERCISE/ with
# the implementation of its student files taken from IMPL_DIR. FILES names the
# student files (relative to IMPL_DIR); when omitted, every .cpp in IMPL_DIR.
# A provided .cpp with the name of a student file is replaced, never compiled.
#
# The provided sources come from LIBRARY when given (built once by
# ipclab_provided_library, or the kit's prebuilt copy imported by a grader
# workspace), else they are compiled for this driver alone. SANITIZE builds the
# driver with AddressSanitizer + UBSan (LIBRARY must be sanitized too).
#
# Used by the kit (reference drivers) and by the grader's workspaces (student
# drivers), so both are built the same way. Drivers may use Boost headers
# (Interprocess) and threads.
if(NOT DEFINED IPCLAB_COURSE_DIR)
  set(IPCLAB_COURSE_DIR ${CMAKE_SOURCE_DIR})
endif()

# ipclab_sanitize(TARGET)
#
# Builds TARGET with AddressSanitizer and UBSan. Undefined behaviour ends the
# program like a memory error does (no recovery), so a test sees one report
# and a dead driver instead of a wrong result that may pass.
function(ipclab_sanitize target)
  set(flags -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_compile_options(${target} PRIVATE ${flags})
  target_link_options(${target} PRIVATE ${flags})
endfunction()

# The compile settings of every part of a driver, provided or student code.
# -UNDEBUG: the kit's build type must not change a driver (a workspace has none).
function(ipclab_driver_settings target exercise_dir)
  target_link_libraries(${target} PRIVATE ipclab_common Boost::headers Threads::Threads)
  target_compile_options(${target} PRIVATE -g -O1 -fno-omit-frame-pointer -UNDEBUG)
  # Drivers are always grading builds: provided types may widen race windows.
  target_compile_definitions(${target} PRIVATE IPCLAB_GRADING_BUILD=1)
  # An exercise may add settings of its own (provided file, never a student's):
  # it sees ${target} and ${exercise_dir}.
  include(${exercise_dir}/exercise.cmake OPTIONAL)
endfunction()

# The provided .cpp files of EXERCISE (absolute): all but the student files.
function(ipclab_provided_sources out exercise)
  set(exercise_dir ${IPCLAB_COURSE_DIR}/exercises/${exercise})
  file(GLOB provided RELATIVE ${exercise_dir} CONFIGURE_DEPENDS ${exercise_dir}/*.cpp)
  if(ARGN)
    list(REMOVE_ITEM provided ${ARGN})
  endif()
  list(TRANSFORM provided PREPEND ${exercise_dir}/)
  set(${out} ${provided} PARENT_SCOPE)
endfunction()

# ipclab_provided_library(TARGET EXERCISE [SANITIZE] STUDENT_FILES...)
#
# The provided sources of EXERCISE as one static library, to be linked whole
# into its drivers. Provided code includes only provided headers (a student's
# folder holds .cpp files only), so one library serves every submission.
function(ipclab_provided_library target exercise)
  cmake_parse_arguments(arg "SANITIZE" "" "" ${ARGN})
  set(exercise_dir ${IPCLAB_COURSE_DIR}/exercises/${exercise})
  ipclab_provided_sources(provided ${exercise} ${arg_UNPARSED_ARGUMENTS})
  add_library(${target} STATIC ${provided})
  target_include_directories(${target} PRIVATE ${exercise_dir})
  ipclab_driver_settings(${target} ${exercise_dir})
  if(arg_SANITIZE)
    ipclab_sanitize(${target})
  endif()
endfunction()

function(ipclab_exercise_driver target exercise impl_dir)
  cmake_parse_arguments(arg "SANITIZE" "PROVIDED" "FILES" ${ARGN})
  set(exercise_dir ${IPCLAB_COURSE_DIR}/exercises/${exercise})
  set(impl_files ${arg_FILES})
  if(NOT impl_files)
    file(GLOB impl_files RELATIVE ${impl_dir} CONFIGURE_DEPENDS ${impl_dir}/*.cpp)
  endif()
  set(sources)
  foreach(file ${impl_files})
    if(file MATCHES "\\.(cpp|cc|cxx)$")
      list(APPEND sources ${impl_dir}/${file})
    endif()
  endforeach()
  set(provided ${arg_PROVIDED})
  if(NOT provided)
    set(provided ${target}_provided)
    set(sanitize)
    if(arg_SANITIZE)
      set(sanitize SANITIZE)
    endif()
    ipclab_provided_library(${provided} ${exercise} ${sanitize} ${impl_files})
    # Compiled for this driver alone: it may see a header of IMPL_DIR.
    target_include_directories(${provided} BEFORE PRIVATE ${impl_dir}/)
  endif()
  add_executable(${target} ${sources})
  # The student's folder first, so a student header replaces the stub's.
  target_include_directories(${target} PRIVATE ${impl_dir}/ ${exercise_dir})
  # Whole: a provided file nothing refers to by name (a static registration)
  # must still be linked, as when the sources were listed directly. First, so
  # the support library comes after the provided code that uses it.
  target_link_libraries(${target} PRIVATE "$<LINK_LIBRARY:WHOLE_ARCHIVE,${provided}>")
  ipclab_driver_settings(${target} ${exercise_dir})
  if(arg_SANITIZE)
    ipclab_sanitize(${target})
  endif()
endfunction()
