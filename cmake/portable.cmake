# The portable build: a miglint binary that runs on a machine with none of the build dependencies
# (what the npm packages ship). Everything but glibc is linked in: libstdc++ and libgcc, fmt and
# toml++ header-only, libpg_query, SQLite and OpenSSL's libcrypto (for SHA-256) from their static
# archives, and simdjson compiled from Debian's source package (Debian ships only libsimdjson.so).
# libpq is not linked at all: db/libpq.cpp loads it when a PostgreSQL database is asked for.
#
# Defines miglint_deps, the libraries miglint_core links with, and miglint_portable_link(target)
# for the programs users run.

set(MIGLINT_PORTABLE_DEFAULT ON)
if(MIGLINT_SANITIZE OR MIGLINT_FUZZ)
  set(MIGLINT_PORTABLE_DEFAULT OFF)
endif()
option(MIGLINT_PORTABLE "Link every library but glibc into miglint (the npm packages' binary)" ${MIGLINT_PORTABLE_DEFAULT})

# Debian bookworm's sources of the two libraries it ships only as shared objects, the versions of
# its -dev packages, each checked against the SHA-256 in its signed .dsc. Local copies of the
# tarballs can be named instead (offline builds). fmt's header-only mode would need no source, but
# it compiles fmt's implementation into every file that formats (4 s more each at -O3).
set(MIGLINT_SIMDJSON_VERSION 3.0.1)
set(MIGLINT_SIMDJSON_SHA256 156b1bc5eb0561b2bd166b46d191fd3d95a3e709cc63761477d3b7aec2b6e9ed)
set(MIGLINT_SIMDJSON_SOURCE
    "http://deb.debian.org/debian/pool/main/s/simdjson/simdjson_${MIGLINT_SIMDJSON_VERSION}.orig.tar.gz"
    CACHE STRING "URL or path of Debian's simdjson orig tarball, for the portable build")
set(MIGLINT_FMT_VERSION 9.1.0+ds1)
set(MIGLINT_FMT_SHA256 84ce1c2d0be3a9863935137969dcec6970125caac032f82474640bfc81463583)
set(MIGLINT_FMT_SOURCE "http://deb.debian.org/debian/pool/main/f/fmtlib/fmtlib_${MIGLINT_FMT_VERSION}.orig.tar.gz"
    CACHE STRING "URL or path of Debian's fmtlib orig tarball, for the portable build")

# Unpacks `files` (paths inside the tarball's top directory) of Debian's source tarball of `package`
# into _deps/<package>-<version>/, fetched from `source` (a URL or a local file) unless already there.
function(miglint_debian_source package version source sha256 files)
  set(dir ${CMAKE_BINARY_DIR}/_deps/${package}-${version})
  list(GET files 0 first)
  if(EXISTS ${dir}/${first})
    return()
  endif()
  set(tarball ${CMAKE_BINARY_DIR}/_deps/${package}_${version}.orig.tar.gz)
  if(EXISTS "${source}")
    file(COPY_FILE "${source}" ${tarball})
  else()
    message(STATUS "Fetching Debian's ${package} ${version} source for the portable build")
    file(DOWNLOAD "${source}" ${tarball} STATUS fetched TIMEOUT 120)
    list(GET fetched 0 fetched_code)
    if(NOT fetched_code EQUAL 0)
      message(FATAL_ERROR "Could not fetch ${source} (${fetched}). Name a local copy of Debian's "
                          "${package}_${version}.orig.tar.gz (apt-get source ${package}) in the cache variable of "
                          "cmake/portable.cmake, or configure with -DMIGLINT_PORTABLE=OFF to link the shared libraries.")
    endif()
  endif()
  file(SHA256 ${tarball} actual)
  if(NOT actual STREQUAL sha256)
    message(FATAL_ERROR "${tarball} is not Debian's ${package} ${version} source (SHA-256 ${actual})")
  endif()
  list(TRANSFORM files PREPEND ${package}-${version}/)
  file(ARCHIVE_EXTRACT INPUT ${tarball} DESTINATION ${CMAKE_BINARY_DIR}/_deps PATTERNS ${files})
endfunction()

add_library(miglint_deps INTERFACE)
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
# libpq's header only, for the declared types of the functions db/libpq.cpp loads. A cross build
# takes the build machine's: Debian 12's libpq-dev installs for one architecture at a time, and the
# header is the same for every 64-bit Linux.
if(CMAKE_CROSSCOMPILING)
  find_path(LIBPQ_INCLUDE_DIRS libpq-fe.h PATH_SUFFIXES postgresql REQUIRED)
else()
  pkg_check_modules(LIBPQ REQUIRED libpq)
