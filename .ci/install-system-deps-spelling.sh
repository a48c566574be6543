#!/usr/bin/env bash
# Debian packages the spell checker needs: the Enchant C library that pyenchant
# loads, and Hunspell dictionaries for the publication languages (fr, en).
# Without them Feuillet falls back to pyspellchecker and the enchant-specific
# tests are skipped. Installs only what is missing, and only as root.
set -euo pipefail

PACKAGES=(libenchant-2-2 hunspell-fr hunspell-en-us hunspell-en-gb)

missing=()
for package in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if [ "${#missing[@]}" -eq 0 ]; then
    echo "spelling: system packages already installed"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "spelling: missing ${missing[*]}; run as root to install them (tests will skip enchant)" >&2
    exit 0
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "spelling: installed ${missing[*]}"
