/**
 * Names, after every run, the tests that did not run and why (their titles say: `NOT RUN: … REDIS_CLUSTER_NODES is
 * not set`), so that a skipped suite is never mistaken for a pass; Jest alone only counts them unless --verbose.
 */
class NotRunReporter {
  onRunComplete(_contexts, results) {
    const titles = new Set();
    for (const file of results.testResults) {
      for (const test of file.testResults) {
        if (test.status === 'pending' || test.status === 'skipped') {
          titles.add(
            [...test.ancestorTitles, test.title].find((title) => title.startsWith('NOT RUN')) ?? test.fullName,
          );
        }
      }
    }
    if (titles.size > 0)
      process.stderr.write(`\nNot run (${titles.size}):\n${[...titles].map((t) => `  ${t}`).join('\n')}\n`);
  }
}

module.exports = NotRunReporter;
