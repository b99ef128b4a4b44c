# Shared by the benchmark scripts (sourced, from the repository's root).

# need COMMAND PACKAGE: installs the Debian package when the command is missing.
need() {
  command -v "$1" >/dev/null && return
  local sudo=""; [[ $(id -u) != 0 ]] && sudo=sudo
  $sudo apt-get install -y -qq "$2" >/dev/null
}

# time_once LOG command...: runs once under /usr/bin/time -v, prints "wall cpu rss_mb", or
# "failed" (with the command's last lines on stderr) when the command fails.
time_once() {
  local log="$1"; shift
  if ! /usr/bin/time -v "$@" >/dev/null 2>"$log"; then
    echo "benchmark: failed: $*" >&2
    tail -n 5 "$log" >&2
    echo "failed"
    return
  fi
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); wall = (n == 3) ? p[1] * 3600 + p[2] * 60 + p[3] : p[1] * 60 + p[2] }
    /User time/ { cpu += $2 } /System time/ { cpu += $2 } /Maximum resident/ { rss = $2 / 1024 }
    END { printf "%.2f %.2f %d\n", wall, cpu, rss }' "$log"
}

# prepare WORK: what every timing run needs: the build's and the timing's packages, a release
# build of tracepress (.build/release/tracepress), and the work folder.
prepare() {
  scripts/install-deps
  need sqlite3 sqlite3
  need /usr/bin/time time
  local build_log
  build_log=$(swift build -c release --product tracepress 2>&1) || { echo "$build_log" >&2; exit 1; }
  mkdir -p "$1"
}

# pretouch_memory MB FOLDER: writes MB megabytes into FOLDER (tmpfs) and deletes them at once.
# This machine kind is a virtual machine whose host backs guest memory only when it is first
# touched, and takes back what the guest frees a few seconds later; a build whose output lands
# in such fresh memory pays the host's page faults inside its own writes (6 GB at 100,000
# batches: 3-4 s of wall time, measured). Run just before a build, it leaves the memory backed,
# as a physical machine's is: the difference between the two rows is the host's, not the build's.
pretouch_memory() {
  dd if=/dev/zero of="$2/.pretouch" bs=1M count="$1" status=none
  rm -f "$2/.pretouch"
}
