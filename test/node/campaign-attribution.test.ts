import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { campaignFromUrl } from '../../src/core/record/campaign-attribution.js';
import { readFormConfiguration } from '../../src/core/notice/form-configuration.js';
import { verifyConsentRecord } from '../../src/core/record/verify-consent-record.js';
import { type RunningConsentServer, startConsentServer } from '../../src/server/node-server.js';
import { signedSample } from '../support/sample-record.js';

const LANDING =
  'https://shop.example/spring?utm_source=meta&utm_medium=paid_social&utm_campaign=spring-2027&utm_content=video%20b' +
  '&fbclid=IwAR2xyz&gclid=Cj0KCQ&ctwa_clid=ARAkLkA&phone=%2B4915123456789&email=a%40b.example&utm_unknown=x#top';

describe('campaign attribution from the page query', () => {
  it('keeps the UTM parameters and the Google, Meta and click-to-WhatsApp click ids, and nothing else', () => {
    assert.deepEqual(campaignFromUrl(LANDING), {
      utm_source: 'meta',
      utm_medium: 'paid_social',
      utm_campaign: 'spring-2027',
      utm_content: 'video b',
      gclid: 'Cj0KCQ',
      fbclid: 'IwAR2xyz',
      ctwa_clid: 'ARAkLkA',
    });
  });

  it('records nothing for a page without campaign parameters, and drops a value too long rather than cutting it', () => {
    assert.equal(campaignFromUrl('https://shop.example/join?phone=%2B4915123456789'), undefined);
    assert.equal(campaignFromUrl('not a url'), undefined);
    assert.deepEqual(campaignFromUrl(`https://shop.example/?utm_source=${'x'.repeat(257)}&utm_medium=email`), { utm_medium: 'email' });
  });

  it('puts the campaign and the variant into the signed record, with the page URL still stripped to its path', async () => {
    const record = await signedSample({ pageUrl: LANDING, variant: 'spring-b' });
    assert.equal(record.collection.pageUrl, 'https://shop.example/spring');
    assert.equal(record.collection.campaign?.utm_campaign, 'spring-2027');
    assert.equal(record.collection.variant, 'spring-b');
    assert.doesNotMatch(JSON.stringify(record), /4915123456789.*4915123456789|a@b\.example|utm_unknown/);
    const result = await verifyConsentRecord(record);
    assert.equal(result.ok, true, JSON.stringify(result));
  });

  it('refuses a record whose campaign carries anything but the listed parameters', async () => {
    const record = await signedSample({ pageUrl: LANDING });
    (record.collection.campaign as Record<string, string>).phone = '+4915123456789';
    const result = await verifyConsentRecord(record);
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.errors.some((e) => e.path === '/collection/campaign/phone'), JSON.stringify(result));
  });

  it('reads a variant attribute, and reports one a report could not group by', () => {
    const base = {
      businessName: 'Shop',
      endpoint: '/consents',
      categories: 'offers',
      channel: '',
      privacyUrl: '',
      termsUrl: '',
      frequency: '',
      source: '',
      bsuid: '',
      jurisdiction: '',
      compliance: '',
    };
    assert.equal(readFormConfiguration({ ...base, variant: 'spring-b' }, 'https://shop.example/').config.variant, 'spring-b');
    const bad = readFormConfiguration({ ...base, variant: 'spring <b>' }, 'https://shop.example/');
    assert.equal(bad.config.variant, undefined);
    assert.deepEqual(
      bad.problems.map((p) => p.attribute),
      ['variant'],
    );
  });
});

describe('the receiver accepts and keeps the campaign', () => {
  let dir: string;
  let server: RunningConsentServer;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'optin-campaign-'));
    server = await startConsentServer({ db: join(dir, 'consents.db'), port: 0 });
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores a record with collection.campaign and collection.variant, and answers 4xx for an unknown campaign member', async () => {
    const post = (record: object) =>
      fetch(`${server.url}/consents`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(record) });
    const record = await signedSample({ pageUrl: LANDING, variant: 'spring-b', subject: { phone: '+4915123456780' } });
    const accepted = await post(record);
    assert.equal(accepted.status, 201, await accepted.clone().text());
    const odd = await signedSample({ pageUrl: LANDING, subject: { phone: '+4915123456781' } });
    (odd.collection.campaign as Record<string, string>).email = 'a@b.example';
    const refused = await post(odd);
    assert.ok(refused.status >= 400 && refused.status < 500, String(refused.status));
  });
});
