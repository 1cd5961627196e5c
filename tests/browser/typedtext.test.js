'use strict';
// Text a person types into fields named in CallbackFieldIDs reaches the handler as typed, markup-like
// text included (tests/TestSite/Habits/TypedText.aspx echoes both text boxes back).
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { useDevHostSite } = require('./harness');

const site = useDevHostSite('tests/TestSite');
const page = site.page;

test('typed text that request validation would refuse in a form reaches the handler as typed', page('typed-text', async (p) => {
  await p.goto(site.host().url + 'Habits/TypedText.aspx');
  await p.waitForFunction(() => window.Echo);
  for (const text of ['<b>', 'a&#b', '\uff1cscript\uff1e', '<img src=x onerror=alert(1)>']) {
    await p.fill('#Comment', text);
    await p.fill('#Notes', text + '\nsecond line');
    await p.evaluate(() => { document.getElementById('Answer').textContent = ''; });
    await p.click('#Send');
    await p.waitForFunction(() => document.getElementById('Answer').textContent !== '');
    const answer = JSON.parse(await p.textContent('#Answer'));
    assert.equal(answer.comment, text);
    assert.equal(answer.notes, text + '\nsecond line');
    // The text stays text: nothing of it became markup on the page.
    assert.equal(await p.locator('#Answer img, #Answer b').count(), 0);
  }
  assert.deepEqual(p.pageErrors, []);
  assert.deepEqual(p.consoleErrors, []);
}));
