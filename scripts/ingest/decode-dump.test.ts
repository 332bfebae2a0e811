import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeDump } from './decode-dump.ts';
import { readDump } from './parse.ts';

const LINES = 'Abstract: A naïve “Bayes” baseline, revisited.\nAbstract: Second one — with Ω.\n';

function utf16(text: string, endian: 'le' | 'be'): Uint8Array {
  const bytes = Buffer.from(`\uFEFF${text}`, 'utf16le');
  if (endian === 'be') bytes.swap16();
  return bytes;
}

test('should read UTF-16 LE and BE with a BOM (Notepad\'s "Unicode") as the text it holds', () => {
  for (const endian of ['le', 'be'] as const) {
    const parsed = readDump('seeds/u.txt', utf16(LINES, endian));
    assert.equal(parsed.format, 'abstract-lines', endian);
    assert.equal(parsed.encoding, `utf-16${endian}`);
    assert.deepEqual(parsed.records.map((record) => record.abstract), ['A naïve “Bayes” baseline, revisited.', 'Second one — with Ω.']);
    assert.deepEqual(parsed.messages, []);
  }
});

test('should drop a UTF-8 BOM and keep a U+FFFD that the source really holds, without a warning', () => {
  const decoded = decodeDump('seeds/a.txt', Buffer.from(`\uFEFFAbstract: keeps \uFFFD as written.\n`, 'utf8'));
  assert.deepEqual(decoded, { kind: 'text', text: 'Abstract: keeps \uFFFD as written.\n', encoding: 'utf-8', messages: [] });
});

test('should read bytes that are not UTF-8 as Windows-1252, warning at the first such byte', () => {
  const bytes = Buffer.from('Abstract: plain line.\nAbstract: a na\xEFve \x93quoted\x94 word \x80 5.\n', 'latin1');
  const decoded = decodeDump('seeds/w.txt', bytes);
  assert.equal(decoded.kind, 'text');
  assert.equal(decoded.kind === 'text' && decoded.text, 'Abstract: plain line.\nAbstract: a naïve “quoted” word € 5.\n');
  assert.deepEqual(decoded.messages, [{
    file: 'seeds/w.txt', line: 2, column: 15, severity: 'warning', ruleId: 'encoding',
    reason: 'Not valid UTF-8 (byte 0xEF); the file was read as Windows-1252 (4 bytes). If characters look wrong, save it again as UTF-8',
  }]);
});

test('should point at a stray byte right after a complete character', () => {
  const decoded = decodeDump('seeds/s.txt', Buffer.concat([Buffer.from('Abstract: é', 'utf8'), Buffer.from([0x80, 0x41])]));
  assert.equal(decoded.messages[0].reason.match(/byte 0x\w+/)?.[0], 'byte 0x80');
  assert.equal(decoded.messages[0].column, 12);
});

test('should point at the lead byte of a character cut off at the end of the file', () => {
  const bytes = Buffer.concat([Buffer.from('Abstract: ok é', 'utf8'), Buffer.from([0xe2, 0x80])]);
  const decoded = decodeDump('seeds/cut.txt', bytes);
  assert.equal(decoded.messages[0].ruleId, 'encoding');
  assert.deepEqual([decoded.messages[0].line, decoded.messages[0].column], [1, 15]);
});

test('should skip an empty or blank file with a warning', () => {
  for (const bytes of [new Uint8Array(0), Buffer.from(' \n\r\n\t\n'), Buffer.from([0xef, 0xbb, 0xbf]), utf16('\n', 'le')]) {
    const parsed = readDump('seeds/e.txt', bytes);
    assert.equal(parsed.format, 'empty');
    assert.deepEqual(parsed.records, []);
    assert.deepEqual(parsed.messages.map((message) => [message.severity, message.ruleId]), [['warning', 'empty-file']]);
  }
});

test('should name what a binary file looks like, as an error', () => {
  const cases: [Uint8Array, RegExp][] = [
    [Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), /^seeds\/x\.txt looks like a PDF, not a text dump/],
    [Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]), /^seeds\/x\.txt looks like a ZIP archive/],
    [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), /^seeds\/x\.txt looks like a PNG image/],
    [Buffer.from('Abstract: text\n\0\0\x01\x02'), /^seeds\/x\.txt looks like binary data, not a text dump \(it holds NUL bytes\)/],
  ];
  for (const [bytes, reason] of cases) {
    const parsed = readDump('seeds/x.txt', bytes);
    assert.equal(parsed.format, 'binary');
    assert.equal(parsed.messages.length, 1);
    assert.equal(parsed.messages[0].severity, 'error');
    assert.equal(parsed.messages[0].ruleId, 'not-text');
    assert.match(parsed.messages[0].reason, reason);
  }
  assert.deepEqual([readDump('seeds/x.txt', cases[3][0]).messages[0].line, readDump('seeds/x.txt', cases[3][0]).messages[0].column], [2, 1]);
});

test('should keep UTF-8 characters of a mostly Latin-1 file as UTF-8 and read only the stray bytes as Windows-1252', () => {
  // A Latin-1 bibliography (é as 0xE9) that also holds one UTF-8 `©` (0xC2 0xA9) and a UTF-8 `—`.
  const bytes = Buffer.concat([Buffer.from('Abstract: caf\xE9 na\xEFve ', 'latin1'), Buffer.from('© 2020 — ok', 'utf8'), Buffer.from(' \x93q\x94.\n', 'latin1')]);
  const decoded = decodeDump('seeds/mixed.txt', bytes);
  assert.equal(decoded.kind === 'text' && decoded.text, 'Abstract: café naïve © 2020 — ok “q”.\n');
  assert.equal(decoded.kind === 'text' && decoded.encoding, 'utf-8+windows-1252');
  assert.deepEqual(decoded.messages.map((message) => [message.ruleId, message.line, message.column]), [['encoding', 1, 14]]);
  assert.match(decoded.messages[0].reason, /4 bytes that are not UTF-8 were read as Windows-1252/);
});

test('should repair double-encoded UTF-8 with a notice at its line, and leave correct text alone', () => {
  const text = 'Abstract: Samples at 82Â° N near the cafÃ© (Ð¸Ñ\u0081Ñ\u0081Ð»ÐµÐ´Ð¾Ð²Ð°Ð½Ð¸Ðµ), donâ€™t.\nAbstract: São Paulo, Ångström, Å’? 3×² Ã or Â alone; naïve © 2020.\n';
  const decoded = decodeDump('seeds/moji.txt', Buffer.from(text, 'utf8'));
  assert.equal(decoded.kind === 'text' && decoded.text, 'Abstract: Samples at 82° N near the café (исследование), don’t.\nAbstract: São Paulo, Ångström, Œ? 3×² Ã or Â alone; naïve © 2020.\n');
  assert.deepEqual(decoded.messages.map((message) => [message.ruleId, message.line, message.column]), [['mojibake-repaired', 1, 24], ['mojibake-repaired', 2, 32]]);
  assert.match(decoded.messages[0].reason, /`Â°` → `°`/);
  const clean = 'Abstract: São Paulo, Ångström, Øresund, Þingvellir, naïve © 2020 — 3×10² “x”.\n';
  assert.deepEqual(decodeDump('seeds/clean.txt', Buffer.from(clean, 'utf8')), { kind: 'text', text: clean, encoding: 'utf-8', messages: [] });
});
