'use strict';
// The floor of the push fan-out (bench/push.js): the leanest server-sent-events server for the same work, in
// about 40 lines. GET /stream keeps the response open; POST /notify (topic, data) writes one event to every kept
// response, in the stream's format (id, event: cc, data {"t":topic,"d":data}); a heartbeat every 15 s.
//   node bench/push-floor.js     prints "listening http://127.0.0.1:PORT/" once it listens
const http = require('node:http');

const streams = new Set();
let sequence = 0;

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url.startsWith('/stream')) {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache' });
    res.write(`retry: 2000\nid: floor.${sequence}\nevent: ready\ndata: {"bus":true}\n\n`);
    streams.add(res);
    req.on('close', () => streams.delete(res));
    return;
  }
  if (req.method === 'POST' && req.url.startsWith('/notify')) {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      const form = new URLSearchParams(body);
      const event = `id: floor.${++sequence}\nevent: cc\ndata: ${JSON.stringify({ t: form.get('topic'), d: form.get('data') })}\n\n`;
      for (const stream of streams) stream.write(event);
      res.end(String(sequence));
    });
    return;
  }
  res.writeHead(404).end();
});

setInterval(() => { for (const stream of streams) stream.write('event: hb\ndata: 1\n\n'); }, 15000).unref();

server.listen(0, '127.0.0.1', () => console.log(`listening http://127.0.0.1:${server.address().port}/`));
process.on('SIGTERM', () => process.exit(0));
