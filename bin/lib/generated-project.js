// What the dependency scripts (bin/deps-lock, bin/deps-canary) share: the version map, and a generated project
// that installs the packed CLI as a user's would.
'use strict';

const { spawnSync } = require('node:child_process');
const { mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CLI_DIR = path.join(REPO_ROOT, 'packages', 'create-ddd-express');
const MAP_FILE = path.join(CLI_DIR, 'src', 'dependencies', 'dependency-versions.json');
const LOCK_TEMPLATE = path.join(REPO_ROOT, 'templates', 'project', 'package-lock.json');
const PROJECT_NAME = 'my-api';
// The example's orders context (bin/sync-example): every field type, so the canary covers what
// `ddd generate domain` renders too.
const { ORDERS_FIELDS } = require('../sync-example');

class ScriptError extends Error {}

/** Runs a command; returns { code, output } (stdout and stderr together). `quiet: false` streams it instead. */
function run(command, args, { cwd, env = {}, quiet = true } = {}) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    env: { ...withoutNpmSettings(process.env), ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status ?? 1, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

function runOk(command, args, options) {
  const result = run(command, args, options);
  if (result.code !== 0) {
    throw new ScriptError(`\`${command} ${args.join(' ')}\` failed in ${options.cwd} (exit ${result.code}):\n${result.output}`);
  }
  return result;
}

/** npm run passes its own settings down as npm_* variables; the generated project's npm must not inherit them. */
function withoutNpmSettings(env) {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !/^npm_/i.test(key) && key !== 'INIT_CWD'));
}

function readVersionMap() {
  return JSON.parse(readFileSync(MAP_FILE, 'utf8'));
}

function writeVersionMap(map) {
  writeFileSync(MAP_FILE, `${JSON.stringify(map, null, 2)}\n`);
}

/** The built CLI's modules (fresh: builds first). */
function builtCli() {
  runOk(process.execPath, [require.resolve('typescript/bin/tsc', { paths: [CLI_DIR] }), '-p', 'tsconfig.build.json'], {
    cwd: CLI_DIR,
  });
  return {
    lockfile: require(path.join(CLI_DIR, 'dist', 'project', 'lockfile.js')),
    versions: require(path.join(CLI_DIR, 'dist', 'dependencies', 'dependency-versions.js')),
    manifest: JSON.parse(readFileSync(path.join(CLI_DIR, 'package.json'), 'utf8')),
  };
}

function makeWorkDir(prefix) {
  return realpathSync(mkdtempSync(path.join(tmpdir(), `${prefix}-`)));
}

/** `npm pack`s the CLI into `workDir`; returns the tarball's path. */
function packCli(workDir) {
  runOk('npm', ['pack', '--pack-destination', workDir], { cwd: CLI_DIR });
  const tarball = readdirSync(workDir).find((file) => /^create-ddd-express-.*\.tgz$/.test(file));
  if (!tarball) throw new ScriptError(`npm pack wrote no tarball into ${workDir}`);
  return path.join(workDir, tarball);
}

/**
 * `create-ddd-express my-api` (no install, no git) in `workDir`, depending on the CLI through `tarball`, then
 * `ddd generate domain orders` with every field type unless `withDomain` is false. Returns the project's path.
 */
function generateProject(workDir, tarball, { withDomain = true } = {}) {
  const env = { CREATE_DDD_EXPRESS_CLI_SPEC: `file:${tarball}`, CREATE_DDD_EXPRESS_TEMPLATES: path.join(REPO_ROOT, 'templates') };
  runOk(process.execPath, [path.join(CLI_DIR, 'bin', 'create-ddd-express.js'), PROJECT_NAME, '--yes', '--pm', 'npm', '--no-install', '--no-git'], {
    cwd: workDir,
    env,
  });
  const projectDir = path.join(workDir, PROJECT_NAME);
  if (withDomain) {
    runOk(process.execPath, [path.join(CLI_DIR, 'bin', 'ddd.js'), 'generate', 'domain', 'orders', '--fields', ORDERS_FIELDS], {
      cwd: projectDir,
    });
  }
  return projectDir;
}

module.exports = {
  CLI_DIR,
  LOCK_TEMPLATE,
  MAP_FILE,
  REPO_ROOT,
  ScriptError,
  builtCli,
  generateProject,
  makeWorkDir,
  packCli,
  readVersionMap,
  run,
  runOk,
  writeVersionMap,
};
