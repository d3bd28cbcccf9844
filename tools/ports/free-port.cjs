'use strict';
// Ports for the processes tests and benchmarks start (services, sinks, private stacks).
//
// Not the kernel's `listen(0)`: that port comes from the ephemeral range, the same range every outgoing connection
// (Kafka, MongoDB, Redis, HTTP clients) takes its local port from, so between the check here and the child's own
// listen a client socket could take it and the child fail with EADDRINUSE (seen in CI). Below that range only a
// listener can hold a port. Within one process a port is never handed out twice; between processes (jest workers,
// a benchmark) a random pick over thousands of ports makes a clash negligible, and a port in use is skipped.
const net = require('node:net');

// Below the default stack's fixed ports (27017 and up would clash with FerretDB) and Linux's ephemeral range (32768+).
const FIRST = 20_000;
const LAST = 26_999;
const handedOut = new Set();

function listenable(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function freePort() {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = FIRST + Math.floor(Math.random() * (LAST - FIRST + 1));
    if (handedOut.has(port) || !(await listenable(port))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`no free port between ${FIRST} and ${LAST} after 200 tries`);
}

async function freePorts(count) {
  const ports = [];
  for (let i = 0; i < count; i++) ports.push(await freePort());
  return ports;
}

module.exports = { freePort, freePorts };
