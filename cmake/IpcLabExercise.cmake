# ipclab_exercise_driver(TARGET EXERCISE IMPL_DIR [IMPL_FILES...])
#
# Builds an exercise driver: the provided sources of exercises/EXERCISE/ with
# the implementation of its student files taken from IMPL_DIR. IMPL_FILES names
# the student files (relative to IMPL_DIR); when omitted, every .cpp in IMPL_DIR.
# A provided .cpp with the name of a student file is replaced, never compiled.
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

function(ipclab_exercise_driver target exercise impl_dir)
  set(exercise_dir ${IPCLAB_COURSE_DIR}/exercises/${exercise})
  set(impl_files ${ARGN})
  if(NOT impl_files)
    file(GLOB impl_files RELATIVE ${impl_dir} CONFIGURE_DEPENDS ${impl_dir}/*.cpp)
  endif()
  file(GLOB provided RELATIVE ${exercise_dir} CONFIGURE_DEPENDS ${exercise_dir}/*.cpp)
  list(REMOVE_ITEM provided ${impl_files})
  list(TRANSFORM provided PREPEND ${exercise_dir}/)
  set(sources)
  foreach(file ${impl_files})
    if(file MATCHES "\\.(cpp|cc|cxx)$")
      list(APPEND sources ${impl_dir}/${file})
    endif()
  endforeach()
  add_executable(${target} ${provided} ${sources})
  # The student's folder first, so a student header replaces the stub's.
  target_include_directories(${target} PRIVATE ${impl_dir}/ ${exercise_dir})
  target_link_libraries(${target} PRIVATE ipclab_common Boost::headers Threads::Threads)
  target_compile_options(${target} PRIVATE -g -O1 -fno-omit-frame-pointer)
  # Drivers are always grading builds: provided types may widen race windows.
  target_compile_definitions(${target} PRIVATE IPCLAB_GRADING_BUILD=1)
  # An exercise may add settings of its own (provided file, never a student's):
  # it sees ${target} and ${exercise_dir}.
  include(${exercise_dir}/exercise.cmake OPTIONAL)
endfunction()
