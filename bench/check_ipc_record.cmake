# Checks a bench-ipc JSON record (ipclab.bench-ipc/1): every row and goal the
# documentation reads is there, in every placement, with one figure per round.
# Not how fast: that is for people (docs/performance.md).
#
#   cmake -DRECORD=bench-ipc-quick.json -DROUNDS=1 -P check_ipc_record.cmake
#
# Rows are looked up by id and goals by their subject and baseline ids, not by
# their prose, so rewording a label does not break the check but dropping a row
# or moving a goal to another row does.
cmake_minimum_required(VERSION 3.25)

if(NOT DEFINED RECORD OR NOT DEFINED ROUNDS)
  message(FATAL_ERROR "usage: cmake -DRECORD=<file> -DROUNDS=<n> -P check_ipc_record.cmake")
endif()

# The rows the goals compare, and the 8-byte rows kept beside the 64-byte ones.
set(required_results
  queue64.reference.throughput queue64.reference.rtt message_queue.raw.throughput
  message_queue.raw.rtt queue.reference.throughput queue.reference.rtt
  message_queue8.raw.throughput pipe.connection.throughput pipe.raw.throughput
  pipe.connection.rtt pipe.raw.rtt)
# subject:baseline. The Queue goal is on 64-byte records, not 8-byte items.
set(required_goals
  queue64.reference.throughput:message_queue.raw.throughput
  pipe.connection.throughput:pipe.raw.throughput
  pipe.connection.rtt:pipe.raw.rtt)
set(placements "same CPU" "different CPUs" "unpinned")

file(READ "${RECORD}" json)
string(JSON schema ERROR_VARIABLE error GET "${json}" schema)
if(error OR NOT schema STREQUAL "ipclab.bench-ipc/1")
  message(FATAL_ERROR "${RECORD}: schema is '${schema}', expected ipclab.bench-ipc/1 ${error}")
endif()

# Fails unless `member` of entry `index` of `array` holds ROUNDS numbers > 0
# (a zero slowdown or figure would mean nothing was measured).
function(require_rounds array index member what)
  string(JSON count LENGTH "${json}" ${array} ${index} ${member})
  if(NOT count EQUAL ROUNDS)
    message(FATAL_ERROR "${what}: ${count} ${member}, expected one per round (${ROUNDS})")
  endif()
  math(EXPR last "${count} - 1")
  foreach(i RANGE ${last})
    string(JSON value GET "${json}" ${array} ${index} ${member} ${i})
    if(NOT value GREATER 0)
      message(FATAL_ERROR "${what}: ${member}[${i}] is ${value}")
    endif()
  endforeach()
endfunction()

# Sets `out` to the index of the entry of `array` whose members match, or -1.
# `pairs` is a list of member=value.
function(find_entry array out)
  string(JSON count LENGTH "${json}" ${array})
  set(found -1)
  if(count GREATER 0)
    math(EXPR last "${count} - 1")
    foreach(i RANGE ${last})
      set(all_match TRUE)
      foreach(pair IN LISTS ARGN)
        string(REGEX MATCH "^([^=]*)=(.*)$" _ "${pair}")
        string(JSON value GET "${json}" ${array} ${i} ${CMAKE_MATCH_1})
        if(NOT value STREQUAL CMAKE_MATCH_2)
          set(all_match FALSE)
          break()
        endif()
      endforeach()
      if(all_match)
        set(found ${i})
        break()
      endif()
    endforeach()
  endif()
  set(${out} ${found} PARENT_SCOPE)
endfunction()

foreach(where IN LISTS placements)
  foreach(id IN LISTS required_results)
    find_entry(results index "id=${id}" "placement=${where}")
    if(index EQUAL -1)
      message(FATAL_ERROR "${RECORD}: no result '${id}' (${where})")
    endif()
    require_rounds(results ${index} values "result '${id}' (${where})")
  endforeach()
  foreach(goal IN LISTS required_goals)
    string(REPLACE ":" ";" ids "${goal}")
    list(GET ids 0 subject)
    list(GET ids 1 baseline)
    find_entry(goals index "subject=${subject}" "baseline=${baseline}" "placement=${where}")
    if(index EQUAL -1)
      message(FATAL_ERROR "${RECORD}: no goal ${subject} vs ${baseline} (${where})")
    endif()
    require_rounds(goals ${index} slowdowns "goal ${subject} vs ${baseline} (${where})")
  endforeach()
endforeach()

string(JSON goal_count LENGTH "${json}" goals)
list(LENGTH placements placement_count)
list(LENGTH required_goals required_count)
math(EXPR expected "${placement_count} * ${required_count}")
if(NOT goal_count EQUAL expected)
  # A goal the check does not know about: add it to required_goals and the docs.
  message(FATAL_ERROR "${RECORD}: ${goal_count} goals, expected ${expected}")
endif()
message(STATUS "${RECORD}: every required row and goal is there")
