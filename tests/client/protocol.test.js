'use strict';
// The wire format: how replies are read (parseReply) and how the callback parameter is written
// (encodeEnvelope).

const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { CC } = require('./support');

const { parseReply, encodeEnvelope } = CC.internals;
const PAYLOAD = '{"cc":1,"ok":true,"result":"echo:x"}';

function parseError(text) {
  try {
    parseReply(text);
  } catch (error) {
    return error;
  }
  assert.fail('parseReply accepted ' + JSON.stringify(text));
}

describe('parseReply', () => {
  test('parseReply reads the .NET "s" form without event validation', () => {
    const reply = parseReply('s' + PAYLOAD);
    assert.equal(reply.eventValidation, null);
    assert.deepEqual(reply.envelope, { cc: 1, ok: true, result: 'echo:x' });
  });

  test('parseReply reads the Mono form with an empty event validation value', () => {
    const reply = parseReply('0|' + PAYLOAD);
    assert.equal(reply.eventValidation, '');
    assert.equal(reply.envelope.result, 'echo:x');
  });

  test('parseReply reads the Mono form with event validation', () => {
    const reply = parseReply('4|ABCD' + PAYLOAD);
    assert.equal(reply.eventValidation, 'ABCD');
    assert.deepEqual(reply.envelope, { cc: 1, ok: true, result: 'echo:x' });
  });

  test('parseReply extracts an event validation value containing "|", "{" and base64 characters exactly', () => {
    const ev = 'a|b{"cc":1}|/+==';
    const reply = parseReply(ev.length + '|' + ev + PAYLOAD);
    assert.equal(reply.eventValidation, ev);
    assert.equal(reply.envelope.result, 'echo:x');
  });

  test('parseReply extracts a long multi-digit-length event validation value exactly', () => {
    const ev = '/wEdAAY' + 'x'.repeat(1200) + '|{';
    const reply = parseReply(ev.length + '|' + ev + '{"cc":1,"ok":true,"result":{"n":[1,2]}}');
    assert.equal(reply.eventValidation, ev);
    assert.deepEqual(reply.envelope.result, { n: [1, 2] });
  });

  test('parseReply reports a reply shorter than its event validation length as malformed', () => {
    const error = parseError('50|ABCD' + '{}');
    assert.ok(error instanceof CC.CallbackError);
    assert.equal(error.kind, 'malformed');
    assert.match(error.message, /truncated/);
  });

  test('parseReply reports an event validation value with no payload after it as malformed', () => {
    assert.equal(parseError('4|ABCD').kind, 'malformed');
  });

  test('parseReply reports an ASP.NET HTML error page as malformed', () => {
    const page = '<!DOCTYPE html>\r\n<html><head><title>Runtime Error</title></head><body>' +
      '<h1>Server Error in \'/\' Application.</h1></body></html>';
    const error = parseError(page);
    assert.equal(error.kind, 'malformed');
    assert.ok(!error.message.includes('<'), 'no markup in the message');
  });

  test('parseReply reports a login page (leading whitespace) as malformed', () => {
    const page = '\r\n\r\n<html><body><form method="post" action="Login.aspx?ReturnUrl=%2fEcho.aspx">' +
      '<input name="user"></form></body></html>';
    assert.equal(parseError(page).kind, 'malformed');
  });

  test('parseReply reports text that only looks like the "s" form as malformed', () => {
    assert.equal(parseError('session expired').kind, 'malformed');
    assert.equal(parseError('s<html></html>').kind, 'malformed');
  });

  test('parseReply reports a digit-led reply without "|" as malformed', () => {
    assert.equal(parseError('404 Not Found').kind, 'malformed');
  });

  test('parseReply reports JSON without the cc marker as malformed', () => {
    assert.equal(parseError('s{"ok":true,"result":"x"}').kind, 'malformed');
    assert.equal(parseError('0|{"ok":true,"result":"x"}').kind, 'malformed');
    assert.equal(parseError('s{"cc":2,"ok":true}').kind, 'malformed');
    assert.equal(parseError('s{"cc":"1","ok":true}').kind, 'malformed');
  });

  test('parseReply reports an envelope without a boolean ok as malformed', () => {
    assert.equal(parseError('s{"cc":1,"result":"x"}').kind, 'malformed');
    assert.equal(parseError('s{"cc":1,"ok":"true"}').kind, 'malformed');
  });

  test('parseReply reports JSON that is not an object as malformed', () => {
    for (const text of ['snull', 's"hello"', 's42', 's[1]', '0|true']) {
      assert.equal(parseError(text).kind, 'malformed', text);
    }
  });

  test('parseReply reports an empty or non-string reply as malformed', () => {
    assert.equal(parseError('').kind, 'malformed');
    assert.equal(parseError(undefined).kind, 'malformed');
    assert.equal(parseError(null).kind, 'malformed');
  });

  test('parseReply turns the "e" form into kind "server" with the first line as detail', () => {
    const error = parseError('eSystem.InvalidOperationException: Boom\n' +
      '   at Site.Echo.RaiseCallbackEvent(String arg) in /srv/Echo.aspx.cs:line 12\n' +
      '   at System.Web.UI.Page.ProcessRaiseCallbackEvent()');
    assert.ok(error instanceof CC.CallbackError);
    assert.ok(error instanceof Error);
    assert.equal(error.kind, 'server');
    assert.equal(error.detail, 'System.InvalidOperationException: Boom');
    assert.ok(!/RaiseCallbackEvent|line 12|Echo\.aspx\.cs/.test(error.message), 'stack trace kept out of the message');
  });

  test('parseReply keeps CRLF stack traces out of the "e" form detail', () => {
    const error = parseError('eObject reference not set to an instance of an object.\r\n  at Foo.Bar () [0x00000]\r\n  at Baz ()');
    assert.equal(error.kind, 'server');
    assert.equal(error.detail, 'Object reference not set to an instance of an object.');
    assert.ok(!error.detail.includes('\r'));
    assert.ok(!error.message.includes('Foo.Bar'));
  });

  test('parseReply caps the "e" form detail at 300 characters', () => {
    const error = parseError('e' + 'm'.repeat(1000));
    assert.equal(error.kind, 'server');
    assert.equal(error.detail, 'm'.repeat(300));
  });
});

