import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emailAddressProblem } from './email-address.ts';

test('the email trait is exactly one RFC 5322 addr-spec', () => {
  for (const good of [
    'ann@example.com',
    'a.b+tag@mail.example.co.uk',
    '"a b"@x.com',
    'a@[192.0.2.1]',
    "o'neil@x.io",
  ])
    assert.equal(emailAddressProblem(good), null, good);
  const fifty = Array.from({ length: 50 }, (_, i) => `r${i}@x.com`).join(', ');
  for (const bad of [
    fifty,
    'a@x.com,b@x.com',
    'a@x.com;b@x.com',
    'victim@x.com\r\nBcc: evil@x.com',
    'victim@x.com\nBcc: evil@x.com',
    'a@x.com\t',
    '"a"@x.com, "b"@x.com',
    '"a\r\nb"@x.com',
    'Ann <ann@x.com>',
    'ann',
    'ann@',
    '@x.com',
    'a..b@x.com',
    'josé@x.com',
    `${'a'.repeat(250)}@x.com`,
    '',
    42,
    ['a@x.com'],
    null,
  ])
    assert.notEqual(emailAddressProblem(bad), null, JSON.stringify(bad));
});
