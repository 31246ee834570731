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

# Debian bookworm's simdjson source, the version of its libsimdjson-dev, checked against the
# SHA-256 of its signed .dsc. A local copy of the tarball can be named instead (offline builds).
set(MIGLINT_SIMDJSON_VERSION 3.0.1)
set(MIGLINT_SIMDJSON_SHA256 156b1bc5eb0561b2bd166b46d191fd3d95a3e709cc63761477d3b7aec2b6e9ed)
set(MIGLINT_SIMDJSON_SOURCE
    "http://deb.debian.org/debian/pool/main/s/simdjson/simdjson_${MIGLINT_SIMDJSON_VERSION}.orig.tar.gz"
    CACHE STRING "URL or path of Debian's simdjson orig tarball, for the portable build")

add_library(miglint_deps INTERFACE)
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
# libpq's header only, for the declared types of the functions db/libpq.cpp loads.
pkg_check_modules(LIBPQ REQUIRED libpq)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(tomlplusplus REQUIRED)
# toml++ header-only in every build: one file parses settings, and Debian's shared build would be one
# more library to install.
get_target_property(MIGLINT_TOML_INCLUDE tomlplusplus::tomlplusplus INTERFACE_INCLUDE_DIRECTORIES)
target_include_directories(miglint_deps SYSTEM INTERFACE ${MIGLINT_TOML_INCLUDE})
target_compile_definitions(miglint_deps INTERFACE TOML_HEADER_ONLY=1)
target_link_libraries(miglint_deps INTERFACE nlohmann_json::nlohmann_json Threads::Threads ${CMAKE_DL_LIBS})
find_library(PG_QUERY_LIBRARY NAMES libpg_query.a pg_query REQUIRED)

if(MIGLINT_PORTABLE)
  find_package(fmt REQUIRED)
  set(OPENSSL_USE_STATIC_LIBS TRUE)
  find_package(OpenSSL REQUIRED)
  find_library(SQLITE_STATIC_LIBRARY NAMES libsqlite3.a REQUIRED)
  pkg_check_modules(SQLITE REQUIRED sqlite3)

  set(simdjson_dir ${CMAKE_BINARY_DIR}/_deps/simdjson-${MIGLINT_SIMDJSON_VERSION})
  if(NOT EXISTS ${simdjson_dir}/singleheader/simdjson.cpp)
    set(tarball ${CMAKE_BINARY_DIR}/_deps/simdjson_${MIGLINT_SIMDJSON_VERSION}.orig.tar.gz)
    if(EXISTS "${MIGLINT_SIMDJSON_SOURCE}")
      file(COPY_FILE "${MIGLINT_SIMDJSON_SOURCE}" ${tarball})
    else()
      message(STATUS "Fetching Debian's simdjson ${MIGLINT_SIMDJSON_VERSION} source for the portable build")
      file(DOWNLOAD "${MIGLINT_SIMDJSON_SOURCE}" ${tarball} STATUS fetched TIMEOUT 120)
      list(GET fetched 0 fetched_code)
      if(NOT fetched_code EQUAL 0)
        message(FATAL_ERROR "Could not fetch ${MIGLINT_SIMDJSON_SOURCE} (${fetched}). Set MIGLINT_SIMDJSON_SOURCE to "
                            "a local copy of Debian's simdjson_${MIGLINT_SIMDJSON_VERSION}.orig.tar.gz (apt-get source "
                            "simdjson), or configure with -DMIGLINT_PORTABLE=OFF to link the shared libraries.")
      endif()
    endif()
    file(SHA256 ${tarball} actual)
    if(NOT actual STREQUAL MIGLINT_SIMDJSON_SHA256)
      message(FATAL_ERROR "${tarball} is not Debian's simdjson ${MIGLINT_SIMDJSON_VERSION} source (SHA-256 ${actual})")
    endif()
    file(ARCHIVE_EXTRACT INPUT ${tarball} DESTINATION ${CMAKE_BINARY_DIR}/_deps PATTERNS
         simdjson-${MIGLINT_SIMDJSON_VERSION}/singleheader/simdjson.cpp
         simdjson-${MIGLINT_SIMDJSON_VERSION}/singleheader/simdjson.h
         simdjson-${MIGLINT_SIMDJSON_VERSION}/LICENSE)
  endif()
  # Their code, compiled as their build does; our warnings are not theirs.
  add_library(miglint_simdjson STATIC ${simdjson_dir}/singleheader/simdjson.cpp)
  target_include_directories(miglint_simdjson SYSTEM PUBLIC ${simdjson_dir}/singleheader)
  target_compile_options(miglint_simdjson PRIVATE -w)
  set_target_properties(miglint_simdjson PROPERTIES POSITION_INDEPENDENT_CODE ON)

  target_include_directories(miglint_deps SYSTEM INTERFACE ${SQLITE_INCLUDE_DIRS})
  target_link_libraries(miglint_deps INTERFACE fmt::fmt-header-only miglint_simdjson OpenSSL::Crypto
    ${SQLITE_STATIC_LIBRARY} ${PG_QUERY_LIBRARY} m)
else()
  find_package(simdjson REQUIRED)
  find_package(fmt REQUIRED)
  find_package(OpenSSL REQUIRED)
  pkg_check_modules(SQLITE REQUIRED IMPORTED_TARGET sqlite3)
  target_link_libraries(miglint_deps INTERFACE fmt::fmt simdjson::simdjson OpenSSL::Crypto PkgConfig::SQLITE
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
