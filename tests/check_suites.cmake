# Fails when a doctest program's test cases and its ctest entries differ: a suite no entry
# runs, a test case outside every registered suite (doctest lists no suite for a case
# outside any TEST_SUITE), or an entry whose suite holds no test case. Run by ctest, not
# at build time, so that a cross build runs the program under its emulator.
# usage: cmake -DPROGRAM=path -DSUITES=a,b,c [-DEMULATOR=qemu-aarch64,-L,/usr/...] -P check_suites.cmake
# (lists with commas: ctest would split an argument with semicolons)
cmake_minimum_required(VERSION 3.25)
string(REPLACE "," ";" registered "${SUITES}")
string(REPLACE "," ";" emulator "${EMULATOR}")

# list_of(RESULT OPTION...): the lines doctest prints between its two lines of "=" when
# PROGRAM is run with OPTIONs (a query: nothing is run), as they are: a test case's name
# may hold a semicolon.
function(list_of result)
  execute_process(COMMAND ${emulator} ${PROGRAM} ${ARGN} --no-colors=true OUTPUT_VARIABLE output RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${PROGRAM} ${ARGN}: exit status ${status}")
  endif()
  if(NOT output MATCHES "\n=+\n(.*\n)?=+\n")
    message(FATAL_ERROR "${PROGRAM} ${ARGN}: no list in:\n${output}")
  endif()
  string(REGEX REPLACE "^\n=+\n" "" body "${CMAKE_MATCH_0}")
  string(REGEX REPLACE "=+\n$" "" body "${body}")
  string(REGEX REPLACE "\n$" "" body "${body}")
  set(${result} "${body}" PARENT_SCOPE)
endfunction()

set(problems "")
list_of(listed --list-test-suites)
string(REPLACE "\n" ";" suites "${listed}")
foreach(suite IN LISTS suites)
  if(NOT suite IN_LIST registered)
    string(APPEND problems "\n  suite '${suite}' has no ctest entry: add it to the program's list in tests/CMakeLists.txt")
  endif()
endforeach()
foreach(suite IN LISTS registered)
  if(NOT suite IN_LIST suites)
    string(APPEND problems "\n  ctest entry '${suite}' runs no test case: the program has no such suite")
  endif()
endforeach()
list_of(unrun --list-test-cases --test-suite-exclude=${SUITES})
if(NOT unrun STREQUAL "")
  string(REPLACE "\n" "\n    " unrun "${unrun}")
  string(APPEND problems "\n  test cases no ctest entry runs (outside any TEST_SUITE, or in a suite not registered):\n    ${unrun}")
endif()
if(NOT problems STREQUAL "")
  message(FATAL_ERROR "${PROGRAM}:${problems}")
endif()
list(LENGTH suites count)
message(STATUS "${PROGRAM}: ${count} suites, each with its ctest entry, and no test case outside them")
