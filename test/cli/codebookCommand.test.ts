// finsam codebook check | map --check: code-book files and mappings validated with a summary.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDbPath } from '../helpers.js';

const env = () => ({ FINSAM_DB: tempDbPath() });
const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-codebook-cli-'));
const write = (d: string, name: string, value: unknown) => {
  const file = path.join(d, name);
  fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
};

const old = {
  id: 'forbund-2023',
  name: 'Förbundet 2023',
  reasons: ['Arbete', 'Studier', 'Sjukdom', 'Övrigt'],
  workOrStudies: ['Arbete', 'Studier'],
};
const neu = {
  id: 'forbund-2024',
  name: 'Förbundet 2024',
  reasons: ['Arbete', 'Studier', 'Arbetssökande', 'Sjukdom/vård/behandling', 'Övrigt'],
  workOrStudies: ['Arbete', 'Studier'],
  aliases: { 'Sjukdom/vård/behandling': ['Sjukdom'] },
  groups: [{ name: 'Arbete, studier eller arbetssökande', reasons: ['Arbete', 'Studier', 'Arbetssökande'] }],
};

describe('finsam codebook check', () => {
  it('summarises a valid code book, its aliases and groups', async () => {
    const file = write(dir(), 'ny.json', neu);
    const r = await cli(['codebook', 'check', file], env());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Kodboken "Förbundet 2024" \(forbund-2024\) är giltig: 5 avslutsorsaker, 1 andra stavningar\./);
    expect(r.stdout).toMatch(/ {2}Sjukdom\/vård\/behandling {2}\(även: Sjukdom\)/);
    expect(r.stdout).toMatch(/Grupp "Arbete, studier eller arbetssökande": Arbete, Studier, Arbetssökande/);
    const sus = await cli(['codebook', 'check', 'sus', '--json'], env());
    expect(JSON.parse(sus.stdout)).toMatchObject({ id: 'sus', aliases: { 'Sjukdom/vård/behandling': ['Sjukdom'] } });
  });

  it('lists every problem of an invalid one and exits 1', async () => {
    const file = write(dir(), 'fel.json', {
      ...neu,
      reasons: [...neu.reasons, 'Sjukdom, vård, behandling'],
      aliases: { Övrigt: ['Arbete'] },
    });
    const r = await cli(['codebook', 'check', file], env());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/skiljer sig bara i skiljetecken/);
    expect(r.stderr).toMatch(/Stavningen "Arbete" för "Övrigt" i "aliases" är samma som avslutsorsaken "Arbete"/);
    expect((await cli(['codebook', 'check'], env())).code).toBe(2);
  });
});

describe('finsam codebook map --check', () => {
  it('validates a mapping whose code books lie next to it and names reasons without a source', async () => {
    const d = dir();
    write(d, 'forbund-2023.json', old);
    write(d, 'forbund-2024.json', neu);
    const mapping = write(d, 'map.json', {
      from: 'forbund-2023',
      to: 'forbund-2024',
      map: { Arbete: 'Arbete', Studier: 'Studier', Sjukdom: 'Sjukdom, vård, behandling', Övrigt: 'Övrigt' },
    });
    const r = await cli(['codebook', 'map', '--mapping', mapping, '--check'], env());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Mappningen från "Förbundet 2023" \(4 orsaker\) till "Förbundet 2024" \(5 orsaker\) är giltig/);
    expect(r.stdout).toMatch(/ {2}Sjukdom → Sjukdom\/vård\/behandling/);
    expect(r.stdout).toMatch(/Ingen orsak i "Förbundet 2023" motsvarar: Arbetssökande/);
    const json = await cli(['codebook', 'map', '--mapping', mapping, '--check', '--json'], env());
    expect(JSON.parse(json.stdout)).toEqual({
      from: 'forbund-2023',
      to: 'forbund-2024',
      map: { Arbete: 'Arbete', Studier: 'Studier', Sjukdom: 'Sjukdom/vård/behandling', Övrigt: 'Övrigt' },
      unreached: ['Arbetssökande'],
    });
  });

  it('refuses a mapping that leaves a reason out or names an unknown one', async () => {
    const d = dir();
    const from = write(d, 'gammal.json', old);
    const mapping = write(d, 'map.json', { from: 'forbund-2023', to: 'sus', map: { Arbete: 'Arbete', Studier: 'Plugg' } });
    const r = await cli(['codebook', 'map', '--mapping', mapping, '--check', '--from', from], env());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/"Studier" mappas till "Plugg", som inte finns i kodboken "sus"/);
    expect(r.stderr).toMatch(/saknas i "map": Sjukdom, Övrigt/);
    const missing = await cli(['codebook', 'map', '--mapping', mapping, '--check'], env());
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Kodboken "forbund-2023" i fältet "from" finns varken inbyggd eller som/);
    expect((await cli(['codebook', 'map', '--mapping', mapping], env())).code).toBe(2);
    expect((await cli(['codebook', 'map', '--mapping', write(d, 'trasig.json', '{ "from": '), '--check'], env())).stderr).toMatch(
      /inte giltig JSON/,
    );
  });
});
