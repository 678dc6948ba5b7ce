#!/usr/bin/env node
'use strict';
require('../dist/ddd.js')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
