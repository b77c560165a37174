// @tensorflow/tfjs, loaded with require rather than `import * as tf from '@tensorflow/tfjs'`, which
// made a one-file `tessera predict qor` wait ~0.5 s of CPU for the package before predicting:
// - an ES module importing a CommonJS package makes Node scan its source, and that of every
//   package it re-exports (core, layers, converter, data, the cpu and WebGL backends: 7 MB), for
//   named exports. `module.exports = require(...)` would be followed by that scan; through a
//   variable it is not.
// - tsx turns Node's source maps on; Node then reads and indexes the packages' .map files as they
//   load (~0.15 s). They stay off while tfjs loads (a crash inside tfjs then shows the lines of its
//   dist/ bundles instead of its TypeScript sources) and are restored at once for everything else.
// It is the same module object as a direct import (Node keeps one instance of a CommonJS module).
// Types: tfjs.d.cts. test/models/common/tfjs-entry.test.ts checks the object and the settings.
const sourceMaps = process.sourceMapsEnabled;
process.setSourceMapsEnabled(false);
let tf;
try {
  tf = require('@tensorflow/tfjs');
} finally {
  process.setSourceMapsEnabled(sourceMaps);
}

module.exports = tf;
