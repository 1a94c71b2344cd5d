#!/usr/bin/env node
// Read a dotenv file with node's `dotenv` package (`require("dotenv").parse`) and print its
// variables as one JSON object. Usage: dotenv_node_check.js FILE
//
// This checks that files written by `tresor export --format dotenv --dialect node` read back
// exactly in node dotenv. `dotenv` is resolved through NODE_PATH (.ci/run installs it into a
// temporary folder with npm). Exit status: 0 on success, 2 on a usage error, 3 when the dotenv
// package is not installed.
"use strict";
const fs = require("fs");
let dotenv;
try {
  dotenv = require("dotenv");
} catch (e) {
  process.stderr.write("the dotenv package is not installed (npm install dotenv; NODE_PATH)\n");
  process.exit(3);
}
if (process.argv.length !== 3) {
  process.stderr.write("usage: dotenv_node_check.js FILE\n");
  process.exit(2);
}
const parsed = dotenv.parse(fs.readFileSync(process.argv[2]));
process.stdout.write(JSON.stringify(parsed));
