#!/usr/bin/env bash
# Installs, from Debian's archive, exactly the build and test dependencies that are missing.
# Idempotent: a package already installed is never touched, and apt-get runs only when
# something is absent. Needs root (or sudo) only in that case.
set -euo pipefail

packages=(
    build-essential cmake pkg-config
    libtbb-dev libyaml-cpp-dev libspdlog-dev libfmt-dev
    catch2 libcli11-dev zlib1g-dev
    libopenmpi-dev openmpi-bin                            # distributed sweeps (optional at build time)
    python3 python3-matplotlib python3-pandas python3-numpy  # scripts/*.py, for /usr/bin/python3:
    python3-scipy python3-yaml                            #   plots, t quantiles, YAML
    pybind11-dev python3-pybind11 python3-dev             # the Python module (import grassroots)
    python3-nbconvert python3-nbclient python3-ipykernel  # the quickstart notebook's test
    clang libclang-rt-14-dev                              # sanitizer and libFuzzer builds (scripts/test.sh)
    clang-format                                          # the format check (scripts/check_format.sh)
    git                                                   # the build's commit stamp
)

missing=()
for pkg in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$pkg")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "bootstrap: all ${#packages[@]} packages present"
    exit 0
fi

echo "bootstrap: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "bootstrap: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
