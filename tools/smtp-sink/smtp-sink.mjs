#!/usr/bin/env node
// A counting SMTP sink: accepts every message, discards it, and counts. Point any mail sender at it to measure
// throughput or to check that nobody got a message twice.
//
//   node tools/smtp-sink/smtp-sink.mjs        SMTP on SINK_SMTP_PORT (2525), stats on SINK_HTTP_PORT (2526)
//   GET  /stats       {"accepted":N,"recipients":N,"duplicates":N,"firstAt":ms,"lastAt":ms}
//   GET  /recipients  {"<address>": count, ...}
//   GET  /arrivals?prefix=p  {"<address>": ms of its first message, ...} for the addresses starting with p (latency benchmarks)
//   POST /reset       forgets everything
//   POST /hang?ms=N   for N ms, takes each message in (counts it, as a relay that committed it) and never answers the
//                     end of DATA: a peer that hangs, for the fault-injection suite
//   POST /refuse?code=C&ms=N  for N ms, answers every recipient with SMTP code C (421, 450, 550 …) and keeps nothing
//   POST /drop?ms=N   for N ms, closes the connection after each message's data and before its answer, keeping
//                     nothing: a relay that died before committing the message
import http from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { SMTPServer } = require('smtp-server');

const smtpPort = Number(process.env.SINK_SMTP_PORT ?? 2525);
const httpPort = Number(process.env.SINK_HTTP_PORT ?? 2526);
const host = process.env.SINK_HOST ?? '127.0.0.1';

let perRecipient = new Map();
let arrivals = new Map();
let accepted = 0;
let firstAt = null;
let lastAt = null;
let hangUntil = 0;
let refusal = { code: 0, until: 0 };
let dropUntil = 0;
// The raw socket of each open session, by the client's port: a drop closes it without an answer.
const sockets = new Map();
const REFUSAL_TEXT = { 421: 'Too many connections, slow down', 450: 'Mailbox busy, try later', 550: 'No such user here' };

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  disableReverseLookup: true,
  logger: false,
  maxClients: 200,
  onRcptTo(_address, _session, callback) {
    if (Date.now() >= refusal.until) return callback();
    const error = new Error(REFUSAL_TEXT[refusal.code] ?? 'Refused');
    error.responseCode = refusal.code;
    callback(error);
  },
  onData(stream, session, callback) {
    stream.resume();
    stream.on('end', () => {
      const now = Date.now();
      if (now < dropUntil) return sockets.get(session.remotePort)?.destroy();
      firstAt ??= now;
      lastAt = now;
      for (const { address } of session.envelope.rcptTo) {
        accepted++;
        perRecipient.set(address, (perRecipient.get(address) ?? 0) + 1);
        if (!arrivals.has(address)) arrivals.set(address, now);
      }
      // Hanging: the sender hears nothing until its socket timeout, and cannot know that the message arrived.
      if (now < hangUntil) return;
      callback();
    });
  },
});

// A sender killed mid-session leaves a reset connection behind; that is expected here, not a reason to exit.
smtp.on('error', () => {});

// Without this, Nagle's algorithm and delayed ACKs hold each small SMTP reply back ~40 ms, capping every connection
// at ~25 messages/s: the sink, not the sender, would be measured.
smtp.server.on('connection', (socket) => {
  socket.setNoDelay(true);
  const port = socket.remotePort;
  sockets.set(port, socket);
  socket.on('close', () => sockets.delete(port));
});

const stats = http.createServer((req, res) => {
  const send = (body) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const url = new URL(req.url, 'http://sink');
  if (req.method === 'GET' && url.pathname === '/stats') {
    let duplicates = 0;
    for (const count of perRecipient.values()) if (count > 1) duplicates += count - 1;
    return send({ accepted, recipients: perRecipient.size, duplicates, firstAt, lastAt });
  }
  if (req.method === 'GET' && url.pathname === '/recipients') return send(Object.fromEntries(perRecipient));
  if (req.method === 'GET' && url.pathname === '/arrivals') {
    const prefix = url.searchParams.get('prefix') ?? '';
    return send(Object.fromEntries([...arrivals].filter(([address]) => address.startsWith(prefix))));
  }
  if (req.method === 'POST' && ['/hang', '/drop', '/refuse'].includes(url.pathname)) {
    const ms = Number(url.searchParams.get('ms'));
    if (!Number.isFinite(ms) || ms <= 0) return res.writeHead(400).end('ms: a positive number of milliseconds\n');
    const until = Date.now() + ms;
    if (url.pathname === '/hang') return send({ hangUntil: (hangUntil = until) });
    if (url.pathname === '/drop') return send({ dropUntil: (dropUntil = until) });
    const code = Number(url.searchParams.get('code'));
    if (!Number.isInteger(code) || code < 400 || code > 599) return res.writeHead(400).end('code: an SMTP reply code from 400 to 599\n');
    refusal = { code, until };
    return send({ refusal });
  }
  if (req.method === 'POST' && url.pathname === '/reset') {
    perRecipient = new Map();
    arrivals = new Map();
    accepted = 0;
    firstAt = lastAt = null;
    return send({ reset: true });
  }
  res.writeHead(404).end();
});

smtp.listen(smtpPort, host, () => {
  stats.listen(httpPort, host, () => process.stdout.write(`smtp-sink ready smtp://${host}:${smtpPort} stats http://${host}:${httpPort}/stats\n`));
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => smtp.close(() => stats.close(() => process.exit(0))));
