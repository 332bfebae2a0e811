/** A piece of prose: plain text, or a link. */
export type ProsePiece = { kind: 'text'; value: string } | { kind: 'link'; value: string; url: string };

/** `\href` residue: `https://…/EQ-Net.git{https://github.com/…/EQ-Net}` is one link (target, then its text). */
const HREF_RESIDUE = /(https?:\/\/[^\s{}<>"]+)\{(https?:\/\/[^\s{}<>"]+)\}/g;
const URL = /https?:\/\/[^\s<>"{}\\^`|]+/g;

/** Drop what a URL cannot end with in prose: sentence punctuation and an unmatched `)`. */
function trimUrl(url: string): string {
  let trimmed = url.replace(/[.,;:!?'’”]+$/, '');
  while (trimmed.endsWith(')') && (trimmed.match(/\(/g)?.length ?? 0) < (trimmed.match(/\)/g)?.length ?? 0)) {
    trimmed = trimmed.slice(0, -1).replace(/[.,;:!?]+$/, '');
  }
  return trimmed;
}

/** Split prose into text and links: `\href` residue first, then bare URLs. Counts each kind. */
export function splitLinks(text: string, counts: Map<string, number>): ProsePiece[] {
  const pieces: ProsePiece[] = [];
  const pushText = (value: string) => {
    for (const piece of splitBareUrls(value, counts)) pieces.push(piece);
  };
  let last = 0;
  for (const match of text.matchAll(HREF_RESIDUE)) {
    pushText(text.slice(last, match.index));
    pieces.push({ kind: 'link', url: match[1], value: match[2] });
    counts.set('href-residue', (counts.get('href-residue') ?? 0) + 1);
    last = match.index + match[0].length;
  }
  pushText(text.slice(last));
  return pieces;
}

function splitBareUrls(text: string, counts: Map<string, number>): ProsePiece[] {
  const pieces: ProsePiece[] = [];
  let last = 0;
  for (const match of text.matchAll(URL)) {
    const url = trimUrl(match[0]);
    if (url.length <= 'https://'.length) continue;
    if (match.index > last) pieces.push({ kind: 'text', value: text.slice(last, match.index) });
    pieces.push({ kind: 'link', url, value: url });
    counts.set('bare-url', (counts.get('bare-url') ?? 0) + 1);
    last = match.index + url.length;
  }
  if (last < text.length) pieces.push({ kind: 'text', value: text.slice(last) });
  return pieces;
}
