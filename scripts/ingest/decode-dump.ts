import { lineIndex } from './bibliographic.ts';
import { fail, warn } from './messages.ts';
import { repairMojibake } from './repair-mojibake.ts';
import type { Message } from './types.ts';

/** What a dump's bytes turned out to be. */
export type DecodedDump =
  | { kind: 'text'; text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'utf-8+windows-1252'; messages: Message[] }
  | { kind: 'empty'; messages: Message[] }
  | { kind: 'binary'; messages: Message[] };

/** Signatures of files that people drop into a folder by mistake, first bytes → what they are. */
const SIGNATURES: readonly { bytes: readonly number[]; name: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], name: 'a PDF' }, // %PDF-
  { bytes: [0x50, 0x4b, 0x03, 0x04], name: 'a ZIP archive (or a .docx, .xlsx, .epub)' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], name: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], name: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], name: 'a GIF image' },
  { bytes: [0x1f, 0x8b], name: 'a gzip archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], name: 'a 7-Zip archive' },
  { bytes: [0x52, 0x61, 0x72, 0x21], name: 'a RAR archive' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], name: 'a program (ELF)' },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], name: 'an SQLite database' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], name: 'an old Office document (.doc, .xls)' },
];

/** Byte-order marks, longest first, and the encodings they announce. */
const BOMS = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
] as const;

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((byte, index) => bytes[index] === byte);

/** The text of strictly valid UTF-8, or undefined; with `stream`, a character cut at the end is not an error. */
function strictUtf8(bytes: Uint8Array, stream = false): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream });
  } catch {
    return undefined;
  }
}

/** Offset of the first byte that is not valid UTF-8 (bytes known to be invalid): the shortest prefix the strict decoder refuses. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  if (strictUtf8(bytes, true) !== undefined) {
    // Only the last character is cut short: point at its lead byte.
    let lead = bytes.length - 1;
    while (lead > 0 && bytes.length - lead < 4 && (bytes[lead] & 0xc0) === 0x80) lead -= 1;
    return lead;
  }
  let low = 1;
  let high = bytes.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (strictUtf8(bytes.subarray(0, middle), true) === undefined) high = middle;
    else low = middle + 1;
  }
  // The decoder refuses at the byte that breaks a sequence; the sequence began at its lead byte.
  const refused = low - 1;
  for (let back = 1; back <= 3 && refused - back >= 0; back += 1) {
    const byte = bytes[refused - back];
    if (byte >= 0xc0) return back < (byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2) ? refused - back : refused;
    if ((byte & 0xc0) !== 0x80) break;
  }
  return refused;
}

/** 1-based line and column (in characters) of a byte offset of UTF-8-like bytes. */
function placeOf(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let lineStart = 0;
  let line = 1;
  for (let index = 0; index < offset; index += 1) {
    if (bytes[index] === 0x0a) {
      line += 1;
      lineStart = index + 1;
    }
  }
  const before = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset), { stream: true });
  return { line, column: [...before].length + 1 };
}

/**
 * Turn a dump's bytes into text, once, for every parser: a BOM decides (UTF-8, UTF-16 LE or
 * BE); otherwise every well-formed UTF-8 sequence is UTF-8 and every other byte is read as
 * Windows-1252, the WHATWG fallback for legacy Western text, with a warning at the first byte
 * that is not UTF-8. Double-encoded UTF-8 is then repaired (repair-mojibake.ts).
 * Files that are empty, or not text at all (NUL bytes, a PDF or ZIP signature), are reported.
 */
