# Read by ctest (TEST_INCLUDE_FILES of the top folder) before it runs any test:
# the tests read the grader's English output, while the course's own language
# (assignments.yaml `language:`) is Spanish. A test of another language passes
# --lang, which wins over LANGUAGE.
set(ENV{LANGUAGE} "en")
