# The libc++ build: clang with LLVM's C++ library instead of GCC's, so that the code keeps compiling
# with a second standard library (the one macOS ships). `make test-sanitize` builds this way.
#
# Every C++ library miglint links must then be compiled with libc++ too, since Debian builds its own
# against libstdc++: fmt and simdjson from Debian's sources (cmake/portable.cmake), GoogleTest from the
# sources libgtest-dev installs (miglint_libcxx_gtest below). toml++ and nlohmann-json are header-only;
# the C libraries (SQLite, libpg_query, OpenSSL, libpq) need nothing.

option(MIGLINT_LIBCXX "Build with clang's libc++ instead of libstdc++ (make test-sanitize SAN_LIBCXX=ON)" OFF)
set(MIGLINT_LIBFUZZER_LINK_OPTIONS "")

if(MIGLINT_LIBCXX)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "MIGLINT_LIBCXX needs clang (-DCMAKE_CXX_COMPILER=clang++), not ${CMAKE_CXX_COMPILER_ID}")
  endif()
  add_compile_options(-stdlib=libc++)
  add_link_options(-stdlib=libc++)
  # Debian's libFuzzer (libclang_rt.fuzzer) is compiled against libstdc++ and uses it inside; the
  # fuzz harnesses link it beside libc++ (the two do not share a name: libc++'s is std::__1). clang
  # reads -lstdc++ as "the chosen C++ library", hence the file name.
  set(MIGLINT_LIBFUZZER_LINK_OPTIONS "LINKER:--push-state,--no-as-needed,-l:libstdc++.so.6,--pop-state")
endif()

# GoogleTest's GTest::gtest and GTest::gtest_main, compiled here from libgtest-dev's sources (with the
# directory's options, so the sanitizers see its code too).
set(MIGLINT_GTEST_SOURCE /usr/src/googletest/googletest CACHE PATH "GoogleTest's sources, for the libc++ build")
function(miglint_libcxx_gtest)
  if(NOT EXISTS ${MIGLINT_GTEST_SOURCE}/src/gtest-all.cc)
    message(FATAL_ERROR "No GoogleTest sources in ${MIGLINT_GTEST_SOURCE} (Debian: libgtest-dev or googletest)")
  endif()
  find_package(Threads REQUIRED)
  add_library(miglint_gtest STATIC ${MIGLINT_GTEST_SOURCE}/src/gtest-all.cc)
  target_include_directories(miglint_gtest SYSTEM PUBLIC ${MIGLINT_GTEST_SOURCE}/include)
  target_include_directories(miglint_gtest PRIVATE ${MIGLINT_GTEST_SOURCE})
  target_link_libraries(miglint_gtest PUBLIC Threads::Threads)
  add_library(miglint_gtest_main STATIC ${MIGLINT_GTEST_SOURCE}/src/gtest_main.cc)
  target_link_libraries(miglint_gtest_main PUBLIC miglint_gtest)
  # Their code; our warnings are not theirs.
  target_compile_options(miglint_gtest PRIVATE -w)
  target_compile_options(miglint_gtest_main PRIVATE -w)
  add_library(GTest::gtest ALIAS miglint_gtest)
  add_library(GTest::gtest_main ALIAS miglint_gtest_main)
endfunction()
