# Every dependency comes from a Debian 12 package (scripts/install-deps.sh).
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
find_package(date CONFIG REQUIRED)
find_package(nlohmann_json CONFIG REQUIRED)
find_package(spdlog CONFIG REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
find_package(tomlplusplus CONFIG REQUIRED)
# Boost.Beast and Boost.Asio (header-only) for the HTTP server.
find_package(Boost 1.81 CONFIG REQUIRED)
# libcurl's SMTP and MIME support sends the outbox (libcurl4-openssl-dev).
find_package(CURL REQUIRED)
# OpenID Connect sign-in (decision 0031): ID tokens checked with libjwt
# (libjwt-dev), the provider's keys turned into PEM with OpenSSL (libssl-dev).
find_package(OpenSSL REQUIRED)
pkg_check_modules(JWT REQUIRED IMPORTED_TARGET libjwt)

pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
# Two-step sign-in (decision 0030): RFC 6238 codes from liboath
# (liboath-dev), the set-up page's QR code from libqrencode (libqrencode-dev).
pkg_check_modules(OATH REQUIRED IMPORTED_TARGET liboath)
pkg_check_modules(QRENCODE REQUIRED IMPORTED_TARGET libqrencode)
# libzip reads exports uploaded to the MIS import page (libzip-dev).
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)

# SOCI ships no CMake config on Debian: imported targets by hand.
find_path(SOCI_INCLUDE_DIR soci/soci.h REQUIRED)
find_library(SOCI_CORE_LIBRARY soci_core REQUIRED)
find_library(SOCI_SQLITE3_LIBRARY soci_sqlite3 REQUIRED)
add_library(soci::core UNKNOWN IMPORTED)
set_target_properties(soci::core PROPERTIES
  IMPORTED_LOCATION "${SOCI_CORE_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${SOCI_INCLUDE_DIR}")
add_library(soci::sqlite3 UNKNOWN IMPORTED)
set_target_properties(soci::sqlite3 PROPERTIES
  IMPORTED_LOCATION "${SOCI_SQLITE3_LIBRARY}"
  INTERFACE_LINK_LIBRARIES "soci::core;PkgConfig::SQLITE3")
# PostgreSQL: libpq for the raw statements, SOCI's backend for the rest.
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)
find_library(SOCI_POSTGRESQL_LIBRARY soci_postgresql REQUIRED)
add_library(soci::postgresql UNKNOWN IMPORTED)
set_target_properties(soci::postgresql PROPERTIES
  IMPORTED_LOCATION "${SOCI_POSTGRESQL_LIBRARY}"
  INTERFACE_LINK_LIBRARIES "soci::core;PkgConfig::LIBPQ")

# kainjow mustache is a single header.
find_path(MUSTACHE_INCLUDE_DIR kainjow/mustache.hpp REQUIRED)
