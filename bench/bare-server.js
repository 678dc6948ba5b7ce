'use strict';
// Baselines for `npm run bench`: the smallest Express 5 app answering a small JSON, listening with app.listen as
// Express's documentation writes it, or, with HTTP_SERVER_MODULE (the generated project's built http-server.js),
// served the way the generated server is, through its createHttpServer.
const express = require('express');

const app = express();
app.get('/', (_req, res) => {
  res.json({ status: 'ok' });
});
const [port, host] = [Number(process.env.PORT), '127.0.0.1'];
// The generated server's defaults (HTTP_KEEP_ALIVE_TIMEOUT_MS and the two timeouts derived from it).
const timeouts = { keepAliveMs: 65_000, headersMs: 66_000, requestMs: 126_000 };
const onListening = () => console.log(`listening on ${server.address().port}`);
const server = process.env.HTTP_SERVER_MODULE
  ? require(process.env.HTTP_SERVER_MODULE).createHttpServer(app, timeouts).listen(port, host, onListening)
  : app.listen(port, host, onListening);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
