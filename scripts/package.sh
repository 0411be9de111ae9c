#!/usr/bin/env bash
# Builds the Debian package: a Release build without tests in build-release/, then
# `cpack -G DEB` there. Prints the path of the .deb (build-release/zorgcontract_<version>_<arch>.deb).
# Install it with `apt install ./zorgcontract_<version>_<arch>.deb` (docs/operations.md).
set -euo pipefail
ZC_ROOT="$(cd "$(dirname "$0")/.." && pwd)"
build="${ZC_PACKAGE_BUILD_DIR:-$ZC_ROOT/build-release}"
command -v dpkg-shlibdeps >/dev/null || { echo "package.sh: dpkg-shlibdeps missing (apt-get install dpkg-dev)" >&2; exit 1; }
cmake -S "$ZC_ROOT" -B "$build" -DCMAKE_BUILD_TYPE=Release -DZC_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target zorgcontract
(cd "$build" && cpack -G DEB >/dev/null)
ls "$build"/zorgcontract_*.deb
