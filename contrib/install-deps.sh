#!/usr/bin/env bash
# Installs everything mgr needs to build and test, from Debian bookworm's archive.
set -euo pipefail
sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
packages=(
  # building
  build-essential cmake ninja-build pkg-config
  # libraries
  tzdata sqlite3 libsqlitecpp-dev libsqlite3-dev libhowardhinnant-date-dev libcli11-dev
  nlohmann-json3-dev libfmt-dev libtomlplusplus-dev libcurl4-openssl-dev
  # tests and checks
  catch2 clang-format clang-tidy python3 python3-icalendar python3-aiosmtpd
  calcurse  # a calendar program imports the .ics
  strace    # fault injection into the first run and into writes
  msmtp openssl  # a real sendmail, and a certificate for the STARTTLS test
  clang-14 libclang-rt-14-dev  # libFuzzer targets
  chromium  # renders the HTML review headless
  zsh fish  # the shell completions load in their shells
  man-db    # `man -w mgr` finds the installed page
)
$sudo_cmd apt-get update -qq
$sudo_cmd apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