describe('encodeEnvelope', () => {
  test('encodeEnvelope writes JSON with v:1, arg and state', () => {
    const json = encodeEnvelope('hello', { page: 2 });
    assert.deepEqual(JSON.parse(json), { v: 1, arg: 'hello', state: { page: 2 } });
  });

  test('encodeEnvelope sends a null state when the control has none', () => {
    assert.deepEqual(JSON.parse(encodeEnvelope('a')), { v: 1, arg: 'a', state: null });
    assert.deepEqual(JSON.parse(encodeEnvelope('a', null)), { v: 1, arg: 'a', state: null });
  });

  const HOSTILE = [
    '<script>alert(1)</script>',
    '"double" \'single\' `back`',
    '&#60;&#x3c;&lt;&amp;',
    'a;b|c||d',
    '\\ \\" \\u003c',
    '😀👍🏽 ok',
    'Привет мир · 日本語 · עברית · العربية',
    '<!-- --> <![CDATA[ ]]> </a> &',
    'line1\nline2\r\n\ttab\u2028\u2029'
  ];

  for (const text of HOSTILE) {
    test('encodeEnvelope escapes markup characters yet round-trips ' + JSON.stringify(text.slice(0, 24)), () => {
      const json = encodeEnvelope(text, { echo: text });
      assert.ok(!/[<>&]/.test(json), 'no raw <, > or & in ' + json);
      const parsed = JSON.parse(json);
      assert.equal(parsed.arg, text);
      assert.equal(parsed.state.echo, text);
      assert.equal(parsed.v, 1);
    });
  }
});
