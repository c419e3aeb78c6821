# Warnings and sanitizers: one INTERFACE target every yousu target links.
add_library(yousu_warnings INTERFACE)
target_compile_options(yousu_warnings INTERFACE -Wall -Wextra -Wshadow
  -Wstrict-prototypes -Wmissing-prototypes -Wno-missing-field-initializers)
target_compile_definitions(yousu_warnings INTERFACE _POSIX_C_SOURCE=200809L
  _DEFAULT_SOURCE)
if(YOUSU_WERROR)
  target_compile_options(yousu_warnings INTERFACE -Werror)
endif()
if(YOUSU_FUZZ)
  if(NOT CMAKE_C_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "YOUSU_FUZZ=ON needs clang: cmake -DCMAKE_C_COMPILER=clang")
  endif()
  target_compile_options(yousu_warnings INTERFACE
    -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  target_link_options(yousu_warnings INTERFACE -fsanitize=address,undefined)
endif()
if(YOUSU_SANITIZER)
  target_compile_options(yousu_warnings INTERFACE -fsanitize=${YOUSU_SANITIZER}
    -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(yousu_warnings INTERFACE -fsanitize=${YOUSU_SANITIZER})
endif()

# yousu_program(NAME SOURCES...): a daemon or tool linking libyousu.
function(yousu_program name)
  add_executable(${name} ${ARGN})
  target_link_libraries(${name} PRIVATE yousu_common yousu_warnings
    yousu_malloc)
endfunction()

# yousu_test(NAME SOURCE [TIMEOUT s]): a cmocka unit test; ctest name is
# the dotted form given (e.g. unit.calendar).
function(yousu_test name source)
  cmake_parse_arguments(T "" "TIMEOUT" "" ${ARGN})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 60)
  endif()
  string(REPLACE "." "_" exe ${name})
  add_executable(${exe} ${source})
  target_link_libraries(${exe} PRIVATE yousu_common yousu_warnings cmocka)
  target_compile_definitions(${exe} PRIVATE
    YOUSU_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  add_test(NAME ${name} COMMAND ${exe})
  set_tests_properties(${name} PROPERTIES TIMEOUT ${T_TIMEOUT})
endfunction()

# yousu_script_test(NAME SCRIPT [TIMEOUT s]): an integration test run
# by bash with the build and source folders in its environment.
function(yousu_script_test name script)
  cmake_parse_arguments(T "" "TIMEOUT" "" ${ARGN})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  add_test(NAME ${name} COMMAND bash ${script})
  set_tests_properties(${name} PROPERTIES TIMEOUT ${T_TIMEOUT}
    SKIP_RETURN_CODE 77
    ENVIRONMENT "YOUSU_BIN=${PROJECT_BINARY_DIR}/bin;YOUSU_SRC=${PROJECT_SOURCE_DIR}")
endfunction()
