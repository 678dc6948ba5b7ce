'use strict';
// Baselines for `npm run bench`: the smallest Express 5 app answering a small JSON. With HTTP_SERVER_MODULE (the
// generated project's built http-server.js) it is served the way the generated server is, through its
// createHttpServer; otherwise through app.listen, as Express's own documentation writes it.
const express = require('express');

const app = express();
app.get('/', (_req, res) => {
  res.json({ status: 'ok' });
});
const server = process.env.HTTP_SERVER_MODULE
  ? require(process.env.HTTP_SERVER_MODULE).createHttpServer(app)
  : require('node:http').createServer(app);
server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log(`listening on ${server.address().port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
