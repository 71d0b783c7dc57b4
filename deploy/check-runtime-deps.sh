#!/usr/bin/env bash
# check-runtime-deps.sh: would the image's binaries start?
#
# No Docker engine runs on the build machines, so `docker build` cannot be
# tried here. This checks the same thing from the other side, on a Debian 12
# machine that has built the binaries: for every binary that deploy/Dockerfile
# copies into a stage (COPY --from=build /out/NAME ...), it takes the binary
# of that NAME (default: bazel-bin/{service,cli,sandbox}/...), and
#   1. every library the binary itself links (ELF NEEDED, `readelf -d`) must
#      come from a package that the stage's `apt-get install` lists by name;
#   2. every library `ldd` resolves (the whole closure, the loader included)
#      must come from a listed package or from a package those depend on
#      (Depends/Pre-Depends, recursively: what apt installs with them);
#   3. no library is "not found";
#   4. every listed package is a real Debian 12 package (installed here, or
#      known to apt), so a typo fails here and not in the image build;
#   5. the stage of the server installs ca-certificates (libcurl's HTTPS to
#      Kapso needs the CA bundle; it is no library, so 1-2 cannot see it).
# Package names come from `dpkg -S` on this machine, which is why it must be
# Debian 12 (the image's release): another release has other sonames.
#
# Usage: deploy/check-runtime-deps.sh [--dockerfile FILE] [BINARY...]
# Exit 0 when every check holds; 1 with one line per problem otherwise;
# 2 when it cannot check (not Debian 12, binary missing, tool missing).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DOCKERFILE="$ROOT/deploy/Dockerfile"
if [ "${1:-}" = "--dockerfile" ]; then DOCKERFILE="$2"; shift 2; fi
if (($#)); then
  BINARIES=("$@")
else
  BINARIES=("$ROOT/bazel-bin/service/kapso_ops_server" "$ROOT/bazel-bin/cli/kapso-ops"
            "$ROOT/bazel-bin/sandbox/kapso_sandbox")
fi

die() { echo "check-runtime-deps: $*" >&2; exit 2; }
for tool in ldd readelf dpkg dpkg-query awk; do
  command -v "$tool" >/dev/null || die "needs $tool"
done
release="$(cat /etc/debian_version 2>/dev/null || true)"
[[ "$release" == 12* ]] || die "must run on Debian 12 (the image's release); this is '${release:-not Debian}'"
[ -f "$DOCKERFILE" ] || die "no $DOCKERFILE"

# The Dockerfile, one logical line per instruction (continuations joined),
# parsed into "stage NAME", "pkg STAGE PACKAGE" and "bin STAGE NAME" records.
parse_dockerfile() {
  awk '
    /^[[:space:]]*#/ { next }
    { line = line $0 }
    /\\[[:space:]]*$/ { sub(/\\[[:space:]]*$/, " ", line); next }
    { emit(line); line = "" }
    END { if (line != "") emit(line) }
    function emit(l,   n, t, i, j, k, base, installing) {
      n = split(l, t, /[[:space:]]+/)
      for (i = 1; i <= n && t[i] == ""; i++) {}
      if (toupper(t[i]) == "FROM") {
        stage = ""; base = ""
        for (j = i + 1; j <= n; j++) {
          if (t[j] ~ /^--/) continue
          if (base == "") { base = t[j]; continue }
          if (toupper(t[j]) == "AS") { stage = tolower(t[j + 1]); break }
        }
        if (stage == "") stage = "stage" ++anon
        print "stage", stage
        if (base in seen) print "inherits", stage, base
        seen[stage] = 1
      } else if (toupper(t[i]) == "RUN") {
        installing = 0
        for (j = i + 1; j <= n; j++) {
          if (t[j] == "&&" || t[j] == ";" || t[j] == "||" || t[j] == "|") { installing = 0; continue }
          if (t[j] == "apt-get" && t[j + 1] == "install") { installing = 1; j++; continue }
          # Literal package names only (the build stage expands a shell array).
          if (installing && t[j] !~ /^-/ && t[j] !~ /[$"'\''{}]/ && t[j] != "") print "pkg", stage, t[j]
        }
      } else if (toupper(t[i]) == "COPY" && t[i + 1] ~ /^--from=build$/) {
        # COPY --from=build SRC... DEST: each SRC names a binary of the stage.
        for (j = i + 2; j < n; j++) {
          if (t[j] ~ /^--/ || t[j] == "") continue
          k = split(t[j], parts, "/")
          print "bin", stage, parts[k]
        }
      }
    }
  ' "$DOCKERFILE"
}
MODEL="$(parse_dockerfile)"

stage_packages() {  # STAGE: its apt-get install list, and its parents'
  local stage="$1" parent
  awk -v s="$stage" '$1 == "pkg" && $2 == s { print $3 }' <<<"$MODEL"
  parent="$(awk -v s="$stage" '$1 == "inherits" && $2 == s { print $3 }' <<<"$MODEL")"
  [ -z "$parent" ] || stage_packages "$parent"
}

# Every installed package's Depends/Pre-Depends, read once from dpkg.
declare -A DEPENDS=()
while IFS=$'\t' read -r pkg deps; do
  DEPENDS[$pkg]="$deps"
done < <(dpkg-query -W -f='${Package}\t${Depends}, ${Pre-Depends}\n')

# What apt installs with PACKAGES: the Depends/Pre-Depends closure (all
# alternatives of "a | b" count).
declare -A CLOSURE=()
close_over() {
  local queue=("$@") p d
  while ((${#queue[@]})); do
    p="${queue[0]}"; queue=("${queue[@]:1}")
    p="${p%%:*}"
    if [ -z "$p" ] || [ -n "${CLOSURE[$p]:-}" ]; then continue; fi
    CLOSURE[$p]=1
    # "libfoo (>= 1) | libbar, libbaz:any" -> libfoo libbar libbaz
    for d in $(sed -E 's/\([^)]*\)//g; s/[,|]/ /g; s/:[a-z0-9]+//g' <<<"${DEPENDS[$p]:-}"); do
      if [ -z "${CLOSURE[$d]:-}" ]; then queue+=("$d"); fi
    done
  done
}

# The package owning each library path, with one `dpkg -S` for all of them,
# trying the merged-/usr spellings dpkg may have recorded (/lib/... vs
# /usr/lib/..., the symlink vs its target).
declare -A OWNER=()
spellings() {
  local path="$1" real c
  real="$(readlink -f "$path")"
  for c in "$path" "$real"; do
    echo "$c"
    case "$c" in /usr/*) echo "${c#/usr}" ;; *) echo "/usr$c" ;; esac
  done
}
find_owners() {  # PATH...: fills OWNER[path]
  local -A spelled=() path c
  local all=()
  for path in "$@"; do
    while read -r c; do spelled[$c]+="$path "; all+=("$c"); done < <(spellings "$path")
  done
  while IFS= read -r line; do
    # "libfoo1:amd64, libfoo1:i386: /lib/x86_64-linux-gnu/libfoo.so.1"
    c="${line##*: }"; line="${line%: *}"; line="${line%%, *}"; line="${line%%:*}"
    for path in ${spelled[$c]:-}; do
      [ -n "${OWNER[$path]:-}" ] || OWNER[$path]="$line"
    done
  done < <(printf '%s\n' "${all[@]}" | sort -u | xargs -r dpkg -S 2>/dev/null | grep -v '^diversion' || true)
}
owner_of() { [ -n "${OWNER[$1]:-}" ] && echo "${OWNER[$1]}"; }

problems=0
problem() { echo "FAIL: $*"; problems=$((problems + 1)); }

# 4. Every listed package exists in Debian 12.
for p in $(awk '$1 == "pkg" { print $3 }' <<<"$MODEL" | sort -u); do
  if ! dpkg-query -W "$p" >/dev/null 2>&1 && ! apt-cache show --no-all-versions "$p" >/dev/null 2>&1; then
    problem "Dockerfile installs '$p', which is no Debian 12 package known here"
  fi
done

checked=0
for binary in "${BINARIES[@]}"; do
  name="$(basename "$binary")"
  before=$problems
  [ -x "$binary" ] || die "no binary $binary (bazel build it first)"
  stage="$(awk -v b="$name" '$1 == "bin" && $3 == b { print $2; exit }' <<<"$MODEL")"
  if [ -z "$stage" ]; then
    problem "$name: the Dockerfile copies it into no stage (COPY --from=build /out/$name ...)"
    continue
  fi
  mapfile -t listed < <(stage_packages "$stage" | sort -u)
  declare -A LISTED=()
  for p in "${listed[@]}"; do LISTED[$p]=1; done
  CLOSURE=()
  close_over "${listed[@]}"

  headers="$(readelf -l "$binary" 2>&1)" || die "readelf $binary failed: $headers"
  if ! grep -q 'Requesting program interpreter' <<<"$headers"; then
    # Statically linked (the CLI is): no shared library to provide.
    echo "ok: $name -> stage '$stage': statically linked, needs no library package"
    checked=$((checked + 1))
    continue
  fi
  # 3 + 2: the whole ldd closure.
  ldd_out="$(ldd "$binary" 2>&1)" || die "ldd $binary failed: $ldd_out"
  find_owners $(awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' <<<"$ldd_out")
  while read -r lib; do problem "$name: $lib not found"; done < <(awk '/not found/ { print $1 }' <<<"$ldd_out")
  declare -A PATH_OF=()
  while read -r soname path; do
    PATH_OF[$soname]="$path"
    if ! pkg="$(owner_of "$path")"; then
      problem "$name: $path ($soname) belongs to no Debian package"
      continue
    fi
    [ -n "${CLOSURE[$pkg]:-}" ] ||
      problem "$name: $soname comes from $pkg, which stage '$stage' neither installs nor gets with what it installs"
  done < <(awk '$2 == "=>" && $3 ~ /^\// { print $1, $3 } $1 ~ /^\// && $2 ~ /^\(/ { n = split($1, a, "/"); print a[n], $1 }' <<<"$ldd_out")

  # 1: the libraries the binary links by name come from listed packages.
  direct=()
  dynamic="$(readelf -d "$binary")" || die "readelf -d $binary failed"
  for soname in $(awk '/\(NEEDED\)/ { gsub(/[][]/, "", $NF); print $NF }' <<<"$dynamic"); do
    path="${PATH_OF[$soname]:-}"
    if [ -z "$path" ]; then problem "$name: NEEDED $soname not resolved by ldd"; continue; fi
    pkg="$(owner_of "$path")" || continue  # reported above
    direct+=("$pkg")
    [ -n "${LISTED[$pkg]:-}" ] ||
      problem "$name: links $soname directly; add $pkg to stage '$stage' apt-get install"
  done
  unset LISTED PATH_OF

  # 5: HTTPS to Kapso needs the CA bundle.
  if [ "$name" = kapso_ops_server ] && [ -z "${CLOSURE[ca-certificates]:-}" ]; then
    problem "$name: stage '$stage' does not install ca-certificates (libcurl cannot verify Kapso's TLS certificate)"
  fi
  if ((problems == before)); then
    echo "ok: $name -> stage '$stage' links $(printf '%s\n' "${direct[@]}" | sort -u | tr '\n' ' ')"
  fi
  checked=$((checked + 1))
done

if ((problems)); then
  echo "check-runtime-deps: $problems problem(s)"
  exit 1
fi
echo "check-runtime-deps: $checked binaries, every shared library provided by the image's packages"
