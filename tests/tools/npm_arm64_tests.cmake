# The linux-arm64 npm package, cross-compiled and tested under qemu-user as tests/tools/
# npm_packages_test.sh tests the x64 one (label arm64; `make test-arm64`, after
# tools/install-cross-deps.sh). `make test` on x64 turns it on (MIGLINT_TEST_ARM64) and
# installs the cross toolchain in the background while the native build compiles, so neither qemu nor
# the toolchain need be there yet when this is configured: the build test waits for them.
option(MIGLINT_TEST_ARM64 "Cross-compile the arm64 binary and test its npm package under qemu-user" OFF)
if(MIGLINT_TEST_ARM64)
  set(MIGLINT_QEMU_AARCH64 qemu-aarch64 CACHE STRING "The qemu-user program that runs arm64 binaries")
  set(MIGLINT_ARM64_BUILD_DIR ${CMAKE_BINARY_DIR}/arm64 CACHE PATH "Build directory of the arm64 cross build")
  add_test(NAME npm_arm64_build COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tools/npm_arm64_build.sh
           ${CMAKE_SOURCE_DIR} ${MIGLINT_ARM64_BUILD_DIR} ${CMAKE_BINARY_DIR}/cross-deps.log)
  set(NPM_ARM64_ARGS ${CMAKE_SOURCE_DIR} ${MIGLINT_ARM64_BUILD_DIR}/miglint ${CMAKE_CURRENT_BINARY_DIR}/npm-project-arm64)
  add_test(NAME npm_arm64_install COMMAND ${NPM_TEST} install ${NPM_ARM64_ARGS})
  add_test(NAME NpmPackagesArm64.Offline COMMAND ${NPM_TEST} offline ${NPM_ARM64_ARGS})
  add_test(NAME NpmPackagesArm64.Database COMMAND ${NPM_TEST} database ${NPM_ARM64_ARGS} ${MIGLINT_TEST_PG_DIR}/url)
  set(npm_arm64_env "MIGLINT_NPM_PLATFORM=linux-arm64;MIGLINT_NPM_EMULATOR=${MIGLINT_QEMU_AARCH64}")
  # The longest test by far, mostly compiling: ctest starts it first (COST) so that the rest of the
  # suite runs beside it.
  set_tests_properties(npm_arm64_build PROPERTIES FIXTURES_SETUP arm64_binary LABELS arm64 TIMEOUT 1800 COST 100000)
  set_tests_properties(npm_arm64_install PROPERTIES FIXTURES_SETUP npm_project_arm64 FIXTURES_REQUIRED arm64_binary
    LABELS "arm64;npm" TIMEOUT 300 ENVIRONMENT "${npm_arm64_env}")
  set_tests_properties(NpmPackagesArm64.Offline PROPERTIES FIXTURES_REQUIRED npm_project_arm64
    LABELS "arm64;npm" TIMEOUT 300 ENVIRONMENT "${npm_arm64_env}")
  set_tests_properties(NpmPackagesArm64.Database PROPERTIES FIXTURES_REQUIRED "npm_project_arm64;postgres"
    LABELS "arm64;npm;db" TIMEOUT 300 ENVIRONMENT "${npm_arm64_env}")
endif()
