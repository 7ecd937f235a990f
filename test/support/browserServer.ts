// vitest globalSetup for the browser project: starts one Chromium for the whole run and gives its
// WebSocket address to every test file, which connects instead of launching its own (a launch costs
// about a second and a few hundred MB; the files run one after another anyway).
import type { TestProject } from 'vitest/node';
import { chromium } from 'playwright-core';

import { CHROMIUM_ARGS, resolveChromium } from './chromium.js';

declare module 'vitest' {
  export interface ProvidedContext {
    browserWsEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const found = await resolveChromium();
  const server = await chromium.launchServer({
    executablePath: found.executablePath,
    args: CHROMIUM_ARGS,
    env: { ...process.env, ...found.env } as Record<string, string>,
    timeout: 60_000,
  });
  console.log(`Webbläsartester: Chromium från ${found.source} (${found.executablePath})`);
  project.provide('browserWsEndpoint', server.wsEndpoint());
  return async () => {
    await server.close();
  };
}
