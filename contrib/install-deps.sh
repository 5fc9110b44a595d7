#!/usr/bin/env bash
# Installs everything mgr needs to build and test, from Debian bookworm's archive.
set -euo pipefail
sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo_cmd apt-get update -qq
$sudo_cmd apt-get install -y -qq --no-install-recommends \
  build-essential cmake ninja-build pkg-config tzdata sqlite3 \
  libsqlitecpp-dev libsqlite3-dev libhowardhinnant-date-dev libcli11-dev catch2 \
  nlohmann-json3-dev libfmt-dev libtomlplusplus-dev libcurl4-openssl-dev \
  clang-format clang-tidy clang-14 libclang-rt-14-dev \
  python3 python3-icalendar python3-aiosmtpd >/dev/null
