# Cross-compiles miglint for Linux on arm64 from an x64 Debian with its cross toolchain and multiarch
# packages (tools/install-cross-deps.sh installs them):
#   cmake -S . -B build-arm64 -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-linux-gnu.cmake -DMIGLINT_TESTS=OFF
# The build is the portable one (cmake/portable.cmake), as for the x64 npm package.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(MIGLINT_CROSS_TRIPLE aarch64-linux-gnu)

set(CMAKE_C_COMPILER ${MIGLINT_CROSS_TRIPLE}-gcc)
set(CMAKE_CXX_COMPILER ${MIGLINT_CROSS_TRIPLE}-g++)
set(CMAKE_STRIP ${MIGLINT_CROSS_TRIPLE}-strip)

# Libraries and CMake packages of the arm64 multiarch directories only (/usr/lib/aarch64-linux-gnu,
# which CMake searches from the compiler's library architecture); programs of the build machine.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_LIBRARY_ARCHITECTURE ${MIGLINT_CROSS_TRIPLE})
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/${MIGLINT_CROSS_TRIPLE}/pkgconfig:/usr/share/pkgconfig)
set(ENV{PKG_CONFIG_SYSROOT_DIR} "")

# Running the arm64 programs the build makes (none today) goes through qemu-user, with the arm64
# glibc of the multiarch package libc6:arm64 (its loader is /lib/ld-linux-aarch64.so.1).
find_program(MIGLINT_QEMU_AARCH64 qemu-aarch64)
if(MIGLINT_QEMU_AARCH64)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${MIGLINT_QEMU_AARCH64})
endif()
