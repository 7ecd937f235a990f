// Browser tests connect to the one Chromium that test/support/browserServer.ts starts for the run.
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { chromium, type Browser } from 'playwright-core';
import { inject } from 'vitest';

export async function launchBrowser(): Promise<Browser> {
  const endpoint = inject('browserWsEndpoint');
  if (!endpoint) throw new Error('Ingen webbläsare: testet ska köras i vitest-projektet "browser" (npm test gör det).');
  return chromium.connect(endpoint);
}

/** Listens on a free loopback port; returns the base URL and a close function. */
export async function serve(app: Express): Promise<{ base: string; close: () => Promise<void> }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
