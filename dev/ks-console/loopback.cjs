// Preloaded into @ks-console/server (node --require), which is used unmodified: its server.js calls
// app.listen(port), i.e. every interface. The playground serves on 127.0.0.1 only, on the port it
// chose (KS_CONSOLE_PORT), and learns the bound address from the line printed here.
'use strict';
const net = require('net');

const host = process.env.KS_CONSOLE_HOST || '127.0.0.1';
const port = Number(process.env.KS_CONSOLE_PORT || '0');
const listen = net.Server.prototype.listen;
let first = true;

net.Server.prototype.listen = function (...args) {
  if (!first || typeof args[0] === 'object') return listen.apply(this, args);
  first = false;
  const callback = args.find((arg) => typeof arg === 'function');
  this.once('listening', () => {
    const address = this.address();
    process.stdout.write(
      `store-importer: ks-console listening on http://${address.address}:${address.port}\n`,
    );
  });
  return callback ? listen.call(this, port, host, callback) : listen.call(this, port, host);
};
