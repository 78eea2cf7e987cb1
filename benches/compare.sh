#!/usr/bin/env bash
# fieldnotes side by side with jrnl, on the same notes.
#
#   benches/compare.sh [--install-jrnl] [--sessions N] [--notes-per-session N] [--runs N]
#   benches/compare.sh --keystroke-only
#
# Generates a library with the project's generator (examples/gen_library.rs,
# `--jrnl` writes the same notes as a jrnl journal), then times, alternating
# the two tools run by run:
#   tag counts:  fieldnotes synth --format json (warm cache, then cold)  vs  jrnl --tags
#   start-up:    fieldnotes list                                          vs  jrnl -n 1
# and prints medians and ratios. Default: 100 sessions x 102 notes, about
# 10,000 notes (jrnl's tag count is quadratic; 100,000 notes takes minutes).
#
# jrnl comes from a throwaway virtual environment under target/bench-data/compare:
# --install-jrnl creates it (from PyPI), or set JRNL to a jrnl binary. jrnl
# runs with HOME and XDG_CONFIG_HOME pointing at a temporary dir holding its
# config (tag symbol `#`, the generated journal), so the user's own jrnl
# setup is never read or changed.
#
# Then keystroke latency through a real pty against vim: `cargo bench --bench
# pty_keystroke` (a 3,000-note session resumed at 200x50, key to first byte
# back, p50/p99 and the ratio to `vim -u NONE`). --keystroke-only runs just that.
set -euo pipefail
cd "$(dirname "$0")/.."

sessions=100
per=102
runs=7
install=0
keystroke_only=0
while [ $# -gt 0 ]; do
  case "$1" in
    --install-jrnl) install=1 ;;
    --keystroke-only) keystroke_only=1 ;;
    --sessions) sessions="$2"; shift ;;
    --notes-per-session) per="$2"; shift ;;
    --runs) runs="$2"; shift ;;
    -h|--help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "compare.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

# Key to first byte back, fieldnotes and vim in the same pty harness.
keystroke() { cargo bench --quiet --bench pty_keystroke 2>/dev/null | grep '^  \|^pty-keystroke'; }
if [ "$keystroke_only" = 1 ]; then
  keystroke
  exit 0
fi

target="${CARGO_TARGET_DIR:-target}"
work="$target/bench-data/compare"
mkdir -p "$work"
work="$(cd "$work" && pwd)"

if [ "$install" = 1 ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install --quiet jrnl
fi
jrnl="${JRNL:-$work/venv/bin/jrnl}"
if [ ! -x "$jrnl" ]; then
  echo "compare.sh: no jrnl at $jrnl: run with --install-jrnl, or set JRNL" >&2
  exit 2
fi

cargo build --quiet --release --bin fieldnotes --example gen_library
fieldnotes="$(cd "$target/release" && pwd)/fieldnotes"
lib="$work/library-${sessions}x${per}"
rm -rf "$lib"
"$target/release/examples/gen_library" "$lib" "$sessions" "$per" 7 --jrnl >/dev/null
notes=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["notes"])' "$lib/truth.json")