export function decodeDump(file: string, bytes: Uint8Array): DecodedDump {
  const bom = BOMS.find((candidate) => startsWith(bytes, candidate.bytes));
  if (bom) {
    const text = new TextDecoder(bom.encoding).decode(bytes.subarray(bom.bytes.length));
    return text.trim() === '' ? empty(file) : withRepairs(file, { kind: 'text', text, encoding: bom.encoding, messages: [] });
  }
  const signature = SIGNATURES.find((candidate) => startsWith(bytes, candidate.bytes));
  if (signature) {
    return { kind: 'binary', messages: [fail(file, 1, 1, `${file} looks like ${signature.name}, not a text dump; move it out of the seeds folder, or export its text as a .txt file`, 'not-text')] };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const { line, column } = placeOf(bytes, nul);
    return {
      kind: 'binary',
      messages: [fail(file, line, column, `${file} looks like binary data, not a text dump (it holds NUL bytes); if it is UTF-16 text, save it again as UTF-8 or as UTF-16 with a byte-order mark`, 'not-text')],
    };
  }
  const utf8 = strictUtf8(bytes);
  if (utf8 !== undefined) return utf8.trim() === '' ? empty(file) : withRepairs(file, { kind: 'text', text: utf8, encoding: 'utf-8', messages: [] });
  const invalid = firstInvalidUtf8(bytes);
  const { text, stray, multiByte } = decodeMixed(bytes);
  if (text.trim() === '') return empty(file);
  const { line, column } = placeOf(bytes, invalid);
  const byte = bytes[invalid].toString(16).toUpperCase().padStart(2, '0');
  const count = `${stray.toLocaleString('en-US')} ${stray === 1 ? 'byte' : 'bytes'}`;
  const reason = multiByte
    ? `Not valid UTF-8 (byte 0x${byte}); ${count} that are not UTF-8 were read as Windows-1252, every UTF-8 character as UTF-8. If characters look wrong, save the file again as UTF-8`
    : `Not valid UTF-8 (byte 0x${byte}); the file was read as Windows-1252 (${count}). If characters look wrong, save it again as UTF-8`;
  return withRepairs(file, { kind: 'text', text, encoding: multiByte ? 'utf-8+windows-1252' : 'windows-1252', messages: [warn(file, line, column, reason, 'encoding')] });
}

/** The length of the well-formed UTF-8 multi-byte sequence at `index` (Unicode's table 3-7), or 0. */
function utf8SequenceAt(bytes: Uint8Array, index: number): number {
  const lead = bytes[index];
  const inRange = (offset: number, low = 0x80, high = 0xbf) => index + offset < bytes.length && bytes[index + offset] >= low && bytes[index + offset] <= high;
  if (lead >= 0xc2 && lead <= 0xdf) return inRange(1) ? 2 : 0;
  if (lead >= 0xe0 && lead <= 0xef) {
    const [low, high] = lead === 0xe0 ? [0xa0, 0xbf] : lead === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return inRange(1, low, high) && inRange(2) ? 3 : 0;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    const [low, high] = lead === 0xf0 ? [0x90, 0xbf] : lead === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return inRange(1, low, high) && inRange(2) && inRange(3) ? 4 : 0;
  }
  return 0;
}

/**
 * Bytes that are mostly one encoding and partly another (a Latin-1 bibliography that also holds
 * a UTF-8 `©`): every well-formed UTF-8 sequence is read as UTF-8, every other byte above 0x7F
 * as Windows-1252. ASCII is the same in both.
 */
function decodeMixed(bytes: Uint8Array): { text: string; stray: number; multiByte: boolean } {
  const utf8 = new TextDecoder('utf-8');
  const cp1252 = new TextDecoder('windows-1252');
  const parts: string[] = [];
  let start = 0;
  let stray = 0;
  let multiByte = false;
  let index = 0;
  while (index < bytes.length) {
    if (bytes[index] < 0x80) {
      index += 1;
      continue;
    }
    const length = utf8SequenceAt(bytes, index);
    if (length > 0) {
      multiByte = true;
      index += length;
      continue;
    }
    parts.push(utf8.decode(bytes.subarray(start, index)), cp1252.decode(bytes.subarray(index, index + 1)));
    stray += 1;
    index += 1;
    start = index;
  }
  parts.push(utf8.decode(bytes.subarray(start)));
  return { text: parts.join(''), stray, multiByte };
}

/** Repair double-encoded UTF-8 in decoded text, with a `mojibake-repaired` notice at each line changed. */
function withRepairs<T extends Extract<DecodedDump, { kind: 'text' }>>(file: string, decoded: T): T {
  const { text, repairs } = repairMojibake(decoded.text);
  if (repairs.length === 0) return decoded;
  const at = lineIndex(decoded.text);
  const byLine = new Map<number, { column: number; pairs: string[] }>();
  for (const repair of repairs) {
    const { line, column } = at(repair.offset);
    const entry = byLine.get(line) ?? { column, pairs: [] };
    const pair = `\`${repair.from}\` → \`${repair.to}\``;
    if (!entry.pairs.includes(pair)) entry.pairs.push(pair);
    byLine.set(line, entry);
  }
  const notices = [...byLine].map(([line, { column, pairs }]) =>
    warn(file, line, column, `Double-encoded UTF-8 repaired: ${pairs.slice(0, 5).join(', ')}${pairs.length > 5 ? ', …' : ''} (the text was once read in the wrong encoding); fix the export to silence this`, 'mojibake-repaired'));
  return { ...decoded, text, messages: [...decoded.messages, ...notices] };
}

function empty(file: string): DecodedDump {
  return { kind: 'empty', messages: [warn(file, 1, 1, 'The file is empty; it was skipped. Put dumps with abstracts in it, or remove it', 'empty-file')] };
}
