#!/usr/bin/env node
// Applies the problem matcher of hooks/vscode-tasks.json (the VS Code task the README shows for
// `miglint check --format gcc`) to stdin the way VS Code does (a JavaScript RegExp per line) and
// prints one JSON object per line: {file, line, column, severity, code, message} or {unmatched}.
'use strict';
const fs = require('fs');
const path = require('path');
const tasks = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../hooks/vscode-tasks.json'), 'utf8'));
const matcher = tasks.tasks[0].problemMatcher;
const re = new RegExp(matcher.pattern.regexp);
const p = matcher.pattern;
for (const line of fs.readFileSync(0, 'utf8').split(/\r?\n/)) {
  if (!line) continue;
  const m = re.exec(line);
  if (!m) {
    console.log(JSON.stringify({ unmatched: line }));
    continue;
  }
  console.log(JSON.stringify({ file: m[p.file], line: Number(m[p.line]), column: Number(m[p.column]),
                               severity: m[p.severity], code: m[p.code], message: m[p.message] }));
}
