import { createServer, type Server } from 'node:http';
import { metricsRegistry } from './metrics';

/**
 * Prometheus' `/metrics` on a port of its own (METRICS_PORT), never on the service's public
 * one: route names, error rates and memory are for operators. `/process` answers the pid, for
 * a launcher to tell its own child from another process that holds the port (deploy/local);
 * nothing else is served here.
 */
export function serveMetrics(host: string, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && path === '/metrics') {
      metricsRegistry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(text),
        () => res.writeHead(500).end(),
      );
    } else if (req.method === 'GET' && path === '/process') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ pid: process.pid }));
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
