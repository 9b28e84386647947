#!/usr/bin/env bash
# The commit stamp is taken at every build (cmake/WriteBuildInfo.cmake, run by the target
# grassroots_build_info), not when CMake configures: in a scratch git repository, the
# script names the new commit after a commit, marks uncommitted changes "-dirty", says
# "unknown" outside git, and leaves the file untouched (no recompilation) when nothing changed.
# Called as: SCRIPT GRASSROOTS_BINARY SOURCE_DIR CMAKE_COMMAND
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cmake_command=${3:?usage: $0 GRASSROOTS SOURCE_DIR CMAKE_COMMAND}
command -v git >/dev/null || skip "git is not installed"

repo=$WORK/repo
out=$WORK/build_info.cpp
stamp() { "$cmake_command" -DSOURCE_DIR="$1" -DOUTPUT="$out" -DVERSION=9.8.7 -P "$SRC/cmake/WriteBuildInfo.cmake"; }
commit_in() { grep -o 'build_commit() { return "[^"]*"' "$out" | sed 's/.*return "//; s/"$//'; }

mkdir "$repo"
git -C "$repo" init -q
git -C "$repo" -c user.name=t -c user.email=t@t commit -q --allow-empty -m one
first=$(git -C "$repo" rev-parse --short=12 HEAD)
stamp "$repo"
[[ $(commit_in) == "$first" ]] || fail "stamped '$(commit_in)', expected $first"
grep -q 'build_version() { return "9.8.7"; }' "$out" || fail "the version is not stamped"

# Unchanged: the file is not rewritten (same inode contents and modification time).
before=$(stat -c %Y.%s "$out")
sleep 1
stamp "$repo"
[[ $(stat -c %Y.%s "$out") == "$before" ]] || fail "the file was rewritten although nothing changed"

# A new commit after the first stamp: the next build names it.
git -C "$repo" -c user.name=t -c user.email=t@t commit -q --allow-empty -m two
second=$(git -C "$repo" rev-parse --short=12 HEAD)
[[ $second != "$first" ]] || fail "the scratch repository did not advance"
stamp "$repo"
[[ $(commit_in) == "$second" ]] || fail "after a new commit stamped '$(commit_in)', expected $second"

# A tracked file changed but not committed: -dirty.
echo a >"$repo/file"
git -C "$repo" add file
git -C "$repo" -c user.name=t -c user.email=t@t commit -q -m three
echo b >"$repo/file"
stamp "$repo"
[[ $(commit_in) == "$(git -C "$repo" rev-parse --short=12 HEAD)-dirty" ]] ||
    fail "with an uncommitted change stamped '$(commit_in)', expected the commit with -dirty"

# Outside a git checkout.
mkdir "$WORK/plain"
stamp "$WORK/plain"
[[ $(commit_in) == unknown ]] || fail "outside git stamped '$(commit_in)', expected unknown"
note "the commit stamp follows commits and changes, and is rewritten only when it changes"
