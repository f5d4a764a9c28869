# Helpers that keep per-module CMakeLists.txt files down to a list of sources.

add_library(dayafter_options INTERFACE)
target_compile_features(dayafter_options INTERFACE cxx_std_20)
target_compile_options(dayafter_options INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
    # Designated initialisers that leave members at their defaults are intended.
    -Wno-missing-field-initializers
    $<$<BOOL:${DAYAFTER_WARNINGS_AS_ERRORS}>:-Werror>)
if(DAYAFTER_SANITIZE)
    target_compile_options(dayafter_options INTERFACE
        -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    target_link_options(dayafter_options INTERFACE -fsanitize=address,undefined)
    target_compile_definitions(dayafter_options INTERFACE DAYAFTER_ENABLE_ASSERTS=1)
endif()
if(DAYAFTER_FUZZ)
    # Every library instrumented for libFuzzer's coverage, with ASan and UBSan; the fuzz
    # targets add -fsanitize=fuzzer (fuzz/CMakeLists.txt).
    target_compile_options(dayafter_options INTERFACE
        -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
        -fno-omit-frame-pointer)
    target_link_options(dayafter_options INTERFACE -fsanitize=address,undefined)
    target_compile_definitions(dayafter_options INTERFACE DAYAFTER_ENABLE_ASSERTS=1)
endif()
if(CMAKE_BUILD_TYPE STREQUAL "Debug")
    target_compile_definitions(dayafter_options INTERFACE DAYAFTER_ENABLE_ASSERTS=1)
endif()

# dayafter_add_module(NAME graph SOURCES a.cpp b.cpp DEPENDS dayafter::geo [PRIVATE_DEPENDS ...])
# One static library per module, so a dependency pointing the wrong way fails to link.
function(dayafter_add_module)
    cmake_parse_arguments(ARG "" "NAME" "SOURCES;DEPENDS;PRIVATE_DEPENDS" ${ARGN})
    set(target dayafter_${ARG_NAME})
    add_library(${target} STATIC ${ARG_SOURCES})
    add_library(dayafter::${ARG_NAME} ALIAS ${target})
    target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/include
                                         PRIVATE ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(${target} PUBLIC dayafter_options ${ARG_DEPENDS} PRIVATE ${ARG_PRIVATE_DEPENDS})
    # A unity build compiles a module's sources in batches, so that the heavy headers (Boost,
    # nlohmann/json, GDAL) are parsed and their code generated once per batch, not once per file
    # (docs/benchmarks.md: README command 1 on 2 cores). File-local names must then differ
    # across a module's files; a type from an anonymous namespace held by a class is fine here,
    # as each file is still compiled once, so GCC's warning about it is off.
    set_target_properties(${target} PROPERTIES UNITY_BUILD ${DAYAFTER_UNITY_BUILD}
                                               UNITY_BUILD_BATCH_SIZE 8)
    if(DAYAFTER_UNITY_BUILD)
        target_compile_options(${target} PRIVATE $<$<CXX_COMPILER_ID:GNU>:-Wno-subobject-linkage>)
    endif()
endfunction()

# dayafter_add_test(NAME graph_test SOURCES a_test.cpp DEPENDS dayafter::graph LABELS unit)
function(dayafter_add_test)
    cmake_parse_arguments(ARG "" "NAME" "SOURCES;DEPENDS;LABELS" ${ARGN})
    add_executable(${ARG_NAME} ${ARG_SOURCES})
    target_link_libraries(${ARG_NAME} PRIVATE ${ARG_DEPENDS} dayafter_test_support GTest::gtest_main)
    gtest_discover_tests(${ARG_NAME} PROPERTIES LABELS "${ARG_LABELS}" DISCOVERY_TIMEOUT 60)
endfunction()