endif()
find_package(nlohmann_json 3.11 REQUIRED)
find_package(tomlplusplus REQUIRED)
# toml++ header-only in every build: one file parses settings, and Debian's shared build would be one
# more library to install.
get_target_property(MIGLINT_TOML_INCLUDE tomlplusplus::tomlplusplus INTERFACE_INCLUDE_DIRECTORIES)
target_include_directories(miglint_deps SYSTEM INTERFACE ${MIGLINT_TOML_INCLUDE})
target_compile_definitions(miglint_deps INTERFACE TOML_HEADER_ONLY=1)
target_link_libraries(miglint_deps INTERFACE nlohmann_json::nlohmann_json Threads::Threads ${CMAKE_DL_LIBS})
find_library(PG_QUERY_LIBRARY NAMES libpg_query.a pg_query REQUIRED)

# fmt and simdjson compiled from Debian's sources: the portable build links them in, and the libc++
# build (cmake/libcxx.cmake) cannot use Debian's libraries, which are built against libstdc++.
if(MIGLINT_PORTABLE OR MIGLINT_LIBCXX)
  miglint_debian_source(simdjson ${MIGLINT_SIMDJSON_VERSION} "${MIGLINT_SIMDJSON_SOURCE}" ${MIGLINT_SIMDJSON_SHA256}
    "singleheader/simdjson.cpp;singleheader/simdjson.h;LICENSE")
  miglint_debian_source(fmtlib ${MIGLINT_FMT_VERSION} "${MIGLINT_FMT_SOURCE}" ${MIGLINT_FMT_SHA256}
    "src/format.cc;src/os.cc;include/fmt;LICENSE.rst")
  set(simdjson_dir ${CMAKE_BINARY_DIR}/_deps/simdjson-${MIGLINT_SIMDJSON_VERSION})
  set(fmt_dir ${CMAKE_BINARY_DIR}/_deps/fmtlib-${MIGLINT_FMT_VERSION})
  # Their code, compiled as their build does; our warnings are not theirs.
  add_library(miglint_simdjson STATIC ${simdjson_dir}/singleheader/simdjson.cpp)
  target_include_directories(miglint_simdjson SYSTEM PUBLIC ${simdjson_dir}/singleheader)
  target_compile_options(miglint_simdjson PRIVATE -w)
  set_target_properties(miglint_simdjson PROPERTIES POSITION_INDEPENDENT_CODE ON)
  add_library(miglint_fmt STATIC ${fmt_dir}/src/format.cc ${fmt_dir}/src/os.cc)
  target_include_directories(miglint_fmt SYSTEM PUBLIC ${fmt_dir}/include)
  target_compile_options(miglint_fmt PRIVATE -w)
  set_target_properties(miglint_fmt PROPERTIES POSITION_INDEPENDENT_CODE ON)
  set(MIGLINT_FMT_SIMDJSON miglint_fmt miglint_simdjson)
else()
  find_package(simdjson REQUIRED)
  find_package(fmt REQUIRED)
  set(MIGLINT_FMT_SIMDJSON fmt::fmt simdjson::simdjson)
endif()

if(MIGLINT_PORTABLE)
  set(OPENSSL_USE_STATIC_LIBS TRUE)
  find_package(OpenSSL REQUIRED)
  find_library(SQLITE_STATIC_LIBRARY NAMES libsqlite3.a REQUIRED)
  pkg_check_modules(SQLITE REQUIRED sqlite3)
  target_include_directories(miglint_deps SYSTEM INTERFACE ${SQLITE_INCLUDE_DIRS})
  target_link_libraries(miglint_deps INTERFACE ${MIGLINT_FMT_SIMDJSON} OpenSSL::Crypto
    ${SQLITE_STATIC_LIBRARY} ${PG_QUERY_LIBRARY} m)
else()
  find_package(OpenSSL REQUIRED)
  pkg_check_modules(SQLITE REQUIRED IMPORTED_TARGET sqlite3)
  target_link_libraries(miglint_deps INTERFACE ${MIGLINT_FMT_SIMDJSON} OpenSSL::Crypto PkgConfig::SQLITE
    ${PG_QUERY_LIBRARY})
endif()

# The C++ runtime linked in, so the binary needs only glibc's own libraries, and (on Linux) the two
# newer glibc functions that runtime calls, defined over older ones (src/cli/glibc_compat.cpp).
function(miglint_portable_link target)
  if(MIGLINT_PORTABLE)
    target_link_options(${target} PRIVATE -static-libstdc++ -static-libgcc)
    if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
      target_sources(${target} PRIVATE ${CMAKE_SOURCE_DIR}/src/cli/glibc_compat.cpp)
    endif()
  endif()
endfunction()
