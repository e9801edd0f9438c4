// Holds connections open against a server for a while, as a school's phones
// and a hostile client would: IDLE keep-alive connections that asked for
// /healthz once, and SLOW senders that trickle a request head one byte every
// 500 ms (reopening when the server cuts them at its deadline). Used by
// bench/http_load.sh to measure everyone else meanwhile.
// Usage: node bench/hold_connections.js PORT IDLE SLOW SECONDS
'use strict';
const net = require('node:net');

const [port, idle, slow, seconds] = process.argv.slice(2).map(Number);
const sockets = new Set();
let cut = 0;

function open(onConnect) {
  const socket = net.connect(port, '127.0.0.1', onConnect);
  socket.on('error', () => {});
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
  return socket;
}

function idleConnection() {
  const socket = open(() => socket.write('GET /healthz HTTP/1.1\r\nHost: bench\r\n\r\n'));
}

function slowSender() {
  let i = 0;
  const head = 'GET /healthz HTTP/1.1\r\nHost: bench\r\nX-Slow: ' + 'a'.repeat(100000);
  const socket = open();
  const timer = setInterval(() => socket.write(head[i++]), 500);
  socket.on('close', () => {
    clearInterval(timer);
    cut++;
    if (!done) slowSender();
  });
}

let done = false;
for (let i = 0; i < idle; i++) idleConnection();
for (let i = 0; i < slow; i++) slowSender();
setTimeout(() => {
  done = true;
  console.log(`held ${sockets.size} connections at the end; slow senders cut by the server: ${cut}`);
  for (const s of sockets) s.destroy();
  process.exit(0);
}, seconds * 1000);
