#!/usr/bin/env node
// Runs every test of the given node:test files alone, each in a fresh process, last test first:
// a test that passes in the suite but fails alone (or after a later one) leans on another test's
// records. Node 20's test runner cannot shuffle, so this is the order-independence check.
//
//   node scripts/run-tests-alone.mjs test/node/consent-server.test.ts [more files…]
//
// Exit code 1 when any test fails alone; each failure is named.
import { spawnSync } from 'node:child_process';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node scripts/run-tests-alone.mjs <test file>…');
  process.exit(2);
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The names of the leaf tests of a file, from one TAP run of the whole file. */
function leafTests(file) {
  const run = spawnSync('npx', ['tsx', '--test', '--test-reporter=tap', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const lines = run.stdout.split('\n');
  const names = [];
  lines.forEach((line, i) => {
    const match = /^(\s*)(?:not )?ok \d+ - (.*?)(?: # .*)?$/.exec(line);
    if (!match) return;
    // A suite's result line follows its children's, which are indented deeper.
    const indent = match[1].length;
    const previous = lines.slice(0, i).reverse().find((l) => /^\s*(?:not )?ok \d+ - /.test(l));
    const isSuite = previous !== undefined && /^(\s*)/.exec(previous)[1].length > indent;
    if (!isSuite) names.push(match[2].replace(/\\#/g, '#'));
  });
  return { names, passed: run.status === 0 };
}

let failures = 0;
for (const file of files) {
  const { names, passed } = leafTests(file);
  if (!passed) console.log(`${file}: fails as a whole file too; alone results follow`);
  for (const name of [...names].reverse()) {
    const run = spawnSync('npx', ['tsx', '--test', `--test-name-pattern=^${escape(name)}$`, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const ran = /^# pass (\d+)/m.exec(run.stdout)?.[1];
    const ok = run.status === 0 && ran !== '0';
    if (!ok) failures += 1;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${file} › ${name}${ran === '0' ? ' (matched nothing)' : ''}`);
  }
}
console.log(failures === 0 ? 'every test passed alone' : `${failures} test(s) failed alone`);
process.exit(failures === 0 ? 0 : 1);
