'use strict';
// The spec reporter plus one closing line that CI reads:
// "tests: N passed, N failed, N skipped", counted from this run.
const Mocha = require('mocha');
const { Spec } = Mocha.reporters;
const { EVENT_RUN_END } = Mocha.Runner.constants;

class CountingSpec extends Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats || {};
      // Spec prints its epilogue on the same event; print after it.
      process.nextTick(() => {
        process.stdout.write(
          `tests: ${s.passes || 0} passed, ${s.failures || 0} failed, ${s.pending || 0} skipped\n`,
        );
      });
    });
  }
}

module.exports = CountingSpec;
