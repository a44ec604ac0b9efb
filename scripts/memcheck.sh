#!/bin/sh
# Runs part of the suite under valgrind memcheck and exits non-zero on any error:
#   1. test/native.test.ts (the shim's abuse, lifecycle, adoption and worker tests)
#   2. test/support/memcheck-session.js: open/close cycles, requests pending at
#      close, dumps, an adopted socket pair with a malformed datagram, and a
#      RouteMonitor session (subscribe, dump, resync, close), on the built dist/.
#
# Node under valgrind: V8's JIT writes code at run time, so node runs --jitless
# (no JIT, no self-modifying code for valgrind to chase). Leaks: only "definitely
# lost" blocks count as errors (--errors-for-leak-kinds=definite); Node keeps
# reachable and "possibly lost" memory (isolate, heap pages) until exit by design.
# Known Node-internal reports, if any appear on a Node version, go in
# scripts/memcheck.supp (it is passed to valgrind); never suppress a frame in
# pfroute.node. Invalid reads/writes, uses of uninitialised values, bad frees and
# definite leaks anywhere fail the run (exit 99 from valgrind, passed through).
#
# The worker-thread tests of test/native.test.ts are left out (fixed 4 s waits);
# the session runs two workers instead.
#
# Usage: scripts/memcheck.sh [native|session|all]   (default all; needs root for
# the netns-free parts only: nothing here changes routes). Run `npx tsc -p
# tsconfig.json` first (the session uses dist/). Logs: $MEMCHECK_LOG_DIR (default
# /tmp/pfroute-memcheck).
set -u
cd "$(dirname "$0")/.."
what="${1:-all}"
logdir="${MEMCHECK_LOG_DIR:-/tmp/pfroute-memcheck}"
mkdir -p "$logdir"
command -v valgrind >/dev/null 2>&1 || { echo "memcheck: valgrind is not installed" >&2; exit 2; }
[ -f dist/index.js ] && [ -f dist/monitor.js ] || { echo "memcheck: dist/ is not built (npx tsc -p tsconfig.json)" >&2; exit 2; }

VG="valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite --num-callers=40 --suppressions=scripts/memcheck.supp"
status=0

run() {
  name="$1"; shift
  log="$logdir/$name.log"
  echo "memcheck: $name (log: $log)"
  $VG --log-file="$log" "$@"
  rc=$?
  summary=$(grep -E "ERROR SUMMARY" "$log" | tail -1 | sed 's/^==[0-9]*== //')
  lost=$(grep -E "definitely lost:" "$log" | tail -1 | sed 's/^==[0-9]*== *//')
  ours=$(grep -c "pfroute.node" "$log")
  echo "memcheck: $name: exit $rc; $summary; ${lost:-definitely lost: 0 bytes}; frames in pfroute.node: $ours"
  # 99: valgrind found errors; any other non-zero: the tests themselves failed.
  if [ "$rc" -eq 99 ]; then echo "memcheck: $name: VALGRIND ERRORS" >&2; status=1
  elif [ "$rc" -ne 0 ]; then echo "memcheck: $name: the run failed (exit $rc)" >&2; status=1; fi
}

if [ "$what" = native ] || [ "$what" = all ]; then
  # The two worker-thread tests wait a fixed 4 s for their worker, too short under
  # valgrind (everything runs ~20x slower); the session below runs workers instead.
  run native node --jitless --import tsx node_modules/mocha/bin/mocha.js --no-config \
    --timeout 600000 --reporter dot --grep 'works in a worker thread' --invert test/native.test.ts
fi
if [ "$what" = session ] || [ "$what" = all ]; then
  MEMCHECK_CYCLES="${MEMCHECK_CYCLES:-300}" run session node --jitless test/support/memcheck-session.js
fi
[ "$status" -eq 0 ] && echo "memcheck: clean" || echo "memcheck: ERRORS (see the logs)"
exit "$status"
