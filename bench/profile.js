'use strict';
// Summarises a V8 .cpuprofile: self time by function and by module (npm package, project file or node internals).
// Usage: node bench/profile.js <file.cpuprofile> [top=15]
const fs = require('node:fs');
const path = require('node:path');

function moduleOf(url) {
  if (url === '') return '(native / V8)';
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const file = url.replace(/^file:\/\//, '');
  const at = file.lastIndexOf('/node_modules/');
  if (at >= 0) {
    const parts = file.slice(at + 14).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const dist = file.indexOf('/dist/');
  return dist >= 0 ? 'project ' + file.slice(dist + 1) : path.basename(file);
}

/**
 * Self time per function, and per module where time spent in node internals or native code is charged to the
 * nearest npm package or project file up the stack (so `writeUtf8String` under pino counts for pino).
 * `fromUs`/`toUs` (CLOCK_MONOTONIC µs, as process.hrtime) keep only samples taken in that window.
 */
function summarise(profile, { top = 15, fromUs = -Infinity, toUs = Infinity } = {}) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const selfUs = new Map(); // node id -> microseconds
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    if (at < fromUs || at > toUs) continue;
    const id = profile.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  }
  const owner = (node) => {
    for (let n = node; n !== undefined; n = nodes.get(parent.get(n.id))) {
      const mod = n.callFrame.url ? moduleOf(n.callFrame.url) : '';
      if (mod && !mod.startsWith('node:')) return mod;
    }
    return node.callFrame.url ? moduleOf(node.callFrame.url) : '(native / V8, no package caller)';
  };
  const byFunction = new Map();
  const byModule = new Map();
  let total = 0;
  let idle = 0;
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (us === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') {
      idle += us;
      continue;
    }
    total += us;
    const mod = functionName.startsWith('(') ? functionName : owner(node);
    const fn = `${functionName || '(anonymous)'}  ${url ? `${moduleOf(url)}:${lineNumber + 1}` : '(native)'}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    byModule.set(mod, (byModule.get(mod) ?? 0) + us);
  }
  const rank = (map) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: Math.round(us / 1000), pct: +((100 * us) / total).toFixed(1) }));
  return { busyMs: Math.round(total / 1000), idleMs: Math.round(idle / 1000), functions: rank(byFunction), modules: rank(byModule) };
}

function print(summary, log = console.log) {
  log(`CPU profile: ${summary.busyMs} ms busy, ${summary.idleMs} ms idle (percentages are of busy time)`);
  for (const [title, rows] of [['functions', summary.functions], ['modules', summary.modules]]) {
    const note = title === 'modules' ? ' (node/native time charged to the calling package)' : '';
    log(`\nTop ${rows.length} ${title} by self time${note}:`);
    for (const row of rows) log(`  ${String(row.pct).padStart(5)}%  ${String(row.ms).padStart(6)} ms  ${row.name}`);
  }
}

module.exports = { summarise, print };

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  print(summarise(JSON.parse(fs.readFileSync(file, 'utf8')), { top: Number(top ?? 15) }));
}