# jrnl's world: a config of its own, in a home of its own.
home="$work/home"
rm -rf "$home"
mkdir -p "$home/.config/jrnl"
cat >"$home/.config/jrnl/jrnl.yaml" <<EOF
colors:
  body: none
  date: none
  tags: none
  title: none
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: $lib/jrnl/journal.txt
linewrap: 79
tagsymbols: '#'
template: false
timeformat: '%Y-%m-%d %H:%M:%S'
version: $("$jrnl" --version 2>/dev/null | head -1 | awk '{print $2}')
EOF
run_jrnl() { env HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" "$jrnl" "$@"; }
export FIELDNOTES_DATA_DIR="$lib" FIELDNOTES_CONFIG_DIR="$work/fieldnotes-config" FIELDNOTES_CACHE_DIR="$work/cache"
mkdir -p "$FIELDNOTES_CONFIG_DIR"

# Both tools must report the same tag counts before any timing means anything.
"$fieldnotes" synth --format json >"$work/fieldnotes-tags.json"
run_jrnl --tags >"$work/jrnl-tags.txt" 2>&1
python3 - "$lib/truth.json" "$work/fieldnotes-tags.json" "$work/jrnl-tags.txt" <<'EOF'
import json, re, sys
truth = {t["tag"]: t["count"] for t in json.load(open(sys.argv[1]))["tags"]}
synth = json.load(open(sys.argv[2]))
themes = synth.get("themes", [])
fn = {t["tag"]: t["notes"] for t in themes}
jr = {}
for line in open(sys.argv[3], encoding="utf-8"):
    m = re.match(r"\s*#(\S+)\s*:\s*(\d+)\s*$", line)
    if m:
        jr[m.group(1)] = int(m.group(2))
bad = [t for t in truth if fn.get(t) != truth[t] or jr.get(t) != truth[t]]
if bad or not truth:
    sys.exit(f"tag counts differ for {bad[:5]}: truth {[truth[t] for t in bad[:5]]}, "
             f"fieldnotes {[fn.get(t) for t in bad[:5]]}, jrnl {[jr.get(t) for t in bad[:5]]}")
print(f"tag counts agree: {len(truth)} tags, truth = fieldnotes = jrnl")
EOF

# Milliseconds of one run of "$@", output discarded.
ms() {
  local t0 t1
  t0=$(date +%s%N)
  "$@" >/dev/null 2>&1
  t1=$(date +%s%N)
  echo $(((t1 - t0) / 1000000))
}
# Cold: no cache at all; both caches are then made again, untimed, so the
# next warm figures are warm (`list` reads the library index, `synth` the
# synthesis cache: each warms only its own).
cold_synth() { rm -rf "$FIELDNOTES_CACHE_DIR"; ms "$fieldnotes" synth --format json; }
warm_caches() { "$fieldnotes" list >/dev/null; "$fieldnotes" synth --format json >/dev/null; }

declare -a f_warm f_cold j_tags f_list j_first
warm_caches # as after any earlier run
for i in $(seq "$runs"); do
  f_warm+=("$(ms "$fieldnotes" synth --format json)")
  j_tags+=("$(ms run_jrnl --tags)")
  f_cold+=("$(cold_synth)")
  warm_caches
  f_list+=("$(ms "$fieldnotes" list)")
  j_first+=("$(ms run_jrnl -n 1)")
  echo "run $i/$runs: synth ${f_warm[-1]} ms (cold ${f_cold[-1]}), jrnl --tags ${j_tags[-1]} ms; list ${f_list[-1]} ms, jrnl -n 1 ${j_first[-1]} ms" >&2
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b < 1) b = 1; printf "%.0fx", a / b }'; }
mw=$(median "${f_warm[@]}"); mc=$(median "${f_cold[@]}"); mj=$(median "${j_tags[@]}")
ml=$(median "${f_list[@]}"); mn=$(median "${j_first[@]}")

echo
echo "fieldnotes vs jrnl $("$jrnl" --version 2>/dev/null | head -1 | awk '{print $2}'), $notes notes in $sessions sessions, median of $runs alternating runs"
echo "$(uname -srm), $(nproc) cores, $(date +%Y-%m-%d)"
printf '%-46s %10s %10s %8s\n' "" fieldnotes jrnl ratio
printf '%-46s %7s ms %7s ms %8s\n' "tag counts: synth --format json (warm cache)" "$mw" "$mj" "$(ratio "$mj" "$mw")"
printf '%-46s %7s ms %7s ms %8s\n' "tag counts: synth --format json (cold cache)" "$mc" "$mj" "$(ratio "$mj" "$mc")"
printf '%-46s %7s ms %7s ms %8s\n' "start-up: list  vs  jrnl -n 1" "$ml" "$mn" "$(ratio "$mn" "$ml")"

echo
keystroke
