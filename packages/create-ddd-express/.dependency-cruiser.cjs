// The CLI's import graph, checked by `npm run lint`: no cycles, and nothing imports upward. The two commands
// (create/, ddd/) sit on top and never import each other; the folders below them never import a command.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'nothing-imports-a-command',
      comment: 'create/ and ddd/ are entry points: shared code lives below them, not inside them.',
      severity: 'error',
      from: { path: '^src/(?!create/|ddd/|create\\.ts|ddd\\.ts)' },
      to: { path: '^src/(create|ddd)/' },
    },
    {
      name: 'commands-are-independent',
      severity: 'error',
      from: { path: '^src/(create|ddd)/' },
      to: { path: '^src/(create|ddd)/', pathNot: '^src/$1/' },
    },
    {
      name: 'shared-is-the-bottom',
      comment: 'shared/ holds what every folder may use, so it uses none of them.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/(?!shared/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
