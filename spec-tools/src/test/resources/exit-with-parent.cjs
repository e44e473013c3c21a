// Loaded with `node --require` in front of Prism by PrismMock. Prism's stdin is a pipe from the
// test JVM, which never writes to it: it closes when that JVM ends, however it ends (a kill -9
// included), and then this exits Prism. So no mock outlives the build that started it.
'use strict';
const quit = () => process.exit(0);
process.stdin.on('end', quit);
process.stdin.on('close', quit);
process.stdin.on('error', quit);
process.stdin.resume();
